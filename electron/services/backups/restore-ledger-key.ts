import type { SqliteDatabase } from '../../../db/connection';
import { openEncryptedDatabase } from '../../../db/connection';
import { vaultPaths } from '../../../db/vault';
import { storedLedgerKey, storeLedgerKey } from './erasure-ledger';

/**
 * The erasure ledger's key lives only in the database, and a backup made before the
 * vault had one does not hold it. A restore of such a backup would leave the ledger
 * (carried forward from today's vault) unopenable and its erasures lost. So a restore
 * reads today's key before it swaps the files, and hands it to the restored vault.
 */

function withDatabase<T>(path: string, dataKey: Buffer, use: (db: SqliteDatabase) => T): T {
  const db = openEncryptedDatabase(path, dataKey, { create: false });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/**
 * Today's ledger key: from the open database, or from the locked one with today's data
 * key (unwrapped with the secret the restore was confirmed with). Undefined when neither
 * is at hand or the vault has no key yet.
 */
export function todaysLedgerKey(
  vaultDir: string,
  openDb: SqliteDatabase | undefined,
  dataKey: Buffer | undefined,
): Buffer | undefined {
  try {
    if (openDb) return storedLedgerKey(openDb);
    if (!dataKey) return undefined;
    return withDatabase(vaultPaths(vaultDir).database, dataKey, storedLedgerKey);
  } catch {
    // A damaged database is what a restore repairs; the key then cannot come along.
    return undefined;
  }
}

/**
 * Writes the key into the restored database, which opens with today's data key when
 * today's key file was kept (same vault, same data key). On disk, so an app restart
 * between restore and unlock does not lose it. False when it could not be written.
 */
export function giveLedgerKey(vaultDir: string, dataKey: Buffer, key: Buffer): boolean {
  try {
    withDatabase(vaultPaths(vaultDir).database, dataKey, (db) => storeLedgerKey(db, key));
    return true;
  } catch {
    return false;
  }
}
