import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';

/**
 * Dossiers erased from the vault that backups may still hold, by id (not identifying)
 * and pseudonym, so the UI can say so honestly and offer to purge them. Tracked per
 * backup folder: a coach who moves the backups to a new disk must still hear that the
 * old one holds erased dossiers until it is purged (or its backups rotated away).
 */
export interface PendingPurge {
  clientId: string;
  pseudonym: string;
  erasedAt: string;
  /** Backup folders that may still hold it. Absent in entries from before folders were tracked. */
  folders?: string[];
}

const KEY = 'erased_pending_purge';
const FOLDERS_KEY = 'backup_folders';

function readJson<T>(db: SqliteDatabase, key: string, fallback: T): T {
  const row = prepared(db, 'SELECT value FROM meta WHERE key = ?').get(key) as
    | { value: string }
    | undefined;
  return row ? (JSON.parse(row.value) as T) : fallback;
}

function writeJson(db: SqliteDatabase, key: string, value: unknown): void {
  prepared(
    db,
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

export function readPendingPurges(db: SqliteDatabase): PendingPurge[] {
  return readJson<PendingPurge[]>(db, KEY, []);
}

export function writePendingPurges(db: SqliteDatabase, pending: readonly PendingPurge[]): void {
  writeJson(db, KEY, pending);
}

/** Every folder this vault has made backups in (or was told to), oldest first. */
export function backupFolders(db: SqliteDatabase): string[] {
  return readJson<string[]>(db, FOLDERS_KEY, []);
}

export function rememberBackupFolder(db: SqliteDatabase, folder: string): void {
  const known = backupFolders(db);
  if (!known.includes(folder)) writeJson(db, FOLDERS_KEY, [...known, folder]);
}

/** An erasure: every backup folder so far may hold the dossier. */
export function addPendingPurge(
  db: SqliteDatabase,
  entry: Omit<PendingPurge, 'folders'>,
  currentFolder: string | null = null,
): void {
  const folders = [...backupFolders(db)];
  if (currentFolder !== null && !folders.includes(currentFolder)) folders.push(currentFolder);
  writePendingPurges(db, [...readPendingPurges(db), { ...entry, folders }]);
}

/** The folders an entry may still be in; old entries count for the chosen folder. */
export function foldersOf(entry: PendingPurge, currentFolder: string | null): string[] {
  if (entry.folders) return entry.folders;
  return currentFolder === null ? [] : [currentFolder];
}
