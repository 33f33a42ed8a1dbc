import Database from 'better-sqlite3-multiple-ciphers';
import { VaultError } from './errors';

export type SqliteDatabase = Database.Database;

/**
 * The compiled SQLite addon to load, or undefined for the package's own build in
 * node_modules. Plain Node (vitest, bench) uses the default; Electron's main process sets
 * the copy built for Electron's ABI at startup (electron/shell/native-binding.ts), since
 * one binary cannot serve both runtimes.
 */
let nativeBinding: string | undefined;

export function setNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** The options every database opens with; exported so a test can hold them in place. */
export function databaseOptions(options: { readonly create: boolean }): Database.Options {
  return {
    fileMustExist: !options.create,
    timeout: 1000,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  };
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps what SQLite says while opening to the vault's own error codes. */
export function openFailure(error: unknown): VaultError | undefined {
  const code = sqliteCode(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new VaultError(
      'VAULT_IN_USE',
      'The vault is open in another Dossierkluis window.',
      {},
      { cause: error },
    );
  }
  if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
    return new VaultError(
      'VAULT_DAMAGED',
      'The vault database is damaged.',
      { file: 'database' },
      {
        cause: error,
      },
    );
  }
  return undefined;
}

/**
 * One open routine, always in this order (after Signal Desktop's): open → cipher → key →
 * lock → prove the key with a read → WAL → the rest. Each pragma says why it is there.
 */
export function openEncryptedDatabase(
  path: string,
  dataKey: Buffer,
  options: {
    readonly create: boolean;
    /**
     * The 16-byte key salt to use instead of the one in the file's first bytes. Only
     * for settling an interrupted key rotation (db/key-rotation.ts): a rekey killed while
     * writing its commit may have put the new salt on disk, while its rollback journal
     * still needs the old one.
     */
    readonly cipherSalt?: Buffer;
  },
): SqliteDatabase {
  if (dataKey.length !== 32) throw new Error('The data key must be 32 bytes.');
  const db = new Database(path, databaseOptions(options));
  try {
    // SQLCipher 4 page format, so the official SQLCipher library can read the file
    // (https://utelle.github.io/SQLite3MultipleCiphers/docs/ciphers/cipher_sqlcipher/).
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    // Set before the key, as SQLite3 Multiple Ciphers requires (cipher_salt pragma).
    if (options.cipherSalt) db.pragma(`cipher_salt='${options.cipherSalt.toString('hex')}'`);
    // A 64-hex-digit blob literal is SQLCipher's raw key: no passphrase KDF inside
    // SQLite, the data key is already random. The hex string is an immutable JS string
    // we cannot wipe; it lives only for this call.
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    // Hold the file for this process alone: a second window or app instance gets
    // SQLITE_BUSY instead of writing beside us. Set before the first read: a WAL database
    // first read in exclusive mode keeps its index in memory and never makes a
    // `vault.db-shm` file, which on a full disk fails as SQLITE_IOERR_SHMSIZE.
    // https://www.sqlite.org/pragma.html#pragma_locking_mode, https://www.sqlite.org/wal.html#noshm
    db.pragma('locking_mode=EXCLUSIVE');
    // Nothing is read until a query runs: this read is where a wrong key or a damaged
    // first page shows up (SQLITE_NOTADB).
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    // WAL: readers never block the writer, and a crash never leaves a half-written page.
    // https://www.sqlite.org/wal.html
    db.pragma('journal_mode=WAL');
    // FULL syncs the WAL on every commit: a commit that returned survives power loss.
    // https://www.sqlite.org/pragma.html#pragma_synchronous
    db.pragma('synchronous=FULL');
    // Sorts and temp tables stay in memory, never in an unencrypted temp file.
    // https://www.sqlite.org/pragma.html#pragma_temp_store
    db.pragma('temp_store=MEMORY');
    // Freed pages are overwritten, so erased dossiers leave no readable remains.
    // https://www.sqlite.org/pragma.html#pragma_secure_delete
    db.pragma('secure_delete=ON');
    // References between records are enforced by SQLite, not hoped for.
    db.pragma('foreign_keys=ON');
    // 64 MiB of page cache: every page read from disk costs an HMAC-SHA512 check and an
    // AES decrypt, so a dossier read twice is decrypted once (bench/: warm reads then
    // match an unencrypted database). The cache lives in this process only.
    // https://www.sqlite.org/pragma.html#pragma_cache_size
    db.pragma('cache_size=-65536');
    // Take the exclusive lock now rather than at the first write: the second instance is
    // refused at unlock, not later with unsaved work on screen.
    db.exec('BEGIN IMMEDIATE; COMMIT;');
    return db;
  } catch (error) {
    db.close();
    throw openFailure(error) ?? error;
  }
}
