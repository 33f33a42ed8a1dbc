import { afterEach, describe, expect, it } from 'vitest';
import { KluisError } from '../../electron/client';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { removeTempDirs } from '../support/vault-fixture';

let api: TestApi | undefined;
afterEach(() => {
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

const contract = {
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

const meeting = {
  heldOn: '2026-11-20',
  form: 'intervision' as const,
  withWhom: 'Intervisiegroep Utrecht',
  durationMinutes: 120,
  topics: 'Grenzen in langdurige trajecten',
  dilemmas: 'Mag ik de opdrachtgever informeren over verzuim?',
  outcomes: 'Nee, alleen met toestemming van de cliënt (2.13).',
};

describe('the supervision log', () => {
  it('refuses a case without the client’s supervision consent, naming only the pseudonym', async () => {
    api = await openTestApi();
    const client = await api.kluis.clients.create(aClient);
    const attempt = api.kluis.supervision.create({ ...meeting, clientIds: [client.id] });
    await expect(attempt).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof KluisError &&
        e.code === 'CONSENT_MISSING' &&
        e.detail.pseudonym === client.pseudonym,
    );
    expect(await api.kluis.supervision.list({})).toEqual([]);
    expect(await api.kluis.supervision.eligibleClients({})).toEqual([]);
  });

  it('logs a meeting with consented cases by pseudonym, and feeds the practice duty 4.3', async () => {
    api = await openTestApi({ now: new Date('2026-11-23T10:00:00+01:00') });
    const client = await api.kluis.clients.create(aClient);
    const practiceBefore = await api.kluis.practice.get({});
    expect(practiceBefore.duties.find((d) => d.id === 'supervision-recent')?.state).toBe('missing');
    await api.kluis.contract.save({
      ...contract,
      clientId: client.id,
      supervisionConsentOn: '2026-10-01',
    });
    expect(await api.kluis.supervision.eligibleClients({})).toEqual([
      {
        clientId: client.id,
        pseudonym: client.pseudonym,
        firstName: aClient.firstName,
        lastName: aClient.lastName,
        consentOn: '2026-10-01',
      },
    ]);
    const logged = await api.kluis.supervision.create({
      ...meeting,
      clientIds: [client.id, client.id],
    });
    expect(logged.cases).toEqual([{ clientId: client.id, pseudonym: client.pseudonym }]);
    expect(JSON.stringify(await api.kluis.supervision.list({}))).not.toContain('Annemieke');
    const practice = await api.kluis.practice.get({});
    expect(practice.duties.find((d) => d.id === 'supervision-recent')).toMatchObject({
      state: 'done',
    });

    const updated = await api.kluis.supervision.update({
      id: logged.id,
      outcomes: 'Besproken met de cliënt.',
    });
    expect(updated).toMatchObject({ outcomes: 'Besproken met de cliënt.', cases: logged.cases });
  });

  it('keeps the meeting but drops the case when the dossier is erased', async () => {
    api = await openTestApi();
    const client = await api.kluis.clients.create(aClient);
    await api.kluis.contract.save({
      ...contract,
      clientId: client.id,
      supervisionConsentOn: '2026-10-01',
    });
    const logged = await api.kluis.supervision.create({ ...meeting, clientIds: [client.id] });
    await api.kluis.clients.erase({ id: client.id, override: { reason: 'client-request' } });
    const [after] = await api.kluis.supervision.list({});
    expect(after).toMatchObject({ id: logged.id, cases: [] });
  });

  it('finds which known clients a meeting text names, and no one when it names none', async () => {
    api = await openTestApi();
    const named = await api.kluis.clients.create(aClient);
    await api.kluis.clients.create({ ...aClient, firstName: 'Pieter', lastName: 'de Wit' });
    const found = await api.kluis.supervision.findNames({
      texts: ['Grenzen in langdurige trajecten', 'Het verzuim van mevrouw Van der Berg besproken.'],
    });
    expect(found).toEqual([
      {
        clientId: named.id,
        pseudonym: named.pseudonym,
        firstName: aClient.firstName,
        lastName: aClient.lastName,
      },
    ]);
    // Folded diacritics and the first name alone count too; the pseudonym does not.
    expect(
      (await api.kluis.supervision.findNames({ texts: ['Gesprek met Annemièke.'] })).length,
    ).toBe(1);
    expect(
      await api.kluis.supervision.findNames({ texts: [`Casus ${named.pseudonym}: grenzen.`] }),
    ).toEqual([]);
  });
});
