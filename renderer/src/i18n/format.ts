import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function localeOf(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'nl-NL';
}

/** A calendar day 'YYYY-MM-DD' as a local date, so no time zone shifts it a day. */
export function parseDay(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** What a missing date reads as. */
export const NO_DATE = '—';

/** A date or moment the UI shows: an ISO text from the API or the form, or a Date. */
export type DateInput = string | Date | null | undefined;

export interface Formatters {
  locale: string;
  day(value: DateInput): string;
  dateTime(value: DateInput): string;
  time(value: DateInput): string;
  number(value: number): string;
  bytes(value: number): string;
}

function asDay(value: string | Date): Date {
  if (value instanceof Date) return value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDay(value) : new Date(value);
}

/**
 * Formats without ever throwing. `Intl.DateTimeFormat.format` throws a RangeError on an
 * invalid date ('Invalid time value'), and a half-typed date in a field is exactly that:
 * one such value in a heading took the whole window down. So a value that is not a date
 * shows as the text it is, an empty one as a dash.
 */
function safely(format: Intl.DateTimeFormat, value: DateInput, toDate: (v: string | Date) => Date) {
  if (value === null || value === undefined || value === '') return NO_DATE;
  const raw = value instanceof Date ? '' : value;
  try {
    const date = toDate(value);
    if (Number.isNaN(date.getTime())) return raw || NO_DATE;
    return format.format(date);
  } catch {
    return raw || NO_DATE;
  }
}

/**
 * The one place dates, moments, times and numbers become text for the coach: in the
 * language the coach chose (nl-NL or en-GB), on a 24-hour clock, whatever the operating
 * system's locale says. Every formatter here returns text for any input.
 */
export function formattersFor(locale: string): Formatters {
  const clock = { hourCycle: 'h23' } as const;
  const dayFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...clock,
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...clock,
  });
  const numberFormat = new Intl.NumberFormat(locale);
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const moment = (value: string | Date) => (value instanceof Date ? value : new Date(value));
  return {
    locale,
    day: (value) => safely(dayFormat, value, asDay),
    dateTime: (value) => safely(dateTimeFormat, value, moment),
    time: (value) => safely(timeFormat, value, moment),
    number: (value) => (Number.isFinite(value) ? numberFormat.format(value) : NO_DATE),
    // Coaches read kB, MB and GB; a count of bytes ("193 B") is machinery to them. A small
    // file that is not empty shows as at least 0.1 kB, so it never reads as nothing.
    bytes: (value) => {
      if (!Number.isFinite(value)) return NO_DATE;
      const kB = 1024;
      if (value < kB * kB) {
        const inKb = value > 0 ? Math.max(value / kB, 0.1) : 0;
        return `${oneDecimal.format(inKb)} kB`;
      }
      if (value < kB * kB * kB) return `${oneDecimal.format(value / (kB * kB))} MB`;
      return `${oneDecimal.format(value / (kB * kB * kB))} GB`;
    },
  };
}

/** Dates and numbers in the language the coach chose: nl-NL or en-GB. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useMemo(() => formattersFor(locale), [locale]);
}
