import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../../../db/atomic-file';
import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';
import {
  bundleState,
  CONTINUITY_FILE,
  CONTINUITY_README,
  currentKit,
  dataFingerprint,
  getPlan,
  recordBundleFailure,
  recordBundleWritten,
  requireReady,
} from '../continuity/plan';
import type { RefreshJobResult } from './api-types';
import { type DossierSource, liveSource, selectClients, snapshotSource } from './dossier-read';
import { type EngineContext, recorder } from './engine-context';
import { HandoverError } from './errors';
import { type BundleResult, type ExportProgress, writeBundle } from './export';
import { exportProgressOf, failureOf } from './jobs';

/**
 * The continuity bundle in the coach's folder: written on demand (a job) and at every
 * lock when the data changed, from a snapshot read before the database closes.
 */

export interface LockBudget {
  readonly ms: number;
  readonly bytes: number;
}

/**
 * Lock-time budgets. Reading the whole practice means decrypting every page of the
 * database: about 1.5 s (warm) to 4 s (cold) for the 1,000-client benchmark practice on
 * the 2-core reference machine. Past the budget the refresh is skipped and recorded.
 */
export const DEFAULT_LOCK_SNAPSHOT: Readonly<Record<string, LockBudget>> = {
  idle: { ms: 8_000, bytes: 1024 ** 3 },
  quit: { ms: 5_000, bytes: 1024 ** 3 },
  user: { ms: 3_000, bytes: 1024 ** 3 },
  'screen-locked': { ms: 3_000, bytes: 1024 ** 3 },
  suspend: { ms: 1_500, bytes: 1024 ** 3 },
  default: { ms: 3_000, bytes: 1024 ** 3 },
};

function isBudget(value: unknown): value is LockBudget {
  return typeof value === 'object' && value !== null && 'ms' in value && 'bytes' in value;
}
const STALE_TEMP = /^\.dossierkluis-continuiteit\.age\.[0-9a-f]{12}\.tmp$/;

type PendingOutcome =
  | { ok: true; at: string; fingerprint: string; kitId: string; clients: number; bytes: number }
  | { ok: false; at: string; code: string };

export function assertBundleFolder(folder: string): void {
  if (!isAbsolute(folder) || !existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new HandoverError('TARGET_UNAVAILABLE', 'The folder is not there.', {
      reason: 'ENOENT',
    });
  }
  // Prove it can be written before relying on it at every lock.
  const probe = join(folder, `.dossierkluis-probe-${randomBytes(4).toString('hex')}`);
  try {
    writeFileAtomic(probe, 'probe');
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new HandoverError('TARGET_UNAVAILABLE', 'The folder cannot be written.', {
      reason: typeof code === 'string' ? code : 'write',
    });
  }
}

function continuitySource(
  engine: EngineContext,
  db: SqliteDatabase,
  createdAt: Date,
): DossierSource {
  const host = engine.host;
  return liveSource(() => host.db(), selectClients(db, { kind: 'all' }), createdAt.toISOString());
}

function successorsText(db: SqliteDatabase): string {
  const names = getPlan(db).successors.map((s) => s.name);
  return names.length > 0
    ? `Opvolger(s) volgens continuïteitsplan: ${names.join(', ')}`
    : 'Continuïteitsplan';
}

/** The non-confidential note beside the bundle: what it is and who to ask. */
export function continuityReadmeText(kitId: string, at: string, practice: string): string {
  return [
    'Dossierkluis — continuïteitsbundel',
    '',
    `${CONTINUITY_FILE} bevat de versleutelde cliëntdossiers van ${practice || 'deze praktijk'},`,
    'voor het geval de coach niet meer zelf kan handelen (ethische code TotalBalance, art. 2.28).',
    'Openen kan alleen met Dossierkluis, onder',
    'Praktijk › Overdracht › Herstellen met het noodpakket, en met de delen van de',
    'noodsleutel die de bewaarders hebben. Verwijder of verplaats dit bestand niet.',
    '',
    `Bijgewerkt: ${at}`,
    '',
    `Technische details: noodpakket ${kitId}`,
    '',
  ].join('\n');
}

function writeReadme(folder: string, kitId: string, at: string, practice: string): void {
  writeFileAtomic(
    join(folder, CONTINUITY_README),
    continuityReadmeText(kitId, at, practice),
    0o644,
  );
}

/**
 * The bundle of all dossiers to the kit's key, in place of the previous one. A cancelled
 * write that already completed is kept: it is valid and has replaced the previous bundle.
 */
function writeContinuity(
  engine: EngineContext,
  options: {
    source: DossierSource;
    to: string;
    recipient: string;
    folder: string;
    createdAt: Date;
    signal: AbortSignal;
    onProgress?: (progress: ExportProgress) => void;
  },
): Promise<BundleResult> {
  return writeBundle({
    source: options.source,
    kind: 'continuity',
    reason: 'continuity',
    removeWhenCancelled: false,
    to: options.to,
    protection: { kind: 'recipient', recipient: options.recipient },
    target: { kind: 'file', path: join(options.folder, CONTINUITY_FILE) },
    createdAt: options.createdAt,
    signal: options.signal,
    ...(engine.writeHook ? { writeHook: engine.writeHook } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

export class ContinuityBundle {
  readonly #engine: EngineContext;
  readonly #lockSnapshot: LockBudget | Readonly<Record<string, LockBudget>>;
  /** How long the last full snapshot took per client, to skip one that cannot fit. */
  #snapshotMsPerClient = 0;
  #lockWrite: { controller: AbortController; done: Promise<void> } | undefined;
  #pending: PendingOutcome[] = [];

  constructor(
    engine: EngineContext,
    lockSnapshot: LockBudget | Readonly<Record<string, LockBudget>>,
  ) {
    this.#engine = engine;
    this.#lockSnapshot = lockSnapshot;
  }

  get refreshing(): boolean {
    return this.#lockWrite !== undefined || this.#engine.jobs.isRunning('refresh');
  }

  /** Records what the writes after earlier locks came to, once the database is open again. */
  recordLockOutcomes(db: SqliteDatabase, committed: (work: () => void) => void): void {
    const pending = [...this.#pending];
    if (pending.length === 0) return;
    const rec = recorder(db, this.#engine.now());
    db.transaction(() => {
      for (const outcome of pending) {
        const current = bundleState(db);
        if (outcome.ok) {
          // A manual refresh after the lock may already have written a newer bundle.
          if (current.writtenAt && current.writtenAt > outcome.at) continue;
          recordBundleWritten(rec, { ...outcome, trigger: 'lock' });
        } else {
          recordBundleFailure(rec, { at: outcome.at, code: outcome.code, trigger: 'lock' });
        }
      }
    })();
    // Forgotten only once the call's transaction committed; a rolled-back call retries.
    committed(() => {
      this.#pending = this.#pending.filter((outcome) => !pending.includes(outcome));
    });
  }

  #cancelLockWrite(): void {
    this.#lockWrite?.controller.abort();
    this.#lockWrite = undefined;
  }

  /** Temp files a write cut off by a crash or a quit left beside the bundle (ciphertext). */
  #removeStaleTemps(folder: string): void {
    if (this.#lockWrite) return;
    try {
      for (const name of readdirSync(folder)) {
        if (STALE_TEMP.test(name)) rmSync(join(folder, name), { force: true });
      }
    } catch {
      // The folder may be gone; the write that follows reports it.
    }
  }

  startRefresh(trigger: 'manual' | 'kit'): string {
    const engine = this.#engine;
    const db = engine.host.db();
    const { kit, folder } = requireReady(db);
    if (engine.jobs.isRunning('refresh')) {
      throw new HandoverError('CONFLICT', 'The continuity bundle is being written.', {
        reason: 'busy',
      });
    }
    const createdAt = engine.now();
    const fingerprint = dataFingerprint(db, kit.kitId);
    const source = continuitySource(engine, db, createdAt);
    const to = successorsText(db);
    const practice = source.practice.practice || source.practice.coach;
    const generation = engine.jobs.generation;
    const jobId = engine.jobs.start(
      'refresh',
      async (job): Promise<RefreshJobResult> => {
        let result: BundleResult;
        try {
          result = await writeContinuity(engine, {
            source,
            to,
            recipient: kit.recipient,
            folder,
            createdAt,
            signal: job.signal,
            onProgress: exportProgressOf(job),
          });
          writeReadme(folder, kit.kitId, createdAt.toISOString(), practice);
        } catch (error) {
          if (generation === engine.jobs.generation && engine.host.unlocked()) {
            const failure = failureOf(error, job.signal);
            const current = engine.host.db();
            current.transaction(() =>
              recordBundleFailure(recorder(current, engine.now()), {
                at: engine.now().toISOString(),
                code: failure.code,
                trigger,
              }),
            )();
          }
          throw error;
        }
        const current = engine.host.db();
        current.transaction(() =>
          recordBundleWritten(recorder(current, engine.now()), {
            at: createdAt.toISOString(),
            fingerprint,
            kitId: kit.kitId,
            clients: result.clients.length,
            bytes: result.bytes,
            trigger,
          }),
        )();
        return {
          writtenAt: createdAt.toISOString(),
          clients: result.clients.length,
          bytes: result.bytes,
          kitId: kit.kitId,
          fileName: CONTINUITY_FILE,
        };
      },
      { phase: 'writing', clientsTotal: source.clientIds.length },
    );
    // Only now that the refresh will run (its work starts on a later turn): a write from the
    // last lock holds an older snapshot, perhaps for a kit just replaced, and left running
    // it could finish last and put that over this newer bundle.
    this.#cancelLockWrite();
    this.#removeStaleTemps(folder);
    return jobId;
  }

  /** Reads the snapshot now, inside the lock; the write runs after the database closed. */
  onLock(db: SqliteDatabase, reason: string): void {
    const engine = this.#engine;
    const plan = getPlan(db);
    const kit = currentKit(db);
    if (!plan.bundleFolder || !kit) return;
    const folder = plan.bundleFolder;
    const fingerprint = dataFingerprint(db, kit.kitId);
    const state = bundleState(db);
    const target = join(folder, CONTINUITY_FILE);
    if (state.fingerprint === fingerprint && existsSync(target)) return;
    const at = engine.now();
    const rec = recorder(db, engine.now());
    const budgets = this.#lockSnapshot;
    const budget = isBudget(budgets)
      ? budgets
      : (budgets[reason] ?? budgets.default ?? { ms: 3_000, bytes: 1024 ** 3 });
    const clients = (prepared(db, 'SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    // A practice the last lock could not read in time is not tried again at full cost.
    if (this.#snapshotMsPerClient * clients > budget.ms * 1.5) {
      recordBundleFailure(rec, { at: at.toISOString(), code: 'LOCK_BUDGET', trigger: 'lock' });
      return;
    }
    const started = performance.now();
    const { source, read } = snapshotSource(db, at.toISOString(), budget);
    this.#snapshotMsPerClient = (performance.now() - started) / Math.max(1, read);
    if (!source) {
      recordBundleFailure(rec, { at: at.toISOString(), code: 'LOCK_BUDGET', trigger: 'lock' });
      return;
    }
    const to = successorsText(db);
    const practice = source.practice.practice || source.practice.coach;
    // The newest lock wins: an older write still running is cancelled (its temp file goes).
    this.#cancelLockWrite();
    if (!engine.jobs.isRunning('refresh')) {
      this.#removeStaleTemps(folder);
    }
    const controller = new AbortController();
    const done = writeContinuity(engine, {
      source,
      to,
      recipient: kit.recipient,
      folder,
      createdAt: at,
      signal: controller.signal,
    })
      .then((result) => {
        writeReadme(folder, kit.kitId, at.toISOString(), practice);
        this.#pending.push({
          ok: true,
          at: at.toISOString(),
          fingerprint,
          kitId: kit.kitId,
          clients: result.clients.length,
          bytes: result.bytes,
        });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        engine.logger?.error('continuity.lock-write', error);
        this.#pending.push({
          ok: false,
          at: at.toISOString(),
          code: failureOf(error, undefined).code,
        });
      })
      .finally(() => {
        if (this.#lockWrite?.controller === controller) this.#lockWrite = undefined;
      });
    this.#lockWrite = { controller, done };
  }

  /** Resolves when the bundle written after a lock is on disk, or after `timeoutMs`. */
  async settle(timeoutMs = 30_000): Promise<boolean> {
    const write = this.#lockWrite;
    if (!write) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
    });
    const finished = await Promise.race([write.done.then(() => true), timeout]);
    clearTimeout(timer);
    return finished;
  }
}
