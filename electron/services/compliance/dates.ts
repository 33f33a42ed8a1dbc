import { addDays, addMonths, addYears } from 'date-fns';
import type { IsoDate } from './types';

/**
 * The client list judges every dossier on each keystroke, and date-fns' parser and its
 * time-zone corrections were the largest cost of that (bench/ui.bench.ts). A calendar date
 * is handled as a day number from the built-in Date in UTC, where no zone offset or DST
 * switch can move it. Month and year arithmetic, with its clamping, stays with date-fns,
 * which works in local time: those dates are built as local midnight, as parseISO does.
 */
const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (0-11) and day, and the day number, of a real calendar date. */
function parse(date: IsoDate): { year: number; month: number; day: number; number: number } {
  const parts = DAY.exec(date);
  const year = Number(parts?.[1]);
  const month = Number(parts?.[2]) - 1;
  const day = Number(parts?.[3]);
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  utc.setUTCFullYear(year, month, day);
  // Anything else throws, as date-fns did, rather than 30 February rolling into March.
  if (!parts || utc.getUTCMonth() !== month || utc.getUTCDate() !== day) {
    throw new RangeError('Invalid calendar date');
  }
  return { year, month, day, number: utc.getTime() / DAY_MS };
}

// The same few dates (today, a contract's dates) are compared for every duty of every
// client; remembering their day numbers keeps the list of a large practice cheap.
const dayNumbers = new Map<IsoDate, number>();

function dayNumber(date: IsoDate): number {
  let number = dayNumbers.get(date);
  if (number === undefined) {
    number = parse(date).number;
    if (dayNumbers.size >= 20_000) dayNumbers.clear();
    dayNumbers.set(date, number);
  }
  return number;
}

function localDate(date: IsoDate): Date {
  const { year, month, day } = parse(date);
  const local = new Date(0, 0, 1);
  local.setFullYear(year, month, day);
  return local;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function fromLocal(date: Date): IsoDate {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

function fromDayNumber(day: number): IsoDate {
  const utc = new Date(day * DAY_MS);
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}`;
}

/** Calendar days from `from` to `to`; positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function plusDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Adds months, clamping to the month's last day (31 Aug + 6 months is 28 or 29 Feb). */
export function plusMonths(date: IsoDate, months: number): IsoDate {
  return fromLocal(addMonths(localDate(date), months));
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
  const born = localDate(dateOfBirth);
  let comesOfAge = addYears(born, 18);
  // addYears clamps 29 Feb to 28 Feb; the day of the month tells that it did.
  if (comesOfAge.getDate() !== born.getDate()) comesOfAge = addDays(comesOfAge, 1);
  return daysBetween(fromLocal(comesOfAge), today) < 0;
}
