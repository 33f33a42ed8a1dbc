import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const NAME = 'Wilhelmina';
const SURNAME = 'Kwakernaak';
const NOTE_WORD = 'zwaluwstaartvlinder';
const DOC_TEXT = 'geheimverslagvanwilhelmina';
const PERSON = 'Oosterveldius';

function encodings(text: string): Buffer[] {
  return [
    Buffer.from(text, 'utf8'),
    Buffer.from(text, 'utf16le'),
    Buffer.from(text.toLowerCase(), 'utf8'),
  ];
}

/** The decrypted database image (every page, free pages included), as SQLite serialises it. */
function plaintextImage(current: TestApi): Buffer {
  return current.session.db.serialize();
}

function traces(image: Buffer): string[] {
  return [NAME, SURNAME, NOTE_WORD, DOC_TEXT, PERSON].filter((word) =>
    encodings(word).some((needle) => image.includes(needle)),
  );
}

async function seedDossier(current: TestApi): Promise<string> {
  const { kluis } = current;
  const client = await kluis.clients.create({
    ...aClient,
    firstName: NAME,
    lastName: SURNAME,
    notes: `${NAME} ${SURNAME}`,
  });
  await kluis.people.create({ clientId: client.id, name: PERSON, relation: 'buurman', notes: '' });
  for (let i = 0; i < 30; i += 1) {
    await kluis.sessions.create({
      clientId: client.id,
      startsAt: `2020-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00+01:00`,
      durationMinutes: 60,
      form: 'in-person',
      notes: `${NAME} vertelt over de ${NOTE_WORD} in sessie ${i}. ${'Opvulling. '.repeat(50)}`,
      reflection: `${SURNAME} reflectie`,
      tags: [NOTE_WORD],
    });
  }
  await kluis.attachments.add({
    clientId: client.id,
    sessionId: null,
    name: `${NAME}.txt`,
    mediaType: 'text/plain',
    contentBase64: Buffer.from(DOC_TEXT.repeat(100)).toString('base64'),
  });
  await kluis.guardians.create({
    clientId: client.id,
    name: `Moeder ${SURNAME}`,
    relation: 'moeder',
    email: '',
    phone: '',
    shared: '',
    notShared: '',
    consentOn: null,
    reviewOn: null,
  });
  return client.id;
}

describe('erasing a dossier', () => {
  it('is refused before the retention date without an override, and changes nothing', async () => {
    api = await openTestApi({ now: new Date('2026-11-23T10:00:00+01:00') });
    const id = await seedDossier(api);
    const attempt = api.kluis.clients.erase({ id, override: null });
    await expect(attempt).rejects.toSatisfy(
      (e: unknown) => e instanceof KluisError && e.code === 'RETENTION_NOT_PASSED',
    );
    await api.kluis.ending.save({
      clientId: id,
      endedOn: '2026-01-01',
      initiatedBy: 'client',
      reason: '',
      summary: '',
      retentionUntil: null,
    });
    const early = api.kluis.clients.erase({ id, override: null });
    await expect(early).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof KluisError &&
        e.code === 'RETENTION_NOT_PASSED' &&
        e.detail.retentionUntil === '2033-01-01',
    );
    expect((await api.kluis.clients.get({ id })).sessions).toHaveLength(30);
  });

  it('leaves no trace of the name, notes or documents in the vault, only the pseudonym in the audit log', async () => {
    api = await openTestApi({ now: new Date('2026-11-23T10:00:00+01:00') });
    const keep = await api.kluis.clients.create({ ...aClient, firstName: 'Blijft' });
    const id = await seedDossier(api);
    await api.kluis.ending.save({
      clientId: id,
      endedOn: '2019-01-01',
      initiatedBy: 'client',
      reason: '',
      summary: '',
      retentionUntil: null,
    });
    // Control: before erasure the decrypted image does hold them, so the search works.
    expect(traces(plaintextImage(api)).sort()).toEqual(
      [DOC_TEXT, NAME, NOTE_WORD, PERSON, SURNAME].sort(),
    );

    const { pseudonym } = await api.kluis.clients.erase({ id, override: null });
    expect(traces(plaintextImage(api))).toEqual([]);
    expect(readFileSync(join(api.dir, 'vault.db-wal')).length).toBe(0);

    const entries = await api.kluis.audit.list({});
    expect(entries[0]).toMatchObject({
      action: 'dossier.erased',
      subject: pseudonym,
      details: { override: false },
    });
    await expect(api.kluis.clients.get({ id })).rejects.toSatisfy(
      (e: unknown) => e instanceof KluisError && e.code === 'NOT_FOUND',
    );
    expect((await api.kluis.clients.list({})).map((c) => c.id)).toEqual([keep.id]);
    expect(await api.kluis.sessions.search({ query: NOTE_WORD })).toEqual([]);

    api = await restart(api);
    expect(traces(plaintextImage(api))).toEqual([]);
    for (const file of readdirSync(api.dir)) {
      const bytes = readFileSync(join(api.dir, file));
      expect(
        encodings(NAME).some((needle) => bytes.includes(needle)),
        file,
      ).toBe(false);
    }
    expect(await api.kluis.audit.verify({})).toMatchObject({ ok: true });
  });

  it('erases early with a listed reason, and audits the override', async () => {
    api = await openTestApi();
    const id = await seedDossier(api);
    await api.kluis.clients.erase({ id, override: { reason: 'client-request' } });
    const [entry] = await api.kluis.audit.list({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'dossier.erased',
      details: { override: true, reason: 'client-request' },
    });
    expect(traces(plaintextImage(api))).toEqual([]);
  });
});
