import type { PracticeInfo } from './dossier-read';

/**
 * The texts inside a client's access copy (AVG art. 15), written for the client, in the
 * client's language: what the copy holds, whether the coach's private reflections are in
 * it, and what the client may do next. No technical words; the client opened the file
 * already, so there is nothing to explain about opening it.
 */

export type ClientLanguage = 'nl' | 'en';

export interface AccessTexts {
  readonly language: ClientLanguage;
  readonly createdAt: string;
  readonly practice: PracticeInfo;
  /** The client's name. */
  readonly to: string;
  readonly includeReflections: boolean;
}

// The platform's own calendar names (ICU), in UTC so the day written is the day stored.
const DAY_FORMATS: Record<ClientLanguage, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/** '2026-03-12' → '12 maart 2026' or '12 March 2026'. */
export function clientDay(day: string | null | undefined, language: ClientLanguage): string {
  if (!day) return '-';
  const moment = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}/.test(day) || Number.isNaN(moment.getTime())) return day;
  return DAY_FORMATS[language].format(moment);
}

function contact(practice: PracticeInfo): string {
  return [practice.email, practice.phone].filter(Boolean).join(', ');
}

export function accessReadme(t: AccessTexts): string {
  return t.language === 'en' ? accessReadmeEn(t) : accessReadmeNl(t);
}

function accessReadmeNl(t: AccessTexts): string {
  const coach = t.practice.coach || t.practice.practice || 'uw coach';
  const reach = contact(t.practice);
  return [
    'UW DOSSIER: KOPIE VOOR INZAGE',
    '=============================',
    '',
    `Voor:        ${t.to || '-'}`,
    `Van:         ${coach}${t.practice.practice && t.practice.coach ? ` (${t.practice.practice})` : ''}`,
    `Gemaakt op:  ${clientDay(t.createdAt, 'nl')}`,
    '',
    'U heeft gevraagd uw dossier in te zien. Dit is een kopie van alles wat uw coach over u',
    'heeft vastgelegd. Dat is uw recht volgens de Algemene verordening gegevensbescherming',
    '(AVG, artikel 15).',
    '',
    'WAT ZIT ER IN DEZE MAP',
    '  clients/<nummer>/dossier.pdf   uw dossier om te lezen: afspraken, gesprekken,',
    '                                 documenten en de afsluiting',
    '  clients/<nummer>/attachments/  documenten uit uw dossier, zoals een getekend contract',
    '  bewaartermijnen.txt            hoe lang uw dossier bewaard wordt',
    '  clients/<nummer>/dossier.json  hetzelfde als de PDF, voor een computer; u kunt het',
    '                                 overslaan, of het aan een volgende coach geven',
    '  manifest.json                  een inhoudsopgave voor een computer; u kunt het overslaan',
    '',
    'PERSOONLIJKE AANTEKENINGEN VAN UW COACH',
    ...(t.includeReflections
      ? [
          '  Na sommige gesprekken schrijft uw coach voor zichzelf op hoe het gesprek ging en',
          '  wat hij of zij ervan leert (een reflectie). Uw coach heeft ervoor gekozen die',
          '  aantekeningen ook aan u te geven: u vindt ze in de PDF bij elk gesprek, onder',
          '  "Reflectie van de coach".',
        ]
      : [
          '  Na sommige gesprekken schrijft uw coach voor zichzelf op hoe het gesprek ging en',
          '  wat hij of zij ervan leert (een reflectie). Die aantekeningen gaan over het werk',
          '  van de coach en zitten niet in deze kopie. Wilt u weten wat er over u in staat,',
          '  vraag het dan aan uw coach.',
        ]),
    '',
    'KLOPT ER IETS NIET?',
    '  U mag vragen om gegevens te verbeteren of aan te vullen (AVG artikel 16) en, als er',
    '  geen reden meer is om ze te bewaren, om ze te laten verwijderen (artikel 17).',
    `  Neem daarvoor contact op met ${coach}${reach ? `: ${reach}` : ''}.`,
    '',
    'BEWAAR DEZE KOPIE GOED',
    '  Er staan persoonlijke gegevens in. Bewaar de map op een plek waar anderen er niet bij',
    '  kunnen, en gooi hem weg als u hem niet meer nodig heeft.',
    '',
  ].join('\n');
}

function accessReadmeEn(t: AccessTexts): string {
  const coach = t.practice.coach || t.practice.practice || 'your coach';
  const reach = contact(t.practice);
  return [
    'YOUR RECORD: COPY FOR ACCESS',
    '============================',
    '',
    `For:      ${t.to || '-'}`,
    `From:     ${coach}${t.practice.practice && t.practice.coach ? ` (${t.practice.practice})` : ''}`,
    `Made on:  ${clientDay(t.createdAt, 'en')}`,
    '',
    'You asked to see your record. This is a copy of everything your coach wrote down',
    'about you. That is your right under the General Data Protection Regulation (GDPR,',
    'article 15). Your coach keeps the record in Dutch, so the record itself is in Dutch.',
    '',
    'WHAT IS IN THIS FOLDER',
    '  clients/<number>/dossier.pdf   your record to read: agreements, sessions,',
    '                                 documents and the ending',
    '  clients/<number>/attachments/  documents from your record, such as a signed contract',
    '  retention.txt                  how long your record is kept',
    '  clients/<number>/dossier.json  the same as the PDF, for a computer; you can skip it,',
    '                                 or give it to a next coach',
    '  manifest.json                  a table of contents for a computer; you can skip it',
    '',
    "YOUR COACH'S PERSONAL NOTES",
    ...(t.includeReflections
      ? [
          '  After some sessions your coach writes down, for themselves, how the session went',
          '  and what they learn from it (a reflection). Your coach chose to give you these',
          '  notes as well: you find them in the PDF with each session, under "Reflectie van',
          '  de coach" (Dutch for "the coach\'s reflection").',
        ]
      : [
          '  After some sessions your coach writes down, for themselves, how the session went',
          '  and what they learn from it (a reflection). These notes are about the coach’s',
          '  own work and are not in this copy. If you want to know what they say about you,',
          '  ask your coach.',
        ]),
    '',
    'SOMETHING NOT RIGHT?',
    '  You may ask to have your details corrected or completed (GDPR article 16) and, when',
    '  there is no longer a reason to keep them, erased (article 17).',
    `  Contact ${coach}${reach ? `: ${reach}` : ''}.`,
    '',
    'KEEP THIS COPY SAFE',
    '  It holds personal details. Keep the folder where others cannot reach it, and delete',
    '  it when you no longer need it.',
    '',
  ].join('\n');
}

const STATUS: Record<ClientLanguage, Record<string, string>> = {
  nl: { intake: 'Intake', active: 'Lopend', ended: 'Afgesloten' },
  en: { intake: 'Intake', active: 'Ongoing', ended: 'Ended' },
};

export interface RetentionRow {
  readonly pseudonym: string;
  readonly name: string;
  readonly status: string;
  readonly endedOn: string | null;
  readonly until: string | null;
}

/** The retention schedule in one language, every word in it (statuses too). */
export function retentionText(
  createdAt: string,
  rows: readonly RetentionRow[],
  language: ClientLanguage,
): string {
  const nl = language === 'nl';
  const lines = nl
    ? [
        'BEWAARTERMIJNEN (ethische code art. 2.27b)',
        `Opgesteld op ${clientDay(createdAt, 'nl')}. Een dossier mag pas na de genoemde datum`,
        'worden vernietigd, en moet dan ook worden vernietigd. Lopende trajecten hebben nog',
        'geen einddatum.',
        '',
        'Pseudoniem; Naam; Status; Beëindigd op; Bewaren tot',
      ]
    : [
        'RETENTION (TotalBalance code of ethics, art. 2.27b)',
        `Drawn up on ${clientDay(createdAt, 'en')}. A record may be destroyed only after the`,
        'date given, and must be destroyed then. Ongoing coaching has no end date yet.',
        '',
        'Pseudonym; Name; Status; Ended on; Keep until',
      ];
  for (const row of rows) {
    lines.push(
      [
        row.pseudonym,
        row.name,
        STATUS[language][row.status] ?? row.status,
        row.endedOn ? clientDay(row.endedOn, language) : '-',
        row.until ? clientDay(row.until, language) : nl ? 'nog niet bekend' : 'not known yet',
      ].join('; '),
    );
  }
  lines.push('');
  return lines.join('\n');
}
