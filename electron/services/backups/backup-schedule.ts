import type { Logger } from '../../logger';
import type { VaultSession } from '../vault-session';
import { readVaultConfig } from './backup-config';
import { backupStatus, runBackup } from './backup-service';

const DAY_MS = 24 * 60 * 60 * 1000;

export type BackupOccasion = 'daily' | 'quit';

/**
 * Makes the automatic backups: once a day while the vault is open, and when the app quits
 * with changes since the last one. A failure is logged (without data) and left for the
 * backup warning to surface; it never stops the coach from working or quitting.
 */
export async function backupIfDue(
  session: VaultSession,
  occasion: BackupOccasion,
  now: Date,
  logger?: Logger,
): Promise<boolean> {
  if (session.state !== 'unlocked' || readVaultConfig(session.dir).backupFolder === null)
    return false;
  const status = backupStatus(session, now);
  if (!status.folderAvailable) return false;
  const last = status.lastGoodAt ? Date.parse(status.lastGoodAt) : 0;
  const due =
    occasion === 'daily'
      ? now.getTime() - last >= DAY_MS
      : session.changedSinceBackup || last === 0;
  if (!due) return false;
  try {
    await runBackup(session, now);
    return true;
  } catch (error) {
    logger?.error(`backup.${occasion}`, error);
    return false;
  }
}
