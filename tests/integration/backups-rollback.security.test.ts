import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KluisError } from '../../electron/client';
import { LEDGER_FILE } from '../../electron/services/backups/erasure-ledger';
import { grantPath } from '../../electron/services/handover/file-grants';
import {
  aClient,
  openTestApi,
  openTestApiWithoutVault,
  type TestApi,
} from '../support/api-fixture';
import { OTHER_PASSPHRASE, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * Issue 12: a locked vault cannot be rolled back or redirected, and no backup brings an
 * erased dossier back.
 */

let api: TestApi | undefined;
afterEach(() => {
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

async function expectCode(promise: Promise<unknown>, code: string): Promise<KluisError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KluisError);
  expect((error as KluisError).code).toBe(code);
  return error as KluisError;
}

async function vaultWithBackup(): Promise<{
  api: TestApi;
  folder: string;
  backupId: string;
  a: string;
}> {
  const current = await openTestApi();
  const folder = join(tempDir(), 'backups');
  await current.kluis.backups.setFolder({ path: folder });
  const a = (await current.kluis.clients.create({ ...aClient, firstName: 'Anneke' })).id;
  await current.kluis.clients.create({ ...aClient, firstName: 'Blijft' });
  const made = await current.kluis.backups.run({});
  return { api: current, folder, backupId: made.id, a };
}

describe('a locked vault cannot be redirected', () => {
  it('refuses a new backup folder while locked, and takes one while unlocked', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    api.session.lock('user');
    const elsewhere = join(tempDir(), 'stick');
    await expectCode(api.kluis.backups.setFolder({ path: elsewhere }), 'LOCKED');
    expect((await api.kluis.backups.status({})).folder).toBe(setup.folder);
    expect(existsSync(elsewhere)).toBe(false);
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.backups.setFolder({ path: elsewhere })).folder).toBe(elsewhere);
  });

  it('refuses network, device and relative folders with what is needed, and changes nothing', async () => {
    api = await openTestApi();
    for (const [path, code] of [
      ['\\\\nas\\kluis', 'folder-network'],
      ['//nas/kluis', 'folder-network'],
      ['\\\\?\\C:\\kluis', 'folder-device'],
      ['\\\\.\\PhysicalDrive0', 'folder-device'],
      ['backups', 'folder-relative'],
      ['./backups', 'folder-relative'],
    ] as const) {
      const error = await expectCode(api.kluis.backups.setFolder({ path }), 'VALIDATION');
      expect(
        error.issues.map((issue) => issue.code),
        path,
      ).toEqual([code]);
    }
    expect((await api.kluis.backups.status({})).folder).toBeNull();
  });

  it('takes a folder from the native dialog by token, once', async () => {
    api = await openTestApi();
    const folder = join(tempDir(), 'gekozen');
    const token = grantPath(folder, 'backup-folder');
    expect((await api.kluis.backups.setFolder({ folderToken: token })).folder).toBe(folder);
    await expectCode(api.kluis.backups.setFolder({ folderToken: token }), 'NOT_FOUND');
    // A token granted for another purpose does not name a backup folder.
    const bundle = grantPath(join(tempDir(), 'bundel'), 'bundle-folder');
    await expectCode(api.kluis.backups.setFolder({ folderToken: bundle }), 'NOT_FOUND');
  });
});

describe('a locked vault cannot be rolled back', () => {
  it('asks for the passphrase of today, not the one of the backup', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    await api.kluis.vault.changePassphrase({ current: PASSPHRASE, next: OTHER_PASSPHRASE });
    api.session.lock('user');
    await expectCode(api.kluis.backups.restore({ id: setup.backupId }), 'WRONG_SECRET');
    // The backup's own passphrase still opens the backup, but not today's vault.
    await expectCode(
      api.kluis.backups.restore({ id: setup.backupId, secret: { passphrase: PASSPHRASE } }),
      'WRONG_SECRET',
    );
    const aside = `${basename(api.dir)}.before-restore-`;
    expect(readdirSync(dirname(api.dir)).filter((n) => n.startsWith(aside))).toEqual([]);
    const restored = await api.kluis.backups.restore({
      id: setup.backupId,
      secret: { passphrase: OTHER_PASSPHRASE },
    });
    expect(restored.state).toBe('locked');
  });

  it('with a damaged key file, the secret must open the backup instead', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    api.session.lock('user');
    writeFileSync(join(api.dir, 'vault.keys.json'), '{ not a key file');
    await expectCode(
      api.kluis.backups.restore({ id: setup.backupId, secret: { passphrase: OTHER_PASSPHRASE } }),
      'WRONG_SECRET',
    );
    await api.kluis.backups.restore({ id: setup.backupId, secret: { passphrase: PASSPHRASE } });
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.kluis.clients.list({})).toHaveLength(2);
  });

  it('leaves set-aside folders alone at an unlock that follows no restore', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    api.session.lock('user');
    const aside = `${api.dir}.before-restore-2026-01-01T00-00-00-000Z`;
    mkdirSync(aside);
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect(existsSync(aside)).toBe(true);
    rmSync(aside, { recursive: true });
  });

  it('refuses a restore while unlocked without the passphrase too', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    await expectCode(api.kluis.backups.restore({ id: setup.backupId }), 'WRONG_SECRET');
    expect(api.session.state).toBe('unlocked');
  });

  it('re-applies an erasure made after the backup, and says so in the audit log', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    const pseudonym = (await api.kluis.clients.get({ id: setup.a })).client.pseudonym;
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    const { asideDir } = await api.kluis.backups.restore({
      id: setup.backupId,
      secret: { passphrase: PASSPHRASE },
    });
    expect(asideDir && existsSync(asideDir)).toBe(true);
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });

    const names = (await api.kluis.clients.list({})).map((c) => c.firstName);
    expect(names).toEqual(['Blijft']);
    await expectCode(api.kluis.clients.get({ id: setup.a }), 'NOT_FOUND');
    const audit = await api.kluis.audit.list({ limit: 500 });
    const erased = audit.filter((e) => e.action === 'dossier.erased' && e.subject === pseudonym);
    expect(erased.map((e) => e.details.reapplied)).toEqual([true]);
    expect((await api.kluis.audit.verify({})).ok).toBe(true);
    // The backup restored from holds it again: the notice says so.
    expect((await api.kluis.backups.status({})).pendingPurge).toEqual([
      expect.objectContaining({ pseudonym, backupsHolding: 1 }),
    ]);
    // The restore worked, so the vault set aside (which held the dossier) is gone.
    expect(asideDir && existsSync(asideDir)).toBe(false);
  });

  it('re-applies the erasure after a second restore too (the ledger survives restores)', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    for (let round = 0; round < 2; round += 1) {
      await api.kluis.backups.restore({
        id: setup.backupId,
        secret: { passphrase: PASSPHRASE },
      });
      await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
      expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Blijft']);
    }
  });

  it('on a new computer, the ledger copy beside the backups re-applies erasures made since', async () => {
    const setup = await vaultWithBackup();
    const old = setup.api;
    await old.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    old.session.lock('quit');
    // The old computer is gone; only the backup folder is left.
    rmSync(old.dir, { recursive: true });
    api = await openTestApiWithoutVault(old.dir);
    const found = await api.kluis.backups.find({ path: setup.folder });
    await api.kluis.backups.restore({ id: setup.backupId, folder: { path: setup.folder } });
    expect(found.backups).toHaveLength(1);
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Blijft']);
    expect((await api.kluis.backups.status({})).folder).toBe(setup.folder);
  });

  it('keeps an edited ledger as it is, and says so in the audit log and on the Back-ups page', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    const path = join(api.dir, LEDGER_FILE);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('Anneke');
    const file = JSON.parse(text) as { sealed: string };
    const sealed = Buffer.from(file.sealed, 'base64');
    sealed[0] = (sealed[0] ?? 0) ^ 1;
    const edited = JSON.stringify({ ...file, sealed: sealed.toString('base64') });
    writeFileSync(path, edited);
    expect((await api.kluis.backups.status({})).erasuresUnreadable).toBe(true);
    api.session.lock('user');
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    // Neither a new key over it nor an empty list: the file stays for a key that opens it.
    expect(readFileSync(path, 'utf8')).toBe(edited);
    const audit = await api.kluis.audit.list({ limit: 500 });
    expect(audit.filter((e) => e.action === 'backup.erasures-unreadable')).toHaveLength(1);
    expect((await api.kluis.backups.status({})).erasuresUnreadable).toBe(true);

    // She checked her clients: the file is set aside, and a new list knows the erasure.
    expect(await api.kluis.backups.settleErasures({})).toEqual({ settled: true });
    expect((await api.kluis.backups.status({})).erasuresUnreadable).toBe(false);
    expect(readdirSync(api.dir).some((n) => n.startsWith('vault.erasures.unreadable-'))).toBe(true);
    expect(await api.kluis.backups.settleErasures({})).toEqual({ settled: false });
    api.session.lock('user');
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    const after = await api.kluis.audit.list({ limit: 500 });
    expect(after.filter((e) => e.action === 'backup.erasures-unreadable')).toHaveLength(1);
    expect(after.filter((e) => e.action === 'backup.erasures-checked')).toHaveLength(1);
    // The new list holds the erasure: a backup from before it still cannot bring it back.
    await api.kluis.backups.restore({ id: setup.backupId, secret: { passphrase: PASSPHRASE } });
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Blijft']);
  });

  it('a backup from before the ledger had its key does not bring an erased dossier back', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    // As a vault of the previous version: its database (and so its backups) lacks the key.
    api.session.db.prepare('DELETE FROM meta WHERE key = ?').run('erasure_ledger_key');
    const old = await api.kluis.backups.run({});
    api.session.lock('user');
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    const pseudonym = (await api.kluis.clients.get({ id: setup.a })).client.pseudonym;
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    api.session.lock('user');
    await api.kluis.backups.restore({ id: old.id, secret: { passphrase: PASSPHRASE } });
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Blijft']);
    const audit = await api.kluis.audit.list({ limit: 500 });
    const erased = audit.filter((e) => e.action === 'dossier.erased' && e.subject === pseudonym);
    expect(erased.map((e) => e.details.reapplied)).toEqual([true]);
    expect((await api.kluis.backups.status({})).erasuresUnreadable).toBe(false);
    // The restored database keeps the key: the next unlocks open the ledger too.
    api.session.lock('user');
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.backups.status({})).erasuresUnreadable).toBe(false);
  });

  it('carries the ledger key across an app restart between restore and unlock', async () => {
    const setup = await vaultWithBackup();
    const first = setup.api;
    first.session.db.prepare('DELETE FROM meta WHERE key = ?').run('erasure_ledger_key');
    const old = await first.kluis.backups.run({});
    first.session.lock('user');
    await first.kluis.vault.unlock({ passphrase: PASSPHRASE });
    await first.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    await first.kluis.backups.restore({ id: old.id, secret: { passphrase: PASSPHRASE } });
    // A new app instance: nothing carried in memory.
    api = await openTestApiWithoutVault(first.dir);
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Blijft']);
  });

  it('a pre-ledger backup from before a key rotation gets the key from memory at its first unlock', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    api.session.db.prepare('DELETE FROM meta WHERE key = ?').run('erasure_ledger_key');
    const old = await api.kluis.backups.run({});
    await api.kluis.vault.rotateKeys({ passphrase: PASSPHRASE, next: OTHER_PASSPHRASE });
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    // Today's passphrase confirms the restore; the old backup opens with its own.
    await api.kluis.backups.restore({ id: old.id, secret: { passphrase: OTHER_PASSPHRASE } });
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Blijft']);
    api.session.lock('user');
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.backups.status({})).erasuresUnreadable).toBe(false);
  });

  it('notices an older copy of the ledger put back over a newer one', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    const b = (await api.kluis.clients.list({})).find((c) => c.firstName === 'Blijft')?.id ?? '';
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    const path = join(api.dir, LEDGER_FILE);
    const older = readFileSync(path, 'utf8');
    await api.kluis.clients.erase({ id: b, override: { reason: 'client-request' } });
    api.session.lock('user');
    writeFileSync(path, older);
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    const audit = await api.kluis.audit.list({ limit: 500 });
    expect(
      audit.filter((e) => e.action === 'backup.erasures-unreadable').map((e) => e.details),
    ).toEqual([{ reason: 'older-list' }]);
    expect(readFileSync(path, 'utf8')).toBe(older);
    expect((await api.kluis.backups.status({})).erasuresUnreadable).toBe(true);
  });

  it.skipIf(process.getuid?.() === 0)(
    'stays locked when the erasures cannot be re-applied (an unwritable vault folder)',
    async () => {
      const setup = await vaultWithBackup();
      api = setup.api;
      await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
      api.session.lock('user');
      // The ledger is gone, so unlock must write it again from what the database knows.
      rmSync(join(api.dir, LEDGER_FILE));
      chmodSync(api.dir, 0o500);
      try {
        await expectCode(api.kluis.vault.unlock({ passphrase: PASSPHRASE }), 'INTERNAL');
        expect(api.session.state).toBe('locked');
      } finally {
        chmodSync(api.dir, 0o700);
      }
      await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
      expect(existsSync(join(api.dir, LEDGER_FILE))).toBe(true);
    },
  );

  it('a copy of the vault from before the erasure, put back by hand, forgets it at unlock', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    api.session.lock('user');
    // As if someone copied an old database file over the vault's.
    const dbFile = join(api.dir, 'vault.db');
    renameSync(join(setup.folder, `${setup.backupId}.kluisdb`), dbFile);
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Blijft']);
  });
});

describe('restoring from another folder at a locked vault', () => {
  it('finds backups without choosing the folder, then restores with the passphrase', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    const moved = join(tempDir(), 'andere-schijf');
    renameSync(setup.folder, moved);
    api.session.lock('user');
    const found = await api.kluis.backups.find({ folderToken: grantPath(moved, 'backup-folder') });
    expect(found.backups.map((b) => b.id)).toEqual([setup.backupId]);
    // Finding does not choose: the configured folder stays.
    expect((await api.kluis.backups.status({})).folder).toBe(setup.folder);
    await api.kluis.backups.restore({
      id: setup.backupId,
      folder: { path: found.folder },
      secret: { passphrase: PASSPHRASE },
    });
    expect((await api.kluis.backups.status({})).folder).toBe(setup.folder);
    expect(basename(found.folder)).toBe('andere-schijf');
  });
});

describe('erased but still in backups, per backup folder', () => {
  it('keeps telling about the old folder after the coach moves the backups', async () => {
    const setup = await vaultWithBackup();
    api = setup.api;
    const next = join(tempDir(), 'nieuwe-schijf');
    await api.kluis.backups.setFolder({ path: next });
    await api.kluis.backups.run({});
    await api.kluis.clients.erase({ id: setup.a, override: { reason: 'client-request' } });
    const [item] = (await api.kluis.backups.status({})).pendingPurge;
    expect(item).toMatchObject({
      backupsHolding: 1,
      elsewhere: [{ folder: setup.folder, available: true, backupsHolding: 1 }],
    });

    // The old disk is not connected: it may still hold the dossier; purging cannot reach it.
    const away = `${setup.folder}-weg`;
    renameSync(setup.folder, away);
    expect((await api.kluis.backups.status({})).pendingPurge[0]?.elsewhere).toEqual([
      { folder: setup.folder, available: false, backupsHolding: null },
    ]);
    expect(await api.kluis.backups.purgeErased({})).toEqual({ purged: 0, backups: 1 });
    const after = (await api.kluis.backups.status({})).pendingPurge;
    expect(after).toEqual([expect.objectContaining({ backupsHolding: 0 })]);

    // Connected again: purged there too, and the notice is gone.
    renameSync(away, setup.folder);
    expect(await api.kluis.backups.purgeErased({})).toEqual({ purged: 1, backups: 1 });
    expect((await api.kluis.backups.status({})).pendingPurge).toEqual([]);
  });
});
