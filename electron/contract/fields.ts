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

/** A calendar day, 'YYYY-MM-DD', that exists (no 31 April). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine(isCalendarDate, 'date')
  .refine((value) => value >= '1900-01-01' && value <= '2200-12-31', 'date');

/** A moment with its offset, as the renderer's date-time inputs produce after conversion. */
export const isoDateTime = z.iso.datetime({ offset: true });

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
