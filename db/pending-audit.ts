import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type AuditDetails, appendAudit } from './audit';
import type { SqliteDatabase } from './connection';

/**
 * Audit entries that could not be written when they happened, because the vault had to
 * close on a full disk (a lock must never fail). They wait in a small JSON file beside
 * the vault and enter the audit log, with their own time, at the next unlock. They hold
 * facts only (an action, a time, a reason), never client data, so plaintext is fine.
 *
 * The file is reserved at its full size while the disk still has room (at unlock), and a
 * lock overwrites it in place: rewriting blocks a file already owns needs no free space,
 * where creating a file on a full disk fails. Spaces pad it, which JSON ignores.
 */

export const PENDING_AUDIT_FILE = 'vault.pending-audit.json';
const FORMAT = 'dossierkluis-pending-audit';
/** Room for a few dozen lock entries; more are not kept (see `keepPendingAudit`). */
export const PENDING_AUDIT_BYTES = 4096;

export interface PendingAuditEntry {
  readonly at: string;
  readonly action: string;
  readonly details: AuditDetails;
  /** HMAC-SHA256 with the vault's pending-audit key (see `signPendingEntry`). */
  readonly mac?: string;
}

function pathIn(dir: string): string {
  return join(dir, PENDING_AUDIT_FILE);
}

/**
 * The reasons a vault locks (VaultSession's LockReason, kept equal by a compile-time
 * check in vault-session.ts). The file is plain JSON anyone who can write to the vault
 * folder can edit, so it is held to exactly what the app itself defers: a lock and a
 * passphrase reset, with these details and no others. Anything else is dropped.
 */
export const deferredLockReasons = [
  'user',
  'idle',
  'screen-locked',
  'suspend',
  'quit',
  'restore',
] as const;

const at = z.iso.datetime();
const mac = z.base64().optional();
const entrySchema = z.discriminatedUnion('action', [
  z
    .object({
      at,
      action: z.literal('vault.locked'),
      details: z
        .object({ reason: z.enum(deferredLockReasons), deferred: z.literal(true) })
        .strict(),
      mac,
    })
    .strict(),
  z
    .object({
      at,
      action: z.literal('vault.passphrase-reset'),
      details: z
        .union([z.object({ deferred: z.literal(true) }).strict(), z.object({}).strict()])
        .default({}),
      mac,
    })
    .strict(),
]);

function asEntry(value: unknown): PendingAuditEntry[] {
  const parsed = entrySchema.safeParse(value);
  return parsed.success ? [parsed.data] : [];
}

/**
 * The entries waiting for vault `vaultId`; none when the file is missing, blank, or
 * written for another vault (one restored from a backup over this folder).
 */
export function readPendingAudit(dir: string, vaultId: string): PendingAuditEntry[] {
  let text: string;
  try {
    text = readFileSync(pathIn(dir), 'utf8');
  } catch {
    return [];
  }
  if (text.trim() === '') return [];
  try {
    const parsed = JSON.parse(text) as { format?: unknown; vaultId?: unknown; entries?: unknown };
    if (parsed.format !== FORMAT || parsed.vaultId !== vaultId) return [];
    if (!Array.isArray(parsed.entries)) return [];
    return parsed.entries.flatMap(asEntry);
  } catch {
    return [];
  }
}

function padded(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length >= PENDING_AUDIT_BYTES) return bytes;
  return Buffer.concat([bytes, Buffer.alloc(PENDING_AUDIT_BYTES - bytes.length, 0x20)]);
}

/** Overwrites the file from its first byte without truncating, then flushes it. */
function overwrite(dir: string, bytes: Buffer): void {
  let fd: number;
  try {
    fd = openSync(pathIn(dir), 'r+');
  } catch {
    writeFileSync(pathIn(dir), bytes, { mode: 0o600 });
    return;
  }
  try {
    let written = 0;
    while (written < bytes.length)
      written += writeSync(fd, bytes, written, bytes.length - written, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes sure the file exists at its full size, so a later lock on a full disk can still
 * write to it. Keeps entries already waiting. Throws only what the file system throws.
 */
export function reservePendingAudit(dir: string, vaultId: string): void {
  const entries = readPendingAudit(dir, vaultId);
  overwrite(dir, padded(entries.length ? serialise(vaultId, entries) : ''));
}

function serialise(vaultId: string, entries: readonly PendingAuditEntry[]): string {
  return JSON.stringify({ format: FORMAT, vaultId, entries });
}

/**
 * Keeps one entry for the next unlock. The oldest are dropped when the reserved room
 * would overflow: a growing file is exactly what a full disk cannot take.
 */
export function keepPendingAudit(dir: string, vaultId: string, entry: PendingAuditEntry): void {
  const entries = [...readPendingAudit(dir, vaultId), entry];
  let text = serialise(vaultId, entries);
  while (entries.length > 1 && Buffer.byteLength(text) > PENDING_AUDIT_BYTES) {
    entries.shift();
    text = serialise(vaultId, entries);
  }
  overwrite(dir, padded(text));
}

/** Blanks the file after its entries reached the audit log; the reservation stays. */
export function clearPendingAudit(dir: string): void {
  overwrite(dir, padded(''));
}

const MAC_KEY_META = 'pending_audit_key';

/**
 * The key that signs deferred entries. It sits in the encrypted database, which a lock on
 * a full disk can still read, so only the app (with the vault open) signs an entry; a
 * file edited by someone without the vault's key is dropped at replay.
 */
export function pendingAuditKey(db: SqliteDatabase): Buffer | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(MAC_KEY_META) as
    | { value: string }
    | undefined;
  return row ? Buffer.from(row.value, 'hex') : undefined;
}

/** Made at unlock and at create, while the disk still takes a write. */
export function ensurePendingAuditKey(db: SqliteDatabase): void {
  if (pendingAuditKey(db)) return;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(
    MAC_KEY_META,
    randomBytes(32).toString('hex'),
  );
}

function macOf(key: Buffer, vaultId: string, entry: PendingAuditEntry): Buffer {
  const details = Object.entries(entry.details).sort(([a], [b]) => a.localeCompare(b));
  return createHmac('sha256', key)
    .update(JSON.stringify([FORMAT, vaultId, entry.at, entry.action, details]))
    .digest();
}

export function signPendingEntry(
  key: Buffer,
  vaultId: string,
  entry: PendingAuditEntry,
): PendingAuditEntry {
  return { ...entry, mac: macOf(key, vaultId, entry).toString('base64') };
}

function signedBy(key: Buffer, vaultId: string, entry: PendingAuditEntry): boolean {
  if (!entry.mac) return false;
  const given = Buffer.from(entry.mac, 'base64');
  const expected = macOf(key, vaultId, entry);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The time of the newest audit entry; none in an empty log. */
export function lastAuditTime(db: SqliteDatabase): number | undefined {
  const row = db.prepare('SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { at: string }
    | undefined;
  return row ? Date.parse(row.at) : undefined;
}

/**
 * Whether a deferred entry's time fits where it would go: not in the future and not
 * before the log's newest entry (what was deferred happened after it). An edited file
 * cannot slip entries into the past or ahead of time.
 */
export function fitsInLog(at: string, last: number | undefined, now: Date): boolean {
  const time = Date.parse(at);
  return time <= now.getTime() && (last === undefined || time >= last);
}

/**
 * Writes the waiting entries into the audit log, oldest first, each with its own time.
 * Runs inside the caller's transaction; the caller clears the file once that committed.
 */
export function replayPendingAudit(
  db: SqliteDatabase,
  vaultId: string,
  entries: readonly PendingAuditEntry[],
  now: Date = new Date(),
): void {
  const last = lastAuditTime(db);
  // A vault from before the key takes unsigned entries once; after that, only signed ones.
  const key = pendingAuditKey(db);
  const fitting = entries.filter(
    (entry) => fitsInLog(entry.at, last, now) && (!key || signedBy(key, vaultId, entry)),
  );
  const sorted = fitting.sort((a, b) => a.at.localeCompare(b.at));
  for (const entry of sorted) {
    appendAudit(db, entry.action, null, entry.details, new Date(entry.at));
  }
  ensurePendingAuditKey(db);
}
