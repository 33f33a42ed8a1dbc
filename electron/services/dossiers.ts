import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../db/connection';
import { getRow, insertRow, listRows, updateRow } from '../../db/rows';
import { prepared } from '../../db/statements';
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
} from '../../db/tables';
import type { Dossier } from '../api';
import type { Client, ClientFields, EraseReason } from '../contract/records';
import { endingOf } from './agreements';
import { ApiError, found } from './api-error';
import { listAttachments } from './attachments';
import { readVaultConfig } from './backups/backup-config';
import { recordErasure } from './backups/erasure-ledger';
import { addPendingPurge } from './backups/pending-purge';
import { localDay } from './clock';
import { dossierDuties } from './compliance';
import type { ServiceContext } from './context';
import { dossierFacts } from './dossier-facts';
import { newPseudonym } from './pseudonyms';
import { listSessionSummaries } from './sessions';
import { getSettings } from './settings';

export function createClient(ctx: ServiceContext, fields: ClientFields): Client {
  const at = ctx.now().toISOString();
  const taken = prepared(ctx.db, 'SELECT 1 FROM clients WHERE pseudonym = ?');
  const client: Client = {
    ...fields,
    id: randomUUID(),
    pseudonym: newPseudonym((candidate) => taken.get(candidate) !== undefined),
    createdAt: at,
    updatedAt: at,
  };
  insertRow(ctx.db, clientsTable, client);
  return client;
}

export function updateClient(
  ctx: ServiceContext,
  input: { id: string } & Partial<ClientFields>,
): Client {
  const { id, ...changes } = input;
  const ok = updateRow(ctx.db, clientsTable, id, {
    ...changes,
    updatedAt: ctx.now().toISOString(),
  });
  if (!ok) throw new ApiError('NOT_FOUND', 'No such client.', { what: 'client' });
  return found(getRow(ctx.db, clientsTable, id), 'client');
}

export function getDossier(ctx: ServiceContext, id: string): Dossier {
  const { db } = ctx;
  const client = found(getRow(db, clientsTable, id), 'client');
  const settings = getSettings(db);
  const facts = dossierFacts(db, localDay(ctx.now()), settings.retentionYears, id).get(id);
  const ending = getRow(db, endingsTable, id);
  const byClient = { field: 'clientId', value: id } as const;
  return {
    client,
    people: listRows(db, peopleTable, byClient, ['createdAt']),
    contract: getRow(db, contractsTable, id) ?? null,
    confidentiality: getRow(db, confidentialityTable, id) ?? null,
    disclosures: listRows(db, disclosuresTable, byClient, ['disclosedOn']),
    guardians: listRows(db, guardiansTable, byClient, ['createdAt']),
    sessions: listSessionSummaries(db, id),
    conflicts: listRows(db, conflictsTable, byClient, ['identifiedOn']),
    referrals: listRows(db, referralsTable, byClient, ['referredOn']),
    ending: ending ? endingOf(ctx, ending) : null,
    followUps: listRows(db, followUpsTable, byClient, ['dueOn', 'createdAt']),
    feedback: listRows(db, feedbackTable, byClient, ['receivedOn']),
    attachments: listAttachments(db, id),
    duties: facts ? dossierDuties(facts) : [],
  };
}

/**
 * Erases a dossier after its retention date (2.27b), or earlier with a stated reason.
 * Every row cascades from the client; the full-text index is rebuilt so no token of the
 * notes survives, secure_delete zeroes the freed pages, and the WAL is truncated after
 * commit so no old page image stays on disk. Only the pseudonym remains, in the audit log.
 */
export function eraseClient(
  ctx: ServiceContext,
  input: { id: string; override: { reason: EraseReason } | null },
): { pseudonym: string } {
  const { db } = ctx;
  const client = found(getRow(db, clientsTable, input.id), 'client');
  if (input.override === null) {
    const ending = getRow(db, endingsTable, input.id);
    const until = ending ? endingOf(ctx, ending).effectiveRetentionUntil : null;
    if (until === null || until > localDay(ctx.now())) {
      throw new ApiError('RETENTION_NOT_PASSED', 'The retention period has not ended.', {
        ...(until ? { retentionUntil: until } : {}),
      });
    }
  }
  prepared(db, 'DELETE FROM clients WHERE id = ?').run(input.id);
  prepared(db, "INSERT INTO sessions_fts (sessions_fts) VALUES ('optimize')").run();
  const erasure = {
    clientId: input.id,
    pseudonym: client.pseudonym,
    erasedAt: ctx.now().toISOString(),
  };
  const { backupFolder } = readVaultConfig(ctx.vaultDir);
  addPendingPurge(db, erasure, backupFolder);
  // Outside the database too, so no restored backup brings the dossier back.
  recordErasure(ctx.vaultDir, db, erasure, ctx.now(), backupFolder);
  ctx.audit('dossier.erased', client.pseudonym, {
    override: input.override !== null,
    reason: input.override?.reason ?? 'retention-ended',
  });
  ctx.afterCommit(() => checkpointTruncate(db));
  return { pseudonym: client.pseudonym };
}

export function checkpointTruncate(db: SqliteDatabase): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
