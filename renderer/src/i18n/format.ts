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

export interface Formatters {
  locale: string;
  day(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
  time(value: string): string;
  number(value: number): string;
  bytes(value: number): string;
}

/** Dates and numbers in the language the coach chose: nl-NL or en-GB. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useMemo(() => {
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
    });
    const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const numberFormat = new Intl.NumberFormat(locale);
    const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return {
      locale,
      day: (value) => (value ? dayFormat.format(parseDay(value)) : '—'),
      dateTime: (value) => (value ? dateTimeFormat.format(new Date(value)) : '—'),
      time: (value) => timeFormat.format(new Date(value)),
      number: (value) => numberFormat.format(value),
      bytes: (value) => {
        if (value < 1024) return `${numberFormat.format(value)} B`;
        if (value < 1024 * 1024) return `${oneDecimal.format(value / 1024)} kB`;
        return `${oneDecimal.format(value / (1024 * 1024))} MB`;
      },
    };
  }, [locale]);
}
