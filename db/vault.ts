import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from './audit';
import { openEncryptedDatabase, type SqliteDatabase } from './connection';
import { isDiskFull, VaultError } from './errors';
import { type RotationStep, rotateVaultKeys, settleKeyRotation } from './key-rotation';
import {
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT,
  KEY_FILE_FORMAT,
  KEY_FILE_VERSION,
  type KeyFile,
  readKeyFile,
  type ScryptParams,
  type SlotSecret,
  unlockDataKey,
  withPendingAudit,
  wrapDataKey,
  writeKeyFile,
} from './key-slots';
import { migrate, schemaVersion } from './migrate';
import { assertStrongPassphrase } from './passphrase-policy';
import {
  clearPendingAudit,
  ensurePendingAuditKey,
  fitsInLog,
  lastAuditTime,
  readPendingAudit,
  replayPendingAudit,
} from './pending-audit';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';

export const DATABASE_FILE = 'vault.db';
export const KEY_FILE = 'vault.keys.json';

export interface VaultOptions {
  /** KDF cost for new passphrase slots. Only tests lower it, to keep suites fast. */
  readonly scrypt?: ScryptParams;
  /** Test seam: called at each step of a key rotation (tests kill the process there). */
  readonly onRotationStep?: (step: RotationStep) => void;
}

export type UnlockSecret = { readonly passphrase: string } | { readonly recoveryKey: string };

export interface Vault {
  readonly dir: string;
  readonly vaultId: string;
  /** The open database, for db/ modules. Throws VAULT_LOCKED once locked. */
  readonly db: SqliteDatabase;
  readonly isLocked: boolean;
  changePassphrase(current: string, next: string): Promise<void>;
  /**
   * A new data key, new slots and a new recovery key (returned once). `current` confirms
   * the coach; `next`, when given, becomes the passphrase.
   */
  rotateKeys(current: string, next?: string): Promise<{ recoveryKey: string }>;
  lock(): void;
}

export function vaultPaths(dir: string): { database: string; keys: string } {
  return { database: join(dir, DATABASE_FILE), keys: join(dir, KEY_FILE) };
}

export function vaultExists(dir: string): boolean {
  const paths = vaultPaths(dir);
  return existsSync(paths.keys) || existsSync(paths.database);
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

  async rotateKeys(current: string, next?: string): Promise<{ recoveryKey: string }> {
    const result = await rotateVaultKeys(this, vaultPaths(this.dir), current, next, {
      ...(this.#options.scrypt ? { scrypt: this.#options.scrypt } : {}),
      ...(this.#options.onRotationStep ? { onStep: this.#options.onRotationStep } : {}),
    });
    try {
      appendAudit(this.db, 'vault.keys-rotated', null, {
        passphrase: next === undefined ? 'same' : 'new',
      });
    } catch {
      // The keys are replaced either way; failing here (a full disk) would lose the new
      // recovery key, which exists nowhere else. The rotation itself cannot be undone.
    }
    return result;
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

/**
 * Claims `vault.db` with O_EXCL before anything else is made. Two creates racing on one
 * folder: exactly one gets the file, the other fails here having made nothing, so its
 * cleanup cannot remove the winner's files.
 */
function claimDatabaseFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new VaultError('VAULT_EXISTS', 'This folder already holds a vault.');
    }
    throw error;
  }
  closeSync(fd);
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
  // SQLite gives its WAL the database file's mode (0600 from the claim), so this covers both.
  claimDatabaseFile(paths.database);
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
    // The claimed file is empty, which SQLite takes as a new database.
    db = openEncryptedDatabase(paths.database, dataKey, { create: true });
    migrate(db);
    const created = db;
    created.transaction(() => {
      created.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('vault_id', vaultId);
      created
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
        .run('created_at', new Date().toISOString());
      appendAudit(created, 'vault.created');
      ensurePendingAuditKey(created);
    })();
    // Move the new schema out of the WAL into the main file at once, so the vault never
    // depends on its WAL to exist at all.
    created.pragma('wal_checkpoint(TRUNCATE)');
    // Written last: a vault counts as made only once its key file exists.
    writeKeyFile(paths.keys, {
      format: KEY_FILE_FORMAT,
      version: KEY_FILE_VERSION,
      vaultId,
      dataKeyId: randomUUID(),
      slots,
    });
    return { vault: new OpenVault(dir, vaultId, db, options), recoveryKey: recovery.text };
  } catch (error) {
    db?.close();
    // Remove only what this call made: it holds the claimed database file, and no other
    // create can have reached the files beside it.
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
  options: VaultOptions & {
    /** The vault is locked: note the reset in the key file for the audit log at unlock. */
    readonly auditLater?: boolean;
  } = {},
): Promise<void> {
  const paths = vaultPaths(dir);
  if (!existsSync(paths.keys)) {
    throw new VaultError('VAULT_NOT_FOUND', 'There is no vault in this folder.');
  }
  const secret = parseRecoveryKey(recoveryKey);
  let dataKey: Buffer | undefined;
  try {
    await settleKeyRotation(dir, paths, { kind: 'recovery', secret });
    const keyFile = readKeyFile(paths.keys);
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
    const reset = { ...keyFile, slots: [slot, ...slots] };
    writeKeyFile(
      paths.keys,
      options.auditLater ? withPendingAudit(reset, 'vault.passphrase-reset') : reset,
    );
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
 * Writes the audit entries a locked vault noted in its key file (a reset by recovery
 * key), then drops them from the key file. A crash between the two writes the entry
 * twice at the next unlock, which is better than never. The key file's schema admits
 * only the actions the app defers there; a time in the future or before the log's newest
 * entry (an edited key file) is dropped.
 */
function recordPendingAudit(
  db: SqliteDatabase,
  keysPath: string,
  keyFile: KeyFile,
  lastBeforeUnlock: number | undefined,
): void {
  const pending = keyFile.pendingAudit;
  if (!pending || pending.length === 0) return;
  const now = new Date();
  db.transaction(() => {
    for (const entry of pending.filter((e) => fitsInLog(e.at, lastBeforeUnlock, now))) {
      appendAudit(db, entry.action, null, {
        recordedLater: true,
        happenedOn: entry.at.slice(0, 10),
      });
    }
  })();
  const { pendingAudit: _written, ...rest } = keyFile;
  writeKeyFile(keysPath, rest);
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
  readKeyFile(paths.keys);
  if (!existsSync(paths.database)) {
    throw new VaultError('VAULT_DAMAGED', 'The vault database is missing.', { file: 'database' });
  }
  const slotSecret: SlotSecret =
    'passphrase' in secret
      ? { kind: 'passphrase', passphrase: secret.passphrase }
      : { kind: 'recovery', secret: parseRecoveryKey(secret.recoveryKey) };
  let dataKey: Buffer | undefined;
  try {
    await settleKeyRotation(dir, paths, slotSecret);
    const keyFile = readKeyFile(paths.keys);
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
      // Taken before this unlock's own entry, which comes after what was deferred.
      const lastBeforeUnlock = lastAuditTime(db);
      db.transaction(() => {
        replayPendingAudit(db, keyFile.vaultId, pending);
        appendAudit(db, 'vault.unlocked', null, { method: slotSecret.kind });
      })();
      try {
        if (pending.length) clearPendingAudit(dir);
      } catch {
        // The entries are in the log; at worst they are written twice at the next unlock.
      }
      recordPendingAudit(db, paths.keys, keyFile, lastBeforeUnlock);
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
