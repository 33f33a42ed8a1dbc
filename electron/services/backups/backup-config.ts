import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../../db/atomic-file';

/**
 * Where the backups are, kept beside the vault in plain JSON: it must be readable while
 * the vault is locked or damaged, which is exactly when a coach needs to restore. It
 * holds a folder path and nothing else.
 */
const configSchema = z.object({ backupFolder: z.string().nullable() });
export type VaultConfig = z.infer<typeof configSchema>;

export const CONFIG_FILE = 'vault.config.json';

export function readVaultConfig(vaultDir: string): VaultConfig {
  const path = join(vaultDir, CONFIG_FILE);
  if (!existsSync(path)) return { backupFolder: null };
  try {
    return configSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return { backupFolder: null };
  }
}

export function writeVaultConfig(vaultDir: string, config: VaultConfig): void {
  // On a new computer the vault folder may not exist yet: the restore will fill it.
  mkdirSync(vaultDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(join(vaultDir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}
