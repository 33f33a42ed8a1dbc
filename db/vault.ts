import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from './audit';
import { openEncryptedDatabase, type SqliteDatabase } from './connection';
import { isDiskFull, VaultError } from './errors';
import {
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT,
  KEY_FILE_FORMAT,
  KEY_FILE_VERSION,
  type KeyFile,
  readKeyFile,
  type ScryptParams,
  type SlotSecret,
  unwrapDataKey,
  wrapDataKey,
  writeKeyFile,
} from './key-slots';
import { migrate, schemaVersion } from './migrate';
import { assertStrongPassphrase } from './passphrase-policy';
import { clearPendingAudit, readPendingAudit, replayPendingAudit } from './pending-audit';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';

export const DATABASE_FILE = 'vault.db';
export const KEY_FILE = 'vault.keys.json';

export interface VaultOptions {
  /** KDF cost for new passphrase slots. Only tests lower it, to keep suites fast. */
  readonly scrypt?: ScryptParams;
}

export type UnlockSecret = { readonly passphrase: string } | { readonly recoveryKey: string };

export interface Vault {
  readonly dir: string;
  readonly vaultId: string;
  /** The open database, for db/ modules. Throws VAULT_LOCKED once locked. */
  readonly db: SqliteDatabase;
  readonly isLocked: boolean;
  changePassphrase(current: string, next: string): Promise<void>;
  lock(): void;
}

export function vaultPaths(dir: string): { database: string; keys: string } {
  return { database: join(dir, DATABASE_FILE), keys: join(dir, KEY_FILE) };
}

export function vaultExists(dir: string): boolean {
  const paths = vaultPaths(dir);
  return existsSync(paths.keys) || existsSync(paths.database);
}

function wrongSecret(): VaultError {
  return new VaultError('WRONG_SECRET', 'The passphrase or recovery key does not open this vault.');
}

class OpenVault implements Vault {
  #db: SqliteDatabase | undefined;
  readonly #options: VaultOptions;

  constructor(
    readonly dir: string,
    readonly vaultId: string,
    db: SqliteDatabase,
    options: VaultOptions,
  ) {
    this.#db = db;
    this.#options = options;
  }

  get db(): SqliteDatabase {
    if (!this.#db) throw new VaultError('VAULT_LOCKED', 'The vault is locked.');
    return this.#db;
  }

  get isLocked(): boolean {
    return this.#db === undefined;
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    const db = this.db;
    const paths = vaultPaths(this.dir);
    const keyFile = readKeyFile(paths.keys);
    const dataKey = await unlockDataKey(keyFile, { kind: 'passphrase', passphrase: current });
    try {
      assertStrongPassphrase(next);
      const slot = await wrapDataKey(
        this.vaultId,
        'passphrase',
        dataKey,
        { kind: 'passphrase', passphrase: next },
        this.#options.scrypt ?? DEFAULT_SCRYPT,
      );
      // Only the passphrase slot is replaced; the recovery slot and the database stay.
      const slots = keyFile.slots.filter((s) => s.kind !== 'passphrase');
      writeKeyFile(paths.keys, { ...keyFile, slots: [slot, ...slots] });
    } catch (error) {
      throw isDiskFull(error)
        ? new VaultError(
            'DISK_FULL',
            'The disk is full; the passphrase was not changed.',
            {},
            { cause: error },
          )
        : error;
    } finally {
      dataKey.fill(0);
    }
    appendAudit(db, 'vault.passphrase-changed');
  }

  lock(): void {
    const db = this.#db;
    if (!db) return;
    this.#db = undefined;
    // Closing checkpoints the WAL and lets SQLite free (and its codec wipe) the page
    // cache and key schedule. We never kept the data key ourselves past unlock.
    db.close();
  }
}

async function unlockDataKey(keyFile: KeyFile, secret: SlotSecret): Promise<Buffer> {
  for (const slot of keyFile.slots) {
    if (slot.kind !== secret.kind) continue;
    const dataKey = await unwrapDataKey(keyFile.vaultId, slot, secret);
    if (dataKey) return dataKey;
  }
  throw wrongSecret();
}

/**
 * Makes a new vault in `dir`. The recovery key is returned once, for the coach to write
 * down; the app never stores it in readable form.
 */
export async function createVault(
  dir: string,
  passphrase: string,
  options: VaultOptions = {},
): Promise<{ vault: Vault; recoveryKey: string }> {
  assertStrongPassphrase(passphrase);
  if (vaultExists(dir)) {
    throw new VaultError('VAULT_EXISTS', 'This folder already holds a vault.');
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const paths = vaultPaths(dir);
  const vaultId = randomUUID();
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const recovery = generateRecoveryKey();
  let db: SqliteDatabase | undefined;
  try {
    const slots = [
      await wrapDataKey(
        vaultId,
        'passphrase',
        dataKey,
        { kind: 'passphrase', passphrase },
        options.scrypt,
      ),
      await wrapDataKey(vaultId, 'recovery', dataKey, {
        kind: 'recovery',
        secret: recovery.secret,
      }),
    ];
    db = openEncryptedDatabase(paths.database, dataKey, { create: true });
    // SQLite gives its WAL the database file's mode, so this covers both.
    chmodSync(paths.database, 0o600);
    migrate(db);
    const created = db;
    created.transaction(() => {
      created.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('vault_id', vaultId);
      created
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
        .run('created_at', new Date().toISOString());
      appendAudit(created, 'vault.created');
    })();
    // Move the new schema out of the WAL into the main file at once, so the vault never
    // depends on its WAL to exist at all.
    created.pragma('wal_checkpoint(TRUNCATE)');
    // Written last: a vault counts as made only once its key file exists.
    writeKeyFile(paths.keys, {
      format: KEY_FILE_FORMAT,
      version: KEY_FILE_VERSION,
      vaultId,
      slots,
    });
    return { vault: new OpenVault(dir, vaultId, db, options), recoveryKey: recovery.text };
  } catch (error) {
    db?.close();
    // Remove only what this call made; the folder was checked empty of a vault above.
    for (const file of [
      paths.database,
      `${paths.database}-wal`,
      `${paths.database}-shm`,
      paths.keys,
    ]) {
      rmSync(file, { force: true });
    }
    throw isDiskFull(error)
      ? new VaultError('DISK_FULL', 'The disk is full; no vault was made.', {}, { cause: error })
      : error;
  } finally {
    dataKey.fill(0);
    recovery.secret.fill(0);
  }
}

/**
 * Sets a new passphrase with the recovery key, for the coach who forgot the old one.
 * Works on a locked vault: only the key file changes, the database is not touched.
 */
export async function resetPassphrase(
  dir: string,
  recoveryKey: string,
  next: string,
  options: VaultOptions = {},
): Promise<void> {
  const paths = vaultPaths(dir);
  if (!existsSync(paths.keys)) {
    throw new VaultError('VAULT_NOT_FOUND', 'There is no vault in this folder.');
  }
  const keyFile = readKeyFile(paths.keys);
  const secret = parseRecoveryKey(recoveryKey);
  let dataKey: Buffer | undefined;
  try {
    dataKey = await unlockDataKey(keyFile, { kind: 'recovery', secret });
    assertStrongPassphrase(next);
    const slot = await wrapDataKey(
      keyFile.vaultId,
      'passphrase',
      dataKey,
      { kind: 'passphrase', passphrase: next },
      options.scrypt ?? DEFAULT_SCRYPT,
    );
    const slots = keyFile.slots.filter((s) => s.kind !== 'passphrase');
    writeKeyFile(paths.keys, { ...keyFile, slots: [slot, ...slots] });
  } catch (error) {
    throw isDiskFull(error)
      ? new VaultError(
          'DISK_FULL',
          'The disk is full; the passphrase was not changed.',
          {},
          { cause: error },
        )
      : error;
  } finally {
    dataKey?.fill(0);
    secret.fill(0);
  }
}

/**
 * Opens an existing vault with the passphrase or the recovery key. A wrong secret is
 * found before the database is touched, so it changes nothing on disk.
 */
export async function openVault(
  dir: string,
  secret: UnlockSecret,
  options: VaultOptions = {},
): Promise<Vault> {
  const paths = vaultPaths(dir);
  if (!existsSync(paths.keys) && !existsSync(paths.database)) {
    throw new VaultError('VAULT_NOT_FOUND', 'There is no vault in this folder.');
  }
  const keyFile = readKeyFile(paths.keys);
  if (!existsSync(paths.database)) {
    throw new VaultError('VAULT_DAMAGED', 'The vault database is missing.', { file: 'database' });
  }
  const slotSecret: SlotSecret =
    'passphrase' in secret
      ? { kind: 'passphrase', passphrase: secret.passphrase }
      : { kind: 'recovery', secret: parseRecoveryKey(secret.recoveryKey) };
  let dataKey: Buffer | undefined;
  try {
    dataKey = await unlockDataKey(keyFile, slotSecret);
    const db = openEncryptedDatabase(paths.database, dataKey, { create: false });
    try {
      // A made vault always has a schema. None means its content was lost (for example a
      // WAL deleted after a crash): say so instead of quietly building an empty vault.
      if (schemaVersion(db) === 0) {
        throw new VaultError('VAULT_DAMAGED', 'The vault database is empty.', {
          file: 'database',
          reason: 'empty',
        });
      }
      migrate(db);
      const storedId = db.prepare('SELECT value FROM meta WHERE key = ?').get('vault_id') as
        | { value: string }
        | undefined;
      if (storedId?.value !== keyFile.vaultId) {
        throw new VaultError('VAULT_DAMAGED', 'The key file belongs to another vault.', {
          file: 'keys',
        });
      }
      // Entries a lock on a full disk could not write go in first, in their own order.
      const pending = readPendingAudit(dir, keyFile.vaultId);
      db.transaction(() => {
        replayPendingAudit(db, pending);
        appendAudit(db, 'vault.unlocked', null, { method: slotSecret.kind });
      })();
      try {
        if (pending.length) clearPendingAudit(dir);
      } catch {
        // The entries are in the log; at worst they are written twice at the next unlock.
      }
    } catch (error) {
      db.close();
      throw error;
    }
    return new OpenVault(dir, keyFile.vaultId, db, options);
  } finally {
    dataKey?.fill(0);
    if (slotSecret.kind === 'recovery') slotSecret.secret.fill(0);
  }
}
