import { statfsSync } from 'node:fs';

/**
 * Errors the vault layer raises. Every code maps to a translated message key
 * (`errors.<CODE>`), and no message ever carries client data, secrets or paths
 * beyond the vault folder the user chose.
 */
export const vaultErrorCodes = [
  'WRONG_SECRET',
  'RECOVERY_KEY_INVALID',
  'WEAK_PASSPHRASE',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_DAMAGED',
  'VAULT_TOO_NEW',
  'VAULT_IN_USE',
  'VAULT_LOCKED',
  'DISK_FULL',
  /** A key file asks for more KDF work than Dossierkluis ever writes (see MAX_SCRYPT). */
  'KDF_TOO_COSTLY',
] as const;

export type VaultErrorCode = (typeof vaultErrorCodes)[number];

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;
  /** Non-confidential facts for the UI and logs (e.g. which file is damaged). */
  readonly detail: Readonly<Record<string, string | number>>;

  constructor(
    code: VaultErrorCode,
    message: string,
    detail: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.detail = detail;
  }
}

export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
  return error instanceof VaultError && (code === undefined || error.code === code);
}

/**
 * Every way a full disk shows itself: SQLite's SQLITE_FULL, the shared-memory file that
 * could not grow (SQLITE_IOERR_SHMSIZE), the OS's ENOSPC (EDQUOT on a quota), also when
 * wrapped as another error's cause. A SQLite write error without a reason (its
 * SQLITE_IOERR_WRITE carries no errno) counts only when `dir`'s disk is nearly full.
 */
export function isDiskFull(error: unknown, dir?: string): boolean {
  for (let seen = error, depth = 0; depth < 5; depth += 1) {
    if (typeof seen !== 'object' || seen === null) return false;
    const code = (seen as { code?: unknown }).code;
    if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
    if (dir !== undefined && typeof code === 'string' && WRITE_FAILURES.has(code)) {
      return nearlyFull(dir);
    }
    seen = (seen as { cause?: unknown }).cause;
  }
  return false;
}

const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC', 'EDQUOT']);
const WRITE_FAILURES = new Set([
  'SQLITE_IOERR_WRITE',
  'SQLITE_IOERR_FSYNC',
  'SQLITE_IOERR_TRUNCATE',
  'SQLITE_IOERR_SHMMAP',
]);
/** Below this, a write that failed for no stated reason failed for want of room. */
const NEARLY_FULL_BYTES = 1024 * 1024;

function nearlyFull(dir: string): boolean {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}
