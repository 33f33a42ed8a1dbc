/**
 * Pattern detectors for identifiers that have a recognisable shape: e-mail, URL, phone, IBAN,
 * BSN, postcode, street address and Dutch licence plate. Every detector returns spans in the
 * original input; overlaps between detectors are resolved later (longest span wins).
 */

import { IBAN_LENGTHS, isValidBsn, isValidIban } from './checksums';
import { findAll, NOT_AFTER_WORD, NOT_BEFORE_WORD } from './text';
import type { Detection, IdentifierKind, Locale } from './types';

/** Tie-breakers for spans of equal length: the more specific shape wins. */
export const PATTERN_PRIORITY: Readonly<Record<IdentifierKind, number>> = {
  'client-name': 0,
  person: 1,
  organisation: 2,
  email: 3,
  url: 4,
  iban: 5,
  phone: 6,
  bsn: 7,
  'licence-plate': 8,
  address: 9,
  place: 9.5,
  postcode: 10,
  'date-of-birth': 11,
  date: 12,
  age: 13,
};

function detection(start: number, end: number, kind: IdentifierKind): Detection {
  return { start, end, kind, priority: PATTERN_PRIORITY[kind] };
}

// ---------------------------------------------------------------------------------------------
// E-mail and URL

/** The address forms people actually use (not full RFC 5322); the TLD needs two letters. */
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;

export function detectEmails(input: string): Detection[] {
  return findAll(input, EMAIL).map((m) => detection(m.start, m.end, 'email'));
}

/** Explicit URLs: everything up to whitespace or a bracket/quote. */
const URL_EXPLICIT = /(?<![\p{L}\p{N}])(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+/giu;

/**
 * Bare domains ("linkedin.com/in/...") for the TLDs a Dutch coach will meet. The first label
 * needs two characters so that abbreviations such as "o.a." never look like a domain; the
 * lookbehind excludes "@" so the domain of an e-mail address is left to the e-mail detector.
 */
const URL_BARE =
  /(?<![\p{L}\p{N}@._/-])(?:[\p{L}\p{N}][\p{L}\p{N}-]+\.)+(?:nl|com|org|net|eu|be|de|uk|io|info|nu)(?:\/[^\s<>"'()[\]{}]*)?(?![\p{L}\p{N}-])/giu;

/** Sentence punctuation directly after a URL belongs to the sentence, not to the URL. */
function trimUrl(text: string): number {
  const trimmed = text.replace(/[.,;:!?]+$/u, '');
  return trimmed.length;
}

export function detectUrls(input: string): Detection[] {
  return [...findAll(input, URL_EXPLICIT), ...findAll(input, URL_BARE)].map((m) =>
    detection(m.start, m.start + trimUrl(m.text), 'url'),
  );
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/**
 * A run of digits with separators (a space, or . - / with optional spaces: "010 - 772 44 15")
 * and parentheses, optionally opened by "+". Every step consumes one kind of character, so the
 * regex cannot backtrack exponentially. Whether a run is a phone number is decided in code:
 * digit counts differ per numbering plan, which a regex expresses badly.
 */
const PHONE_RUN =
  /(?<![\p{L}\p{N}+#@])(?:\+\s?|\(\+?)?\d(?:\d|(?: ?[.\-/] ?| )\(?(?=\d)|\((?=\d)|\)(?=[ .\-/]?\(?\d))*/gu;

/** "12-03-2024" and friends: a date must never be read as a phone number. */
const DATE_LIKE = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/;

/** Longest written form we accept, e.g. "+31 (0)6 12 34 56 78" (20) with some slack. */
const MAX_PHONE_LENGTH = 26;

/** North American format without country code: "(555) 123-4567", "555-123-4567". */
const NANP = /^\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}$/;

function isPhoneNumber(candidate: string, locale: Locale): boolean {
  const digits = candidate.replace(/\D/g, '');
  const international = /^\(?\+/.test(candidate) || digits.startsWith('00');
  if (international) {
    // "+31 (0)6 ..." carries a trunk zero that is not dialled from abroad.
    const trunkZero = /\(0\)/.test(candidate) ? 1 : 0;
    const significant = digits.replace(/^00/, '').length - trunkZero;
    return significant >= 9 && significant <= 15 && !/^(?:00)?0/.test(digits.replace(/^00/, ''));
  }
  if (DATE_LIKE.test(candidate)) return false;
  if (digits.startsWith('0')) {
    // Dutch numbers have 10 digits with the trunk zero; UK national numbers have 11.
    return digits.length === 10 || (locale === 'en' && digits.length === 11);
  }
  return NANP.test(candidate);
}

export function detectPhones(input: string, locale: Locale): Detection[] {
  const out: Detection[] = [];
  for (const run of findAll(input, PHONE_RUN)) {
    // A run may join a number to its neighbours ("12-03-2024 06-12345678", "bel 06 12345678 2
    // keer"): cut it into digit groups and take, from the leftmost possible start, the longest
    // stretch of groups that forms a valid number.
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < run.text.length; i++) {
      const isDigit = /\d/.test(run.text.charAt(i));
      if (isDigit && !/\d/.test(run.text.charAt(i + 1))) ends.push(i + 1);
      const opensGroup = i === 0 || /[ .\-/]/.test(run.text.charAt(i - 1));
      if (opensGroup && /[\d(+]/.test(run.text.charAt(i))) starts.push(i);
    }
    let consumed = 0;
    let firstEnd = 0;
    for (const from of starts) {
      if (from < consumed) continue;
      while (firstEnd < ends.length && (ends[firstEnd] ?? 0) <= from) firstEnd++;
      // Only ends within a phone number's length: keeps long digit runs linear.
      let to: number | undefined;
      for (let k = firstEnd; k < ends.length; k++) {
        const end = ends[k] ?? 0;
        if (end - from > MAX_PHONE_LENGTH) break;
        if (isPhoneNumber(run.text.slice(from, end), locale)) to = end;
      }
      if (to === undefined) continue;
      // "(06 12345678)": an opening parenthesis that does not close inside the number is
      // punctuation around it, not part of it.
      const unclosed = run.text.charAt(from) === '(' && !run.text.slice(from, to).includes(')');
      out.push(detection(run.start + from + (unclosed ? 1 : 0), run.start + to, 'phone'));
      consumed = to;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IBAN

/**
 * Country code, check digits, then 11-30 alphanumerics with optional single spaces (printed
 * IBANs come in groups of four). Case-insensitive because people type "nl91abna..."; the
 * mod-97 check keeps false positives out.
 */
const IBAN_RUN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/giu;

export function detectIbans(input: string): Detection[] {
  const out: Detection[] = [];
  for (const m of findAll(input, IBAN_RUN)) {
    // Map compact positions back to the original, because the run may include spaces and a
    // following word ("NL.. 00 en").
    const compactEnds: number[] = [];
    for (let i = 0; i < m.text.length; i++) {
      if (m.text.charAt(i) !== ' ') compactEnds.push(i + 1);
    }
    const country = m.text.slice(0, 2).toUpperCase();
    const known = IBAN_LENGTHS[country];
    const lengths = known !== undefined ? [known] : range(compactEnds.length, 15);
    for (const length of lengths) {
      const end = compactEnds[length - 1];
      if (end === undefined) continue;
      const followedByWordChar = /[\p{L}\p{N}]/u.test(input.charAt(m.start + end));
      if (!followedByWordChar && isValidIban(m.text.slice(0, end))) {
        out.push(detection(m.start, m.start + end, 'iban'));
        break;
      }
    }
  }
  return out;
}

function range(from: number, downTo: number): number[] {
  const out: number[] = [];
  for (let n = from; n >= downTo; n--) out.push(n);
  return out;
}

// ---------------------------------------------------------------------------------------------
// BSN

/** Nine digits, optionally grouped "123.456.782" / "1234.56.782" / "123 456 782", or eight. */
const BSN_CANDIDATE =
  /(?<![\p{L}\p{N}.,/+-])(?:\d{9}|\d{3}([ .])\d{3}\1\d{3}|\d{4}\.\d{2}\.\d{3}|\d{8})(?![\p{L}\p{N}]|[.,/-]\d)/gu;

/**
 * A BSN keyword directly before the number ("BSN: ", "burgerservicenummer is ", "BSN-nr. "). It
 * lets an eight-digit or mistyped number count as a BSN; the next number along does not.
 */
const BSN_KEYWORD_BEFORE =
  /(?:bsn|burgerservicenummer|sofi-?nummer|sofinr|citizen service number)(?:-?nummer|-?nr\.?)?\s*(?:is|was|van|:)?\s*(?:\p{L}+\s+)?[:\s]*$/iu;

export function detectBsns(input: string): Detection[] {
  const out: Detection[] = [];
  for (const m of findAll(input, BSN_CANDIDATE)) {
    const digits = m.text.replace(/\D/g, '');
    const announced = BSN_KEYWORD_BEFORE.test(input.slice(Math.max(0, m.start - 40), m.start));
    const valid = isValidBsn(digits);
    // Eight digits are far too common (dates, phone tails) to trust without the keyword. A
    // nine-digit number that fails the 11-proef is left for the coach as a 'number' flag,
    // unless the text itself calls it a BSN: then a typo must not leak it.
    if (digits.length === 9 ? valid || announced : valid && announced) {
      out.push(detection(m.start, m.end, 'bsn'));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Postcode

/**
 * Dutch postcode: four digits not starting with 0, optional space, two capitals. SA, SD and SS
 * are never issued. Capitals only: "2024 en" is a year followed by a word.
 */
const POSTCODE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu;

export function detectPostcodes(input: string): Detection[] {
  return findAll(input, POSTCODE).map((m) => detection(m.start, m.end, 'postcode'));
}

// ---------------------------------------------------------------------------------------------
// Street addresses

/** Dutch street-name endings; a word ending in one of these followed by a number is a street. */
export const STREET_SUFFIXES = [
  'straat',
  'straatje',
  'laan',
  'laantje',
  'weg',
  'plein',
  'pleintje',
  'gracht',
  'kade',
  'singel',
  'dijk',
  'hof',
  'hoven',
  'park',
  'steeg',
  'dreef',
  'pad',
  'baan',
  'markt',
  'wal',
  'haven',
  'ring',
  'allee',
  'boulevard',
  'plantsoen',
  'erf',
  'brink',
  'dam',
  'vaart',
  'weide',
  'oord',
  'kwartier',
  'veld',
  'akker',
  'kamp',
  'zoom',
  'hoek',
  'burcht',
  'stede',
];

/** Longest first; the first letter in either case, so "Oude Gracht" ends in a suffix too. */
const STREET_WORD_SUFFIX = `(?:${[...STREET_SUFFIXES]
  .sort((a, b) => b.length - a.length)
  .map((suffix) => `[${suffix.charAt(0).toUpperCase()}${suffix.charAt(0)}]${suffix.slice(1)}`)
  .join('|')})`;

/**
 * The rest of a capitalised word in a street name. Bounded: an unbounded tail makes a very long
 * hyphenated "word" cost quadratic time, and no street name has a 40-letter word.
 */
const WORD_TAIL = "[\\p{L}\\p{M}'’.-]{0,40}";

/** Lower-case words allowed inside a street name: "Burgemeester de Withstraat". */
const STREET_PARTICLE = "(?:van|de|der|den|het|'t|ter|ten|op|aan|in|bij|la|le)";

/** Prepositions that may be capitalised at sentence start but are never part of a street name. */
const NOT_STREET_START = new Set(['in', 'op', 'naar', 'aan', 'bij', 'uit', 'met', 'via', 'voor']);

/**
 * House number: digits, optional letter ("3a", "12 B"), optional addition ("14-2", "12/3",
 * "12 hs", "12-bis"). The letter must not start a word ("12 en") to keep sentences intact.
 */
const HOUSE_NUMBER =
  '(?:nr\\.?\\s?|nummer\\s)?\\d{1,5}(?:[ -]?[A-Za-z](?![\\p{L}\\p{N}]))?(?:\\s?[-/]\\s?\\d{1,4}(?:[A-Za-z](?![\\p{L}]))?)?(?:[ -](?:hs|bis|bg|huis|boven|beneden)(?![\\p{L}]))?';

/**
 * "[Capitalised words] <Word ending in a street suffix> <house number>". The street word must be
 * capitalised (or follow capitalised words) because lower-case "snelweg 3" is usually not an
 * address.
 */
const DUTCH_ADDRESS = new RegExp(
  `${NOT_AFTER_WORD}((?:\\p{Lu}${WORD_TAIL}\\s+(?:${STREET_PARTICLE}\\s+)*){0,3})` +
    `(\\p{Lu}?[\\p{L}\\p{M}'’-]{0,40}?${STREET_WORD_SUFFIX})[,]?\\s+${HOUSE_NUMBER}${NOT_BEFORE_WORD}`,
  'gu',
);

/** "Laan van Meerdervoort 52", "Plein van de Republiek 3": the street type comes first. */
const DUTCH_ADDRESS_TYPE_FIRST = new RegExp(
  `${NOT_AFTER_WORD}(?:Laan|Plein|Kade|Weg|Singel|Dreef|Hof|Park|Markt|Gracht|Dijk|Wal)` +
    `(?:\\s+${STREET_PARTICLE})+\\s+\\p{Lu}${WORD_TAIL}\\s+${HOUSE_NUMBER}${NOT_BEFORE_WORD}`,
  'gu',
);

const ENGLISH_STREET_TYPES =
  '(?:Street|St\\.?|Road|Rd\\.?|Avenue|Ave\\.?|Lane|Ln\\.?|Drive|Close|Court|Way|Place|Crescent|Gardens|Square|Terrace|Boulevard|Row|Mews|Grove|Hill|Walk|Parade)';

/** "12 Baker Street", "221B Baker Street", "Flat 3, 12 Elm Road": number first, then name. */
const ENGLISH_ADDRESS = new RegExp(
  `${NOT_AFTER_WORD}(?:(?:Flat|Apartment|Apt\\.?|Unit)\\s+\\d{1,4}[A-Za-z]?,?\\s+)?` +
    `\\d{1,5}[A-Za-z]?,?\\s+(?:\\p{Lu}${WORD_TAIL}\\s+){1,3}${ENGLISH_STREET_TYPES}(?![\\p{L}])`,
  'gu',
);

export function detectAddresses(input: string): Detection[] {
  const out: Detection[] = [];
  for (const m of findAll(input, DUTCH_ADDRESS)) {
    // The prefix group starts where the match starts: the regex opens with a lookbehind.
    const prefix = m.groups[0] ?? '';
    const streetWord = m.groups[1] ?? '';
    let offset = 0;
    const nextWord = (): string => /^\S+/u.exec(prefix.slice(offset))?.[0] ?? '';
    const skipWord = (): void => {
      offset += /^\S+\s+/u.exec(prefix.slice(offset))?.[0].length ?? prefix.length;
    };
    // A capitalised preposition at sentence start ("In Kerkstraat 12", "Op de snelweg 3") is
    // not part of the street name, and neither are the particles right after it.
    if (NOT_STREET_START.has(nextWord().toLowerCase())) {
      skipWord();
      while (offset < prefix.length && !/^\p{Lu}/u.test(nextWord())) skipWord();
    }
    const hasPrefix = offset < prefix.length;
    // Without a capitalised name in front, the street word must be capitalised and more than
    // a bare suffix: "park 3" and "Hof 2" are not addresses, "Kerkstraat 12" is.
    const bareSuffix = STREET_SUFFIXES.includes(streetWord.toLowerCase());
    if (!hasPrefix && (bareSuffix || !/^\p{Lu}/u.test(streetWord))) continue;
    out.push(detection(m.start + offset, m.end, 'address'));
  }
  for (const m of findAll(input, DUTCH_ADDRESS_TYPE_FIRST)) {
    out.push(detection(m.start, m.end, 'address'));
  }
  for (const m of findAll(input, ENGLISH_ADDRESS)) {
    out.push(detection(m.start, m.end, 'address'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Licence plates

/**
 * Dutch licence-plate sidecodes 1-14 (L = letter, D = digit). Only hyphenated, upper-case
 * plates: without hyphens "AB12CD" is indistinguishable from product codes.
 */
export const SIDECODES = [
  'LL-DD-DD',
  'DD-DD-LL',
  'DD-LL-DD',
  'LL-DD-LL',
  'LL-LL-DD',
  'DD-LL-LL',
  'DD-LLL-D',
  'D-LLL-DD',
  'LL-DDD-L',
  'L-DDD-LL',
  'LLL-DD-L',
  'L-DD-LLL',
  'D-LL-DDD',
  'DDD-LL-D',
];

const LICENCE_PLATE = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${SIDECODES.map((code) =>
    code.replace(/L/g, '[A-Z]').replace(/D/g, '\\d'),
  ).join('|')})(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}])`,
  'gu',
);

/**
 * British plates since 2001: two letters, the two-digit age identifier, a space, three letters
 * ("YK19 LMR"). The space and the age digits set them apart from product codes.
 */
const UK_LICENCE_PLATE = /(?<![\p{L}\p{N}-])[A-Z]{2}\d{2} [A-Z]{3}(?![\p{L}\p{N}])/gu;

export function detectLicencePlates(input: string): Detection[] {
  return [...findAll(input, LICENCE_PLATE), ...findAll(input, UK_LICENCE_PLATE)].map((m) =>
    detection(m.start, m.end, 'licence-plate'),
  );
}
