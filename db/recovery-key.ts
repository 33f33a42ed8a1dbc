import { randomBytes } from 'node:crypto';
import { base32crockford } from '@scure/base';
import { VaultError } from './errors';

/**
 * The recovery key a coach writes on paper: 128 random bits in Crockford base32 (no
 * I, L, O or U, so handwriting cannot be misread) plus two check characters, shown as
 * seven groups of four: `7K3M-Q9XZ-...`.
 *
 * Check value: sum of (symbol value × position) mod 1021. Any single wrong symbol
 * changes the sum by at most 31 × 26 < 1021, and swapping two neighbours changes it by
 * their difference, so both typos are always caught (a hash would miss 1 in 1024).
 */
const SECRET_BYTES = 16;
const DATA_SYMBOLS = 26; // ceil(128 / 5)
const CHECK_SYMBOLS = 2;
const CHECK_MODULUS = 1021;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface RecoveryKey {
  /** The secret bytes that derive the slot key. */
  readonly secret: Buffer;
  /** Display form, grouped, with check characters. */
  readonly text: string;
}

function checkValue(symbols: string): number {
  let sum = 0;
  for (let i = 0; i < symbols.length; i += 1) {
    sum += ALPHABET.indexOf(symbols.charAt(i)) * (i + 1);
  }
  return sum % CHECK_MODULUS;
}

function checkSymbols(symbols: string): string {
  const value = checkValue(symbols);
  return ALPHABET.charAt(value >> 5) + ALPHABET.charAt(value & 31);
}

function group(symbols: string): string {
  return symbols.match(/.{1,4}/g)?.join('-') ?? symbols;
}

export function generateRecoveryKey(): RecoveryKey {
  const secret = randomBytes(SECRET_BYTES);
  const data = base32crockford.encode(secret);
  return { secret, text: group(data + checkSymbols(data)) };
}

function invalid(reason: 'length' | 'characters' | 'checksum'): VaultError {
  return new VaultError('RECOVERY_KEY_INVALID', `Recovery key is not valid (${reason}).`, {
    reason,
  });
}

/**
 * Reads what the coach typed: case, spaces and dashes do not matter, and the letters
 * people confuse with digits (O, I, L) are read as the digits, as Crockford intends.
 */
export function parseRecoveryKey(input: string): Buffer {
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (symbols.length !== DATA_SYMBOLS + CHECK_SYMBOLS) throw invalid('length');
  if (![...symbols].every((c) => ALPHABET.includes(c))) throw invalid('characters');
  const data = symbols.slice(0, DATA_SYMBOLS);
  if (symbols.slice(DATA_SYMBOLS) !== checkSymbols(data)) throw invalid('checksum');
  try {
    return Buffer.from(base32crockford.decode(data));
  } catch {
    // Only the unused low bits of the last symbol can make decoding fail here.
    throw invalid('checksum');
  }
}
