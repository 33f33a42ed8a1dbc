import { describe, expect, it } from 'vitest';
import {
  parseOrganisationField,
  parsePersonField,
  townOf,
} from '../../electron/services/anonymise/dossier-fields';

describe('person fields as typed', () => {
  it.each([
    ['Peter de Wit (HR)', { given: [], initials: '', rest: 'Peter de Wit' }],
    ['mw. A. Koster, teamleider', { given: [], initials: 'A', rest: 'Koster' }],
    ['Rachel Green, HR Business Partner', { given: [], initials: '', rest: 'Rachel Green' }],
    ['dhr. M. (Maarten) Smit', { given: ['Maarten'], initials: 'M', rest: 'Smit' }],
    ['ir. J.P. Veldhuis', { given: [], initials: 'JP', rest: 'Veldhuis' }],
    ['Dr. S. Patel', { given: [], initials: 'S', rest: 'Patel' }],
    ['Mevrouw drs. E. de Groot-Bos', { given: [], initials: 'E', rest: 'de Groot-Bos' }],
    ['Anouk', { given: [], initials: '', rest: 'Anouk' }],
  ])('%s', (field, expected) => {
    expect(parsePersonField(field)).toEqual(expected);
  });
});

describe('organisation fields as typed', () => {
  it('keeps a bracketed abbreviation and the initials of the capitalised words', () => {
    expect(parseOrganisationField('Woningcorporatie Thuis aan de Vecht (TadV)')).toEqual({
      name: 'Woningcorporatie Thuis aan de Vecht',
      abbreviations: ['TadV', 'WTV'],
    });
  });

  it('takes the first word unless it is an article or a general word', () => {
    expect(parseOrganisationField('Rabobank Utrecht').firstWord).toBe('Rabobank');
    expect(parseOrganisationField('Northwind Logistics Ltd').firstWord).toBe('Northwind');
    expect(parseOrganisationField('Gemeente Hardenberg').firstWord).toBeUndefined();
    expect(parseOrganisationField('Het Stedelijk Lyceum').firstWord).toBeUndefined();
    expect(parseOrganisationField('CSG Dingstede')).toMatchObject({
      firstWord: 'Dingstede',
      abbreviations: expect.arrayContaining(['CSG']),
    });
  });

  it('never makes an abbreviation that already means something else', () => {
    expect(parseOrganisationField('Nationale Lotto').abbreviations).toEqual([]);
  });
});

describe('the town of an address', () => {
  it.each([
    ['Oudegracht 112, 3511 AX Utrecht', 'Utrecht'],
    ['Kerkstraat 12 3511AB Den Haag', 'Den Haag'],
    ['Flat 3, 22 Quay Road, Bristol BS1 4QA', 'Bristol'],
    ['14 Mill Lane\nLeeds LS6 2AB', 'Leeds'],
    ['Kerkstraat 12', undefined],
  ])('%s', (address, town) => {
    expect(townOf(address)).toBe(town);
  });
});
