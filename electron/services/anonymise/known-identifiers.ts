/**
 * Dossier-known identifiers (client, sponsor, guardians, people in the story, organisations,
 * their e-mail addresses and phone numbers) expanded into the variants a coach actually writes:
 * first name, surname with or without particles, initials, possessives, Dutch diminutives,
 * any case, with or without diacritics.
 *
 * Recall on these beats precision by design: a client called "Roos" also hides the flower
 * "roos", because a name that slips through cannot be taken back.
 */

import { isFunctionWord, isOrdinaryWordIn } from './dictionary';
import { parseOrganisationField, parsePersonField, townOf } from './dossier-fields';
import { nicknamesOf } from './nicknames';
import { PATTERN_PRIORITY } from './patterns';
import { foldDiacritics, literalSource, NOT_BEFORE_WORD } from './text';
import type { Detection, DossierIdentifiers, EntityRef, IdentifierKind, Locale } from './types';

/** Lower-case words that belong to a Dutch (or Romance/German/Arabic) surname. */
const SURNAME_PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  "'t",
  'ter',
  'ten',
  'te',
  'op',
  'in',
  'onder',
  'uit',
  'von',
  'zu',
  'di',
  'da',
  'du',
  'le',
  'la',
  'del',
  'della',
  'dos',
  'das',
  'el',
  'al',
  'bin',
]);

export interface ParsedName {
  given: string[];
  middle: string[];
  particles: string[];
  core: string;
}

/** Split a surname like "van den Berg" into its particles and its core ("Berg"). */
export function splitSurname(lastName: string): { particles: string[]; core: string } {
  const tokens = lastName
    .trim()
    .split(/\s+/u)
    .filter((t) => t !== '');
  const particles: string[] = [];
  while (tokens.length > 1 && SURNAME_PARTICLES.has((tokens[0] ?? '').toLowerCase())) {
    particles.push(tokens.shift() ?? '');
  }
  return { particles, core: tokens.join(' ') };
}

/**
 * Parse a free-form name ("Karin", "Pieter van Dam", "Anna Maria de Vries"): the first token is
 * the given name, the surname starts at the first particle or is the last token.
 */
export function parseFreeName(name: string): ParsedName {
  const tokens = name
    .trim()
    .split(/\s+/u)
    .filter((t) => t !== '');
  const given = tokens.shift();
  if (given === undefined) return { given: [], middle: [], particles: [], core: '' };
  if (tokens.length === 0) return { given: [given], middle: [], particles: [], core: '' };
  let surnameStart = tokens.findIndex((t) => SURNAME_PARTICLES.has(t.toLowerCase()));
  if (surnameStart < 0) surnameStart = tokens.length - 1;
  const { particles, core } = splitSurname(tokens.slice(surnameStart).join(' '));
  return { given: [given], middle: tokens.slice(0, surnameStart), particles, core };
}

function surnameOf(name: ParsedName): string {
  return [...name.particles, name.core].join(' ').trim();
}

/**
 * Dutch (and a few English) diminutive and pet forms: Jantje, Jannetje, Janneke, Basje,
 * Tompje, Tommetje, Henkie, Robbie, Johnny, Annaatje. Over-generating is harmless: the forms
 * only match as whole words.
 */
export function diminutives(given: string): string[] {
  if (given.length < 3 || /\s/u.test(given)) return [];
  const last = given.charAt(given.length - 1);
  const forms = ['tje', 'je', 'ke', 'pje', 'etje', 'ie', 'y', 'tjes'].map((s) => given + s);
  if (/[bcdfghjklmnpqrstvwxz]/iu.test(last)) {
    forms.push(
      `${given}${last}etje`,
      `${given}${last}eke`,
      `${given}${last}ie`,
      `${given}${last}y`,
    );
  }
  if (/[aou]/iu.test(last)) forms.push(`${given}${last}tje`);
  // Names ending in a silent -e lose it: Lotte -> Lotje/Lottie, Femke -> Femkje, Anne -> Annie.
  const stem = /[bcdfghjklmnpqrstvwxz]e$/iu.test(given) ? given.slice(0, -1) : undefined;
  if (stem !== undefined) {
    const stems = /([bcdfghjklmnpqrstvwxz])\1$/iu.test(stem) ? [stem, stem.slice(0, -1)] : [stem];
    for (const st of stems) forms.push(`${st}je`, `${st}tje`, `${st}ie`, `${st}y`);
  }
  return forms;
}

/**
 * Regex source for "name + optional possessive": Dutch "Jans", both "Jan's" and "John's", and
 * a bare apostrophe after a sibilant ("Kees' fiets", "James' car"). Allowing the bare apostrophe
 * only there keeps the closing quote of "'Jan'" out of the match.
 */
function withPossessive(variant: string): string {
  const sibilant = /[sxz]$/iu.test(variant);
  return `${literalSource(variant)}(?:['’]s|s${sibilant ? "|['’]" : ''})?`;
}

function uniqueByLength(variants: string[], caseSensitive: boolean): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const variant of variants.map((v) => foldDiacritics(v.trim()))) {
    // "JdV" and "JDV" are different case-sensitive variants, one for case-insensitive ones.
    const key = caseSensitive ? variant : variant.toLowerCase();
    if (variant.length < 2 || seen.has(key)) continue;
    seen.add(key);
    out.push(variant);
  }
  // Longest first: a regex alternation takes the first alternative that fits.
  return out.sort((a, b) => b.length - a.length);
}

function wordRegex(alternatives: string[], flags: string): RegExp | undefined {
  if (alternatives.length === 0) return undefined;
  return new RegExp(
    `(?<![\\p{L}\\p{N}\\p{M}_@])(?:${alternatives.join('|')})${NOT_BEFORE_WORD}`,
    flags,
  );
}

/** The variants of a surname: "van den Berg" also as "v.d. Berg"/"vd Berg"; double names split. */
function surnameVariants(particles: string[], core: string): string[] {
  const surname = [...particles, core].join(' ').trim();
  const out = [surname];
  const lower = particles.map((p) => p.toLowerCase());
  if (lower[0] === 'van' && lower.length === 2)
    out.push(`v.d. ${core}`, `v. d. ${core}`, `vd ${core}`, `v/d ${core}`);
  // "Jansen-de Vries": each half is used on its own as well.
  if (core.includes('-')) {
    for (const part of core.split('-')) {
      const { particles: partParticles, core: partCore } = splitSurname(part);
      out.push([...partParticles, partCore].join(' '));
    }
  }
  return out;
}

/** Initials as coaches write them: "J.", "J.d.V.", "J. de V.", "JdV", "JDV", "J.V.". */
export function initialVariants(
  first: string,
  particles: string[],
  core: string,
  locale: Locale,
): string[] {
  const f = first.charAt(0).toUpperCase();
  // "O'Neill" is initialled "O'N": the prefix and its apostrophe stay.
  const c = /^\p{Lu}['’]\p{Lu}/u.test(core) ? core.slice(0, 3) : core.charAt(0).toUpperCase();
  if (f === '' || c === '') return [];
  const p = particles.map((x) => x.charAt(0).toLowerCase());
  const P = p.map((x) => x.toUpperCase());
  const out = [`${f}.${c}.`, `${f}. ${c}.`, `${f}${c}`];
  if (p.length > 0) {
    out.push(
      // "A. de R.": the particle written out between the initials.
      `${f}. ${particles.join(' ')} ${c}.`,
      `${f}.${particles.join(' ')} ${c}.`,
      `${f}.${p.join('.')}.${c}.`,
      `${f}. ${p.join('. ')}. ${c}.`,
      `${f}.${P.join('.')}.${c}.`,
      `${f}${p.join('')}${c}`,
      `${f}${P.join('')}${c}`,
    );
  }
  // A lone "I." or "A." in English is the pronoun or an article at a sentence end.
  if (!(locale === 'en' && (f === 'I' || f === 'A'))) out.push(`${f}.`);
  return out;
}

interface EntitySpec {
  entity?: EntityRef;
  kind: IdentifierKind;
  priority: number;
  /** Matched in any case. */
  insensitive: string[];
  /** Matched in any case, and also with diminutive endings. */
  givenNames: string[];
  /** Matched only as written (initials, a surname core stripped of its particles). */
  sensitive: string[];
}

function personSpec(
  name: ParsedName,
  entity: EntityRef,
  kind: IdentifierKind,
  priority: number,
  initials: string[],
): EntitySpec {
  const surname = surnameOf(name);
  const insensitive: string[] = [];
  const sensitive: string[] = [...initials];
  if (surname !== '') {
    const surnames = surnameVariants(name.particles, name.core);
    insensitive.push(...surnames);
    for (const given of name.given) {
      const initial = given.charAt(0).toUpperCase();
      for (const s of surnames) {
        insensitive.push(`${given} ${s}`, `${initial}. ${s}`, `${initial}.${s}`);
        if (name.middle.length > 0) insensitive.push(`${given} ${name.middle.join(' ')} ${s}`);
      }
      const c = name.core.charAt(0).toUpperCase();
      insensitive.push(`${given} ${c}.`);
      if (name.particles.length > 0) {
        insensitive.push(
          `${given} ${name.particles.join(' ')} ${c}.`,
          `${given} ${name.particles.map((p) => `${p.charAt(0)}.`).join('')}${c}.`,
        );
      }
    }
    // "Berg" without "van den" is matched only capitalised: lower-case "berg" is a mountain.
    if (name.particles.length > 0) sensitive.push(name.core);
  }
  return { entity, kind, priority, insensitive, givenNames: name.given, sensitive };
}

/**
 * Words that say what kind of organisation it is; people drop them in speech ("Bouwbedrijf
 * Hendriks" is "Hendriks", "Stichting De Linde" is "De Linde").
 */
const ORGANISATION_TYPE_WORD =
  /^(?:vereniging|co[oö]peratie|bakkerij|slagerij|kapsalon|kinderopvang|basisschool|lyceum|gymnasium|scholengemeenschap|woonzorg|verpleeghuis|verzorgingshuis|restaurant|caf[eé]|eetcaf[eé]|hotel|brasserie|\p{L}*(?:stichting|bedrijf|bureau|kantoor|praktijk|winkel|handel|groep|corporatie|gemeente|centrum|instelling))\s+(?=\p{Lu})/iu;

/** Type words people drop at the end: "Lindehof Wonen", "Rijnhof Zorg", "Bede's School". */
const ORGANISATION_TAIL_WORD =
  /\s+(?:wonen|zorg|groep|school|academy|college|primary|hospital|trust)$/iu;

/**
 * The organisation as registered, without its legal form ("B.V.", "Ltd"), and without its type
 * word. The last one is matched only as written: "De Brug" is the organisation, "de brug" the
 * bridge.
 */
function organisationVariants(name: string): { insensitive: string[]; sensitive: string[] } {
  const withoutLegalForm = name
    .replace(/[\s,]+(?:B\.?V\.?|N\.?V\.?|V\.?O\.?F\.?|Ltd\.?|Inc\.?|LLC|GmbH|plc|u\.a\.?)$/iu, '')
    .trim();
  const withoutType = withoutLegalForm.replace(ORGANISATION_TYPE_WORD, '');
  // A remainder of one short word ("AB") would hide ordinary text, not the organisation.
  const sensitive =
    withoutType !== withoutLegalForm && withoutType.replace(/\s/gu, '').length >= 4
      ? [withoutType]
      : [];
  // "Stichting Lindehof Wonen" is "Lindehof"; "De Klimop" is also "Klimop".
  const withoutTail = withoutType.replace(ORGANISATION_TAIL_WORD, '');
  const withoutArticle = withoutTail.replace(/^(?:de|het|the)\s+(?=\p{Lu})/iu, '');
  for (const variant of [withoutTail, withoutArticle]) {
    if (variant !== withoutLegalForm && variant.replace(/\s/gu, '').length >= 4)
      sensitive.push(variant);
  }
  // "Rabo" for "Rabobank": a brand compounded with its type word.
  const brand = /^(\p{Lu}\p{Ll}{3,})bank(?![\p{L}])/u.exec(withoutLegalForm)?.[1];
  if (brand !== undefined) sensitive.push(brand);
  return { insensitive: [name, withoutLegalForm], sensitive };
}

/** The organisation's own variants plus what people shorten it to (first word, abbreviations). */
function organisationSpecVariants(raw: string): { insensitive: string[]; sensitive: string[] } {
  const field = parseOrganisationField(raw);
  const own = organisationVariants(field.name);
  return {
    insensitive: [raw, ...own.insensitive],
    sensitive: [
      ...own.sensitive,
      ...field.abbreviations,
      ...(field.firstWord !== undefined ? [field.firstWord] : []),
    ],
  };
}

/**
 * A person as typed in a dossier field: roles and titles dropped, a call name in brackets
 * added, typed initials kept as the forms "J.P.", "JP", "J.P. Veldhuis".
 */
function personFromField(raw: string): { name: ParsedName; initials: string[] } {
  const field = parsePersonField(raw);
  if (field.initials === '') {
    const name = parseFreeName(field.rest);
    return { name: { ...name, given: [...name.given, ...field.given] }, initials: [] };
  }
  const { particles, core } = splitSurname(field.rest);
  const letters = [...field.initials];
  const dotted = `${letters.join('.')}.`;
  const initials = letters.length >= 2 ? [dotted, letters.join('. ') + '.', field.initials] : [];
  const surname = [...particles, core].join(' ');
  if (surname !== '') initials.push(`${dotted} ${surname}`, `${dotted}${surname}`);
  // "mw. A. Koster" is "A.K." in a note: the typed initial with the surname's.
  const first = letters[0];
  if (first !== undefined && core !== '' && field.given.length === 0)
    initials.push(...initialVariants(first, particles, core, 'en'));
  return { name: { given: field.given, middle: [], particles, core }, initials };
}

/** "PJ" is also written "P.J."; "Anna-Sophie" as "A.S." or "A-S". */
function givenNameInitials(given: string): string[] {
  if (/^\p{Lu}{2,4}$/u.test(given)) {
    const letters = [...given];
    return [`${letters.join('.')}.`, `${letters.join('. ')}.`];
  }
  const parts = given.split('-').filter((p) => p !== '');
  if (parts.length >= 2) {
    const letters = parts.map((p) => p.charAt(0).toUpperCase());
    return [`${letters.join('.')}.`, `${letters.join('.-')}.`, letters.join('-'), letters.join('')];
  }
  return [];
}

/**
 * Short forms a coach writes for a known given name: a capitalised prefix of three letters or
 * more ("Jon" for Jonathan, "Sam" for Samantha) that is not an ordinary word, the pairs of the
 * nickname table ("Wim" for Willem, "Liz" for Elizabeth), and their diminutives ("Sammy").
 * Matched only as written, and after exact names when two detections tie.
 */
function shortFormSpec(
  givenNames: string[],
  entity: EntityRef,
  kind: IdentifierKind,
  priority: number,
  locale: Locale,
): EntitySpec {
  const forms = new Set<string>();
  for (const given of givenNames) {
    if (!/^\p{Lu}\p{Ll}/u.test(given)) continue;
    for (let length = 3; length < given.length; length++) {
      const prefix = given.slice(0, length);
      if (/-$/u.test(prefix) || isOrdinaryWordIn(prefix, locale)) continue;
      forms.add(prefix);
    }
    for (const nickname of nicknamesOf(given)) {
      if (!isFunctionWord(nickname, locale)) forms.add(nickname);
    }
  }
  const all = [...forms].flatMap((form) => [
    form,
    ...diminutives(form).filter((d) => !isOrdinaryWordIn(d, locale)),
  ]);
  return {
    entity,
    kind,
    priority: priority + SHORT_FORM_PRIORITY_OFFSET,
    insensitive: [],
    givenNames: [],
    sensitive: all.filter((f) => !givenNames.includes(f)),
  };
}

/** Exact names and other entities win ties over a short form ("Jan" the person over "Jan(neke)"). */
const SHORT_FORM_PRIORITY_OFFSET = 20;

function phoneSource(phone: string): string | undefined {
  const compact = phone.replace(/[^\d+]/g, '');
  let national: string;
  let prefix: string;
  if (/^(?:\+|00)31/.test(compact)) {
    national = compact.replace(/^(?:\+|00)31/, '').replace(/^0/, '');
    prefix = '(?:(?:\\+|00)31[\\s.-]*(?:\\(0\\)[\\s.-]*)?|0)';
  } else if (/^(?:\+|00)/.test(compact)) {
    national = compact.replace(/^(?:\+|00)/, '');
    prefix = '(?:\\+|00)';
  } else if (compact.startsWith('0')) {
    national = compact.slice(1);
    prefix = '(?:(?:\\+|00)31[\\s.-]*(?:\\(0\\)[\\s.-]*)?|0)';
  } else {
    national = compact;
    prefix = '';
  }
  if (national.length < 6) return undefined;
  // Any spacing or punctuation between the digits: "06 - 123 456 78" is still the number.
  return `(?<![\\p{N}+])${prefix}[\\s.\\-()]*${[...national].join('[\\s.\\-()]*')}(?!\\p{N})`;
}

function buildSpecs(known: DossierIdentifiers, locale: Locale): EntitySpec[] {
  const specs: EntitySpec[] = [];
  const { client } = known;
  const clientSurname = splitSurname(client.lastName);
  const firstName = client.firstName.trim();
  // "Anna-Sophie" is also "Anna" and "Sophie".
  const firstParts = firstName.includes('-')
    ? firstName.split('-').filter((p) => p.length >= 2)
    : [];
  const clientName: ParsedName = {
    given: [
      firstName,
      ...firstParts,
      ...(client.otherNames ?? []).filter((n) => !/\s/u.test(n.trim())),
    ],
    middle: [],
    particles: clientSurname.particles,
    core: clientSurname.core,
  };
  const clientSpec = personSpec(
    clientName,
    { type: 'client' },
    'client-name',
    PATTERN_PRIORITY['client-name'],
    [
      ...initialVariants(firstName, clientSurname.particles, clientSurname.core, locale),
      ...givenNameInitials(firstName),
    ],
  );
  // Multi-word other names ("Jan Willem") and the pseudonym are matched as whole phrases.
  clientSpec.insensitive.push(
    client.pseudonym,
    ...(client.otherNames ?? []).filter((n) => /\s/u.test(n.trim())),
  );
  specs.push(clientSpec);

  const people: { name: string; id: string }[] = [];
  if (known.sponsor?.contactPerson)
    people.push({ name: known.sponsor.contactPerson, id: 'sponsor-contact' });
  (known.guardians ?? []).forEach((g, i) => {
    people.push({ name: g.name, id: `guardian-${i}` });
  });
  (known.people ?? []).forEach((p, i) => {
    people.push({ name: p.name, id: `person-${i}` });
  });
  people.forEach((person, order) => {
    const { name, initials } = personFromField(person.name);
    if (name.given.length === 0 && name.core === '') return;
    // "A.K." or "HM" for Anna Koster or Henk Mulder: initials derived from the name itself.
    const firstGiven = name.given[0];
    if (firstGiven !== undefined && name.core !== '')
      initials.push(...initialVariants(firstGiven, name.particles, name.core, locale));
    // "DJ" for Dirk-Jan.
    if (firstGiven !== undefined) initials.push(...givenNameInitials(firstGiven));
    specs.push(
      personSpec(
        name,
        { type: 'person', id: person.id },
        'person',
        PATTERN_PRIORITY.person + order / 1000,
        initials,
      ),
    );
  });
  specs.push(
    shortFormSpec(
      clientName.given,
      { type: 'client' },
      'client-name',
      PATTERN_PRIORITY['client-name'],
      locale,
    ),
  );
  people.forEach((person, order) => {
    specs.push(
      shortFormSpec(
        personFromField(person.name).name.given,
        { type: 'person', id: person.id },
        'person',
        PATTERN_PRIORITY.person + order / 1000,
        locale,
      ),
    );
  });

  const organisations: { name: string; id: string; sponsor: boolean }[] = [];
  if (known.sponsor?.organisation) {
    organisations.push({ name: known.sponsor.organisation, id: 'sponsor', sponsor: true });
  }
  (known.organisations ?? []).forEach((name, i) => {
    organisations.push({ name, id: `organisation-${i}`, sponsor: false });
  });
  organisations.forEach((org, order) => {
    specs.push({
      entity: { type: 'organisation', id: org.id, sponsor: org.sponsor },
      kind: 'organisation',
      priority: PATTERN_PRIORITY.organisation + order / 1000,
      ...organisationSpecVariants(org.name),
      givenNames: [],
    });
  });

  // Towns from the dossier: the client's own town says where to look for her.
  const towns = [
    ...(client.address ? [townOf(client.address)] : []),
    ...(known.places ?? []),
  ].filter((t): t is string => t !== undefined && t.trim().length >= 2);
  if (towns.length > 0) {
    specs.push({
      kind: 'place',
      priority: PATTERN_PRIORITY.place,
      insensitive: [],
      givenNames: [],
      // "Assen" is a town, "assen" are axles: as written, or all in capitals.
      sensitive: towns.flatMap((t) => [t.trim(), t.trim().toUpperCase()]),
    });
  }

  // The client's street without its number ("woont aan de Caversham Road", "Dorpsstraat"):
  // Dutch "Dorpsstraat 4", British "41 Caversham Road".
  const addressParts = (client.address ?? '').split(/[,\n]/u).map((part) => part.trim());
  const street = addressParts
    .map(
      (part) =>
        /^(\p{Lu}[\p{L}\p{M}'’. -]*?\p{L}{3,})\s+\d/u.exec(part)?.[1] ??
        /^\d+\p{L}?\s+(\p{Lu}[\p{L}\p{M}'’. -]*\p{L})$/u.exec(part)?.[1],
    )
    // "Flat 2" is no street: a street name has five letters or more.
    .find(
      (s) =>
        s !== undefined &&
        s.replace(/\s/gu, '').length >= 5 &&
        !/^(?:flat|apartment|unit)$/iu.test(s),
    );
  if (street !== undefined && street.replace(/\s/gu, '').length >= 5) {
    specs.push({
      kind: 'address',
      priority: PATTERN_PRIORITY.address,
      insensitive: [],
      givenNames: [],
      sensitive: [street],
    });
  }

  const emails = [
    client.email,
    known.sponsor?.email,
    ...(known.guardians ?? []).map((g) => g.email),
  ];
  specs.push({
    kind: 'email',
    priority: PATTERN_PRIORITY.email,
    insensitive: emails.filter((e): e is string => e !== undefined && e.trim() !== ''),
    givenNames: [],
    sensitive: [],
  });

  if (client.address) {
    // The whole address, and each comma-separated part that carries a number (street + house
    // number, postcode + city).
    const parts = client.address.split(',').filter((part) => /\d/.test(part));
    specs.push({
      kind: 'address',
      priority: PATTERN_PRIORITY.address,
      insensitive: [client.address, ...parts],
      givenNames: [],
      sensitive: [],
    });
  }
  return specs;
}

export interface KnownMatcher {
  regex: RegExp;
  kind: IdentifierKind;
  entity?: EntityRef;
  priority: number;
}

/** Compile the dossier into regexes; exported for tests and for reuse across summaries. */
export function buildKnownMatchers(known: DossierIdentifiers, locale: Locale): KnownMatcher[] {
  const matchers: KnownMatcher[] = [];
  for (const spec of buildSpecs(known, locale)) {
    const base = { kind: spec.kind, entity: spec.entity, priority: spec.priority };
    const givenForms = spec.givenNames.flatMap((g) => [g, ...diminutives(g)]);
    // E-mail addresses, street addresses and forms ending in an initial ("J.", "Jan V.") take
    // no possessive ending.
    const source = (variant: string): string =>
      spec.kind === 'email' || spec.kind === 'address' || variant.endsWith('.')
        ? literalSource(variant)
        : withPossessive(variant);
    const insensitive = uniqueByLength([...spec.insensitive, ...givenForms], false).map(source);
    const insensitiveRegex = wordRegex(insensitive, 'giu');
    if (insensitiveRegex) matchers.push({ ...base, regex: insensitiveRegex });
    const sensitive = uniqueByLength(spec.sensitive, true).map(source);
    const sensitiveRegex = wordRegex(sensitive, 'gu');
    if (sensitiveRegex) matchers.push({ ...base, regex: sensitiveRegex });
  }
  const phones = [
    known.client.phone,
    known.sponsor?.phone,
    ...(known.guardians ?? []).map((g) => g.phone),
  ];
  for (const phone of phones) {
    const source = phone ? phoneSource(phone) : undefined;
    if (source) {
      matchers.push({
        regex: new RegExp(source, 'gu'),
        kind: 'phone',
        priority: PATTERN_PRIORITY.phone,
      });
    }
  }
  return matchers;
}

/** Every occurrence of a dossier-known identifier, as spans in the original input. */
export function detectKnown(input: string, known: DossierIdentifiers, locale: Locale): Detection[] {
  // Matching runs on a diacritic-folded copy with identical offsets, so "Zoe" finds "Zoë".
  const folded = foldDiacritics(input);
  const out: Detection[] = [];
  for (const matcher of buildKnownMatchers(known, locale)) {
    for (const m of folded.matchAll(matcher.regex)) {
      const start = m.index ?? 0;
      if (m[0].length === 0) continue;
      out.push({
        start,
        end: start + m[0].length,
        kind: matcher.kind,
        entity: matcher.entity,
        priority: matcher.priority,
      });
    }
  }
  return out;
}
