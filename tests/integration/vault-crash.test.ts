import { afterEach, describe, expect, it } from 'vitest';
import { createVault, openVault } from '../../db/vault';
import { killed, spawnFixture, watchLines } from '../support/crash-child';
import { FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

afterEach(removeTempDirs);

// 50 kills by default: issue 7 asks for at least 50 in CI, and CI runs npm test as is.
const ROUNDS = Number(process.env.KLUIS_CRASH_ROUNDS ?? 50);

describe('a killed process', () => {
  it(`loses nothing committed when killed inside a long transaction (${ROUNDS} kills)`, async () => {
    const dir = tempDir();
    (await createVault(dir, PASSPHRASE, FAST)).vault.lock();
    const committed = new Set<number>();
    const committedBatches = new Set<number>();
    let killedInsideLong = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      const child = spawnFixture('vault-writer.ts', {
        KLUIS_DIR: dir,
        KLUIS_PASSPHRASE: PASSPHRASE,
      });
      // Kill inside the first long transaction of this run, after a few ms of writing.
      const lines = await watchLines(child, (line) => line.startsWith('long '));
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 40)));
      await killed(child);
      const lastLong = lines.findLast((line) => line.startsWith('long '))?.split(' ')[1];
      if (!lines.includes(`committed-batch ${lastLong}`)) killedInsideLong += 1;
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'committed') committed.add(Number(value));
        if (word === 'committed-batch') committedBatches.add(Number(value));
      }

      const vault = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
      try {
        // integrity_check reads every page, so SQLite3MC verifies every page's HMAC too.
        expect(vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const ids = new Set(
          (
            vault.db.prepare('SELECT id FROM crash_rows WHERE batch = 0').all() as { id: number }[]
          ).map((r) => r.id),
        );
        for (const id of committed) expect(ids.has(id)).toBe(true);
        // A batch is there whole or not at all.
        const batches = vault.db
          .prepare('SELECT batch, count(*) AS n FROM crash_rows WHERE batch > 0 GROUP BY batch')
          .all() as { batch: number; n: number }[];
        for (const { n } of batches) expect(n).toBe(20_000);
        for (const batch of committedBatches) expect(batches.map((b) => b.batch)).toContain(batch);
      } finally {
        vault.lock();
      }
    }
    expect(committed.size).toBeGreaterThanOrEqual(ROUNDS * 3);
    // The scenario under test did happen: most kills landed inside an open transaction.
    expect(killedInsideLong).toBeGreaterThan(ROUNDS / 2);
  }, 1_200_000);
});
