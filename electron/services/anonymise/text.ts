/** Small text helpers shared by the detectors. */

/**
 * Lookbehind/lookahead that stand in for `\b`: JavaScript's `\b` only knows ASCII letters, so
 * `\bZoë\b` would misbehave on Dutch text. Combining marks count as part of a word so that a
 * decomposed "e\u0308" is never split from its letter.
 */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}\\p{M}_])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}\\p{M}_])';

/** Letters with a stroke or without a dot have no Unicode decomposition, yet people type them plain. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ı: 'i',
  İ: 'I',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ħ: 'h',
};

/**
 * Strip diacritics while keeping a 1:1 mapping of UTF-16 code units, so that an offset found in
 * the folded string is the same offset in the original. Precomposed letters ("ë") fold to their
 * base letter; combining marks of decomposed input stay in place (matchers allow `\p{M}*` after
 * every letter for that reason).
 */
export function foldDiacritics(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += base.length === 1 ? (UNDECOMPOSABLE[base] ?? base) : ch;
  }
  return out;
}

/** Fold diacritics and lower-case; for comparing words, not for offsets. */
export function foldKey(text: string): string {
  return foldDiacritics(text.normalize('NFC'))
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Regex source for a literal phrase: letters may carry combining marks, any run of whitespace
 * matches any other (names break across lines), and straight/curly apostrophes are equivalent.
 */
export function literalSource(phrase: string): string {
  let out = '';
  for (const ch of phrase.trim()) {
    if (/\s/u.test(ch)) {
      if (!out.endsWith('\\s+')) out += '\\s+';
    } else if (ch === "'" || ch === '’') {
      out += "['’]";
    } else if (/\p{L}/u.test(ch)) {
      out += `${escapeRegExp(ch)}\\p{M}*`;
    } else {
      out += escapeRegExp(ch);
    }
  }
  return out;
}

export interface Match {
  start: number;
  end: number;
  text: string;
  groups: (string | undefined)[];
}

/** All matches of a global regex, with offsets. */
export function findAll(text: string, regex: RegExp): Match[] {
  if (!regex.global) throw new Error(`findAll needs a global regex: ${regex.source}`);
  const out: Match[] = [];
  for (const m of text.matchAll(regex)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, text: m[0], groups: m.slice(1) });
  }
  return out;
}

const ABBREVIATIONS_BEFORE_NAMES = new Set([
  'dhr',
  'mw',
  'mevr',
  'mr',
  'mrs',
  'ms',
  'dr',
  'drs',
  'ir',
  'ing',
  'prof',
  'st',
  'bijv',
  'bv',
  'ca',
  'nr',
  'o.a',
  'i.p.v',
  'm.b.t',
  'vs',
  'etc',
  'e.g',
  'i.e',
]);

/**
 * Whether `index` starts a sentence: start of text, a new line, after ".", "!", "?", ":" or a
 * spaced dash (skipping quotes, brackets, list bullets and Markdown marks). A period after an abbreviation such as "dhr." or after a
 * single initial ("J.") does not end a sentence, so "dhr. Smit" still counts as mid-sentence.
 */
export function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0) {
    const ch = text.charAt(i);
    if (ch === '\n' || ch === '\r') return true;
    // "Sessie 1 – Intakegesprek": a spaced dash inside a line starts a new phrase; at a line
    // start it is a list bullet and is skipped below.
    if (
      (ch === '–' || ch === '—') &&
      /\s/u.test(text.charAt(i + 1)) &&
      /\s/u.test(text.charAt(i - 1))
    ) {
      const lineStart = /(?:^|\n)[ \t]*$/u.test(text.slice(Math.max(0, i - 20), i));
      if (!lineStart) return true;
    }
    if (
      /[\s"“”‘'«(*•#>_]/u.test(ch) ||
      ((ch === '-' || ch === '–') && /\s/u.test(text.charAt(i + 1)))
    ) {
      i--;
      continue;
    }
    break;
  }
  if (i < 0) return true;
  const ch = text.charAt(i);
  // "Notitie: Intakegesprek": a label's colon opens a phrase, as does one before a quote.
  if (ch === ':') return true;
  if (ch === '!' || ch === '?' || ch === '…') return true;
  if (ch !== '.') return false;
  // Look at the word that the period closes ("collega's." is a word, "J." an initial).
  let j = i - 1;
  while (j >= 0 && /[\p{L}\p{M}.'’]/u.test(text.charAt(j))) j--;
  const word = text.slice(j + 1, i);
  if (/^\p{Lu}$/u.test(word)) return false;
  return !ABBREVIATIONS_BEFORE_NAMES.has(word.toLowerCase());
}

/**
 * Start and end of the sentence around `index` (used to tie ages to a birth date). A period only
 * ends a sentence when a capital follows, so "geb. 3 mei" stays one sentence.
 */
export function sentenceBounds(text: string, index: number): { start: number; end: number } {
  const isBoundary = (at: number): boolean => {
    const ch = text.charAt(at);
    if (ch === '\n') return true;
    if (!/[.!?]/u.test(ch)) return false;
    return /^\s+\p{Lu}/u.test(text.slice(at + 1, at + 4)) || at + 1 >= text.length;
  };
  let start = index;
  while (start > 0 && !isBoundary(start - 1)) start--;
  let end = index;
  while (end < text.length && !isBoundary(end)) end++;
  return { start, end };
}
