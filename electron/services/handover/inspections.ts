import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../../db/audit';
import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';
import type { DecryptKey } from './age-io';
import type { InspectJobResult } from './api-types';
import type { OpenedBundle } from './bundle-reader';
import type { EngineContext } from './engine-context';
import { HandoverError } from './errors';
import { type ImportChoice, type InspectReport, importBundle, inspectBundle } from './import';
import type { RunningJob } from './jobs';
import type { Uploads } from './transfers';

/**
 * Bundles opened and verified, held (with their file key) until they are imported or
 * discarded; a lock wipes them all.
 */

const MAX_INSPECTIONS = 3;

interface Inspection {
  id: string;
  bundle: OpenedBundle;
  report: InspectReport;
  uploadId: string | null;
  busy: boolean;
}

export class Inspections {
  readonly #engine: EngineContext;
  readonly #uploads: Uploads;
  readonly #inspections = new Map<string, Inspection>();
  /** Inspect jobs still running: each will hold a bundle too, so they count to the limit. */
  #opening = 0;

  constructor(engine: EngineContext, uploads: Uploads) {
    this.#engine = engine;
    this.#uploads = uploads;
  }

  start(
    kind: 'inspect' | 'recover',
    source: { path: string; uploadId: string | null },
    key: () => Promise<DecryptKey>,
  ): { jobId: string } {
    if (this.#inspections.size + this.#opening >= MAX_INSPECTIONS) {
      throw new HandoverError('CONFLICT', 'Finish or discard an earlier inspection first.', {
        reason: 'busy',
      });
    }
    const engine = this.#engine;
    const generation = engine.jobs.generation;
    const jobId = engine.jobs.start(kind, async (job): Promise<InspectJobResult> => {
      try {
        return await this.#open(job, source, key, generation);
      } finally {
        this.#opening -= 1;
      }
    });
    // Counted once the job exists; its work starts on a later turn, after this.
    this.#opening += 1;
    return { jobId };
  }

  async #open(
    job: RunningJob,
    source: { path: string; uploadId: string | null },
    key: () => Promise<DecryptKey>,
    generation: number,
  ): Promise<InspectJobResult> {
    const engine = this.#engine;
    const host = engine.host;
    const { bundle, report } = await inspectBundle({
      db: () => host.db(),
      file: { path: source.path },
      key: await key(),
      limits: engine.limits,
      signal: job.signal,
      onProgress: (p) =>
        job.progress({ phase: p.phase, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }),
    });
    if (job.signal.aborted || generation !== engine.jobs.generation) {
      bundle.wipe();
      await bundle.close();
      throw new HandoverError('CANCELLED', 'Cancelled.');
    }
    const id = randomUUID();
    this.#inspections.set(id, { id, bundle, report, uploadId: source.uploadId, busy: false });
    job.progress({ phase: 'done', clientsTotal: report.clients.length });
    return { ...report, inspectionId: id };
  }

  /** An inspection with the vault's own handover key, or a passphrase. */
  inspect(
    db: SqliteDatabase,
    source: { path: string; uploadId: string | null },
    input: { kind: 'vault' } | { kind: 'passphrase'; passphrase: string },
  ): { jobId: string } {
    let key: DecryptKey;
    if (input.kind === 'passphrase') {
      key = { kind: 'passphrase', passphrase: input.passphrase };
    } else {
      const row = prepared(db, 'SELECT identity FROM handover_keys WHERE id = 1').get() as
        | { identity: string }
        | undefined;
      if (!row) {
        throw new HandoverError('BUNDLE_WRONG_KEY', 'This vault has no handover key yet.', {
          reason: 'no-key',
        });
      }
      key = { kind: 'identity', identity: row.identity };
    }
    return this.start('inspect', source, async () => key);
  }

  discard(inspectionId: string): { discarded: true } {
    const inspection = this.#inspections.get(inspectionId);
    if (inspection && !inspection.busy) this.#close(inspection);
    return { discarded: true };
  }

  closeAll(): void {
    for (const inspection of [...this.#inspections.values()]) this.#close(inspection);
  }

  #close(inspection: Inspection): void {
    this.#inspections.delete(inspection.id);
    inspection.bundle.wipe();
    void inspection.bundle.close();
    if (inspection.uploadId) this.#uploads.discard(inspection.uploadId);
  }

  startImport(input: {
    inspectionId: string;
    existing: 'skip' | 'new';
    choices?: ImportChoice[] | undefined;
  }): { jobId: string } {
    const inspection = this.#inspections.get(input.inspectionId);
    if (!inspection)
      throw new HandoverError('NOT_FOUND', 'No such inspection.', { what: 'inspection' });
    if (inspection.busy)
      throw new HandoverError('CONFLICT', 'Already importing.', { reason: 'busy' });
    const engine = this.#engine;
    if (engine.jobs.isRunning('import')) {
      throw new HandoverError('CONFLICT', 'Another import is running.', { reason: 'busy' });
    }
    inspection.busy = true;
    const host = engine.host;
    let jobId: string;
    try {
      jobId = engine.jobs.start(
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
              now: engine.now,
              signal: job.signal,
              onProgress: (p) =>
                job.progress({ phase: p.phase, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }),
              audit: (action, subject, details) =>
                appendAudit(host.db(), action, subject, details, engine.now()),
            });
          } finally {
            inspection.busy = false;
            this.#close(inspection);
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
}
