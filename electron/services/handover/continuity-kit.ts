import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../context';
import type { KitHandout } from '../continuity/handout';
import { issueKit as makeKit, parseShares, rebuildKey, wipeShares } from '../continuity/kit';
import { renderKeeperSheet } from '../continuity/kit-pdf';
import {
  bundleState,
  CONTINUITY_FILE,
  currentKit,
  dataFingerprint,
  getPlan,
  recordDrill,
  recordKit,
} from '../continuity/plan';
import type { DrillJobResult, KeeperSheetJobResult, KitJobResult } from './api-types';
import { practiceInfo } from './dossier-read';
import { type EngineContext, recorder } from './engine-context';
import { HandoverError } from './errors';
import { inspectBundle } from './import';
import type { Inspections } from './inspections';
import { failureOf } from './jobs';
import type { BundleSourceInput, Uploads } from './transfers';

/**
 * The emergency kit's jobs: issuing it, making one keeper's sheet at a time, rehearsing
 * with the shares, recovering with them. No job result, file or log line ever carries
 * more than one share: issuing keeps the shares in the engine's hand-out only, and each
 * sheet is its own job whose file holds one keeper's code.
 */

export function startIssueKit(
  engine: EngineContext,
  ctx: ServiceContext,
  handout: KitHandout,
  input: { threshold: number },
  refreshBundle: () => string,
): { jobId: string } {
  const plan = getPlan(ctx.db);
  if (plan.keepers.length < 2) {
    throw new HandoverError('CONTINUITY_NOT_READY', 'A kit needs at least two keepers.', {
      missing: 'keepers',
    });
  }
  if (input.threshold > plan.keepers.length) {
    throw new HandoverError('VALIDATION', 'k cannot exceed the number of keepers.', {
      field: 'threshold',
    });
  }
  const practice = practiceInfo(ctx.db);
  const host = engine.host;
  const issuedAt = engine.now();
  const generation = engine.jobs.generation;
  const jobId = engine.jobs.start(
    'kit',
    async (job): Promise<KitJobResult> => {
      job.progress({ phase: 'splitting' });
      const issued = await makeKit({ plan, threshold: input.threshold, issuedAt });
      try {
        job.signal.throwIfAborted();
        if (generation !== engine.jobs.generation) {
          throw new HandoverError('CANCELLED', 'Locked.');
        }
        const db = host.db();
        db.transaction(() => recordKit(recorder(db, engine.now()), issued.kit))();
      } catch (error) {
        wipeShares(issued.shares);
        throw error;
      }
      engine.jobs.discardKind('sheet');
      handout.hold({
        kit: issued.kit,
        plan,
        practice: { practice: practice.practice, coach: practice.coach },
        shares: issued.shares,
      });
      // The bundle on disk is still readable with the old shares: replace it now.
      let refreshJobId: string | null = null;
      if (getPlan(host.db()).bundleFolder) {
        try {
          refreshJobId = refreshBundle();
        } catch {
          refreshJobId = null;
        }
      }
      return { kit: issued.kit, refreshJobId };
    },
    { phase: 'splitting', clientsTotal: 0 },
  );
  return { jobId };
}

/**
 * One keeper's sheet as a PDF of its own. A new sheet job replaces the previous one, so
 * the engine never holds two keepers' sheets as files at once.
 */
export function startKeeperSheet(
  engine: EngineContext,
  handout: KitHandout,
  input: { kitId: string; keeper: number },
): { jobId: string } {
  // Refused now, with a clear code, when the kit is no longer being handed out.
  handout.share(input.kitId, input.keeper);
  engine.jobs.discardKind('sheet');
  const host = engine.host;
  const jobId = engine.jobs.start('sheet', async (job): Promise<KeeperSheetJobResult> => {
    job.progress({ phase: 'writing' });
    const { kit, plan, practice, share } = handout.share(input.kitId, input.keeper);
    const pdf = await renderKeeperSheet({ kit, share, plan, practice });
    // A lock, a new kit or 'all handed out' while rendering wiped the share: drop the sheet.
    if (job.signal.aborted || !handout.holds(kit.kitId)) {
      pdf.fill(0);
      throw new HandoverError('CANCELLED', 'The hand-out ended.');
    }
    const fileName = `noodpakket-blad-${share.number}-van-${kit.count}-${kit.kitId}.pdf`;
    job.setOutput({ kind: 'memory', content: pdf, fileName, mediaType: 'application/pdf' });
    handout.sheetMade(kit.kitId, share.number);
    const db = host.db();
    db.transaction(() =>
      recorder(db, engine.now()).audit('continuity.kit-sheet-made', null, {
        kitId: kit.kitId,
        keeper: share.number,
      }),
    )();
    return { kitId: kit.kitId, number: share.number, keeper: share.keeper, fileName };
  });
  return { jobId };
}

/** A rehearsal: rebuild the key from shares, open and verify the bundle, import nothing. */
export function startDrill(
  engine: EngineContext,
  ctx: ServiceContext,
  input: { shares: string[] },
): { jobId: string } {
  // Typos are reported now, naming the share and group, before any work starts.
  parseShares(input.shares);
  const plan = getPlan(ctx.db);
  if (!plan.bundleFolder) {
    throw new HandoverError('CONTINUITY_NOT_READY', 'No folder for the continuity bundle.', {
      missing: 'folder',
    });
  }
  const path = join(plan.bundleFolder, CONTINUITY_FILE);
  if (!existsSync(path)) {
    throw new HandoverError('CONTINUITY_NOT_READY', 'No continuity bundle written yet.', {
      missing: 'bundle',
    });
  }
  const kit = currentKit(ctx.db);
  const host = engine.host;
  const jobId = engine.jobs.start('drill', async (job): Promise<DrillJobResult> => {
    const at = engine.now();
    const record = (
      ok: boolean,
      outcome: string,
      extra: { kitId: string | null; bundleCreatedAt: string | null; clients: number | null },
    ): void => {
      const db = host.db();
      db.transaction(() =>
        recordDrill(recorder(db, engine.now()), { at: at.toISOString(), ok, outcome, ...extra }),
      )();
    };
    let rebuilt: Awaited<ReturnType<typeof rebuildKey>>;
    try {
      job.progress({ phase: 'combining' });
      rebuilt = await rebuildKey(input.shares);
    } catch (error) {
      record(false, failureOf(error, job.signal).code, {
        kitId: null,
        bundleCreatedAt: null,
        clients: null,
      });
      throw error;
    }
    const currentKitId = kit?.kitId ?? null;
    try {
      const { bundle, report } = await inspectBundle({
        db: () => host.db(),
        file: { path },
        key: { kind: 'identity', identity: rebuilt.identity },
        limits: engine.limits,
        signal: job.signal,
        onProgress: (p) =>
          job.progress({ phase: p.phase, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }),
      });
      bundle.wipe();
      await bundle.close();
      if (report.kind !== 'continuity') {
        throw new HandoverError('BUNDLE_UNSUPPORTED', 'Not a continuity bundle.', {
          reason: 'kind',
        });
      }
      const currentKit = rebuilt.kitId === currentKitId;
      const db = host.db();
      const state = bundleState(db);
      const bundleCurrent =
        currentKitId !== null &&
        state.fingerprint === dataFingerprint(db, currentKitId) &&
        state.writtenAt === report.createdAt;
      // A drill with shares of a replaced kit proves nothing about today's kit.
      const ok = currentKit;
      record(ok, ok ? 'ok' : 'old-kit', {
        kitId: rebuilt.kitId,
        bundleCreatedAt: report.createdAt,
        clients: report.clients.length,
      });
      return {
        drilledOn: at.toISOString(),
        kitId: rebuilt.kitId,
        currentKit,
        bundleCreatedAt: report.createdAt,
        clients: report.clients.length,
        files: report.totals.files,
        bundleCurrent,
      };
    } catch (error) {
      // Every failed drill is recorded, with the code the coach is shown.
      record(false, failureOf(error, job.signal).code, {
        kitId: rebuilt.kitId,
        bundleCreatedAt: null,
        clients: null,
      });
      throw error;
    }
  });
  return { jobId };
}

/** In the successor's vault: shares → key → the continuity bundle → inspection (then import). */
export function startRecover(
  uploads: Uploads,
  inspections: Inspections,
  input: { shares: string[]; source: BundleSourceInput },
): { jobId: string } {
  parseShares(input.shares);
  const source = uploads.source(input.source);
  return inspections.start('recover', source, async () => {
    const rebuilt = await rebuildKey(input.shares);
    return { kind: 'identity', identity: rebuilt.identity };
  });
}
