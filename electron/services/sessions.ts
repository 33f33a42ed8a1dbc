import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import type { SearchHit } from '../api';
import type { Session, SessionSummary } from '../contract/records';
import { found } from './api-error';
import type { ServiceContext } from './context';
import { assertClient } from './ownership';

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

function fromRow(row: SessionRow): Session {
  return {
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
  };
}

export function getSession(db: SqliteDatabase, id: string): Session {
  return fromRow(
    found(
      prepared(db, 'SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined,
      'session',
    ),
  );
}

export function listSessionSummaries(db: SqliteDatabase, clientId: string): SessionSummary[] {
  const rows = prepared(
    db,
    `SELECT s.id, s.client_id, s.starts_at, s.duration_minutes, s.form, s.tags, s.created_at,
            s.updated_at, substr(s.notes, 1, 160) AS preview,
            (SELECT count(*) FROM attachments a WHERE a.session_id = s.id) AS attachment_count
     FROM sessions s WHERE s.client_id = ? ORDER BY s.starts_at DESC`,
  ).all(clientId) as (Omit<SessionRow, 'notes' | 'reflection'> & {
    preview: string;
    attachment_count: number;
  })[];
  return rows.map((row) => ({
    id: row.id,
    clientId: row.client_id,
    startsAt: row.starts_at,
    durationMinutes: row.duration_minutes,
    form: row.form,
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    preview: row.preview,
    attachmentCount: row.attachment_count,
  }));
}

type SessionInput = Omit<Session, 'id' | 'createdAt' | 'updatedAt'>;

export function createSession(ctx: ServiceContext, input: SessionInput): Session {
  assertClient(ctx.db, input.clientId);
  const at = ctx.now().toISOString();
  const id = randomUUID();
  prepared(
    ctx.db,
    `INSERT INTO sessions (id, client_id, starts_at, duration_minutes, form, notes, reflection, tags,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.clientId,
    input.startsAt,
    input.durationMinutes,
    input.form,
    input.notes,
    input.reflection,
    JSON.stringify(input.tags),
    at,
    at,
  );
  return getSession(ctx.db, id);
}

export function updateSession(
  ctx: ServiceContext,
  input: { id: string } & Partial<Omit<SessionInput, 'clientId'>>,
): Session {
  const current = getSession(ctx.db, input.id);
  const next = { ...current, ...input, updatedAt: ctx.now().toISOString() };
  prepared(
    ctx.db,
    `UPDATE sessions SET starts_at = ?, duration_minutes = ?, form = ?, notes = ?, reflection = ?,
       tags = ?, updated_at = ? WHERE id = ?`,
  ).run(
    next.startsAt,
    next.durationMinutes,
    next.form,
    next.notes,
    next.reflection,
    JSON.stringify(next.tags),
    next.updatedAt,
    input.id,
  );
  return getSession(ctx.db, input.id);
}

export function deleteSession(ctx: ServiceContext, id: string): { deleted: true } {
  found(prepared(ctx.db, 'SELECT id FROM sessions WHERE id = ?').get(id), 'session');
  prepared(ctx.db, 'DELETE FROM sessions WHERE id = ?').run(id);
  return { deleted: true };
}

/**
 * Turns what the coach typed into an FTS5 query that cannot be misread as syntax: each
 * word becomes a quoted phrase, the last one a prefix (search as you type). The
 * tokenizer folds case and diacritics on both sides.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => word.trim())
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words
    .map((word, i) => `"${word.replaceAll('"', '""')}"${i === words.length - 1 ? '*' : ''}`)
    .join(' ');
}

/**
 * Scores matches inside the full-text index and joins sessions and clients only for the
 * hits shown. A word in nearly every note ('cliënt', 'werk') would have every match scored
 * for 50 hits, so scoring stops at the most recent RANKED_MATCHES of them (seq grows with
 * every saved session): the floor is found by walking the index backwards, which reads no
 * text. bm25() is sorted by SQLite rather than FTS5's ORDER BY rank, whose own sorter
 * ignores a rowid bound and would score every match anyway (bench/dossier.bench.ts).
 * Equal scores go to the later-entered session, as the coach looks for recent work first.
 */
export const RANKED_MATCHES = 2_000;

const MATCH_FLOOR = `
  SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH @match
  ORDER BY rowid DESC LIMIT 1 OFFSET ${RANKED_MATCHES - 1}`;

const SCORED = `rowid AS seq, bm25(sessions_fts) AS score,
  snippet(sessions_fts, -1, char(2), char(3), '…', 12) AS snippet`;

const TOP_HITS_ALL = `
  SELECT ${SCORED}
  FROM sessions_fts
  WHERE sessions_fts MATCH @match AND rowid >= @floor
  ORDER BY score, rowid DESC
  LIMIT @limit`;

/**
 * Within one dossier only the client's matches are scored. The unary + keeps SQLite from
 * running one full-text query per session of the client; the match runs once and its rows
 * are checked against the client's set.
 */
const TOP_HITS_CLIENT = `
  SELECT ${SCORED}
  FROM sessions_fts
  WHERE sessions_fts MATCH @match
    AND +rowid IN (SELECT seq FROM sessions WHERE client_id = @clientId)
  ORDER BY score, rowid DESC
  LIMIT @limit`;

const withDetails = (top: string): string => `
  SELECT s.id AS session_id, s.client_id, s.starts_at, c.pseudonym, c.first_name, c.last_name,
         hit.snippet
  FROM (${top}) AS hit
  JOIN sessions s ON s.seq = hit.seq
  JOIN clients c ON c.id = s.client_id
  ORDER BY hit.score, s.starts_at DESC`;

const SEARCH_ALL = withDetails(TOP_HITS_ALL);
const SEARCH_CLIENT = withDetails(TOP_HITS_CLIENT);

function matchFloor(db: SqliteDatabase, match: string): number {
  const row = prepared(db, MATCH_FLOOR).get({ match }) as { rowid: number } | undefined;
  return row?.rowid ?? 0;
}

export function searchSessions(
  db: SqliteDatabase,
  input: { query: string; clientId?: string | undefined; limit?: number | undefined },
): SearchHit[] {
  const match = ftsQuery(input.query);
  if (!match) return [];
  const limit = input.limit ?? 50;
  const rows = (
    input.clientId === undefined
      ? prepared(db, SEARCH_ALL).all({ match, limit, floor: matchFloor(db, match) })
      : prepared(db, SEARCH_CLIENT).all({ match, limit, clientId: input.clientId })
  ) as {
    session_id: string;
    client_id: string;
    starts_at: string;
    pseudonym: string;
    first_name: string;
    last_name: string;
    snippet: string;
  }[];
  return rows.map((row) => ({
    sessionId: row.session_id,
    clientId: row.client_id,
    pseudonym: row.pseudonym,
    clientName: `${row.first_name} ${row.last_name}`.trim(),
    startsAt: row.starts_at,
    snippet: row.snippet,
  }));
}

/** Ids of clients whose session notes match, for the client list's search. */
export function clientsMatchingNotes(db: SqliteDatabase, text: string): Set<string> {
  const match = ftsQuery(text);
  if (!match) return new Set();
  const rows = prepared(
    db,
    // The (client_id, starts_at) index holds every seq: scanning it is a few hundred pages,
    // where a lookup per match in the table would read the pages holding the notes.
    `SELECT DISTINCT client_id FROM sessions INDEXED BY sessions_client
     WHERE seq IN (SELECT rowid FROM sessions_fts WHERE sessions_fts MATCH ?)`,
  ).all(match) as { client_id: string }[];
  return new Set(rows.map((row) => row.client_id));
}
