import {
  addDays,
  addMonths,
  addYears,
  differenceInCalendarDays,
  formatISO,
  parseISO,
} from 'date-fns';
import type { IsoDate } from './types';

// parseISO reads a date-only string as local midnight and every helper below stays in local
// time, so a zone offset or a DST switch can never move a calendar date by a day.
const toIso = (date: Date): IsoDate => formatISO(date, { representation: 'date' });

/** Calendar days from `from` to `to`; positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function plusDays(date: IsoDate, days: number): IsoDate {
  return toIso(addDays(parseISO(date), days));
}

/** Adds months, clamping to the month's last day (31 Aug + 6 months is 28 or 29 Feb). */
export function plusMonths(date: IsoDate, months: number): IsoDate {
  return toIso(addMonths(parseISO(date), months));
}

export function earliest(dates: readonly (IsoDate | undefined)[]): IsoDate | undefined {
  let found: IsoDate | undefined;
  for (const date of dates) {
    if (date !== undefined && (found === undefined || daysBetween(found, date) < 0)) found = date;
  }
  return found;
}

export function latest(dates: readonly (IsoDate | undefined)[]): IsoDate | undefined {
  let found: IsoDate | undefined;
  for (const date of dates) {
    if (date !== undefined && (found === undefined || daysBetween(found, date) > 0)) found = date;
  }
  return found;
}

/**
 * Under 18 on `today`. Someone born on 29 February comes of age on 1 March in a common year:
 * the anniversary has not been reached on 28 February, and for 2.17 erring towards the
 * guardian agreement is the safe side.
 */
export function isMinorOn(dateOfBirth: IsoDate, today: IsoDate): boolean {
  const born = parseISO(dateOfBirth);
  let comesOfAge = addYears(born, 18);
  // addYears clamps 29 Feb to 28 Feb; the day of the month tells that it did.
  if (comesOfAge.getDate() !== born.getDate()) comesOfAge = addDays(comesOfAge, 1);
  return differenceInCalendarDays(parseISO(today), comesOfAge) < 0;
}
