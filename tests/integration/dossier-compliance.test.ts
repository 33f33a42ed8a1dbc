import { afterEach, describe, expect, it } from 'vitest';
import type { Duty } from '../../electron/api';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { removeTempDirs } from '../support/vault-fixture';

let api: TestApi | undefined;
afterEach(() => {
  api?.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

function state(duties: Duty[], id: Duty['id']): string | undefined {
  return duties.find((duty) => duty.id === id)?.state;
}

const emptyContract = {
  startOn: null,
  plannedDuration: '',
  plannedSessions: null,
  goals: '',
  fees: '',
  paymentTerms: '',
  logistics: '',
  confidentialityTerms: '',
  sponsorReporting: '',
  codeGivenOn: null,
  complaintsProcedureOn: null,
  supervisionConsentOn: null,
  signedOn: null,
  signedCopyId: null,
};

describe('compliance through the API', () => {
  it('turns a new dossier from missing to done as the agreements are recorded', async () => {
    api = await openTestApi({ now: new Date('2026-11-23T10:00:00+01:00') });
    const { kluis } = api;
    const client = await kluis.clients.create(aClient);
    let duties = (await kluis.clients.get({ id: client.id })).duties;
    expect(state(duties, 'code-given')).toBe('missing');
    expect(state(duties, 'contract-signed')).toBe('missing');
    expect(state(duties, 'confidentiality-agreed')).toBe('missing');
    expect(state(duties, 'supervision-consent')).toBe('missing');
    expect(state(duties, 'guardian-agreement')).toBe('not-applicable');

    await kluis.contract.save({
      ...emptyContract,
      clientId: client.id,
      codeGivenOn: '2026-11-20',
      complaintsProcedureOn: '2026-11-20',
      supervisionConsentOn: '2026-11-20',
      signedOn: '2026-11-21',
    });
    await kluis.confidentiality.save({
      clientId: client.id,
      agreedOn: '2026-11-20',
      agreedWith: 'cliënt',
      legalDuty: true,
      illegalActivity: false,
      dangerSelf: true,
      dangerOthers: false,
      otherException: '',
      notes: '',
    });
    await kluis.sessions.create({
      clientId: client.id,
      startsAt: '2026-11-22T10:00:00+01:00',
      durationMinutes: 60,
      form: 'video',
      notes: 'Eerste sessie',
      reflection: '',
      tags: [],
    });
    duties = (await kluis.clients.get({ id: client.id })).duties;
    for (const id of [
      'code-given',
      'contract-signed',
      'confidentiality-agreed',
      'supervision-consent',
    ] as const) {
      expect(state(duties, id), id).toBe('done');
    }
    const [summary] = await kluis.clients.list({});
    expect(summary).toMatchObject({ openDuties: 0, worstDuty: 'done' });
  });

  it('marks the contract overdue once a session happened without it', async () => {
    api = await openTestApi();
    const { kluis } = api;
    const client = await kluis.clients.create(aClient);
    await kluis.sessions.create({
      clientId: client.id,
      startsAt: '2026-11-10T10:00:00+01:00',
      durationMinutes: 60,
      form: 'in-person',
      notes: '',
      reflection: '',
      tags: [],
    });
    const duties = (await kluis.clients.get({ id: client.id })).duties;
    expect(duties.find((d) => d.id === 'contract-signed')).toMatchObject({
      state: 'overdue',
      since: '2026-11-10',
    });
    expect((await kluis.clients.list({ openDutiesOnly: true })).map((c) => c.id)).toEqual([
      client.id,
    ]);
  });

  it('requires a guardian agreement for a minor, by flag or by date of birth, until one is saved', async () => {
    api = await openTestApi({ now: new Date('2026-11-23T10:00:00+01:00') });
    const { kluis } = api;
    const byBirth = await kluis.clients.create({
      ...aClient,
      firstName: 'Sem',
      dateOfBirth: '2012-05-01',
    });
    const byFlag = await kluis.clients.create({
      ...aClient,
      firstName: 'Noor',
      dateOfBirth: null,
      isVulnerableAdult: true,
    });
    for (const client of [byBirth, byFlag]) {
      expect(state((await kluis.clients.get({ id: client.id })).duties, 'guardian-agreement')).toBe(
        'missing',
      );
    }
    expect((await kluis.clients.list({ minorsOnly: true })).map((c) => c.firstName)).toEqual([
      'Sem',
    ]);
    await kluis.guardians.create({
      clientId: byBirth.id,
      name: 'Vader van Sem',
      relation: 'vader',
      email: '',
      phone: '',
      shared: 'Afspraken en voortgang',
      notShared: 'Inhoud van de gesprekken',
      consentOn: '2026-11-01',
      reviewOn: '2027-05-01',
    });
    expect(state((await kluis.clients.get({ id: byBirth.id })).duties, 'guardian-agreement')).toBe(
      'done',
    );
  });

  it('shows practice duties: insurance expiring and the retention of an ended dossier', async () => {
    api = await openTestApi({ now: new Date('2026-11-23T10:00:00+01:00') });
    const { kluis } = api;
    let practice = await kluis.practice.get({});
    expect(practice.duties.find((d) => d.id === 'insurance')?.state).toBe('missing');
    await kluis.practice.update({ insurer: 'Polis BV', insuranceExpiresOn: '2026-12-10' });
    practice = await kluis.practice.get({});
    expect(practice.duties.find((d) => d.id === 'insurance')).toMatchObject({
      state: 'due-soon',
      dueOn: '2026-12-10',
    });

    const client = await kluis.clients.create(aClient);
    await kluis.settings.update({ retentionYears: 1 });
    await kluis.ending.save({
      clientId: client.id,
      endedOn: '2025-10-01',
      initiatedBy: 'client',
      reason: '',
      summary: '',
      retentionUntil: null,
    });
    const dossier = await kluis.clients.get({ id: client.id });
    expect(dossier.ending?.effectiveRetentionUntil).toBe('2026-10-01');
    expect(dossier.duties.find((d) => d.id === 'retention')).toMatchObject({ state: 'overdue' });
    expect(dossier.client.status).toBe('ended');
  });
});
