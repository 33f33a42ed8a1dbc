import { describe, expect, it } from 'vitest';
import {
  type DossierFacts,
  type Duty,
  type DutyId,
  type DutyState,
  dossierDuties,
  isMinorOn,
  summarise,
} from '../../electron/services/compliance';

const TODAY = '2025-06-15';

type Overrides = Omit<Partial<DossierFacts>, 'client'> & {
  client?: Partial<DossierFacts['client']>;
};

/** An adult, active client with nothing on record; each row adds only what it tests. */
function dossier(overrides: Overrides = {}): DossierFacts {
  const { client, ...rest } = overrides;
  return {
    today: TODAY,
    guardians: [],
    conflicts: [],
    ...rest,
    client: { status: 'active', isMinor: false, isVulnerableAdult: false, ...client },
  };
}

/** Ended on 1 March 2025, before TODAY. */
function ended(overrides: Overrides = {}, followUps: { dueOn?: string; doneOn?: string }[] = []) {
  return dossier({
    ending: { endedOn: '2025-03-01', followUps },
    ...overrides,
    client: { status: 'ended', ...overrides.client },
  });
}

function find(duties: Duty[], id: DutyId): Duty {
  const found = duties.find((d) => d.id === id);
  if (found === undefined) throw new Error(`no duty ${id}`);
  return found;
}

interface Expected {
  state: DutyState;
  since?: string;
  dueOn?: string;
}

interface Row {
  name: string;
  facts: DossierFacts;
  expected: Expected;
}

function checkRows(id: DutyId, article: string, rows: Row[]): void {
  it.each(rows)('$name', ({ facts, expected }) => {
    const duty = find(dossierDuties(facts), id);
    const seen = { article: duty.article, state: duty.state, since: duty.since, dueOn: duty.dueOn };
    expect(seen).toEqual({ article, since: undefined, dueOn: undefined, ...expected });
  });
}

describe('2.2 code given and complaints procedure pointed out', () => {
  checkRows('code-given', '2.2', [
    {
      name: 'done: both recorded, no session yet (since = the later date)',
      facts: dossier({
        contract: { codeGivenOn: '2025-06-01', complaintsProcedureOn: '2025-06-03' },
      }),
      expected: { state: 'done', since: '2025-06-03' },
    },
    {
      name: 'done: both recorded before the first session',
      facts: dossier({
        contract: { codeGivenOn: '2025-05-02', complaintsProcedureOn: '2025-05-01' },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'done', since: '2025-05-02' },
    },
    {
      name: 'done: both recorded on the day of the first session',
      facts: dossier({
        contract: { codeGivenOn: '2025-05-10', complaintsProcedureOn: '2025-05-10' },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'done', since: '2025-05-10' },
    },
    {
      name: 'missing: nothing recorded, no session',
      facts: dossier(),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: only the code given, no session',
      facts: dossier({ contract: { codeGivenOn: '2025-06-01' } }),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: first session planned tomorrow (dueOn = that session)',
      facts: dossier({ firstSessionOn: '2025-06-16' }),
      expected: { state: 'missing', dueOn: '2025-06-16' },
    },
    {
      name: 'overdue: a session took place with nothing recorded',
      facts: dossier({ firstSessionOn: '2025-05-10' }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
    {
      name: 'overdue: the first session is today and nothing is recorded',
      facts: dossier({ firstSessionOn: TODAY }),
      expected: { state: 'overdue', since: TODAY },
    },
    {
      name: 'overdue: complaints procedure never pointed out',
      facts: dossier({ contract: { codeGivenOn: '2025-05-01' }, firstSessionOn: '2025-05-10' }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
    {
      name: 'overdue: code given the day after the first session',
      facts: dossier({
        contract: { codeGivenOn: '2025-05-11', complaintsProcedureOn: '2025-05-01' },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
    {
      name: 'overdue: complaints procedure pointed out after the first session',
      facts: dossier({
        contract: { codeGivenOn: '2025-05-01', complaintsProcedureOn: '2025-06-01' },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
    {
      name: 'ended before any session: stays missing, not overdue',
      facts: ended(),
      expected: { state: 'missing' },
    },
    {
      name: 'ended before a planned session that never took place: stays missing',
      facts: ended({ firstSessionOn: '2025-04-01' }),
      expected: { state: 'missing' },
    },
    {
      name: 'ended after sessions without it: stays overdue since the first session',
      facts: ended({ firstSessionOn: '2025-01-10' }),
      expected: { state: 'overdue', since: '2025-01-10' },
    },
    {
      name: 'ended with it done in time: stays done',
      facts: ended({
        contract: { codeGivenOn: '2025-01-02', complaintsProcedureOn: '2025-01-03' },
        firstSessionOn: '2025-01-10',
      }),
      expected: { state: 'done', since: '2025-01-03' },
    },
  ]);
});

describe('2.3 contract signed', () => {
  checkRows('contract-signed', '2.3', [
    {
      name: 'done: signed before the first session',
      facts: dossier({ contract: { signedOn: '2025-05-01' }, firstSessionOn: '2025-05-10' }),
      expected: { state: 'done', since: '2025-05-01' },
    },
    {
      name: 'done: signed, no session yet',
      facts: dossier({ contract: { signedOn: '2025-06-14' } }),
      expected: { state: 'done', since: '2025-06-14' },
    },
    {
      name: 'done: signed late, after the first session',
      facts: dossier({ contract: { signedOn: '2025-05-20' }, firstSessionOn: '2025-05-10' }),
      expected: { state: 'done', since: '2025-05-20' },
    },
    {
      name: 'missing: no contract, no session',
      facts: dossier(),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: contract drafted, unsigned, session planned',
      facts: dossier({ contract: { startOn: '2025-07-01' }, firstSessionOn: '2025-07-01' }),
      expected: { state: 'missing', dueOn: '2025-07-01' },
    },
    {
      name: 'overdue: sessions held on an unsigned contract',
      facts: dossier({
        contract: { codeGivenOn: '2025-05-01', startOn: '2025-05-01' },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
    {
      name: 'ended before any session, unsigned: stays missing',
      facts: ended(),
      expected: { state: 'missing' },
    },
  ]);
});

describe('2.14 confidentiality exceptions agreed', () => {
  checkRows('confidentiality-agreed', '2.14', [
    {
      name: 'done: dated with one exception',
      facts: dossier({ confidentiality: { agreedOn: '2025-05-01', exceptions: ['danger-self'] } }),
      expected: { state: 'done', since: '2025-05-01' },
    },
    {
      name: 'done: dated with several exceptions, after a session',
      facts: dossier({
        confidentiality: { agreedOn: '2025-05-01', exceptions: ['legal-duty', 'danger-others'] },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'done', since: '2025-05-01' },
    },
    {
      name: 'missing: nothing agreed, no session',
      facts: dossier(),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: dated but no exception named, no session',
      facts: dossier({ confidentiality: { agreedOn: '2025-05-01', exceptions: [] } }),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: exceptions named but no date',
      facts: dossier({ confidentiality: { exceptions: ['illegal-activity'] } }),
      expected: { state: 'missing' },
    },
    {
      name: 'overdue: session held with nothing agreed',
      facts: dossier({ firstSessionOn: '2025-05-10' }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
    {
      name: 'overdue: session held, dated but no exception named',
      facts: dossier({
        confidentiality: { agreedOn: '2025-05-01', exceptions: [] },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
  ]);
});

describe('2.16 client told about anonymous supervision', () => {
  checkRows('supervision-consent', '2.16', [
    {
      name: 'done: consent recorded',
      facts: dossier({
        contract: { supervisionConsentOn: '2025-05-01' },
        firstSessionOn: '2025-05-10',
      }),
      expected: { state: 'done', since: '2025-05-01' },
    },
    {
      name: 'missing: not recorded, no session',
      facts: dossier({ contract: { signedOn: '2025-05-01' } }),
      expected: { state: 'missing' },
    },
    {
      name: 'overdue: not recorded, session held',
      facts: dossier({ contract: { signedOn: '2025-05-01' }, firstSessionOn: '2025-05-10' }),
      expected: { state: 'overdue', since: '2025-05-10' },
    },
    {
      name: 'ended before any session: stays missing',
      facts: ended(),
      expected: { state: 'missing' },
    },
  ]);
});

describe('2.17 guardian agreement', () => {
  const minor = { isMinor: true };
  checkRows('guardian-agreement', '2.17', [
    {
      name: 'not-applicable: adult, no date of birth',
      facts: dossier(),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'not-applicable: adult by date of birth',
      facts: dossier({ client: { dateOfBirth: '1990-04-12' } }),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'not-applicable: 18th birthday today',
      facts: dossier({ client: { dateOfBirth: '2007-06-15' } }),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'missing: 18th birthday tomorrow, no guardian',
      facts: dossier({ client: { dateOfBirth: '2007-06-16' } }),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: born 29 Feb, 28 Feb of the common year they turn 18',
      facts: dossier({ today: '2026-02-28', client: { dateOfBirth: '2008-02-29' } }),
      expected: { state: 'missing' },
    },
    {
      name: 'not-applicable: born 29 Feb, 1 March of the year they turn 18',
      facts: dossier({ today: '2026-03-01', client: { dateOfBirth: '2008-02-29' } }),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'missing: minor flag, no guardian',
      facts: dossier({ client: minor }),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: vulnerable adult, guardian recorded without consent date',
      facts: dossier({
        client: { isVulnerableAdult: true, dateOfBirth: '1960-01-01' },
        guardians: [{ reviewOn: '2026-01-01' }],
      }),
      expected: { state: 'missing' },
    },
    {
      name: 'done: consent without review date',
      facts: dossier({ client: minor, guardians: [{ consentOn: '2025-01-10' }] }),
      expected: { state: 'done', since: '2025-01-10' },
    },
    {
      name: 'done: review in 31 days',
      facts: dossier({
        client: minor,
        guardians: [{ consentOn: '2025-01-10', reviewOn: '2025-07-16' }],
      }),
      expected: { state: 'done', since: '2025-01-10', dueOn: '2025-07-16' },
    },
    {
      name: 'done: one agreement lapsed, the other reviewed far ahead (dueOn = next review)',
      facts: dossier({
        client: { isVulnerableAdult: true },
        guardians: [
          { consentOn: '2024-01-10', reviewOn: '2025-01-10' },
          { consentOn: '2025-02-01', reviewOn: '2026-02-01' },
        ],
      }),
      expected: { state: 'done', since: '2025-02-01', dueOn: '2026-02-01' },
    },
    {
      name: 'done: one agreement lapsed, the other has no review date',
      facts: dossier({
        client: minor,
        guardians: [
          { consentOn: '2024-01-10', reviewOn: '2025-01-10' },
          { consentOn: '2024-03-01' },
        ],
      }),
      expected: { state: 'done', since: '2024-03-01' },
    },
    {
      name: 'due-soon: review in exactly 30 days',
      facts: dossier({
        client: minor,
        guardians: [{ consentOn: '2025-01-10', reviewOn: '2025-07-15' }],
      }),
      expected: { state: 'due-soon', dueOn: '2025-07-15' },
    },
    {
      name: 'due-soon: review date exactly today',
      facts: dossier({ client: minor, guardians: [{ consentOn: '2025-01-10', reviewOn: TODAY }] }),
      expected: { state: 'due-soon', dueOn: TODAY },
    },
    {
      name: 'due-soon: one lapsed, the other due for review in 10 days',
      facts: dossier({
        client: minor,
        guardians: [
          { consentOn: '2024-01-10', reviewOn: '2025-01-10' },
          { consentOn: '2024-06-25', reviewOn: '2025-06-25' },
        ],
      }),
      expected: { state: 'due-soon', dueOn: '2025-06-25' },
    },
    {
      name: 'overdue: the only review date was yesterday (since today)',
      facts: dossier({
        client: minor,
        guardians: [{ consentOn: '2024-06-14', reviewOn: '2025-06-14' }],
      }),
      expected: { state: 'overdue', since: '2025-06-15', dueOn: '2025-06-14' },
    },
    {
      name: 'overdue: every agreement lapsed (since the day after the last review date)',
      facts: dossier({
        client: { isVulnerableAdult: true },
        guardians: [
          { consentOn: '2024-05-01', reviewOn: '2025-05-01' },
          { consentOn: '2024-03-01', reviewOn: '2025-03-01' },
          { reviewOn: '2026-01-01' },
        ],
      }),
      expected: { state: 'overdue', since: '2025-05-02', dueOn: '2025-05-01' },
    },
    {
      name: 'ended: minor at the end and 18 now, no guardian: stays missing',
      facts: ended({ client: { dateOfBirth: '2007-04-01' } }),
      expected: { state: 'missing' },
    },
    {
      name: 'ended: review date fell after the end: done, not overdue',
      facts: ended({
        client: minor,
        guardians: [{ consentOn: '2024-04-01', reviewOn: '2025-04-01' }],
      }),
      expected: { state: 'done', since: '2024-04-01' },
    },
    {
      name: 'ended: review date within 30 days after the end: done, not due-soon',
      facts: ended({
        client: minor,
        guardians: [{ consentOn: '2024-03-10', reviewOn: '2025-03-10' }],
      }),
      expected: { state: 'done', since: '2024-03-10' },
    },
    {
      name: 'ended: agreement lapsed while the work went on: stays overdue',
      facts: ended({
        client: minor,
        guardians: [{ consentOn: '2024-01-15', reviewOn: '2025-01-15' }],
      }),
      expected: { state: 'overdue', since: '2025-01-16', dueOn: '2025-01-15' },
    },
  ]);
});

describe('2.20-2.24 conflicts of interest discussed', () => {
  checkRows('conflicts-discussed', '2.20', [
    {
      name: 'not-applicable: none recorded',
      facts: dossier(),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'missing: one of two not discussed',
      facts: dossier({ conflicts: [{ discussedOn: '2025-05-01' }, {}] }),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: resolved without being discussed with the client',
      facts: dossier({ conflicts: [{ resolvedOn: '2025-05-01' }] }),
      expected: { state: 'missing' },
    },
    {
      name: 'done: all discussed (since = the last discussion)',
      facts: dossier({
        conflicts: [
          { discussedOn: '2025-05-20', resolvedOn: '2025-05-30' },
          { discussedOn: '2025-04-01' },
        ],
      }),
      expected: { state: 'done', since: '2025-05-20' },
    },
  ]);
});

describe('2.27b retention after the end', () => {
  checkRows('retention', '2.27b', [
    {
      name: 'not-applicable: active',
      facts: dossier({ retentionUntil: '2030-01-01' }),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'not-applicable: intake',
      facts: dossier({ client: { status: 'intake' } }),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'missing: ended without a retention date (since the end)',
      facts: ended(),
      expected: { state: 'missing', since: '2025-03-01' },
    },
    {
      name: 'done: retention runs for years',
      facts: ended({ retentionUntil: '2032-03-01' }),
      expected: { state: 'done', dueOn: '2032-03-01' },
    },
    {
      name: 'done: retention ends in 31 days',
      facts: ended({ retentionUntil: '2025-07-16' }),
      expected: { state: 'done', dueOn: '2025-07-16' },
    },
    {
      name: 'done: status ended without an ending record',
      facts: dossier({ client: { status: 'ended' }, retentionUntil: '2032-03-01' }),
      expected: { state: 'done', dueOn: '2032-03-01' },
    },
    {
      name: 'due-soon: retention ends in exactly 30 days',
      facts: ended({ retentionUntil: '2025-07-15' }),
      expected: { state: 'due-soon', dueOn: '2025-07-15' },
    },
    {
      name: 'due-soon: retention ends tomorrow',
      facts: ended({ retentionUntil: '2025-06-16' }),
      expected: { state: 'due-soon', dueOn: '2025-06-16' },
    },
    {
      name: 'overdue: retention ends today',
      facts: ended({ retentionUntil: TODAY }),
      expected: { state: 'overdue', since: TODAY, dueOn: TODAY },
    },
    {
      name: 'overdue: retention ended last year',
      facts: ended({ retentionUntil: '2024-12-31' }),
      expected: { state: 'overdue', since: '2024-12-31', dueOn: '2024-12-31' },
    },
  ]);
});

describe('2.27d follow-ups after the end', () => {
  checkRows('follow-ups', '2.27d', [
    {
      name: 'not-applicable: active',
      facts: dossier({ firstSessionOn: '2025-01-10' }),
      expected: { state: 'not-applicable' },
    },
    {
      name: 'done: ended with no follow-up',
      facts: ended(),
      expected: { state: 'done' },
    },
    {
      name: 'done: all done, one of them late (since = the last one done)',
      facts: ended({}, [
        { dueOn: '2025-04-01', doneOn: '2025-04-10' },
        { dueOn: '2025-05-01', doneOn: '2025-04-20' },
      ]),
      expected: { state: 'done', since: '2025-04-20' },
    },
    {
      name: 'missing: open without a due date',
      facts: ended({}, [{}]),
      expected: { state: 'missing' },
    },
    {
      name: 'missing: open, due in 15 days',
      facts: ended({}, [{ dueOn: '2025-06-30' }, { dueOn: '2025-06-01', doneOn: '2025-06-01' }]),
      expected: { state: 'missing', dueOn: '2025-06-30' },
    },
    {
      name: 'due-soon: due in exactly 14 days',
      facts: ended({}, [{ dueOn: '2025-06-29' }, {}]),
      expected: { state: 'due-soon', dueOn: '2025-06-29' },
    },
    {
      name: 'due-soon: due today',
      facts: ended({}, [{ dueOn: '2025-09-01' }, { dueOn: TODAY }]),
      expected: { state: 'due-soon', dueOn: TODAY },
    },
    {
      name: 'overdue: due yesterday (since today)',
      facts: ended({}, [{ dueOn: '2025-06-14' }]),
      expected: { state: 'overdue', since: '2025-06-15', dueOn: '2025-06-14' },
    },
    {
      name: 'overdue: the longest-late open one sets the dates',
      facts: ended({}, [
        { dueOn: '2025-03-15', doneOn: '2025-03-20' },
        { dueOn: '2025-05-31' },
        { dueOn: '2025-04-30' },
        { dueOn: '2025-06-20' },
      ]),
      expected: { state: 'overdue', since: '2025-05-01', dueOn: '2025-04-30' },
    },
  ]);
});

describe('dossierDuties', () => {
  it('returns every dossier duty once, in the order of the articles', () => {
    const duties = dossierDuties(dossier());
    expect(duties.map((d) => [d.id, d.article])).toEqual([
      ['code-given', '2.2'],
      ['contract-signed', '2.3'],
      ['confidentiality-agreed', '2.14'],
      ['supervision-consent', '2.16'],
      ['guardian-agreement', '2.17'],
      ['conflicts-discussed', '2.20'],
      ['retention', '2.27b'],
      ['follow-ups', '2.27d'],
    ]);
  });

  it('keys the title, and the action only for states that call for one', () => {
    const facts = ended({ client: { isMinor: true }, retentionUntil: '2030-01-01' }, [
      { dueOn: '2025-06-01' },
    ]);
    const byId = (id: DutyId) => find(dossierDuties(facts), id);
    expect(byId('code-given')).toMatchObject({
      titleKey: 'duty.code-given.title',
      actionKey: 'duty.code-given.action.missing',
    });
    expect(byId('follow-ups').actionKey).toBe('duty.follow-ups.action.overdue');
    expect(byId('retention').state).toBe('done');
    expect(byId('retention')).not.toHaveProperty('actionKey');
    expect(byId('conflicts-discussed').state).toBe('not-applicable');
    expect(byId('conflicts-discussed')).not.toHaveProperty('actionKey');
  });

  it('sends the coach to the tab and form that fix each duty', () => {
    const targets = Object.fromEntries(dossierDuties(dossier()).map((d) => [d.id, d.target]));
    expect(targets).toEqual({
      'code-given': { tab: 'agreements', form: 'contract' },
      'contract-signed': { tab: 'agreements', form: 'contract' },
      'confidentiality-agreed': { tab: 'agreements', form: 'confidentiality' },
      'supervision-consent': { tab: 'agreements', form: 'contract' },
      'guardian-agreement': { tab: 'agreements', form: 'guardian' },
      'conflicts-discussed': { tab: 'conflicts' },
      retention: { tab: 'ending', form: 'retention' },
      'follow-ups': { tab: 'ending', form: 'follow-ups' },
    });
  });

  it('omits since and dueOn rather than setting them to undefined', () => {
    const duty = find(dossierDuties(dossier()), 'code-given');
    expect(Object.keys(duty)).not.toContain('since');
    expect(Object.keys(duty)).not.toContain('dueOn');
  });

  it('does not throw when every optional field is absent', () => {
    const bare: DossierFacts = {
      today: TODAY,
      client: { status: 'ended', isMinor: true, isVulnerableAdult: true },
      guardians: [{}],
      conflicts: [{}],
    };
    expect(dossierDuties(bare).map((d) => d.state)).toEqual([
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
      'missing',
      'done',
    ]);
  });
});

describe('isMinorOn', () => {
  it.each([
    { dateOfBirth: '2007-06-15', today: '2025-06-15', minor: false, why: '18th birthday today' },
    { dateOfBirth: '2007-06-16', today: '2025-06-15', minor: true, why: 'turns 18 tomorrow' },
    { dateOfBirth: '2007-06-14', today: '2025-06-15', minor: false, why: 'turned 18 yesterday' },
    { dateOfBirth: '2008-02-29', today: '2026-02-28', minor: true, why: '29 Feb, 28 Feb at 18' },
    { dateOfBirth: '2008-02-29', today: '2026-03-01', minor: false, why: '29 Feb, 1 Mar at 18' },
    { dateOfBirth: '2008-02-29', today: '2025-02-28', minor: true, why: '29 Feb, aged 16' },
    { dateOfBirth: '2012-02-29', today: '2024-02-29', minor: true, why: '29 Feb, aged 12' },
    { dateOfBirth: '1980-12-31', today: '2025-01-01', minor: false, why: 'an adult' },
    { dateOfBirth: '2025-06-15', today: '2025-06-15', minor: true, why: 'born today' },
  ])('$why: $dateOfBirth on $today -> $minor', ({ dateOfBirth, today, minor }) => {
    expect(isMinorOn(dateOfBirth, today)).toBe(minor);
  });
});

describe('summarise', () => {
  const of = (...states: DutyState[]): Duty[] =>
    states.map((state) => ({
      id: 'code-given',
      article: '2.2',
      state,
      titleKey: 'duty.code-given.title',
      target: { tab: 'agreements' },
    }));

  it.each([
    { states: [], expected: { open: 0, overdue: 0, done: 0, worst: 'not-applicable' } },
    {
      states: ['not-applicable', 'not-applicable'],
      expected: { open: 0, overdue: 0, done: 0, worst: 'not-applicable' },
    },
    {
      states: ['done', 'not-applicable'],
      expected: { open: 0, overdue: 0, done: 1, worst: 'done' },
    },
    {
      states: ['done', 'due-soon', 'not-applicable'],
      expected: { open: 1, overdue: 0, done: 1, worst: 'due-soon' },
    },
    {
      states: ['due-soon', 'missing', 'done'],
      expected: { open: 2, overdue: 0, done: 1, worst: 'missing' },
    },
    {
      states: ['missing', 'overdue', 'due-soon', 'done', 'overdue'],
      expected: { open: 4, overdue: 2, done: 1, worst: 'overdue' },
    },
    {
      states: ['overdue', 'not-applicable'],
      expected: { open: 1, overdue: 1, done: 0, worst: 'overdue' },
    },
  ] as { states: DutyState[]; expected: ReturnType<typeof summarise> }[])(
    '$states -> $expected.worst',
    ({ states, expected }) => {
      expect(summarise(of(...states))).toEqual(expected);
    },
  );

  it('summarises a real dossier', () => {
    const facts = dossier({
      firstSessionOn: '2025-05-10',
      contract: {
        codeGivenOn: '2025-05-01',
        complaintsProcedureOn: '2025-05-01',
        signedOn: '2025-05-01',
      },
      conflicts: [{}],
    });
    // overdue: 2.14, 2.16; missing: 2.20; done: 2.2, 2.3; not applicable: 2.17, 2.27b, 2.27d
    expect(summarise(dossierDuties(facts))).toEqual({
      open: 3,
      overdue: 2,
      done: 2,
      worst: 'overdue',
    });
  });
});
