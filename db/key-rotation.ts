import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDirectory, writeFileAtomic } from './atomic-file';
import { openEncryptedDatabase, type SqliteDatabase } from './connection';
import { isDiskFull, isVaultError, VaultError } from './errors';
import {
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT,
  KEY_FILE_FORMAT,
  KEY_FILE_VERSION,
  type KeyFile,
  type KeySlot,
  keySlotSchema,
  parseKeyFile,
  readKeyFile,
  type ScryptParams,
  type SlotSecret,
  unlockDataKey,
  unwrapDataKey,
  withPendingAudit,
  wrapDataKey,
  writeKeyFile,
} from './key-slots';
import { assertStrongPassphrase } from './passphrase-policy';
import { generateRecoveryKey } from './recovery-key';

/**
 * Key rotation: a new random data key for the database (PRAGMA rekey), new key slots and
 * a new recovery key, so nothing of the old key file, passphrase or recovery key opens
 * the vault afterwards.
 *
 * Re-encrypting every page is not atomic with replacing the key file, so a journal makes
 * the pair crash-safe:
 *   1. `vault.keys.next.json` is written atomically: the new key file, plus the new data
 *      key wrapped with the old one and the old wrapped with the new ("bridges"), so
 *      whichever secret the coach types after a crash yields both keys;
 *   2. the database is rekeyed in one SQLite transaction (rollback-journal mode: SQLite3
 *      Multiple Ciphers refuses rekey in WAL mode, and its rollback journal keeps the
 *      original pages under the old key, so a killed rekey rolls back to the old key);
 *   3. the new key file (without bridges) atomically replaces `vault.keys.json`, and the
 *      journal is removed.
 * At open, a journal left behind is settled before anything else: if the old key opens
 * the database the rotation is rolled back (journal removed), if the new one does it is
 * finished (step 3). The bridges live only in that journal, for the seconds a rotation
 * takes; the final key file never holds the old data key in any form.
 */

export const ROTATION_JOURNAL_FILE = 'vault.keys.next.json';
const JOURNAL_FORMAT = 'dossierkluis-key-rotation';

const journalSchema = z.object({
  format: z.literal(JOURNAL_FORMAT),
  version: z.literal(1),
  next: z.unknown(),
  forward: keySlotSchema,
  back: keySlotSchema,
  oldSalt: z.string().regex(/^[0-9a-f]{32}$/),
});

interface Journal {
  readonly next: KeyFile;
  /**
   * The database's key salt before the rekey (SQLCipher keeps it in the file's first 16
   * bytes; rekey writes a new one). A rekey killed while writing its commit can leave the
   * new salt on disk beside a rollback journal that only the old key and salt read.
   */
  readonly oldSalt: Buffer;
  /** The new data key wrapped with the old one. */
  readonly forward: KeySlot;
  /** The old data key wrapped with the new one. */
  readonly back: KeySlot;
}

/** Points where a test may kill the process; production passes no hook. */
export type RotationStep =
  | 'prepared'
  | 'journal-written'
  | 'rekey-start'
  | 'rekeyed'
  | 'keys-written';

export interface RotationOptions {
  readonly scrypt?: ScryptParams;
  readonly onStep?: (step: RotationStep) => void;
}

export function rotationJournalPath(dir: string): string {
  return join(dir, ROTATION_JOURNAL_FILE);
}

function readJournal(path: string): Journal {
  let parsed: z.infer<typeof journalSchema>;
  try {
    parsed = journalSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new VaultError('VAULT_DAMAGED', 'The key rotation journal is damaged.', {
      file: 'keys',
    });
  }
  return {
    next: parseKeyFile(parsed.next),
    forward: parsed.forward,
    back: parsed.back,
    oldSalt: Buffer.from(parsed.oldSalt, 'hex'),
  };
}

function bridgeSecret(dataKey: Buffer): SlotSecret {
  return { kind: 'recovery', secret: dataKey };
}

/** Same slots, same wrapped keys: the key file already is the journal's new one. */
function sameSlots(a: KeyFile, b: KeyFile): boolean {
  return (
    a.slots.length === b.slots.length &&
    a.slots.every((slot, i) => slot.wrappedKey === b.slots[i]?.wrappedKey)
  );
}

/** SQLCipher 4 stores the key salt unencrypted as the first 16 bytes of the file. */
function readSalt(databasePath: string): Buffer {
  const salt = Buffer.alloc(16);
  const fd = openSync(databasePath, 'r');
  try {
    if (readSync(fd, salt, 0, 16, 0) !== 16) throw new Error('database shorter than its salt');
  } finally {
    closeSync(fd);
  }
  return salt;
}

function removeJournal(dir: string): void {
  rmSync(rotationJournalPath(dir), { force: true });
  fsyncDirectory(dir);
}

/** The raw-key pragma value; the hex string lives only for this call. */
function rawKey(dataKey: Buffer): string {
  return `"x'${dataKey.toString('hex')}'"`;
}

function opensWith(databasePath: string, dataKey: Buffer, cipherSalt?: Buffer): boolean {
  let db: SqliteDatabase | undefined;
  try {
    db = openEncryptedDatabase(databasePath, dataKey, {
      create: false,
      ...(cipherSalt ? { cipherSalt } : {}),
    });
    return true;
  } catch (error) {
    if (isVaultError(error, 'VAULT_DAMAGED')) return false;
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * Finishes or rolls back a rotation a crash interrupted. Without a journal it does
 * nothing. A journal whose key file is already in place needs no secret and is removed;
 * otherwise `secret` must open the old or the new key file, or WRONG_SECRET is thrown
 * and nothing changes.
 */
export async function settleKeyRotation(
  dir: string,
  paths: { readonly database: string; readonly keys: string },
  secret: SlotSecret,
): Promise<'none' | 'rolled-back' | 'finished'> {
  const journalPath = rotationJournalPath(dir);
  if (!existsSync(journalPath)) return 'none';
  const journal = readJournal(journalPath);
  const current = readKeyFile(paths.keys);
  if (sameSlots(current, journal.next)) {
    // The new recovery key was never shown (the crash came before): say so in the log.
    writeKeyFile(paths.keys, withPendingAudit(current, 'vault.keys-rotation-finished'));
    removeJournal(dir);
    return 'finished';
  }
  if (current.vaultId !== journal.next.vaultId) {
    throw new VaultError('VAULT_DAMAGED', 'The key rotation journal belongs to another vault.', {
      file: 'keys',
    });
  }
  const vaultId = current.vaultId;
  let oldKey: Buffer | null = null;
  let newKey: Buffer | null = null;
  try {
    try {
      oldKey = await unlockDataKey(current, secret);
      newKey = await unwrapDataKey(vaultId, journal.forward, bridgeSecret(oldKey));
    } catch (error) {
      if (!isVaultError(error, 'WRONG_SECRET')) throw error;
      newKey = await unlockDataKey(journal.next, secret);
      oldKey = await unwrapDataKey(vaultId, journal.back, bridgeSecret(newKey));
    }
    if (!oldKey || !newKey) {
      throw new VaultError('VAULT_DAMAGED', 'The key rotation journal is damaged.', {
        file: 'keys',
      });
    }
    // The old key and salt first: a rekey killed half-way leaves a hot rollback journal
    // whose pages are under them, and opening with them plays that journal back.
    if (opensWith(paths.database, oldKey, journal.oldSalt)) {
      writeKeyFile(paths.keys, withPendingAudit(current, 'vault.keys-rotation-undone'));
      removeJournal(dir);
      return 'rolled-back';
    }
    if (opensWith(paths.database, newKey)) {
      writeKeyFile(paths.keys, withPendingAudit(journal.next, 'vault.keys-rotation-finished'));
      removeJournal(dir);
      return 'finished';
    }
    throw new VaultError('VAULT_DAMAGED', 'Neither key of the rotation opens the database.', {
      file: 'database',
    });
  } finally {
    oldKey?.fill(0);
    newKey?.fill(0);
  }
}

export interface RotatableVault {
  readonly dir: string;
  readonly vaultId: string;
  readonly db: SqliteDatabase;
}

/**
 * Rotates the vault's data key. `current` is the passphrase the coach re-enters to
 * confirm; `next`, when given, becomes the new passphrase (otherwise `current` is
 * wrapped again, in a new slot with a new salt). Returns the new recovery key, once.
 */
export async function rotateVaultKeys(
  vault: RotatableVault,
  paths: { readonly database: string; readonly keys: string },
  current: string,
  next: string | undefined,
  options: RotationOptions = {},
): Promise<{ recoveryKey: string }> {
  const step = options.onStep ?? (() => undefined);
  const keyFile = readKeyFile(paths.keys);
  const oldKey = await unlockDataKey(keyFile, { kind: 'passphrase', passphrase: current });
  const newKey = randomBytes(DATA_KEY_BYTES);
  const recovery = generateRecoveryKey();
  try {
    if (next !== undefined) assertStrongPassphrase(next);
    const passphrase = next ?? current;
    const nextFile: KeyFile = {
      format: KEY_FILE_FORMAT,
      version: KEY_FILE_VERSION,
      vaultId: keyFile.vaultId,
      dataKeyId: randomUUID(),
      slots: [
        await wrapDataKey(
          keyFile.vaultId,
          'passphrase',
          newKey,
          { kind: 'passphrase', passphrase },
          options.scrypt ?? DEFAULT_SCRYPT,
        ),
        await wrapDataKey(keyFile.vaultId, 'recovery', newKey, {
          kind: 'recovery',
          secret: recovery.secret,
        }),
      ],
      ...(keyFile.pendingAudit ? { pendingAudit: keyFile.pendingAudit } : {}),
    };
    const journal = {
      format: JOURNAL_FORMAT,
      version: 1,
      next: nextFile,
      forward: await wrapDataKey(keyFile.vaultId, 'rotation-forward', newKey, bridgeSecret(oldKey)),
      back: await wrapDataKey(keyFile.vaultId, 'rotation-back', oldKey, bridgeSecret(newKey)),
    };
    step('prepared');
    // From here on everything is synchronous, so no lock, backup or other call can run
    // between the journal, the rekey and the key file. A lock during the awaits above
    // makes `vault.db` throw VAULT_LOCKED here, before anything was written.
    const db = vault.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const oldSalt = readSalt(paths.database);
    writeFileAtomic(
      rotationJournalPath(vault.dir),
      `${JSON.stringify({ ...journal, oldSalt: oldSalt.toString('hex') }, null, 2)}\n`,
    );
    step('journal-written');
    try {
      rekey(db, newKey, step);
      writeKeyFile(paths.keys, nextFile);
    } catch (error) {
      restoreOldKey(db, oldKey, vault.dir);
      throw error;
    }
    step('keys-written');
    removeJournal(vault.dir);
    return { recoveryKey: recovery.text };
  } catch (error) {
    throw isDiskFull(error)
      ? new VaultError(
          'DISK_FULL',
          'The disk is full; the keys were not replaced.',
          {},
          { cause: error },
        )
      : error;
  } finally {
    oldKey.fill(0);
    newKey.fill(0);
    recovery.secret.fill(0);
  }
}

function rekey(db: SqliteDatabase, newKey: Buffer, step: (s: RotationStep) => void): void {
  // Every committed page into the main file and the WAL emptied, then out of WAL mode:
  // SQLite3 Multiple Ciphers rekeys only in rollback-journal mode.
  // https://utelle.github.io/SQLite3MultipleCiphers/docs/configuration/config_sql_pragmas/
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode=DELETE');
  step('rekey-start');
  db.pragma(`rekey=${rawKey(newKey)}`);
  step('rekeyed');
  db.pragma('journal_mode=WAL');
}

/**
 * Something after the journal failed (a full disk): put the old key back so the database
 * and `vault.keys.json` agree again, then drop the journal. The rekey is one transaction,
 * so a failed one left every page under the old key and this rewrite is harmless. If even
 * this fails the journal stays, and the next open settles the rotation.
 */
function restoreOldKey(db: SqliteDatabase, oldKey: Buffer, dir: string): void {
  db.pragma('journal_mode=DELETE');
  db.pragma(`rekey=${rawKey(oldKey)}`);
  db.pragma('journal_mode=WAL');
  removeJournal(dir);
}
