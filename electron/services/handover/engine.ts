import type { SqliteDatabase } from '../../../db/connection';
import { VaultError } from '../../../db/errors';
import { prepared } from '../../../db/statements';
import type { Logger } from '../../logger';
import type { ServiceContext } from '../context';
import { KitHandout } from '../continuity/handout';
import {
  type ContinuityPlanFields,
  closureLetterTemplate,
  recordBundleFailure,
  savePlan,
  setBundleFolder,
  setClosureLetterTemplate,
} from '../continuity/plan';
import { checkShare, type ShareCheck } from '../continuity/shares';
import type { VaultSession } from '../vault-session';
import { AGE_SCRYPT_LOG_N, type WriteHook } from './age-io';
import type {
  ContinuityStatus,
  DownloadChunk,
  HandoverJob,
  HandoverKey,
  LetterTemplate,
} from './api-types';
import type { LockBudget } from './continuity-bundle';
import { assertBundleFolder, ContinuityBundle, DEFAULT_LOCK_SNAPSHOT } from './continuity-bundle';
import { startDrill, startIssueKit, startKeeperSheet, startRecover } from './continuity-kit';
import { continuityStatus } from './continuity-status';
import { practiceInfo } from './dossier-read';
import { type EngineContext, type EngineHost, recorder } from './engine-context';
import {
  type AccessExportInput,
  type ExportInput,
  startAccessExport,
  startExport,
} from './export-jobs';
import { redeemPath } from './file-grants';
import type { ImportChoice } from './import';
import { Inspections } from './inspections';
import { JobRegistry } from './jobs';
import { handoverKey, recipientFileText } from './keys';
import { LIMITS, type Limits } from './limits';
import { sweepPlaintextLeftovers } from './plaintext-journal';
import { DEFAULT_CLOSURE_LETTER, LETTER_PLACEHOLDERS } from './texts';
import { type BundleSourceInput, clearWorkFolder, readChunk, Uploads } from './transfers';

export { DEFAULT_LOCK_SNAPSHOT, type LockBudget } from './continuity-bundle';
export type { EngineHost } from './engine-context';
export type { AccessExportInput, ExportInput, ExportOutput } from './export-jobs';
export { type BundleSourceInput, DOWNLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES } from './transfers';

/**
 * The long work of handover and continuity, run off the dispatcher's transaction: every
 * start call validates, then returns a job id at once; the work runs as streams and
 * reports progress (`handover.progress`), can be cancelled (`handover.cancel`), and its
 * output (a bundle, the kit's PDF) is fetched in chunks (`handover.download`).
 *
 * One engine serves one vault session. The app attaches it with `attachHandover` so it
 * hears every lock: running work is cancelled (no partial file stays), staged imports
 * are dropped, keys held for an inspection are wiped, and the continuity bundle is
 * brought up to date from a snapshot taken while the database is still open.
 */

export interface HandoverEngineOptions {
  readonly now?: () => Date;
  readonly limits?: Limits;
  /**
   * What a lock may spend reading the practice for the continuity bundle: one budget, or
   * one per lock reason (an idle lock has nobody waiting; a suspend has little time).
   */
  readonly lockSnapshot?: LockBudget | Readonly<Record<string, LockBudget>>;
  /** age scrypt work factor for passphrase bundles (age's own default: 18). */
  readonly scryptLogN?: number;
  readonly logger?: Logger;
  /** Test seam: runs before each write of a bundle to its target. */
  readonly writeHook?: WriteHook;
}

const engines = new Set<HandoverEngine>();
const detached = new WeakMap<SqliteDatabase, HandoverEngine>();

export class HandoverEngine {
  readonly #context: EngineContext;
  readonly #jobs: JobRegistry;
  readonly #uploads: Uploads;
  readonly #inspections: Inspections;
  readonly #continuity: ContinuityBundle;
  readonly #handout = new KitHandout();
  #cleanedFor: SqliteDatabase | undefined;
  /** True when the vault session tells this engine about every lock. */
  readonly attached: boolean;

  constructor(host: EngineHost, options: HandoverEngineOptions = {}, attached = false) {
    const now = options.now ?? (() => new Date());
    this.#jobs = new JobRegistry(now, options.logger);
    this.#context = {
      host,
      jobs: this.#jobs,
      now,
      limits: options.limits ?? LIMITS,
      scryptLogN: options.scryptLogN ?? AGE_SCRYPT_LOG_N,
      logger: options.logger,
      writeHook: options.writeHook,
    };
    this.#uploads = new Uploads(this.#context);
    this.#inspections = new Inspections(this.#context, this.#uploads);
    this.#continuity = new ContinuityBundle(
      this.#context,
      options.lockSnapshot ?? DEFAULT_LOCK_SNAPSHOT,
    );
    this.attached = attached;
    clearWorkFolder(host.dir);
  }

  /**
   * Called at the start of every handler: empties staging left by a crash, and records
   * what the continuity bundle written after the last lock came to.
   */
  prepare(db: SqliteDatabase, afterCommit?: (work: () => void) => void): void {
    const committed = afterCommit ?? ((work: () => void) => work());
    if (this.#cleanedFor !== db) {
      if (!this.#jobs.isRunning('import')) prepared(db, 'DELETE FROM handover_staging').run();
      committed(() => {
        this.#cleanedFor = db;
      });
    }
    this.#continuity.recordLockOutcomes(db, committed);
  }

  /** Waits for a job (tests, and the shell before quitting). */
  async settleJob(jobId: string): Promise<HandoverJob> {
    return this.#jobs.settle(jobId);
  }

  // ---------------------------------------------------------------------------------
  // Jobs: progress, cancel, download
  // ---------------------------------------------------------------------------------

  progress(jobId: string): HandoverJob {
    return this.#jobs.progress(jobId);
  }

  list(): HandoverJob[] {
    return this.#jobs.list();
  }

  cancel(jobId: string): { cancelled: boolean } {
    return this.#jobs.cancel(jobId);
  }

  discard(jobId: string): { discarded: true } {
    return this.#jobs.discard(jobId);
  }

  download(jobId: string, offset: number, length: number): DownloadChunk {
    return readChunk(this.#jobs.output(jobId), offset, length);
  }

  // ---------------------------------------------------------------------------------
  // The vault's handover key
  // ---------------------------------------------------------------------------------

  key(ctx: ServiceContext): HandoverKey {
    const key = handoverKey(ctx.db, ctx.now(), () => ctx.audit('handover.key-created', null, {}));
    const practice = practiceInfo(ctx.db);
    return {
      recipient: key.recipient,
      createdAt: key.createdAt,
      fileName: 'dossierkluis-overdrachtssleutel.txt',
      fileText: recipientFileText(key, practice.practice || practice.coach),
    };
  }

  letterTemplate(ctx: ServiceContext): LetterTemplate {
    const stored = closureLetterTemplate(ctx.db);
    return {
      template: stored ?? DEFAULT_CLOSURE_LETTER,
      isDefault: stored === null,
      placeholders: [...LETTER_PLACEHOLDERS],
    };
  }

  saveLetterTemplate(ctx: ServiceContext, template: string | null): LetterTemplate {
    setClosureLetterTemplate(ctx.db, template);
    return this.letterTemplate(ctx);
  }

  // ---------------------------------------------------------------------------------
  // Export
  // ---------------------------------------------------------------------------------

  startExport(ctx: ServiceContext, input: ExportInput): { jobId: string } {
    return startExport(this.#context, ctx, input);
  }

  startAccessExport(ctx: ServiceContext, input: AccessExportInput): { jobId: string } {
    return startAccessExport(this.#context, ctx, input);
  }

  // ---------------------------------------------------------------------------------
  // Upload (the browser path for bundles: ciphertext only, in the vault's folder)
  // ---------------------------------------------------------------------------------

  uploadBegin(totalBytes: number): { uploadId: string; chunkBytes: number } {
    return this.#uploads.begin(totalBytes);
  }

  uploadChunk(
    uploadId: string,
    offset: number,
    chunkBase64: string,
  ): { received: number; complete: boolean } {
    return this.#uploads.chunk(uploadId, offset, chunkBase64);
  }

  uploadDiscard(uploadId: string): { discarded: true } {
    return this.#uploads.discard(uploadId);
  }

  // ---------------------------------------------------------------------------------
  // Inspect and import
  // ---------------------------------------------------------------------------------

  startInspect(
    ctx: ServiceContext,
    input: {
      source: BundleSourceInput;
      key: { kind: 'vault' } | { kind: 'passphrase'; passphrase: string };
    },
  ): { jobId: string } {
    return this.#inspections.inspect(ctx.db, this.#uploads.source(input.source), input.key);
  }

  discardInspection(inspectionId: string): { discarded: true } {
    return this.#inspections.discard(inspectionId);
  }

  startImport(
    _ctx: ServiceContext,
    input: { inspectionId: string; existing: 'skip' | 'new'; choices?: ImportChoice[] | undefined },
  ): { jobId: string } {
    return this.#inspections.startImport(input);
  }

  // ---------------------------------------------------------------------------------
  // Continuity
  // ---------------------------------------------------------------------------------

  continuity(ctx: ServiceContext): ContinuityStatus {
    return continuityStatus(ctx.db, {
      refreshOnLock: this.attached,
      refreshing: this.#continuity.refreshing,
      handout: this.#handout.status(),
      interrupted: this.#handout.interrupted(),
    });
  }

  savePlan(ctx: ServiceContext, fields: ContinuityPlanFields): ContinuityStatus {
    savePlan({ db: ctx.db, now: ctx.now(), audit: ctx.audit }, fields);
    return this.continuity(ctx);
  }

  /** The folder for the continuity bundle, from the shell's folder dialog (a token). */
  setBundleFolder(ctx: ServiceContext, folderToken: string | null): ContinuityStatus {
    const folder = folderToken === null ? null : redeemPath(folderToken, 'bundle-folder');
    return this.setBundleFolderPath(ctx, folder);
  }

  /** Service form for the shell and tests: an absolute path the coach chose. */
  setBundleFolderPath(ctx: ServiceContext, folder: string | null): ContinuityStatus {
    if (folder !== null) assertBundleFolder(folder);
    setBundleFolder({ db: ctx.db, now: ctx.now(), audit: ctx.audit }, folder);
    return this.continuity(ctx);
  }

  checkShare(text: string): ShareCheck {
    return checkShare(text);
  }

  startIssueKit(ctx: ServiceContext, input: { threshold: number }): { jobId: string } {
    return startIssueKit(this.#context, ctx, this.#handout, input, () =>
      this.#continuity.startRefresh('kit'),
    );
  }

  /** One keeper's sheet (a PDF with that keeper's code only), while the kit is handed out. */
  startKeeperSheet(
    _ctx: ServiceContext,
    input: { kitId: string; keeper: number },
  ): {
    jobId: string;
  } {
    return startKeeperSheet(this.#context, this.#handout, input);
  }

  /** Every sheet is handed out: the shares are wiped and only the kit's public data stays. */
  finishHandout(ctx: ServiceContext, input: { kitId: string }): ContinuityStatus {
    const sheets = this.#handout.finish(input.kitId);
    this.#jobs.discardKind('sheet');
    ctx.audit('continuity.kit-handed-out', null, { kitId: input.kitId, sheets });
    return this.continuity(ctx);
  }

  /** Share bytes still held in memory (tests: none once handed out or locked). */
  get heldShareBytes(): number {
    return this.#handout.heldShareBytes;
  }

  startRefresh(_ctx: ServiceContext): { jobId: string } {
    return { jobId: this.#continuity.startRefresh('manual') };
  }

  /** A rehearsal: rebuild the key from shares, open and verify the bundle, import nothing. */
  startDrill(ctx: ServiceContext, input: { shares: string[] }): { jobId: string } {
    return startDrill(this.#context, ctx, input);
  }

  /** In the successor's vault: shares → key → the continuity bundle → inspection (then import). */
  startRecover(
    _ctx: ServiceContext,
    input: { shares: string[]; source: BundleSourceInput },
  ): { jobId: string } {
    return startRecover(this.#uploads, this.#inspections, input);
  }

  // ---------------------------------------------------------------------------------
  // Lock
  // ---------------------------------------------------------------------------------

  /**
   * Runs inside VaultSession.lock(), before the database closes. Never throws and never
   * waits: running work is cancelled, secrets held for inspections are wiped, and the
   * continuity bundle is refreshed from a snapshot read now (within a time and size
   * budget) and written after the lock. A failure is recorded, not thrown.
   */
  onLock(reason: string): void {
    const { host, logger } = this.#context;
    this.#handout.wipeAtLock();
    this.#jobs.lock();
    let db: SqliteDatabase | undefined;
    try {
      db = host.db();
      prepared(db, 'DELETE FROM handover_staging').run();
    } catch (error) {
      logger?.error('handover.lock-cleanup', error);
    }
    if (db && reason !== 'restore') {
      try {
        this.#continuity.onLock(db, reason);
      } catch (error) {
        logger?.error('continuity.lock', error);
        try {
          const rec = recorder(db, this.#context.now());
          recordBundleFailure(rec, {
            at: rec.now.toISOString(),
            code: 'INTERNAL',
            trigger: 'lock',
          });
        } catch {
          // Nothing more can be done while the vault closes.
        }
      }
    }
    this.#inspections.closeAll();
    this.#uploads.discardAll();
    this.#jobs.clear();
    this.#cleanedFor = undefined;
  }

  /** Resolves when the bundle written after a lock is on disk, or after `timeoutMs`. */
  async settle(timeoutMs = 30_000): Promise<boolean> {
    return this.#continuity.settle(timeoutMs);
  }

  #detach: (() => void) | undefined;

  detachWith(stop: () => void): void {
    this.#detach = stop;
  }

  /** Forgets this engine (the session is going away). */
  dispose(): void {
    this.#detach?.();
    engines.delete(this);
  }

  static register(engine: HandoverEngine): void {
    engines.add(engine);
  }

  /** The engine for a data call: the attached one of this vault, else a detached one. */
  static for(ctx: ServiceContext): HandoverEngine {
    for (const engine of engines) {
      const host = engine.#context.host;
      if (host.unlocked() && host.db() === ctx.db) {
        engine.prepare(ctx.db, ctx.afterCommit);
        return engine;
      }
    }
    let engine = detached.get(ctx.db);
    if (!engine) {
      const db = ctx.db;
      engine = new HandoverEngine({
        dir: ctx.vaultDir,
        db: () => {
          if (!db.open) throw new VaultError('VAULT_LOCKED', 'The vault is locked.');
          return db;
        },
        unlocked: () => db.open,
      });
      detached.set(ctx.db, engine);
    }
    engine.prepare(ctx.db, ctx.afterCommit);
    return engine;
  }
}

/**
 * Attaches the handover engine to the app's vault session: one line in main.ts (and in
 * the test harness) after the session is made. Without it the methods still work, but
 * nothing is refreshed or cleaned up at lock (continuity.get reports refreshOnLock: false).
 */
export function attachHandover(
  session: VaultSession,
  options: HandoverEngineOptions = {},
): HandoverEngine {
  // A plaintext export or download a crash cut off last time goes before anything else.
  const swept = sweepPlaintextLeftovers(session.dir);
  if (swept > 0) options.logger?.info('handover.leftovers-removed', { files: swept });
  const engine = new HandoverEngine(
    {
      dir: session.dir,
      db: () => session.db,
      unlocked: () => session.state === 'unlocked',
    },
    options,
    true,
  );
  engine.detachWith(session.onLock((reason) => engine.onLock(reason)));
  HandoverEngine.register(engine);
  return engine;
}
