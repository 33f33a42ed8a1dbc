import type { Duty, DutyState, DutySummary } from './types';

const SEVERITY: Record<DutyState, number> = {
  'not-applicable': 0,
  done: 1,
  'due-soon': 2,
  missing: 3,
  overdue: 4,
};

/** Counts for the client list; `worst` is 'not-applicable' for an empty list. */
export function summarise(duties: Duty[]): DutySummary {
  let open = 0;
  let overdue = 0;
  let done = 0;
  let worst: DutyState = 'not-applicable';
  for (const { state } of duties) {
    if (state === 'overdue') overdue += 1;
    if (state === 'done') done += 1;
    if (state === 'overdue' || state === 'missing' || state === 'due-soon') open += 1;
    if (SEVERITY[state] > SEVERITY[worst]) worst = state;
  }
  return { open, overdue, done, worst };
}
