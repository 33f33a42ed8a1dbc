import { createHash } from 'node:crypto';
import { base32crockford } from '@scure/base';
import { HandoverError } from '../handover/errors';

/**
 * How a Shamir share of the continuity key is printed on a keeper's page and typed back
 * in by hand, years later, by someone under stress.
 *
 * Payload (42 bytes): version 1 · kit id (5) · k · n · keeper number · share (33: the 32
 * y-bytes and the x-coordinate, as `shamir-secret-sharing` makes them). In Crockford
 * base32 (no I, L, O, U) that is 68 symbols; two more carry a check value over the whole
 * share (sum of symbol × position mod 1021, as db/recovery-key.ts: every single wrong
 * symbol and every swap of neighbours is caught). The 70 symbols are printed as 14
 * groups of 5, each followed by its own check symbol, 6 characters a group:
 *
 *     group check = α¹·v₀ ⊕ α²·v₁ ⊕ α³·v₂ ⊕ α⁴·v₃ ⊕ α⁵·v₄ ⊕ (group number)
 *
 * over GF(32) (x⁵ + x² + 1, α = x): a wrong symbol changes the check by αⁱ·e ≠ 0 and two
 * swapped neighbours by αⁱ(1 ⊕ α)(a ⊕ b) ≠ 0, so both are always caught AND located in
 * their group; the group number makes a group typed in the wrong place fail too. What a
 * group check misses (two errors in one group, 1 in 32) the share check catches, and the
 * rebuilt key is finally checked against the kit id and the bundle's own MAC.
 */

export const SHARE_FORMAT_VERSION = 1;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PAYLOAD_BYTES = 42;
const DATA_SYMBOLS = 68; // ceil(42 * 8 / 5)
const SHARE_CHECK_SYMBOLS = 2;
const SHARE_CHECK_MODULUS = 1021;
const GROUP_DATA = 5;
export const SHARE_GROUPS = (DATA_SYMBOLS + SHARE_CHECK_SYMBOLS) / GROUP_DATA; // 14
const GROUP_LENGTH = GROUP_DATA + 1;
export const SHARE_TEXT_SYMBOLS = SHARE_GROUPS * GROUP_LENGTH; // 84
export const MAX_SHARES = 10;
const KIT_ID_BYTES = 5;
const SECRET_SHARE_BYTES = 33;

export interface ShareFields {
  /** 8 Crockford symbols, printed on every page of the kit; derived from the public key. */
  readonly kitId: string;
  readonly threshold: number;
  readonly count: number;
  /** The keeper's number, 1..count, printed on the page. */
  readonly number: number;
  /** The raw share as shamir-secret-sharing made it. */
  readonly share: Uint8Array;
}

export type ShareProblem =
  | 'empty'
  | 'characters'
  | 'length'
  | 'group-checksum'
  | 'checksum'
  | 'version'
  | 'fields';

export type ShareCheck =
  | {
      ok: true;
      kitId: string;
      threshold: number;
      count: number;
      number: number;
    }
  | {
      ok: false;
      problem: ShareProblem;
      /** 1-based group to look at, when the problem can be located. */
      group?: number;
      /** Every group whose check fails, 1-based. */
      badGroups?: number[];
    };

// GF(32) with the primitive polynomial x^5 + x^2 + 1.
function gfMul(a: number, b: number): number {
  let product = 0;
  let x = a;
  let y = b;
  while (y > 0) {
    if (y & 1) product ^= x;
    y >>= 1;
    x <<= 1;
    if (x & 32) x ^= 0b100101;
  }
  return product;
}

const WEIGHTS = [2, 4, 8, 16, 5]; // α^1 … α^5

function groupCheck(values: readonly number[], groupIndex: number): number {
  let check = (groupIndex + 1) & 31;
  values.forEach((value, i) => {
    check ^= gfMul(WEIGHTS[i] ?? 1, value);
  });
  return check;
}

function shareCheckValue(symbols: string): number {
  let sum = 0;
  for (let i = 0; i < symbols.length; i += 1) {
    sum += ALPHABET.indexOf(symbols.charAt(i)) * (i + 1);
  }
  return sum % SHARE_CHECK_MODULUS;
}

function shareCheckSymbols(symbols: string): string {
  const value = shareCheckValue(symbols);
  return ALPHABET.charAt(value >> 5) + ALPHABET.charAt(value & 31);
}

/** The kit id: a short fingerprint of the continuity recipient (public), so every page names its kit. */
export function kitIdOf(recipient: string): string {
  const digest = createHash('sha256')
    .update(`dossierkluis continuity kit v1\n${recipient}`)
    .digest()
    .subarray(0, KIT_ID_BYTES);
  return base32crockford.encode(digest);
}

/** The printed form: 14 groups of 6 characters. */
export function encodeShare(fields: ShareFields): { text: string; groups: string[] } {
  if (fields.share.length !== SECRET_SHARE_BYTES) throw new Error('unexpected share size');
  const kitBytes = base32crockford.decode(fields.kitId);
  const payload = new Uint8Array(PAYLOAD_BYTES);
  payload[0] = SHARE_FORMAT_VERSION;
  payload.set(kitBytes, 1);
  payload[6] = fields.threshold;
  payload[7] = fields.count;
  payload[8] = fields.number;
  payload.set(fields.share, 9);
  const data = base32crockford.encode(payload);
  payload.fill(0);
  const content = data + shareCheckSymbols(data);
  const groups: string[] = [];
  for (let g = 0; g < SHARE_GROUPS; g += 1) {
    const part = content.slice(g * GROUP_DATA, (g + 1) * GROUP_DATA);
    const check = groupCheck(
      [...part].map((c) => ALPHABET.indexOf(c)),
      g,
    );
    groups.push(part + ALPHABET.charAt(check));
  }
  return { text: groups.join('-'), groups };
}

/**
 * What the coach typed, read generously: case, spaces, dashes and dots do not matter,
 * and O, I and L are read as 0, 1 and 1 (Crockford's rule for handwriting).
 */
export function normaliseShare(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-._·]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

type Decoded = { ok: true; fields: ShareFields } | Extract<ShareCheck, { ok: false }>;

function decode(input: string): Decoded {
  const symbols = normaliseShare(input);
  if (symbols.length === 0) return { ok: false, problem: 'empty' };
  const wrongAt = [...symbols].findIndex((c) => !ALPHABET.includes(c));
  if (wrongAt >= 0) {
    return { ok: false, problem: 'characters', group: Math.floor(wrongAt / GROUP_LENGTH) + 1 };
  }
  const badGroups: number[] = [];
  const complete = Math.min(SHARE_GROUPS, Math.floor(symbols.length / GROUP_LENGTH));
  for (let g = 0; g < complete; g += 1) {
    const group = symbols.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH);
    const values = [...group].map((c) => ALPHABET.indexOf(c));
    if (groupCheck(values.slice(0, GROUP_DATA), g) !== values[GROUP_DATA]) badGroups.push(g + 1);
  }
  if (symbols.length !== SHARE_TEXT_SYMBOLS) {
    // A dropped or doubled character shifts everything after it: the first failing group
    // is where to look; with none, the text simply stops short or runs on.
    const group = badGroups[0] ?? Math.min(SHARE_GROUPS, complete + 1);
    return { ok: false, problem: 'length', group, badGroups };
  }
  if (badGroups.length > 0) {
    return { ok: false, problem: 'group-checksum', group: badGroups[0] ?? 1, badGroups };
  }
  let content = '';
  for (let g = 0; g < SHARE_GROUPS; g += 1) {
    content += symbols.slice(g * GROUP_LENGTH, g * GROUP_LENGTH + GROUP_DATA);
  }
  const data = content.slice(0, DATA_SYMBOLS);
  if (content.slice(DATA_SYMBOLS) !== shareCheckSymbols(data)) {
    return { ok: false, problem: 'checksum' };
  }
  let payload: Uint8Array;
  try {
    payload = base32crockford.decode(data);
  } catch {
    // Only the unused low bits of the last symbol can make decoding fail here.
    return { ok: false, problem: 'checksum' };
  }
  if (payload.length !== PAYLOAD_BYTES) return { ok: false, problem: 'checksum' };
  if (payload[0] !== SHARE_FORMAT_VERSION) return { ok: false, problem: 'version' };
  const threshold = payload[6] ?? 0;
  const count = payload[7] ?? 0;
  const number = payload[8] ?? 0;
  if (threshold < 2 || count < threshold || count > MAX_SHARES || number < 1 || number > count) {
    return { ok: false, problem: 'fields' };
  }
  const fields: ShareFields = {
    kitId: base32crockford.encode(payload.subarray(1, 1 + KIT_ID_BYTES)),
    threshold,
    count,
    number,
    share: payload.slice(9),
  };
  payload.fill(0);
  return { ok: true, fields };
}

/** Live feedback while a share is typed: never throws, names the group to look at. */
export function checkShare(input: string): ShareCheck {
  const decoded = decode(input);
  if (!decoded.ok) return decoded;
  const { kitId, threshold, count, number, share } = decoded.fields;
  share.fill(0);
  return { ok: true, kitId, threshold, count, number };
}

/** Reads the share typed as the `index`-th (1-based); the error names that share and the group. */
export function parseShare(input: string, index: number): ShareFields {
  const decoded = decode(input);
  if (decoded.ok) return decoded.fields;
  throw new HandoverError('SHARE_INVALID', `Share ${index} is not valid (${decoded.problem}).`, {
    share: index,
    reason: decoded.problem,
    ...(decoded.group !== undefined ? { group: decoded.group } : {}),
    ...(decoded.badGroups && decoded.badGroups.length > 0
      ? { badGroups: decoded.badGroups.join(',') }
      : {}),
  });
}
