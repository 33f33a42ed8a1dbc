import { VaultError } from '../../../db/errors';
import { type KeyFile, readKeyFile, type SlotSecret, unwrapDataKey } from '../../../db/key-slots';
import { parseRecoveryKey } from '../../../db/recovery-key';
import { vaultPaths } from '../../../db/vault';
import { ApiError } from '../api-error';

export type RestoreSecret = { readonly passphrase: string } | { readonly recoveryKey: string };

/** The data key `secret` unwraps from `keyFile`, or null; the caller wipes it. */
async function opens(keyFile: KeyFile, secret: RestoreSecret): Promise<Buffer | null> {
  const slotSecret: SlotSecret =
    'passphrase' in secret
      ? { kind: 'passphrase', passphrase: secret.passphrase }
      : { kind: 'recovery', secret: parseRecoveryKey(secret.recoveryKey) };
  try {
    for (const slot of keyFile.slots) {
      const dataKey = await unwrapDataKey(keyFile.vaultId, slot, slotSecret);
      if (dataKey) return dataKey;
    }
    return null;
  } finally {
    if (slotSecret.kind === 'recovery') slotSecret.secret.fill(0);
  }
}

/**
 * Replacing the vault that exists now needs what opens it now: its passphrase or recovery
 * key, checked against today's key file, so an old passphrase that still opens an old
 * backup cannot roll the vault back. Only when today's key file is missing or unreadable
 * (the damage a restore repairs) does the backup's own key file stand in; the erasures
 * recorded since are re-applied at the next unlock either way (erasure-ledger.ts).
 *
 * Returns today's data key when today's key file was what the secret opened, so the
 * restore can carry the ledger's key forward (restore-ledger-key.ts); the caller wipes it.
 */
export async function assertMayReplaceVault(
  vaultDir: string,
  secret: RestoreSecret | undefined,
  backupKeyFile: unknown,
): Promise<Buffer | undefined> {
  if (secret === undefined) {
    throw new ApiError('WRONG_SECRET', 'Restoring over a vault needs its passphrase.', {
      reason: 'secret-required',
    });
  }
  let current: KeyFile | undefined;
  try {
    current = readKeyFile(vaultPaths(vaultDir).keys);
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
  }
  let dataKey: Buffer | null;
  if (current) {
    dataKey = await opens(current, secret);
    if (dataKey) return dataKey;
  } else {
    try {
      dataKey = await opens(backupKeyFile as KeyFile, secret);
      dataKey?.fill(0);
    } catch (error) {
      if (error instanceof ApiError || error instanceof VaultError) throw error;
      throw new ApiError('BACKUP_DAMAGED', 'The backup holds no readable key file.');
    }
  }
  if (!dataKey) {
    throw new VaultError(
      'WRONG_SECRET',
      'The passphrase or recovery key does not open this vault.',
    );
  }
  return undefined;
}
