import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { openVault } from '../../db/vault';
import { openTestApi, type TestApi } from '../support/api-fixture';
import {
  FAST,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

/**
 * A backup hashes its copy asynchronously; a key rotation finishing in that await must
 * not give the backup the new key file for a copy made under the old key. The hash is
 * wrapped so the rotation lands exactly there.
 */

const duringHash = vi.hoisted(() => ({ run: undefined as (() => Promise<void>) | undefined }));
vi.mock('../../electron/services/backups/backup-files', async (importOriginal) => {
  const actual =
    await importOriginal<typeof import('../../electron/services/backups/backup-files')>();
  return {
    ...actual,
    sha256File: async (path: string) => {
      const run = duringHash.run;
      duringHash.run = undefined;
      await run?.();
      return actual.sha256File(path);
    },
  };
});

let api: TestApi | undefined;
afterEach(() => {
  duringHash.run = undefined;
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

it('keeps the keys of the copy in a backup made while the keys are replaced', async () => {
  api = await openTestApi();
  const current = api;
  const folder = join(tempDir(), 'usb');
  await current.kluis.backups.setFolder({ path: folder });
  duringHash.run = async () => {
    await current.kluis.vault.rotateKeys({ passphrase: PASSPHRASE, next: OTHER_PASSPHRASE });
  };
  await current.kluis.backups.run({});
  expect(duringHash.run).toBeUndefined();
  // The backup, on its own as on a new computer, opens with the secrets of its copy.
  const name = readdirSync(folder).find((f) => f.endsWith('.kluisdb')) ?? '';
  const meta = JSON.parse(readFileSync(join(folder, name.replace(/\.kluisdb$/, '.json')), 'utf8'));
  const restored = tempDir();
  copyFileSync(join(folder, name), join(restored, 'vault.db'));
  writeFileSync(join(restored, 'vault.keys.json'), JSON.stringify(meta.keyFile));
  const vault = await openVault(restored, { passphrase: PASSPHRASE }, FAST);
  vault.lock();
});
