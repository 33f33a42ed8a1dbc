import type { SqliteDatabase } from '../../../db/connection';
import { fromRow, getRow, type TableSpec } from '../../../db/rows';
import { prepared } from '../../../db/statements';
import {
  clientsTable,
  confidentialityTable,
  conflictsTable,
  contractsTable,
  disclosuresTable,
  endingsTable,
  feedbackTable,
  followUpsTable,
  guardiansTable,
  peopleTable,
  referralsTable,
} from '../../../db/tables';
import type { Client, Session } from '../../contract/records';
import { safeFileName } from '../attachments';
import { retentionUntil } from '../dossier-facts';
import { getPractice } from '../practice';
import { getSettings } from '../settings';
import {
  attachmentPath,
  type BundleAttachment,
  DOSSIER_SCHEMA,
  DOSSIER_SCHEMA_VERSION,
  type DossierDocument,
} from './bundle-schema';

/**
 * Reads what goes into a bundle straight from the vault's tables: one client's complete
 * dossier (every record, session notes and reflections, every document with its bytes).
 * Each client is read in one synchronous call, so a dossier is a consistent snapshot
 * even while the coach keeps working during a long export.
 */

export interface DossierWithFiles {
  /** Attachment sizes and hashes here are the stored ones; the export replaces them by
   * those of the bytes it actually wrote. */
  readonly document: DossierDocument;
  /** The bytes of one attachment, fetched when the zip reaches it; null if it is gone. */
  content(attachmentId: string): Buffer | null;
  /** Roughly what the dossier weighs in memory (notes and, for snapshots, documents). */
  readonly bytes: number;
}

export interface PracticeInfo {
  practice: string;
  coach: string;
  licenceNumber: string;
  email: string;
  phone: string;
  address: string;
  retentionYears: number;
}

/** Where the dossiers of one export come from: the open vault, or a snapshot taken at lock. */
export interface DossierSource {
  readonly practice: PracticeInfo;
  readonly clientIds: readonly string[];
  /** Null when the client was erased after the export started. */
  read(clientId: string): DossierWithFiles | null;
}

export type ClientSelection =
  | { readonly kind: 'all' }
  /** Clients whose trajectory has not ended (intake or active): who a successor takes over. */
  | { readonly kind: 'active' }
  | { readonly kind: 'selected'; readonly ids: readonly string[] };

export function selectClients(db: SqliteDatabase, selection: ClientSelection): string[] {
  if (selection.kind === 'selected') {
    const exists = prepared(db, 'SELECT 1 FROM clients WHERE id = ?');
    return [...new Set(selection.ids)].filter((id) => exists.get(id) !== undefined);
  }
  const where = selection.kind === 'active' ? "WHERE status IN ('intake', 'active')" : '';
  return (
    prepared(db, `SELECT id FROM clients ${where} ORDER BY last_name, first_name, id`).all() as {
      id: string;
    }[]
  ).map((row) => row.id);
}

export function practiceInfo(db: SqliteDatabase): PracticeInfo {
  const practice = getPractice(db);
  return {
    practice: practice.organisation,
    coach: practice.coachName,
    licenceNumber: practice.licenceNumber,
    email: practice.email,
    phone: practice.phone,
    address: practice.address,
    retentionYears: getSettings(db).retentionYears,
  };
}

interface SessionRow {
  id: string;
  client_id: string;
  starts_at: string;
  duration_minutes: number | null;
  form: Session['form'];
  notes: string;
  reflection: string;
  tags: string;
  created_at: string;
  updated_at: string;
}

interface AttachmentRow {
  id: string;
  session_id: string | null;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

/** The zip name of a document: its id keeps names unique, the cleaned name keeps them readable. */
export function bundleFileName(name: string): string {
  // Windows refuses trailing dots and spaces; the id prefix already avoids reserved names.
  return safeFileName(name).replace(/[. ]+$/, '') || 'bestand';
}

/** A client's rows in the order they were made, so an import makes them in the same order. */
function rowsOf<T>(db: SqliteDatabase, spec: TableSpec<T>, clientId: string): T[] {
  return (
    prepared(db, `SELECT * FROM ${spec.table} WHERE client_id = ? ORDER BY rowid`).all(
      clientId,
    ) as Record<string, unknown>[]
  ).map((row) => fromRow(spec, row));
}

export function readDossier(
  db: SqliteDatabase,
  clientId: string,
  exportedAt: string,
  retentionYears: number,
): DossierWithFiles | null {
  const client = getRow<Client>(db, clientsTable, clientId);
  if (!client) return null;
  const sessions = (
    prepared(db, 'SELECT * FROM sessions WHERE client_id = ? ORDER BY seq').all(
      clientId,
    ) as SessionRow[]
  ).map(
    (row): Session => ({
      id: row.id,
      clientId: row.client_id,
      startsAt: row.starts_at,
      durationMinutes: row.duration_minutes,
      form: row.form,
      notes: row.notes,
      reflection: row.reflection,
      tags: JSON.parse(row.tags) as string[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
  );
  const ending = getRow(db, endingsTable, clientId);
  const attachmentRows = prepared(
    db,
    `SELECT id, session_id, name, media_type, size, sha256, created_at
     FROM attachments WHERE client_id = ? ORDER BY rowid`,
  ).all(clientId) as AttachmentRow[];
  const attachments: BundleAttachment[] = attachmentRows.map((row) => ({
    id: row.id,
    sessionId: row.session_id,
    name: row.name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
    path: attachmentPath(clientId, row.id, bundleFileName(row.name)),
  }));
  let bytes = 0;
  for (const session of sessions) bytes += session.notes.length + session.reflection.length;
  const document: DossierDocument = {
    schema: DOSSIER_SCHEMA,
    schemaVersion: DOSSIER_SCHEMA_VERSION,
    exportedAt,
    client,
    people: rowsOf(db, peopleTable, clientId),
    contract: getRow(db, contractsTable, clientId) ?? null,
    confidentiality: getRow(db, confidentialityTable, clientId) ?? null,
    disclosures: rowsOf(db, disclosuresTable, clientId),
    guardians: rowsOf(db, guardiansTable, clientId),
    sessions,
    conflicts: rowsOf(db, conflictsTable, clientId),
    referrals: rowsOf(db, referralsTable, clientId),
    ending: ending
      ? { ...ending, effectiveRetentionUntil: retentionUntil(ending, retentionYears) }
      : null,
    followUps: rowsOf(db, followUpsTable, clientId),
    feedback: rowsOf(db, feedbackTable, clientId),
    attachments,
  };
  const content = prepared(db, 'SELECT content FROM attachments WHERE id = ? AND client_id = ?');
  return {
    document,
    bytes,
    content: (attachmentId) =>
      (content.get(attachmentId, clientId) as { content: Buffer } | undefined)?.content ?? null,
  };
}

/** Reads each dossier from the open vault as the export reaches it. */
export function liveSource(
  db: () => SqliteDatabase,
  clientIds: readonly string[],
  exportedAt: string,
): DossierSource {
  const practice = practiceInfo(db());
  return {
    practice,
    clientIds,
    read: (id) => readDossier(db(), id, exportedAt, practice.retentionYears),
  };
}

/**
 * Reads every dossier now, into memory, within a time and size budget: for the bundle
 * written after the vault locked, when the database is closed. Returns null when the
 * budget runs out (with how many it read), so a lock never waits long for a large practice.
 */
export function snapshotSource(
  db: SqliteDatabase,
  exportedAt: string,
  budget: { readonly ms: number; readonly bytes: number },
): { source: DossierSource; read: number } | { source: null; read: number } {
  const started = performance.now();
  const practice = practiceInfo(db);
  const clientIds = selectClients(db, { kind: 'all' });
  const dossiers = new Map<string, DossierWithFiles>();
  let bytes = 0;
  for (const id of clientIds) {
    const dossier = readDossier(db, id, exportedAt, practice.retentionYears);
    if (dossier) {
      // The database closes right after: the documents come along now.
      const files = new Map<string, Buffer>();
      let fileBytes = 0;
      for (const attachment of dossier.document.attachments) {
        const content = dossier.content(attachment.id);
        if (content) {
          files.set(attachment.id, content);
          fileBytes += content.length;
        }
      }
      dossiers.set(id, {
        document: dossier.document,
        bytes: dossier.bytes + fileBytes,
        content: (attachmentId) => files.get(attachmentId) ?? null,
      });
      bytes += dossier.bytes + fileBytes;
    }
    if (performance.now() - started > budget.ms || bytes > budget.bytes) {
      return { source: null, read: dossiers.size };
    }
  }
  return {
    read: dossiers.size,
    source: {
      practice,
      clientIds: [...dossiers.keys()],
      read: (id) => {
        const dossier = dossiers.get(id) ?? null;
        // Handed out once: the writer drops it after use, so memory falls as it goes.
        dossiers.delete(id);
        return dossier;
      },
    },
  };
}
