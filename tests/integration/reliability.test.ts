import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import { KluisError } from '../../electron/client';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { spawnFixture, watchLines } from '../support/crash-child';
import { FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

let api: TestApi | undefined;
afterEach(() => {
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof KluisError) return error.code;
    if (error instanceof Error && 'code' in error) return String(error.code);
    throw error;
  }
}

function session(clientId: string, notes: string) {
  return {
    clientId,
    startsAt: '2026-11-01T10:00:00+01:00',
    durationMinutes: 60,
    form: 'video' as const,
    notes,
    reflection: '',
    tags: [],
  };
}

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = tempDir('kluis-mount-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('damaged files', () => {
  it('a flipped byte in the first page: VAULT_DAMAGED at unlock, naming the database', async () => {
    const dir = tempDir();
    (await createVault(dir, PASSPHRASE, FAST)).vault.lock();
    const bytes = readFileSync(vaultPaths(dir).database);
    bytes[200] = (bytes[200] ?? 0) ^ 0x01;
    writeFileSync(vaultPaths(dir).database, bytes);
    await expect(openVault(dir, { passphrase: PASSPHRASE }, FAST)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      detail: { file: 'database' },
    });
  });

  it('a flipped byte in a data page: the read fails with VAULT_DAMAGED, no crash, other calls keep working', async () => {
    api = await openTestApi();
    const client = await api.kluis.clients.create(aClient);
    for (let i = 0; i < 40; i += 1)
      await api.kluis.sessions.create(session(client.id, `notitie ${i} ${'x'.repeat(3000)}`));
    const { dir } = api;
    api.session.lock('quit');
    const path = vaultPaths(dir).database;
    const bytes = readFileSync(path);
    const page = Math.floor(bytes.length / 4096) - 2;
    bytes[page * 4096 + 1000] = (bytes[page * 4096 + 1000] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    api = await openTestApi({ dir });
    const results = await Promise.all([
      code(api.kluis.clients.get({ id: client.id })),
      code(api.kluis.sessions.search({ query: 'notitie' })),
    ]);
    expect(results).toContain('VAULT_DAMAGED');
    expect(results.every((r) => r === 'ok' || r === 'VAULT_DAMAGED')).toBe(true);
    expect(await code(api.kluis.settings.get({}))).toBe('ok');
  });

  it('a truncated key file: VAULT_DAMAGED naming the key file', async () => {
    const dir = tempDir();
    (await createVault(dir, PASSPHRASE, FAST)).vault.lock();
    const keys = readFileSync(vaultPaths(dir).keys);
    writeFileSync(vaultPaths(dir).keys, keys.subarray(0, keys.length / 2));
    await expect(openVault(dir, { passphrase: PASSPHRASE }, FAST)).rejects.toMatchObject({
      code: 'VAULT_DAMAGED',
      detail: { file: 'keys' },
    });
  });

  it('a WAL deleted after a crash: the vault opens with what was checkpointed, never silently empty', async () => {
    const dir = tempDir();
    (await createVault(dir, PASSPHRASE, FAST)).vault.lock();
    const child = spawnFixture('vault-writer.ts', { KLUIS_DIR: dir, KLUIS_PASSPHRASE: PASSPHRASE });
    await watchLines(child, (line) => line === 'committed 3');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(`${vaultPaths(dir).database}-wal`, { force: true });
    const vault = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
    // The rows lived only in the deleted WAL; the schema and meta are in the main file.
    expect(vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(vault.db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get()).toBeTruthy();
    vault.lock();
  });
});

describe('a second instance', () => {
  it('is refused cleanly from another process while the vault is open', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    const child = spawnFixture('open-vault.ts', { KLUIS_DIR: dir, KLUIS_PASSPHRASE: PASSPHRASE });
    const lines = await watchLines(child, () => true);
    expect(lines).toEqual(['VAULT_IN_USE']);
    vault.lock();
    const again = spawnFixture('open-vault.ts', { KLUIS_DIR: dir, KLUIS_PASSPHRASE: PASSPHRASE });
    expect(await watchLines(again, () => true)).toEqual(['opened']);
  });
});

describe.skipIf(!canMount())('a full disk', () => {
  it('fails the write with DISK_FULL, keeps earlier data, and works again once space is freed', async () => {
    const mountPoint = tempDir('kluis-small-disk-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint]);
    try {
      const dir = join(mountPoint, 'vault');
      mkdirSync(dir);
      api = await openTestApi({ dir });
      const client = await api.kluis.clients.create(aClient);
      writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(3 * 1024 * 1024));
      const saved: string[] = [];
      let failure = 'ok';
      for (let i = 0; i < 200 && failure === 'ok'; i += 1) {
        const note = `sessie ${i} ${'De cliënt vertelt. '.repeat(3000)}`;
        failure = await code(
          api.kluis.sessions.create(session(client.id, note)).then((s) => saved.push(s.id)),
        );
      }
      expect(failure).toBe('DISK_FULL');
      expect(saved.length).toBeGreaterThan(0);
      const listed = (await api.kluis.clients.get({ id: client.id })).sessions.map((s) => s.id);
      expect(listed.sort()).toEqual([...saved].sort());

      rmSync(join(mountPoint, 'filler'));
      const after = await api.kluis.sessions.create(session(client.id, 'na het opruimen'));
      api.session.lock('quit');
      api = await openTestApi({ dir });
      const reopened = (await api.kluis.clients.get({ id: client.id })).sessions.map((s) => s.id);
      expect(reopened.sort()).toEqual([...saved, after.id].sort());
      expect(api.session.db.pragma('integrity_check', { simple: true })).toBe('ok');
      api.session.lock('quit');
      api = undefined;
    } finally {
      execFileSync('umount', ['-l', mountPoint]);
    }
  });
});
