import { isYearInRange } from '../../../../electron/contract/fields';

/** What the segments show, before react-aria constrains anything (31-02 stays 31-02). */
export type Displayed =
  | { kind: 'empty' }
  | { kind: 'incomplete' }
  | { kind: 'impossible' }
  | { kind: 'yearRange'; text: string }
  | { kind: 'valid'; text: string };

const DATE_PARTS = ['day', 'month', 'year'] as const;
const TIME_PARTS = ['hour', 'minute'] as const;

interface ShownSegment {
  type: string;
  value?: number | null | undefined;
  isPlaceholder: boolean;
}

/**
 * Reads the segments as the coach sees them. react-aria's own value is constrained (31-02
 * becomes 28-02) or runs ahead of the typing; this is what the field shows.
 */
export function readDisplayed(segments: readonly ShownSegment[], withTime: boolean): Displayed {
  const parts = withTime ? [...DATE_PARTS, ...TIME_PARTS] : [...DATE_PARTS];
  const shown = parts.map((part) => segments.find((segment) => segment.type === part));
  if (shown.every((segment) => segment === undefined || segment.isPlaceholder)) {
    return { kind: 'empty' };
  }
  if (shown.some((segment) => segment === undefined || segment.isPlaceholder)) {
    return { kind: 'incomplete' };
  }
  const [day, month, year, hour = 0, minute = 0] = shown.map((segment) => segment?.value ?? 0);
  if (day === undefined || month === undefined || year === undefined) return { kind: 'incomplete' };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return { kind: 'impossible' };
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const text = withTime ? `${date}T${pad(hour)}:${pad(minute)}` : date;
  return isYearInRange(year) ? { kind: 'valid', text } : { kind: 'yearRange', text };
}
