import { afterEach, describe, expect, it } from 'vitest';
import { KluisError } from '../../electron/client';
import { aClient, openTestApi, restart, type TestApi } from '../support/api-fixture';
import { removeTempDirs } from '../support/vault-fixture';

let api: TestApi | undefined;
afterEach(() => {
  api?.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

async function rejection(promise: Promise<unknown>): Promise<KluisError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KluisError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('the dossier API', () => {
  it('creates a client with a stable, unique pseudonym that is not derived from the name', async () => {
    api = await openTestApi();
    const { kluis } = api;
    const first = await kluis.clients.create(aClient);
    const second = await kluis.clients.create({ ...aClient, firstName: 'Bas' });
    expect(first.pseudonym).not.toEqual(second.pseudonym);
    expect(first.pseudonym.toLowerCase()).not.toContain('annemieke');
    const updated = await kluis.clients.update({ id: first.id, firstName: 'Anne-Mieke' });
    expect(updated.pseudonym).toBe(first.pseudonym);
    expect(updated.firstName).toBe('Anne-Mieke');
  });

  it('keeps every kind of record of a dossier across a restart', async () => {
    api = await openTestApi();
    let { kluis } = api;
    const client = await kluis.clients.create(aClient);
    const clientId = client.id;
    const doc = await kluis.attachments.add({
      clientId,
      sessionId: null,
      name: 'contract-getekend.pdf',
      mediaType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4 ondertekend').toString('base64'),
    });
    await kluis.people.create({ clientId, name: 'Joost', relation: 'partner', notes: '' });
    await kluis.contract.save({
      clientId,
      startOn: '2026-10-01',
      plannedDuration: '3 maanden',
      plannedSessions: 8,
      goals: 'Grenzen stellen op het werk',
      fees: '€ 95 per sessie',
      paymentTerms: '14 dagen',
      logistics: 'Praktijk Utrecht',
      confidentialityTerms: 'Zie vertrouwelijkheidsafspraak',
      sponsorReporting: 'Alleen aanwezigheid',
      codeGivenOn: '2026-10-01',
      complaintsProcedureOn: '2026-10-01',
      supervisionConsentOn: '2026-10-01',
      signedOn: '2026-10-02',
      signedCopyId: doc.id,
    });
    await kluis.confidentiality.save({
      clientId,
      agreedOn: '2026-10-01',
      agreedWith: 'cliënt',
      legalDuty: true,
      illegalActivity: false,
      dangerSelf: true,
      dangerOthers: true,
      otherException: '',
      notes: '',
    });
    await kluis.disclosures.create({
      clientId,
      disclosedOn: '2026-11-01',
      recipient: 'Huisarts',
      legalBasis: 'Gevaar voor zichzelf (2.14)',
      whatShared: 'Zorgen over veiligheid',
      clientInformedOn: '2026-11-02',
      notes: '',
    });
    await kluis.guardians.create({
      clientId,
      name: 'Mevr. Berg',
      relation: 'moeder',
      email: '',
      phone: '',
      shared: 'Voortgang in grote lijnen',
      notShared: 'Inhoud van gesprekken',
      consentOn: '2026-10-01',
      reviewOn: '2027-04-01',
    });
    const session = await kluis.sessions.create({
      clientId,
      startsAt: '2026-10-08T14:00:00+02:00',
      durationMinutes: 60,
      form: 'in-person',
      notes: '# Sessie 1\nCliënt vertelt over **werkdruk**.',
      reflection: 'Mijn eigen ongeduld opgemerkt.',
      tags: ['intake', 'werk'],
    });
    await kluis.conflicts.create({
      clientId,
      description: 'Cliënt is collega van een andere cliënt',
      identifiedOn: '2026-10-08',
      discussedOn: '2026-10-15',
      resolution: 'Besproken en akkoord',
      resolvedOn: '2026-10-15',
    });
    await kluis.referrals.create({
      clientId,
      referredOn: '2026-11-05',
      referredTo: 'Psycholoog',
      reason: 'Traumaklachten',
      clientAgreed: true,
      notes: '',
    });
    await kluis.ending.save({
      clientId,
      endedOn: '2026-11-20',
      initiatedBy: 'mutual',
      reason: 'Doelen bereikt',
      summary: '',
      retentionUntil: null,
    });
    await kluis.followUps.create({
      clientId,
      description: 'Nazorggesprek',
      dueOn: '2027-01-15',
      doneOn: null,
    });
    await kluis.feedback.create({
      clientId,
      receivedOn: '2026-11-20',
      source: 'client',
      summary: 'Tevreden',
      actions: '',
    });
    await kluis.development.create({
      activityOn: '2026-09-01',
      kind: 'course',
      title: 'Ethiek',
      hours: 8,
      notes: '',
    });

    api = await restart(api);
    kluis = api.kluis;
    const dossier = await kluis.clients.get({ id: clientId });
    expect(dossier.client).toMatchObject({ firstName: 'Annemieke', status: 'ended' });
    expect(dossier.people.map((p) => p.name)).toEqual(['Joost']);
    expect(dossier.contract).toMatchObject({ plannedSessions: 8, signedCopyId: doc.id });
    expect(dossier.confidentiality).toMatchObject({
      legalDuty: true,
      illegalActivity: false,
      dangerSelf: true,
    });
    expect(dossier.disclosures).toHaveLength(1);
    expect(dossier.guardians[0]).toMatchObject({ relation: 'moeder', reviewOn: '2027-04-01' });
    expect(dossier.sessions).toEqual([
      expect.objectContaining({
        id: session.id,
        tags: ['intake', 'werk'],
        preview: expect.stringContaining('werkdruk'),
      }),
    ]);
    expect(await kluis.sessions.get({ id: session.id })).toMatchObject({
      reflection: 'Mijn eigen ongeduld opgemerkt.',
    });
    expect(dossier.conflicts[0]?.resolvedOn).toBe('2026-10-15');
    expect(dossier.referrals[0]?.clientAgreed).toBe(true);
    // Retention: the practice default of 7 years after the end.
    expect(dossier.ending).toMatchObject({
      endedOn: '2026-11-20',
      effectiveRetentionUntil: '2033-11-20',
    });
    expect(dossier.followUps[0]).toMatchObject({ dueOn: '2027-01-15', doneOn: null });
    expect(dossier.feedback).toHaveLength(1);
    expect(dossier.attachments.map((a) => a.name)).toEqual(['contract-getekend.pdf']);
    expect(await kluis.development.list({})).toHaveLength(1);
    const content = await kluis.attachments.content({ id: doc.id });
    expect(Buffer.from(content.contentBase64, 'base64').toString()).toBe('%PDF-1.4 ondertekend');
  });

  it('audits disclosures and exports by pseudonym only', async () => {
    api = await openTestApi();
    const { kluis } = api;
    const client = await kluis.clients.create(aClient);
    await kluis.disclosures.create({
      clientId: client.id,
      disclosedOn: '2026-11-01',
      recipient: 'Veilig Thuis',
      legalBasis: 'Meldcode',
      whatShared: 'Annemieke vertelde over geweld thuis',
      clientInformedOn: null,
      notes: '',
    });
    const entries = await kluis.audit.list({});
    const disclosure = entries.find((e) => e.action === 'disclosure.recorded');
    expect(disclosure).toMatchObject({
      subject: client.pseudonym,
      details: { clientInformed: false },
    });
    expect(JSON.stringify(entries)).not.toMatch(/Annemieke|Veilig Thuis|geweld/);
    expect(await kluis.audit.verify({})).toMatchObject({ ok: true });
  });

  it('answers bad input with VALIDATION naming the field, and stores nothing', async () => {
    api = await openTestApi();
    const { kluis } = api;
    const error = await rejection(
      kluis.clients.create({ ...aClient, firstName: '', dateOfBirth: '2026-02-30' }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.messageKey).toBe('errors.VALIDATION');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'firstName', code: 'required' },
        { path: 'dateOfBirth', code: 'date' },
      ]),
    );
    expect(await kluis.clients.list({})).toEqual([]);
  });

  it('refuses a year outside 1900-2100 in dates and moments, and stores nothing', async () => {
    api = await openTestApi();
    const { kluis } = api;
    const birth = await rejection(kluis.clients.create({ ...aClient, dateOfBirth: '2201-04-12' }));
    expect(birth.issues).toEqual([{ path: 'dateOfBirth', code: 'yearRange' }]);
    expect(await kluis.clients.list({})).toEqual([]);
    const client = await kluis.clients.create(aClient);
    const session = {
      clientId: client.id,
      durationMinutes: 60,
      form: 'in-person' as const,
      notes: 'Wat ik net typte',
      reflection: '',
      tags: [],
    };
    // The year a date typed in one go becomes: 12-04-2026 and then 10:00 gives 20261.
    for (const startsAt of ['+020261-04-12T08:00:00.000Z', '1899-12-31T12:00:00Z']) {
      const error = await rejection(kluis.sessions.create({ ...session, startsAt }));
      expect(error.code).toBe('VALIDATION');
    }
    const late = await rejection(
      kluis.sessions.create({ ...session, startsAt: '2101-01-01T10:00:00+01:00' }),
    );
    expect(late.issues).toEqual([{ path: 'startsAt', code: 'yearRange' }]);
    expect((await kluis.clients.get({ id: client.id })).sessions).toEqual([]);
    await kluis.sessions.create({ ...session, startsAt: '2100-12-31T10:00:00+01:00' });
  });

  it('answers NOT_FOUND for records of unknown clients and CONFLICT for a foreign signed copy', async () => {
    api = await openTestApi();
    const { kluis } = api;
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await rejection(kluis.clients.get({ id: unknown }))).code).toBe('NOT_FOUND');
    expect(
      (
        await rejection(
          kluis.people.create({ clientId: unknown, name: 'X', relation: '', notes: '' }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    const a = await kluis.clients.create(aClient);
    const b = await kluis.clients.create({ ...aClient, firstName: 'Bas' });
    const docOfB = await kluis.attachments.add({
      clientId: b.id,
      sessionId: null,
      name: 'b.pdf',
      mediaType: 'application/pdf',
      contentBase64: 'AAAA',
    });
    const contract = {
      clientId: a.id,
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
      signedCopyId: docOfB.id,
    };
    expect((await rejection(kluis.contract.save(contract))).code).toBe('CONFLICT');
    expect((await kluis.clients.get({ id: a.id })).contract).toBeNull();
  });

  it('refuses data calls once locked, with LOCKED', async () => {
    api = await openTestApi();
    await api.kluis.vault.lock({});
    expect((await rejection(api.kluis.clients.list({}))).code).toBe('LOCKED');
    expect(await api.kluis.vault.status({})).toEqual({ state: 'locked' });
  });

  it('stores an attachment with its size and SHA-256, and refuses an oversized one', async () => {
    api = await openTestApi();
    const { kluis } = api;
    const client = await kluis.clients.create(aClient);
    const bytes = Buffer.from('verslag van het intakegesprek');
    const stored = await kluis.attachments.add({
      clientId: client.id,
      sessionId: null,
      name: '../../etc/intake.txt',
      mediaType: 'text/plain',
      contentBase64: bytes.toString('base64'),
    });
    expect(stored).toMatchObject({
      name: 'intake.txt',
      size: bytes.length,
      mediaType: 'text/plain',
    });
    const { createHash } = await import('node:crypto');
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const tooBig = 'A'.repeat(Math.ceil((50 * 1024 * 1024) / 3) * 4 + 4);
    const error = await rejection(
      kluis.attachments.add({
        clientId: client.id,
        sessionId: null,
        name: 'groot.bin',
        mediaType: 'application/octet-stream',
        contentBase64: tooBig,
      }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(await kluis.attachments.list({ clientId: client.id })).toHaveLength(1);
  });
});
