import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nl from '@zxcvbn-ts/language-nl-be';
import { VaultError } from './errors';

/**
 * A passphrase is the only thing between a stolen laptop and every client's story, and
 * the KDF only multiplies the attacker's cost per guess. So we ask for a length floor
 * and zxcvbn's top score (an estimated 10^10 guesses or more, against Dutch and English
 * dictionaries): "Welkom12345!" scores 3 and is refused, a sentence of five ordinary
 * words passes. Length alone would let "aaaaaaaaaaaa" through.
 */
export const MIN_PASSPHRASE_LENGTH = 10;
export const MIN_PASSPHRASE_SCORE = 4;

// The language packs name their lists alike (commonWords, lastnames...); prefix them so
// one language does not silently replace the other's.
function prefixed(prefix: string, lists: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(lists).map(([name, list]) => [`${prefix}-${name}`, list]),
  );
}

// Words Dutch users build passwords from that the language packs rank too low or miss;
// without them "Wachtwoord2024!" scores as safe.
const dutchPasswordWords = [
  'welkom',
  'wachtwoord',
  'geheim',
  'hallo',
  'zomer',
  'winter',
  'lente',
  'herfst',
  'voorjaar',
  'najaar',
  'zomervakantie',
  'vakantie',
  'maandag',
  'dinsdag',
  'woensdag',
  'donderdag',
  'vrijdag',
  'zaterdag',
  'zondag',
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
  'voetbal',
  'ajax',
  'feyenoord',
  'psv',
  'oranje',
  'holland',
  'nederland',
  'amsterdam',
  'rotterdam',
  'utrecht',
  'denhaag',
  'eindhoven',
  'groningen',
  'schatje',
  'liefje',
  'lieverd',
  'prinses',
  'kanjer',
  'coach',
  'coaching',
  'praktijk',
  'dossier',
  'kluis',
  'dossierkluis',
  'cliënt',
  'client',
  'totalbalance',
];

const zxcvbn = new ZxcvbnFactory({
  dictionary: {
    ...common.dictionary,
    'nl-passwords': dutchPasswordWords,
    ...prefixed('en', en.dictionary),
    ...prefixed('nl', nl.dictionary),
  } as typeof common.dictionary,
  graphs: common.adjacencyGraphs,
});

/**
 * The policy's decision, the one thing every screen words: a meter that says "almost
 * there" for a passphrase the vault then refuses is a meter that lies.
 */
export type PassphraseVerdict = 'too-short' | 'too-guessable' | 'accepted';

export interface PassphraseStrength {
  /** 0 (terrible) to 4 (strong), zxcvbn's scale. */
  readonly score: number;
  readonly acceptable: boolean;
  readonly tooShort: boolean;
  readonly verdict: PassphraseVerdict;
}

export function assessPassphrase(
  passphrase: string,
  userInputs: readonly string[] = [],
): PassphraseStrength {
  const tooShort = [...passphrase].length < MIN_PASSPHRASE_LENGTH;
  const { score } = zxcvbn.check(passphrase.slice(0, 256), [...userInputs]);
  const verdict: PassphraseVerdict = tooShort
    ? 'too-short'
    : score >= MIN_PASSPHRASE_SCORE
      ? 'accepted'
      : 'too-guessable';
  return { score, tooShort, acceptable: verdict === 'accepted', verdict };
}

export function assertStrongPassphrase(passphrase: string): void {
  const strength = assessPassphrase(passphrase);
  if (!strength.acceptable) {
    throw new VaultError(
      'WEAK_PASSPHRASE',
      `Passphrase too weak: at least ${MIN_PASSPHRASE_LENGTH} characters and score ${MIN_PASSPHRASE_SCORE} of 4 are needed.`,
      { score: strength.score, minLength: MIN_PASSPHRASE_LENGTH, minScore: MIN_PASSPHRASE_SCORE },
    );
  }
}
