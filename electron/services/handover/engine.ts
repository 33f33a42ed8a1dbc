import { randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../../../db/atomic-file';
import { appendAudit } from '../../../db/audit';
import type { SqliteDatabase } from '../../../db/connection';
import { isDiskFull, isVaultError, VaultError } from '../../../db/errors';
import { assertStrongPassphrase } from '../../../db/passphrase-policy';
import { prepared } from '../../../db/statements';
import type { Logger } from '../../logger';
import { localDay } from '../clock';
import type { ServiceContext } from '../context';
import { issueKit as makeKit, parseShares, rebuildKey } from '../continuity/kit';
import {
  bundleState,
  CONTINUITY_FILE,
  CONTINUITY_README,
  type ContinuityPlanFields,
  closureLetterTemplate,
  currentKit,
  dataFingerprint,
  getPlan,
  lastDrill,
  type Recorder,
  recordBundleFailure,
  recordBundleWritten,
  recordDrill,
  recordKit,
  requireReady,
  savePlan,
  setBundleFolder,
  setClosureLetterTemplate,
} from '../continuity/plan';
import { checkShare, type ShareCheck } from '../continuity/shares';
import type { VaultSession } from '../vault-session';
import type { DecryptKey, OutputTarget, Protection, WriteHook } from './age-io';
import type {
  ContinuityStatus,
  DownloadChunk,
  DrillJobResult,
  ExportJobResult,
  HandoverJob,
  HandoverJobKind,
  HandoverJobProgress,
  HandoverJobResult,
  HandoverKey,
  InspectJobResult,
  KitJobResult,
  LetterTemplate,
  RefreshJobResult,
} from './api-types';
import type { OpenedBundle } from './bundle-reader';
import type { HandoverReason } from './bundle-schema';
import { TRANSFER_CHUNK_BYTES } from './contract';
import {
  type ClientSelection,
  type DossierSource,
  liveSource,
  practiceInfo,
  selectClients,
  snapshotSource,
} from './dossier-read';
import { HandoverError, type JobFailure } from './errors';
import { type BundleResult, writeBundle } from './export';
import { redeemPath } from './file-grants';
import { type ImportChoice, type InspectReport, importBundle, inspectBundle } from './import';
import { handoverKey, parseRecipient, recipientFileText } from './keys';
import { LIMITS, type Limits } from './limits';
import { DEFAULT_CLOSURE_LETTER, LETTER_PLACEHOLDERS } from './texts';

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

export interface EngineHost {
  readonly dir: string;
  /** The open database; throws VAULT_LOCKED when locked. */
  db(): SqliteDatabase;
  unlocked(): boolean;
}

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
const MAX_RUNNING_JOBS = 4;
const MAX_KEPT_JOBS = 20;
const MAX_INSPECTIONS = 3;
const MAX_UPLOADS = 3;
/** One call's worth of a transfer, as the contract allows (base64 in JSON over IPC). */
export const UPLOAD_CHUNK_BYTES = TRANSFER_CHUNK_BYTES;
export const DOWNLOAD_CHUNK_BYTES = TRANSFER_CHUNK_BYTES;
const WORK_FOLDER = '.handover';
const STALE_TEMP = /^\.dossierkluis-continuiteit\.age\.[0-9a-f]{12}\.tmp$/;

type Output =
  | { kind: 'file'; path: string; fileName: string; mediaType: string; bytes: number }
  | { kind: 'memory'; content: Buffer; fileName: string; mediaType: string };

interface Job {
  id: string;
  kind: HandoverJobKind;
  state: HandoverJob['state'];
  progress: HandoverJobProgress;
  startedAt: string;
  finishedAt: string | null;
  error: JobFailure | null;
  result: HandoverJobResult | null;
  controller: AbortController;
  output: Output | null;
  generation: number;
  done: Promise<void>;
}

interface RunningJob {
  readonly signal: AbortSignal;
  progress(update: Partial<HandoverJobProgress>): void;
  setOutput(output: Output): void;
}

interface Inspection {
  id: string;
  bundle: OpenedBundle;
  report: InspectReport;
  uploadId: string | null;
  busy: boolean;
}

interface Upload {
  id: string;
  path: string;
  total: number;
  received: number;
}

type PendingOutcome =
  | { ok: true; at: string; fingerprint: string; kitId: string; clients: number; bytes: number }
  | { ok: false; at: string; code: string };

export type BundleSourceInput = { readonly uploadId: string } | { readonly fileToken: string };

export type ExportOutput = { readonly download: true } | { readonly fileToken: string };

export interface ExportInput {
  clients: ClientSelection;
  reason: Exclude<HandoverReason, 'continuity' | 'access-request'>;
  to: string;
  recipient: { kind: 'key'; recipient: string } | { kind: 'passphrase'; passphrase: string };
  /** Closure: the letter template for this export (the stored one when absent). */
  letterTemplate?: string | undefined;
  output: ExportOutput;
}

export interface AccessExportInput {
  clientId: string;
  protection:
    | { kind: 'passphrase'; passphrase: string }
    | { kind: 'none'; acknowledgeUnencrypted: true };
  output: ExportOutput;
}

function failureOf(error: unknown, signal: AbortSignal | undefined): JobFailure {
  if (error instanceof HandoverError) return { code: error.code, detail: error.detail };
  if (signal?.aborted) return { code: 'CANCELLED', detail: {} };
  if (isVaultError(error, 'VAULT_LOCKED')) return { code: 'LOCKED', detail: {} };
  if (isVaultError(error, 'WEAK_PASSPHRASE'))
    return { code: 'WEAK_PASSPHRASE', detail: error.detail };
  if (isDiskFull(error)) return { code: 'DISK_FULL', detail: {} };
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
    return { code: 'LOCKED', detail: {} };
  }
  return { code: 'INTERNAL', detail: {} };
}

/** The coach's calendar day, for file names. */
function day(now: Date): string {
  return localDay(now);
}

const engines = new Set<HandoverEngine>();
const detached = new WeakMap<SqliteDatabase, HandoverEngine>();

export class HandoverEngine {
  readonly #host: EngineHost;
  readonly #now: () => Date;
  readonly #limits: Limits;
  readonly #lockSnapshot: LockBudget | Readonly<Record<string, LockBudget>>;
  /** How long the last full snapshot took per client, to skip one that cannot fit. */
  #snapshotMsPerClient = 0;
  readonly #scryptLogN: number;
  readonly #logger: Logger | undefined;
  readonly #writeHook: WriteHook | undefined;
  readonly #jobs = new Map<string, Job>();
  readonly #inspections = new Map<string, Inspection>();
  readonly #uploads = new Map<string, Upload>();
  #generation = 0;
  #cleanedFor: SqliteDatabase | undefined;
  #lockWrite: { controller: AbortController; done: Promise<void> } | undefined;
  #pending: PendingOutcome[] = [];
  /** True when the vault session tells this engine about every lock. */
  readonly attached: boolean;

  constructor(host: EngineHost, options: HandoverEngineOptions = {}, attached = false) {
    this.#host = host;
    this.#now = options.now ?? (() => new Date());
    this.#limits = options.limits ?? LIMITS;
    this.#lockSnapshot = options.lockSnapshot ?? DEFAULT_LOCK_SNAPSHOT;
    this.#scryptLogN = options.scryptLogN ?? 18;
    this.#logger = options.logger;
    this.#writeHook = options.writeHook;
    this.attached = attached;
    this.#clearWorkFolder();
  }

  // ---------------------------------------------------------------------------------
  // Plumbing
  // ---------------------------------------------------------------------------------

  get #workDir(): string {
    const dir = join(this.#host.dir, WORK_FOLDER);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  /** Only ciphertext ever lands here (uploaded bundles, bundles waiting to be downloaded). */
  #clearWorkFolder(): void {
    const dir = join(this.#host.dir, WORK_FOLDER);
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true, recursive: true });
  }

  #recorder(db: SqliteDatabase): Recorder {
    const now = this.#now();
    return {
      db,
      now,
      audit: (action, subject, details = {}) => appendAudit(db, action, subject, details, now),
    };
  }

  /**
   * Called at the start of every handler: empties staging left by a crash, and records
   * what the continuity bundle written after the last lock came to.
   */
  prepare(db: SqliteDatabase, afterCommit?: (work: () => void) => void): void {
    const committed = afterCommit ?? ((work: () => void) => work());
    if (this.#cleanedFor !== db) {
      const running = [...this.#jobs.values()].some(
        (j) => j.kind === 'import' && j.state === 'running',
      );
      if (!running) prepared(db, 'DELETE FROM handover_staging').run();
      committed(() => {
        this.#cleanedFor = db;
      });
    }
    const pending = [...this.#pending];
    if (pending.length === 0) return;
    const rec = this.#recorder(db);
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

  #start<R extends HandoverJobResult>(
    kind: HandoverJobKind,
    work: (job: RunningJob) => Promise<R>,
    initial: Partial<HandoverJobProgress> = {},
  ): string {
    const running = [...this.#jobs.values()].filter((j) => j.state === 'running').length;
    if (running >= MAX_RUNNING_JOBS) {
      throw new HandoverError('CONFLICT', 'Too much work at once; wait for a job to finish.', {
        reason: 'busy',
      });
    }
    this.#prune();
    const job: Job = {
      id: randomUUID(),
      kind,
      state: 'running',
      progress: {
        phase: 'starting',
        clientsDone: 0,
        clientsTotal: 0,
        bytesDone: 0,
        bytesTotal: null,
        ...initial,
      },
      startedAt: this.#now().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
      controller: new AbortController(),
      output: null,
      generation: this.#generation,
      done: Promise.resolve(),
    };
    this.#jobs.set(job.id, job);
    const handle: RunningJob = {
      signal: job.controller.signal,
      progress: (update) => {
        job.progress = { ...job.progress, ...update };
      },
      setOutput: (output) => {
        job.output = output;
      },
    };
    // Started on the next turn: the dispatcher's transaction has committed by then.
    job.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => work(handle))
      .then(
        (result) => {
          job.result = result;
          job.state = job.controller.signal.aborted ? 'cancelled' : 'done';
          if (job.state === 'cancelled') this.#dropOutput(job);
        },
        (error: unknown) => {
          job.error = failureOf(error, job.controller.signal);
          job.state = job.error.code === 'CANCELLED' ? 'cancelled' : 'failed';
          if (job.error.code === 'INTERNAL') this.#logger?.error(`handover.${kind}`, error);
          this.#dropOutput(job);
        },
      )
      .finally(() => {
        job.finishedAt = this.#now().toISOString();
      });
    return job.id;
  }

  #prune(): void {
    const finished = [...this.#jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - MAX_KEPT_JOBS + 1))) {
      this.#dropOutput(job);
      this.#jobs.delete(job.id);
    }
  }

  #dropOutput(job: Job): void {
    if (job.output?.kind === 'file') rmSync(job.output.path, { force: true });
    if (job.output?.kind === 'memory') job.output.content.fill(0);
    job.output = null;
  }

  #job(jobId: string): Job {
    const job = this.#jobs.get(jobId);
    if (!job) throw new HandoverError('NOT_FOUND', 'No such job.', { what: 'job' });
    return job;
  }

  #view(job: Job): HandoverJob {
    const download = job.output
      ? {
          fileName: job.output.fileName,
          mediaType: job.output.mediaType,
          bytes: job.output.kind === 'file' ? job.output.bytes : job.output.content.length,
        }
      : null;
    return {
      jobId: job.id,
      kind: job.kind,
      state: job.state,
      progress: { ...job.progress },
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      error: job.error,
      download: job.state === 'done' ? download : null,
      result: job.result,
    } as HandoverJob;
  }

  /** Waits for a job (tests, and the shell before quitting). */
  async settleJob(jobId: string): Promise<HandoverJob> {
    const job = this.#job(jobId);
    await job.done;
    return this.#view(job);
  }

  // ---------------------------------------------------------------------------------
  // Jobs: progress, cancel, download
  // ---------------------------------------------------------------------------------

  progress(jobId: string): HandoverJob {
    return this.#view(this.#job(jobId));
  }

  list(): HandoverJob[] {
    return [...this.#jobs.values()].map((job) => this.#view(job));
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.#job(jobId);
    if (job.state !== 'running') return { cancelled: false };
    job.controller.abort();
    return { cancelled: true };
  }

  discard(jobId: string): { discarded: true } {
    const job = this.#job(jobId);
    job.controller.abort();
    this.#dropOutput(job);
    this.#jobs.delete(jobId);
    return { discarded: true };
  }

  download(jobId: string, offset: number, length: number): DownloadChunk {
    const job = this.#job(jobId);
    const output = job.output;
    if (job.state !== 'done' || !output) {
      throw new HandoverError('NOT_FOUND', 'This job has no file to download.', {
        what: 'download',
      });
    }
    const total = output.kind === 'file' ? output.bytes : output.content.length;
    if (offset > total)
      throw new HandoverError('VALIDATION', 'Offset past the end.', { field: 'offset' });
    const size = Math.min(length, DOWNLOAD_CHUNK_BYTES, total - offset);
    let chunk: Buffer;
    if (output.kind === 'memory') {
      chunk = output.content.subarray(offset, offset + size);
    } else {
      chunk = Buffer.alloc(size);
      const fd = openSync(output.path, 'r');
      try {
        let read = 0;
        while (read < size) {
          const n = readSync(fd, chunk, read, size - read, offset + read);
          if (n === 0) break;
          read += n;
        }
      } finally {
        closeSync(fd);
      }
    }
    return {
      fileName: output.fileName,
      mediaType: output.mediaType,
      offset,
      length: chunk.length,
      totalBytes: total,
      done: offset + chunk.length >= total,
      chunkBase64: chunk.toString('base64'),
    };
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

  #outputTarget(
    output: ExportOutput,
    jobId: () => string,
    encrypted: boolean,
  ): { target: () => OutputTarget; savedTo: ExportJobResult['savedTo']; path: string | null } {
    if ('fileToken' in output) {
      const path = redeemPath(output.fileToken, 'save-bundle');
      return { target: () => ({ kind: 'file', path }), savedTo: 'chosen-file', path };
    }
    if (!encrypted) return { target: () => ({ kind: 'memory' }), savedTo: 'download', path: null };
    // Encrypted bundles wait for download in the vault's own folder: ciphertext only.
    return {
      target: () => ({ kind: 'file', path: join(this.#workDir, `${jobId()}.age`) }),
      savedTo: 'download',
      path: null,
    };
  }

  #protection(recipient: ExportInput['recipient']): Protection {
    if (recipient.kind === 'key') {
      return { kind: 'recipient', recipient: parseRecipient(recipient.recipient) };
    }
    try {
      assertStrongPassphrase(recipient.passphrase);
    } catch (error) {
      if (error instanceof VaultError) {
        throw new HandoverError('WEAK_PASSPHRASE', 'The passphrase is too weak.', error.detail);
      }
      throw error;
    }
    return { kind: 'passphrase', passphrase: recipient.passphrase, scryptLogN: this.#scryptLogN };
  }

  #runExport(options: {
    kind: 'export' | 'access-export';
    bundleKind: 'handover' | 'access';
    reason: HandoverReason;
    to: string;
    clientIds: string[];
    protection: Protection;
    output: ExportOutput;
    letterTemplate: string | null;
    fileName: string;
  }): { jobId: string } {
    let id = '';
    const encrypted = options.protection.kind !== 'none';
    const { target, savedTo } = this.#outputTarget(options.output, () => id, encrypted);
    const createdAt = this.#now();
    const host = this.#host;
    const generation = this.#generation;
    id = this.#start(
      options.kind,
      async (job): Promise<ExportJobResult> => {
        const source = liveSource(() => host.db(), options.clientIds, createdAt.toISOString());
        const to = target();
        const result = await writeBundle({
          source,
          kind: options.bundleKind,
          reason: options.reason,
          to: options.to,
          protection: options.protection,
          target: to,
          createdAt,
          letterTemplate: options.letterTemplate,
          signal: job.signal,
          ...(this.#writeHook ? { writeHook: this.#writeHook } : {}),
          onProgress: (p) =>
            job.progress({
              phase: p.phase,
              clientsDone: p.clientsDone,
              clientsTotal: p.clientsTotal,
              bytesDone: p.bytesWritten,
            }),
        });
        const mediaType = encrypted ? 'application/octet-stream' : 'application/zip';
        if (savedTo === 'download') {
          job.setOutput(
            to.kind === 'file'
              ? {
                  kind: 'file',
                  path: to.path,
                  fileName: options.fileName,
                  mediaType,
                  bytes: result.bytes,
                }
              : {
                  kind: 'memory',
                  content: result.content ?? Buffer.alloc(0),
                  fileName: options.fileName,
                  mediaType,
                },
          );
        }
        if (generation === this.#generation) this.#auditExport(options, result);
        return {
          fileName:
            to.kind === 'file' && savedTo === 'chosen-file'
              ? (to.path.split(/[\\/]/).pop() ?? '')
              : options.fileName,
          bytes: result.bytes,
          clients: result.clients.length,
          files: result.files,
          encryption:
            options.protection.kind === 'recipient'
              ? 'recipient'
              : options.protection.kind === 'passphrase'
                ? 'passphrase'
                : 'none',
          unencrypted: !encrypted,
          savedTo,
        };
      },
      { phase: 'writing', clientsTotal: options.clientIds.length },
    );
    return { jobId: id };
  }

  #auditExport(
    options: { bundleKind: string; reason: string; protection: Protection },
    result: BundleResult,
  ): void {
    const db = this.#host.db();
    const now = this.#now();
    db.transaction(() => {
      // Each dossier that left the vault, by pseudonym; then what left, in numbers.
      for (const client of result.clients) {
        appendAudit(
          db,
          'handover.client-exported',
          client.pseudonym,
          {
            kind: options.bundleKind,
            reason: options.reason,
          },
          now,
        );
      }
      appendAudit(
        db,
        'handover.exported',
        null,
        {
          kind: options.bundleKind,
          reason: options.reason,
          clients: result.clients.length,
          files: result.files,
          bytes: result.bytes,
          encryption: options.protection.kind,
        },
        now,
      );
    })();
  }

  startExport(ctx: ServiceContext, input: ExportInput): { jobId: string } {
    const protection = this.#protection(input.recipient);
    const clientIds = selectClients(ctx.db, input.clients);
    if (input.clients.kind === 'selected' && clientIds.length !== new Set(input.clients.ids).size) {
      throw new HandoverError('NOT_FOUND', 'A selected client is not in this vault.', {
        what: 'client',
      });
    }
    if (clientIds.length === 0) {
      throw new HandoverError('VALIDATION', 'No clients to hand over.', { field: 'clients' });
    }
    return this.#runExport({
      kind: 'export',
      bundleKind: 'handover',
      reason: input.reason,
      to: input.to,
      clientIds,
      protection,
      output: input.output,
      letterTemplate:
        input.reason === 'closure' ? (input.letterTemplate ?? closureLetterTemplate(ctx.db)) : null,
      fileName: `dossierkluis-overdracht-${day(ctx.now())}.age`,
    });
  }

  /** Right of access (AVG art. 15): one client's dossier, for the client, PDF + JSON. */
  startAccessExport(ctx: ServiceContext, input: AccessExportInput): { jobId: string } {
    const row = prepared(ctx.db, 'SELECT first_name, last_name FROM clients WHERE id = ?').get(
      input.clientId,
    ) as { first_name: string; last_name: string } | undefined;
    if (!row) throw new HandoverError('NOT_FOUND', 'No such client.', { what: 'client' });
    let protection: Protection;
    if (input.protection.kind === 'none') {
      if (input.protection.acknowledgeUnencrypted !== true) {
        throw new HandoverError('VALIDATION', 'An unencrypted export must be chosen explicitly.', {
          field: 'protection',
        });
      }
      protection = { kind: 'none' };
    } else {
      protection = this.#protection(input.protection);
    }
    const encrypted = protection.kind !== 'none';
    return this.#runExport({
      kind: 'access-export',
      bundleKind: 'access',
      reason: 'access-request',
      to: `${row.first_name} ${row.last_name}`.trim(),
      clientIds: [input.clientId],
      protection,
      output: input.output,
      letterTemplate: null,
      fileName: `dossier-inzage-${day(ctx.now())}.zip${encrypted ? '.age' : ''}`,
    });
  }

  // ---------------------------------------------------------------------------------
  // Upload (the browser path for bundles: ciphertext only, in the vault's folder)
  // ---------------------------------------------------------------------------------

  uploadBegin(totalBytes: number): { uploadId: string; chunkBytes: number } {
    if (this.#uploads.size >= MAX_UPLOADS) {
      throw new HandoverError('CONFLICT', 'Finish or discard an earlier upload first.', {
        reason: 'busy',
      });
    }
    if (totalBytes > this.#limits.bundleBytes) {
      throw new HandoverError('TOO_LARGE', 'The bundle is too large.', {
        what: 'bundle',
        limit: this.#limits.bundleBytes,
      });
    }
    const id = randomUUID();
    const path = join(this.#workDir, `${id}.upload`);
    closeSync(openSync(path, 'wx', 0o600));
    this.#uploads.set(id, { id, path, total: totalBytes, received: 0 });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  uploadChunk(
    uploadId: string,
    offset: number,
    chunkBase64: string,
  ): { received: number; complete: boolean } {
    const upload = this.#uploads.get(uploadId);
    if (!upload) throw new HandoverError('NOT_FOUND', 'No such upload.', { what: 'upload' });
    if (offset !== upload.received) {
      throw new HandoverError('CONFLICT', 'Chunks must arrive in order.', {
        reason: 'offset',
        expected: upload.received,
      });
    }
    const chunk = Buffer.from(chunkBase64, 'base64');
    if (upload.received + chunk.length > upload.total) {
      throw new HandoverError('TOO_LARGE', 'More bytes than announced.', {
        what: 'upload',
        limit: upload.total,
      });
    }
    const fd = openSync(upload.path, 'a');
    try {
      let written = 0;
      while (written < chunk.length) written += writeSync(fd, chunk, written);
    } catch (error) {
      throw isDiskFull(error) ? new HandoverError('DISK_FULL', 'The disk is full.') : error;
    } finally {
      closeSync(fd);
    }
    upload.received += chunk.length;
    return { received: upload.received, complete: upload.received === upload.total };
  }

  uploadDiscard(uploadId: string): { discarded: true } {
    const upload = this.#uploads.get(uploadId);
    if (upload) rmSync(upload.path, { force: true });
    this.#uploads.delete(uploadId);
    return { discarded: true };
  }

  #source(source: BundleSourceInput): { path: string; uploadId: string | null } {
    if ('uploadId' in source) {
      const upload = this.#uploads.get(source.uploadId);
      if (!upload) throw new HandoverError('NOT_FOUND', 'No such upload.', { what: 'upload' });
      if (upload.received !== upload.total) {
        throw new HandoverError('CONFLICT', 'The upload is not complete.', {
          reason: 'incomplete',
        });
      }
      return { path: upload.path, uploadId: upload.id };
    }
    return { path: redeemPath(source.fileToken, 'open-bundle'), uploadId: null };
  }

  // ---------------------------------------------------------------------------------
  // Inspect and import
  // ---------------------------------------------------------------------------------

  #startInspect(
    kind: 'inspect' | 'recover',
    source: { path: string; uploadId: string | null },
    key: () => Promise<DecryptKey>,
  ): { jobId: string } {
    if (this.#inspections.size >= MAX_INSPECTIONS) {
      throw new HandoverError('CONFLICT', 'Finish or discard an earlier inspection first.', {
        reason: 'busy',
      });
    }
    const host = this.#host;
    const generation = this.#generation;
    const jobId = this.#start(kind, async (job): Promise<InspectJobResult> => {
      const { bundle, report } = await inspectBundle({
        db: () => host.db(),
        file: { path: source.path },
        key: await key(),
        limits: this.#limits,
        signal: job.signal,
        onProgress: (p) =>
          job.progress({ phase: p.phase, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }),
      });
      if (job.signal.aborted || generation !== this.#generation) {
        bundle.wipe();
        await bundle.close();
        throw new HandoverError('CANCELLED', 'Cancelled.');
      }
      const id = randomUUID();
      this.#inspections.set(id, { id, bundle, report, uploadId: source.uploadId, busy: false });
      job.progress({ phase: 'done', clientsTotal: report.clients.length });
      return { ...report, inspectionId: id };
    });
    return { jobId };
  }

  startInspect(
    ctx: ServiceContext,
    input: {
      source: BundleSourceInput;
      key: { kind: 'vault' } | { kind: 'passphrase'; passphrase: string };
    },
  ): { jobId: string } {
    const source = this.#source(input.source);
    let key: DecryptKey;
    if (input.key.kind === 'passphrase') {
      key = { kind: 'passphrase', passphrase: input.key.passphrase };
    } else {
      const row = prepared(ctx.db, 'SELECT identity FROM handover_keys WHERE id = 1').get() as
        | { identity: string }
        | undefined;
      if (!row) {
        throw new HandoverError('BUNDLE_WRONG_KEY', 'This vault has no handover key yet.', {
          reason: 'no-key',
        });
      }
      key = { kind: 'identity', identity: row.identity };
    }
    return this.#startInspect('inspect', source, async () => key);
  }

  discardInspection(inspectionId: string): { discarded: true } {
    const inspection = this.#inspections.get(inspectionId);
    if (inspection && !inspection.busy) this.#closeInspection(inspection);
    return { discarded: true };
  }

  #closeInspection(inspection: Inspection): void {
    this.#inspections.delete(inspection.id);
    inspection.bundle.wipe();
    void inspection.bundle.close();
    if (inspection.uploadId) this.uploadDiscard(inspection.uploadId);
  }

  startImport(
    _ctx: ServiceContext,
    input: { inspectionId: string; existing: 'skip' | 'new'; choices?: ImportChoice[] | undefined },
  ): { jobId: string } {
    const inspection = this.#inspections.get(input.inspectionId);
    if (!inspection)
      throw new HandoverError('NOT_FOUND', 'No such inspection.', { what: 'inspection' });
    if (inspection.busy)
      throw new HandoverError('CONFLICT', 'Already importing.', { reason: 'busy' });
    if ([...this.#jobs.values()].some((j) => j.kind === 'import' && j.state === 'running')) {
      throw new HandoverError('CONFLICT', 'Another import is running.', { reason: 'busy' });
    }
    inspection.busy = true;
    const host = this.#host;
    let jobId: string;
    try {
      jobId = this.#start(
        'import',
        async (job) => {
          try {
            const db = () => host.db();
            return await importBundle({
              db,
              bundle: inspection.bundle,
              report: inspection.report,
              existing: input.existing,
              ...(input.choices ? { choices: input.choices } : {}),
              now: this.#now,
              signal: job.signal,
              onProgress: (p) =>
                job.progress({ phase: p.phase, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }),
              audit: (action, subject, details) =>
                appendAudit(host.db(), action, subject, details, this.#now()),
            });
          } finally {
            inspection.busy = false;
            this.#closeInspection(inspection);
          }
        },
        { phase: 'reading', clientsTotal: inspection.report.clients.length },
      );
    } catch (error) {
      inspection.busy = false;
      throw error;
    }
    return { jobId };
  }

  // ---------------------------------------------------------------------------------
  // Continuity
  // ---------------------------------------------------------------------------------

  continuity(ctx: ServiceContext): ContinuityStatus {
    const plan = getPlan(ctx.db);
    const kit = currentKit(ctx.db);
    const state = bundleState(ctx.db);
    const drill = lastDrill(ctx.db);
    const folder = plan.bundleFolder;
    const exists = folder !== null && existsSync(join(folder, CONTINUITY_FILE));
    return {
      plan,
      kit,
      bundle: {
        folderSet: folder !== null,
        folder,
        fileName: CONTINUITY_FILE,
        exists,
        writtenAt: state.writtenAt,
        clients: state.clients,
        bytes: state.bytes,
        kitCurrent: exists && kit !== null && state.kitId === kit.kitId,
        dataCurrent:
          exists && kit !== null && state.fingerprint === dataFingerprint(ctx.db, kit.kitId),
        lastFailure:
          state.failedAt && state.failure
            ? { at: state.failedAt, code: state.failure, trigger: state.failureTrigger ?? '' }
            : null,
        refreshOnLock: this.attached,
        refreshing:
          this.#lockWrite !== undefined ||
          [...this.#jobs.values()].some((j) => j.kind === 'refresh' && j.state === 'running'),
      },
      lastDrill: drill
        ? { at: drill.at, ok: drill.ok, outcome: drill.outcome, kitId: drill.kitId }
        : null,
    };
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
    if (folder !== null) {
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
    setBundleFolder({ db: ctx.db, now: ctx.now(), audit: ctx.audit }, folder);
    return this.continuity(ctx);
  }

  checkShare(text: string): ShareCheck {
    return checkShare(text);
  }

  startIssueKit(ctx: ServiceContext, input: { threshold: number }): { jobId: string } {
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
    const host = this.#host;
    const issuedAt = this.#now();
    const generation = this.#generation;
    const jobId = this.#start(
      'kit',
      async (job): Promise<KitJobResult> => {
        job.progress({ phase: 'splitting' });
        const issued = await makeKit({ plan, threshold: input.threshold, practice, issuedAt });
        job.signal.throwIfAborted();
        if (generation !== this.#generation) throw new HandoverError('CANCELLED', 'Locked.');
        const db = host.db();
        db.transaction(() => recordKit(this.#recorder(db), issued.kit))();
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
            refreshJobId = this.#startRefresh('kit');
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

  #continuitySource(db: SqliteDatabase, createdAt: Date): DossierSource {
    const host = this.#host;
    return liveSource(() => host.db(), selectClients(db, { kind: 'all' }), createdAt.toISOString());
  }

  #successorsText(db: SqliteDatabase): string {
    const names = getPlan(db).successors.map((s) => s.name);
    return names.length > 0
      ? `Opvolger(s) volgens continuïteitsplan: ${names.join(', ')}`
      : 'Continuïteitsplan';
  }

  /** The non-confidential note beside the bundle: what it is and who to ask. */
  #writeReadme(folder: string, kitId: string, at: string, practice: string): void {
    writeFileAtomic(
      join(folder, CONTINUITY_README),
      [
        'Dossierkluis — continuïteitsbundel',
        '',
        `${CONTINUITY_FILE} bevat de versleutelde cliëntdossiers van ${practice || 'deze praktijk'},`,
        'voor het geval de coach niet meer zelf kan handelen (ethische code TotalBalance, art. 2.28).',
        'Openen kan alleen met Dossierkluis (Continuïteit > Herstellen) en de deelsleutels van het',
        'noodpakket. Verwijder of verplaats dit bestand niet.',
        '',
        `Kit: ${kitId}`,
        `Bijgewerkt: ${at}`,
        '',
      ].join('\n'),
      0o644,
    );
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

  #startRefresh(trigger: 'manual' | 'kit'): string {
    const db = this.#host.db();
    const { kit, folder } = requireReady(db);
    if ([...this.#jobs.values()].some((j) => j.kind === 'refresh' && j.state === 'running')) {
      throw new HandoverError('CONFLICT', 'The continuity bundle is being written.', {
        reason: 'busy',
      });
    }
    this.#removeStaleTemps(folder);
    const createdAt = this.#now();
    const fingerprint = dataFingerprint(db, kit.kitId);
    const source = this.#continuitySource(db, createdAt);
    const to = this.#successorsText(db);
    const practice = source.practice.practice || source.practice.coach;
    const generation = this.#generation;
    return this.#start(
      'refresh',
      async (job): Promise<RefreshJobResult> => {
        let result: BundleResult;
        try {
          result = await writeBundle({
            source,
            kind: 'continuity',
            reason: 'continuity',
            to,
            protection: { kind: 'recipient', recipient: kit.recipient },
            target: { kind: 'file', path: join(folder, CONTINUITY_FILE) },
            createdAt,
            signal: job.signal,
            ...(this.#writeHook ? { writeHook: this.#writeHook } : {}),
            onProgress: (p) =>
              job.progress({
                phase: p.phase,
                clientsDone: p.clientsDone,
                clientsTotal: p.clientsTotal,
                bytesDone: p.bytesWritten,
              }),
          });
          this.#writeReadme(folder, kit.kitId, createdAt.toISOString(), practice);
        } catch (error) {
          if (generation === this.#generation && this.#host.unlocked()) {
            const failure = failureOf(error, job.signal);
            const current = this.#host.db();
            current.transaction(() =>
              recordBundleFailure(this.#recorder(current), {
                at: this.#now().toISOString(),
                code: failure.code,
                trigger,
              }),
            )();
          }
          throw error;
        }
        const current = this.#host.db();
        current.transaction(() =>
          recordBundleWritten(this.#recorder(current), {
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
  }

  startRefresh(_ctx: ServiceContext): { jobId: string } {
    return { jobId: this.#startRefresh('manual') };
  }

  /** A rehearsal: rebuild the key from shares, open and verify the bundle, import nothing. */
  startDrill(ctx: ServiceContext, input: { shares: string[] }): { jobId: string } {
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
    const host = this.#host;
    const jobId = this.#start('drill', async (job): Promise<DrillJobResult> => {
      const at = this.#now();
      const record = (
        ok: boolean,
        outcome: string,
        extra: { kitId: string | null; bundleCreatedAt: string | null; clients: number | null },
      ): void => {
        const db = host.db();
        db.transaction(() =>
          recordDrill(this.#recorder(db), { at: at.toISOString(), ok, outcome, ...extra }),
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
          limits: this.#limits,
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
        if (
          !(
            error instanceof HandoverError &&
            error.code === 'BUNDLE_UNSUPPORTED' &&
            error.detail.reason === 'kind'
          )
        ) {
          record(false, failureOf(error, job.signal).code, {
            kitId: rebuilt.kitId,
            bundleCreatedAt: null,
            clients: null,
          });
        } else {
          record(false, 'BUNDLE_UNSUPPORTED', {
            kitId: rebuilt.kitId,
            bundleCreatedAt: null,
            clients: null,
          });
        }
        throw error;
      }
    });
    return { jobId };
  }

  /** In the successor's vault: shares → key → the continuity bundle → inspection (then import). */
  startRecover(
    _ctx: ServiceContext,
    input: { shares: string[]; source: BundleSourceInput },
  ): { jobId: string } {
    parseShares(input.shares);
    const source = this.#source(input.source);
    return this.#startInspect('recover', source, async () => {
      const rebuilt = await rebuildKey(input.shares);
      return { kind: 'identity', identity: rebuilt.identity };
    });
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
    this.#generation += 1;
    for (const job of this.#jobs.values()) if (job.state === 'running') job.controller.abort();
    let db: SqliteDatabase | undefined;
    try {
      db = this.#host.db();
      prepared(db, 'DELETE FROM handover_staging').run();
    } catch (error) {
      this.#logger?.error('handover.lock-cleanup', error);
    }
    if (db && reason !== 'restore') {
      try {
        this.#continuityOnLock(db, reason);
      } catch (error) {
        this.#logger?.error('continuity.lock', error);
        try {
          const rec = this.#recorder(db);
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
    for (const inspection of [...this.#inspections.values()]) this.#closeInspection(inspection);
    for (const upload of [...this.#uploads.keys()]) this.uploadDiscard(upload);
    for (const job of this.#jobs.values()) this.#dropOutput(job);
    this.#jobs.clear();
    this.#cleanedFor = undefined;
  }

  #continuityOnLock(db: SqliteDatabase, reason: string): void {
    const plan = getPlan(db);
    const kit = currentKit(db);
    if (!plan.bundleFolder || !kit) return;
    const folder = plan.bundleFolder;
    const fingerprint = dataFingerprint(db, kit.kitId);
    const state = bundleState(db);
    const target = join(folder, CONTINUITY_FILE);
    if (state.fingerprint === fingerprint && existsSync(target)) return;
    const at = this.#now();
    const rec = this.#recorder(db);
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
    const to = this.#successorsText(db);
    const practice = source.practice.practice || source.practice.coach;
    // The newest lock wins: an older write still running is cancelled (its temp file goes).
    this.#lockWrite?.controller.abort();
    this.#lockWrite = undefined;
    if (![...this.#jobs.values()].some((j) => j.kind === 'refresh' && j.state === 'running')) {
      this.#removeStaleTemps(folder);
    }
    const controller = new AbortController();
    const done = writeBundle({
      source,
      kind: 'continuity',
      reason: 'continuity',
      to,
      protection: { kind: 'recipient', recipient: kit.recipient },
      target: { kind: 'file', path: target },
      createdAt: at,
      signal: controller.signal,
      ...(this.#writeHook ? { writeHook: this.#writeHook } : {}),
    })
      .then((result) => {
        this.#writeReadme(folder, kit.kitId, at.toISOString(), practice);
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
        this.#logger?.error('continuity.lock-write', error);
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
      if (engine.#host.unlocked() && engine.#host.db() === ctx.db) {
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
