import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  earliest,
  isMinorOn,
  latest,
  plusDays,
  plusMonths,
} from '../../electron/services/compliance/dates';

/** The calendar helpers of the compliance engine, on the edges where date code breaks. */
describe('compliance dates', () => {
  it('counts calendar days across month, leap-day and year ends', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-01-01')).toBe(-365);
  });

  it('adds days and months, clamping to the last day of a shorter month', () => {
    expect(plusDays('2026-10-24', 7)).toBe('2026-10-31');
    expect(plusDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(plusDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(plusMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(plusMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(plusMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(plusMonths('0099-06-15', 12)).toBe('0100-06-15');
  });

  it('comes of age on the 18th birthday, and on 1 March for 29 February', () => {
    expect(isMinorOn('2008-11-24', '2026-11-23')).toBe(true);
    expect(isMinorOn('2008-11-24', '2026-11-24')).toBe(false);
    expect(isMinorOn('2008-02-29', '2026-02-28')).toBe(true);
    expect(isMinorOn('2008-02-29', '2026-03-01')).toBe(false);
  });

  it('picks the earliest and latest date, skipping absent ones', () => {
    expect(earliest([undefined, '2026-05-01', '2025-12-31'])).toBe('2025-12-31');
    expect(latest(['2026-05-01', undefined, '2026-05-02'])).toBe('2026-05-02');
    expect(earliest([])).toBeUndefined();
  });

  it('refuses what is not a calendar date instead of rolling it over', () => {
    for (const bad of ['2024-02-30', '2026-13-01', '2026-1-5', '2026-11-23T10:00', '']) {
      expect(() => daysBetween(bad, '2026-01-01')).toThrow(RangeError);
      expect(() => plusMonths(bad, 1)).toThrow(RangeError);
    }
  });
});
