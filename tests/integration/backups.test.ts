import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { KluisError } from '../../electron/client';
import {
  aClient,
  openTestApi,
  openTestApiWithoutVault,
  type TestApi,
} from '../support/api-fixture';
import {
  dataKeyOf,
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

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toSatisfy(
    (e: unknown) => e instanceof KluisError && e.code === code,
  );
}

async function seed(current: TestApi, name = 'Gerdientje'): Promise<string> {
  const client = await current.kluis.clients.create({ ...aClient, firstName: name });
  await current.kluis.sessions.create({
    clientId: client.id,
    startsAt: '2026-11-01T10:00:00+01:00',
    durationMinutes: 45,
    form: 'video',
    notes: `${name} bespreekt de reorganisatie.`,
    reflection: '',
    tags: ['werk'],
  });
  await current.kluis.attachments.add({
    clientId: client.id,
    sessionId: null,
    name: 'scan.pdf',
    mediaType: 'application/pdf',
    contentBase64: Buffer.from(`%PDF ${name}`).toString('base64'),
  });
  return client.id;
}

/** Reads a backup file on its own, as SQLCipher would, and returns the decrypted image. */
function decryptedBackup(path: string, key: Buffer): Buffer {
  const db = new Database(path, { readonly: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    return db.serialize();
  } finally {
    db.close();
  }
}

describe('backups', () => {
  it('warn until a folder is chosen and a backup made, then list a verified, encrypted backup', async () => {
    api = await openTestApi();
    expect((await api.kluis.backups.status({})).warning).toBe('no-folder');
    await expectCode(api.kluis.backups.run({}), 'BACKUP_NO_FOLDER');
    const folder = join(tempDir(), 'usb-schijf');
    expect((await api.kluis.backups.setFolder({ path: folder })).warning).toBe('never');
    await seed(api);
    const made = await api.kluis.backups.run({});
    expect(made).toMatchObject({ clients: 1, sessions: 1, attachments: 1 });
    const status = await api.kluis.backups.status({});
    expect(status).toMatchObject({
      warning: 'none',
      folderAvailable: true,
      lastGoodAt: made.verifiedAt,
    });
    expect(status.backups.map((b) => b.id)).toEqual([made.id]);
    expect(await api.kluis.backups.verify({ id: made.id })).toMatchObject({ ok: true });
    for (const file of readdirSync(folder)) {
      expect(readFileSync(join(folder, file)).includes(Buffer.from('Gerdientje')), file).toBe(
        false,
      );
    }
    const [entry] = await api.kluis.audit.list({ limit: 1 });
    expect(entry?.action).toBe('backup.created');
  });

  it('warn when the newest backup is older than the threshold, or the folder is gone', async () => {
    api = await openTestApi({ now: new Date('2026-11-01T10:00:00Z') });
    const folder = join(tempDir(), 'backups');
    await api.kluis.backups.setFolder({ path: folder });
    await api.kluis.backups.run({});
    api.setNow(new Date('2026-11-07T10:00:00Z'));
    expect((await api.kluis.backups.status({})).warning).toBe('none');
    api.setNow(new Date('2026-11-09T10:00:00Z'));
    expect((await api.kluis.backups.status({})).warning).toBe('stale');
    rmSync(folder, { recursive: true });
    expect((await api.kluis.backups.status({})).warning).toBe('folder-missing');
  });

  it('round trip: back up, destroy the vault, restore, everything is equal', async () => {
    api = await openTestApi();
    const folder = join(tempDir(), 'backups');
    await api.kluis.backups.setFolder({ path: folder });
    const id = await seed(api);
    const before = await api.kluis.clients.get({ id });
    const made = await api.kluis.backups.run({});
    const { dir } = api;
    api.session.lock('quit');
    rmSync(dir, { recursive: true });

    // A fresh install on a new computer: no vault, point at the backups, restore, unlock.
    const restored = await openTestApiWithoutVault(dir);
    expect(await restored.kluis.vault.status({})).toEqual({ state: 'none' });
    await restored.kluis.backups.setFolder({ path: folder });
    const result = await restored.kluis.backups.restore({ id: made.id });
    expect(result.state).toBe('locked');
    await restored.kluis.vault.unlock({ passphrase: PASSPHRASE });
    api = restored;
    const after = await restored.kluis.clients.get({ id });
    expect(after).toEqual(before);
    // The restored vault's own log says it was put back, and from which backup.
    const log = await restored.kluis.audit.list({ limit: 5 });
    expect(log.find((e) => e.action === 'backup.restored')?.details).toEqual({
      madeAt: made.createdAt,
    });
    const doc = after.attachments[0];
    const content = await restored.kluis.attachments.content({ id: doc?.id ?? '' });
    expect(Buffer.from(content.contentBase64, 'base64').toString()).toBe('%PDF Gerdientje');
  });

  it('restores over a working vault by keeping it aside, and keeps today’s passphrase', async () => {
    api = await openTestApi();
    const folder = join(tempDir(), 'backups');
    await api.kluis.backups.setFolder({ path: folder });
    await seed(api, 'Eerste');
    const made = await api.kluis.backups.run({});
    await seed(api, 'Later');
    await api.kluis.vault.changePassphrase({ current: PASSPHRASE, next: OTHER_PASSPHRASE });
    const { asideDir } = await api.kluis.backups.restore({
      id: made.id,
      secret: { passphrase: OTHER_PASSPHRASE },
    });
    expect(asideDir && existsSync(join(asideDir, 'vault.db'))).toBe(true);
    await expectCode(api.kluis.vault.unlock({ passphrase: PASSPHRASE }), 'WRONG_SECRET');
    await api.kluis.vault.unlock({ passphrase: OTHER_PASSPHRASE });
    expect((await api.kluis.clients.list({})).map((c) => c.firstName)).toEqual(['Eerste']);
    const actions = (await api.kluis.audit.list({ limit: 5 })).map((e) => e.action);
    expect(actions).toContain('backup.restored');
    expect(actions).toContain('backup.restore-confirmed');
  });

  it('refuses a damaged backup and leaves the vault as it was', async () => {
    api = await openTestApi();
    const folder = join(tempDir(), 'backups');
    await api.kluis.backups.setFolder({ path: folder });
    await seed(api);
    const made = await api.kluis.backups.run({});
    const file = join(folder, `${made.id}.kluisdb`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    expect(await api.kluis.backups.verify({ id: made.id })).toMatchObject({ ok: false });
    await expectCode(
      api.kluis.backups.restore({ id: made.id, secret: { passphrase: PASSPHRASE } }),
      'BACKUP_DAMAGED',
    );
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect(await api.kluis.clients.list({})).toHaveLength(1);
  });

  it('says an erased dossier lives on in backups, and purges it from all of them on request', async () => {
    api = await openTestApi();
    const folder = join(tempDir(), 'backups');
    await api.kluis.backups.setFolder({ path: folder });
    const id = await seed(api, 'Wendelientje');
    await seed(api, 'Blijvertje');
    await api.kluis.backups.run({});
    api.setNow(new Date(Date.now() + 86_400_000));
    await api.kluis.backups.run({});
    await api.kluis.clients.erase({ id, override: { reason: 'client-request' } });
    const status = await api.kluis.backups.status({});
    expect(status.pendingPurge).toEqual([expect.objectContaining({ backupsHolding: 2 })]);
    const key = await dataKeyOf(api.dir, PASSPHRASE);
    const files = () => readdirSync(folder).filter((f) => f.endsWith('.kluisdb'));
    expect(
      files().some((f) =>
        decryptedBackup(join(folder, f), key).includes(Buffer.from('Wendelientje')),
      ),
    ).toBe(true);

    expect(await api.kluis.backups.purgeErased({})).toEqual({ purged: 1, backups: 2 });
    expect((await api.kluis.backups.status({})).pendingPurge).toEqual([]);
    for (const file of files()) {
      const image = decryptedBackup(join(folder, file), key);
      expect(image.includes(Buffer.from('Wendelientje')), file).toBe(false);
      expect(image.includes(Buffer.from('Blijvertje')), file).toBe(true);
    }
    for (const backup of (await api.kluis.backups.status({})).backups) {
      expect(await api.kluis.backups.verify({ id: backup.id })).toMatchObject({
        ok: true,
        clients: 1,
      });
    }
  });
});
