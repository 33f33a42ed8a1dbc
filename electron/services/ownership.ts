import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import { found } from './api-error';

/** Throws NOT_FOUND unless the client exists; returns its pseudonym for audit entries. */
export function assertClient(db: SqliteDatabase, clientId: string): string {
  const row = found(
    prepared(db, 'SELECT pseudonym FROM clients WHERE id = ?').get(clientId) as
      | { pseudonym: string }
      | undefined,
    'client',
  );
  return row.pseudonym;
}

export function pseudonymOf(db: SqliteDatabase, clientId: string | null): string | null {
  if (clientId === null) return null;
  const row = prepared(db, 'SELECT pseudonym FROM clients WHERE id = ?').get(clientId) as
    | { pseudonym: string }
    | undefined;
  return row?.pseudonym ?? null;
}
