import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../context';
import { issueKit as makeKit, parseShares, rebuildKey } from '../continuity/kit';
import {
  bundleState,
  CONTINUITY_FILE,
  currentKit,
  dataFingerprint,
  getPlan,
  recordDrill,
  recordKit,
} from '../continuity/plan';
import type { DrillJobResult, KitJobResult } from './api-types';
import { practiceInfo } from './dossier-read';
import { type EngineContext, recorder } from './engine-context';
import { HandoverError } from './errors';
import { inspectBundle } from './import';
import type { Inspections } from './inspections';
import { failureOf } from './jobs';
import type { BundleSourceInput, Uploads } from './transfers';

/** The emergency kit's jobs: issuing it, rehearsing with its shares, recovering with them. */

export function startIssueKit(
  engine: EngineContext,
  ctx: ServiceContext,
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
      const issued = await makeKit({ plan, threshold: input.threshold, practice, issuedAt });
      job.signal.throwIfAborted();
      if (generation !== engine.jobs.generation) throw new HandoverError('CANCELLED', 'Locked.');
      const db = host.db();
      db.transaction(() => recordKit(recorder(db, engine.now()), issued.kit))();
      const fileName = `noodpakket-${issued.kit.kitId}.pdf`;
      job.setOutput({
        kind: 'memory',
        content: issued.pdf,
        fileName,
        mediaType: 'application/pdf',
      });
      // The bundle on disk is still readable with the old shares: replace it now.
      let refreshJobId: string | null = null;
      if (getPlan(db).bundleFolder) {
        try {
          refreshJobId = refreshBundle();
        } catch {
          refreshJobId = null;
        }
      }
      return { kit: issued.kit, shares: issued.shares, pdfFileName: fileName, refreshJobId };
    },
    { phase: 'splitting', clientsTotal: 0 },
  );
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
