import type { PassphraseStrength } from '../../../electron/api';

export type StrengthLevel = 'empty' | 'too-short' | 'too-guessable' | 'accepted';

/** The meter's words come from the policy's verdict alone, so they cannot disagree with it. */
export function strengthLevel(strength: PassphraseStrength | null): StrengthLevel {
  return strength === null ? 'empty' : strength.verdict;
}

/**
 * How full the bar is, from the policy's verdict: a passphrase the vault refuses fills one
 * red segment whatever zxcvbn's score (three of four bars read as "nearly there" to a coach
 * for "Welkom12345!", which the vault refuses); an accepted one fills the scale by its score.
 */
export function strengthBar(strength: PassphraseStrength | null): number {
  if (strength === null) return 0;
  if (strength.verdict !== 'accepted') return 1;
  return Math.max(2, Math.min(strength.score, 4));
}

export const strengthLabelKey: Readonly<Record<StrengthLevel, string>> = {
  empty: 'vault.strength.empty',
  'too-short': 'vault.strength.tooShort',
  'too-guessable': 'vault.strength.tooGuessable',
  accepted: 'vault.strength.accepted',
};
