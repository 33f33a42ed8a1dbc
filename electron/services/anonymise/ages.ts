/**
 * Ages as coaches write them: "ze is 15", "hij is 52 en", "Rick (47)", "(her daughter, 19)",
 * "a 31-year-old", "aged 19", "turned 19", "Background: 34", "met 52 te oud", "her 30th
 * birthday". With a first name and a town, an exact age narrows a client down to a handful of
 * people, so it is replaced even without a birth date nearby.
 */

import { PATTERN_PRIORITY } from './patterns';
import { WORDING } from './placeholders';
import { findAll, sentenceBounds } from './text';
import type { Detection, Locale } from './types';

/** Forms that say "age" themselves: "34 jaar oud", "34-jarige", "34 years old", "aged 34". */
const EXPLICIT_AGE =
  /(?<![\p{L}\p{N}])(?:aged\s+\d{1,3}|\d{1,3}(?:\s?jaar\s+oud|[- ]jarige?|[- ]years?[- ]old|[- ]year-old|\s?yrs?\s+old))(?![\p{L}])/giu;

/** "(6 jaar)", "(8 yrs)": an age in brackets after a name. */
const BRACKETED_YEARS = /(?<=\(\s*)\d{1,2}\s?(?:jaar|jr\.?|years?|yrs?)(?=\s*[,)])/giu;

/**
 * A number right after "is/ben/was/turned/he's" and a subject, ending the clause: "Ze is 40,",
 * "Noor is 15, zit", "ik ben 44 en", "He is 38.". The clause end keeps "is 15 minuten" out.
 */
const STATED_AGE =
  /(?<=(?<![\p{L}])(?:\p{Lu}[\p{L}'’-]+\)?|ze|zij|hij|ik|je|jij|en|he|she|i|they|and|who|die)\s+(?:is|ben|bent|was|werd|wordt|turned|turns|am|are)\s+(?:pas\s+|nu\s+|net\s+|bijna\s+|inmiddels\s+|now\s+|just\s+|only\s+|nearly\s+|almost\s+)?|(?<![\p{L}])(?:he|she|i|they)['’](?:s|m|re)\s+(?:now\s+|just\s+|only\s+|nearly\s+|almost\s+)?)(?:[1-9]\d?|10\d)(?=\s*(?:[,.;:!?)]|$)|\s+(?:en|and|maar|but|jaar|years?|last|this|nu|now|sinds|since|geworden|with|met|en\s))/gimu;

/** "Rick (47)", "Luuk (12, groep 8)", "(her daughter, 19)": a number alone in a bracket. */
const BRACKETED_AGE = /(?<=\p{L}\s?\(\s*|\(\p{L}[^()\n]{0,40},\s*)(?:[1-9]\d?)(?=\s*[,)])/gu;

/** "Background: 34," "Leeftijd: 52": a label, then a number. */
const LABELLED_AGE =
  /(?<=(?<![\p{L}])(?:achtergrond|background|leeftijd|age)\s*:\s*)(?:[1-9]\d?|10\d)(?![\p{N}.,]\d|\s*(?:%|uur|hours?|jaar|years?))/giu;

/** "at Brightloop, 29, signed off": a two-digit number between commas after a word. */
const APPOSITIVE_AGE = /(?<=\p{L},\s)[1-9]\d(?=,\s\p{Ll})/gu;

/** "her 30th birthday", "zijn 50e verjaardag". */
const BIRTHDAY_ORDINAL =
  /(?<![\p{L}\p{N}])\d{1,3}(?:st|nd|rd|th|e|ste|de)(?=\s+(?:birthday|verjaardag))/giu;

/** "met 52 te oud", "retiring at 55": a number after met/at/op in a sentence about age. */
const AGE_NUMBER_AFTER_PREPOSITION =
  /(?<=(?<![\p{L}])(?:met|at|op)\s)[1-9]\d(?![\p{N}]|[.,:]\d|\s*(?:uur|jaar|%))/giu;
const AGE_WORDS =
  /(?<![\p{L}])(?:oud|jong|old|young|leeftijd|age|retir\w*|pensioen\w*)(?![\p{L}])/iu;

/** A subject that makes "X is 7" a score, not an age. */
const SCORE_SUBJECT =
  /(?<![\p{L}])(?:cijfer|score|stand|schaal|nummer|number|rating|gemiddelde|average|kamer|room|groep|group|year|jaar|sessie|session|week|versie|version|uur|hours?)(?![\p{L}])[^.\n]{0,12}$/iu;

export function detectStatedAges(input: string, locale: Locale): Detection[] {
  const out: Detection[] = [];
  const push = (start: number, end: number): void => {
    out.push({
      start,
      end,
      kind: 'age',
      priority: PATTERN_PRIORITY.age,
      placeholder: WORDING[locale].fixed.age,
    });
  };
  for (const regex of [
    EXPLICIT_AGE,
    BRACKETED_YEARS,
    BRACKETED_AGE,
    LABELLED_AGE,
    APPOSITIVE_AGE,
    BIRTHDAY_ORDINAL,
  ]) {
    for (const m of findAll(input, regex)) push(m.start, m.end);
  }
  for (const m of findAll(input, STATED_AGE)) {
    if (!SCORE_SUBJECT.test(input.slice(Math.max(0, m.start - 30), m.start))) push(m.start, m.end);
  }
  for (const m of findAll(input, AGE_NUMBER_AFTER_PREPOSITION)) {
    const sentence = sentenceBounds(input, m.start);
    if (AGE_WORDS.test(input.slice(sentence.start, sentence.end))) push(m.start, m.end);
  }
  return out;
}
