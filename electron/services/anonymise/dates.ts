/**
 * Exact dates (Dutch and English forms) become relative terms: the session they fall on, the
 * week of the engagement, or "[datum]". Birth dates become "[geboortedatum]", and an age in the
 * same sentence as a birth date becomes "[leeftijd]" (an age alone is not identifying).
 */

import { type DatePosition, datePhrase, prepositionBefore } from './date-phrases';
import { PATTERN_PRIORITY } from './patterns';
import { WORDING } from './placeholders';
import { findAll, NOT_AFTER_WORD, NOT_BEFORE_WORD, sentenceBounds } from './text';
import type { Detection, DossierIdentifiers, Locale } from './types';

export interface CalendarDate {
  year?: number;
  month: number;
  day: number;
}

const DUTCH_MONTHS: Readonly<Record<string, number>> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  febr: 2,
  maart: 3,
  mrt: 3,
  april: 4,
  apr: 4,
  mei: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augustus: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const ENGLISH_MONTHS: Readonly<Record<string, number>> = {
  January: 1,
  Jan: 1,
  February: 2,
  Feb: 2,
  March: 3,
  Mar: 3,
  April: 4,
  Apr: 4,
  May: 5,
  June: 6,
  Jun: 6,
  July: 7,
  Jul: 7,
  August: 8,
  Aug: 8,
  September: 9,
  Sep: 9,
  Sept: 9,
  October: 10,
  Oct: 10,
  November: 11,
  Nov: 11,
  December: 12,
  Dec: 12,
};

/** Full month names; abbreviations such as "Jan" are also Dutch first names. */
const ENGLISH_FULL_MONTHS = new Set([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);
const DUTCH_FULL_MONTHS = new Set([
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
]);

/**
 * Month names longest first (a regex alternation takes the first that fits). Only an
 * abbreviation may carry a period ("12 mrt."): after a full name the period ends the sentence.
 */
function monthAlternation(names: string[], fullNames: Set<string>): string {
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map((name) => (fullNames.has(name) ? name : `${name}\\.?`))
    .join('|');
}

const NL_WEEKDAY =
  '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)';
const EN_WEEKDAY =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)';
const YEAR = "(\\d{4}|['’]\\d{2})";

/**
 * "12 maart 2024", "maandag 12 mrt.", "1e april": Dutch writes months in lower case, so this one
 * is case-insensitive. The month may not run on into a word ("3 meiden").
 */
const DUTCH_TEXTUAL = new RegExp(
  `${NOT_AFTER_WORD}(?:${NL_WEEKDAY}\\.?,?\\s+(?:de\\s+)?)?(\\d{1,2})(?:e|ste|de)?\\s+(${monthAlternation(
    Object.keys(DUTCH_MONTHS),
    DUTCH_FULL_MONTHS,
  )})${NOT_BEFORE_WORD}(?:,?\\s+${YEAR}(?!\\d))?`,
  'giu',
);

/**
 * "12 March 2024", "12th of March", "the 3rd of May 1990". English capitalises months, so this
 * is case-sensitive: "12 may be" is not a date.
 */
const ENGLISH_DAY_FIRST = new RegExp(
  `${NOT_AFTER_WORD}(?:${EN_WEEKDAY},?\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+(${monthAlternation(
    Object.keys(ENGLISH_MONTHS),
    ENGLISH_FULL_MONTHS,
  )})${NOT_BEFORE_WORD}(?:,?\\s+${YEAR}(?!\\d))?`,
  'gu',
);

/** "March 12, 2024", "May 3rd", "Tuesday, March 12". */
const ENGLISH_MONTH_FIRST = new RegExp(
  `${NOT_AFTER_WORD}(?:${EN_WEEKDAY},?\\s+)?(${monthAlternation(
    Object.keys(ENGLISH_MONTHS),
    ENGLISH_FULL_MONTHS,
  )})\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?${NOT_BEFORE_WORD}(?:,?\\s+${YEAR}(?!\\d))?`,
  'gu',
);

/**
 * Numeric dates "12-03-2024", "12/3/2024", "12.03.24" (the same separator twice). Read day-first
 * as in Dutch and British usage; month-first only when day-first is impossible ("3/25/2024").
 */
const NUMERIC = new RegExp(
  `(?<![\\p{L}\\p{N}/.-])(?:(?:${NL_WEEKDAY}|${EN_WEEKDAY})\\.?,?\\s+)?(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\p{N}]|[-/.]\\d)`,
  'giu',
);

/** ISO dates "2024-03-12". */
const ISO = /(?<![\p{L}\p{N}/.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\p{N}]|[-/.]\d)/gu;

/**
 * "12-3", "14/5", "sessie 2 (13-2)", "Next: 23/5": a day and month without year. Coaches write
 * them everywhere, so they count unless the context makes them a range, score or fraction:
 * "1-2 keer", "3/4 van de week", "werd 12-3", "schaal van 1-10", "24/7".
 */
const NUMERIC_NO_YEAR =
  /(?<![\p{L}\p{N}/.,:€$£#-])(\d{1,2})[-/](\d{1,2})(?![\p{N}]|[-/.,]\d|\s*(?:%|x(?![\p{L}])|keer|maal|sessies?|gesprekken|uur|u(?![\p{L}])|min|minuten|dagen|weken|maanden|jaar|jaren|times|sessions?|hours?|hrs?|days?|weeks?|months?|years?|of(?![\p{L}])|van(?![\p{L}])|mensen|people|kinderen|children|punten|points|euro|pounds?))/giu;
const NOT_A_DAY_BEFORE =
  /(?<![\p{L}])(?:werd|wordt|stand|stond|eindigde|won|lost|verloor|gewonnen|score|scoorde|scored|schaal|scale|tussen|between|ratio|cijfer|rated|groep|group|year|klas|nr\.?|no\.?)\s+(?:van\s+|of\s+)?$/iu;

/** "op een schaal van 1-10", "scaling question 1-10": a range, whatever the numbers. */
const A_SCALE =
  /(?<![\p{L}])(?:schaal\p{L}*|scale|scaling|score\p{L}*|cijfer|rating|rated?)(?![\p{L}])/iu;

/** "sept 2023", "Oct 2024", "maart 2019", "July 2024": a month and year without a day. */
const DUTCH_MONTH_YEAR = new RegExp(
  `(?<![\\p{L}\\p{N}])(${monthAlternation(Object.keys(DUTCH_MONTHS), DUTCH_FULL_MONTHS)})\\s+(\\d{4})(?!\\d)`,
  'giu',
);
const ENGLISH_MONTH_YEAR = new RegExp(
  `(?<![\\p{L}\\p{N}])(${monthAlternation(Object.keys(ENGLISH_MONTHS), ENGLISH_FULL_MONTHS)})\\s+(\\d{4})(?!\\d)`,
  'gu',
);

/**
 * "vorige dinsdag", "vorige week donderdag", "afgelopen zaterdag", "dinsdag jl.", "last
 * Thursday": one day, dated by the note itself. Its replacement keeps only "recently".
 */
const PAST_WEEKDAY =
  /(?<![\p{L}])(?:(?:vorige|afgelopen)\s+(?:week\s+)?(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:avond|middag|ochtend|nacht)?|(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+(?:jl\.|j\.l\.)|(?:last|this\s+past)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?)(?![\p{L}])/giu;

/** Words that make the following date a birth date, in the 40 characters before it. */
const BIRTH_CONTEXT =
  /(?<![\p{L}])(?:geboren|geb\.|geboortedatum|geboortedag|jarig|verjaardag|born|birthday|date of birth|d\.o\.b\.?|dob)[\s:,]*(?:op|on|in|de|the|:)?\s*$/iu;

/** "geboren in 1990", "born in 1988", "(geb. 1990)": a birth year alone. */
const BIRTH_YEAR =
  /(?<=(?:geboren|geb\.|born|geboortejaar|year of birth)[\s:]*(?:in\s+)?)(?:19|20)\d{2}(?!\d)/giu;

/** "34 jaar oud", "34-jarige", "34 years old", "a 34-year-old", "aged 34". */
const AGE =
  /(?<![\p{L}\p{N}])(?:aged\s+\d{1,3}|\d{1,3}(?:\s?jaar(?:\s+oud)?|[- ]jarige?|\s?jr\.?|[- ]years?[- ]old|[- ]year-old|\s?yrs?(?:\s+old)?))(?![\p{L}])/giu;

/** The month as written, without an abbreviation's period. */
function monthKey(written: string | undefined): string {
  return (written ?? '').replace(/\.$/u, '');
}

function isValidDate(date: CalendarDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  const year = date.year ?? 2024; // a leap year, so "29 februari" without a year is accepted
  return date.day <= new Date(Date.UTC(year, date.month, 0)).getUTCDate();
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const digits = text.replace(/\D/g, '');
  if (digits.length === 4) return Number(digits);
  // Two-digit years: 00-49 are this century, 50-99 the previous one (birth years).
  const short = Number(digits);
  return short < 50 ? 2000 + short : 1900 + short;
}

export function parseIsoDate(text: string | undefined): CalendarDate | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (m === null) return undefined;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export interface FoundDate {
  start: number;
  end: number;
  date: CalendarDate;
  /** Only a month was written ("sept 2023"): the day is the middle of it, never a session. */
  monthOnly?: boolean;
}

/** Months with a year and no day, placed at the 15th so they fall in the right week. */
export function findMonthYears(input: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of findAll(input, DUTCH_MONTH_YEAR)) {
    const month = DUTCH_MONTHS[monthKey(m.groups[0]).toLowerCase()];
    if (month !== undefined)
      found.push({
        start: m.start,
        end: m.end,
        date: { day: 15, month, year: Number(m.groups[1]) },
        monthOnly: true,
      });
  }
  for (const m of findAll(input, ENGLISH_MONTH_YEAR)) {
    const month = ENGLISH_MONTHS[monthKey(m.groups[0])];
    if (month !== undefined)
      found.push({
        start: m.start,
        end: m.end,
        date: { day: 15, month, year: Number(m.groups[1]) },
        monthOnly: true,
      });
  }
  return found;
}

/** Every exact date in the input with its calendar value. */
export function findDates(input: string, locale: Locale): FoundDate[] {
  const found: FoundDate[] = [];
  const push = (start: number, end: number, date: CalendarDate): void => {
    if (isValidDate(date)) found.push({ start, end, date });
  };
  for (const m of findAll(input, DUTCH_TEXTUAL)) {
    const month = DUTCH_MONTHS[monthKey(m.groups[1]).toLowerCase()];
    if (month !== undefined) {
      push(m.start, m.end, { day: Number(m.groups[0]), month, year: parseYear(m.groups[2]) });
    }
  }
  for (const m of findAll(input, ENGLISH_DAY_FIRST)) {
    const month = ENGLISH_MONTHS[monthKey(m.groups[1])];
    if (month !== undefined) {
      push(m.start, m.end, { day: Number(m.groups[0]), month, year: parseYear(m.groups[2]) });
    }
  }
  for (const m of findAll(input, ENGLISH_MONTH_FIRST)) {
    const name = monthKey(m.groups[0]);
    const month = ENGLISH_MONTHS[name];
    const year = parseYear(m.groups[2]);
    // "Jan 12" in a Dutch note is more likely "Jan" the person: abbreviations need a year there.
    const trusted = ENGLISH_FULL_MONTHS.has(name) || year !== undefined || locale === 'en';
    if (month !== undefined && trusted) {
      push(m.start, m.end, { day: Number(m.groups[1]), month, year });
    }
  }
  for (const m of findAll(input, NUMERIC)) {
    const first = Number(m.groups[0]);
    const second = Number(m.groups[2]);
    const year = parseYear(m.groups[3]);
    // Day-first unless only the month-first (American) reading is a valid date.
    const dayFirst = second <= 12 || first > 12;
    push(
      m.start,
      m.end,
      dayFirst ? { day: first, month: second, year } : { day: second, month: first, year },
    );
  }
  for (const m of findAll(input, ISO)) {
    push(m.start, m.end, {
      year: Number(m.groups[0]),
      month: Number(m.groups[1]),
      day: Number(m.groups[2]),
    });
  }
  for (const m of findAll(input, NUMERIC_NO_YEAR)) {
    if (NOT_A_DAY_BEFORE.test(input.slice(Math.max(0, m.start - 20), m.start))) continue;
    const sentence = sentenceBounds(input, m.start);
    if (A_SCALE.test(input.slice(sentence.start, sentence.end))) continue;
    push(m.start, m.end, { day: Number(m.groups[0]), month: Number(m.groups[1]) });
  }
  return found;
}

function toDayNumber(date: Required<CalendarDate>): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

function sameDay(a: CalendarDate, b: CalendarDate | undefined): boolean {
  return (
    b !== undefined &&
    a.month === b.month &&
    a.day === b.day &&
    (a.year === undefined || a.year === b.year)
  );
}

/**
 * A date without a year is placed in the year that puts it closest after the engagement start
 * (a coaching trajectory rarely spans more than a year): from six months before the start on.
 */
function inferYear(date: CalendarDate, anchor: CalendarDate | undefined): number | undefined {
  if (date.year !== undefined) return date.year;
  if (anchor?.year === undefined) return undefined;
  const sameYear = toDayNumber({ year: anchor.year, month: date.month, day: date.day });
  const anchorDay = toDayNumber({ year: anchor.year, month: anchor.month, day: anchor.day });
  return sameYear < anchorDay - 183 ? anchor.year + 1 : anchor.year;
}

/** Where a date falls: on a session, in a week of the engagement, before it, or unknown. */
export function datePosition(date: CalendarDate, known: DossierIdentifiers): DatePosition {
  const sessions = (known.sessionDates ?? []).map(parseIsoDate);
  const sessionIndex = sessions.findIndex((session) => sameDay(date, session));
  if (sessionIndex >= 0) return { type: 'session', n: sessionIndex + 1 };
  const start = parseIsoDate(known.engagementStart);
  const anchor = start ?? sessions.find((session) => session !== undefined);
  const year = inferYear(date, anchor);
  if (start?.year === undefined || year === undefined) return { type: 'unknown' };
  const days =
    toDayNumber({ year, month: date.month, day: date.day }) -
    toDayNumber({ year: start.year, month: start.month, day: start.day });
  if (days < 0) return { type: 'before-start', days: -days };
  return { type: 'week', n: Math.floor(days / 7) + 1 };
}

/** The relative term for a date: "sessie 3", "week 5", "vóór de start" or "[datum]". */
export function relativeDateTerm(
  date: CalendarDate,
  known: DossierIdentifiers,
  locale: Locale,
): string {
  const words = WORDING[locale];
  const position = datePosition(date, known);
  switch (position.type) {
    case 'session':
      return words.session(position.n);
    case 'week':
      return words.week(position.n);
    case 'before-start':
      return words.beforeStart;
    case 'unknown':
      return words.fixed.date;
  }
}

function isBirthDate(
  input: string,
  found: FoundDate,
  dateOfBirth: CalendarDate | undefined,
): boolean {
  if (dateOfBirth !== undefined) {
    const { year, month, day } = found.date;
    // A birthday without year ("jarig op 3 mei") still gives away most of the birth date.
    if (
      month === dateOfBirth.month &&
      day === dateOfBirth.day &&
      (year === undefined || year === dateOfBirth.year)
    ) {
      return true;
    }
  }
  return BIRTH_CONTEXT.test(input.slice(Math.max(0, found.start - 40), found.start));
}

/** Date and birth-date detections, each with its final replacement text. */
export function detectDates(input: string, known: DossierIdentifiers, locale: Locale): Detection[] {
  const dateOfBirth = parseIsoDate(known.client.dateOfBirth);
  const out: Detection[] = [];
  for (const found of [...findDates(input, locale), ...findMonthYears(input)]) {
    const dossier = found.monthOnly ? { ...known, sessionDates: [] } : known;
    const birth = found.monthOnly
      ? BIRTH_CONTEXT.test(input.slice(Math.max(0, found.start - 40), found.start))
      : isBirthDate(input, found, dateOfBirth);
    if (birth) {
      out.push({
        start: found.start,
        end: found.end,
        kind: 'date-of-birth',
        priority: PATTERN_PRIORITY['date-of-birth'],
        placeholder: WORDING[locale].fixed['date-of-birth'],
      });
    } else {
      const preposition = prepositionBefore(input, found.start);
      const phrase = datePhrase(
        datePosition(found.date, dossier),
        preposition?.word,
        locale,
        WORDING[locale].fixed.date,
      );
      out.push({
        start: phrase.replacesPreposition && preposition ? preposition.start : found.start,
        end: found.end,
        kind: 'date',
        priority: PATTERN_PRIORITY.date,
        placeholder: phrase.text,
      });
    }
  }
  for (const m of findAll(input, PAST_WEEKDAY)) {
    const recent = locale === 'nl' ? 'onlangs' : 'recently';
    out.push({
      start: m.start,
      end: m.end,
      kind: 'date',
      priority: PATTERN_PRIORITY.date,
      placeholder: /^\p{Lu}/u.test(m.text)
        ? recent.charAt(0).toUpperCase() + recent.slice(1)
        : recent,
    });
  }
  for (const m of findAll(input, BIRTH_YEAR)) {
    out.push({
      start: m.start,
      end: m.end,
      kind: 'date-of-birth',
      priority: PATTERN_PRIORITY['date-of-birth'],
      placeholder: WORDING[locale].fixed['date-of-birth'],
    });
  }
  return out;
}

/**
 * Ages that share a sentence with a chosen birth-date replacement. Run after overlap
 * resolution, because only a birth date that is actually replaced makes the age identifying.
 */
export function detectAttachedAges(
  input: string,
  birthDates: { start: number; end: number }[],
  locale: Locale,
): Detection[] {
  if (birthDates.length === 0) return [];
  const out: Detection[] = [];
  for (const m of findAll(input, AGE)) {
    const sentence = sentenceBounds(input, m.start);
    const attached = birthDates.some((b) => b.start < sentence.end && b.end > sentence.start);
    if (attached) {
      out.push({
        start: m.start,
        end: m.end,
        kind: 'age',
        priority: PATTERN_PRIORITY.age,
        placeholder: WORDING[locale].fixed.age,
      });
    }
  }
  return out;
}
