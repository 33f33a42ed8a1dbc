/**
 * Uncertain candidates ("flags") for the coach to review in the anonymised text: capitalised
 * words that look like names, places after a place preposition, rare job titles that identify
 * someone in a small community, and long numbers. Flags are never replaced automatically.
 */

import { isDictionaryWord, isOrdinaryCompound } from './dictionary';
import { WORDING } from './placeholders';
import { escapeRegExp, findAll, foldKey, isSentenceStart } from './text';
import type { Flag, FlagReason, Locale } from './types';

/**
 * Capitalised words that are not names. Lower-cased and without diacritics. Nation-wide
 * institutions (UWV, GGZ, ...) are in here on purpose: they identify nobody, and flag fatigue
 * makes coaches wave through the flags that matter. Countries other than the Netherlands are
 * NOT in here: "uit Eritrea" can single out a client and is special-category data.
 */
const STOPWORDS = new Set(
  [
    // Dutch pronouns, forms of address, family words written as names.
    'ik',
    'u',
    'uw',
    'god',
    'heer',
    'here',
    'mama',
    'papa',
    'mam',
    'pap',
    'oma',
    'opa',
    // English pronouns and forms of address.
    'i',
    "i'm",
    "i've",
    "i'd",
    "i'll",
    'mr',
    'mrs',
    'ms',
    'miss',
    'dr',
    'mum',
    'mom',
    'dad',
    'nan',
    'daddy',
    'mummy',
    'mommy',
    'gran',
    'grandma',
    'grandad',
    'sir',
    // Titles that precede a name: the name after them is flagged, not the title.
    'dhr',
    'mw',
    'mevr',
    'mevrouw',
    'meneer',
    'drs',
    'ir',
    'prof',
    // Days and months (capitalised in English, and at line starts in Dutch notes).
    'maandag',
    'dinsdag',
    'woensdag',
    'donderdag',
    'vrijdag',
    'zaterdag',
    'zondag',
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
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'january',
    'february',
    'march',
    'may',
    'june',
    'july',
    'august',
    'october',
    // School years and forms in British notes ("Year 11", "Year 8").
    'year',
    // Abbreviated months and days ("in Sept", "on Sat night", "Thurs 20/3"). Not "Jan": a name.
    'feb',
    'febr',
    'mrt',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'okt',
    'nov',
    'dec',
    'mon',
    'tue',
    'tues',
    'wed',
    'thu',
    'thur',
    'thurs',
    'fri',
    'sat',
    'sun',
    // Holidays.
    'kerst',
    'kerstmis',
    'pasen',
    'pinksteren',
    'sinterklaas',
    'koningsdag',
    'ramadan',
    'suikerfeest',
    'christmas',
    'easter',
    // Country and language of the practice itself.
    'nederland',
    'nederlands',
    'nederlandse',
    'engels',
    'engelse',
    'europa',
    'europese',
    'english',
    'dutch',
    'british',
    'europe',
    'european',
    // National institutions, schooling levels, clinical and workplace acronyms.
    'uwv',
    'ggz',
    'ggd',
    'cjg',
    'wmo',
    'aow',
    'duo',
    'svb',
    'ind',
    'cak',
    'cao',
    'arbo',
    'arbodienst',
    'nhs',
    'gp',
    'hr',
    'mt',
    'or',
    'ceo',
    'cfo',
    'cto',
    'ict',
    'it',
    'zzp',
    "zzp'er",
    'hbo',
    'mbo',
    'wo',
    'vwo',
    'havo',
    'vmbo',
    'adhd',
    'add',
    'ass',
    'ptss',
    'ptsd',
    'hsp',
    'dsm',
    'emdr',
    'cgt',
    'cbt',
    'act',
    'poh',
    'poh-ggz',
    'ok',
    'oké',
    'tv',
    'ux',
    'ui',
    'uk',
    'us',
    'usa',
    'eu',
    'bsn',
    'iban',
    'kvk',
    'btw',
    'covid',
    // Conditions named after people identify nobody.
    'alzheimer',
    'parkinson',
    'asperger',
    'crohn',
    'lyme',
    'corona',
    // Software and platforms that identify nobody.
    'teams',
    'zoom',
    'whatsapp',
    'linkedin',
    'google',
    'outlook',
    'excel',
    'word',
    'slack',
    'instagram',
    'facebook',
    'netflix',
    'spotify',
    // Words that head coaching notes.
    'sessie',
    'session',
    'cliënt',
    'client',
    'coach',
    'doel',
    'doelen',
    'actie',
    'acties',
    'afspraak',
    'afspraken',
    'huiswerk',
    'notitie',
    'notities',
    'samenvatting',
    'supervisie',
    'intervisie',
    'goal',
    'goals',
    'notes',
    'summary',
    'supervision',
  ].map(foldKey),
);

/** Lower-case words that may sit inside a name: "Pieter van Dam", "Ludwig van Beethoven". */
const NAME_PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'ter',
  'ten',
  'te',
  "'t",
  'von',
  'la',
  'le',
  'du',
  'di',
  'da',
  'el',
  'al',
  'bin',
]);

/** Function words that open sentences; a capitalised run that starts with one is split off. */
const SENTENCE_OPENERS = new Set([
  'in',
  'op',
  'uit',
  'naar',
  'met',
  'bij',
  'voor',
  'na',
  'van',
  'de',
  'het',
  'een',
  'en',
  'maar',
  'ook',
  'toen',
  'daarna',
  'volgens',
  'samen',
  'zowel',
  'tijdens',
  'sinds',
  'the',
  'a',
  'an',
  'at',
  'on',
  'from',
  'with',
  'after',
  'before',
  'when',
  'and',
  'but',
  'both',
  'since',
  'during',
  'according',
]);

/** After these, a capitalised word is probably a place: "woont in Dalfsen", "comes from Hull". */
const PLACE_PREPOSITIONS = new Set(['in', 'uit', 'te', 'naar', 'vanuit', 'nabij', 'from', 'near']);

/** Words that make a capitalised run an organisation rather than a person. */
const ORGANISATION_WORDS = new Set(
  [
    'bv',
    'b.v.',
    'nv',
    'n.v.',
    'groep',
    'group',
    'bank',
    'holding',
    'ziekenhuis',
    'hospital',
    'school',
    'college',
    'gemeente',
    'stichting',
    'ltd',
    'inc',
    'council',
  ].map(foldKey),
);

/**
 * "Bank", and also "Rabobank" or "Zorggroep": a compound ending in an organisation word names an
 * organisation, so its suggestion is "[organisatie n]", never "[persoon n]".
 */
function isOrganisationWord(word: string): boolean {
  const key = foldKey(word);
  if (ORGANISATION_WORDS.has(key)) return true;
  return [...ORGANISATION_WORDS].some((w) => w.length >= 4 && key.endsWith(w));
}

/** Titles rare enough to identify their holder in a small community. */
const JOB_TITLES = [
  'burgemeester',
  'wethouder',
  'gedeputeerde',
  'gemeentesecretaris',
  'hoogleraar',
  'predikant',
  'dominee',
  'pastoor',
  'imam',
  'rabbijn',
  'notaris',
  'kinderrechter',
  'rechter',
  'officier van justitie',
  'griffier',
  'korpschef',
  'rector',
  'kamerlid',
  'staatssecretaris',
  'commissaris van de koning',
  'dijkgraaf',
  'ambassadeur',
  'bisschop',
  'mayor',
  'alderman',
  'councillor',
  'professor',
  'vicar',
  'pastor',
  'priest',
  'rabbi',
  'notary',
  'judge',
  'magistrate',
  'headteacher',
  'headmaster',
  'head teacher',
  'bishop',
  'ambassador',
  'coroner',
  'member of parliament',
];

/** Common titles that only identify together with their organisation: "directeur van Ardent". */
const JOB_TITLES_WITH_ORGANISATION = [
  'directeur',
  'director',
  'voorzitter',
  'chair',
  'chairman',
  'chairwoman',
  'eigenaar',
  'owner',
  'oprichter',
  'founder',
  'hoofd',
  'head',
];

/** Either case for the first letter only: a title may open a sentence. */
function titleSource(title: string): string {
  const first = title.charAt(0);
  return `[${first.toUpperCase()}${first}]${title.slice(1).replace(/ /g, '\\s+')}`;
}

/** Bounded so that a long run of capitals after "van" cannot cost quadratic time. */
const CAPITALISED = "\\p{Lu}[\\p{L}\\p{M}'’-]{0,40}";
const OF_ORGANISATION = `\\s+(?:van|of|bij|at|te|in|uit|voor|for)\\s+(?:(?:de|het|the)\\s+)?${CAPITALISED}(?:\\s+${CAPITALISED}){0,4}`;

const TITLE_ALONE = JOB_TITLES.map(titleSource).join('|');
const TITLE_WITH_ORGANISATION = JOB_TITLES_WITH_ORGANISATION.map(titleSource).join('|');
const JOB_TITLE = new RegExp(
  `(?<![\\p{L}\\p{M}])(?:(?:${TITLE_ALONE})(?:${OF_ORGANISATION})?|(?:${TITLE_WITH_ORGANISATION})${OF_ORGANISATION})(?![\\p{L}\\p{M}])`,
  'gu',
);

/**
 * A capitalised word; apostrophes and hyphens stay inside ("Jan-Willem", "O'Brien"). An
 * opening quote before it is punctuation: "'Kees is oké'" still holds "Kees".
 */
const CAPITALISED_WORD = /(?<![\p{L}\p{N}\p{M}_[-])(?<![\p{L}\p{M}]['’])\p{Lu}[\p{L}\p{M}'’-]*/gu;

/** Long numbers: client numbers, policy numbers, BSNs that failed the 11-proef. */
const LONG_NUMBER =
  /(?<![\p{L}\p{N}.,])(?:\d{6,}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}\.\d{2}\.\d{3})(?![\p{L}\p{N}]|[.,]\d)/gu;

interface Candidate {
  start: number;
  end: number;
  reason: FlagReason;
  suggestionKind: 'person' | 'organisation' | 'place' | 'job-title' | 'number';
}

interface Token {
  start: number;
  end: number;
  text: string;
}

function isStopword(word: string): boolean {
  // "HR-adviseur", "STAR-methode": an acronym with a lower-case compound tail is a thing.
  if (/^\p{Lu}{2,}-\p{Ll}/u.test(word)) return true;
  const bare = word.replace(/(?:['’]s|['’-])$/u, '');
  // "Sundays", "Teams'": plural and possessive forms of stopwords.
  const singular = bare.replace(/s$/u, '');
  return [word, bare, singular].some((w) => STOPWORDS.has(foldKey(w)));
}

/** The word right before `index`, lower-cased, punctuation trimmed ("[postcode]" kept). */
function previousWord(text: string, index: number): string {
  const m = /(\S+)[ \t]+$/u.exec(text.slice(Math.max(0, index - 40), index));
  const word = m?.[1] ?? '';
  return word.startsWith('[') ? word : word.replace(/[^\p{L}\p{M}'’-]/gu, '').toLowerCase();
}

/** Tokens that follow each other with only spaces and name particles in between. */
function isJoined(text: string, left: Token, right: Token): boolean {
  const between = text.slice(left.end, right.start);
  if (!/^[ \t]+(?:\S+[ \t]+)*$/u.test(between)) return false;
  return between
    .trim()
    .split(/[ \t]+/u)
    .every((w) => w === '' || NAME_PARTICLES.has(w));
}

/** Endings of Dutch and English nouns, adjectives and verb forms that no first name has. */
const ORDINARY_ENDING =
  /(?:heid|lijk|lijke|ing|ingen|tion|ness|ment|isch|ische|baar|bare|ende|atie|teit|schap|ief|ieve|ally|ful|ous|ive|ed|ly|st|de|te|ig|ige)$/u;

/**
 * Whether a capitalised word at a sentence start reads as an ordinary word: in the word list
 * (or a compound of it), used in lower case elsewhere in the same text, a label before a colon,
 * or ending like a noun, adjective or verb form of five letters or more.
 */
function looksLikeOrdinaryWord(text: string, token: Token): boolean {
  const word = token.text;
  if (isDictionaryWord(word) || isStopword(word)) return true;
  // "He'll", "She'd", "Couldn't": an English contraction of an ordinary word.
  const contracted = /^(\p{L}+?)(?:n['’]t|['’](?:ll|d|re|ve|m|s))$/u.exec(word)?.[1];
  if (contracted !== undefined && (isDictionaryWord(contracted) || isStopword(contracted)))
    return true;
  if (text.charAt(token.end) === ':') return true;
  const lower = word.toLowerCase();
  if (word.length >= 5 && ORDINARY_ENDING.test(lower)) return true;
  return new RegExp(`(?<![\\p{L}])${escapeRegExp(lower)}(?![\\p{L}])`, 'u').test(text);
}

function capitalisedCandidates(text: string): Candidate[] {
  const tokens: Token[] = findAll(text, CAPITALISED_WORD)
    .map((m) => ({ start: m.start, end: m.end, text: m.text.replace(/['’-]+$/u, '') }))
    .map((t) => ({ ...t, end: t.start + t.text.length }))
    // A single capital is "I", "Plan A" or an initial of nobody in the dossier.
    .filter((t) => t.text.length > 1);
  const out: Candidate[] = [];
  let run: Token[] = [];
  const flush = (): void => {
    let current = run;
    run = [];
    let atSentenceStart = current[0] !== undefined && isSentenceStart(text, current[0].start);
    // "In Zwolle ...", "Met Karin ...": the opener is capitalised for grammar, what follows not.
    if (atSentenceStart && SENTENCE_OPENERS.has(foldKey(current[0]?.text ?? ''))) {
      current = current.slice(1);
      atSentenceStart = false;
    }
    const first = current[0];
    const last = current[current.length - 1];
    if (first === undefined || last === undefined) return;
    const words = text.slice(first.start, last.end);
    const prev = previousWord(text, first.start);
    const multiWord = words.includes(' ');
    // A capital at sentence start is grammar, not a name, unless more capitals follow it or
    // the word is no ordinary word ("Jon zei", "Kees is oké" against "Intakegesprek liep").
    if (atSentenceStart && !multiWord && looksLikeOrdinaryWord(text, first)) return;
    if (!multiWord && isOrdinaryCompound(first.text)) return;
    const isPlace = PLACE_PREPOSITIONS.has(prev) || prev === '[postcode]';
    const isOrganisation = words.split(/\s+/u).some(isOrganisationWord);
    out.push({
      start: first.start,
      end: last.end,
      reason: isPlace ? 'possible-place' : 'capitalised-word',
      suggestionKind: isPlace ? 'place' : isOrganisation ? 'organisation' : 'person',
    });
  };
  for (const token of tokens) {
    const previous = run[run.length - 1];
    if (isStopword(token.text)) {
      flush();
      continue;
    }
    if (previous !== undefined && !isJoined(text, previous, token)) flush();
    run.push(token);
  }
  flush();
  return out;
}

function jobTitleCandidates(text: string): Candidate[] {
  return findAll(text, JOB_TITLE).map((m) => ({
    start: m.start,
    end: m.end,
    reason: 'job-title',
    suggestionKind: 'job-title',
  }));
}

function numberCandidates(text: string): Candidate[] {
  return findAll(text, LONG_NUMBER).map((m) => ({
    start: m.start,
    end: m.end,
    reason: 'number',
    suggestionKind: 'number',
  }));
}

export interface FlagContext {
  locale: Locale;
  /** Ranges of the anonymised text that hold placeholders; never flagged. */
  placeholders: { start: number; end: number }[];
  /** Flagged persons continue the numbering of the known persons: "[persoon 3]". */
  nextPersonNumber: number;
  nextOrganisationNumber: number;
}

/** Flags in the anonymised text, sorted by position and never overlapping. */
export function findFlags(text: string, context: FlagContext): Flag[] {
  const words = WORDING[context.locale];
  // Job titles first: "burgemeester van Dalfsen" is one flag, not a title plus a place.
  const ordered = [
    ...jobTitleCandidates(text),
    ...capitalisedCandidates(text),
    ...numberCandidates(text),
  ];
  const taken: { start: number; end: number }[] = [...context.placeholders];
  const chosen: Candidate[] = [];
  for (const candidate of ordered) {
    if (taken.some((r) => r.start < candidate.end && candidate.start < r.end)) continue;
    taken.push(candidate);
    chosen.push(candidate);
  }
  chosen.sort((a, b) => a.start - b.start);

  // The same word gets the same suggested number, as known persons do.
  const personNumbers = new Map<string, number>();
  const organisationNumbers = new Map<string, number>();
  const numbered = (map: Map<string, number>, key: string, first: number): number => {
    const existing = map.get(key);
    if (existing !== undefined) return existing;
    const n = first + map.size;
    map.set(key, n);
    return n;
  };
  return chosen.map((c) => {
    const flagText = text.slice(c.start, c.end);
    const key = foldKey(flagText.replace(/['’]s$|s$/u, ''));
    let suggestion: string;
    switch (c.suggestionKind) {
      case 'person':
        suggestion = words.person(numbered(personNumbers, key, context.nextPersonNumber));
        break;
      case 'organisation':
        suggestion = words.organisation(
          numbered(organisationNumbers, key, context.nextOrganisationNumber),
        );
        break;
      case 'place':
        suggestion = words.place;
        break;
      case 'job-title':
        suggestion = words.jobTitle;
        break;
      case 'number':
        suggestion = words.number;
        break;
    }
    return { start: c.start, end: c.end, text: flagText, reason: c.reason, suggestion };
  });
}
