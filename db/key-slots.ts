import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
  type ScryptOptions,
  scrypt as scryptCallback,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { VaultError } from './errors';

/**
 * The key file holds the vault's data key only in wrapped form, once per way in
 * (a passphrase, the recovery key). Changing the passphrase rewraps the same data key,
 * so the database is not re-encrypted (the separation Signal Desktop and password
 * managers use between what the user knows and what encrypts). When a secret may be
 * known, key rotation (key-rotation.ts) replaces the data key itself.
 *
 * Wrapping is AES-256-GCM from node:crypto (OpenSSL). The associated data binds each
 * wrapped key to its vault id, slot id and KDF parameters, so a slot copied from another
 * vault or with edited parameters fails to open instead of being used.
 */

export const KEY_FILE_FORMAT = 'dossierkluis-keys';
export const KEY_FILE_VERSION = 1;
export const DATA_KEY_BYTES = 32;

/**
 * scrypt, not Argon2id: node:crypto ships scrypt from OpenSSL and runs it on libuv's
 * thread pool, so unlocking never blocks the main process and needs no WASM or native
 * addon. N = 2^17, r = 8 uses 128 MiB and takes about 0.4 s on the 2-core reference
 * machine (see bench/); parameters live in the slot so they can be raised later.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * The most scrypt work a slot may ask for: exactly what this app writes. A key file can
 * come from elsewhere (a backup folder on a USB stick), and N = 2^22 with r = 32 would
 * make an unlock allocate gigabytes for minutes; such a slot is refused before deriving.
 * Raising DEFAULT_SCRYPT raises this cap with it.
 */
export const MAX_SCRYPT: ScryptParams = DEFAULT_SCRYPT;

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const scryptKdf = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 22)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: base64,
});

// The recovery key already carries 128 random bits: stretching adds nothing, HKDF only
// separates it from other uses.
const hkdfKdf = z.object({ name: z.literal('hkdf-sha256'), salt: base64 });

const slotSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  kind: z.enum(['passphrase', 'recovery']),
  kdf: z.discriminatedUnion('name', [scryptKdf, hkdfKdf]),
  nonce: base64,
  wrappedKey: base64,
  createdAt: z.string(),
});

/**
 * Audit entries a locked vault could not write yet: a reset by recovery key, a key
 * rotation a crash interrupted and the next open finished or undid.
 */
export const pendingAuditActions = [
  'vault.passphrase-reset',
  'vault.keys-rotation-finished',
  'vault.keys-rotation-undone',
] as const;
const pendingAuditSchema = z.object({
  action: z.enum(pendingAuditActions),
  at: z.string().datetime(),
});

const keyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  version: z.number().int().min(1),
  vaultId: z.string().uuid(),
  /**
   * Names the data key the slots wrap; a new one at every rotation, so a restore can tell
   * whether today's key file still fits an older database. Absent in never-rotated vaults.
   */
  dataKeyId: z.string().uuid().optional(),
  slots: z.array(slotSchema).min(1),
  pendingAudit: z.array(pendingAuditSchema).max(100).optional(),
});

export type KeySlot = z.infer<typeof slotSchema>;
export const keySlotSchema = slotSchema;
export type KeyFile = z.infer<typeof keyFileSchema>;
export type SlotKind = KeySlot['kind'];

export type SlotSecret =
  | { readonly kind: 'passphrase'; readonly passphrase: string }
  | { readonly kind: 'recovery'; readonly secret: Buffer };

function scrypt(password: Buffer, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // OpenSSL refuses anything above maxmem; 128·N·r plus headroom.
    maxmem: 128 * params.N * params.r * params.p + 32 * 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, 32, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Refuses scrypt parameters above what the app writes, before any memory is spent. */
export function assertScryptWithinCap(params: ScryptParams): void {
  if (params.N > MAX_SCRYPT.N || params.r > MAX_SCRYPT.r || params.p > MAX_SCRYPT.p) {
    throw new VaultError(
      'KDF_TOO_COSTLY',
      'The key file asks for more key derivation work than Dossierkluis uses.',
      { file: 'keys' },
    );
  }
}

async function slotKey(slot: Pick<KeySlot, 'kdf'>, secret: SlotSecret): Promise<Buffer> {
  const salt = Buffer.from(slot.kdf.salt, 'base64');
  if (slot.kdf.name === 'scrypt' && secret.kind === 'passphrase') {
    assertScryptWithinCap(slot.kdf);
    // NFC so the same passphrase typed on macOS and Windows (é composed or not) matches.
    const password = Buffer.from(secret.passphrase.normalize('NFC'), 'utf8');
    try {
      return await scrypt(password, salt, slot.kdf);
    } finally {
      password.fill(0);
    }
  }
  if (slot.kdf.name === 'hkdf-sha256' && secret.kind === 'recovery') {
    return Buffer.from(
      hkdfSync('sha256', secret.secret, salt, 'dossierkluis recovery slot v1', 32),
    );
  }
  throw new VaultError('VAULT_DAMAGED', 'Key slot does not match its kind.', { file: 'keys' });
}

function associatedData(vaultId: string, slot: Pick<KeySlot, 'id' | 'kind' | 'kdf'>): Buffer {
  return Buffer.from(
    JSON.stringify([KEY_FILE_FORMAT, vaultId, slot.id, slot.kind, slot.kdf]),
    'utf8',
  );
}

export async function wrapDataKey(
  vaultId: string,
  id: string,
  dataKey: Buffer,
  secret: SlotSecret,
  scryptParams: ScryptParams = DEFAULT_SCRYPT,
): Promise<KeySlot> {
  const salt = randomBytes(16).toString('base64');
  const kdf: KeySlot['kdf'] =
    secret.kind === 'passphrase'
      ? { name: 'scrypt', ...scryptParams, salt }
      : { name: 'hkdf-sha256', salt };
  const header = { id, kind: secret.kind, kdf } as const;
  const key = await slotKey(header, secret);
  const nonce = randomBytes(12);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(associatedData(vaultId, header));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return {
      ...header,
      nonce: nonce.toString('base64'),
      wrappedKey: wrapped.toString('base64'),
      createdAt: new Date().toISOString(),
    };
  } finally {
    key.fill(0);
  }
}

/** Returns the data key, or null when the secret does not open this slot. */
export async function unwrapDataKey(
  vaultId: string,
  slot: KeySlot,
  secret: SlotSecret,
): Promise<Buffer | null> {
  if (slot.kind !== secret.kind) return null;
  const key = await slotKey(slot, secret);
  try {
    const wrapped = Buffer.from(slot.wrappedKey, 'base64');
    if (wrapped.length !== DATA_KEY_BYTES + 16) {
      throw new VaultError('VAULT_DAMAGED', 'Key slot has the wrong size.', { file: 'keys' });
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(slot.nonce, 'base64'));
    decipher.setAAD(associatedData(vaultId, slot));
    decipher.setAuthTag(wrapped.subarray(DATA_KEY_BYTES));
    try {
      return Buffer.concat([
        decipher.update(wrapped.subarray(0, DATA_KEY_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // GCM cannot tell a wrong secret from a tampered slot; both must not open.
      return null;
    }
  } finally {
    key.fill(0);
  }
}

/** The data key from the first slot of the secret's kind that it opens. */
export async function unlockDataKey(keyFile: KeyFile, secret: SlotSecret): Promise<Buffer> {
  for (const slot of keyFile.slots) {
    if (slot.kind !== secret.kind) continue;
    const dataKey = await unwrapDataKey(keyFile.vaultId, slot, secret);
    if (dataKey) return dataKey;
  }
  throw new VaultError('WRONG_SECRET', 'The passphrase or recovery key does not open this vault.');
}

/** The key file with one more audit entry to write at the next unlock. */
export function withPendingAudit(
  keyFile: KeyFile,
  action: (typeof pendingAuditActions)[number],
): KeyFile {
  return {
    ...keyFile,
    pendingAudit: [
      ...(keyFile.pendingAudit ?? []).slice(-99),
      { action, at: new Date().toISOString() },
    ],
  };
}

/** Parses key-file JSON; the same checks whether it came from disk or a backup's metadata. */
export function parseKeyFile(parsed: unknown): KeyFile {
  const result = keyFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new VaultError('VAULT_DAMAGED', 'The key file is damaged.', { file: 'keys' });
  }
  if (result.data.version > KEY_FILE_VERSION) {
    throw new VaultError('VAULT_TOO_NEW', 'The key file was written by a newer Dossierkluis.', {
      file: 'keys',
    });
  }
  return result.data;
}

export function readKeyFile(path: string): KeyFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new VaultError('VAULT_DAMAGED', 'The key file is missing.', { file: 'keys' });
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VaultError('VAULT_DAMAGED', 'The key file is not readable.', { file: 'keys' });
  }
  return parseKeyFile(parsed);
}

export function writeKeyFile(path: string, keyFile: KeyFile): void {
  writeFileAtomic(path, `${JSON.stringify(keyFile, null, 2)}\n`);
}
