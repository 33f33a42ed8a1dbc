import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isVaultError } from '../../db/errors';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import {
  FAST,
  folderFingerprint,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

afterEach(removeTempDirs);

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy(
    (error: unknown) => isVaultError(error) && error.code === code,
  );
}

/** Changes one symbol of the data part to another valid symbol. */
function withTypo(recoveryKey: string, position: number): string {
  const chars = [...recoveryKey];
  const index = chars.findIndex((c, i) => i >= position && c !== '-');
  chars[index] = chars[index] === '7' ? '8' : '7';
  return chars.join('');
}

async function lockedVault(): Promise<{ dir: string; recoveryKey: string }> {
  const dir = tempDir();
  const { vault, recoveryKey } = await createVault(dir, PASSPHRASE, FAST);
  vault.db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('inhoud');");
  vault.lock();
  return { dir, recoveryKey };
}

describe('wrong secrets', () => {
  it('reject a wrong passphrase with WRONG_SECRET and leave every byte as it was', async () => {
    const { dir } = await lockedVault();
    const before = folderFingerprint(dir);
    await expectCode(openVault(dir, { passphrase: OTHER_PASSPHRASE }, FAST), 'WRONG_SECRET');
    await expectCode(openVault(dir, { passphrase: '' }, FAST), 'WRONG_SECRET');
    expect(folderFingerprint(dir)).toEqual(before);
  });

  it('reject another vault’s recovery key with WRONG_SECRET, unchanged', async () => {
    const { dir } = await lockedVault();
    const other = await lockedVault();
    const before = folderFingerprint(dir);
    await expectCode(openVault(dir, { recoveryKey: other.recoveryKey }, FAST), 'WRONG_SECRET');
    expect(folderFingerprint(dir)).toEqual(before);
  });

  it('catch any single typo in the recovery key as RECOVERY_KEY_INVALID, unchanged', async () => {
    const { dir, recoveryKey } = await lockedVault();
    const before = folderFingerprint(dir);
    for (let position = 0; position < recoveryKey.length; position += 5) {
      await expectCode(
        openVault(dir, { recoveryKey: withTypo(recoveryKey, position) }, FAST),
        'RECOVERY_KEY_INVALID',
      );
    }
    // Two neighbours swapped (the other common slip).
    const chars = [...recoveryKey.replaceAll('-', '')];
    const swapAt = chars.findIndex((c, i) => c !== chars[i + 1]);
    [chars[swapAt], chars[swapAt + 1]] = [chars[swapAt + 1] ?? '', chars[swapAt] ?? ''];
    await expectCode(openVault(dir, { recoveryKey: chars.join('') }, FAST), 'RECOVERY_KEY_INVALID');
    await expectCode(
      openVault(dir, { recoveryKey: recoveryKey.slice(0, -5) }, FAST),
      'RECOVERY_KEY_INVALID',
    );
    expect(folderFingerprint(dir)).toEqual(before);
  });
});

describe('changing the passphrase', () => {
  it('makes the old one fail, the new one and the recovery key work', async () => {
    const { dir, recoveryKey } = await lockedVault();
    const vault = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
    await vault.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
    vault.lock();

    await expectCode(openVault(dir, { passphrase: PASSPHRASE }, FAST), 'WRONG_SECRET');
    const withNew = await openVault(dir, { passphrase: OTHER_PASSPHRASE }, FAST);
    expect(withNew.db.prepare('SELECT x FROM t').get()).toEqual({ x: 'inhoud' });
    withNew.lock();
    const withRecovery = await openVault(dir, { recoveryKey }, FAST);
    expect(withRecovery.db.prepare('SELECT x FROM t').get()).toEqual({ x: 'inhoud' });
    withRecovery.lock();
  });

  it('refuses a wrong current passphrase or a weak new one, and keeps the key file', async () => {
    const { dir } = await lockedVault();
    const vault = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
    const keysBefore = readFileSync(vaultPaths(dir).keys);
    await expectCode(
      vault.changePassphrase(OTHER_PASSPHRASE, 'nog een heel lang wachtwoord hier'),
      'WRONG_SECRET',
    );
    await expectCode(vault.changePassphrase(PASSPHRASE, 'welkom123'), 'WEAK_PASSPHRASE');
    expect(readFileSync(vaultPaths(dir).keys)).toEqual(keysBefore);
    vault.lock();
  });

  it('rewraps the key without re-encrypting the database', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    vault.db.exec('CREATE TABLE filler (x BLOB)');
    const insert = vault.db.prepare('INSERT INTO filler VALUES (randomblob(3000))');
    vault.db.transaction(() => {
      for (let i = 0; i < 200; i += 1) insert.run();
    })();
    vault.lock();

    const database = vaultPaths(dir).database;
    const reopened = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
    // The unlock's audit entry sits in the WAL; the main file is what a re-encryption
    // would have to rewrite.
    const before = readFileSync(database);
    const keysBefore = readFileSync(vaultPaths(dir).keys);
    await reopened.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE);
    expect(readFileSync(database).equals(before)).toBe(true);
    expect(readFileSync(vaultPaths(dir).keys).equals(keysBefore)).toBe(false);

    // After the checkpoint at lock only the pages of the audit entries may differ; a
    // re-encryption gives every page a new IV and would change all of them.
    reopened.lock();
    const after = readFileSync(database);
    const pageSize = 4096;
    const pages = Math.min(before.length, after.length) / pageSize;
    let changed = 0;
    for (let page = 0; page < pages; page += 1) {
      const a = before.subarray(page * pageSize, (page + 1) * pageSize);
      const b = after.subarray(page * pageSize, (page + 1) * pageSize);
      if (!a.equals(b)) changed += 1;
    }
    expect(pages).toBeGreaterThan(150);
    expect(changed).toBeLessThanOrEqual(4);
  });
});

describe('a forgotten passphrase', () => {
  it('is replaced with the recovery key while the vault stays locked, without touching the database', async () => {
    const { dir, recoveryKey } = await lockedVault();
    const { resetPassphrase } = await import('../../db/vault');
    const database = readFileSync(vaultPaths(dir).database);
    await expectCode(
      resetPassphrase(dir, withTypo(recoveryKey, 3), OTHER_PASSPHRASE, FAST),
      'RECOVERY_KEY_INVALID',
    );
    await expectCode(resetPassphrase(dir, recoveryKey, 'zwak', FAST), 'WEAK_PASSPHRASE');
    await resetPassphrase(dir, recoveryKey, OTHER_PASSPHRASE, FAST);
    expect(readFileSync(vaultPaths(dir).database).equals(database)).toBe(true);
    await expectCode(openVault(dir, { passphrase: PASSPHRASE }, FAST), 'WRONG_SECRET');
    const vault = await openVault(dir, { passphrase: OTHER_PASSPHRASE }, FAST);
    expect(vault.db.prepare('SELECT x FROM t').get()).toEqual({ x: 'inhoud' });
    vault.lock();
    (await openVault(dir, { recoveryKey }, FAST)).lock();
  });
});
