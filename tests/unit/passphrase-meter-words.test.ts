import { describe, expect, it } from 'vitest';
import { assertStrongPassphrase, assessPassphrase } from '../../db/passphrase-policy';
import nl from '../../renderer/src/i18n/nl.json';
import {
  strengthBar,
  strengthLabelKey,
  strengthLevel,
} from '../../renderer/src/vault/strength-label';

function refused(passphrase: string): boolean {
  try {
    assertStrongPassphrase(passphrase);
    return false;
  } catch {
    return true;
  }
}

function dutchLabel(key: string): string {
  const text = key.split('.').reduce<unknown>((node, part) => {
    return typeof node === 'object' && node !== null
      ? (node as Record<string, unknown>)[part]
      : undefined;
  }, nl);
  if (typeof text !== 'string') throw new Error(`no Dutch text for ${key}`);
  return text;
}

const samples = [
  'wachtwoord wachtwoord',
  'Welkom12345!',
  'Wachtwoord2024!',
  'kort',
  'aaaaaaaaaaaa',
  'zomervakantie',
  'paard batterij nietje correct',
  'de reiger wacht geduldig bij het koude water',
];

describe('the strength meter words the policy decision', () => {
  it.each(samples)('"%s": the words and the bar match what the vault does', (passphrase) => {
    const strength = assessPassphrase(passphrase);
    const level = strengthLevel(strength);
    const label = dutchLabel(strengthLabelKey[level]);
    if (refused(passphrase)) {
      expect(level).not.toBe('accepted');
      expect(label).toMatch(/^te /);
      expect(strengthBar(strength)).toBeLessThanOrEqual(1);
    } else {
      expect(level).toBe('accepted');
      expect(label).toBe('sterk genoeg');
      expect(strengthBar(strength)).toBe(4);
    }
  });

  it('never calls the refused "wachtwoord wachtwoord" almost good', () => {
    const label = dutchLabel(
      strengthLabelKey[strengthLevel(assessPassphrase('wachtwoord wachtwoord'))],
    );
    expect(refused('wachtwoord wachtwoord')).toBe(true);
    expect(label).not.toMatch(/goed|sterk/);
  });
});
