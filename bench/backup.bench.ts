/**
 * Backup benchmark on the 1,000-client synthetic practice (the vault the UI bench uses,
 * generated once per process): `runBackup` (VACUUM INTO an encrypted copy, page check,
 * fsync, SHA-256, rotation) in seconds and MB/s, against the physical limit measured in
 * the same run, a plain `copyFileSync` of the checkpointed vault.db; then verifying a
 * backup and restoring it into an empty folder. Prints a table; not a test.
 * MB here is 10^6 bytes.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsyncFile } from '../db/atomic-file';
import { vaultPaths } from '../db/vault';
import { listBackupFiles, sha256File } from '../electron/services/backups/backup-files';
import {
  runBackup,
  setBackupFolder,
  verifyBackup,
} from '../electron/services/backups/backup-service';
import { inspectBackupFile } from '../electron/services/backups/create-backup';
import { restoreBackup } from '../electron/services/backups/restore';
import { VaultSession } from '../electron/services/vault-session';
import { PRACTICE_NOW } from './practice-generator';
import { median, printTable, time, timeAsync } from './table';
import { describePractice, FAST, type PracticeVaultOptions, practiceVault } from './ui.bench';

const DAY_MS = 86_400_000;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (bytes: number, ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;

export interface BackupBenchOptions extends PracticeVaultOptions {
  runs?: number;
}

export async function benchBackup(options: BackupBenchOptions = {}): Promise<void> {
  const runs = options.runs ?? 3;
  const vault = await practiceVault('backup', options);
  const loadBefore = loadavg()[0] ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'kluis-bench-backup-'));
  const folder = join(work, 'backups');
  const session = new VaultSession(vault.dir, FAST);
  try {
    const unlockMs = await timeAsync(() => session.unlock({ passphrase: vault.passphrase }));
    setBackupFolder(session, { path: folder }, PRACTICE_NOW);
    const db = session.db;
    const database = vaultPaths(vault.dir).database;

    // Rounds of: the physical limit (a copy of the checkpointed file, with and without
    // fsync), then a real backup. Interleaved, so a busy neighbour hits both alike.
    const copyMs: number[] = [];
    const copySyncMs: number[] = [];
    const backupMs: number[] = [];
    const backupBytes: number[] = [];
    let vaultBytes = 0;
    for (let round = 0; round < runs; round += 1) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      vaultBytes = statSync(database).size;
      const copy = join(work, 'copy.db');
      copyMs.push(time(() => copyFileSync(database, copy)));
      rmSync(copy, { force: true });
      copySyncMs.push(
        time(() => {
          copyFileSync(database, copy);
          fsyncFile(copy);
        }),
      );
      rmSync(copy, { force: true });
      // A day apart, so rotation (7 daily) keeps them all.
      const now = new Date(PRACTICE_NOW.getTime() + (round + 1) * DAY_MS);
      let size = 0;
      backupMs.push(
        await timeAsync(async () => {
          size = (await runBackup(session, now)).size;
        }),
      );
      backupBytes.push(size);
    }

    // Where a backup's time goes: createBackup's steps one by one, on a scratch file.
    const scratch = join(work, 'scratch.kluisdb');
    const vacuumMs = time(() => db.prepare('VACUUM INTO ?').run(scratch));
    let pagesOk = false;
    const inspectMs = time(() => {
      pagesOk = inspectBackupFile(db, scratch).ok;
    });
    const fsyncMs = time(() => fsyncFile(scratch));
    const shaMs = await timeAsync(() => sha256File(scratch));
    rmSync(scratch, { force: true });

    // Verify (SHA-256 of the file, then ATTACH and integrity_check), newest backup.
    const backups = listBackupFiles(folder);
    const newest = backups[0];
    if (!newest) throw new Error('no backup was made');
    const verifyMs: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      verifyMs.push(
        await timeAsync(async () => {
          const verified = await verifyBackup(session, newest.id);
          if (!verified.ok) throw new Error('the backup did not verify');
        }),
      );
    }

    // Restore into an empty folder (a new computer): checksum, copy, checksum again,
    // rename, key file. Then the restored vault must open and hold the whole practice.
    const restoreMs: number[] = [];
    let restoredDir = '';
    for (let i = 0; i < runs; i += 1) {
      restoredDir = join(work, `restored-${i}`);
      const target = restoredDir;
      restoreMs.push(await timeAsync(() => restoreBackup(target, newest, PRACTICE_NOW)));
    }
    const restored = new VaultSession(restoredDir, FAST);
    let restoredClients = 0;
    const restoredUnlockMs = await timeAsync(async () => {
      await restored.unlock({ passphrase: vault.passphrase });
      restoredClients = (
        restored.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }
      ).n;
    });
    restored.lock('quit');
    if (restoredClients !== vault.options.clients) {
      throw new Error(`the restored vault holds ${restoredClients} clients`);
    }

    const loadAfter = loadavg()[0] ?? 0;
    const backup = median(backupMs);
    const bytes = median(backupBytes);
    const copy = median(copyMs);
    const copySync = median(copySyncMs);
    const rows: string[][] = [
      ['practice', describePractice(vault, 'backup'), ''],
      ['vault.db (checkpointed)', mb(vaultBytes), `unlock with FAST scrypt ${secs(unlockMs)}`],
      [
        `runBackup, median of ${runs}`,
        secs(backup),
        `${rate(bytes, backup)} (backup file ${mb(bytes)} / time); all: ${backupMs.map(secs).join(', ')}`,
      ],
      [
        `copyFileSync vault.db, median of ${runs}`,
        secs(copy),
        `${rate(vaultBytes, copy)}; all: ${copyMs.map(secs).join(', ')}`,
      ],
      ['  copy + fsync', secs(copySync), rate(vaultBytes, copySync)],
      [
        'ratio runBackup / copy',
        `${(backup / copy).toFixed(1)}×`,
        `${(backup / copySync).toFixed(1)}× against copy + fsync`,
      ],
      ['  VACUUM INTO (encrypted)', secs(vacuumMs), 'one separate run of each step'],
      ['  ATTACH + integrity_check + counts', secs(inspectMs), pagesOk ? 'ok' : 'NOT ok'],
      ['  fsync', secs(fsyncMs), ''],
      ['  SHA-256 of the file', secs(shaMs), rate(bytes, shaMs)],
      [
        `verify backup, median of ${runs}`,
        secs(median(verifyMs)),
        `SHA-256 + ATTACH + integrity_check; ${rate(bytes, median(verifyMs))}`,
      ],
      [
        `restore into an empty folder, median of ${runs}`,
        secs(median(restoreMs)),
        `SHA-256, copy, SHA-256 of the copy, rename; ${rate(bytes, median(restoreMs))}`,
      ],
      [
        '  unlock the restored vault + count',
        secs(restoredUnlockMs),
        `${restoredClients} clients; FAST scrypt`,
      ],
      [
        'machine',
        `${availableParallelism()} cores`,
        `load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after; ${tmpdir()} on the same disk`,
      ],
    ];
    printTable('Backups (runBackup against a plain file copy; restore; verify)', rows);
  } finally {
    if (session.state === 'unlocked') session.lock('quit');
    rmSync(work, { recursive: true, force: true });
  }
}
