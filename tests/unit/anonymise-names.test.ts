import { describe, expect, it } from 'vitest';
import {
  anonymise,
  applyFlagDecisions,
  type DossierIdentifiers,
} from '../../electron/services/anonymise';

const dossier: DossierIdentifiers = {
  client: {
    firstName: 'Jan',
    lastName: 'van den Berg',
    pseudonym: 'Kompas-7',
    email: 'jan.vdberg@example.nl',
    phone: '06-41238765',
  },
  sponsor: { organisation: 'Bouwbedrijf Hendriks B.V.', contactPerson: 'Karin Smit' },
  guardians: [{ name: 'Ingrid van den Berg', relation: 'moeder' }],
  people: [
    { name: 'Pieter', relation: 'collega' },
    { name: 'Marco de Wit', relation: 'manager' },
  ],
  organisations: ['Stichting De Brug', 'Zorggroep Noorderlicht'],
};

function text(input: string, known = dossier, locale: 'nl' | 'en' = 'nl'): string {
  return anonymise(input, known, { locale }).text;
}

describe('dossier-known client names', () => {
  it.each([
    ['Jan', 'Jan belde.'],
    ['jan (lower case)', 'jan belde.'],
    ['JAN (capitals)', 'JAN belde.'],
    ['full name', 'Jan van den Berg belde.'],
    ['surname with particles', 'Van den Berg belde.'],
    ['surname lower case', 'van den berg belde.'],
    ['v.d. abbreviation', 'v.d. Berg belde.'],
    ['vd abbreviation', 'vd Berg belde.'],
    ['surname core, capitalised', 'Meneer Berg belde.'],
    ['possessive -s', 'Jans moeder belde.'],
    ["possessive 's", "Jan's moeder belde."],
    ['diminutive -tje', 'Jantje belde.'],
    ['diminutive -netje', 'Jannetje belde.'],
    ['diminutive -neke', 'Janneke belde.'],
    ['initial', 'J. belde.'],
    ['initials with particles', 'J.v.d.B. belde.'],
    ['initials without dots', 'JvdB belde.'],
    ['initial and surname', 'J. van den Berg belde.'],
    ['first name and surname initial', 'Jan v.d. B. belde.'],
    ['pseudonym', 'Kompas-7 belde.'],
  ])('replaces the %s', (_label, input) => {
    const result = text(input);
    expect(result).toMatch(/^(?:Meneer )?\[cliënt\]/u);
    expect(result).not.toMatch(/jan|berg/iu);
  });

  it('keeps words that merely contain a name', () => {
    expect(text('In januari legde Jansen de basis bij de Bergkerk.')).toBe(
      'In januari legde Jansen de basis bij de Bergkerk.',
    );
    const bas: DossierIdentifiers = {
      client: { firstName: 'Bas', lastName: 'Wouters', pseudonym: 'V' },
    };
    expect(text('De basis is Bas en Basje, niet Bastiaan.', bas)).toBe(
      'De basis is [cliënt] en [cliënt], niet Bastiaan.',
    );
  });

  it('matches with and without diacritics, in either direction', () => {
    const zoe: DossierIdentifiers = {
      client: { firstName: 'Zoë', lastName: 'Çelik', pseudonym: 'S' },
      people: [{ name: 'Renee' }],
    };
    expect(text('Zoe, ZOË en Zoë; Celik en Çelik; Renée en Renee.', zoe)).toBe(
      '[cliënt], [cliënt] en [cliënt]; [cliënt] en [cliënt]; [persoon 1] en [persoon 1].',
    );
    // Decomposed input (e + combining diaeresis) keeps its offsets and loses the mark.
    expect(text('Zoe\u0308 belde.', zoe)).toBe('[cliënt] belde.');
    const ahmet: DossierIdentifiers = {
      client: { firstName: 'Ahmet', lastName: 'Yılmaz', pseudonym: 'P' },
    };
    expect(text('Yilmaz en Yılmaz.', ahmet)).toBe('[cliënt] en [cliënt].');
  });

  it('matches the core of a surname only when capitalised: "de Groot" is not "groot"', () => {
    const anna: DossierIdentifiers = {
      client: { firstName: 'Anna', lastName: 'de Groot', pseudonym: 'W' },
    };
    expect(text('Mevrouw De Groot had een groot verlies; Groot zelf zweeg.', anna)).toBe(
      'Mevrouw [cliënt] had een groot verlies; [cliënt] zelf zweeg.',
    );
  });

  it('replaces a first name that is also a word, because recall on names wins', () => {
    const roos: DossierIdentifiers = {
      client: { firstName: 'Roos', lastName: 'Verbeek', pseudonym: 'Z' },
    };
    expect(text('Roos kreeg een roos.', roos)).toBe('[cliënt] kreeg een [cliënt].');
  });

  it('uses the English placeholder and does not take "I." for an initial in English', () => {
    const ingrid: DossierIdentifiers = {
      client: { firstName: 'Ingrid', lastName: 'Aalders', pseudonym: 'I' },
    };
    expect(text('Ingrid asked whether I. would come, and so did I.', ingrid, 'en')).toBe(
      '[client] asked whether I. would come, and so did I.',
    );
  });
});

describe('initials derived from the names of known people', () => {
  const known: DossierIdentifiers = {
    client: { firstName: 'Siobhan', lastName: "O'Neill", pseudonym: 'S-1' },
    sponsor: { organisation: 'Zorggroep De Linde', contactPerson: 'mw. A. Koster, teamleider' },
    people: [
      { name: 'Henk Mulder', relation: 'leidinggevende' },
      { name: 'Dirk-Jan Smit', relation: 'collega' },
      { name: 'Anouk de Ruiter', relation: 'IB-er' },
    ],
  };
  const text = (input: string): string => anonymise(input, known).text;

  it('maps the initials of each person to that person', () => {
    expect(text('Gesprek met Koster; A.K. wil opbouwen.')).toBe(
      'Gesprek met [persoon 1]; [persoon 1] wil opbouwen.',
    );
    expect(text('Henk Mulder belde. HM zou hem steunen.')).toBe(
      '[persoon 1] belde. [persoon 1] zou hem steunen.',
    );
    expect(text('Dirk-Jan Smit en DJ zijn dezelfde.')).toBe(
      '[persoon 1] en [persoon 1] zijn dezelfde.',
    );
    expect(text('Met A. de R. besproken.')).toBe('Met [persoon 1] besproken.');
  });

  it("keeps an apostrophe prefix in the client's initials", () => {
    expect(text("S.O'N. kwam binnen.")).toBe('[cliënt] kwam binnen.');
  });
});

describe('consistent placeholders', () => {
  it('numbers other people by first appearance and keeps the number per person', () => {
    const result = text(
      'Marco de Wit sprak met Pieter. Later zei Pieter dat De Wit boos was; Marco belde Karin Smit en Karin.',
    );
    expect(result).toBe(
      '[persoon 1] sprak met [persoon 2]. Later zei [persoon 2] dat [persoon 1] boos was; [persoon 1] belde [persoon 3] en [persoon 3].',
    );
  });

  it('gives the sponsor [organisatie] and other organisations a number from 2', () => {
    expect(text('Zorggroep Noorderlicht, Bouwbedrijf Hendriks en Stichting De Brug.')).toBe(
      '[organisatie 2], [organisatie] en [organisatie 3].',
    );
    expect(text('Hendriks betaalt; De Brug helpt, maar niet over de brug.')).toBe(
      '[organisatie] betaalt; [organisatie 2] helpt, maar niet over de brug.',
    );
  });

  it('prefers the longer name and the client when people share a surname', () => {
    expect(text('Ingrid van den Berg is de moeder; Van den Berg zelf is 16.')).toBe(
      '[persoon 1] is de moeder; [cliënt] zelf is [leeftijd].',
    );
  });

  it('lets an e-mail address win over the name inside it', () => {
    const result = anonymise('Mail jan.vdberg@example.nl of bel 06 41 23 87 65.', dossier);
    expect(result.text).toBe('Mail [e-mail] of bel [telefoon].');
    expect(result.replacements.map((r) => r.kind)).toEqual(['email', 'phone']);
  });

  it('reports replacement offsets in the original input', () => {
    const input = 'Gisteren belde Jan.';
    const [replacement] = anonymise(input, dossier).replacements;
    expect(replacement).toEqual({
      start: 15,
      end: 18,
      original: 'Jan',
      placeholder: '[cliënt]',
      kind: 'client-name',
      certain: true,
    });
  });
});

describe('flags', () => {
  it('flags capitalised words mid-sentence, places, job titles and long numbers', () => {
    const result = anonymise(
      'Jan sprak met Gerard uit Dalfsen. Ook de burgemeester van Ommen belde, dossier 8044514431.',
      dossier,
    );
    expect(result.flags.map((f) => [f.text, f.reason, f.suggestion])).toEqual([
      ['Gerard', 'capitalised-word', '[persoon 1]'],
      ['Dalfsen', 'possible-place', '[plaats]'],
      ['burgemeester van Ommen', 'job-title', '[functie]'],
      ['8044514431', 'number', '[nummer]'],
    ]);
    for (const flag of result.flags)
      expect(result.text.slice(flag.start, flag.end)).toBe(flag.text);
  });

  it('does not flag sentence starts, stop words, or placeholders', () => {
    const result = anonymise(
      'Gisteren was het maandag. Ik zei in maart tegen Jan dat het UWV en de GGZ via Teams bellen. Daarna HR-overleg.',
      dossier,
    );
    expect(result.flags).toEqual([]);
  });

  it('flags a multi-word name even at the start of a sentence', () => {
    const result = anonymise('Klaas Veldman belde. Toen kwam Klaas.', dossier);
    expect(result.flags.map((f) => [f.text, f.suggestion])).toEqual([
      ['Klaas Veldman', '[persoon 1]'],
      ['Klaas', '[persoon 2]'],
    ]);
  });

  it('continues person numbering after the known people and repeats it per word', () => {
    const result = anonymise('Pieter zag Gerard, en Gerard zag Wim.', dossier);
    expect(result.text).toBe('[persoon 1] zag Gerard, en Gerard zag Wim.');
    expect(result.flags.map((f) => f.suggestion)).toEqual([
      '[persoon 2]',
      '[persoon 2]',
      '[persoon 3]',
    ]);
  });
});

describe('flags on words that are no identifier', () => {
  const known: DossierIdentifiers = {
    client: { firstName: 'Quirijn', lastName: 'Zwanenburg', pseudonym: 'Q-1' },
  };
  const flagged = (input: string, locale: 'nl' | 'en' = 'en'): string[] =>
    anonymise(input, known, { locale }).flags.map((f) => f.text);

  it('does not flag abbreviated months and days, school years or contractions', () => {
    expect(
      flagged('Breakup in Sept still hurts. He messaged on Sat night, back since Nov.'),
    ).toEqual([]);
    expect(flagged('Quirijn is in Year 11 now.')).toEqual([]);
    expect(flagged("He'll text me. She'd like to volunteer. Couldn't start the car.")).toEqual([]);
  });

  it('does not flag ordinary note words at a sentence start', () => {
    expect(flagged('Klaar. Slaapt nog slecht. Rollenspel gedaan. Terugblik volgt.', 'nl')).toEqual(
      [],
    );
    expect(flagged('Done. Progress since last time. Reminder to myself: rest.')).toEqual([]);
  });

  it('still flags an unknown name at a sentence start and "Jan" mid-sentence', () => {
    expect(flagged('Klaar. Jeroen belde.', 'nl')).toEqual(['Jeroen']);
    expect(flagged('Gesprek met Jan gehad.', 'nl')).toEqual(['Jan']);
  });
});

describe('applyFlagDecisions', () => {
  const result = anonymise('Jan sprak met Gerard uit Dalfsen en met Wim.', dossier);

  it('keeps, replaces with the suggestion, or replaces with the coach’s own text', () => {
    expect(result.flags.map((f) => f.text)).toEqual(['Gerard', 'Dalfsen', 'Wim']);
    expect(
      applyFlagDecisions(result, [
        { index: 0, action: 'replace' },
        { index: 1, action: 'replace', replacement: '[woonplaats]' },
        { index: 2, action: 'keep' },
      ]),
    ).toBe('[cliënt] sprak met [persoon 1] uit [woonplaats] en met Wim.');
  });

  it('leaves flags without a decision as they are', () => {
    expect(applyFlagDecisions(result, [{ index: 2, action: 'replace' }])).toBe(
      '[cliënt] sprak met Gerard uit Dalfsen en met [persoon 2].',
    );
    expect(applyFlagDecisions(result, [])).toBe(result.text);
  });

  it('rejects unknown and repeated indices', () => {
    expect(() => applyFlagDecisions(result, [{ index: 3, action: 'keep' }])).toThrow(RangeError);
    expect(() =>
      applyFlagDecisions(result, [
        { index: 0, action: 'keep' },
        { index: 0, action: 'replace' },
      ]),
    ).toThrow(RangeError);
  });
});
