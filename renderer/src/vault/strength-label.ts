import type { PassphraseStrength } from '../../../electron/api';

export type StrengthLevel = 'empty' | 'too-short' | 'too-guessable' | 'accepted';

/** The meter's words come from the policy's verdict alone, so they cannot disagree with it. */
export function strengthLevel(strength: PassphraseStrength | null): StrengthLevel {
  return strength === null ? 'empty' : strength.verdict;
}

/** How full the bar is: never full for a passphrase the vault would refuse. */
export function strengthBar(strength: PassphraseStrength | null): number {
  if (strength === null) return 0;
  if (strength.verdict === 'accepted') return 4;
  if (strength.verdict === 'too-short') return Math.min(strength.score, 1);
  return Math.min(strength.score, 3);
}

export const strengthLabelKey: Readonly<Record<StrengthLevel, string>> = {
  empty: 'vault.strength.empty',
  'too-short': 'vault.strength.tooShort',
  'too-guessable': 'vault.strength.tooGuessable',
  accepted: 'vault.strength.accepted',
};
