import { addYears, format, parseISO } from 'date-fns';

/** The coach's calendar day, in the machine's time zone. */
export function localDay(now: Date): string {
  return format(now, 'yyyy-MM-dd');
}

export function addYearsToDay(day: string, years: number): string {
  return format(addYears(parseISO(day), years), 'yyyy-MM-dd');
}

/** The day a moment was entered on: the date part of its ISO text, in its own offset. */
export function dayOf(isoDateTime: string): string {
  return isoDateTime.slice(0, 10);
}
