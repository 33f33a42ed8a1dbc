import { describe, expect, it } from 'vitest';
import { readDisplayed } from '../../renderer/src/components/form/displayed-date';

/** Segments as react-aria lists them for dd-mm-jjjj, hh:mm (literals left out). */
function segments(values: (number | null)[]) {
  const types = ['day', 'month', 'year', 'hour', 'minute'];
  return values.map((value, index) => ({
    type: types[index] ?? 'literal',
    value: value ?? undefined,
    isPlaceholder: value === null,
  }));
}

describe('a date field read as the coach sees it', () => {
  it.each([
    ['31 February', [31, 2, 2026, 12, 0], { kind: 'impossible' }],
    ['31 April', [31, 4, 2026, 9, 0], { kind: 'impossible' }],
    [
      '29 February in a leap year',
      [29, 2, 2028, 9, 0],
      { kind: 'valid', text: '2028-02-29T09:00' },
    ],
    ['29 February otherwise', [29, 2, 2026, 9, 0], { kind: 'impossible' }],
    ['year 9999', [12, 4, 9999, 9, 0], { kind: 'yearRange', text: '9999-04-12T09:00' }],
    ['a valid date and time', [3, 4, 2026, 1, 5], { kind: 'valid', text: '2026-04-03T01:05' }],
    ['half typed', [12, 4, null, 9, 0], { kind: 'incomplete' }],
    ['cleared', [null, null, null, null, null], { kind: 'empty' }],
  ] as const)('%s', (_name, values, expected) => {
    expect(readDisplayed(segments([...values]), true)).toEqual(expected);
  });

  it('a date without time ignores no segment and adds none', () => {
    expect(readDisplayed(segments([1, 12, 1900]), false)).toEqual({
      kind: 'valid',
      text: '1900-12-01',
    });
  });
});
