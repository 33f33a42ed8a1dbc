import { accessSync, constants, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../../../db/atomic-file';
import { appendAudit } from '../../../db/audit';
import { readKeyFile } from '../../../db/key-slots';
import { vaultPaths } from '../../../db/vault';
import { DEFAULT_SETTINGS } from '../../contract/records';
import { ApiError } from '../api-error';
import { HandoverError } from '../handover/errors';
import { redeemPath } from '../handover/file-grants';
import { PLAINTEXT_JOURNAL } from '../handover/plaintext-journal';
import { getSettings } from '../settings';
import type { VaultSession } from '../vault-session';
import { noteRestore, RESTORED_MARKER } from './after-unlock';
import { readVaultConfig, writeVaultConfig } from './backup-config';
import { type BackupFile, listBackupFiles, sha256File } from './backup-files';
import { createBackup, inspectBackupFile } from './create-backup';
import { copyLedgerTo, LEDGER_FILE, ledgerCopyName, readLedger } from './erasure-ledger';
import { folderPathProblem } from './folder-path';
import {
  foldersOf,
  type PendingPurge,
  readPendingPurges,
  rememberBackupFolder,
  writePendingPurges,
} from './pending-purge';
import { purgeFromBackup } from './purge';
import { restoreBackup } from './restore';
import { giveLedgerKey, todaysLedgerKey } from './restore-ledger-key';
import { assertMayReplaceVault, type RestoreSecret } from './restore-secret';
import { backupsToKeep } from './rotation';

/** A folder as the contract carries it: typed (browser mode) or from the native dialog. */
export type FolderChoice = { readonly path: string } | { readonly folderToken: string };

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

export interface PendingPurgeLocation {
  folder: string;
  available: boolean;
  /** Null when the folder cannot be reached now (a disk not connected). */
  backupsHolding: number | null;
}

export interface BackupStatus {
  folder: string | null;
  folderAvailable: boolean;
  lastGoodAt: string | null;
  warning: BackupWarning;
  backups: BackupInfo[];
  /**
   * Erased dossiers that backups still hold, by pseudonym: `backupsHolding` in the chosen
   * folder, `elsewhere` in folders used before.
   */
  pendingPurge: {
    pseudonym: string;
    erasedAt: string;
    backupsHolding: number;
    elsewhere: PendingPurgeLocation[];
  }[];
  /**
   * The list of erasures beside the vault does not open with any key the vault knows:
   * dossiers erased before may be back (see after-unlock.ts). False while locked.
   */
  erasuresUnreadable: boolean;
}

/**
 * Backups found in a folder that was not (necessarily) chosen, for restoring. `folder`
 * is the path to show and to pass back to `backups.restore` (a dialog's token is used up
 * by the search, and a restore may need a second try after a mistyped passphrase).
 */
export interface FoundBackups {
  folder: string;
  backups: BackupInfo[];
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

/** Drops `folder` from every entry that no backup there holds any more; drops empty entries. */
function settleFolder(
  pending: readonly PendingPurge[],
  folder: string,
  backups: readonly BackupFile[],
  currentFolder: string | null,
): PendingPurge[] {
  return pending
    .map((p) => {
      const folders = foldersOf(p, currentFolder);
      return folders.includes(folder) && holding(backups, p.clientId, p.erasedAt) === 0
        ? { ...p, folders: folders.filter((f) => f !== folder) }
        : { ...p, folders };
    })
    .filter((p) => p.folders.length > 0);
}

function badFolder(reason: string): ApiError {
  return new ApiError('VALIDATION', 'The folder must be an absolute path on this computer.', {
    field: 'folder',
    reason,
  });
}

/** The path behind a folder choice, checked as the contract checks typed paths. */
export function folderOf(choice: FolderChoice): string {
  let folder: string;
  if ('path' in choice) folder = choice.path;
  else {
    try {
      folder = redeemPath(choice.folderToken, 'backup-folder');
    } catch (error) {
      if (error instanceof HandoverError) {
        throw new ApiError('NOT_FOUND', 'Choose the folder again.', { what: 'file-grant' });
      }
      throw error;
    }
  }
  const problem = folderPathProblem(folder);
  if (problem) throw badFolder(problem);
  return resolve(folder);
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
  const vaultId = vaultIdOf(session);
  const elsewhere = new Map<string, BackupFile[] | null>();
  const backupsIn = (folder: string) => {
    if (!elsewhere.has(folder)) {
      elsewhere.set(folder, existsSync(folder) ? listBackupFiles(folder, vaultId) : null);
    }
    return elsewhere.get(folder) ?? null;
  };
  return {
    erasuresUnreadable: unlocked && readLedger(session.dir, session.db).state === 'unreadable',
    folder: backupFolder,
    folderAvailable,
    lastGoodAt,
    warning,
    backups: backups.map(info),
    pendingPurge: pending
      .map((p) => ({
        pseudonym: p.pseudonym,
        erasedAt: p.erasedAt,
        backupsHolding: foldersOf(p, backupFolder).includes(backupFolder ?? '')
          ? holding(backups, p.clientId, p.erasedAt)
          : 0,
        elsewhere: foldersOf(p, backupFolder)
          .filter((folder) => folder !== backupFolder)
          .map((folder): PendingPurgeLocation => {
            const found = backupsIn(folder);
            return {
              folder,
              available: found !== null,
              backupsHolding: found === null ? null : holding(found, p.clientId, p.erasedAt),
            };
          })
          .filter((location) => location.backupsHolding !== 0),
      }))
      .filter((p) => p.backupsHolding > 0 || p.elsewhere.length > 0),
  };
}

export function setBackupFolder(
  session: VaultSession,
  choice: FolderChoice,
  now: Date,
): BackupStatus {
  const path = folderOf(choice);
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
  if (session.state === 'unlocked') rememberBackupFolder(session.db, path);
  return backupStatus(session, now);
}

/** The backups in a folder, without choosing it: what a restore screen shows. */
export function findBackups(session: VaultSession, choice: FolderChoice): FoundBackups {
  const folder = folderOf(choice);
  return { folder, backups: listBackupFiles(folder, vaultIdOf(session)).map(info) };
}

function requireFolder(session: VaultSession): string {
  const { backupFolder } = readVaultConfig(session.dir);
  if (!backupFolder) throw new ApiError('BACKUP_NO_FOLDER', 'No backup folder has been chosen.');
  return backupFolder;
}

function findBackup(session: VaultSession, id: string, folder?: string): BackupFile {
  const backup = listBackupFiles(folder ?? requireFolder(session), vaultIdOf(session)).find(
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
  rememberBackupFolder(db, folder);
  try {
    copyLedgerTo(session.dir, db, folder);
  } catch {
    // The backup itself is made; the ledger's copy is tried again at the next one.
  }
  let pending = settleFolder(readPendingPurges(db), folder, remaining, folder);
  // An earlier folder that is connected now and no longer holds an entry is settled too.
  for (const other of new Set(pending.flatMap((p) => foldersOf(p, folder)))) {
    if (other === folder || !existsSync(other)) continue;
    pending = settleFolder(pending, other, listBackupFiles(other, made.meta.vaultId), folder);
  }
  writePendingPurges(db, pending);
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

/** Files beside the vault that outlive a restore: the erasures made since, and the config. */
const CARRIED_FORWARD = [LEDGER_FILE, PLAINTEXT_JOURNAL] as const;

export interface RestoreRequest {
  id: string;
  folder?: FolderChoice | undefined;
  secret?: RestoreSecret | undefined;
}

/**
 * Locks the vault, then restores; the coach unlocks the restored vault. Over an existing
 * vault the coach first proves it is theirs; the first unlock then re-applies the
 * erasures made since the backup and removes the vault that was set aside.
 */
export async function restoreFromBackup(
  session: VaultSession,
  request: RestoreRequest,
  now: Date,
): Promise<{ asideDir: string | null }> {
  const folder = request.folder ? folderOf(request.folder) : undefined;
  const backup = findBackup(session, request.id, folder);
  let dataKey: Buffer | undefined;
  let ledgerKey: Buffer | undefined;
  try {
    if (session.state !== 'none') {
      dataKey = await assertMayReplaceVault(session.dir, request.secret, backup.meta.keyFile);
      const open = session.state === 'unlocked' ? session.db : undefined;
      ledgerKey = todaysLedgerKey(session.dir, open, dataKey);
    }
    const config = readVaultConfig(session.dir);
    session.lock('restore');
    const result = await restoreBackup(session.dir, backup, now);
    if (ledgerKey) {
      // On disk when the restored database opens with today's key; in memory too, for a
      // backup from before a key rotation (or a write that failed).
      if (result.keptKeyFile && dataKey) giveLedgerKey(session.dir, dataKey, ledgerKey);
      session.carryLedgerKey(ledgerKey);
      ledgerKey = undefined;
    }
    finishFiles(session, backup, result.asideDir, folder, config, now);
    noteRestore(session.dir, backup.meta.createdAt, now);
    return { asideDir: result.asideDir };
  } finally {
    dataKey?.fill(0);
    ledgerKey?.fill(0);
  }
}

/** The ledger, config and marker a restored vault needs beside its database. */
function finishFiles(
  session: VaultSession,
  backup: BackupFile,
  asideDir: string | null,
  folder: string | undefined,
  config: ReturnType<typeof readVaultConfig>,
  now: Date,
): void {
  if (asideDir) {
    for (const name of CARRIED_FORWARD) {
      const from = join(asideDir, name);
      if (existsSync(from)) copyFileSync(from, join(session.dir, name));
    }
    writeFileAtomic(
      join(session.dir, RESTORED_MARKER),
      `${JSON.stringify({ at: now.toISOString() })}\n`,
    );
  }
  // No ledger on this computer (a new one, or the old vault lost it): the copy beside
  // the backups brings the erasures made since, for the first unlock to re-apply.
  const copy = join(dirname(backup.dbPath), ledgerCopyName(backup.meta.vaultId));
  if (!existsSync(join(session.dir, LEDGER_FILE)) && existsSync(copy)) {
    copyFileSync(copy, join(session.dir, LEDGER_FILE));
  }
  // On a new computer the folder restored from is where the backups go on.
  writeVaultConfig(session.dir, config.backupFolder ? config : { backupFolder: folder ?? null });
}

export async function purgeErasedFromBackups(
  session: VaultSession,
  now: Date,
): Promise<{ purged: number; backups: number }> {
  const db = session.db;
  const current = requireFolder(session);
  let pending = readPendingPurges(db);
  const dossiers = pending.length;
  const folders = [...new Set(pending.flatMap((p) => foldersOf(p, current)))];
  if (!folders.includes(current)) folders.push(current);
  const currentKey = dataKeyIdOf(readKeyFile(vaultPaths(session.dir).keys));
  let touched = 0;
  // Every folder that can be reached now; one on a disk not connected keeps its entries.
  for (const folder of folders.filter((f) => existsSync(f))) {
    for (const backup of listBackupFiles(folder, vaultIdOf(session))) {
      const ids = pending
        .filter(
          (p) =>
            foldersOf(p, current).includes(folder) &&
            backup.meta.createdAt <= p.erasedAt &&
            !backup.meta.purged.includes(p.clientId),
        )
        .map((p) => p.clientId);
      if (ids.length === 0) continue;
      // Made before a key rotation: the vault's key no longer opens it (that is the point
      // of rotating), so it cannot be purged here and stays listed as holding the dossier.
      if (dataKeyIdOf(backup.meta.keyFile) !== currentKey) continue;
      await purgeFromBackup(db, backup, ids);
      touched += 1;
    }
    pending = settleFolder(pending, folder, listBackupFiles(folder, vaultIdOf(session)), current);
  }
  writePendingPurges(db, pending);
  appendAudit(db, 'backup.purged', null, { dossiers, backups: touched }, now);
  return { purged: dossiers - pending.length, backups: touched };
}
