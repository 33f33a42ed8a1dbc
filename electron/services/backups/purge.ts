import { statSync } from 'node:fs';
import { writeFileAtomic } from '../../../db/atomic-file';
import type { SqliteDatabase } from '../../../db/connection';
import { type BackupFile, sha256File } from './backup-files';
import { inspectBackupFile } from './create-backup';

/**
 * Removes erased dossiers from a backup: delete (cascading, as in the live vault),
 * rebuild the full-text index, then VACUUM the backup in place so no page of the old
 * content survives in the file. The metadata is rewritten last with the new checksum.
 */
export async function purgeFromBackup(
  db: SqliteDatabase,
  backup: BackupFile,
  clientIds: readonly string[],
): Promise<BackupFile> {
  db.prepare('ATTACH DATABASE ? AS backup').run(backup.dbPath);
  try {
    db.pragma('backup.secure_delete=ON');
    db.pragma('backup.journal_mode=DELETE');
    db.transaction(() => {
      const remove = db.prepare('DELETE FROM backup.clients WHERE id = ?');
      for (const id of clientIds) remove.run(id);
      db.prepare("INSERT INTO backup.sessions_fts (sessions_fts) VALUES ('optimize')").run();
    })();
    db.exec('VACUUM backup');
  } finally {
    db.exec('DETACH DATABASE backup');
  }
  const found = inspectBackupFile(db, backup.dbPath);
  const meta = {
    ...backup.meta,
    size: statSync(backup.dbPath).size,
    sha256: await sha256File(backup.dbPath),
    counts: found.counts,
    verifiedAt: new Date().toISOString(),
    purged: [...new Set([...backup.meta.purged, ...clientIds])],
  };
  writeFileAtomic(backup.metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { ...backup, meta };
}
