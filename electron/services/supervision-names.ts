import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import { detectKnown, splitSurname } from './anonymise/known-identifiers';
import { foldKey } from './anonymise/text';

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
  // The full matcher costs tens of milliseconds per client; a word-prefix check first
  // keeps a practice of a thousand clients quick. Every client-name form the matcher knows
  // (diminutives, possessives, initials with the surname) starts with a word that starts
  // with the given name or a part of the surname.
  const words = [...new Set(foldKey(text).split(/[^\p{L}\p{N}]+/u))].filter(Boolean);
  const mayBeNamed = (client: NamedClient) =>
    `${client.firstName} ${splitSurname(client.lastName).core}`
      .split(/[^\p{L}\p{N}]+/u)
      .map(foldKey)
      .filter((token) => token !== '')
      .some((token) => words.some((word) => word.startsWith(token)));
  return clients.filter(
    (client) =>
      mayBeNamed(client) &&
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
