/** Placeholder and relative-term wording per locale, kept in one place so the UI can match it. */

import type { IdentifierKind, Locale } from './types';

interface Wording {
  client: string;
  person: (n: number) => string;
  sponsorOrganisation: string;
  organisation: (n: number) => string;
  fixed: Record<Exclude<IdentifierKind, 'client-name' | 'person' | 'organisation'>, string>;
  session: (n: number) => string;
  week: (n: number) => string;
  beforeStart: string;
  place: string;
  jobTitle: string;
  number: string;
}

export const WORDING: Readonly<Record<Locale, Wording>> = {
  nl: {
    client: '[cliënt]',
    person: (n) => `[persoon ${n}]`,
    sponsorOrganisation: '[organisatie]',
    organisation: (n) => `[organisatie ${n}]`,
    fixed: {
      email: '[e-mail]',
      phone: '[telefoon]',
      iban: '[iban]',
      bsn: '[bsn]',
      postcode: '[postcode]',
      address: '[adres]',
      place: '[plaats]',
      url: '[url]',
      'licence-plate': '[kenteken]',
      date: '[datum]',
      age: '[leeftijd]',
      'date-of-birth': '[geboortedatum]',
    },
    session: (n) => `sessie ${n}`,
    week: (n) => `week ${n}`,
    beforeStart: 'vóór de start',
    place: '[plaats]',
    jobTitle: '[functie]',
    number: '[nummer]',
  },
  en: {
    client: '[client]',
    person: (n) => `[person ${n}]`,
    sponsorOrganisation: '[organisation]',
    organisation: (n) => `[organisation ${n}]`,
    fixed: {
      email: '[email]',
      phone: '[phone]',
      iban: '[iban]',
      bsn: '[bsn]',
      postcode: '[postcode]',
      address: '[address]',
      place: '[place]',
      url: '[url]',
      'licence-plate': '[licence plate]',
      date: '[date]',
      age: '[age]',
      'date-of-birth': '[date of birth]',
    },
    session: (n) => `session ${n}`,
    week: (n) => `week ${n}`,
    beforeStart: 'before the start',
    place: '[place]',
    jobTitle: '[job title]',
    number: '[number]',
  },
};

/**
 * Other organisations are numbered from 2, so that the bare `[organisatie]` always means the
 * sponsor (opdrachtgever), also in summaries where the sponsor is not mentioned.
 */
export const FIRST_OTHER_ORGANISATION_NUMBER = 2;
