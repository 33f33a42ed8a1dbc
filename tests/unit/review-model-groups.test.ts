import { describe, expect, it } from 'vitest';
import { anonymise, type DossierIdentifiers } from '../../electron/services/anonymise';
import {
  decideGroup,
  flagGroups,
  replacedByEntity,
  startReview,
  undecidedGroups,
} from '../../renderer/src/dossier/supervision/review-model';

const known: DossierIdentifiers = {
  client: { firstName: 'PJ', lastName: 'Verhoeven', pseudonym: 'Reiger-7' },
  sponsor: { organisation: 'Rabobank Utrecht', contactPerson: 'Peter de Wit (HR)' },
};

function reviewOf(text: string) {
  return startReview(text, anonymise(text, known, { locale: 'nl' }));
}

describe('review by entity', () => {
  it('lists every written form of one person on one line with the number of mentions', () => {
    const review = reviewOf('Peter de Wit belde. De Wit zei dat Peter twijfelt. PJ bleef rustig.');
    expect(replacedByEntity(review)).toEqual([
      { placeholder: '[persoon 1]', originals: ['Peter de Wit', 'De Wit', 'Peter'], count: 3 },
      { placeholder: '[cliënt]', originals: ['PJ'], count: 1 },
    ]);
  });

  it('asks once for a name that is flagged several times and applies the choice to all', () => {
    const review = reviewOf('PJ sprak met Kees. Daarna belde hij Kees opnieuw, en ook Yara.');
    const groups = flagGroups(review);
    expect(groups.map((g) => g.map((i) => review.flags[i]?.text))).toEqual([
      ['Kees', 'Kees'],
      ['Yara'],
    ]);
    expect(undecidedGroups(review)).toBe(2);
    const first = groups[0]?.[0] ?? -1;
    const decided = decideGroup(review, first, { kind: 'suggestion' });
    expect(decided.text).toBe(
      '[cliënt] sprak met [persoon 1]. Daarna belde hij [persoon 1] opnieuw, en ook Yara.',
    );
    expect(undecidedGroups(decided)).toBe(1);
  });
});
