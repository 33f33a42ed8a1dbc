import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import { detectKnown } from './anonymise/known-identifiers';

/** A client whose name appears in a text meant to hold pseudonyms only. */
export interface NamedClient {
  clientId: string;
  pseudonym: string;
  firstName: string;
  lastName: string;
}

/**
 * Which clients a supervision text names, by the anonymiser's own name matching (surname
 * with or without particles, initials, first name and its diminutives, diacritics folded).
 * The log is meant to hold pseudonyms only, so the UI warns before such a text is saved.
 * Nothing is logged or stored here: the answer goes back to the coach's own screen only.
 */
export function clientsNamedIn(db: SqliteDatabase, texts: readonly string[]): NamedClient[] {
  const text = texts.join('\n');
  if (text.trim() === '') return [];
  const clients = prepared(
    db,
    `SELECT id AS clientId, pseudonym, first_name AS firstName, last_name AS lastName
     FROM clients ORDER BY last_name, first_name`,
  ).all() as NamedClient[];
  return clients.filter((client) =>
    detectKnown(
      text,
      {
        client: {
          firstName: client.firstName,
          lastName: client.lastName,
          pseudonym: client.pseudonym,
        },
      },
      'nl',
    ).some(
      // The anonymiser also matches the pseudonym itself; in the log that is the point.
      (found) =>
        found.kind === 'client-name' &&
        text.slice(found.start, found.end).toLowerCase() !== client.pseudonym.toLowerCase(),
    ),
  );
}
