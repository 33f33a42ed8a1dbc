import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A backup is two files in the folder the coach chose: `<name>.kluisdb`, an encrypted
 * copy of the database (SQLCipher 4, same data key), and `<name>.json`, written last,
 * which marks the backup complete and holds the wrapped key slots (so the backup opens
 * with the passphrase or recovery key of its day) and what verification found.
 * The JSON holds no client data: dates, counts, sizes and hashes.
 */
export const BACKUP_FORMAT = 'dossierkluis-backup';
export const DB_SUFFIX = '.kluisdb';
export const META_SUFFIX = '.json';
export const PARTIAL_SUFFIX = '.partial';

export const backupMetaSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  vaultId: z.uuid(),
  createdAt: z.iso.datetime(),
  schemaVersion: z.number().int(),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.object({
    clients: z.number().int(),
    sessions: z.number().int(),
    attachments: z.number().int(),
    auditEntries: z.number().int(),
  }),
  verifiedAt: z.iso.datetime(),
  keyFile: z.unknown(),
  /** Erased dossiers purged from this backup after it was made (ids only). */
  purged: z.array(z.uuid()).default([]),
});
export type BackupMeta = z.infer<typeof backupMetaSchema>;

export interface BackupFile {
  id: string;
  dbPath: string;
  metaPath: string;
  meta: BackupMeta;
}

export function backupName(vaultId: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `dossierkluis-${vaultId.slice(0, 8)}-${stamp}`;
}

/** Complete backups of this vault in the folder, newest first. Unreadable ones are skipped. */
export function listBackupFiles(folder: string, vaultId?: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  const backups: BackupFile[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.startsWith('dossierkluis-') || !name.endsWith(META_SUFFIX)) continue;
    const id = name.slice(0, -META_SUFFIX.length);
    const dbPath = join(folder, `${id}${DB_SUFFIX}`);
    const metaPath = join(folder, name);
    if (!existsSync(dbPath)) continue;
    try {
      const meta = backupMetaSchema.parse(JSON.parse(readFileSync(metaPath, 'utf8')));
      if (vaultId === undefined || meta.vaultId === vaultId)
        backups.push({ id, dbPath, metaPath, meta });
    } catch {
      // A foreign or damaged metadata file is not ours to use or to delete.
    }
  }
  return backups.sort((a, b) => b.meta.createdAt.localeCompare(a.meta.createdAt));
}

/** Leftovers of a backup that was interrupted (crash, full disk): never complete, safe to drop. */
export function removePartials(folder: string): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    if (name.startsWith('dossierkluis-') && name.endsWith(PARTIAL_SUFFIX)) {
      rmSync(join(folder, name), { force: true });
    }
  }
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
