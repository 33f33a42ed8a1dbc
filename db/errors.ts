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

/** SQLite reports a full disk as SQLITE_FULL; the OS as ENOSPC (or EDQUOT on quotas). */
export function isDiskFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
