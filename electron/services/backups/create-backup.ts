import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncFile, writeFileAtomic } from '../../../db/atomic-file';
import type { SqliteDatabase } from '../../../db/connection';
import { readKeyFile } from '../../../db/key-slots';
import { schemaVersion } from '../../../db/migrate';
import { vaultPaths } from '../../../db/vault';
import { ApiError } from '../api-error';
import {
  BACKUP_FORMAT,
  type BackupFile,
  type BackupMeta,
  backupName,
  DB_SUFFIX,
  META_SUFFIX,
  PARTIAL_SUFFIX,
  removePartials,
  sha256File,
} from './backup-files';

type Counts = BackupMeta['counts'];

function countRows(db: SqliteDatabase, schema: 'main' | 'backup'): Counts {
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${schema}.${table}`).get() as { n: number }).n;
  return {
    clients: count('clients'),
    sessions: count('sessions'),
    attachments: count('attachments'),
    auditEntries: count('audit_log'),
  };
}

/**
 * Opens a backup file beside the live vault (ATTACH uses the main database's key, so the
 * data key never leaves SQLite), checks every page and returns what it holds.
 */
export function inspectBackupFile(
  db: SqliteDatabase,
  path: string,
): { ok: boolean; counts: Counts } {
  db.prepare('ATTACH DATABASE ? AS backup').run(path);
  try {
    const check = db.pragma('backup.integrity_check', { simple: true });
    return { ok: check === 'ok', counts: countRows(db, 'backup') };
  } finally {
    db.exec('DETACH DATABASE backup');
  }
}

/**
 * Writes a consistent snapshot with VACUUM INTO: SQLite3MC writes it encrypted with the
 * live vault's cipher and key (the backup API refuses to copy between encrypted and
 * plain databases, and a plain snapshot would be plaintext on disk). Chosen over an age
 * file of the snapshot because the copy is itself a vault: it opens with the same
 * secrets, is checked page by page with ATTACH, and restores by a file move.
 *
 * The snapshot, the row counts it is compared with, and the check all run in one
 * synchronous stretch, so no write can slip in between them.
 */
export async function createBackup(
  db: SqliteDatabase,
  vault: { dir: string; vaultId: string },
  folder: string,
  now: Date,
): Promise<BackupFile> {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  removePartials(folder);
  const id = backupName(vault.vaultId, now);
  const dbPath = join(folder, `${id}${DB_SUFFIX}`);
  const metaPath = join(folder, `${id}${META_SUFFIX}`);
  const partial = `${dbPath}${PARTIAL_SUFFIX}`;
  try {
    const expected = countRows(db, 'main');
    // Read in the same synchronous step as the copy: a key rotation can run during the
    // awaits below, and the metadata must hold the keys of the copy, not of the vault later.
    const keyFile = readKeyFile(vaultPaths(vault.dir).keys);
    db.prepare('VACUUM INTO ?').run(partial);
    const found = inspectBackupFile(db, partial);
    if (!found.ok || JSON.stringify(found.counts) !== JSON.stringify(expected)) {
      throw new ApiError('BACKUP_FAILED', 'The new backup did not verify.', {
        reason: 'verification',
      });
    }
    fsyncFile(partial);
    const sha256 = await sha256File(partial);
    renameSync(partial, dbPath);
    const meta: BackupMeta = {
      format: BACKUP_FORMAT,
      version: 1,
      vaultId: vault.vaultId,
      createdAt: now.toISOString(),
      schemaVersion: schemaVersion(db),
      size: statSync(dbPath).size,
      sha256,
      counts: found.counts,
      verifiedAt: now.toISOString(),
      keyFile,
      purged: [],
    };
    writeFileAtomic(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
    return { id, dbPath, metaPath, meta };
  } catch (error) {
    rmSync(partial, { force: true });
    // Without its metadata a database file is not a backup; do not leave it half-made.
    rmSync(metaPath, { force: true });
    rmSync(dbPath, { force: true });
    throw error;
  }
}
