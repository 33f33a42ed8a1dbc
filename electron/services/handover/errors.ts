/**
 * The failures of handover and continuity work, each a code the UI translates
 * (`errors.<CODE>`) with non-confidential detail: which share, which group, which limit.
 * A message never names a client, a file inside a bundle, or a path the coach did not choose.
 */
export const handoverErrorCodes = [
  /** The vault's handover key, the passphrase or the shares do not open this bundle. */
  'BUNDLE_WRONG_KEY',
  /** Not an age file, a changed or truncated byte, an unreadable zip or manifest. */
  'BUNDLE_DAMAGED',
  /** Not a Dossierkluis bundle, or a format version this app does not read. */
  'BUNDLE_UNSUPPORTED',
  /** Entries with absolute paths, `..`, backslashes, duplicates or outside the layout. */
  'BUNDLE_UNSAFE',
  /** A file differs from the manifest (hash or size), is missing, or is not listed. */
  'BUNDLE_MISMATCH',
  /** A typed share fails its checks; detail names the share and the group. */
  'SHARE_INVALID',
  /** Fewer shares than the kit needs. */
  'SHARES_INSUFFICIENT',
  /** The shares belong to different kits or do not rebuild the kit's key. */
  'SHARES_MISMATCH',
  /** Continuity work asked for before the plan, kit or folder exists. */
  'CONTINUITY_NOT_READY',
  /** The coach cancelled the work (or the vault locked during it). */
  'CANCELLED',
  /** The chosen folder or file cannot be written (missing, read-only, removed mid-way). */
  'TARGET_UNAVAILABLE',
  /** A passphrase bundle whose header asks for more scrypt work than the app writes. */
  'KDF_TOO_COSTLY',
] as const;

export type HandoverErrorCode = (typeof handoverErrorCodes)[number];

/** Codes the handover services share with the rest of the contract. */
export type SharedErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LOCKED'
  | 'TOO_LARGE'
  | 'WEAK_PASSPHRASE'
  | 'DISK_FULL'
  | 'INTERNAL';

export type HandoverFailureCode = HandoverErrorCode | SharedErrorCode;

export type FailureDetail = Record<string, string | number>;

export class HandoverError extends Error {
  override readonly name = 'HandoverError';
  constructor(
    readonly code: HandoverFailureCode,
    message: string,
    readonly detail: FailureDetail = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isHandoverError(
  error: unknown,
  code?: HandoverFailureCode,
): error is HandoverError {
  return error instanceof HandoverError && (code === undefined || error.code === code);
}

/** What a finished job reports when it failed: the code and safe detail, never a message. */
export interface JobFailure {
  code: HandoverFailureCode;
  detail: FailureDetail;
}
