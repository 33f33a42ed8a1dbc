import { afterEach, describe, expect, it } from 'vitest';
import { aClient, openTestApi, restart, type TestApi } from '../support/api-fixture';
import { removeTempDirs } from '../support/vault-fixture';

/**
 * The client list keeps the practice it judged until something is written or the day
 * changes (client-list.ts). These prove that every kind of change shows at once.
 */

let api: TestApi | undefined;
afterEach(() => {
  api?.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

const today = new Date('2026-11-23T10:00:00+01:00');

describe('client list', () => {
  it('shows a recorded agreement, a new session and a rename at the next call', async () => {
    api = await openTestApi({ now: today });
    const { kluis } = api;
    const client = await kluis.clients.create(aClient);
    const [before] = await kluis.clients.list({});
    expect(before?.sessionCount).toBe(0);

    await kluis.confidentiality.save({
      clientId: client.id,
      agreedOn: '2026-11-20',
      agreedWith: 'cliënt',
      legalDuty: true,
      illegalActivity: true,
      dangerSelf: true,
      dangerOthers: true,
      otherException: '',
      notes: '',
    });
    const [agreed] = await kluis.clients.list({});
    expect(agreed?.openDuties).toBe((before?.openDuties ?? 0) - 1);

    await kluis.sessions.create({
      clientId: client.id,
      startsAt: '2026-11-22T10:00:00+01:00',
      durationMinutes: 50,
      form: 'video',
      notes: 'Eerste gesprek over de overstap naar ander werk.',
      reflection: '',
      tags: [],
    });
    const [withSession] = await kluis.clients.list({});
    expect(withSession?.sessionCount).toBe(1);
    expect(withSession?.lastSessionAt).toBe('2026-11-22T10:00:00+01:00');

    await kluis.clients.update({ id: client.id, lastName: 'Smit' });
    expect((await kluis.clients.list({ query: 'smit' })).map((c) => c.id)).toEqual([client.id]);
    expect(await kluis.clients.list({ query: 'berg' })).toEqual([]);
  });

  it('follows the calendar: a client who turns 18 is no longer listed as a minor', async () => {
    api = await openTestApi({ now: today });
    const { kluis } = api;
    await kluis.clients.create({ ...aClient, dateOfBirth: '2008-11-24' });
    expect((await kluis.clients.list({ minorsOnly: true })).length).toBe(1);
    api.setNow(new Date('2026-11-24T10:00:00+01:00'));
    expect(await kluis.clients.list({ minorsOnly: true })).toEqual([]);
  });

  it('drops an erased client, and a summary changed by its receiver stays unchanged', async () => {
    api = await openTestApi({ now: today });
    const { kluis } = api;
    const kept = await kluis.clients.create({ ...aClient, lastName: 'Bakker' });
    const erased = await kluis.clients.create({ ...aClient, lastName: 'Visser' });
    const listed = await kluis.clients.list({});
    expect(listed.map((c) => c.id).sort()).toEqual([kept.id, erased.id].sort());
    for (const summary of listed) summary.openDuties = -1;
    expect((await kluis.clients.list({})).every((c) => c.openDuties >= 0)).toBe(true);

    await kluis.clients.erase({ id: erased.id, override: { reason: 'client-request' } });
    expect((await kluis.clients.list({})).map((c) => c.id)).toEqual([kept.id]);
    api = await restart(api);
    expect((await api.kluis.clients.list({})).map((c) => c.id)).toEqual([kept.id]);
  });
});
