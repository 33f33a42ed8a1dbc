import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formattersFor, NO_DATE } from '../../renderer/src/i18n/format';

const locales = ['nl-NL', 'en-GB'] as const;

describe('the one date formatter of the UI', () => {
  it('shows the text of a value that is no date instead of throwing (the blank window)', () => {
    for (const locale of locales) {
      const format = formattersFor(locale);
      // What a date-time field held after '12042026' and '1000' were typed in one go.
      expect(format.dateTime('20261-04-12T10:00')).toBe('20261-04-12T10:00');
      expect(format.day('2026-04-31x')).toBe('2026-04-31x');
      expect(format.time('not a time')).toBe('not a time');
      expect(format.dateTime(new Date(Number.NaN))).toBe(NO_DATE);
      expect(format.day('')).toBe(NO_DATE);
      expect(format.day(null)).toBe(NO_DATE);
      expect(format.dateTime(undefined)).toBe(NO_DATE);
      expect(format.number(Number.NaN)).toBe(NO_DATE);
      expect(format.bytes(Number.POSITIVE_INFINITY)).toBe(NO_DATE);
    }
  });

  it('shows file sizes in kB, MB or GB, never as a count of bytes', () => {
    const nl = formattersFor('nl-NL');
    expect(nl.bytes(193)).toBe('0,2 kB');
    expect(nl.bytes(3)).toBe('0,1 kB');
    expect(nl.bytes(0)).toBe('0 kB');
    expect(nl.bytes(1536)).toBe('1,5 kB');
    expect(nl.bytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(nl.bytes(2.5 * 1024 ** 3)).toBe('2,5 GB');
    expect(formattersFor('en-GB').bytes(193)).toBe('0.2 kB');
    for (const locale of locales) {
      const format = formattersFor(locale);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 45 }), (size) => {
          expect(format.bytes(size)).toMatch(/^[\d.,\u00a0]+ (kB|MB|GB)$/);
        }),
      );
    }
  });

  it('never throws, whatever text or moment it is given', () => {
    const formats = locales.map(formattersFor);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: false }),
          fc.constantFrom('20261-04-12T10:00', '+275761-01-01T00:00:00Z', '0000-00-00', 'T'),
          fc
            .tuple(
              fc.integer({ min: -300_000, max: 300_000 }),
              fc.integer({ min: 0, max: 99 }),
              fc.integer({ min: 0, max: 99 }),
            )
            .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
        ),
        (value) => {
          for (const format of formats) {
            for (const shown of [format.day(value), format.dateTime(value), format.time(value)]) {
              expect(typeof shown).toBe('string');
              expect(shown.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes dates in the order of the chosen language and times on a 24-hour clock', () => {
    const afternoon = new Date(2026, 3, 12, 15, 5);
    const nl = formattersFor('nl-NL');
    expect(nl.day('2026-04-12')).toBe('12 april 2026');
    expect(nl.dateTime(afternoon)).toMatch(/^12 apr 2026.*15:05$/);
    expect(nl.time(afternoon)).toBe('15:05');
    const en = formattersFor('en-GB');
    expect(en.day('2026-04-12')).toBe('12 April 2026');
    expect(en.time(afternoon)).toBe('15:05');
    expect(en.dateTime(afternoon)).not.toMatch(/pm/i);
  });

  it('reads a calendar day as that day wherever the coach lives', () => {
    expect(formattersFor('nl-NL').day('2026-01-01')).toBe('1 januari 2026');
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the class: every date the UI shows goes through that formatter', () => {
  const root = join(import.meta.dirname, '../../renderer/src');
  const formatter = join(root, 'i18n/format.ts');

  it('has no other place that turns a date into text', () => {
    // Each of these throws on an invalid date or follows the operating system's locale.
    const forbidden = [
      /\.toLocale(Date|Time)?String\(/,
      /Intl\.DateTimeFormat/,
      /from 'date-fns'/,
      /\.toUTCString\(/,
      /\.toDateString\(/,
    ];
    const offenders: string[] = [];
    for (const file of sourceFiles(root)) {
      if (file === formatter) continue;
      const text = readFileSync(file, 'utf8');
      for (const pattern of forbidden) {
        if (pattern.test(text)) offenders.push(`${relative(root, file)}: ${pattern.source}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has no native date input left, whose order and clock follow the operating system', () => {
    const offenders = sourceFiles(root).filter((file) =>
      /type="(date|datetime-local|time)"|'datetime-local'/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
