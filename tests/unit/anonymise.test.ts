import { afterAll, describe, expect, it } from 'vitest';
import {
  type AnonymisedText,
  anonymise,
  type IdentifierKind,
} from '../../electron/services/anonymise';
import { anonymiseCorpus, type CorpusCase } from '../fixtures/anonymise-corpus';
import {
  exactOccurrences,
  looseOccurrences,
  overlaps,
  type Span,
} from '../fixtures/anonymise-corpus/matching';

const ALL_KINDS: IdentifierKind[] = [
  'client-name',
  'person',
  'organisation',
  'email',
  'phone',
  'iban',
  'bsn',
  'postcode',
  'address',
  'url',
  'licence-plate',
  'date',
  'age',
  'date-of-birth',
];

/** What the output must contain for each planted kind. */
const PLACEHOLDER_PATTERNS: Record<'nl' | 'en', Record<IdentifierKind, RegExp>> = {
  nl: {
    'client-name': /\[cliënt\]/u,
    person: /\[persoon \d+\]/u,
    organisation: /\[organisatie(?: \d+)?\]/u,
    email: /\[e-mail\]/u,
    phone: /\[telefoon\]/u,
    iban: /\[iban\]/u,
    bsn: /\[bsn\]/u,
    postcode: /\[postcode\]/u,
    address: /\[adres\]/u,
    place: /\[plaats\]/u,
    url: /\[url\]/u,
    'licence-plate': /\[kenteken\]/u,
    date: /sessie \d+|week \d+ van het traject|(?:weken|maanden|jaren|kort) voor de start|\[datum\]/u,
    age: /\[leeftijd\]/u,
    'date-of-birth': /\[geboortedatum\]/u,
  },
  en: {
    'client-name': /\[client\]/u,
    person: /\[person \d+\]/u,
    organisation: /\[organisation(?: \d+)?\]/u,
    email: /\[email\]/u,
    phone: /\[phone\]/u,
    iban: /\[iban\]/u,
    bsn: /\[bsn\]/u,
    postcode: /\[postcode\]/u,
    address: /\[address\]/u,
    place: /\[place\]/u,
    url: /\[url\]/u,
    'licence-plate': /\[licence plate\]/u,
    date: /session \d+|week \d+ of the coaching|(?:weeks|months|years|shortly) before the start|\[date\]/u,
    age: /\[age\]/u,
    'date-of-birth': /\[date of birth\]/u,
  },
};

interface Run {
  corpusCase: CorpusCase;
  result: AnonymisedText;
  /** Where each planted identifier sits in the input, exactly as written. */
  plantedSpans: (Span & { kind: IdentifierKind })[];
}

const runs: Run[] = anonymiseCorpus.map((corpusCase) => ({
  corpusCase,
  result: anonymise(corpusCase.text, corpusCase.known, { locale: corpusCase.locale }),
  plantedSpans: corpusCase.planted.flatMap((p) =>
    exactOccurrences(corpusCase.text, p.text).map((span) => ({ ...span, kind: p.kind })),
  ),
}));

function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => w !== '').length;
}

describe('anonymisation corpus', () => {
  it('has at least 40 texts: 25 Dutch and 12 English, each 80-250 words', () => {
    expect(anonymiseCorpus.length).toBeGreaterThanOrEqual(40);
    expect(anonymiseCorpus.filter((c) => c.locale === 'nl').length).toBeGreaterThanOrEqual(25);
    expect(anonymiseCorpus.filter((c) => c.locale === 'en').length).toBeGreaterThanOrEqual(12);
    const outOfRange = anonymiseCorpus
      .map((c) => ({ id: c.id, words: wordCount(c.text) }))
      .filter((c) => c.words < 80 || c.words > 250);
    expect(outOfRange).toEqual([]);
    expect(new Set(anonymiseCorpus.map((c) => c.id)).size).toBe(anonymiseCorpus.length);
  });

  it('plants every identifier kind in at least three texts', () => {
    const textsPerKind = new Map<IdentifierKind, number>();
    for (const c of anonymiseCorpus) {
      for (const kind of new Set(c.planted.map((p) => p.kind))) {
        textsPerKind.set(kind, (textsPerKind.get(kind) ?? 0) + 1);
      }
    }
    const scarce = ALL_KINDS.filter((kind) => (textsPerKind.get(kind) ?? 0) < 3);
    expect(scarce).toEqual([]);
  });

  it.each(runs.map((r) => [r.corpusCase.id, r] as const))(
    '%s: every planted identifier is literally in the text',
    (_id, { corpusCase }) => {
      const missing = corpusCase.planted
        .filter((p) => exactOccurrences(corpusCase.text, p.text).length === 0)
        .map((p) => p.text);
      expect(missing).toEqual([]);
    },
  );

  it.each(runs.map((r) => [r.corpusCase.id, r] as const))(
    '%s: no planted identifier survives (case-insensitive, diacritics folded)',
    (id, { corpusCase, result }) => {
      const leaks = corpusCase.planted
        .filter((p) => looseOccurrences(result.text, p.text).length > 0)
        .map((p) => `${id}: ${p.kind} "${p.text}"`);
      expect(leaks).toEqual([]);
    },
  );

  it.each(runs.map((r) => [r.corpusCase.id, r] as const))(
    '%s: the output holds a placeholder for every planted kind',
    (id, { corpusCase, result }) => {
      const patterns = PLACEHOLDER_PATTERNS[corpusCase.locale];
      const absent = [...new Set(corpusCase.planted.map((p) => p.kind))]
        .filter((kind) => !patterns[kind].test(result.text))
        .map((kind) => `${id}: ${kind}`);
      expect(absent).toEqual([]);
    },
  );

  it.each(runs.map((r) => [r.corpusCase.id, r] as const))(
    '%s: each planted identifier is replaced as the kind it was planted as',
    (id, { result, plantedSpans }) => {
      // "O'Neill" inside "Colin O'Neill" is governed by the longer planted identifier.
      const outermost = plantedSpans.filter(
        (span) =>
          !plantedSpans.some(
            (other) =>
              other.start <= span.start &&
              other.end >= span.end &&
              other.end - other.start > span.end - span.start,
          ),
      );
      const wrong = outermost
        .filter((span) => {
          const covering = result.replacements.filter((r) => overlaps(r, span));
          return !covering.some((r) => r.kind === span.kind);
        })
        .map((span) => {
          const got = result.replacements.filter((r) => overlaps(r, span)).map((r) => r.kind);
          return `${id}: ${span.start} planted ${span.kind}, replaced as ${got.join('/') || 'nothing'}`;
        });
      expect(wrong).toEqual([]);
    },
  );

  it.each(runs.map((r) => [r.corpusCase.id, r] as const))(
    '%s: expected flags are raised and words that merely contain a name survive',
    (id, { corpusCase, result }) => {
      const unflagged = (corpusCase.flagsExpected ?? []).filter(
        (expected) => !result.flags.some((flag) => flag.text.includes(expected)),
      );
      expect(unflagged.map((f) => `${id}: no flag for "${f}"`)).toEqual([]);
      const lost = (corpusCase.mustKeep ?? []).filter((word) => !result.text.includes(word));
      expect(lost.map((w) => `${id}: "${w}" was changed`)).toEqual([]);
    },
  );

  it.each(runs.map((r) => [r.corpusCase.id, r] as const))(
    '%s: replacement offsets point into the input, flag offsets into the output',
    (_id, { corpusCase, result }) => {
      let rebuilt = '';
      let cursor = 0;
      for (const r of result.replacements) {
        expect(corpusCase.text.slice(r.start, r.end)).toBe(r.original);
        expect(r.start).toBeGreaterThanOrEqual(cursor);
        rebuilt += corpusCase.text.slice(cursor, r.start) + r.placeholder;
        cursor = r.end;
      }
      rebuilt += corpusCase.text.slice(cursor);
      expect(rebuilt).toBe(result.text);
      for (const flag of result.flags)
        expect(result.text.slice(flag.start, flag.end)).toBe(flag.text);
    },
  );
});

describe('corpus recall and precision per kind', () => {
  interface Tally {
    planted: number;
    found: number;
    replaced: number;
    truePositive: number;
  }
  const tallies = new Map<IdentifierKind, Tally>(
    ALL_KINDS.map((kind) => [kind, { planted: 0, found: 0, replaced: 0, truePositive: 0 }]),
  );
  const falsePositives: string[] = [];
  for (const { corpusCase, result, plantedSpans } of runs) {
    for (const p of corpusCase.planted) {
      const tally = tallies.get(p.kind);
      if (tally === undefined) continue;
      tally.planted += 1;
      if (looseOccurrences(result.text, p.text).length === 0) tally.found += 1;
    }
    for (const r of result.replacements) {
      const tally = tallies.get(r.kind);
      if (tally === undefined) continue;
      tally.replaced += 1;
      if (plantedSpans.some((span) => overlaps(span, r))) tally.truePositive += 1;
      else falsePositives.push(`${corpusCase.id}: ${r.kind} "${r.original}"`);
    }
  }
  const total = [...tallies.values()].reduce(
    (sum, t) => ({
      planted: sum.planted + t.planted,
      found: sum.found + t.found,
      replaced: sum.replaced + t.replaced,
      truePositive: sum.truePositive + t.truePositive,
    }),
    { planted: 0, found: 0, replaced: 0, truePositive: 0 },
  );
  const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

  afterAll(() => {
    const row = (label: string, t: Tally): string =>
      `${label.padEnd(14)} ${String(t.planted).padStart(7)} ${ratio(t.found, t.planted)
        .toFixed(3)
        .padStart(7)} ${String(t.replaced).padStart(9)} ${ratio(t.truePositive, t.replaced)
        .toFixed(3)
        .padStart(9)}\n`;
    let table = '\nAnonymisation corpus: recall and precision per kind\n';
    table += `${'kind'.padEnd(14)} ${'planted'.padStart(7)} ${'recall'.padStart(7)} ${'replaced'.padStart(9)} ${'precision'.padStart(9)}\n`;
    for (const [kind, tally] of tallies) table += row(kind, tally);
    table += row('overall', total);
    if (falsePositives.length > 0) table += `false positives:\n  ${falsePositives.join('\n  ')}\n`;
    process.stdout.write(table);
  });

  it('recall is 100% for every kind', () => {
    const below = [...tallies]
      .filter(([, t]) => t.found < t.planted)
      .map(([kind, t]) => `${kind}: ${t.found}/${t.planted}`);
    expect(below).toEqual([]);
  });

  it('overall precision is at least 0.9', () => {
    expect(total.replaced).toBeGreaterThan(0);
    expect(ratio(total.truePositive, total.replaced)).toBeGreaterThanOrEqual(0.9);
  });
});
