import type { SqliteDatabase } from '../../db/connection';
import { fromRow } from '../../db/rows';
import { prepared } from '../../db/statements';
import { clientsTable } from '../../db/tables';
import type { ClientSummary } from '../api';
import type { Client } from '../contract/records';
import { localDay } from './clock';
import { dossierDuties, isMinorOn, summarise } from './compliance';
import type { ServiceContext } from './context';
import { dossierFacts, sessionStats } from './dossier-facts';
import { clientsMatchingNotes } from './sessions';
import { getSettings } from './settings';

/** Lower case without diacritics, so 'zoe' finds 'Zoë' and 'cliënt' finds 'client'. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface ListFilter {
  query?: string | undefined;
  status?: Client['status'] | undefined;
  minorsOnly?: boolean | undefined;
  openDutiesOnly?: boolean | undefined;
}

interface ListedClient {
  summary: ClientSummary;
  /** Folded names, pseudonym and client notes, for the search box. */
  haystack: string;
}

/**
 * The whole practice judged once, reused while nothing is written. The list is asked for
 * on every keystroke in its search box, and judging 1,000 dossiers' duties is most of its
 * cost. total_changes() counts every row this connection inserted, updated or deleted,
 * triggers included, and the vault is opened with exclusive locking, so no other writer
 * exists: an unchanged count means unchanged data. The day is part of the key because
 * duties fall due with the date. Keyed by the connection, the cache goes with it on lock.
 * Only read-only calls may fill it: rows a rolled-back write had changed would stay here
 * under a count the rollback does not lower.
 */
interface JudgedPractice {
  changes: number;
  today: string;
  clients: ListedClient[];
}

const judged = new WeakMap<SqliteDatabase, JudgedPractice>();

function judgePractice(db: SqliteDatabase, today: string): ListedClient[] {
  const changes = (prepared(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  const cached = judged.get(db);
  if (cached && cached.changes === changes && cached.today === today) return cached.clients;

  const stats = sessionStats(db);
  const facts = dossierFacts(db, today, getSettings(db).retentionYears, undefined, stats);
  const rows = prepared(db, 'SELECT * FROM clients ORDER BY last_name, first_name').all() as Record<
    string,
    unknown
  >[];
  const clients = rows.map((row): ListedClient => {
    const client = fromRow(clientsTable, row);
    const clientFacts = facts.get(client.id);
    const summary = summarise(clientFacts ? dossierDuties(clientFacts) : []);
    const sessions = stats.get(client.id);
    return {
      haystack: fold(`${client.firstName} ${client.lastName} ${client.pseudonym} ${client.notes}`),
      summary: {
        id: client.id,
        pseudonym: client.pseudonym,
        firstName: client.firstName,
        lastName: client.lastName,
        status: client.status,
        isMinor:
          client.isMinor || (client.dateOfBirth !== null && isMinorOn(client.dateOfBirth, today)),
        isVulnerableAdult: client.isVulnerableAdult,
        sessionCount: sessions?.count ?? 0,
        lastSessionAt: sessions?.last ?? null,
        openDuties: summary.open,
        overdueDuties: summary.overdue,
        worstDuty: summary.worst,
      },
    };
  });
  judged.set(db, { changes, today, clients });
  return clients;
}

export function listClients(ctx: ServiceContext, filter: ListFilter): ClientSummary[] {
  const words = fold(filter.query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const noteMatches =
    words.length > 0 ? clientsMatchingNotes(ctx.db, filter.query ?? '') : new Set<string>();
  const summaries: ClientSummary[] = [];
  for (const { summary, haystack } of judgePractice(ctx.db, localDay(ctx.now()))) {
    if (filter.status && summary.status !== filter.status) continue;
    if (filter.minorsOnly && !summary.isMinor) continue;
    if (filter.openDutiesOnly && summary.openDuties === 0) continue;
    if (
      words.length > 0 &&
      !noteMatches.has(summary.id) &&
      !words.every((word) => haystack.includes(word))
    ) {
      continue;
    }
    // A copy: the cached summary must not be changed by whoever receives the list.
    summaries.push({ ...summary });
  }
  return summaries;
}
