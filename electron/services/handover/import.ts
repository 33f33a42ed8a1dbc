import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AuditDetails } from '../../../db/audit';
import type { SqliteDatabase } from '../../../db/connection';
import { insertRow, type TableSpec } from '../../../db/rows';
import { prepared } from '../../../db/statements';
import {
  clientsTable,
  confidentialityTable,
  conflictsTable,
  contractsTable,
  disclosuresTable,
  type EndingRow,
  endingsTable,
  feedbackTable,
  followUpsTable,
  guardiansTable,
  peopleTable,
  referralsTable,
} from '../../../db/tables';
import type { Client } from '../../contract/records';
import { newPseudonym } from '../pseudonyms';
import type { DecryptKey } from './age-io';
import type { BundleSourceFile, ReadProgress } from './bundle-reader';
import { type BundleEntry, OpenedBundle } from './bundle-reader';
import {
  type DossierDocument,
  dossierDocument,
  type Manifest,
  type RecordList,
  recordLists,
} from './bundle-schema';
import { HandoverError } from './errors';
import type { Limits } from './limits';

/**
 * Import of a bundle into this vault, in two steps the coach sees:
 *
 * inspect — opens and authenticates the bundle, checks its layout, its manifest and the
 *   SHA-256 and size of EVERY file, validates every dossier.json, and reports what would
 *   be imported and what collides with this vault. Nothing is written.
 * import  — reads the chosen dossiers again (each file re-checked against the manifest),
 *   stages them in the encrypted database piece by piece, then moves them into the
 *   dossier tables in ONE transaction with their audit entries: all or nothing.
 */

export type ImportAction = 'import' | 'new' | 'skip';

export interface InspectCounts {
  sessions: number;
  attachments: number;
  people: number;
  disclosures: number;
  guardians: number;
  conflicts: number;
  referrals: number;
  followUps: number;
  openFollowUps: number;
  feedback: number;
}

export interface InspectClient {
  id: string;
  pseudonym: string;
  firstName: string;
  lastName: string;
  status: Client['status'];
  dateOfBirth: string | null;
  hasContract: boolean;
  endedOn: string | null;
  counts: InspectCounts;
  /** A client with this id is already in this vault (imported before): skip, or import as new. */
  existing: { pseudonym: string; firstName: string; lastName: string } | null;
  /** Another client here has this pseudonym: the import gives this one a new pseudonym. */
  pseudonymTaken: boolean;
  /** Records whose ids exist here already: the dossier can only come in with new ids. */
  recordIdsTaken: number;
  /** What happens unless the coach chooses otherwise. */
  defaultAction: ImportAction;
}

export interface InspectReport {
  kind: Manifest['kind'];
  reason: Manifest['reason'];
  createdAt: string;
  from: Manifest['from'];
  to: string;
  formatVersion: number;
  app: Manifest['app'];
  clients: InspectClient[];
  totals: {
    clients: number;
    sessions: number;
    attachments: number;
    files: number;
    bundleBytes: number;
    conflicts: number;
  };
}

export interface InspectResult {
  bundle: OpenedBundle;
  report: InspectReport;
}

const RECORD_TABLES: Record<RecordList, string> = {
  people: 'client_people',
  disclosures: 'disclosures',
  guardians: 'guardians',
  sessions: 'sessions',
  conflicts: 'conflicts',
  referrals: 'referrals',
  followUps: 'follow_ups',
  feedback: 'feedback',
  attachments: 'attachments',
};

function damagedDossier(index: number, cause?: unknown): HandoverError {
  return new HandoverError(
    'BUNDLE_DAMAGED',
    'A dossier in the bundle is not valid.',
    { reason: 'dossier', entry: index },
    { cause },
  );
}

function mismatch(reason: string): HandoverError {
  return new HandoverError('BUNDLE_MISMATCH', `The bundle does not match itself (${reason}).`, {
    reason,
  });
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Parses and cross-checks one dossier.json against its place in the bundle. */
export function parseDossier(
  content: Buffer,
  entry: BundleEntry,
  manifest: Manifest,
  files: ReadonlyMap<string, BundleEntry>,
  index: number,
): DossierDocument {
  let json: unknown;
  try {
    json = JSON.parse(utf8Strict.decode(content));
  } catch (error) {
    throw damagedDossier(index, error);
  }
  const parsed = dossierDocument.safeParse(json);
  if (!parsed.success) throw damagedDossier(index, z.prettifyError(parsed.error));
  const dossier = parsed.data;
  const clientId = dossier.client.id;
  if (clientId.toLowerCase() !== entry.role.clientId?.toLowerCase())
    throw mismatch('dossier-place');
  const listed = manifest.clients.find((c) => c.id.toLowerCase() === clientId.toLowerCase());
  if (listed?.pseudonym !== dossier.client.pseudonym) throw mismatch('dossier-pseudonym');
  const owned: { clientId: string | null }[] = [
    ...dossier.people,
    ...dossier.disclosures,
    ...dossier.guardians,
    ...dossier.sessions,
    ...dossier.conflicts,
    ...dossier.referrals,
    ...dossier.followUps,
    ...dossier.feedback,
    ...(dossier.contract ? [dossier.contract] : []),
    ...(dossier.confidentiality ? [dossier.confidentiality] : []),
    ...(dossier.ending ? [dossier.ending] : []),
  ];
  if (owned.some((record) => record.clientId !== clientId)) throw mismatch('record-owner');
  const sessionIds = new Set(dossier.sessions.map((s) => s.id));
  const attachmentIds = new Set(dossier.attachments.map((a) => a.id));
  for (const list of recordLists) {
    const ids = dossier[list].map((r) => r.id);
    if (new Set(ids).size !== ids.length) throw mismatch('record-ids');
  }
  const prefix = `clients/${entry.role.clientId}/attachments/`;
  for (const attachment of dossier.attachments) {
    if (!attachment.path.startsWith(`${prefix}${attachment.id}-`))
      throw mismatch('attachment-path');
    const file = files.get(attachment.path);
    if (
      !file?.expected ||
      file.expected.sha256 !== attachment.sha256 ||
      file.expected.size !== attachment.size
    ) {
      throw mismatch('attachment');
    }
    if (attachment.sessionId !== null && !sessionIds.has(attachment.sessionId)) {
      throw mismatch('attachment-session');
    }
  }
  if (dossier.contract?.signedCopyId && !attachmentIds.has(dossier.contract.signedCopyId)) {
    throw mismatch('signed-copy');
  }
  return dossier;
}

function countsOf(dossier: DossierDocument): InspectCounts {
  return {
    sessions: dossier.sessions.length,
    attachments: dossier.attachments.length,
    people: dossier.people.length,
    disclosures: dossier.disclosures.length,
    guardians: dossier.guardians.length,
    conflicts: dossier.conflicts.length,
    referrals: dossier.referrals.length,
    followUps: dossier.followUps.length,
    openFollowUps: dossier.followUps.filter((f) => f.doneOn === null).length,
    feedback: dossier.feedback.length,
  };
}

function takenRecordIds(db: SqliteDatabase, dossier: DossierDocument): number {
  let taken = 0;
  for (const list of recordLists) {
    const exists = prepared(db, `SELECT 1 FROM ${RECORD_TABLES[list]} WHERE id = ?`);
    for (const record of dossier[list]) if (exists.get(record.id) !== undefined) taken += 1;
  }
  return taken;
}

export interface InspectOptions {
  readonly db: () => SqliteDatabase;
  readonly file: BundleSourceFile;
  readonly key: DecryptKey;
  readonly limits: Limits;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReadProgress) => void;
}

export async function inspectBundle(options: InspectOptions): Promise<InspectResult> {
  const { signal, onProgress } = options;
  const bundle = await OpenedBundle.open(options.file, options.key, options.limits, {
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  try {
    const files = new Map(bundle.entries.map((e) => [e.name, e]));
    const clients = new Map<string, InspectClient>();
    const seenRecordIds = new Set<string>();
    const declared = new Set<string>();
    let conflicts = 0;
    await bundle.read(
      (entry) => (entry.role.kind === 'dossier-json' ? 'content' : 'hash'),
      (entry, content) => {
        const index = bundle.entries.indexOf(entry);
        const dossier = parseDossier(content, entry, bundle.manifest, files, index);
        for (const list of recordLists) {
          for (const record of dossier[list]) {
            if (seenRecordIds.has(record.id)) throw mismatch('record-ids');
            seenRecordIds.add(record.id);
          }
        }
        for (const attachment of dossier.attachments) declared.add(attachment.path);
        const db = options.db();
        const existing = prepared(
          db,
          'SELECT pseudonym, first_name, last_name FROM clients WHERE id = ?',
        ).get(dossier.client.id) as
          | { pseudonym: string; first_name: string; last_name: string }
          | undefined;
        const pseudonymTaken =
          prepared(db, 'SELECT 1 FROM clients WHERE pseudonym = ? AND id <> ?').get(
            dossier.client.pseudonym,
            dossier.client.id,
          ) !== undefined;
        const recordIdsTaken = existing ? 0 : takenRecordIds(db, dossier);
        const defaultAction: ImportAction = existing
          ? 'skip'
          : recordIdsTaken > 0
            ? 'new'
            : 'import';
        if (existing || pseudonymTaken || recordIdsTaken > 0) conflicts += 1;
        clients.set(dossier.client.id, {
          id: dossier.client.id,
          pseudonym: dossier.client.pseudonym,
          firstName: dossier.client.firstName,
          lastName: dossier.client.lastName,
          status: dossier.client.status,
          dateOfBirth: dossier.client.dateOfBirth,
          hasContract: dossier.contract !== null,
          endedOn: dossier.ending?.endedOn ?? null,
          counts: countsOf(dossier),
          existing: existing
            ? {
                pseudonym: existing.pseudonym,
                firstName: existing.first_name,
                lastName: existing.last_name,
              }
            : null,
          pseudonymTaken,
          recordIdsTaken,
          defaultAction,
        });
      },
      {
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onProgress } : {}),
        phase: 'verifying',
      },
    );
    // Every document in the zip belongs to the dossier that lists it.
    for (const entry of bundle.entries) {
      if (entry.role.kind === 'attachment' && !declared.has(entry.name)) {
        throw mismatch('orphan-attachment');
      }
    }
    const ordered = bundle.manifest.clients.flatMap((c) => {
      const found = clients.get(c.id);
      return found ? [found] : [];
    });
    const report: InspectReport = {
      kind: bundle.manifest.kind,
      reason: bundle.manifest.reason,
      createdAt: bundle.manifest.createdAt,
      from: bundle.manifest.from,
      to: bundle.manifest.to,
      formatVersion: bundle.manifest.formatVersion,
      app: bundle.manifest.app,
      clients: ordered,
      totals: {
        clients: ordered.length,
        sessions: ordered.reduce((n, c) => n + c.counts.sessions, 0),
        attachments: ordered.reduce((n, c) => n + c.counts.attachments, 0),
        files: bundle.entries.length + 1,
        bundleBytes: bundle.ciphertextBytes,
        conflicts,
      },
    };
    return { bundle, report };
  } catch (error) {
    bundle.wipe();
    await bundle.close();
    throw error;
  }
}

export interface ImportChoice {
  readonly clientId: string;
  readonly action: ImportAction;
}

export interface ImportedClient {
  /** The id in the bundle. */
  sourceId: string;
  /** The id in this vault (new when renumbered). */
  id: string;
  pseudonym: string;
  action: 'imported' | 'renumbered' | 'skipped';
}

export interface ImportReport {
  imported: number;
  renumbered: number;
  skipped: number;
  sessions: number;
  attachments: number;
  clients: ImportedClient[];
}

export interface ImportOptions {
  readonly db: () => SqliteDatabase;
  readonly bundle: OpenedBundle;
  readonly report: InspectReport;
  /** For clients already here (same id): skip them, or import them with new ids. */
  readonly existing: 'skip' | 'new';
  /** Per-client choices that override the defaults. */
  readonly choices?: readonly ImportChoice[];
  readonly now: () => Date;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: {
    phase: 'reading' | 'writing';
    bytesDone: number;
    bytesTotal: number;
  }) => void;
  /** Appends an audit entry inside the import's transaction. */
  readonly audit: (action: string, subject: string | null, details: AuditDetails) => void;
}

const STAGE_FLUSH_BYTES = 16 * 1024 * 1024;

function decide(client: InspectClient, options: ImportOptions): ImportAction {
  const chosen = options.choices?.find((c) => c.clientId === client.id)?.action;
  if (client.existing) {
    // The same id cannot be imported twice: 'import' for an existing client means new ids.
    const action = chosen ?? options.existing;
    return action === 'skip' ? 'skip' : 'new';
  }
  if (client.recordIdsTaken > 0) return chosen === 'skip' ? 'skip' : 'new';
  return chosen ?? 'import';
}

interface StagedRow {
  kind: 'dossier' | 'attachment';
  sourceId: string;
  payload: Buffer;
}

export async function importBundle(options: ImportOptions): Promise<ImportReport> {
  const { bundle, report, signal } = options;
  const importId = randomUUID();
  const plan = new Map<string, ImportAction>();
  for (const client of report.clients) plan.set(client.id.toLowerCase(), decide(client, options));
  const wanted = (entry: BundleEntry): boolean => {
    const owner = entry.role.clientId?.toLowerCase();
    return owner !== undefined && (plan.get(owner) ?? 'skip') !== 'skip';
  };

  const dbNow = options.db;
  const stagedDossiers = new Map<string, number>();
  const stagedFiles = new Map<string, number>();
  let pending: StagedRow[] = [];
  let pendingBytes = 0;
  const insertStage = (db: SqliteDatabase) =>
    prepared(
      db,
      'INSERT INTO handover_staging (import_id, kind, payload, meta) VALUES (?, ?, ?, ?)',
    );
  const flush = (): void => {
    if (pending.length === 0) return;
    const db = dbNow();
    const rows = pending;
    pending = [];
    pendingBytes = 0;
    db.transaction(() => {
      for (const row of rows) {
        const seq = Number(
          insertStage(db).run(importId, row.kind, row.payload, JSON.stringify({ id: row.sourceId }))
            .lastInsertRowid,
        );
        (row.kind === 'dossier' ? stagedDossiers : stagedFiles).set(row.sourceId, seq);
      }
    })();
  };
  const dropStaging = (): void => {
    try {
      dbNow().prepare('DELETE FROM handover_staging WHERE import_id = ?').run(importId);
    } catch {
      // Locked meanwhile: the staging area is emptied at the next use of the engine.
    }
  };

  try {
    const files = new Map(bundle.entries.map((e) => [e.name, e]));
    await bundle.read(
      (entry) =>
        wanted(entry) && (entry.role.kind === 'dossier-json' || entry.role.kind === 'attachment')
          ? 'content'
          : 'skip',
      (entry, content) => {
        if (entry.role.kind === 'dossier-json') {
          const dossier = parseDossier(
            content,
            entry,
            bundle.manifest,
            files,
            bundle.entries.indexOf(entry),
          );
          pending.push({
            kind: 'dossier',
            sourceId: dossier.client.id,
            payload: Buffer.from(JSON.stringify(dossier)),
          });
        } else {
          pending.push({
            kind: 'attachment',
            sourceId: entry.role.attachmentId ?? '',
            payload: content,
          });
        }
        pendingBytes += content.length;
        if (pendingBytes >= STAGE_FLUSH_BYTES) flush();
      },
      {
        ...(signal ? { signal } : {}),
        onProgress: (progress) => options.onProgress?.({ ...progress, phase: 'reading' }),
        phase: 'reading',
      },
    );
    flush();
    signal?.throwIfAborted();
    options.onProgress?.({ phase: 'writing', bytesDone: 0, bytesTotal: 0 });
    // The transaction holds the main process until it commits: let the UI see the
    // 'writing' phase first, so it can say so.
    await new Promise((resolve) => setTimeout(resolve, 50));
    signal?.throwIfAborted();
    return commitImport(dbNow(), importId, report, plan, stagedDossiers, stagedFiles, options);
  } finally {
    dropStaging();
  }
}

type Mapper = (id: string) => string;

function insertAll<T extends object>(
  db: SqliteDatabase,
  spec: TableSpec<T>,
  rows: readonly T[],
): void {
  for (const row of rows) insertRow(db, spec, row);
}

/** The one transaction: every chosen dossier goes in, or none does. */
function commitImport(
  db: SqliteDatabase,
  importId: string,
  report: InspectReport,
  plan: ReadonlyMap<string, ImportAction>,
  stagedDossiers: ReadonlyMap<string, number>,
  stagedFiles: ReadonlyMap<string, number>,
  options: ImportOptions,
): ImportReport {
  const result: ImportReport = {
    imported: 0,
    renumbered: 0,
    skipped: 0,
    sessions: 0,
    attachments: 0,
    clients: [],
  };
  db.transaction(() => {
    // A contract names its signed copy, an attachment its session: insert in any order,
    // check every reference at commit.
    db.pragma('defer_foreign_keys = ON');
    const payloadOf = prepared(db, 'SELECT payload FROM handover_staging WHERE seq = ?');
    const pseudonymTaken = prepared(db, 'SELECT 1 FROM clients WHERE pseudonym = ?');
    const clientExists = prepared(db, 'SELECT 1 FROM clients WHERE id = ?');
    const insertSession = prepared(
      db,
      `INSERT INTO sessions (id, client_id, starts_at, duration_minutes, form, notes, reflection,
         tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAttachment = prepared(
      db,
      `INSERT INTO attachments (id, client_id, session_id, name, media_type, size, sha256,
         created_at, content)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, payload FROM handover_staging
       WHERE seq = ? AND import_id = ? AND length(payload) = ?`,
    );
    for (const client of report.clients) {
      let action = plan.get(client.id.toLowerCase()) ?? 'skip';
      const seq = stagedDossiers.get(client.id);
      if (action !== 'skip' && seq === undefined) action = 'skip';
      // Made here meanwhile (another import): never two dossiers with one id.
      if (action === 'import' && clientExists.get(client.id) !== undefined) action = 'skip';
      if (action === 'skip' || seq === undefined) {
        result.skipped += 1;
        result.clients.push({
          sourceId: client.id,
          id: client.id,
          pseudonym: client.pseudonym,
          action: 'skipped',
        });
        continue;
      }
      const row = payloadOf.get(seq) as { payload: Buffer };
      const dossier = JSON.parse(row.payload.toString('utf8')) as DossierDocument;
      const fresh = new Map<string, string>();
      const map: Mapper =
        action === 'new'
          ? (id) => {
              let next = fresh.get(id);
              if (!next) {
                next = randomUUID();
                fresh.set(id, next);
              }
              return next;
            }
          : (id) => id;
      const clientId = map(dossier.client.id);
      const pseudonym =
        pseudonymTaken.get(dossier.client.pseudonym) === undefined
          ? dossier.client.pseudonym
          : newPseudonym((candidate) => pseudonymTaken.get(candidate) !== undefined);
      insertRow(db, clientsTable, { ...dossier.client, id: clientId, pseudonym });
      insertAll(
        db,
        peopleTable,
        dossier.people.map((r) => ({ ...r, id: map(r.id), clientId })),
      );
      for (const session of dossier.sessions) {
        insertSession.run(
          map(session.id),
          clientId,
          session.startsAt,
          session.durationMinutes,
          session.form,
          session.notes,
          session.reflection,
          JSON.stringify(session.tags),
          session.createdAt,
          session.updatedAt,
        );
      }
      for (const attachment of dossier.attachments) {
        const staged = stagedFiles.get(attachment.id);
        const inserted =
          staged === undefined
            ? 0
            : insertAttachment.run(
                map(attachment.id),
                clientId,
                attachment.sessionId === null ? null : map(attachment.sessionId),
                attachment.name,
                attachment.mediaType,
                attachment.size,
                attachment.sha256,
                attachment.createdAt,
                staged,
                importId,
                attachment.size,
              ).changes;
        if (inserted !== 1) throw mismatch('attachment-staging');
      }
      if (dossier.contract) {
        insertRow(db, contractsTable, {
          ...dossier.contract,
          clientId,
          signedCopyId:
            dossier.contract.signedCopyId === null ? null : map(dossier.contract.signedCopyId),
        });
      }
      if (dossier.confidentiality) {
        insertRow(db, confidentialityTable, { ...dossier.confidentiality, clientId });
      }
      insertAll(
        db,
        disclosuresTable,
        dossier.disclosures.map((r) => ({ ...r, id: map(r.id), clientId })),
      );
      insertAll(
        db,
        guardiansTable,
        dossier.guardians.map((r) => ({ ...r, id: map(r.id), clientId })),
      );
      insertAll(
        db,
        conflictsTable,
        dossier.conflicts.map((r) => ({ ...r, id: map(r.id), clientId })),
      );
      insertAll(
        db,
        referralsTable,
        dossier.referrals.map((r) => ({ ...r, id: map(r.id), clientId })),
      );
      if (dossier.ending) {
        const ending: EndingRow = {
          clientId,
          endedOn: dossier.ending.endedOn,
          initiatedBy: dossier.ending.initiatedBy,
          reason: dossier.ending.reason,
          summary: dossier.ending.summary,
          retentionUntil: dossier.ending.retentionUntil,
          updatedAt: dossier.ending.updatedAt,
        };
        insertRow(db, endingsTable, ending);
      }
      insertAll(
        db,
        followUpsTable,
        dossier.followUps.map((r) => ({ ...r, id: map(r.id), clientId })),
      );
      insertAll(
        db,
        feedbackTable,
        dossier.feedback.map((r) => ({ ...r, id: map(r.id), clientId })),
      );
      const renumbered = action === 'new';
      if (renumbered) result.renumbered += 1;
      else result.imported += 1;
      result.sessions += dossier.sessions.length;
      result.attachments += dossier.attachments.length;
      result.clients.push({
        sourceId: client.id,
        id: clientId,
        pseudonym,
        action: renumbered ? 'renumbered' : 'imported',
      });
      options.audit('handover.client-imported', pseudonym, {
        renumbered,
        sessions: dossier.sessions.length,
        attachments: dossier.attachments.length,
      });
    }
    db.prepare('DELETE FROM handover_staging WHERE import_id = ?').run(importId);
    options.audit('handover.imported', null, {
      kind: report.kind,
      reason: report.reason,
      imported: result.imported,
      renumbered: result.renumbered,
      skipped: result.skipped,
      sessions: result.sessions,
      attachments: result.attachments,
    });
  })();
  return result;
}
