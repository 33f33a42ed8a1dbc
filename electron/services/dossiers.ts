import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../db/connection';
import { fromRow, getRow, insertRow, listRows, updateRow } from '../../db/rows';
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
import type { ClientSummary, Dossier } from '../api';
import type { Client, ClientFields, EraseReason } from '../contract/records';
import { endingOf } from './agreements';
import { ApiError, found } from './api-error';
import { listAttachments } from './attachments';
import { addPendingPurge } from './backups/pending-purge';
import { localDay } from './clock';
import { dossierDuties, isMinorOn, summarise } from './compliance';
import type { ServiceContext } from './context';
import { dossierFacts, sessionStats } from './dossier-facts';
import { newPseudonym } from './pseudonyms';
import { clientsMatchingNotes, listSessionSummaries } from './sessions';
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

/** Lower case without diacritics, so 'zoe' finds 'Zoë' and 'cliënt' finds 'client'. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface ListFilter {
  query?: string | undefined;
  status?: Client['status'] | undefined;
  minorsOnly?: boolean | undefined;
  openDutiesOnly?: boolean | undefined;
}

export function listClients(ctx: ServiceContext, filter: ListFilter): ClientSummary[] {
  const { db } = ctx;
  const today = localDay(ctx.now());
  const stats = sessionStats(db);
  const facts = dossierFacts(db, today, getSettings(db).retentionYears, undefined, stats);
  const words = fold(filter.query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const noteMatches =
    words.length > 0 ? clientsMatchingNotes(db, filter.query ?? '') : new Set<string>();

  const rows = prepared(db, 'SELECT * FROM clients ORDER BY last_name, first_name').all() as Record<
    string,
    unknown
  >[];
  const summaries: ClientSummary[] = [];
  for (const row of rows) {
    const client = fromRow(clientsTable, row);
    if (filter.status && client.status !== filter.status) continue;
    // Cheapest filters first: judging a dossier's duties is the costly part of the list.
    if (words.length > 0 && !noteMatches.has(client.id)) {
      const haystack = fold(
        `${client.firstName} ${client.lastName} ${client.pseudonym} ${client.notes}`,
      );
      if (!words.every((word) => haystack.includes(word))) continue;
    }
    const isMinor =
      client.isMinor || (client.dateOfBirth !== null && isMinorOn(client.dateOfBirth, today));
    if (filter.minorsOnly && !isMinor) continue;
    const clientFacts = facts.get(client.id);
    const duties = clientFacts ? dossierDuties(clientFacts) : [];
    const summary = summarise(duties);
    if (filter.openDutiesOnly && summary.open === 0) continue;
    const sessions = stats.get(client.id);
    summaries.push({
      id: client.id,
      pseudonym: client.pseudonym,
      firstName: client.firstName,
      lastName: client.lastName,
      status: client.status,
      isMinor,
      isVulnerableAdult: client.isVulnerableAdult,
      sessionCount: sessions?.count ?? 0,
      lastSessionAt: sessions?.last ?? null,
      openDuties: summary.open,
      overdueDuties: summary.overdue,
      worstDuty: summary.worst,
    });
  }
  return summaries;
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
  addPendingPurge(db, {
    clientId: input.id,
    pseudonym: client.pseudonym,
    erasedAt: ctx.now().toISOString(),
  });
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
