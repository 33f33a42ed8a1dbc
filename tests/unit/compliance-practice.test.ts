import { describe, expect, it } from 'vitest';
import {
  type Duty,
  type DutyId,
  type DutyState,
  type PracticeFacts,
  practiceDuties,
} from '../../electron/services/compliance';

const TODAY = '2025-06-15';

/** A practice with nothing on record and the default six-month supervision interval. */
function practice(overrides: Partial<PracticeFacts> = {}): PracticeFacts {
  return { today: TODAY, supervisionMaxMonths: 6, ...overrides };
}

const plan = { updatedOn: '2025-01-20', keepers: 3, successors: 1, bundleWritten: true };

function find(duties: Duty[], id: DutyId): Duty {
  const found = duties.find((d) => d.id === id);
  if (found === undefined) throw new Error(`no duty ${id}`);
  return found;
}

interface Row {
  name: string;
  facts: PracticeFacts;
  expected: { state: DutyState; since?: string; dueOn?: string };
}

function checkRows(id: DutyId, article: string, rows: Row[]): void {
  it.each(rows)('$name', ({ facts, expected }) => {
    const duty = find(practiceDuties(facts), id);
    const seen = { article: duty.article, state: duty.state, since: duty.since, dueOn: duty.dueOn };
    expect(seen).toEqual({ article, since: undefined, dueOn: undefined, ...expected });
  });
}

describe('3.12 professional liability insurance', () => {
  checkRows('insurance', '3.12', [
    { name: 'missing: no policy', facts: practice(), expected: { state: 'missing' } },
    {
      name: 'missing: policy without expiry date',
      facts: practice({ insurance: {} }),
      expected: { state: 'missing' },
    },
    {
      name: 'done: expires next year',
      facts: practice({ insurance: { expiresOn: '2026-01-01' } }),
      expected: { state: 'done', dueOn: '2026-01-01' },
    },
    {
      name: 'done: expires in 31 days',
      facts: practice({ insurance: { expiresOn: '2025-07-16' } }),
      expected: { state: 'done', dueOn: '2025-07-16' },
    },
    {
      name: 'due-soon: expires in exactly 30 days',
      facts: practice({ insurance: { expiresOn: '2025-07-15' } }),
      expected: { state: 'due-soon', dueOn: '2025-07-15' },
    },
    {
      name: 'due-soon: expires tomorrow',
      facts: practice({ insurance: { expiresOn: '2025-06-16' } }),
      expected: { state: 'due-soon', dueOn: '2025-06-16' },
    },
    {
      name: 'overdue: expires today',
      facts: practice({ insurance: { expiresOn: TODAY } }),
      expected: { state: 'overdue', since: TODAY, dueOn: TODAY },
    },
    {
      name: 'overdue: expired in March',
      facts: practice({ insurance: { expiresOn: '2025-03-31' } }),
      expected: { state: 'overdue', since: '2025-03-31', dueOn: '2025-03-31' },
    },
  ]);
});

describe('4.3 supervision within the interval', () => {
  checkRows('supervision-recent', '4.3', [
    { name: 'missing: never logged', facts: practice(), expected: { state: 'missing' } },
    {
      name: 'done: logged in January, next by July',
      facts: practice({ lastSupervisionOn: '2025-01-01' }),
      expected: { state: 'done', since: '2025-01-01', dueOn: '2025-07-01' },
    },
    {
      name: 'done: logged exactly six months ago',
      facts: practice({ lastSupervisionOn: '2024-12-15' }),
      expected: { state: 'done', since: '2024-12-15', dueOn: TODAY },
    },
    {
      name: 'overdue: logged six months and a day ago (since today)',
      facts: practice({ lastSupervisionOn: '2024-12-14' }),
      expected: { state: 'overdue', since: TODAY, dueOn: '2025-06-14' },
    },
    {
      name: 'overdue: logged over a year ago',
      facts: practice({ lastSupervisionOn: '2024-03-10' }),
      expected: { state: 'overdue', since: '2024-09-11', dueOn: '2024-09-10' },
    },
    {
      name: 'overdue: a configured three-month interval',
      facts: practice({ lastSupervisionOn: '2025-03-01', supervisionMaxMonths: 3 }),
      expected: { state: 'overdue', since: '2025-06-02', dueOn: '2025-06-01' },
    },
    {
      name: 'done: a configured twelve-month interval',
      facts: practice({ lastSupervisionOn: '2024-07-01', supervisionMaxMonths: 12 }),
      expected: { state: 'done', since: '2024-07-01', dueOn: '2025-07-01' },
    },
    {
      name: 'overdue: 31 August plus six months ends on 28 February',
      facts: practice({ today: '2025-03-01', lastSupervisionOn: '2024-08-31' }),
      expected: { state: 'overdue', since: '2025-03-01', dueOn: '2025-02-28' },
    },
  ]);
});

describe('2.28 continuity plan', () => {
  checkRows('continuity-plan', '2.28', [
    { name: 'missing: no plan', facts: practice(), expected: { state: 'missing' } },
    {
      name: 'missing: plan without keepers',
      facts: practice({ continuityPlan: { ...plan, keepers: 0 } }),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: plan without successor',
      facts: practice({ continuityPlan: { ...plan, successors: 0 } }),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: kit issued but no continuity bundle written yet',
      facts: practice({ continuityPlan: { ...plan, bundleWritten: false } }),
      expected: { state: 'missing' },
    },
    {
      name: 'done: keepers and a successor (since the last update)',
      facts: practice({ continuityPlan: plan }),
      expected: { state: 'done', since: '2025-01-20' },
    },
  ]);
});

it('2.28 without a bundle asks for a bundle folder, not for keepers', () => {
  const withoutBundle = find(
    practiceDuties(practice({ continuityPlan: { ...plan, bundleWritten: false } })),
    'continuity-plan',
  );
  expect(withoutBundle.actionKey).toBe('duty.continuity-plan.action.no-bundle');
  const withoutKit = find(
    practiceDuties(practice({ continuityPlan: { ...plan, keepers: 0, bundleWritten: false } })),
    'continuity-plan',
  );
  expect(withoutKit.actionKey).toBe('duty.continuity-plan.action.missing');
});

describe('2.28 continuity drill', () => {
  checkRows('continuity-drill', '2.28', [
    { name: 'missing: no plan at all', facts: practice(), expected: { state: 'missing' } },
    {
      name: 'missing: plan never rehearsed',
      facts: practice({ continuityPlan: plan }),
      expected: { state: 'missing' },
    },
    {
      name: 'done: rehearsed last autumn, next within twelve months',
      facts: practice({ continuityPlan: { ...plan, lastDrillOn: '2024-10-05' } }),
      expected: { state: 'done', since: '2024-10-05', dueOn: '2025-10-05' },
    },
    {
      name: 'done: rehearsed exactly twelve months ago',
      facts: practice({ continuityPlan: { ...plan, lastDrillOn: '2024-06-15' } }),
      expected: { state: 'done', since: '2024-06-15', dueOn: TODAY },
    },
    {
      name: 'overdue: rehearsed twelve months and a day ago',
      facts: practice({ continuityPlan: { ...plan, lastDrillOn: '2024-06-14' } }),
      expected: { state: 'overdue', since: TODAY, dueOn: '2025-06-14' },
    },
    {
      name: 'overdue: a configured six-month interval',
      facts: practice({
        continuityPlan: { ...plan, lastDrillOn: '2024-10-05' },
        continuityDrillMaxMonths: 6,
      }),
      expected: { state: 'overdue', since: '2025-04-06', dueOn: '2025-04-05' },
    },
    {
      name: 'done: a configured 24-month interval',
      facts: practice({
        continuityPlan: { ...plan, lastDrillOn: '2023-09-01' },
        continuityDrillMaxMonths: 24,
      }),
      expected: { state: 'done', since: '2023-09-01', dueOn: '2025-09-01' },
    },
  ]);
});

describe('practiceDuties', () => {
  it('returns every practice duty once, in the order of the articles', () => {
    expect(practiceDuties(practice()).map((d) => [d.id, d.article])).toEqual([
      ['continuity-plan', '2.28'],
      ['continuity-drill', '2.28'],
      ['insurance', '3.12'],
      ['supervision-recent', '4.3'],
    ]);
  });

  it('sends the coach to the practice screens', () => {
    const targets = Object.fromEntries(practiceDuties(practice()).map((d) => [d.id, d.target]));
    expect(targets).toEqual({
      'continuity-plan': { tab: 'practice-continuity', form: 'plan' },
      'continuity-drill': { tab: 'practice-continuity', form: 'drill' },
      insurance: { tab: 'practice-profile', form: 'insurance' },
      'supervision-recent': { tab: 'practice-supervision', form: 'session' },
    });
  });

  it('keys the title, and the action only for states that call for one', () => {
    const duties = practiceDuties(
      practice({ insurance: { expiresOn: '2025-06-20' }, lastSupervisionOn: '2025-05-01' }),
    );
    expect(find(duties, 'insurance')).toMatchObject({
      titleKey: 'duty.insurance.title',
      actionKey: 'duty.insurance.action.due-soon',
    });
    expect(find(duties, 'continuity-plan').actionKey).toBe('duty.continuity-plan.action.missing');
    expect(find(duties, 'supervision-recent').titleKey).toBe('duty.supervision-recent.title');
    expect(find(duties, 'supervision-recent')).not.toHaveProperty('actionKey');
  });

  it('marks everything done for a practice that keeps up', () => {
    const duties = practiceDuties(
      practice({
        insurance: { expiresOn: '2026-01-01' },
        lastSupervisionOn: '2025-05-01',
        continuityPlan: { ...plan, lastDrillOn: '2025-02-01' },
      }),
    );
    expect(duties.map((d) => d.state)).toEqual(['done', 'done', 'done', 'done']);
  });
});

describe('2.15 backup-recent', () => {
  const base = { today: '2026-11-23', supervisionMaxMonths: 6 } as const;
  const backupDuty = (backup: NonNullable<Parameters<typeof practiceDuties>[0]['backup']>) =>
    practiceDuties({ ...base, backup }).find((d) => d.id === 'backup-recent');

  it.each([
    ['no folder', { folderSet: false, folderAvailable: false, warnDays: 7 }, { state: 'missing' }],
    [
      'never backed up',
      { folderSet: true, folderAvailable: true, warnDays: 7 },
      { state: 'missing' },
    ],
    [
      'folder gone',
      { folderSet: true, folderAvailable: false, lastGoodOn: '2026-11-22', warnDays: 7 },
      { state: 'overdue', since: '2026-11-23' },
    ],
    [
      'last good 7 days ago',
      { folderSet: true, folderAvailable: true, lastGoodOn: '2026-11-16', warnDays: 7 },
      { state: 'done', since: '2026-11-16', dueOn: '2026-11-23' },
    ],
    [
      'last good 8 days ago',
      { folderSet: true, folderAvailable: true, lastGoodOn: '2026-11-15', warnDays: 7 },
      { state: 'overdue', since: '2026-11-23', dueOn: '2026-11-22' },
    ],
  ])('%s', (_label, backup, expected) => {
    expect(backupDuty(backup)).toMatchObject({
      article: '2.15',
      target: { tab: 'practice-backups' },
      ...expected,
    });
  });

  it('is left out when the caller gives no backup facts', () => {
    expect(practiceDuties(base).some((d) => d.id === 'backup-recent')).toBe(false);
  });
});
