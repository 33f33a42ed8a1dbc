import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isVaultError } from '../../db/errors';
import { readKeyFile } from '../../db/key-slots';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import { KluisError } from '../../electron/client';
import { createDispatcher } from '../../electron/dispatcher';
import { VaultSession } from '../../electron/services/vault-session';
import { openTestApiWithoutVault } from '../support/api-fixture';
import {
  FAST,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

afterEach(removeTempDirs);

function settledOf<T>(results: PromiseSettledResult<T>[]): {
  won: T[];
  lost: unknown[];
} {
  return {
    won: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    lost: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}

describe('two creates at once', () => {
  it('through one session: one vault, made once, and the loser deletes nothing', async () => {
    const dir = tempDir();
    const api = await openTestApiWithoutVault(dir);
    const { won, lost } = settledOf(
      await Promise.allSettled([
        api.kluis.vault.create({ passphrase: PASSPHRASE }),
        api.kluis.vault.create({ passphrase: OTHER_PASSPHRASE }),
      ]),
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toSatisfy((e: unknown) => e instanceof KluisError && e.code === 'VAULT_EXISTS');
    // The winner's vault is whole and open, and stays so after a lock.
    expect(await api.kluis.vault.status({})).toEqual({ state: 'unlocked' });
    api.session.lock('user');
    expect(existsSync(vaultPaths(dir).keys)).toBe(true);
    const reopened = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
    reopened.lock();
    (await openVault(dir, { recoveryKey: won[0]?.recoveryKey ?? '' }, FAST)).lock();
  });

  it('from two sessions on one folder (two app windows): the winner keeps its files', async () => {
    const dir = tempDir();
    const sessions = [new VaultSession(dir, FAST), new VaultSession(dir, FAST)];
    const calls = sessions.map((session, i) =>
      createDispatcher(session)('vault.create', {
        passphrase: i === 0 ? PASSPHRASE : OTHER_PASSPHRASE,
      }),
    );
    const results = await Promise.all(calls);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => (r.ok ? null : r.error.code))).toEqual(['VAULT_EXISTS']);
    const winner = results[0]?.ok ? 0 : 1;
    const passphrase = winner === 0 ? PASSPHRASE : OTHER_PASSPHRASE;
    const keysBefore = readFileSync(vaultPaths(dir).keys);
    sessions[winner]?.lock('user');
    expect(readFileSync(vaultPaths(dir).keys)).toEqual(keysBefore);
    const vault = await openVault(dir, { passphrase }, FAST);
    expect(vault.vaultId).toBe(readKeyFile(vaultPaths(dir).keys).vaultId);
    vault.lock();
  });

  it('at the vault layer: exactly one createVault wins, the other makes and removes nothing', async () => {
    const dir = tempDir();
    const results = await Promise.allSettled([
      createVault(dir, PASSPHRASE, FAST),
      createVault(dir, OTHER_PASSPHRASE, FAST),
    ]);
    const { won, lost } = settledOf(results);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isVaultError(lost[0], 'VAULT_EXISTS')).toBe(true);
    won[0]?.vault.db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('blijft');");
    won[0]?.vault.lock();
    const passphrase = results[0]?.status === 'fulfilled' ? PASSPHRASE : OTHER_PASSPHRASE;
    const vault = await openVault(dir, { passphrase }, FAST);
    expect(vault.db.prepare('SELECT x FROM t').get()).toEqual({ x: 'blijft' });
    vault.lock();
  });
});

describe('a lock while an unlock is under way', () => {
  it('wins: the vault ends locked', async () => {
    const dir = tempDir();
    (await createVault(dir, PASSPHRASE, FAST)).vault.lock();
    const session = new VaultSession(dir, FAST);
    const unlocking = session.unlock({ passphrase: PASSPHRASE });
    session.lock('idle');
    await unlocking;
    expect(session.state).toBe('locked');
    // And the vault is not held open behind the session's back.
    (await openVault(dir, { passphrase: PASSPHRASE }, FAST)).lock();
  });
});

describe('a passphrase change while the keys are replaced', () => {
  it('runs one after the other, so the key file always fits the database', async () => {
    const dir = tempDir();
    const session = new VaultSession(dir, FAST);
    await session.create(PASSPHRASE);
    const results = await Promise.allSettled([
      session.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE),
      session.rotateKeys(PASSPHRASE),
    ]);
    // The change came first; the rotation then asked for the old passphrase.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    session.lock('user');
    (await openVault(dir, { passphrase: OTHER_PASSPHRASE }, FAST)).lock();
  });
});
