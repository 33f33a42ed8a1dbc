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

const pdf = (text: string) => ({
  name: 'contract-getekend.pdf',
  mediaType: 'application/pdf',
  contentBase64: Buffer.from(`%PDF-1.4 ${text}`).toString('base64'),
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

describe('an upload that belongs to a record', () => {
  it('links a signed contract copy at once, keeping the contract as saved, across a restart', async () => {
    api = await openTestApi();
    const client = await api.kluis.clients.create(aClient);
    const clientId = client.id;
    await api.kluis.contract.save({
      clientId,
      startOn: '2026-10-01',
      plannedDuration: '3 maanden',
      plannedSessions: 8,
      goals: 'Grenzen stellen',
      fees: '',
      paymentTerms: '',
      logistics: '',
      confidentialityTerms: '',
      sponsorReporting: '',
      codeGivenOn: null,
      complaintsProcedureOn: null,
      supervisionConsentOn: null,
      signedOn: '2026-10-02',
      signedCopyId: null,
    });
    const copy = await api.kluis.attachments.add({
      clientId,
      sessionId: null,
      ...pdf('getekend'),
      linkAs: 'signed-copy',
    });
    // No contract.save after the upload: quitting now must not lose the link.
    api = await restart(api);
    const dossier = await api.kluis.clients.get({ id: clientId });
    expect(dossier.contract?.signedCopyId).toBe(copy.id);
    expect(dossier.contract?.goals).toBe('Grenzen stellen');
    expect(dossier.contract?.signedOn).toBe('2026-10-02');
  });

  it('creates the contract when the copy comes first', async () => {
    api = await openTestApi();
    const client = await api.kluis.clients.create(aClient);
    const copy = await api.kluis.attachments.add({
      clientId: client.id,
      sessionId: null,
      ...pdf('eerst'),
      linkAs: 'signed-copy',
    });
    const dossier = await api.kluis.clients.get({ id: client.id });
    expect(dossier.contract?.signedCopyId).toBe(copy.id);
    expect(dossier.contract?.goals).toBe('');
  });

  it('stores nothing when the link is refused', async () => {
    api = await openTestApi();
    const error = await rejection(
      api.kluis.attachments.add({
        clientId: null,
        sessionId: null,
        ...pdf('praktijk'),
        linkAs: 'signed-copy',
      }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(await api.kluis.attachments.list({ clientId: null })).toEqual([]);
  });

  it('replaces the code document in one step', async () => {
    api = await openTestApi();
    const first = await api.kluis.attachments.add({
      clientId: null,
      sessionId: null,
      ...pdf('code 2024'),
      linkAs: 'code-document',
    });
    expect((await api.kluis.practice.get({})).practice.codeDocumentId).toBe(first.id);
    const second = await api.kluis.attachments.add({
      clientId: null,
      sessionId: null,
      ...pdf('code 2026'),
      linkAs: 'code-document',
    });
    expect((await api.kluis.practice.get({})).practice.codeDocumentId).toBe(second.id);
    expect((await api.kluis.attachments.list({ clientId: null })).map((a) => a.id)).toEqual([
      second.id,
    ]);
  });
});
