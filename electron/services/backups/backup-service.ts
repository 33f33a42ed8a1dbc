import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { appendAudit } from '../../../db/audit';
import { readKeyFile } from '../../../db/key-slots';
import { vaultPaths } from '../../../db/vault';
import { DEFAULT_SETTINGS } from '../../contract/records';
import { ApiError } from '../api-error';
import { getSettings } from '../settings';
import type { VaultSession } from '../vault-session';
import { readVaultConfig, writeVaultConfig } from './backup-config';
import { type BackupFile, listBackupFiles, sha256File } from './backup-files';
import { createBackup, inspectBackupFile } from './create-backup';
import { readPendingPurges, writePendingPurges } from './pending-purge';
import { purgeFromBackup } from './purge';
import { restoreBackup } from './restore';
import { backupsToKeep } from './rotation';

export interface BackupInfo {
  id: string;
  createdAt: string;
  size: number;
  verifiedAt: string;
  clients: number;
  sessions: number;
  attachments: number;
}

export type BackupWarning = 'none' | 'no-folder' | 'folder-missing' | 'never' | 'stale';

export interface BackupStatus {
  folder: string | null;
  folderAvailable: boolean;
  lastGoodAt: string | null;
  warning: BackupWarning;
  backups: BackupInfo[];
  /** Erased dossiers that backups still hold, by pseudonym. */
  pendingPurge: { pseudonym: string; erasedAt: string; backupsHolding: number }[];
}

function info(backup: BackupFile): BackupInfo {
  return {
    id: backup.id,
    createdAt: backup.meta.createdAt,
    size: backup.meta.size,
    verifiedAt: backup.meta.verifiedAt,
    ...backup.meta.counts,
  };
}

function vaultIdOf(session: VaultSession): string | undefined {
  try {
    return readKeyFile(vaultPaths(session.dir).keys).vaultId;
  } catch {
    // A damaged key file is what restoring repairs: list every backup then.
    return undefined;
  }
}

/** Which data key a key file wraps (absent before the first rotation). */
function dataKeyIdOf(keyFile: unknown): string | undefined {
  if (typeof keyFile !== 'object' || keyFile === null) return undefined;
  const id = (keyFile as { dataKeyId?: unknown }).dataKeyId;
  return typeof id === 'string' ? id : undefined;
}

function holding(backups: readonly BackupFile[], clientId: string, erasedAt: string): number {
  return backups.filter((b) => b.meta.createdAt <= erasedAt && !b.meta.purged.includes(clientId))
    .length;
}

export function backupStatus(session: VaultSession, now: Date): BackupStatus {
  const { backupFolder } = readVaultConfig(session.dir);
  const unlocked = session.state === 'unlocked';
  const settings = unlocked ? getSettings(session.db) : DEFAULT_SETTINGS;
  const folderAvailable = backupFolder !== null && existsSync(backupFolder);
  const backups = backupFolder ? listBackupFiles(backupFolder, vaultIdOf(session)) : [];
  const lastGoodAt = backups[0]?.meta.verifiedAt ?? null;
  let warning: BackupWarning = 'none';
  if (backupFolder === null) warning = 'no-folder';
  else if (!folderAvailable) warning = 'folder-missing';
  else if (lastGoodAt === null) warning = 'never';
  else if (now.getTime() - Date.parse(lastGoodAt) > settings.backupWarnDays * 86_400_000)
    warning = 'stale';
  const pending = unlocked ? readPendingPurges(session.db) : [];
  return {
    folder: backupFolder,
    folderAvailable,
    lastGoodAt,
    warning,
    backups: backups.map(info),
    pendingPurge: pending
      .map((p) => ({
        pseudonym: p.pseudonym,
        erasedAt: p.erasedAt,
        backupsHolding: holding(backups, p.clientId, p.erasedAt),
      }))
      .filter((p) => p.backupsHolding > 0),
  };
}

export function setBackupFolder(session: VaultSession, folder: string, now: Date): BackupStatus {
  if (!isAbsolute(folder)) throw new ApiError('VALIDATION', 'The folder must be an absolute path.');
  const path = resolve(folder);
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    accessSync(path, constants.W_OK);
  } catch {
    throw new ApiError('FOLDER_NOT_WRITABLE', 'Dossierkluis cannot write to that folder.');
  }
  if (resolve(session.dir) === path) {
    throw new ApiError('VALIDATION', 'Backups cannot live inside the vault folder.');
  }
  writeVaultConfig(session.dir, { backupFolder: path });
  return backupStatus(session, now);
}

function requireFolder(session: VaultSession): string {
  const { backupFolder } = readVaultConfig(session.dir);
  if (!backupFolder) throw new ApiError('BACKUP_NO_FOLDER', 'No backup folder has been chosen.');
  return backupFolder;
}

function findBackup(session: VaultSession, id: string): BackupFile {
  const backup = listBackupFiles(requireFolder(session), vaultIdOf(session)).find(
    (b) => b.id === id,
  );
  if (!backup) throw new ApiError('NOT_FOUND', 'No such backup.', { what: 'backup' });
  return backup;
}

/** Makes, verifies and rotates. Rotation removes the metadata first: a backup without it no longer counts. */
export async function runBackup(session: VaultSession, now: Date): Promise<BackupInfo> {
  const folder = requireFolder(session);
  const db = session.db;
  const made = await createBackup(
    db,
    { dir: session.dir, vaultId: vaultIdOf(session) ?? '' },
    folder,
    now,
  );
  const settings = getSettings(db);
  const all = listBackupFiles(folder, made.meta.vaultId);
  const keep = backupsToKeep(
    all.map((b) => ({ id: b.id, createdAt: b.meta.createdAt })),
    {
      daily: settings.backupKeepDaily,
      weekly: settings.backupKeepWeekly,
      monthly: settings.backupKeepMonthly,
    },
  );
  for (const backup of all) {
    if (keep.has(backup.id)) continue;
    rmSync(backup.metaPath, { force: true });
    rmSync(backup.dbPath, { force: true });
  }
  const remaining = all.filter((b) => keep.has(b.id));
  writePendingPurges(
    db,
    readPendingPurges(db).filter((p) => holding(remaining, p.clientId, p.erasedAt) > 0),
  );
  appendAudit(
    db,
    'backup.created',
    null,
    { size: made.meta.size, clients: made.meta.counts.clients },
    now,
  );
  session.markBackedUp();
  return info(made);
}

export async function verifyBackup(
  session: VaultSession,
  id: string,
): Promise<BackupInfo & { ok: boolean }> {
  const backup = findBackup(session, id);
  const hashOk = (await sha256File(backup.dbPath)) === backup.meta.sha256;
  const pages = hashOk
    ? inspectBackupFile(session.db, backup.dbPath)
    : { ok: false, counts: backup.meta.counts };
  return { ...info(backup), ok: hashOk && pages.ok };
}

/** Locks the vault, then restores; the coach unlocks the restored vault. */
export async function restoreFromBackup(
  session: VaultSession,
  id: string,
  now: Date,
): Promise<{ asideDir: string | null }> {
  const backup = findBackup(session, id);
  const config = readVaultConfig(session.dir);
  session.lock('restore');
  const result = await restoreBackup(session.dir, backup, now);
  writeVaultConfig(session.dir, config);
  return result;
}

export async function purgeErasedFromBackups(
  session: VaultSession,
  now: Date,
): Promise<{ purged: number; backups: number }> {
  const db = session.db;
  const folder = requireFolder(session);
  const pending = readPendingPurges(db);
  const currentKey = dataKeyIdOf(readKeyFile(vaultPaths(session.dir).keys));
  const otherKey: BackupFile[] = [];
  let touched = 0;
  for (const backup of listBackupFiles(folder, vaultIdOf(session))) {
    const ids = pending
      .filter(
        (p) => backup.meta.createdAt <= p.erasedAt && !backup.meta.purged.includes(p.clientId),
      )
      .map((p) => p.clientId);
    if (ids.length === 0) continue;
    // Made before a key rotation: the vault's key no longer opens it (that is the point
    // of rotating), so it cannot be purged here and stays listed as holding the dossier.
    if (dataKeyIdOf(backup.meta.keyFile) !== currentKey) {
      otherKey.push(backup);
      continue;
    }
    await purgeFromBackup(db, backup, ids);
    touched += 1;
  }
  const stillHeld = pending.filter((p) => holding(otherKey, p.clientId, p.erasedAt) > 0);
  writePendingPurges(db, stillHeld);
  const purged = pending.length - stillHeld.length;
  appendAudit(db, 'backup.purged', null, { dossiers: purged, backups: touched }, now);
  return { purged, backups: touched };
}
