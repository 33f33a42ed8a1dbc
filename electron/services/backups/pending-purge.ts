import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';

/**
 * Dossiers erased from the vault that older backups still hold, by id (not identifying)
 * and pseudonym, so the UI can say so honestly and offer to purge them.
 */
export interface PendingPurge {
  clientId: string;
  pseudonym: string;
  erasedAt: string;
}

const KEY = 'erased_pending_purge';

export function readPendingPurges(db: SqliteDatabase): PendingPurge[] {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(KEY) as
    | { value: string }
    | undefined;
  return row ? (JSON.parse(row.value) as PendingPurge[]) : [];
}

export function writePendingPurges(db: SqliteDatabase, pending: readonly PendingPurge[]): void {
  prepared(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(pending));
}

export function addPendingPurge(db: SqliteDatabase, entry: PendingPurge): void {
  writePendingPurges(db, [...readPendingPurges(db), entry]);
}
