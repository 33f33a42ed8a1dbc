import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeyFile, type ScryptParams, unwrapDataKey } from '../../db/key-slots';
import { vaultPaths } from '../../db/vault';

/** Cheap KDF for tests that are not about the KDF; real vaults use DEFAULT_SCRYPT. */
export const FAST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
export const FAST = { scrypt: FAST_SCRYPT } as const;

export const PASSPHRASE = 'paarse olifant danst op het dak';
export const OTHER_PASSPHRASE = 'groene kikker zingt in de regen';

const made: string[] = [];

export function tempDir(prefix = 'dossierkluis-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** SHA-256 of every file in a folder, to prove an operation wrote nothing. */
export function folderFingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

/** The raw data key, read the way any SQLCipher client would need it. */
export async function dataKeyOf(dir: string, passphrase: string): Promise<Buffer> {
  const keyFile = readKeyFile(vaultPaths(dir).keys);
  for (const slot of keyFile.slots) {
    const key = await unwrapDataKey(keyFile.vaultId, slot, { kind: 'passphrase', passphrase });
    if (key) return key;
  }
  throw new Error('passphrase does not open the test vault');
}
