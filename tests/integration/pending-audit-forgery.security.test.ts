import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit';
import { readKeyFile, writeKeyFile } from '../../db/key-slots';
import {
  PENDING_AUDIT_FILE,
  type PendingAuditEntry,
  pendingAuditKey,
  signPendingEntry,
} from '../../db/pending-audit';
import { vaultPaths } from '../../db/vault';
import { openTestApi, type TestApi } from '../support/api-fixture';
import { removeTempDirs } from '../support/vault-fixture';

/**
 * Issue 12 follow-up: the files a locked vault keeps audit entries in are plain JSON in
 * the vault folder. Whoever can write there must not be able to put made-up entries in
 * the hash-chained audit log: only what the app itself defers, at a time that fits.
 */

let api: TestApi | undefined;
afterEach(() => {
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

function actionsAfterSetup(test: TestApi): { action: string; details: unknown }[] {
  return listAudit(test.session.db, { limit: 50 })
    .reverse()
    .filter((e) => e.action !== 'vault.created' && e.action !== 'vault.unlocked')
    .map(({ action, details }) => ({ action, details }));
}

describe('deferred audit entries from the vault folder', () => {
  it('replays only signed locks and resets the app defers, at a time after the last entry and not ahead', async () => {
    api = await openTestApi({ now: new Date() });
    const { dir } = api;
    const vaultId = readKeyFile(vaultPaths(dir).keys).vaultId;
    const key = pendingAuditKey(api.session.db);
    if (!key) throw new Error('the vault has no pending-audit key');
    // Signed with the vault's own key: what is dropped below fails on its content alone.
    const sign = (entry: unknown) => signPendingEntry(key, vaultId, entry as PendingAuditEntry);
    api.session.lock('user');
    const genuine = {
      at: minutesFromNow(0),
      action: 'vault.locked',
      details: { reason: 'idle', deferred: true },
    };
    const unsigned = {
      at: minutesFromNow(0),
      action: 'vault.locked',
      details: { reason: 'quit', deferred: true },
    };
    const forged = [
      { at: minutesFromNow(0), action: 'dossier.erased', details: { reapplied: true } },
      { at: minutesFromNow(0), action: 'vault.locked', details: { reason: 'idle' } },
      { at: minutesFromNow(0), action: 'vault.locked', details: { reason: 'x', deferred: true } },
      {
        at: minutesFromNow(0),
        action: 'vault.locked',
        details: { reason: 'idle', deferred: true, client: 'Anneke' },
      },
      {
        at: minutesFromNow(60),
        action: 'vault.locked',
        details: { reason: 'user', deferred: true },
      },
      {
        at: '2020-01-01T00:00:00.000Z',
        action: 'vault.passphrase-reset',
        details: { deferred: true },
      },
    ];
    writeFileSync(
      join(dir, PENDING_AUDIT_FILE),
      JSON.stringify({
        format: 'dossierkluis-pending-audit',
        vaultId,
        entries: [sign(genuine), ...forged.map(sign), unsigned],
      }),
    );
    api = await openTestApi({ dir, now: new Date() });
    expect(actionsAfterSetup(api)).toEqual([
      { action: 'vault.locked', details: { reason: 'user' } },
      { action: 'vault.locked', details: { reason: 'idle', deferred: true } },
    ]);
  });

  it('drops key-file entries dated ahead or before the last entry', async () => {
    api = await openTestApi({ now: new Date() });
    const { dir } = api;
    api.session.lock('user');
    const keys = vaultPaths(dir).keys;
    writeKeyFile(keys, {
      ...readKeyFile(keys),
      pendingAudit: [
        { action: 'vault.passphrase-reset', at: minutesFromNow(24 * 60) },
        { action: 'vault.keys-rotation-undone', at: '2020-01-01T00:00:00.000Z' },
        { action: 'vault.keys-rotation-finished', at: minutesFromNow(0) },
      ],
    });
    api = await openTestApi({ dir, now: new Date() });
    const recorded = actionsAfterSetup(api)
      .map((e) => e.action)
      .filter((a) => a !== 'vault.locked');
    expect(recorded).toEqual(['vault.keys-rotation-finished']);
  });
});
