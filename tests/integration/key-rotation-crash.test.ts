import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/audit';
import { isVaultError } from '../../db/errors';
import { ROTATION_JOURNAL_FILE, rotationJournalPath } from '../../db/key-rotation';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import { killed, spawnFixture, watchLines } from '../support/crash-child';
import {
  FAST,
  folderFingerprint,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

afterEach(removeTempDirs);

/** Kills inside the rekey itself; each round rotates to a new passphrase. */
const REKEY_ROUNDS = Number(process.env.KLUIS_ROTATION_CRASH_ROUNDS ?? 12);
const ROWS = 4000;
/**
 * How long after the rekey starts a kill may land: the commit writing pages back and the
 * steps after it fall inside this too (the rekey takes about 1 s here).
 */
const REKEY_SPREAD_MS = Number(process.env.KLUIS_REKEY_SPREAD_MS ?? 1500);

async function seededVault(): Promise<string> {
  const dir = tempDir();
  const { vault } = await createVault(dir, PASSPHRASE, FAST);
  vault.db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = vault.db.prepare('INSERT INTO notes (body) VALUES (?)');
  // About 8 MB, so that re-encrypting every page takes long enough to be killed inside.
  const body = 'Sessieverslag: cliënt bespreekt de spanning op het werk. '.repeat(35);
  vault.db.transaction(() => {
    for (let i = 0; i < ROWS; i += 1) insert.run(`${i} ${body}`);
  })();
  vault.lock();
  return dir;
}

/** Which passphrase opens the vault now: exactly one of the two, with every row intact. */
async function stateAfterCrash(dir: string, old: string, next: string): Promise<'old' | 'new'> {
  const opened: ('old' | 'new')[] = [];
  for (const [name, passphrase] of [
    ['old', old],
    ['new', next],
  ] as const) {
    try {
      const vault = await openVault(dir, { passphrase }, FAST);
      try {
        expect(vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(vault.db.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: ROWS });
      } finally {
        vault.lock();
      }
      opened.push(name);
    } catch (error) {
      if (!isVaultError(error, 'WRONG_SECRET')) throw error;
    }
  }
  // Settled at the first open: no journal is left for a later one.
  expect(existsSync(rotationJournalPath(dir))).toBe(false);
  expect(opened).toHaveLength(1);
  return opened[0] ?? 'old';
}

/** Waits (at most 10 s) until SQLite's rollback journal exists: the rekey is writing. */
async function rollbackJournalAppears(dir: string): Promise<void> {
  const path = `${vaultPaths(dir).database}-journal`;
  const until = Date.now() + 10_000;
  while (!existsSync(path) && Date.now() < until) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The first 16 bytes of the database: SQLCipher's key salt, which a rekey replaces. */
function saltOnDisk(dir: string): Buffer {
  const salt = Buffer.alloc(16);
  const fd = openSync(vaultPaths(dir).database, 'r');
  try {
    readSync(fd, salt, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return salt;
}

/**
 * Waits (at most 20 s) until the rekey's commit has written page 1, salt and all, over
 * the old one while its rollback journal still exists: the database file is then a mix
 * of new and old pages that only the journal, under the old key and salt, can undo.
 */
async function commitWritesPageOne(dir: string): Promise<void> {
  const journal = `${vaultPaths(dir).database}-journal`;
  const until = Date.now() + 20_000;
  let before: Buffer | undefined;
  while (Date.now() < until) {
    if (existsSync(journal)) {
      before ??= saltOnDisk(dir);
      if (!saltOnDisk(dir).equals(before)) return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function killAt(
  dir: string,
  old: string,
  next: string,
  step: string,
  delayMs: number | 'journal' | 'commit' = 0,
  hold = true,
): Promise<{ hotJournal: boolean; lines: string[] }> {
  const child = spawnFixture('key-rotator.ts', {
    KLUIS_DIR: dir,
    KLUIS_PASSPHRASE: old,
    KLUIS_NEXT: next,
    KLUIS_HOLD_AT: hold ? step : 'nowhere',
  });
  const lines = await watchLines(child, (line) => line === `step ${step}`);
  if (delayMs === 'journal') await rollbackJournalAppears(dir);
  else if (delayMs === 'commit') await commitWritesPageOne(dir);
  else if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  await killed(child);
  return { hotJournal: existsSync(`${vaultPaths(dir).database}-journal`), lines };
}

describe('a process killed during key rotation', () => {
  it.each([
    ['prepared', 'old'],
    ['journal-written', 'old'],
    ['rekey-start', 'old'],
    ['rekeyed', 'new'],
    ['keys-written', 'new'],
  ] as const)(
    'killed at %s leaves the %s keys working, never neither',
    async (step, expected) => {
      const dir = await seededVault();
      const next = `${PASSPHRASE} en nog een regel`;
      await killAt(dir, PASSPHRASE, next, step);
      // The journal is on disk from its step until the key file replaced it.
      expect(existsSync(rotationJournalPath(dir))).toBe(step !== 'prepared');
      // A wrong secret settles nothing and changes no byte, except a journal whose key
      // file is already in place: dropping it needs no secret.
      const before = folderFingerprint(dir);
      await expect(openVault(dir, { passphrase: OTHER_PASSPHRASE }, FAST)).rejects.toSatisfy(
        (error: unknown) => isVaultError(error, 'WRONG_SECRET'),
      );
      if (step === 'keys-written') {
        // Its key file is already in place: dropping the journal needs no secret, and
        // the key file notes it for the audit log.
        expect(Object.keys(folderFingerprint(dir))).not.toContain(ROTATION_JOURNAL_FILE);
        expect(folderFingerprint(dir)['vault.db']).toBe(before['vault.db']);
      } else {
        expect(folderFingerprint(dir)).toEqual(before);
      }
      expect(await stateAfterCrash(dir, PASSPHRASE, next)).toBe(expected);
      // The log says what became of it; a finished one's recovery key was never shown.
      const vault = await openVault(
        dir,
        { passphrase: expected === 'old' ? PASSPHRASE : next },
        FAST,
      );
      const actions = listAudit(vault.db, { limit: 10 }).map((e) => e.action);
      vault.lock();
      const settled = {
        prepared: [],
        'journal-written': ['vault.keys-rotation-undone'],
        'rekey-start': ['vault.keys-rotation-undone'],
        rekeyed: ['vault.keys-rotation-finished'],
        'keys-written': ['vault.keys-rotation-finished'],
      }[step];
      expect(actions.filter((a) => a.startsWith('vault.keys-rotation'))).toEqual(settled);
    },
    120_000,
  );

  it(`killed inside the rekey (${REKEY_ROUNDS} kills): old or new, never neither`, async () => {
    const dir = await seededVault();
    let current = PASSPHRASE;
    let insideRekey = 0;
    for (let round = 0; round < REKEY_ROUNDS; round += 1) {
      const next = `${PASSPHRASE} ronde ${round}`;
      // Nothing holds: the child re-encrypts page after page until the kill lands.
      // Even rounds: as soon as the rekey's rollback journal exists, so on a slow or busy
      // machine too some kills land inside it. Odd rounds: anywhere in the spread.
      const delay =
        round % 2 === 0 ? ('journal' as const) : Math.floor(Math.random() * REKEY_SPREAD_MS);
      const { hotJournal, lines } = await killAt(dir, current, next, 'rekey-start', delay, false);
      const state = await stateAfterCrash(dir, current, next);
      // The rekey commits by deleting its rollback journal: a hot one means not committed.
      if (hotJournal) {
        insideRekey += 1;
        expect(state).toBe('old');
      }
      if (lines.includes('step rekeyed')) expect(state).toBe('new');
      if (state === 'new') current = next;
    }
    // The scenario under test did happen: some kills landed inside the rekey.
    expect(insideRekey).toBeGreaterThan(0);
  }, 600_000);

  it('killed while the rekey commit writes its pages: the old key and salt undo it', async () => {
    let partial = 0;
    for (let attempt = 0; attempt < 8 && partial < 2; attempt += 1) {
      const dir = await seededVault();
      const next = `${PASSPHRASE} poging ${attempt}`;
      const { hotJournal } = await killAt(dir, PASSPHRASE, next, 'rekey-start', 'commit', false);
      const state = await stateAfterCrash(dir, PASSPHRASE, next);
      if (hotJournal) {
        partial += 1;
        expect(state).toBe('old');
      }
    }
    expect(partial).toBeGreaterThan(0);
  }, 600_000);
});
