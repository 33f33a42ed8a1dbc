/**
 * A replaced date must still read as a sentence: "Op 3 januari belde hij" becomes "In week 7
 * van het traject belde hij", not "Op week 7"; "sinds 12 maart 2019" becomes "sinds enkele
 * jaren voor de start", not "sinds vóór de start". The preposition before the date decides the
 * wording, and is replaced with it where Dutch or English needs another one.
 */

import type { Locale } from './types';

/** Where a date falls relative to the coaching, as far as the dossier tells. */
export type DatePosition =
  | { type: 'session'; n: number }
  | { type: 'week'; n: number }
  | { type: 'before-start'; days: number }
  | { type: 'unknown' };

/** "op 3 januari", "on 3 January", "sinds ...": the word that introduces the date. */
const PREPOSITION =
  /(?<![\p{L}\p{M}])(op|on|sinds|since|vanaf|from|tot|until|na|after|voor|before|per|in)\s+$/iu;

export interface DatePreposition {
  /** Offset of the preposition in the input. */
  start: number;
  word: string;
}

export function prepositionBefore(input: string, dateStart: number): DatePreposition | undefined {
  const before = input.slice(Math.max(0, dateStart - 12), dateStart);
  const m = PREPOSITION.exec(before);
  if (m?.[1] === undefined) return undefined;
  return { start: dateStart - before.length + m.index, word: m[1] };
}

function roughDistance(days: number, locale: Locale): string {
  const nl = locale === 'nl';
  if (days < 14) return nl ? 'kort voor de start' : 'shortly before the start';
  if (days < 62) return nl ? 'enkele weken voor de start' : 'a few weeks before the start';
  if (days < 365) return nl ? 'enkele maanden voor de start' : 'a few months before the start';
  return nl ? 'enkele jaren voor de start' : 'a few years before the start';
}

/** The date alone, as a noun phrase: "week 7 van het traject", "sessie 3". */
function nounPhrase(position: DatePosition, locale: Locale, unknown: string): string {
  const nl = locale === 'nl';
  switch (position.type) {
    case 'session':
      return nl ? `sessie ${position.n}` : `session ${position.n}`;
    case 'week':
      return nl ? `week ${position.n} van het traject` : `week ${position.n} of the coaching`;
    case 'before-start':
      return roughDistance(position.days, locale);
    case 'unknown':
      return unknown;
  }
}

/**
 * The words that replace the date, and whether they replace the preposition too. "op"/"on"
 * before a day becomes "in" before a week, "op de dag van" before a session, and disappears
 * before "enkele weken voor de start" (which carries its own preposition).
 */
export function datePhrase(
  position: DatePosition,
  preposition: string | undefined,
  locale: Locale,
  unknown: string,
): { text: string; replacesPreposition: boolean } {
  const noun = nounPhrase(position, locale, unknown);
  const word = preposition?.toLowerCase();
  if (word !== 'op' && word !== 'on') return { text: noun, replacesPreposition: false };
  const nl = locale === 'nl';
  let text: string;
  switch (position.type) {
    case 'session':
      text = nl ? `op de dag van ${noun}` : `on the day of ${noun}`;
      break;
    case 'week':
      text = `in ${noun}`;
      break;
    case 'before-start':
      text = noun;
      break;
    case 'unknown':
      return { text: noun, replacesPreposition: false };
  }
  // "Op 3 januari ..." opens the sentence: so does its replacement.
  const capital = preposition !== undefined && /^\p{Lu}/u.test(preposition);
  return {
    text: capital ? text.charAt(0).toUpperCase() + text.slice(1) : text,
    replacesPreposition: true,
  };
}
