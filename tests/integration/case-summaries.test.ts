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
  startOn: '2026-09-01',
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

/** Everything the dossier knows that would identify someone, as it may appear in notes. */
const IDENTIFIERS = [
  'Annemieke',
  'van der Berg',
  'annemieke@example.nl',
  '06-12345678',
  'Kerkstraat 12',
  'Gemeente Utrecht',
  'Joost',
  'Petronella',
  '12 maart 1984',
  '12-03-1984',
];

async function seed(current: TestApi, consent: boolean) {
  const { kluis } = current;
  const client = await kluis.clients.create(aClient);
  await kluis.contract.save({
    ...contract,
    clientId: client.id,
    supervisionConsentOn: consent ? '2026-09-01' : null,
  });
  await kluis.people.create({ clientId: client.id, name: 'Joost', relation: 'partner', notes: '' });
  await kluis.guardians.create({
    clientId: client.id,
    name: 'Petronella',
    relation: 'moeder',
    email: '',
    phone: '',
    shared: '',
    notShared: '',
    consentOn: null,
    reviewOn: null,
  });
  const session = await kluis.sessions.create({
    clientId: client.id,
    startsAt: '2026-09-08T10:00:00+02:00',
    durationMinutes: 60,
    form: 'in-person',
    notes:
      'Annemieke (geboren 12 maart 1984) vertelt dat Joost vaker thuis is. Haar moeder Petronella belt dagelijks. ' +
      'Mevrouw Van der Berg is bereikbaar op 06-12345678 of annemieke@example.nl, woont aan de Kerkstraat 12 ' +
      'en werkt bij Gemeente Utrecht. Annemiekes leidinggevende geeft weinig ruimte.',
    reflection: 'Privé: mijn eigen reactie.',
    tags: [],
  });
  return { client, session };
}

function leaks(text: string): string[] {
  const folded = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return IDENTIFIERS.filter((id) => folded.includes(id.toLowerCase()));
}

describe('anonymised case summaries', () => {
  it('are refused without the client’s supervision consent', async () => {
    api = await openTestApi();
    const { client, session } = await seed(api, false);
    const attempt = api.kluis.summaries.prepare({
      clientId: client.id,
      sessionIds: [session.id],
      text: '',
    });
    await expect(attempt).rejects.toSatisfy(
      (e: unknown) => e instanceof KluisError && e.code === 'CONSENT_MISSING',
    );
  });

  it('replace every identifier the dossier knows, and turn the session date into a session number', async () => {
    api = await openTestApi();
    const { client, session } = await seed(api, true);
    const prepared = await api.kluis.summaries.prepare({
      clientId: client.id,
      sessionIds: [session.id],
      text: '',
    });
    expect(leaks(prepared.original).length).toBeGreaterThan(5);
    expect(leaks(prepared.anonymised.text)).toEqual([]);
    expect(prepared.anonymised.text).toContain('[cliënt]');
    expect(prepared.anonymised.text).toMatch(/sessie 1/i);
    expect(prepared.anonymised.text).not.toContain('Privé');
  });

  it('refuse a reviewed text into which a name was typed back, and export a clean one without identifiers', async () => {
    api = await openTestApi();
    const { client, session } = await seed(api, true);
    const prepared = await api.kluis.summaries.prepare({
      clientId: client.id,
      sessionIds: [session.id],
      text: '',
    });
    const sneaky = api.kluis.summaries.finalize({
      clientId: client.id,
      title: 'Casus grenzen',
      text: `${prepared.anonymised.text}\nNoot: dit is Annemieke.`,
    });
    await expect(sneaky).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof KluisError &&
        e.code === 'IDENTIFIERS_REMAIN' &&
        e.detail.kinds === 'client-name',
    );
    const summary = await api.kluis.summaries.finalize({
      clientId: client.id,
      title: 'Casus grenzen op het werk',
      text: prepared.anonymised.text,
    });
    expect(await api.kluis.summaries.list({ clientId: client.id })).toHaveLength(1);

    for (const format of ['markdown', 'pdf'] as const) {
      const file = await api.kluis.summaries.export({ id: summary.id, format });
      const bytes = Buffer.from(file.contentBase64, 'base64');
      expect(file.fileName).not.toContain(client.pseudonym);
      expect(leaks(bytes.toString('latin1'))).toEqual([]);
      expect(bytes.toString('latin1')).not.toContain(client.id);
      expect(bytes.toString('latin1')).not.toContain(client.pseudonym);
      if (format === 'pdf') {
        expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        expect(bytes.toString('latin1')).toContain('Casus grenzen op het werk');
        expect(bytes.toString('latin1')).not.toMatch(/\/Author|\/Subject|\/Keywords/);
      }
    }
    const entries = await api.kluis.audit.list({ limit: 2 });
    expect(entries.map((e) => [e.action, e.subject])).toContainEqual([
      'summary.exported',
      client.pseudonym,
    ]);
  });
});
