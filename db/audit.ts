import { createHash } from 'node:crypto';
import type { SqliteDatabase } from './connection';

/**
 * The audit log is append-only (triggers refuse UPDATE and DELETE) and hash-chained:
 * each row's hash covers its own fields and the previous row's hash, and the meta table
 * keeps the head. Anyone who edits, removes or truncates rows with the key in hand
 * breaks the chain at that row. It holds pseudonyms and facts, never note text.
 */

export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly subject: string | null;
  readonly details: AuditDetails;
}

export type AuditVerification =
  | { readonly ok: true; readonly count: number }
  | {
      readonly ok: false;
      readonly count: number;
      readonly brokenAt: number;
      readonly reason: AuditBreak;
    };

export type AuditBreak = 'hash' | 'link' | 'gap' | 'head';

const GENESIS = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

interface AuditRow {
  seq: number;
  at: string;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

function rowHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([row.seq, row.at, row.action, row.subject, row.details, row.prev_hash]))
    .digest('hex');
}

function readHead(db: SqliteDatabase): { seq: number; hash: string } {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(HEAD_KEY) as
    | { value: string }
    | undefined;
  if (!row) return { seq: 0, hash: GENESIS };
  return JSON.parse(row.value) as { seq: number; hash: string };
}

/** Appends one entry. Runs inside the caller's transaction when there is one. */
export function appendAudit(
  db: SqliteDatabase,
  action: string,
  subject: string | null = null,
  details: AuditDetails = {},
  now: Date = new Date(),
): AuditEntry {
  return db.transaction(() => {
    const head = readHead(db);
    const row = {
      seq: head.seq + 1,
      at: now.toISOString(),
      action,
      subject,
      details: JSON.stringify(details),
      prev_hash: head.hash,
    };
    const hash = rowHash(row);
    db.prepare(
      `INSERT INTO audit_log (seq, at, action, subject, details, prev_hash, hash)
       VALUES (@seq, @at, @action, @subject, @details, @prev_hash, @hash)`,
    ).run({ ...row, hash });
    db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(HEAD_KEY, JSON.stringify({ seq: row.seq, hash }));
    return { seq: row.seq, at: row.at, action, subject, details };
  })();
}

export function listAudit(
  db: SqliteDatabase,
  options: { limit?: number; beforeSeq?: number } = {},
): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT seq, at, action, subject, details FROM audit_log
       WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
    )
    .all(options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100) as AuditRow[];
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as AuditDetails,
  }));
}

/** Walks the whole chain and names the first row that does not hold. */
export function verifyAuditChain(db: SqliteDatabase): AuditVerification {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let count = 0;
  const rows = db
    .prepare(
      'SELECT seq, at, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq',
    )
    .iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, count, brokenAt: expectedSeq, reason: 'gap' };
    if (row.prev_hash !== prevHash) return { ok: false, count, brokenAt: row.seq, reason: 'link' };
    if (rowHash(row) !== row.hash) return { ok: false, count, brokenAt: row.seq, reason: 'hash' };
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const head = readHead(db);
  if (head.seq > count) return { ok: false, count, brokenAt: count + 1, reason: 'head' };
  if (head.seq < count) return { ok: false, count, brokenAt: head.seq + 1, reason: 'head' };
  if (head.hash !== prevHash) return { ok: false, count, brokenAt: count, reason: 'head' };
  return { ok: true, count };
}
