import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAuditChain } from '../../db/audit';
import { isVaultError } from '../../db/errors';
import { rotationJournalPath } from '../../db/key-rotation';
import { readKeyFile } from '../../db/key-slots';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import { KluisError } from '../../electron/client';
import { VaultSession } from '../../electron/services/vault-session';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { readWithSqlcipher } from '../support/sqlcipher';
import {
  dataKeyOf,
  FAST,
  folderFingerprint,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

let api: TestApi | undefined;
afterEach(() => {
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

async function expectVaultCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy((e: unknown) => isVaultError(e) && e.code === code);
}

async function expectApiCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy(
    (e: unknown) => e instanceof KluisError && e.code === code,
  );
}

/** A vault with a dossier in it, plus what an attacker may have copied before rotation. */
async function rotatedVault(next?: string): Promise<{
  dir: string;
  oldRecoveryKey: string;
  newRecoveryKey: string;
  oldKeyFile: string;
  oldDataKey: Buffer;
}> {
  const dir = tempDir();
  const session = new VaultSession(dir, FAST);
  const { recoveryKey: oldRecoveryKey } = await session.create(PASSPHRASE);
  const db = session.db;
  db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('sessie één');");
  const oldKeyFile = join(tempDir(), 'vault.keys.json');
  copyFileSync(vaultPaths(dir).keys, oldKeyFile);
  const oldDataKey = await dataKeyOf(dir, PASSPHRASE);
  const { recoveryKey: newRecoveryKey } = await session.rotateKeys(PASSPHRASE, next);
  // The vault stays open and usable with its new key.
  db.exec("INSERT INTO notes VALUES ('na de rotatie');");
  session.lock('user');
  return { dir, oldRecoveryKey, newRecoveryKey, oldKeyFile, oldDataKey };
}

describe('key rotation', () => {
  it('keeps the passphrase but leaves nothing old that opens the vault', async () => {
    const r = await rotatedVault();
    expect(r.newRecoveryKey).not.toBe(r.oldRecoveryKey);
    expect(existsSync(rotationJournalPath(r.dir))).toBe(false);

    // Today's passphrase and the new recovery key open it, with every row.
    const vault = await openVault(r.dir, { passphrase: PASSPHRASE }, FAST);
    expect(vault.db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 2 });
    expect(vault.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
    vault.lock();
    (await openVault(r.dir, { recoveryKey: r.newRecoveryKey }, FAST)).lock();

    // The old recovery key opens nothing.
    await expectVaultCode(
      openVault(r.dir, { recoveryKey: r.oldRecoveryKey }, FAST),
      'WRONG_SECRET',
    );

    // The old key file with the same passphrase: its slot opens, its key does not.
    const withOldKeys = tempDir();
    copyFileSync(vaultPaths(r.dir).database, vaultPaths(withOldKeys).database);
    copyFileSync(r.oldKeyFile, vaultPaths(withOldKeys).keys);
    await expectVaultCode(
      openVault(withOldKeys, { passphrase: PASSPHRASE }, FAST),
      'VAULT_DAMAGED',
    );

    // Same passphrase, new slot: new salt, new wrapped key, new data key id.
    const before = readKeyFile(r.oldKeyFile);
    const after = readKeyFile(vaultPaths(r.dir).keys);
    const saltOf = (file: typeof before) =>
      file.slots.find((slot) => slot.kind === 'passphrase')?.kdf.salt;
    expect(saltOf(after)).not.toBe(saltOf(before));
    expect(after.dataKeyId).not.toBe(before.dataKeyId);
    expect(after.slots.map((slot) => slot.kind).sort()).toEqual(['passphrase', 'recovery']);
    expect(readFileSync(vaultPaths(r.dir).keys, 'utf8')).not.toContain(
      r.newRecoveryKey.replaceAll('-', ''),
    );
  });

  it('with a new passphrase, the old one opens nothing', async () => {
    const r = await rotatedVault(OTHER_PASSPHRASE);
    await expectVaultCode(openVault(r.dir, { passphrase: PASSPHRASE }, FAST), 'WRONG_SECRET');
    (await openVault(r.dir, { passphrase: OTHER_PASSPHRASE }, FAST)).lock();
  });

  it('re-encrypts in the SQLCipher 4 format: the new key opens it in SQLCipher, the old does not', async () => {
    const r = await rotatedVault();
    const path = vaultPaths(r.dir).database;
    const newKey = await dataKeyOf(r.dir, PASSPHRASE);
    expect(newKey.equals(r.oldDataKey)).toBe(false);
    const version = await readWithSqlcipher(path, newKey.toString('hex'), 'PRAGMA cipher_version');
    expect(JSON.stringify(version)).toMatch(/"4\.\d+/);
    await expect(
      readWithSqlcipher(path, newKey.toString('hex'), 'SELECT body FROM notes ORDER BY rowid'),
    ).resolves.toEqual([{ body: 'sessie één' }, { body: 'na de rotatie' }]);
    await expect(
      readWithSqlcipher(path, newKey.toString('hex'), 'PRAGMA cipher_integrity_check'),
    ).resolves.toEqual([]);
    await expect(
      readWithSqlcipher(path, r.oldDataKey.toString('hex'), 'SELECT body FROM notes'),
    ).rejects.toThrow(/not a database/);
  });

  it('refuses a wrong passphrase or a weak new one and changes nothing', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    vault.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = folderFingerprint(dir);
    await expectVaultCode(vault.rotateKeys(OTHER_PASSPHRASE), 'WRONG_SECRET');
    await expectVaultCode(vault.rotateKeys(PASSPHRASE, 'Welkom12345!'), 'WEAK_PASSPHRASE');
    expect(folderFingerprint(dir)).toEqual(before);
    vault.lock();
  });

  it('puts the old key back when a step after the rekey fails', async () => {
    const dir = tempDir();
    const { vault, recoveryKey } = await createVault(dir, PASSPHRASE, {
      ...FAST,
      onRotationStep: (step) => {
        if (step === 'rekeyed') throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    });
    vault.db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('blijft');");
    await expectVaultCode(vault.rotateKeys(PASSPHRASE), 'DISK_FULL');
    expect(existsSync(rotationJournalPath(dir))).toBe(false);
    vault.db.exec("INSERT INTO t VALUES ('daarna');");
    vault.lock();
    const reopened = await openVault(dir, { recoveryKey }, FAST);
    expect(reopened.db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    reopened.lock();
  });

  it('does nothing when the vault locks while the keys are being prepared', async () => {
    const dir = tempDir();
    const session = new VaultSession(dir, FAST);
    const { recoveryKey } = await session.create(PASSPHRASE);
    const rotating = session.rotateKeys(PASSPHRASE);
    // The rotation awaits the KDF first; the idle lock fires meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 0));
    session.lock('idle');
    await expectVaultCode(rotating, 'VAULT_LOCKED');
    expect(existsSync(rotationJournalPath(dir))).toBe(false);
    (await openVault(dir, { recoveryKey }, FAST)).lock();
  });
});

describe('vault.rotateKeys through the contract', () => {
  it('returns a new recovery key once, audits the rotation, and needs an unlocked vault', async () => {
    api = await openTestApi();
    await api.kluis.clients.create(aClient);
    const { recoveryKey } = await api.kluis.vault.rotateKeys({ passphrase: PASSPHRASE });
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    const audit = await api.kluis.audit.list({ limit: 5 });
    expect(audit[0]).toMatchObject({
      action: 'vault.keys-rotated',
      details: { passphrase: 'same' },
    });
    expect(JSON.stringify(audit)).not.toContain(recoveryKey);
    expect((await api.kluis.audit.verify({})).ok).toBe(true);
    await expectApiCode(
      api.kluis.vault.rotateKeys({ passphrase: OTHER_PASSPHRASE }),
      'WRONG_SECRET',
    );
    api.session.lock('user');
    await expectApiCode(api.kluis.vault.rotateKeys({ passphrase: PASSPHRASE }), 'LOCKED');
    await api.kluis.vault.unlock({ recoveryKey });
    expect(await api.kluis.clients.list({})).toHaveLength(1);
  });

  it('leaves an older backup openable with the secrets it was made with', async () => {
    api = await openTestApi();
    await api.kluis.clients.create(aClient);
    const folder = join(tempDir(), 'usb');
    await api.kluis.backups.setFolder({ path: folder });
    const backup = await api.kluis.backups.run({});
    await api.kluis.vault.rotateKeys({ passphrase: PASSPHRASE, next: OTHER_PASSPHRASE });
    await api.kluis.clients.create({ ...aClient, firstName: 'Na' });
    // Today's key file does not fit the older database: the backup's own keys come back.
    // Replacing the vault still needs today's passphrase (issue 12).
    await api.kluis.backups.restore({ id: backup.id, secret: { passphrase: OTHER_PASSPHRASE } });
    await expectApiCode(api.kluis.vault.unlock({ passphrase: OTHER_PASSPHRASE }), 'WRONG_SECRET');
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.kluis.clients.list({})).toHaveLength(1);
  });
});

describe('backups and rotation', () => {
  it('purges erased dossiers from backups it can open and keeps the older ones listed', async () => {
    api = await openTestApi();
    await api.kluis.backups.setFolder({ path: join(tempDir(), 'usb') });
    const erased = await api.kluis.clients.create({ ...aClient, firstName: 'Wendelientje' });
    await api.kluis.backups.run({});
    await api.kluis.vault.rotateKeys({ passphrase: PASSPHRASE });
    api.setNow(new Date(Date.now() + 86_400_000));
    await api.kluis.backups.run({});
    await api.kluis.clients.erase({ id: erased.id, override: { reason: 'client-request' } });
    expect((await api.kluis.backups.status({})).pendingPurge).toEqual([
      expect.objectContaining({ backupsHolding: 2 }),
    ]);
    // The backup from after the rotation is purged; the one from before cannot be opened
    // with today's key, so it is not reported as the vault being damaged, and stays listed.
    expect(await api.kluis.backups.purgeErased({})).toEqual({ purged: 0, backups: 1 });
    expect((await api.kluis.backups.status({})).pendingPurge).toEqual([
      expect.objectContaining({ backupsHolding: 1 }),
    ]);
  });
});

describe('a passphrase reset by recovery key', () => {
  it('is in the audit log after the next unlock when the vault was locked', async () => {
    const dir = tempDir();
    const session = new VaultSession(dir, FAST);
    const { recoveryKey } = await session.create(PASSPHRASE);
    session.lock('user');
    await session.resetPassphrase(recoveryKey, OTHER_PASSPHRASE);
    // Noted beside the keys, no secret in it, until the vault can write it.
    expect(readKeyFile(vaultPaths(dir).keys).pendingAudit).toHaveLength(1);
    await session.unlock({ passphrase: OTHER_PASSPHRASE });
    const entries = listAudit(session.db, { limit: 5 });
    expect(entries.map((e) => e.action)).toContain('vault.passphrase-reset');
    expect(entries.find((e) => e.action === 'vault.passphrase-reset')?.details).toMatchObject({
      recordedLater: true,
    });
    expect(verifyAuditChain(session.db).ok).toBe(true);
    expect(readKeyFile(vaultPaths(dir).keys).pendingAudit).toBeUndefined();
    session.lock('user');
    // Written once: the next unlock adds no second entry.
    await session.unlock({ recoveryKey });
    expect(
      listAudit(session.db, { limit: 20 }).filter((e) => e.action === 'vault.passphrase-reset'),
    ).toHaveLength(1);
    session.lock('user');
  });

  it('is audited at once when the vault is open', async () => {
    const dir = tempDir();
    const session = new VaultSession(dir, FAST);
    const { recoveryKey } = await session.create(PASSPHRASE);
    await session.resetPassphrase(recoveryKey, OTHER_PASSPHRASE);
    expect(listAudit(session.db, { limit: 1 })[0]?.action).toBe('vault.passphrase-reset');
    expect(readKeyFile(vaultPaths(dir).keys).pendingAudit).toBeUndefined();
    session.lock('user');
  });
});
