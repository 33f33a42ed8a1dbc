/**
 * Dossier fields as coaches type them, cut into the parts that name someone. A contact field
 * holds "Peter de Wit (HR)", "mw. A. Koster, teamleider" or "Rachel Green, HR Business
 * Partner"; only the name may become a pattern, or the role swallows the match ("Peter de Wit"
 * no longer matches "Peter de Wit (HR)") and words like "teamleider" become a person.
 */

/** Forms of address and titles written before a name, with or without their period. */
const TITLE =
  /^(?:mw|mevr|mevrouw|dhr|de\s+heer|heer|meneer|mr|mrs|ms|miss|dr|drs|ir|ing|prof|mag|bc|sir|dame|rev)\.?(?=\s|$)\s*/iu;

/** "J.", "J.P.", "JP." or "A.S.": initials standing in for a given name. */
const DOTTED_INITIALS = /^(?:\p{Lu}\.){1,4}$/u;

export interface PersonField {
  /** Given names and call names ("Peter", "Maarten" from "M. (Maarten) Smit"). */
  given: string[];
  /** Initials written in the field, without dots ("JP" from "J.P."). */
  initials: string;
  /** What is left: "Peter de Wit", or the surname alone after initials ("Smit"). */
  rest: string;
}

/**
 * Parse a person field: a trailing role in parentheses or after a comma is dropped, leading
 * titles are dropped, a call name in parentheses in the middle ("M. (Maarten) Smit") becomes a
 * given name, initials are kept apart from given names.
 */
export function parsePersonField(raw: string): PersonField {
  let text = raw.trim();
  // "Peter de Wit (HR)", "K. Bakker (stiefvader)": a bracket at the end says what, not who.
  text = text.replace(/\s*\([^)]*\)\s*$/u, '');
  // ", teamleider", ", HR Business Partner": everything after the first comma is a role.
  text = text.replace(/\s*,.*$/su, '');
  const callNames: string[] = [];
  text = text.replace(/\(\s*(\p{Lu}[\p{L}\p{M}'’-]+)\s*\)/gu, (_all, name: string) => {
    callNames.push(name);
    return ' ';
  });
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(TITLE, '');
  }
  const tokens = text.split(/\s+/u).filter((t) => t !== '');
  let initials = '';
  while (tokens.length > 1 && DOTTED_INITIALS.test(tokens[0] ?? '')) {
    initials += (tokens.shift() ?? '').replace(/\./gu, '');
  }
  return { given: callNames, initials, rest: tokens.join(' ') };
}

/**
 * The town of an address as typed: the last comma part without its postcode (Dutch "3511 AX",
 * British "LS6 2AB") and without house numbers. "Oudegracht 112, 3511 AX Utrecht" gives
 * "Utrecht", "Flat 3, 22 Quay Road, Bristol BS1 4QA" gives "Bristol".
 */
export function townOf(address: string): string | undefined {
  const parts = address
    .split(/[,\n]/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // "Kerkstraat 12 3511 AB Utrecht" typed on one line: the town follows the postcode.
  const afterPostcode = /\b\d{4}\s?[A-Za-z]{2}\s+(\p{Lu}[\p{L}\p{M}' -]+)$/u.exec(address.trim());
  const last = parts.length >= 2 ? parts[parts.length - 1] : afterPostcode?.[1];
  if (last === undefined) return undefined;
  const town = last
    .replace(/\b\d{4}\s?[A-Za-z]{2}\b/gu, ' ')
    .replace(/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gu, ' ')
    .replace(/\d+\S*/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return /^\p{Lu}/u.test(town) && town.length >= 2 ? town : undefined;
}

/** Articles that open an organisation's name; the word after them is not a short form. */
const LEADING_ARTICLES = new Set(['de', 'het', 'the', "'t"]);

/** Words too general to stand for one organisation. */
const GENERAL_WORDS = new Set(
  [
    'gemeente',
    'provincie',
    'stichting',
    'vereniging',
    'zorggroep',
    'woningcorporatie',
    'waterschap',
    'hogeschool',
    'universiteit',
    'school',
    'college',
    'ziekenhuis',
    'praktijk',
    'bureau',
    'kantoor',
    'thuis',
    'huis',
    'groep',
    'bank',
    'municipality',
    'council',
    'university',
    'hospital',
    'housing',
    'trust',
    'group',
    'national',
    'royal',
    'koninklijke',
    'nationale',
    'nederlandse',
  ].map((w) => w.toLowerCase()),
);

export interface OrganisationField {
  /** The name without a bracketed abbreviation ("Woningcorporatie Thuis aan de Vecht"). */
  name: string;
  /** Abbreviations: typed in brackets ("TadV") and the initials of its capitalised words. */
  abbreviations: string[];
  /** The first word when it stands for the organisation ("Rabobank" of "Rabobank Utrecht"). */
  firstWord?: string;
}

const LEGAL_FORM = /[\s,]+(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|Ltd\.?|Inc\.?|LLC|GmbH|plc|u\.a\.?)$/iu;

/** Abbreviations that already mean something else: a country, a language, a pronoun. */
const TAKEN_ABBREVIATIONS = new Set([
  'NL',
  'BE',
  'DE',
  'EN',
  'UK',
  'US',
  'EU',
  'IT',
  'OR',
  'TV',
  'OK',
  'HR',
  'IK',
]);

export function parseOrganisationField(raw: string): OrganisationField {
  const abbreviations: string[] = [];
  let name = raw.trim().replace(/\s*\(([^)]*)\)\s*$/u, (_all, inner: string) => {
    const typed = inner.trim();
    // "(SKO Vallei)": an acronym with the place it serves is a short form too.
    if (
      /^[\p{L}&.-]{2,10}$/u.test(typed) ||
      /^\p{Lu}{2,5}(?:\s+\p{Lu}[\p{L}-]+){1,2}$/u.test(typed)
    )
      abbreviations.push(typed);
    return '';
  });
  name = name.replace(LEGAL_FORM, '').trim();
  const words = name.split(/\s+/u).filter((w) => w !== '');
  const capitals = words.filter((w) => /^\p{Lu}/u.test(w));
  if (capitals.length >= 2) {
    const acronym = capitals.map((w) => w.charAt(0)).join('');
    if (!TAKEN_ABBREVIATIONS.has(acronym)) abbreviations.push(acronym);
  }
  const first = words[0];
  // A leading acronym ("CSG Dingstede"): the rest is what people say.
  let firstWord: string | undefined;
  if (words.length >= 2 && first !== undefined) {
    if (/^\p{Lu}{2,5}$/u.test(first)) {
      abbreviations.push(first);
      firstWord = words.slice(1).join(' ');
    } else if (
      !LEADING_ARTICLES.has(first.toLowerCase()) &&
      !GENERAL_WORDS.has(first.toLowerCase()) &&
      /^\p{Lu}[\p{L}\p{M}'’-]{3,}$/u.test(first)
    ) {
      firstWord = first;
    }
  }
  return {
    name,
    abbreviations: abbreviations.filter((a) => !TAKEN_ABBREVIATIONS.has(a.toUpperCase())),
    ...(firstWord !== undefined ? { firstWord } : {}),
  };
}
