import { describe, expect, it } from 'vitest';
import {
  anonymise,
  type DossierIdentifiers,
  type IdentifierKind,
  isValidBsn,
  isValidIban,
  relativeDateTerm,
} from '../../electron/services/anonymise';

/** A dossier whose names appear in none of the pattern test sentences. */
const nobody: DossierIdentifiers = {
  client: { firstName: 'Quirijn', lastName: 'Zwanenburg', pseudonym: 'Q-1' },
  sessionDates: ['2024-03-05', '2024-03-19', '2024-04-02'],
  engagementStart: '2024-02-27',
};

function replaced(text: string, locale: 'nl' | 'en' = 'nl', known = nobody) {
  return anonymise(text, known, { locale }).replacements.map((r) => ({
    kind: r.kind,
    original: r.original,
    placeholder: r.placeholder,
  }));
}

function kindsOf(text: string, locale: 'nl' | 'en' = 'nl'): [IdentifierKind, string][] {
  return replaced(text, locale).map((r) => [r.kind, r.original]);
}

describe('BSN 11-proef', () => {
  it.each(['716967820', '363787355', '554326358', '446725122', '3637.87.355', '111222333'])(
    'accepts %s',
    (bsn) => {
      expect(isValidBsn(bsn)).toBe(true);
    },
  );

  it.each(['716967821', '201333377', '123456789', '000000000', '12345', 'abcdefghi'])(
    'rejects %s',
    (bsn) => {
      expect(isValidBsn(bsn)).toBe(false);
    },
  );

  it('reads eight digits as a BSN with its leading zero dropped', () => {
    expect(isValidBsn('70375847')).toBe(true);
    expect(isValidBsn('070375847')).toBe(true);
    expect(isValidBsn('70375848')).toBe(false);
  });

  it('replaces a valid BSN in text, with or without grouping', () => {
    expect(kindsOf('Zijn nummer is 716967820.')).toEqual([['bsn', '716967820']]);
    expect(kindsOf('Zijn nummer is 3637.87.355.')).toEqual([['bsn', '3637.87.355']]);
    expect(kindsOf('Zijn nummer is 554 326 358.')).toEqual([['bsn', '554 326 358']]);
  });

  it('flags a nine-digit number that fails the 11-proef instead of replacing it', () => {
    const result = anonymise('Klantnummer 201333377 staat op de brief.', nobody);
    expect(result.replacements).toEqual([]);
    expect(result.flags).toEqual([
      expect.objectContaining({ text: '201333377', reason: 'number', suggestion: '[nummer]' }),
    ]);
  });

  it('replaces a mistyped number when the text itself calls it a BSN', () => {
    expect(kindsOf('BSN: 201333377')).toEqual([['bsn', '201333377']]);
    expect(kindsOf('BSN 716967820, klantnummer 201333377')).toEqual([['bsn', '716967820']]);
  });

  it('takes eight digits as a BSN only after a BSN keyword', () => {
    expect(kindsOf('sofinummer 70375847')).toEqual([['bsn', '70375847']]);
    expect(kindsOf('Ordernummer 70375847')).toEqual([]);
  });
});

describe('IBAN mod-97', () => {
  it.each([
    'NL20ABNA1148768872',
    'NL20 ABNA 1148 7688 72',
    'nl14snsb3659693021',
    'BE34222872626734',
    'DE43 6847 2979 2620 3763 04',
    'GB69NWBK95318731197104',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each(['NL20ABNA1148768873', 'NL02ABNA1148768872', 'NL20ABNA114876887', 'XX00', ''])(
    'rejects %s',
    (iban) => {
      expect(isValidIban(iban)).toBe(false);
    },
  );

  it('replaces IBANs with and without spaces, and stops where the IBAN ends', () => {
    expect(kindsOf('Rekening NL20 ABNA 1148 7688 72 en verder niets.')).toEqual([
      ['iban', 'NL20 ABNA 1148 7688 72'],
    ]);
    expect(kindsOf('Rekening NL48RABO9277559438.')).toEqual([['iban', 'NL48RABO9277559438']]);
    expect(replaced('Rekening NL48RABO9277559438.')[0]?.placeholder).toBe('[iban]');
  });

  it('leaves an IBAN with a wrong check digit alone', () => {
    expect(kindsOf('Rekening NL20ABNA1148768873.')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it.each([
    ['06-12345678', 'nl'],
    ['06 1234 5678', 'nl'],
    ['06 12 34 56 78', 'nl'],
    ['0612345678', 'nl'],
    ['020-1234567', 'nl'],
    ['020 123 4567', 'nl'],
    ['(020) 123 4567', 'nl'],
    ['0570-123456', 'nl'],
    ['010 - 772 44 15', 'nl'],
    ['+31 6 12345678', 'nl'],
    ['+31 (0)6 1234 5678', 'nl'],
    ['+31612345678', 'nl'],
    ['0031 6 12345678', 'nl'],
    ['+44 20 7946 0958', 'en'],
    ['+1 (555) 123-4567', 'en'],
    ['(416) 555-0142', 'en'],
    ['020 7946 0958', 'en'],
  ] as const)('replaces %s', (phone, locale) => {
    const result = replaced(`Bel ${phone} vandaag.`, locale);
    expect(result).toEqual([expect.objectContaining({ kind: 'phone', original: phone })]);
  });

  it('keeps surrounding brackets and trailing numbers out of the span', () => {
    expect(kindsOf('Nummer (06 12345678) of zo.')).toEqual([['phone', '06 12345678']]);
    expect(kindsOf('Bel 06 12345678 2 keer.')).toEqual([['phone', '06 12345678']]);
  });

  it.each([
    'Op 12-03-2024 om 14.30 uur.',
    'Een bedrag van 1.234.567 euro.',
    'Versie 2.0.1 van het rapport.',
    'Ze werkt 32 uur, sinds 2019.',
    'Score 3/4 en 12-3 gewonnen.',
  ])('leaves non-phone numbers alone: %s', (text) => {
    expect(kindsOf(text).filter(([kind]) => kind === 'phone')).toEqual([]);
  });
});

describe('licence plates', () => {
  it('replaces a British plate with its space, not a code without it', () => {
    const known: DossierIdentifiers = {
      client: { firstName: 'Quirijn', lastName: 'Zwanenburg', pseudonym: 'Q-1' },
    };
    expect(
      anonymise('His car (a grey Golf, YK19 LMR) was seen.', known, { locale: 'en' }).text,
    ).toBe('His car (a grey Golf, [licence plate]) was seen.');
    expect(anonymise('Ordered part YK19LMR today.', known, { locale: 'en' }).replacements).toEqual(
      [],
    );
  });

  // One example per sidecode 1-14.
  it.each([
    'AB-12-34',
    '12-34-AB',
    '12-AB-34',
    'AB-12-CD',
    'AB-CD-12',
    '12-AB-CD',
    '12-ABC-3',
    '1-ABC-23',
    'AB-123-C',
    'A-123-BC',
    'ABC-12-D',
    'A-12-BCD',
    '1-AB-234',
    '123-AB-4',
  ])('replaces sidecode %s', (plate) => {
    expect(replaced(`Kenteken ${plate} stond er.`)).toEqual([
      { kind: 'licence-plate', original: plate, placeholder: '[kenteken]' },
    ]);
  });

  it('uses the English placeholder in English', () => {
    expect(replaced('Plate GZ-214-K was damaged.', 'en')[0]?.placeholder).toBe('[licence plate]');
  });

  it.each(['COVID-19', 'ab-12-cd', 'AB12CD', 'A-1-B'])('leaves %s alone', (text) => {
    expect(kindsOf(`Iets over ${text} hier.`)).toEqual([]);
  });
});

describe('postcodes, addresses, e-mail and URLs', () => {
  it.each(['1234 AB', '3511ZK'])('replaces postcode %s', (postcode) => {
    expect(kindsOf(`Postcode ${postcode} klopt.`)).toEqual([['postcode', postcode]]);
  });

  it.each(['Er waren 1234 SS-ers.', 'Ze liep 2000 km.', 'Om 1530 uur.'])(
    'finds no postcode in: %s',
    (text) => {
      expect(kindsOf(text).filter(([kind]) => kind === 'postcode')).toEqual([]);
    },
  );

  it.each([
    'Kerkstraat 12',
    'Van Goghlaan 3a',
    'Dorpsweg 14-2',
    'Prinsengracht 263-1',
    'Burgemeester de Withstraat 7',
    'Laan van Meerdervoort 52',
    'Oude Gracht 12',
    'Stationsplein 1 B',
  ])('replaces Dutch address %s', (address) => {
    expect(kindsOf(`Ze woont aan de ${address}, al jaren.`)).toEqual([['address', address]]);
  });

  it.each(['12 Baker Street', '221B Baker Street', '10 Downing St', 'Flat 3, 12 Elm Road'])(
    'replaces English address %s',
    (address) => {
      expect(kindsOf(`She lives at ${address} now.`, 'en')).toEqual([['address', address]]);
    },
  );

  it.each([
    'Op de snelweg 3 uur in de file.',
    'In het park 3 kinderen gezien.',
    'Hij kwam 3 Close friends tegen.',
  ])('finds no address in: %s', (text) => {
    expect(kindsOf(text).filter(([kind]) => kind === 'address')).toEqual([]);
  });

  it('replaces e-mail addresses, also with a plus and a subdomain', () => {
    expect(kindsOf('Mail y.smeets+coaching@mail.example.org.')).toEqual([
      ['email', 'y.smeets+coaching@mail.example.org'],
    ]);
  });

  it.each([
    'https://www.example.nl/portfolio/zoe',
    'http://example.com',
    'www.example.org/budget-tools',
    'linkedin.com/in/someone-example',
  ])('replaces URL %s without trailing punctuation', (url) => {
    expect(kindsOf(`Zie ${url}.`)).toEqual([['url', url]]);
  });
});

describe('dates become relative terms', () => {
  const known: DossierIdentifiers = {
    client: { firstName: 'Quirijn', lastName: 'Zwanenburg', pseudonym: 'Q-1' },
    sessionDates: ['2024-02-27', '2024-03-05', '2024-03-12'],
    engagementStart: '2024-02-27',
  };

  it('maps a session date to its session number and other dates to a week', () => {
    expect(relativeDateTerm({ year: 2024, month: 3, day: 12 }, known, 'nl')).toBe('sessie 3');
    expect(relativeDateTerm({ year: 2024, month: 3, day: 26 }, known, 'nl')).toBe('week 5');
    expect(relativeDateTerm({ year: 2024, month: 2, day: 27 }, known, 'en')).toBe('session 1');
    expect(relativeDateTerm({ year: 2024, month: 3, day: 1 }, known, 'en')).toBe('week 1');
    expect(relativeDateTerm({ year: 2024, month: 1, day: 3 }, known, 'nl')).toBe('vóór de start');
    expect(relativeDateTerm({ year: 2024, month: 1, day: 3 }, known, 'en')).toBe(
      'before the start',
    );
  });

  it('falls back to [datum] without anchors', () => {
    const bare: DossierIdentifiers = { client: nobody.client };
    expect(relativeDateTerm({ year: 2024, month: 3, day: 12 }, bare, 'nl')).toBe('[datum]');
    expect(replaced('Op 12 maart 2024 belde ze.', 'nl', bare)[0]?.placeholder).toBe('[datum]');
  });

  it.each([
    '12-03-2024',
    '12/3/2024',
    '12.03.24',
    '2024-03-12',
    '12 maart 2024',
    '12 maart',
    '12 mrt.',
    'dinsdag 12 maart',
    '12e maart',
  ])('reads the Dutch form "%s" as session 3', (date) => {
    const result = anonymise(`Op ${date} sprak ik haar.`, known, { locale: 'nl' });
    expect(result.text).toBe('Op de dag van sessie 3 sprak ik haar.');
    // "Op" is replaced along with the date, because the phrase carries its own preposition.
    expect(result.replacements[0]?.original).toBe(`Op ${date}`);
  });

  it.each([
    'March 12, 2024',
    'March 12',
    '12 March 2024',
    '12th of March',
    'Tuesday, March 12',
    'Mar 12',
  ])('reads the English form "%s" as session 3', (date) => {
    const result = anonymise(`On ${date} we met.`, known, { locale: 'en' });
    expect(result.text).toBe('On the day of session 3 we met.');
  });

  it('turns 26 March into week 5 and keeps the sentence punctuation', () => {
    expect(anonymise('Dat was op 26 maart.', known).text).toBe(
      'Dat was in week 5 van het traject.',
    );
    expect(anonymise('It was on 26 March. Then', known, { locale: 'en' }).text).toBe(
      'It was in week 5 of the coaching. Then',
    );
  });

  it('words a date so that the sentence around it still reads', () => {
    // Engagement start 2024-02-27 in this dossier.
    expect(anonymise('Op 26 maart belde hij.', known).text).toBe(
      'In week 5 van het traject belde hij.',
    );
    expect(anonymise('Hij werkt daar sinds 12 maart 2019.', known).text).toBe(
      'Hij werkt daar sinds enkele jaren voor de start.',
    );
    expect(anonymise('Op 3 januari 2024 had ze een gesprek.', known).text).toBe(
      'Enkele weken voor de start had ze een gesprek.',
    );
    expect(anonymise('Vanaf 26 maart gaat het beter.', known).text).toBe(
      'Vanaf week 5 van het traject gaat het beter.',
    );
    expect(
      anonymise('Since 3 January 2023 she has worked nights.', known, { locale: 'en' }).text,
    ).toBe('Since a few years before the start she has worked nights.');
  });

  it('reads day and month without year as a date unless it is a score, range or fraction', () => {
    expect(anonymise('Op 12-3 sprak ik haar.', known).text).toBe(
      'Op de dag van sessie 3 sprak ik haar.',
    );
    expect(anonymise('# Sessie 2 (12-3)', known).text).toBe('# Sessie 2 (sessie 3)');
    expect(anonymise('Next: 12/3. Bring the letters.', known, { locale: 'en' }).text).toBe(
      'Next: session 3. Bring the letters.',
    );
    expect(anonymise('Het werd 12-3 voor de thuisclub.', known).replacements).toEqual([]);
    expect(anonymise('Ze werkt 3/4 van de week.', known).replacements).toEqual([]);
    expect(anonymise('Ze komt 1-2 keer per week.', known).replacements).toEqual([]);
    expect(anonymise('Op een schaal van 1-10 gaf ze een 6.', known).replacements).toEqual([]);
    expect(anonymise('De escalatie op 12-3 tijdens het overleg.', known).replacements).toHaveLength(
      1,
    );
  });

  it('reads a month with a year as a date, never as a session', () => {
    const replaced = anonymise('Sinds sept 2023 botst hij met zijn chef.', known);
    expect(replaced.text).not.toContain('2023');
    expect(replaced.replacements.map((r) => r.original)).toEqual(['sept 2023']);
    expect(
      anonymise('A log of incidents since Oct 2024 and since March 2024.', known, {
        locale: 'en',
      }).replacements.map((r) => r.original),
    ).toEqual(['Oct 2024', 'March 2024']);
    expect(anonymise('Geboren in maart 1990.', known).text).toBe('Geboren in [geboortedatum].');
  });

  it('replaces a past weekday that dates the note by "onlangs"/"recently"', () => {
    expect(anonymise('Het gesprek van vorige week donderdag ging goed.', known).text).toBe(
      'Het gesprek van onlangs ging goed.',
    );
    expect(anonymise('Afgelopen zaterdag schreeuwde de chef.', known).text).toBe(
      'Onlangs schreeuwde de chef.',
    );
    expect(anonymise('Last Thursday he moved her to nights.', known, { locale: 'en' }).text).toBe(
      'Recently he moved her to nights.',
    );
    expect(anonymise('Volgende dinsdag bellen we.', known).replacements).toEqual([]);
  });

  it('does not read "12 may be" or "3 meiden" as dates', () => {
    expect(anonymise('I think 12 may be too many.', known, { locale: 'en' }).replacements).toEqual(
      [],
    );
    expect(anonymise('Er waren 3 meiden bij.', known).replacements).toEqual([]);
  });
});

describe('birth dates and ages', () => {
  const known: DossierIdentifiers = {
    client: {
      firstName: 'Quirijn',
      lastName: 'Zwanenburg',
      pseudonym: 'Q-1',
      dateOfBirth: '1990-05-03',
    },
    engagementStart: '2024-02-27',
  };

  it.each(['3 mei 1990', '03-05-1990', '1990-05-03', '3/5/1990', '3 May 1990', 'May 3rd, 1990'])(
    'recognises the known birth date written as %s',
    (date) => {
      const result = anonymise(`Datum: ${date}.`, known);
      expect(result.replacements).toEqual([
        expect.objectContaining({ kind: 'date-of-birth', placeholder: '[geboortedatum]' }),
      ]);
    },
  );

  it('treats a birthday without year as part of the birth date', () => {
    expect(anonymise('Ze is jarig op 3 mei.', known).text).toBe('Ze is jarig op [geboortedatum].');
  });

  it('treats any date after "geboren"/"born" as a birth date, also a bare year', () => {
    expect(anonymise('Haar zoon, geboren op 12 juni 2015, is ziek.', known).text).toBe(
      'Haar zoon, geboren op [geboortedatum], is ziek.',
    );
    expect(anonymise('Hij is geboren in 1975.', known).text).toBe(
      'Hij is geboren in [geboortedatum].',
    );
    expect(anonymise('She was born 4 July 1980.', known, { locale: 'en' }).text).toBe(
      'She was born [date of birth].',
    );
  });

  it('replaces an age on its own, and next to a birth date', () => {
    expect(anonymise('Hij is 34 jaar oud en een 34-jarige vader.', known).text).toBe(
      'Hij is [leeftijd] en een [leeftijd] vader.',
    );
    expect(anonymise('Geboren op 3 mei 1990, nu 34 jaar oud.', known).text).toBe(
      'Geboren op [geboortedatum], nu [leeftijd].',
    );
    expect(
      anonymise('Born on 3 May 1990, she is 34 years old.', known, { locale: 'en' }).text,
    ).toBe('Born on [date of birth], she is [age].');
  });
});

describe('ages stated on their own', () => {
  const known: DossierIdentifiers = {
    client: { firstName: 'Quirijn', lastName: 'Zwanenburg', pseudonym: 'Q-1' },
  };
  const nl = (text: string): string => anonymise(text, known).text;
  const en = (text: string): string => anonymise(text, known, { locale: 'en' }).text;

  it.each([
    ['Ze is 40, zegt ze.', 'Ze is [leeftijd], zegt ze.'],
    ['Noor is 15, zit in 4 havo.', 'Noor is [leeftijd], zit in 4 havo.'],
    ['Stefan: ik ben 44 en gedraag me zo.', 'Stefan: ik ben [leeftijd] en gedraag me zo.'],
    ['Luuk (12, groep 8) is stil.', 'Luuk ([leeftijd], groep 8) is stil.'],
    ['Rick (47) is sinds maart thuis.', 'Rick ([leeftijd]) is sinds maart thuis.'],
    ['Fleur (6 jaar) is om de week bij hem.', 'Fleur ([leeftijd]) is om de week bij hem.'],
    ['Twijfel: ben ik met 52 niet te oud?', 'Twijfel: ben ik met [leeftijd] niet te oud?'],
  ])('replaces the Dutch age in "%s"', (text, expected) => {
    expect(nl(text)).toBe(expected);
  });

  it.each([
    ["She's 68, lives alone.", "She's [age], lives alone."],
    ['Kayden turned 19 last month.', 'Kayden turned [age] last month.'],
    ['Beth (her daughter, 19) told her to quit.', 'Beth (her daughter, [age]) told her to quit.'],
    ['Background: 34, works in events.', 'Background: [age], works in events.'],
    [
      'He is a lead engineer at Brightloop, 29, signed off.',
      'He is a lead engineer at Brightloop, [age], signed off.',
    ],
    [
      'He is 52 and thinking about retiring at 55.',
      'He is [age] and thinking about retiring at [age].',
    ],
    ['It would have been her 30th birthday.', 'It would have been her [age] birthday.'],
    ['A 31-year-old analyst, aged 31.', 'A [age] analyst, [age].'],
  ])('replaces the English age in "%s"', (text, expected) => {
    expect(en(text)).toBe(expected);
  });

  it.each([
    'Het gesprek is 15 minuten later begonnen.',
    'Haar cijfer is 7, de score is 8.',
    'Ze werkt 32 uur en is 3 keer geweest.',
    'Hij zit in groep 8, 2 dagen per week.',
    'The meeting is 10 minutes long; her score is 6.',
    'She rated it 7 at the start.',
  ])('leaves numbers that are not ages: %s', (text) => {
    expect(anonymise(text, known).replacements.filter((r) => r.kind === 'age')).toEqual([]);
  });
});

describe('text without identifiers', () => {
  it.each([
    'We spraken 45 minuten over haar doelen; ze scoorde 7 op 10 en wil 20% minder werken.',
    'Om 09.30 uur begon de sessie; de vorige keer was drie weken geleden, in 2023.',
    'Het rapport (versie 1.2) noemt 3 acties en een budget van € 1.250,00 per kwartaal.',
    'In week 12 van het schooljaar had ze 2 toetsen en 1 presentatie.',
    'She rated her stress 8 out of 10 and sleeps about 5 hours a night.',
  ])('replaces nothing in: %s', (text) => {
    expect(anonymise(text, nobody).replacements).toEqual([]);
  });
});
