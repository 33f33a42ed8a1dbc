import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { fsyncDirectory, writeFileAtomic } from '../../../db/atomic-file';
import { type KeyFile, parseKeyFile, readKeyFile } from '../../../db/key-slots';
import { vaultExists, vaultPaths } from '../../../db/vault';
import { ApiError } from '../api-error';
import { type BackupFile, sha256File } from './backup-files';

/** Today's key file, if it still opens the backup: same vault and, after a rotation, same data key. */
function currentKeyFile(vaultDir: string, backupKeys: KeyFile): KeyFile | undefined {
  try {
    const keyFile = readKeyFile(vaultPaths(vaultDir).keys);
    return keyFile.vaultId === backupKeys.vaultId && keyFile.dataKeyId === backupKeys.dataKeyId
      ? keyFile
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts a backup in place of the vault. The vault folder as it was is first moved aside
 * whole (a rename, so instant and atomic); the backup is copied in under a temporary
 * name and renamed; any failure moves the old folder back. There is no moment at which
 * the vault folder holds a mix of the two. The key file of the current vault is kept
 * when it belongs to the same vault, so the passphrase of today still opens it; otherwise
 * the backup's own key slots come with it.
 */
export async function restoreBackup(
  vaultDir: string,
  backup: BackupFile,
  now: Date,
): Promise<{ asideDir: string | null; keptKeyFile: boolean }> {
  if ((await sha256File(backup.dbPath)) !== backup.meta.sha256) {
    throw new ApiError('BACKUP_DAMAGED', 'The backup file does not match its checksum.');
  }
  const backupKeys = parseKeyFile(backup.meta.keyFile);
  const current = currentKeyFile(vaultDir, backupKeys);
  const keyFile = current ?? backupKeys;
  const aside = vaultExists(vaultDir)
    ? `${vaultDir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`
    : null;
  if (aside) renameSync(vaultDir, aside);
  const paths = vaultPaths(vaultDir);
  const temp = `${paths.database}.restoring`;
  try {
    mkdirSync(vaultDir, { recursive: true, mode: 0o700 });
    copyFileSync(backup.dbPath, temp);
    if ((await sha256File(temp)) !== backup.meta.sha256) {
      throw new ApiError('BACKUP_DAMAGED', 'The copied backup does not match its checksum.');
    }
    renameSync(temp, paths.database);
    writeFileAtomic(paths.keys, `${JSON.stringify(keyFile, null, 2)}\n`);
    fsyncDirectory(vaultDir);
    return { asideDir: aside, keptKeyFile: current !== undefined };
  } catch (error) {
    if (aside) {
      rmSync(vaultDir, { recursive: true, force: true });
      renameSync(aside, vaultDir);
    } else {
      for (const file of [temp, paths.database, paths.keys]) rmSync(file, { force: true });
    }
    throw error;
  }
}
