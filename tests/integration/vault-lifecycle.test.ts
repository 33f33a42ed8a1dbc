import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isVaultError } from '../../db/errors';
import { DEFAULT_SCRYPT, readKeyFile } from '../../db/key-slots';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import { FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

afterEach(removeTempDirs);

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy(
    (error: unknown) => isVaultError(error) && error.code === code,
  );
}

function writeRows(db: import('../../db/connection').SqliteDatabase): void {
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 50; i += 1) insert.run(`sessie ${i}: cliënt vertelt over werkdruk`);
  })();
}

describe('vault lifecycle', () => {
  it('keeps rows across lock and reopen with the passphrase', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    writeRows(vault.db);
    vault.lock();
    expect(vault.isLocked).toBe(true);

    const reopened = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
    const rows = reopened.db.prepare('SELECT count(*) AS n, max(body) AS last FROM notes').get();
    expect(rows).toEqual({ n: 50, last: 'sessie 9: cliënt vertelt over werkdruk' });
    reopened.lock();
  });

  it('keeps rows across lock and reopen with the recovery key, typed loosely', async () => {
    const dir = tempDir();
    const { vault, recoveryKey } = await createVault(dir, PASSPHRASE, FAST);
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    writeRows(vault.db);
    vault.lock();

    // Lower case and spaces instead of dashes, as a person copies from paper.
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ');
    const reopened = await openVault(dir, { recoveryKey: typed }, FAST);
    expect(reopened.db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 50 });
    reopened.lock();
  });

  it('stores the default scrypt cost in a new slot and nothing readable in the key file', async () => {
    const dir = tempDir();
    const { vault, recoveryKey } = await createVault(dir, PASSPHRASE);
    vault.lock();
    const keyFile = readKeyFile(vaultPaths(dir).keys);
    const passphraseSlot = keyFile.slots.find((slot) => slot.kind === 'passphrase');
    expect(passphraseSlot?.kdf).toMatchObject({ name: 'scrypt', ...DEFAULT_SCRYPT });
    expect(keyFile.slots.map((slot) => slot.kind).sort()).toEqual(['passphrase', 'recovery']);
    const text = readFileSync(vaultPaths(dir).keys, 'utf8');
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain(recoveryKey.replaceAll('-', ''));
  });

  it('makes vault files readable by the owner only', async () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    vault.lock();
    for (const file of Object.values(vaultPaths(dir))) {
      expect(statSync(file).mode & 0o077).toBe(0);
    }
  });

  it('refuses a folder that already holds a vault and leaves it as it was', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    vault.lock();
    const before = readFileSync(vaultPaths(dir).keys);
    await expectCode(
      createVault(dir, 'een ander lang wachtwoord voor later', FAST),
      'VAULT_EXISTS',
    );
    expect(readFileSync(vaultPaths(dir).keys)).toEqual(before);
  });

  it('refuses a weak passphrase before writing anything', async () => {
    const dir = tempDir();
    await expectCode(createVault(dir, 'Welkom12345!', FAST), 'WEAK_PASSPHRASE');
    await expectCode(createVault(dir, 'kort', FAST), 'WEAK_PASSPHRASE');
    expect(existsSync(vaultPaths(dir).database)).toBe(false);
  });

  it('tells a missing vault from a damaged one', async () => {
    await expectCode(openVault(tempDir(), { passphrase: PASSPHRASE }, FAST), 'VAULT_NOT_FOUND');

    const noKeys = tempDir();
    (await createVault(noKeys, PASSPHRASE, FAST)).vault.lock();
    rmSync(vaultPaths(noKeys).keys);
    await expectCode(openVault(noKeys, { passphrase: PASSPHRASE }, FAST), 'VAULT_DAMAGED');

    const noDatabase = tempDir();
    (await createVault(noDatabase, PASSPHRASE, FAST)).vault.lock();
    rmSync(vaultPaths(noDatabase).database);
    await expectCode(openVault(noDatabase, { passphrase: PASSPHRASE }, FAST), 'VAULT_DAMAGED');

    const garbled = tempDir();
    (await createVault(garbled, PASSPHRASE, FAST)).vault.lock();
    writeFileSync(vaultPaths(garbled).keys, '{"format":"dossierkluis-keys"');
    await expectCode(openVault(garbled, { passphrase: PASSPHRASE }, FAST), 'VAULT_DAMAGED');
  });

  it('refuses a key file from another vault', async () => {
    const first = tempDir();
    const second = tempDir();
    (await createVault(first, PASSPHRASE, FAST)).vault.lock();
    (await createVault(second, PASSPHRASE, FAST)).vault.lock();
    writeFileSync(vaultPaths(first).keys, readFileSync(vaultPaths(second).keys));
    await expectCode(openVault(first, { passphrase: PASSPHRASE }, FAST), 'VAULT_DAMAGED');
  });

  it('refuses a second opening of the same vault while it is open', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    await expectCode(openVault(dir, { passphrase: PASSPHRASE }, FAST), 'VAULT_IN_USE');
    vault.lock();
    (await openVault(dir, { passphrase: PASSPHRASE }, FAST)).lock();
  });

  it('answers VAULT_LOCKED after lock instead of touching a closed handle', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    vault.lock();
    expect(() => vault.db).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    vault.lock();
  });
});
