import { format } from 'date-fns';
import { plusMonths } from './compliance/dates';

/** The coach's calendar day, in the machine's time zone. */
export function localDay(now: Date): string {
  return format(now, 'yyyy-MM-dd');
}

export function addYearsToDay(day: string, years: number): string {
  return plusMonths(day, years * 12);
}

/** The day a moment was entered on: the date part of its ISO text, in its own offset. */
export function dayOf(isoDateTime: string): string {
  return isoDateTime.slice(0, 10);
}
