import { join } from 'node:path';
import { appendAudit } from '../../../db/audit';
import { VaultError } from '../../../db/errors';
import { assertStrongPassphrase } from '../../../db/passphrase-policy';
import { prepared } from '../../../db/statements';
import { localDay } from '../clock';
import type { ServiceContext } from '../context';
import { closureLetterTemplate } from '../continuity/plan';
import type { OutputTarget, Protection } from './age-io';
import type { ExportJobResult } from './api-types';
import type { HandoverReason } from './bundle-schema';
import { type ClientSelection, liveSource, selectClients } from './dossier-read';
import type { EngineContext } from './engine-context';
import { HandoverError } from './errors';
import { type BundleResult, writeBundle } from './export';
import { redeemPath } from './file-grants';
import { exportProgressOf } from './jobs';
import { parseRecipient } from './keys';
import { workDir } from './transfers';

/** The export jobs: handover bundles, and one client's dossier for the right of access. */

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
  /** The client's language; Dutch when absent. */
  language?: 'nl' | 'en' | undefined;
  /** The coach's private reflections go only when this is true. */
  includeReflections?: boolean | undefined;
  output: ExportOutput;
}

/** The coach's calendar day, for file names. */
function day(now: Date): string {
  return localDay(now);
}

function outputTarget(
  engine: EngineContext,
  output: ExportOutput,
  jobId: () => string,
  encrypted: boolean,
): { target: () => OutputTarget; savedTo: ExportJobResult['savedTo']; path: string | null } {
  if ('fileToken' in output) {
    const path = redeemPath(output.fileToken, 'save-bundle');
    // Plaintext goes only to the file the coach chose; its temp file beside it is noted
    // in the vault's journal so a crash half-way leaves nothing behind for long.
    const journal = encrypted ? {} : { plaintextJournal: engine.host.dir };
    return { target: () => ({ kind: 'file', path, ...journal }), savedTo: 'chosen-file', path };
  }
  if (!encrypted) return { target: () => ({ kind: 'memory' }), savedTo: 'download', path: null };
  // Encrypted bundles wait for download in the vault's own folder: ciphertext only.
  return {
    target: () => ({ kind: 'file', path: join(workDir(engine.host.dir), `${jobId()}.age`) }),
    savedTo: 'download',
    path: null,
  };
}

function protectionFor(engine: EngineContext, recipient: ExportInput['recipient']): Protection {
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
  return { kind: 'passphrase', passphrase: recipient.passphrase, scryptLogN: engine.scryptLogN };
}

function runExport(
  engine: EngineContext,
  options: {
    kind: 'export' | 'access-export';
    bundleKind: 'handover' | 'access';
    reason: HandoverReason;
    to: string;
    clientIds: string[];
    protection: Protection;
    output: ExportOutput;
    letterTemplate: string | null;
    fileName: string;
    forClient?: { language: 'nl' | 'en'; includeReflections: boolean };
  },
): { jobId: string } {
  let id = '';
  const encrypted = options.protection.kind !== 'none';
  const { target, savedTo } = outputTarget(engine, options.output, () => id, encrypted);
  const createdAt = engine.now();
  const host = engine.host;
  const generation = engine.jobs.generation;
  id = engine.jobs.start(
    options.kind,
    async (job): Promise<ExportJobResult> => {
      const source = liveSource(() => host.db(), options.clientIds, createdAt.toISOString());
      const to = target();
      const result = await writeBundle({
        source,
        kind: options.bundleKind,
        reason: options.reason,
        removeWhenCancelled: true,
        to: options.to,
        protection: options.protection,
        target: to,
        createdAt,
        letterTemplate: options.letterTemplate,
        signal: job.signal,
        ...(engine.writeHook ? { writeHook: engine.writeHook } : {}),
        onProgress: exportProgressOf(job),
        ...(options.forClient ? { forClient: options.forClient } : {}),
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
      if (generation === engine.jobs.generation) auditExport(engine, options, result);
      return {
        fileName:
          to.kind === 'file' && savedTo === 'chosen-file'
            ? (to.path.split(/[\\/]/).pop() ?? '')
            : options.fileName,
        bytes: result.bytes,
        clients: result.clients.length,
        files: result.files,
        encryption: options.protection.kind,
        unencrypted: !encrypted,
        savedTo,
      };
    },
    { phase: 'writing', clientsTotal: options.clientIds.length },
  );
  return { jobId: id };
}

function auditExport(
  engine: EngineContext,
  options: {
    bundleKind: string;
    reason: string;
    protection: Protection;
    forClient?: { includeReflections: boolean };
  },
  result: BundleResult,
): void {
  const db = engine.host.db();
  const now = engine.now();
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
        // Whether the coach gave the client their private reflections too.
        ...(options.forClient ? { reflections: options.forClient.includeReflections } : {}),
      },
      now,
    );
  })();
}

export function startExport(
  engine: EngineContext,
  ctx: ServiceContext,
  input: ExportInput,
): { jobId: string } {
  const protection = protectionFor(engine, input.recipient);
  const clientIds = selectClients(ctx.db, input.clients);
  if (input.clients.kind === 'selected' && clientIds.length !== new Set(input.clients.ids).size) {
    throw new HandoverError('NOT_FOUND', 'A selected client is not in this vault.', {
      what: 'client',
    });
  }
  if (clientIds.length === 0) {
    throw new HandoverError('VALIDATION', 'No clients to hand over.', { field: 'clients' });
  }
  return runExport(engine, {
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
export function startAccessExport(
  engine: EngineContext,
  ctx: ServiceContext,
  input: AccessExportInput,
): { jobId: string } {
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
    protection = protectionFor(engine, input.protection);
  }
  const encrypted = protection.kind !== 'none';
  return runExport(engine, {
    kind: 'access-export',
    bundleKind: 'access',
    reason: 'access-request',
    to: `${row.first_name} ${row.last_name}`.trim(),
    clientIds: [input.clientId],
    protection,
    output: input.output,
    letterTemplate: null,
    fileName: `dossier-inzage-${day(ctx.now())}.zip${encrypted ? '.age' : ''}`,
    forClient: {
      language: input.language ?? 'nl',
      includeReflections: input.includeReflections === true,
    },
  });
}
