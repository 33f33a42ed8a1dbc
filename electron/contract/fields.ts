import { z } from 'zod';

/**
 * Field types shared by every record of the contract. The same schemas validate input
 * in the main process and drive the forms in the renderer, so a limit is stated once.
 */

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * The years a date in a dossier can have. A year outside them is a typing slip (a digit
 * too many when date and time are typed in one go), never a real birth date or session.
 * The renderer's date fields check the same bounds, so the coach hears it at the field.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** Whether a year falls within MIN_YEAR and MAX_YEAR. */
export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A calendar day, 'YYYY-MM-DD', that exists (no 31 April), in a year the app accepts. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine(isCalendarDate, 'date')
  .refine((value) => isYearInRange(Number(value.slice(0, 4))), 'yearRange');

/**
 * A moment with its offset, as the renderer's date-time inputs produce after conversion.
 * The year is judged in UTC: a moment in the first hours of 1900 or the last of 2100 may
 * fall a year outside in the coach's zone, which no real session does.
 */
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine((value) => isYearInRange(new Date(value).getUTCFullYear()), 'yearRange');

export const recordId = z.uuid();

/** Names, places, short labels. */
export const shortText = z.string().trim().max(200);
/** A paragraph: goals, reasons, terms. */
export const mediumText = z.string().max(20_000);
/** Session notes and reflections (markdown). About 100 pages of text. */
export const longText = z.string().max(500_000);

export const requiredShortText = shortText.min(1, 'required');

export const optionalDate = isoDate.nullable();

export const timestamps = {
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};
