/**
 * Vault benchmark: unlock time with the production KDF, and the cost of encryption on
 * bulk inserts and full scans, against the same schema in an unencrypted database made
 * by the same SQLite build with the same pragmas. Prints a table; not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from '../db/connection';
import { createVault, openVault } from '../db/vault';
import { median, printTable, time } from './table';

const ROWS = 100_000;
const BATCH = 1_000;
const PASSPHRASE = 'bench paarse olifant danst op het dak';
const WORDS = 'cliënt coach sessie doel werk spanning grens afspraak gesprek vertrouwen'.split(' ');

function noteText(i: number): string {
  const words: string[] = [];
  for (let w = 0; w < 40; w += 1) words.push(WORDS[(i * 7 + w * 13) % WORDS.length] ?? '');
  return words.join(' ');
}

const SCHEMA = `CREATE TABLE bench_notes (
  id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL, at TEXT NOT NULL, body TEXT NOT NULL)`;

function insertRows(db: SqliteDatabase): void {
  const insert = db.prepare('INSERT INTO bench_notes (client_id, at, body) VALUES (?, ?, ?)');
  for (let start = 0; start < ROWS; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < start + BATCH; i += 1)
        insert.run(i % 1000, '2026-11-23T10:00:00Z', noteText(i));
    })();
  }
}

function scan(db: SqliteDatabase): number {
  const row = db
    .prepare('SELECT count(*) AS n, sum(length(body)) AS bytes FROM bench_notes')
    .get() as {
    n: number;
  };
  if (row.n !== ROWS) throw new Error(`scan saw ${row.n} rows`);
  return row.n;
}

function plainDatabase(path: string): SqliteDatabase {
  const db = new Database(path);
  // The vault's pragmas, minus the cipher, so only encryption differs.
  for (const pragma of [
    'locking_mode=EXCLUSIVE',
    'journal_mode=WAL',
    'synchronous=FULL',
    'temp_store=MEMORY',
    'secure_delete=ON',
    'foreign_keys=ON',
  ]) {
    db.pragma(pragma);
  }
  return db;
}

export async function benchVault(rounds = 3): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kluis-bench-'));
  try {
    const unlockTimes: number[] = [];
    const dir = join(root, 'vault');
    const { vault } = await createVault(dir, PASSPHRASE);
    vault.lock();
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      const opened = await openVault(dir, { passphrase: PASSPHRASE });
      unlockTimes.push(performance.now() - started);
      opened.lock();
    }

    const results = {
      encInsert: [] as number[],
      plainInsert: [] as number[],
      encScan: [] as number[],
      encWarm: [] as number[],
      plainWarm: [] as number[],
      plainScan: [] as number[],
    };
    for (let round = 0; round < rounds; round += 1) {
      const encDir = join(root, `enc-${round}`);
      const plainPath = join(root, `plain-${round}.db`);
      const enc = (await createVault(encDir, PASSPHRASE, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }))
        .vault;
      enc.db.exec(SCHEMA);
      results.encInsert.push(time(() => insertRows(enc.db)));
      enc.lock();
      const plain = plainDatabase(plainPath);
      plain.exec(SCHEMA);
      results.plainInsert.push(time(() => insertRows(plain)));
      plain.close();

      // Cold scans: a fresh connection, so every page is read (and decrypted) from disk.
      const encAgain = await openVault(
        encDir,
        { passphrase: PASSPHRASE },
        { scrypt: { N: 2 ** 10, r: 8, p: 1 } },
      );
      results.encScan.push(time(() => scan(encAgain.db)));
      results.encWarm.push(time(() => scan(encAgain.db)));
      encAgain.lock();
      const plainAgain = plainDatabase(plainPath);
      results.plainScan.push(time(() => scan(plainAgain)));
      results.plainWarm.push(time(() => scan(plainAgain)));
      plainAgain.close();
    }

    const insertRatio = median(results.encInsert) / median(results.plainInsert);
    const scanRatio = median(results.encScan) / median(results.plainScan);
    printTable(
      `Vault (${ROWS.toLocaleString('en')} rows, ${BATCH} per transaction, median of ${rounds})`,
      [
        [
          'unlock (scrypt N=2^17, r=8, p=1)',
          `${median(unlockTimes).toFixed(0)} ms`,
          'target 300–1000 ms',
        ],
        ['insert, encrypted', `${median(results.encInsert).toFixed(0)} ms`, ''],
        ['insert, plain', `${median(results.plainInsert).toFixed(0)} ms`, ''],
        [
          'insert ratio',
          `${insertRatio.toFixed(2)}×`,
          `target ≤ 1.5× ${insertRatio <= 1.5 ? 'met' : 'MISSED'}`,
        ],
        ['full scan, encrypted (cold)', `${median(results.encScan).toFixed(1)} ms`, ''],
        ['full scan, plain (cold)', `${median(results.plainScan).toFixed(1)} ms`, ''],
        [
          'scan ratio (cold)',
          `${scanRatio.toFixed(2)}×`,
          `target ≤ 1.3× ${scanRatio <= 1.3 ? 'met' : 'MISSED'}`,
        ],
        ['full scan, encrypted (warm)', `${median(results.encWarm).toFixed(1)} ms`, ''],
        ['full scan, plain (warm)', `${median(results.plainWarm).toFixed(1)} ms`, ''],
        [
          'scan ratio (warm)',
          `${(median(results.encWarm) / median(results.plainWarm)).toFixed(2)}×`,
          'decrypted pages stay in the page cache',
        ],
      ],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
