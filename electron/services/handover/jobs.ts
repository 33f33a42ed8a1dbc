import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { isDiskFull, isVaultError } from '../../../db/errors';
import type { Logger } from '../../logger';
import type {
  HandoverJob,
  HandoverJobKind,
  HandoverJobProgress,
  HandoverJobResult,
} from './api-types';
import { HandoverError, type JobFailure } from './errors';
import type { ExportProgress } from './export';

const MAX_RUNNING_JOBS = 4;
const MAX_KEPT_JOBS = 20;

export type Output =
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

export interface RunningJob {
  readonly signal: AbortSignal;
  progress(update: Partial<HandoverJobProgress>): void;
  setOutput(output: Output): void;
}

/** A bundle being written, as the job's progress the screen shows. */
export function exportProgressOf(job: RunningJob): (progress: ExportProgress) => void {
  return (p) =>
    job.progress({
      phase: p.phase,
      clientsDone: p.clientsDone,
      clientsTotal: p.clientsTotal,
      bytesDone: p.bytesWritten,
    });
}

export function failureOf(error: unknown, signal: AbortSignal | undefined): JobFailure {
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

/** The jobs of one engine: running work, and finished work kept for its result and file. */
export class JobRegistry {
  readonly #now: () => Date;
  readonly #logger: Logger | undefined;
  readonly #jobs = new Map<string, Job>();
  #generation = 0;

  constructor(now: () => Date, logger: Logger | undefined) {
    this.#now = now;
    this.#logger = logger;
  }

  /** Counts locks: work started before the current one must not record what it did. */
  get generation(): number {
    return this.#generation;
  }

  isRunning(kind: HandoverJobKind): boolean {
    return [...this.#jobs.values()].some((j) => j.kind === kind && j.state === 'running');
  }

  start<R extends HandoverJobResult>(
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

  async settle(jobId: string): Promise<HandoverJob> {
    const job = this.#job(jobId);
    await job.done;
    return this.#view(job);
  }

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

  /** Forgets every job of a kind, running or not, with its file. */
  discardKind(kind: HandoverJobKind): void {
    for (const job of [...this.#jobs.values()]) if (job.kind === kind) this.discard(job.id);
  }

  output(jobId: string): Output {
    const job = this.#job(jobId);
    const output = job.output;
    if (job.state !== 'done' || !output) {
      throw new HandoverError('NOT_FOUND', 'This job has no file to download.', {
        what: 'download',
      });
    }
    return output;
  }

  lock(): void {
    this.#generation += 1;
    for (const job of this.#jobs.values()) if (job.state === 'running') job.controller.abort();
  }

  /** Forgets every job and its file (the last step of a lock). */
  clear(): void {
    for (const job of this.#jobs.values()) this.#dropOutput(job);
    this.#jobs.clear();
  }
}
