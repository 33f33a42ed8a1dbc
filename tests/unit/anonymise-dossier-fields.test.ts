import { describe, expect, it } from 'vitest';
import { anonymise, type DossierIdentifiers } from '../../electron/services/anonymise';

/**
 * Dossier fields as coaches type them, and every part of a known entity. Each case here is a
 * class the project's own corpus missed (issue 14): roles in contact fields, initials used as a
 * name, short forms of organisations, the client's town, short forms of first names.
 */

const dossier: DossierIdentifiers = {
  client: {
    firstName: 'PJ',
    lastName: 'Verhoeven',
    pseudonym: 'Reiger-7',
    address: 'Oudegracht 112, 3511 AX Utrecht',
  },
  sponsor: { organisation: 'Rabobank Utrecht', contactPerson: 'Peter de Wit (HR)' },
  people: [{ name: 'mw. A. Koster, teamleider', relation: 'leidinggevende' }],
};

function placeholdersOf(text: string, known: DossierIdentifiers, locale: 'nl' | 'en' = 'nl') {
  return anonymise(text, known, { locale }).replacements.map((r) => [r.original, r.placeholder]);
}

describe('dossier fields with roles, titles and initials', () => {
  it('replaces a first name typed as capitals and its dotted form', () => {
    expect(anonymise('PJ belde. Later schreef P.J. een mail.', dossier).text).toBe(
      '[cliënt] belde. Later schreef [cliënt] een mail.',
    );
  });

  it('drops a role in brackets: every part of the contact gets one placeholder', () => {
    expect(
      placeholdersOf(
        'Peter de Wit belde. De Wit zei dat Peter het niet wist; de Wit twijfelt.',
        dossier,
      ),
    ).toEqual([
      ['Peter de Wit', '[persoon 1]'],
      ['De Wit', '[persoon 1]'],
      ['Peter', '[persoon 1]'],
      ['de Wit', '[persoon 1]'],
    ]);
  });

  it('drops titles and a role after a comma, keeps the surname', () => {
    const result = anonymise('Mw. Koster is teamleider en sprak met A. Koster.', dossier);
    expect(result.text).toBe('Mw. [persoon 1] is teamleider en sprak met [persoon 1].');
  });

  it('replaces the first word of a multi-word organisation as that organisation', () => {
    const result = anonymise('Zijn contract bij Rabobank loopt af.', dossier);
    expect(result.text).toBe('Zijn contract bij [organisatie] loopt af.');
    expect(result.replacements.map((r) => r.kind)).toEqual(['organisation']);
  });

  it('replaces an organisation abbreviation, typed in brackets or made of its initials', () => {
    const known: DossierIdentifiers = {
      client: { firstName: 'Chris', lastName: 'Nguyen', pseudonym: 'F-8' },
      sponsor: { organisation: 'Brightwater Housing Association' },
      organisations: ['Woningcorporatie Thuis aan de Vecht (TadV)'],
    };
    expect(
      anonymise('He met BHA and Brightwater; the TadV-academie too.', known, { locale: 'en' }).text,
    ).toBe('He met [organisation] and [organisation]; the [organisation 2]-academie too.');
  });

  it("replaces the client's own town from the address instead of flagging it", () => {
    const result = anonymise('Hij woont sinds kort in Utrecht.', dossier);
    expect(result.text).toBe('Hij woont sinds kort in [plaats].');
    expect(result.flags).toEqual([]);
    expect(result.replacements.map((r) => r.kind)).toEqual(['place']);
  });

  it("suggests the entity's own placeholder for a flagged form of a known name", () => {
    const result = anonymise('Bij Rabobank, later in mails aan RABOBANK, en Jon zei JON.', {
      ...dossier,
      client: { ...dossier.client, firstName: 'Jonathan' },
    });
    expect(result.flags.map((f) => [f.text, f.suggestion])).toEqual([
      ['RABOBANK', '[organisatie]'],
      ['JON', '[cliënt]'],
    ]);
  });

  it('suggests an organisation placeholder for an unknown bank, not a person', () => {
    const result = anonymise('Hij solliciteert bij de Triodosbank.', {
      client: { firstName: 'Jan', lastName: 'Bos', pseudonym: 'X' },
    });
    expect(result.flags.map((f) => [f.text, f.suggestion])).toEqual([
      ['Triodosbank', '[organisatie 2]'],
    ]);
  });
});

describe('short forms of known organisations', () => {
  const known: DossierIdentifiers = {
    client: { firstName: 'Quirijn', lastName: 'Zwanenburg', pseudonym: 'Q-1' },
    sponsor: { organisation: 'Stichting Katholiek Onderwijs Vallei (SKO Vallei)' },
    organisations: [
      'Rabobank Vallei en Rijn',
      'Lyceum De Horst',
      'Stichting Lindehof Wonen',
      'De Klimop',
    ],
  };
  const text = (input: string): string => anonymise(input, known).text;

  it('replaces type words dropped, a bracketed acronym with a place, and a bank brand', () => {
    expect(text('Noor zit op De Horst.')).toBe('Noor zit op [organisatie 2].');
    expect(text('Hij woont bij Lindehof.')).toBe('Hij woont bij [organisatie 2].');
    expect(text('De fusie met Klimop.')).toBe('De fusie met [organisatie 2].');
    expect(text('Betaald door SKO Vallei.')).toBe('Betaald door [organisatie].');
    expect(text('Hij werkt bij de Rabo.')).toBe('Hij werkt bij de [organisatie 2].');
  });

  it('keeps the lower-case words', () => {
    expect(text('Een horst en een klimop.')).toBe('Een horst en een klimop.');
  });
});

describe("the client's street without its number", () => {
  const dossier = (address: string): DossierIdentifiers => ({
    client: { firstName: 'Quirijn', lastName: 'Zwanenburg', pseudonym: 'Q-1', address },
  });

  it('replaces the street of a Dutch and a British address alone', () => {
    expect(
      anonymise('Ze woont nog in de Dorpsstraat.', dossier('Dorpsstraat 4, 8331 AB Steenwijk'))
        .text,
    ).toBe('Ze woont nog in de [adres].');
    expect(
      anonymise(
        'The flat on Caversham Road is cold.',
        dossier('Flat 2, 41 Caversham Road, Reading'),
        {
          locale: 'en',
        },
      ).text,
    ).toBe('The flat on [address] is cold.');
  });
});

describe('short forms and nicknames of known first names', () => {
  const jonathan: DossierIdentifiers = {
    client: { firstName: 'Jonathan', lastName: 'Brouwer-de Haan', pseudonym: 'K-2' },
    people: [{ name: 'Michael Carter' }],
  };

  it('replaces a prefix of three letters or more, also at the start of a sentence', () => {
    expect(anonymise('Jon kwam te laat. Jonny noemt zijn moeder hem.', jonathan).text).toBe(
      '[cliënt] kwam te laat. [cliënt] noemt zijn moeder hem.',
    );
  });

  it('replaces nickname pairs from the table and keeps ordinary words', () => {
    expect(anonymise('Mike called. Will he come?', jonathan, { locale: 'en' }).text).toBe(
      '[person 1] called. Will he come?',
    );
    const willem: DossierIdentifiers = {
      client: { firstName: 'Willem', lastName: 'van der Meer', pseudonym: 'O-9' },
    };
    expect(anonymise('Wim zei: Wil je dat?', willem).text).toBe('[cliënt] zei: Wil je dat?');
  });

  it('reads a short form that is a word in the other language as a name', () => {
    const daniel: DossierIdentifiers = {
      client: { firstName: 'Daniel', lastName: 'Okafor-Lee', pseudonym: 'K-3' },
    };
    // "Dan" is "then" in Dutch, and only a name in an English note.
    expect(anonymise('Dan came late.', daniel, { locale: 'en' }).text).toBe('[client] came late.');
    expect(anonymise('Dan gaan we verder.', daniel, { locale: 'nl' }).text).toBe(
      'Dan gaan we verder.',
    );
  });

  it('does not take a weekday or month abbreviation for a short form', () => {
    const monique: DossierIdentifiers = {
      client: { firstName: 'Monique', lastName: 'Decker', pseudonym: 'M-1' },
    };
    expect(anonymise('Mon: call back. Moni called.', monique, { locale: 'en' }).text).toBe(
      'Mon: call back. [client] called.',
    );
  });

  it('lets an exact name of someone else win over a short form of the client', () => {
    const known: DossierIdentifiers = {
      client: { firstName: 'Janneke', lastName: 'Bos', pseudonym: 'X' },
      people: [{ name: 'Jan', relation: 'vader' }],
    };
    expect(anonymise('Jan belde voor Janneke.', known).text).toBe(
      '[persoon 1] belde voor [cliënt].',
    );
  });
});

describe('sentence starts', () => {
  const known: DossierIdentifiers = {
    client: { firstName: 'Noor', lastName: 'El Amrani', pseudonym: 'V-15' },
  };

  it('flags an unknown name at a sentence start, also after a quote', () => {
    const result = anonymise("Noor zei: 'Kees is oké.' Yara belde.", known);
    expect(result.flags.map((f) => f.text)).toEqual(['Kees', 'Yara']);
  });

  it('treats headings, labels and spaced dashes as starts, and still flags names there', () => {
    const result = anonymise(
      '## Intakegesprek\nNotitie: Werkdruk besproken. Sessie 1 – Loopbaanvragen. Afspraak: Kees belt.',
      known,
    );
    expect(result.flags.map((f) => f.text)).toEqual(['Kees']);
  });

  it('does not flag a long compound of ordinary words written with a capital mid-sentence', () => {
    const result = anonymise('Vandaag het Intakegesprek gehad, met Huisman erbij.', known);
    expect(result.flags.map((f) => f.text)).toEqual(['Huisman']);
  });

  it('does not flag a dictionary word or compound at a sentence start', () => {
    const result = anonymise(
      'Intakegesprek liet veel zien. Klantnummer volgt. Werkdrukbeleving is hoog. Gisteren belde ze.',
      known,
    );
    expect(result.flags).toEqual([]);
  });
});

describe('Markdown', () => {
  it('keeps headings, lists and emphasis around replaced names', () => {
    const result = anonymise(
      '## Sessie 3 – PJ\n\n**Wat speelde er:**\n- gesprek met *Peter de Wit*\n- 1. **PJ** twijfelt\n> Rabobank zegt niets',
      dossier,
    );
    expect(result.text).toBe(
      '## Sessie 3 – [cliënt]\n\n**Wat speelde er:**\n- gesprek met *[persoon 1]*\n- 1. **[cliënt]** twijfelt\n> [organisatie] zegt niets',
    );
  });
});
