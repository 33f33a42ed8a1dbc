import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  watch,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit';
import { isDiskFull } from '../../db/errors';
import { readKeyFile } from '../../db/key-slots';
import { PENDING_AUDIT_FILE, readPendingAudit } from '../../db/pending-audit';
import { vaultPaths } from '../../db/vault';
import { KluisError } from '../../electron/client';
import { VaultSession } from '../../electron/services/vault-session';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import {
  FAST,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

/**
 * A full disk, made real: a small tmpfs, filled to the last byte. Mounting needs root on
 * Linux; elsewhere these tests are skipped (the reason is in the describe title).
 */

let api: TestApi | undefined;
const mounts: string[] = [];
afterEach(() => {
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  for (const mount of mounts.splice(0)) execFileSync('umount', ['-l', mount]);
  removeTempDirs();
});

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

function smallDisk(): { dir: string; fill: () => void; free: () => void } {
  const mount = tempDir('kluis-full-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mount]);
  mounts.push(mount);
  const dir = join(mount, 'vault');
  mkdirSync(dir);
  const filler = join(mount, 'filler');
  return {
    dir,
    // Writes until the disk refuses even one more byte.
    fill() {
      const fd = openSync(filler, 'a');
      try {
        for (const size of [65536, 4096, 1]) {
          const chunk = Buffer.alloc(size, 1);
          for (;;) {
            try {
              writeSync(fd, chunk);
            } catch {
              break;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
    },
    free: () => rmSync(filler, { force: true }),
  };
}

async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof KluisError) return error.code;
    throw error;
  }
}

describe('a lock whose audit entry cannot be written (any machine, no mount needed)', () => {
  it('still closes the vault, and the entry enters the log at the next unlock', async () => {
    api = await openTestApi({ now: new Date() });
    const { dir, session } = api;
    const vaultId = readKeyFile(vaultPaths(dir).keys).vaultId;
    // A read-only connection refuses the write as a full disk would.
    session.db.pragma('query_only = ON');
    expect(() => session.lock('screen-locked')).not.toThrow();
    expect(session.state).toBe('locked');
    expect(readPendingAudit(dir, vaultId)).toEqual([
      expect.objectContaining({
        action: 'vault.locked',
        details: { reason: 'screen-locked', deferred: true },
      }),
    ]);
    api = await openTestApi({ dir, now: new Date() });
    const last = listAudit(api.session.db, { limit: 2 }).reverse();
    expect(last.map((entry) => entry.action)).toEqual(['vault.locked', 'vault.unlocked']);
    expect(last[0]?.details).toEqual({ reason: 'screen-locked', deferred: true });
    expect(readPendingAudit(dir, vaultId)).toEqual([]);
  });
});

describe('a passphrase reset whose audit entry cannot be written', () => {
  it('still reports success, since the new passphrase is in place, and logs it later', async () => {
    const dir = tempDir();
    const session = new VaultSession(dir, FAST);
    const { recoveryKey } = await session.create(PASSPHRASE);
    session.db.pragma('query_only = ON');
    await expect(session.resetPassphrase(recoveryKey, OTHER_PASSPHRASE)).resolves.toBeUndefined();
    session.lock('user');
    await session.unlock({ passphrase: OTHER_PASSPHRASE });
    const actions = listAudit(session.db, { limit: 10 }).map((entry) => [
      entry.action,
      entry.details.deferred ?? false,
    ]);
    expect(actions).toContainEqual(['vault.passphrase-reset', true]);
    expect(actions).toContainEqual(['vault.locked', true]);
    session.lock('quit');
  });
});

describe.skipIf(!canMount())('a full disk (needs root on Linux to mount a small tmpfs)', () => {
  it('still locks: the database closes, and the lock entry enters the log at the next unlock', async () => {
    const disk = smallDisk();
    api = await openTestApi({ dir: disk.dir, now: new Date() });
    await api.kluis.clients.create(aClient);
    const heard: string[] = [];
    api.session.onLock((reason) => heard.push(reason));
    api.session.onLock(() => {
      throw new Error('a listener that fails on a full disk');
    });
    disk.fill();
    // The disk really is full: a write through the API fails as DISK_FULL.
    expect(await failureCode(api.kluis.clients.create(aClient))).toBe('DISK_FULL');

    const session = api.session;
    expect(() => session.lock('idle')).not.toThrow();
    expect(session.state).toBe('locked');
    expect(() => session.db).toThrow(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    expect(heard).toEqual(['idle']);
    expect(await failureCode(api.kluis.clients.list({}))).toBe('LOCKED');
    const vaultId = readKeyFile(vaultPaths(disk.dir).keys).vaultId;
    expect(readPendingAudit(disk.dir, vaultId)).toEqual([
      expect.objectContaining({
        action: 'vault.locked',
        details: { reason: 'idle', deferred: true },
      }),
    ]);

    disk.free();
    api = await openTestApi({ dir: disk.dir, now: new Date() });
    const actions = listAudit(api.session.db, { limit: 3 })
      .reverse()
      .map((entry) => [entry.action, entry.details.reason ?? entry.details.method]);
    expect(actions.slice(-2)).toEqual([
      ['vault.locked', 'idle'],
      ['vault.unlocked', 'passphrase'],
    ]);
    // Taken once: the file is blank again, and a second unlock adds no second copy.
    expect(readPendingAudit(disk.dir, vaultId)).toEqual([]);
    api.session.lock('user');
    api = await openTestApi({ dir: disk.dir, now: new Date() });
    const locks = listAudit(api.session.db, { limit: 100 }).filter(
      (entry) => entry.action === 'vault.locked' && entry.details.reason === 'idle',
    );
    expect(locks).toHaveLength(1);
  });

  it('refuses to unlock with DISK_FULL, never makes a -shm file, and opens once there is room', async () => {
    const disk = smallDisk();
    api = await openTestApi({ dir: disk.dir });
    await api.kluis.clients.create(aClient);
    const shm = `${vaultPaths(disk.dir).database}-shm`;
    expect(existsSync(shm)).toBe(false);
    api.session.lock('quit');
    disk.fill();
    // Every name that appears in the vault folder from here on, however briefly.
    const appeared = new Set<string>();
    const watcher = watch(disk.dir, (_event, name) => {
      if (name) appeared.add(name);
    });

    const locked = api;
    expect(await failureCode(locked.kluis.vault.unlock({ passphrase: PASSPHRASE }))).toBe(
      'DISK_FULL',
    );
    expect(locked.session.state).toBe('locked');
    expect(readdirSync(disk.dir)).not.toContain('vault.db-shm');
    // SQLite's write error carries no errno: on this disk it reads as full.
    const writeError = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' });
    expect(isDiskFull(writeError, disk.dir)).toBe(true);

    disk.free();
    await locked.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect(locked.session.state).toBe('unlocked');
    expect(existsSync(shm)).toBe(false);
    expect((await locked.kluis.clients.list({})).length).toBe(1);
    await locked.kluis.clients.create(aClient);
    expect(readdirSync(disk.dir)).toContain(PENDING_AUDIT_FILE);
    await new Promise((resolve) => setTimeout(resolve, 100));
    watcher.close();
    // The watcher works: the WAL showed up; the shared-memory file never did.
    expect(appeared).toContain('vault.db-wal');
    expect(appeared).not.toContain('vault.db-shm');
  });
});
