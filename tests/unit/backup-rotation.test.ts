import { addDays, addHours } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../electron/services/backups/rotation';

function daily(
  count: number,
  from = new Date('2026-11-23T12:00:00Z'),
): { id: string; createdAt: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const at = addDays(from, -i);
    return { id: at.toISOString().slice(0, 10), createdAt: at.toISOString() };
  });
}

describe('backup rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly out of a year of daily backups', () => {
    const year = daily(365);
    const keep = backupsToKeep(year, { daily: 7, weekly: 4, monthly: 12 });
    for (const day of year.slice(0, 7)) expect(keep.has(day.id)).toBe(true);
    // Days 8..27 are kept only where they are the newest of their ISO week or month.
    expect(keep.has('2026-11-15')).toBe(true); // Sunday: newest of ISO week 46
    expect(keep.has('2026-11-14')).toBe(false);
    expect(keep.has('2026-10-31')).toBe(true); // newest of October
    expect(keep.has('2026-10-30')).toBe(false);
    expect(keep.has('2025-12-31')).toBe(true); // 12th month back
    expect(keep.has('2025-11-30')).toBe(false); // 13th month: rotated out
    expect(keep.size).toBeLessThanOrEqual(7 + 4 + 12);
    expect(keep.size).toBeGreaterThanOrEqual(17);
  });

  it('keeps only the newest of several backups on one day', () => {
    const base = new Date('2026-11-23T08:00:00Z');
    const sameDay = [0, 3, 6].map((h) => ({
      id: `h${h}`,
      createdAt: addHours(base, h).toISOString(),
    }));
    expect([...backupsToKeep(sameDay, { daily: 7, weekly: 4, monthly: 12 })]).toEqual(['h6']);
  });

  it('always keeps the newest, even with a policy of zero', () => {
    expect([...backupsToKeep(daily(3), { daily: 0, weekly: 0, monthly: 0 })]).toEqual([
      '2026-11-23',
    ]);
    expect(backupsToKeep([], { daily: 7, weekly: 4, monthly: 12 }).size).toBe(0);
  });
});
