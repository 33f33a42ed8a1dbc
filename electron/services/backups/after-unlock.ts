import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../../db/atomic-file';
import { appendAudit } from '../../../db/audit';
import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';
import { checkpointTruncate } from '../dossiers';
import { readVaultConfig } from './backup-config';
import {
  type ErasureEntry,
  ensureLedgerKey,
  ledgerEntries,
  readLedger,
  storedGeneration,
  storeGeneration,
  storeLedgerKey,
  writeLedger,
} from './erasure-ledger';
import { addPendingPurge, readPendingPurges } from './pending-purge';

/** Written into the vault folder by a restore; the first unlock after it finishes the job. */
export const RESTORED_MARKER = 'vault.restored.json';
/** When a backup was put back and when that backup was made, for the restored log. */
export const RESTORE_NOTE = 'vault.restore-note.json';

const restoreNoteSchema = z.object({ at: z.iso.datetime(), madeAt: z.iso.datetime() }).strict();

/**
 * The restored database is locked when the restore ends, so its log learns of the restore
 * at its first unlock. The note holds two dates and nothing else; a note that is not
 * exactly that, or dated in the future, is dropped unread.
 */
export function noteRestore(vaultDir: string, madeAt: string, now: Date): void {
  try {
    writeFileAtomic(
      join(vaultDir, RESTORE_NOTE),
      `${JSON.stringify({ at: now.toISOString(), madeAt })}\n`,
    );
  } catch {
    // The restore itself worked; a log line cannot undo it, and its absence changes no data.
  }
}

function recordRestore(vaultDir: string, db: SqliteDatabase, now: Date): void {
  const path = join(vaultDir, RESTORE_NOTE);
  if (!existsSync(path)) return;
  try {
    const note = restoreNoteSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const at = new Date(note.at);
    if (at <= now) appendAudit(db, 'backup.restored', null, { madeAt: note.madeAt }, at);
  } catch {
    // Not a note this app wrote: nothing to record.
  }
  rmSync(path, { force: true });
}

/** What an unlock found in the ledger: the pseudonyms erased again, or a ledger it could not open. */
export type ReapplyResult =
  | { readonly ledger: 'ok'; readonly reapplied: string[] }
  | { readonly ledger: 'unreadable'; readonly reapplied: [] };

/**
 * Makes the open vault forget again every dossier the ledger says was erased: after a
 * restore, or an old vault.db put back by hand. Each one is erased as the coach erased
 * it (cascade, index rebuilt, secure delete, WAL truncated) and the audit log says so.
 * Erasures the database knows but the ledger lacks (a vault from before the ledger)
 * are added to it.
 *
 * `carriedKey` is today's ledger key, brought across a restore of a backup that predates
 * it (restore-ledger-key.ts); when it is what opens the ledger, the restored database
 * keeps it. A ledger that no known key opens is left exactly as it is, never replaced by
 * a new key or an empty list: the unlock goes on (the coach needs the vault to check
 * it), the audit log says so, and the Back-ups page tells her (`erasuresUnreadable`).
 */
export function reapplyErasures(
  vaultDir: string,
  db: SqliteDatabase,
  now: Date,
  carriedKey?: Buffer,
): ReapplyResult {
  const result = db.transaction((): ReapplyResult => {
    const read = readLedger(vaultDir, db, carriedKey ? [carriedKey] : []);
    if (read.state === 'unreadable') {
      appendAudit(db, 'backup.erasures-unreadable', null, { reason: read.problem }, now);
      return { ledger: 'unreadable', reapplied: [] };
    }
    if (read.state === 'ok') {
      storeLedgerKey(db, read.key);
      if (read.generation > storedGeneration(db)) storeGeneration(db, read.generation);
    } else {
      ensureLedgerKey(db);
    }
    const entries = read.state === 'ok' ? read.entries : [];
    const known = new Set(entries.map((e) => e.clientId));
    const fromDatabase: ErasureEntry[] = readPendingPurges(db)
      .filter((p) => !known.has(p.clientId))
      .map(({ clientId, pseudonym, erasedAt }) => ({ clientId, pseudonym, erasedAt }));
    const all = [...entries, ...fromDatabase];
    const exists = prepared(db, 'SELECT 1 FROM clients WHERE id = ?');
    const back = all.filter((entry) => exists.get(entry.clientId) !== undefined);
    const folder = readVaultConfig(vaultDir).backupFolder;
    const pending = new Set(readPendingPurges(db).map((p) => p.clientId));
    for (const entry of back) {
      prepared(db, 'DELETE FROM clients WHERE id = ?').run(entry.clientId);
      // The backup it came from holds it again: say so, as for any erasure.
      if (!pending.has(entry.clientId)) addPendingPurge(db, entry, folder);
      appendAudit(
        db,
        'dossier.erased',
        entry.pseudonym,
        { reapplied: true, erasedAt: entry.erasedAt },
        now,
      );
    }
    if (back.length > 0) {
      prepared(db, "INSERT INTO sessions_fts (sessions_fts) VALUES ('optimize')").run();
    }
    if (fromDatabase.length > 0) writeLedger(vaultDir, db, all);
    return { ledger: 'ok', reapplied: back.map((entry) => entry.pseudonym) };
  })();
  if (result.reapplied.length > 0) checkpointTruncate(db);
  return result;
}

/** The `<vault>.before-restore-*` folders beside the vault. */
export function setAsideFolders(vaultDir: string): string[] {
  const parent = dirname(vaultDir);
  const prefix = `${basename(vaultDir)}.before-restore-`;
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(parent, name));
}

/**
 * A restored vault that unlocked is a restore that worked: the vault it replaced, set
 * aside until now in case the restore failed, goes. It held every dossier erased since
 * the backup in its own (encrypted) pages, and an erasure is only honest once no copy on
 * this computer holds it.
 */
export function finishRestore(vaultDir: string): number {
  const marker = join(vaultDir, RESTORED_MARKER);
  if (!existsSync(marker)) return 0;
  const folders = setAsideFolders(vaultDir);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  rmSync(marker, { force: true });
  return folders.length;
}

/**
 * The coach has checked her client list after the notice that the ledger no longer opens:
 * the unreadable file is set aside (kept, for whoever looks into it) and a new ledger
 * starts from the erasures the database itself knows. Without this step the notice
 * would stay for good when nothing came back. False when the ledger opens after all.
 */
export function settleUnreadableLedger(vaultDir: string, db: SqliteDatabase, now: Date): boolean {
  const settled = db.transaction(() => {
    if (readLedger(vaultDir, db).state !== 'unreadable') return false;
    ledgerEntries(vaultDir, db, now);
    const known = readPendingPurges(db).map(({ clientId, pseudonym, erasedAt }) => ({
      clientId,
      pseudonym,
      erasedAt,
    }));
    writeLedger(vaultDir, db, known);
    appendAudit(db, 'backup.erasures-checked', null, {}, now);
    return true;
  })();
  if (settled) {
    const removed = finishRestore(vaultDir);
    if (removed > 0) appendAudit(db, 'backup.restore-confirmed', null, { removed }, now);
  }
  return settled;
}

/** What every unlock of the vault runs before the coach sees it. */
export function afterUnlock(
  vaultDir: string,
  db: SqliteDatabase,
  now: Date,
  carriedKey?: Buffer,
): void {
  recordRestore(vaultDir, db, now);
  const { ledger } = reapplyErasures(vaultDir, db, now, carriedKey);
  // The vault a restore set aside may hold the key that opens the ledger: keep it.
  if (ledger === 'unreadable') return;
  const removed = finishRestore(vaultDir);
  if (removed > 0) appendAudit(db, 'backup.restore-confirmed', null, { removed }, now);
}
