import { generateKeyPairSync } from 'node:crypto';
import { bech32 } from '@scure/base';
import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';
import { HandoverError } from './errors';

/**
 * age X25519 keys in their text forms (https://age-encryption.org/v1): the identity is
 * the 32-byte secret scalar as bech32 with prefix AGE-SECRET-KEY- (upper case), the
 * recipient the 32-byte public point as bech32 with prefix age. The key pair itself
 * comes from node:crypto (OpenSSL); this module only encodes it, synchronously, so a
 * data call of the dispatcher can make one.
 */

const IDENTITY_PREFIX = 'AGE-SECRET-KEY-';
const RECIPIENT_PREFIX = 'age';
const RECIPIENT_PATTERN = /\bage1[02-9ac-hj-np-z]{58}\b/;

export interface X25519KeyPair {
  /** AGE-SECRET-KEY-1…: the secret; never leaves the process except into the vault. */
  readonly identity: string;
  /** age1…: public; safe to show, print and hand out. */
  readonly recipient: string;
}

export function newX25519KeyPair(): X25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const secret = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const point = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  try {
    if (secret.length !== 32 || point.length !== 32) throw new Error('unexpected X25519 key size');
    return {
      identity: bech32.encodeFromBytes(IDENTITY_PREFIX, secret).toUpperCase(),
      recipient: bech32.encodeFromBytes(RECIPIENT_PREFIX, point),
    };
  } finally {
    secret.fill(0);
  }
}

/** The 32 secret bytes of an identity (for splitting into shares). The caller wipes them. */
export function identitySecret(identity: string): Uint8Array {
  const decoded = bech32.decodeToBytes(identity.toLowerCase() as `${string}1${string}`);
  if (decoded.prefix !== IDENTITY_PREFIX.toLowerCase() || decoded.bytes.length !== 32) {
    throw new Error('not an age X25519 identity');
  }
  return decoded.bytes;
}

export function identityFromSecret(secret: Uint8Array): string {
  if (secret.length !== 32) throw new Error('an X25519 secret is 32 bytes');
  return bech32.encodeFromBytes(IDENTITY_PREFIX, secret).toUpperCase();
}

/**
 * Reads a recipient the coach pasted or loaded from the successor's key file: the first
 * `age1…` token in the text, with its bech32 checksum verified. Only X25519 recipients.
 */
export function parseRecipient(text: string): string {
  const match = RECIPIENT_PATTERN.exec(text.trim().toLowerCase());
  if (!match) {
    throw new HandoverError('VALIDATION', 'No age recipient in the text.', { field: 'recipient' });
  }
  const candidate = match[0];
  try {
    const decoded = bech32.decodeToBytes(candidate as `${string}1${string}`);
    if (decoded.prefix !== RECIPIENT_PREFIX || decoded.bytes.length !== 32) throw new Error();
  } catch {
    throw new HandoverError('VALIDATION', 'The age recipient has a bad checksum.', {
      field: 'recipient',
    });
  }
  return candidate;
}

export interface HandoverKeyInfo {
  recipient: string;
  createdAt: string;
}

/** The vault's handover key pair, made on first use (DESIGN.md, 'Continuity'). */
export function handoverKey(
  db: SqliteDatabase,
  now: Date,
  onCreate?: () => void,
): HandoverKeyInfo & { identity: string } {
  const row = prepared(db, 'SELECT identity, recipient, created_at FROM handover_keys').get() as
    | { identity: string; recipient: string; created_at: string }
    | undefined;
  if (row) return { identity: row.identity, recipient: row.recipient, createdAt: row.created_at };
  const pair = newX25519KeyPair();
  const createdAt = now.toISOString();
  prepared(
    db,
    'INSERT INTO handover_keys (id, identity, recipient, created_at) VALUES (1, ?, ?, ?)',
  ).run(pair.identity, pair.recipient, createdAt);
  onCreate?.();
  return { ...pair, createdAt };
}

/** The small text file a coach gives a predecessor, so they can hand over to this vault. */
export function recipientFileText(info: HandoverKeyInfo, practice: string): string {
  return [
    '# Dossierkluis — overdrachtssleutel (openbaar) / handover key (public)',
    `# Praktijk / practice: ${practice || '-'}`,
    `# Aangemaakt / created: ${info.createdAt}`,
    '#',
    '# Geef dit bestand aan wie dossiers aan u overdraagt. Die kiest in Dossierkluis',
    '# Praktijk › Overdracht › Dossiers overdragen en plakt de laatste regel hieronder bij',
    '# ‘Overdrachtssleutel’. Dit is geen geheim: alleen de kluis van deze praktijk kan',
    '# een bundel voor deze sleutel openen.',
    '#',
    '# Give this file to whoever hands client files over to you. They choose',
    '# Practice › Handover › Hand dossiers over in Dossierkluis and paste the last line',
    '# below as ‘Handover key’. It is not a secret.',
    '#',
    '# Technische details / technical details: age -R <dit bestand / this file>.',
    info.recipient,
    '',
  ].join('\n');
}
