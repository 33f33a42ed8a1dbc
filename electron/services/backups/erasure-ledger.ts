import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../../db/atomic-file';
import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';

/**
 * Every erasure the coach made, kept beside the vault and outside its database, so that
 * a restored backup (or an old vault.db copied back) cannot bring an erased dossier back:
 * at each unlock the vault forgets again whatever the ledger says was erased.
 *
 * An entry is the client's id, pseudonym and date, never content. The file is sealed
 * with AES-256-GCM (node:crypto): unreadable without the vault, and an edited or
 * truncated file fails to open instead of silently dropping an erasure. Its key is a
 * random key kept in the encrypted database, not one derived from the data key: so the
 * app never holds the data key past unlock, and changing the vault's keys (rekeying the
 * database) carries this key along unchanged. Every backup made since the vault got its
 * key holds it too, which is what lets a restored backup read the ledger; a backup from
 * before that gets today's key from the restore (restore-ledger-key.ts).
 *
 * The sealed list also carries a generation, one up at each write, which the database
 * keeps too: an older copy of the file put back over a newer one is noticed.
 */

export const LEDGER_FILE = 'vault.erasures.json';
const FORMAT = 'dossierkluis-erasures';
const KEY_META = 'erasure_ledger_key';
/** How many times the ledger was written; the sealed file carries the same number. */
const GENERATION_META = 'erasure_ledger_generation';
const VERSION = 2;

const entrySchema = z.object({
  clientId: z.uuid(),
  pseudonym: z.string().min(1).max(100),
  erasedAt: z.iso.datetime(),
});
export type ErasureEntry = z.infer<typeof entrySchema>;

const sealedSchema = z.union([
  z.array(entrySchema).transform((entries) => ({ generation: 0, entries })),
  z.object({ generation: z.number().int().min(1), entries: z.array(entrySchema) }).strict(),
]);

const fileSchema = z.object({
  format: z.literal(FORMAT),
  // 1: a bare list; 2: the list with its generation.
  version: z.union([z.literal(1), z.literal(2)]),
  nonce: z.base64(),
  sealed: z.base64(),
});

/** The ledger's key as this database holds it; none in a vault (or backup) from before the ledger. */
export function storedLedgerKey(db: SqliteDatabase): Buffer | undefined {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(KEY_META) as
    | { value: string }
    | undefined;
  return row ? Buffer.from(row.value, 'hex') : undefined;
}

/** Makes `key` the ledger's key in this database (one carried forward across a restore). */
export function storeLedgerKey(db: SqliteDatabase, key: Buffer): void {
  prepared(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
    KEY_META,
    key.toString('hex'),
  );
}

/** The ledger's key, made the first time a vault is opened with this version. */
export function ensureLedgerKey(db: SqliteDatabase): Buffer {
  const stored = storedLedgerKey(db);
  if (stored) return stored;
  const key = randomBytes(32);
  storeLedgerKey(db, key);
  return key;
}

function vaultIdOf(db: SqliteDatabase): string {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get('vault_id') as
    | { value: string }
    | undefined;
  return row?.value ?? '';
}

// Binds the sealed list to its format and vault: a ledger copied from another vault fails.
function associatedData(db: SqliteDatabase, version: number): Buffer {
  return Buffer.from(JSON.stringify([FORMAT, version, vaultIdOf(db)]), 'utf8');
}

/** The generation of the ledger this database last wrote or read; 0 before any. */
export function storedGeneration(db: SqliteDatabase): number {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(GENERATION_META) as
    | { value: string }
    | undefined;
  const value = row ? Number.parseInt(row.value, 10) : 0;
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** Brings the database up to a newer ledger it read (one carried across a restore). */
export function storeGeneration(db: SqliteDatabase, generation: number): void {
  prepared(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
    GENERATION_META,
    String(generation),
  );
}

/**
 * Why a ledger cannot be trusted: no key this vault knows opens it, or it is older than
 * the one this database last wrote (an earlier copy of the file put back over it).
 */
export type LedgerProblem = 'unknown-key' | 'older-list';

export type LedgerRead =
  | {
      readonly state: 'ok';
      readonly entries: ErasureEntry[];
      readonly key: Buffer;
      readonly generation: number;
    }
  | { readonly state: 'missing' }
  | { readonly state: 'unreadable'; readonly problem: LedgerProblem };

function unseal(
  file: z.infer<typeof fileSchema>,
  key: Buffer,
  aad: Buffer,
): { generation: number; entries: ErasureEntry[] } {
  const sealed = Buffer.from(file.sealed, 'base64');
  if (sealed.length < 16) throw new Error('truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.nonce, 'base64'));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = Buffer.concat([
    decipher.update(sealed.subarray(0, sealed.length - 16)),
    decipher.final(),
  ]);
  const content = sealedSchema.parse(JSON.parse(plain.toString('utf8')));
  // A generation belongs to version 2; a bare list must not pass itself off as one.
  if ((file.version === 1) !== (content.generation === 0)) throw new Error('version mismatch');
  return content;
}

/**
 * Opens the ledger with the database's own key, or with `otherKeys` (today's key, carried
 * across a restore of a backup that predates it). Never makes a key: a ledger no known key
 * opens must stay as it is, for the caller to report.
 */
export function readLedger(
  vaultDir: string,
  db: SqliteDatabase,
  otherKeys: readonly Buffer[] = [],
): LedgerRead {
  const path = join(vaultDir, LEDGER_FILE);
  if (!existsSync(path)) return { state: 'missing' };
  let file: z.infer<typeof fileSchema>;
  try {
    file = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return { state: 'unreadable', problem: 'unknown-key' };
  }
  const stored = storedLedgerKey(db);
  const keys = stored ? [stored, ...otherKeys] : [...otherKeys];
  for (const key of keys) {
    let content: { generation: number; entries: ErasureEntry[] };
    try {
      content = unseal(file, key, associatedData(db, file.version));
    } catch {
      continue; // Try the next key; none left means unreadable.
    }
    if (content.generation < storedGeneration(db)) {
      return { state: 'unreadable', problem: 'older-list' };
    }
    return { state: 'ok', ...content, key };
  }
  return { state: 'unreadable', problem: 'unknown-key' };
}

export function writeLedger(
  vaultDir: string,
  db: SqliteDatabase,
  entries: readonly ErasureEntry[],
): void {
  const nonce = randomBytes(12);
  const generation = storedGeneration(db) + 1;
  const cipher = createCipheriv('aes-256-gcm', ensureLedgerKey(db), nonce);
  cipher.setAAD(associatedData(db, VERSION));
  const sealed = Buffer.concat([
    cipher.update(JSON.stringify({ generation, entries }), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  writeFileAtomic(
    join(vaultDir, LEDGER_FILE),
    `${JSON.stringify({ format: FORMAT, version: VERSION, nonce: nonce.toString('base64'), sealed: sealed.toString('base64') })}\n`,
  );
  // In the caller's transaction: rolled back with it, the file is just one step ahead.
  storeGeneration(db, generation);
}

/**
 * The entries to build on when the coach erases a dossier. A ledger that does not open
 * was already reported at unlock (audit entry and the Back-ups notice, see
 * after-unlock.ts); it is kept aside (for whoever looks into what happened) rather than
 * overwritten, and the new erasure starts a new one.
 */
export function ledgerEntries(vaultDir: string, db: SqliteDatabase, now: Date): ErasureEntry[] {
  const read = readLedger(vaultDir, db);
  if (read.state === 'ok') return read.entries;
  if (read.state === 'unreadable') {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    renameSync(
      join(vaultDir, LEDGER_FILE),
      join(vaultDir, `vault.erasures.unreadable-${stamp}.json`),
    );
  }
  return [];
}

/**
 * The ledger's copy in the backup folder: a restore on another computer (the old one
 * lost or stolen) finds it there, beside the backups it protects against.
 */
export function ledgerCopyName(vaultId: string): string {
  return `dossierkluis-${vaultId}.erasures`;
}

/** Copies the sealed ledger beside the backups; false when there is none or no folder. */
export function copyLedgerTo(vaultDir: string, db: SqliteDatabase, folder: string): boolean {
  const from = join(vaultDir, LEDGER_FILE);
  if (!existsSync(from) || !existsSync(folder)) return false;
  writeFileAtomic(join(folder, ledgerCopyName(vaultIdOf(db))), readFileSync(from));
  return true;
}

/** Called inside the erasure's transaction: if the transaction fails, the entry only repeats the coach's choice. */
export function recordErasure(
  vaultDir: string,
  db: SqliteDatabase,
  entry: ErasureEntry,
  now: Date,
  backupFolder: string | null = null,
): void {
  const entries = ledgerEntries(vaultDir, db, now).filter((e) => e.clientId !== entry.clientId);
  writeLedger(vaultDir, db, [...entries, entry]);
  if (backupFolder === null) return;
  try {
    copyLedgerTo(vaultDir, db, backupFolder);
  } catch {
    // A disk pulled or full: the next backup copies the ledger there again.
  }
}
