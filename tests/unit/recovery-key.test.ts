import { describe, expect, it } from 'vitest';
import { isVaultError } from '../../db/errors';
import { generateRecoveryKey, parseRecoveryKey } from '../../db/recovery-key';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function reasonOf(input: string): string | undefined {
  try {
    parseRecoveryKey(input);
    return undefined;
  } catch (error) {
    return isVaultError(error, 'RECOVERY_KEY_INVALID')
      ? String(error.detail.reason)
      : 'other error';
  }
}

describe('recovery key', () => {
  it('round-trips 128 random bits through its written form', () => {
    for (let i = 0; i < 50; i += 1) {
      const key = generateRecoveryKey();
      expect(key.secret).toHaveLength(16);
      expect(key.text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(parseRecoveryKey(key.text).equals(key.secret)).toBe(true);
    }
  });

  it('reads O as 0 and I or L as 1, ignores case, spaces and dashes', () => {
    const key = generateRecoveryKey();
    const sloppy = key.text
      .replaceAll('0', 'o')
      .replaceAll('1', 'l')
      .replaceAll('-', ' ')
      .toLowerCase();
    expect(parseRecoveryKey(`  ${sloppy} `).equals(key.secret)).toBe(true);
  });

  it('catches every single wrong symbol at every position', () => {
    for (let trial = 0; trial < 5; trial += 1) {
      const symbols = generateRecoveryKey().text.replaceAll('-', '');
      for (let position = 0; position < symbols.length; position += 1) {
        for (const replacement of ALPHABET) {
          if (replacement === symbols[position]) continue;
          const typo = symbols.slice(0, position) + replacement + symbols.slice(position + 1);
          expect(reasonOf(typo), `${symbols} @${position}→${replacement}`).toBe('checksum');
        }
      }
    }
  });

  it('catches every swap of two different neighbours', () => {
    for (let trial = 0; trial < 20; trial += 1) {
      const symbols = generateRecoveryKey().text.replaceAll('-', '');
      for (let position = 0; position + 1 < symbols.length; position += 1) {
        const a = symbols.charAt(position);
        const b = symbols.charAt(position + 1);
        if (a === b) continue;
        const swapped = symbols.slice(0, position) + b + a + symbols.slice(position + 2);
        expect(reasonOf(swapped)).toBe('checksum');
      }
    }
  });

  it('names a wrong length and foreign characters', () => {
    const text = generateRecoveryKey().text;
    expect(reasonOf(text.slice(0, -1))).toBe('length');
    expect(reasonOf(`${text}A`)).toBe('length');
    expect(reasonOf(`U${text.slice(1)}`)).toBe('characters');
    expect(reasonOf('')).toBe('length');
  });
});
