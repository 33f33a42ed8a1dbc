import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Encrypter } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { isVaultError } from '../../db/errors';
import { DEFAULT_SCRYPT } from '../../db/key-slots';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import { KluisError } from '../../electron/client';
import { AGE_SCRYPT_LOG_N } from '../../electron/services/handover/age-io';
import { OpenedBundle } from '../../electron/services/handover/bundle-reader';
import { isHandoverError } from '../../electron/services/handover/errors';
import { LIMITS } from '../../electron/services/handover/limits';
import { openTestApiWithoutVault } from '../support/api-fixture';
import {
  FAST,
  folderFingerprint,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

afterEach(removeTempDirs);

/** A locked vault whose passphrase slot asks for other scrypt parameters. */
async function vaultAsking(kdf: { N?: number; r?: number; p?: number }): Promise<string> {
  const dir = tempDir();
  (await createVault(dir, PASSPHRASE, FAST)).vault.lock();
  const path = vaultPaths(dir).keys;
  const keyFile = JSON.parse(readFileSync(path, 'utf8')) as {
    slots: { kind: string; kdf: Record<string, unknown> }[];
  };
  for (const slot of keyFile.slots) if (slot.kind === 'passphrase') Object.assign(slot.kdf, kdf);
  writeFileSync(path, JSON.stringify(keyFile));
  return dir;
}

async function timed<T>(work: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  try {
    await work;
    return { error: undefined, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

describe('untrusted scrypt parameters in a key file', () => {
  it.each([
    { N: 2 ** 22 },
    { N: DEFAULT_SCRYPT.N * 2 },
    { r: DEFAULT_SCRYPT.r * 2 },
    { p: DEFAULT_SCRYPT.p + 1 },
  ])('refuses %o with KDF_TOO_COSTLY before deriving, changing nothing', async (kdf) => {
    const dir = await vaultAsking(kdf);
    const before = folderFingerprint(dir);
    const { error, ms } = await timed(openVault(dir, { passphrase: PASSPHRASE }, FAST));
    expect(isVaultError(error, 'KDF_TOO_COSTLY')).toBe(true);
    // Deriving at N = 2^22 would need 4 GiB; at twice the default, over half a second.
    expect(ms).toBeLessThan(250);
    expect(folderFingerprint(dir)).toEqual(before);
  });

  it('accepts exactly the cost the app writes', async () => {
    const dir = await vaultAsking({ ...DEFAULT_SCRYPT });
    // The slot's parameters are bound to its wrapped key, so edited ones derive a key
    // that does not open it: the cap let scrypt run, and the slot said no.
    const { error } = await timed(openVault(dir, { passphrase: PASSPHRASE }, FAST));
    expect(isVaultError(error, 'WRONG_SECRET')).toBe(true);
  });

  it('reaches the UI as a typed, translatable error', async () => {
    const dir = await vaultAsking({ N: 2 ** 22 });
    const api = await openTestApiWithoutVault(dir);
    await expect(api.kluis.vault.unlock({ passphrase: PASSPHRASE })).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof KluisError &&
        error.code === 'KDF_TOO_COSTLY' &&
        error.messageKey === 'errors.KDF_TOO_COSTLY',
    );
  });
});

describe('untrusted scrypt work factor in an age header', () => {
  /** An age passphrase file whose header claims `logN` (its MAC no longer matches). */
  async function ageFileClaiming(logN: number): Promise<string> {
    const encrypter = new Encrypter();
    encrypter.setPassphrase(PASSPHRASE);
    encrypter.setScryptWorkFactor(10);
    const bytes = Buffer.from(await encrypter.encrypt('niet echt een bundel'));
    const text = bytes.toString('latin1');
    const edited = text.replace(/^(age-encryption\.org\/v1\n-> scrypt \S+ )10\n/, `$1${logN}\n`);
    expect(edited).not.toBe(logN === 10 ? '' : text);
    const path = join(tempDir(), `claims-${logN}.age`);
    writeFileSync(path, Buffer.from(edited, 'latin1'));
    return path;
  }

  it.each([AGE_SCRYPT_LOG_N + 1, 20, 22])(
    'refuses logN %i with KDF_TOO_COSTLY before deriving',
    async (logN) => {
      const path = await ageFileClaiming(logN);
      const { error, ms } = await timed(
        OpenedBundle.open({ path }, { kind: 'passphrase', passphrase: PASSPHRASE }, LIMITS),
      );
      expect(isHandoverError(error, 'KDF_TOO_COSTLY')).toBe(true);
      expect(ms).toBeLessThan(250);
    },
  );

  it('lets the work factors the app writes through to the passphrase check', async () => {
    // logN 10 is the file's own: the passphrase opens it, and the content is no zip.
    const own = await timed(
      OpenedBundle.open(
        { path: await ageFileClaiming(10) },
        { kind: 'passphrase', passphrase: PASSPHRASE },
        LIMITS,
      ),
    );
    expect(isHandoverError(own.error, 'BUNDLE_DAMAGED')).toBe(true);
    // At the cap scrypt runs, with the wrong cost, so the key does not match.
    const atCap = await timed(
      OpenedBundle.open(
        { path: await ageFileClaiming(AGE_SCRYPT_LOG_N) },
        { kind: 'passphrase', passphrase: PASSPHRASE },
        LIMITS,
      ),
    );
    expect(isHandoverError(atCap.error, 'BUNDLE_WRONG_KEY')).toBe(true);
  });
});
