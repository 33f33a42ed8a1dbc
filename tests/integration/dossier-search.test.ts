import { afterEach, describe, expect, it } from 'vitest';
import { ftsQuery, RANKED_MATCHES } from '../../electron/services/sessions';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { removeTempDirs } from '../support/vault-fixture';

let api: TestApi | undefined;
afterEach(() => {
  api?.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

async function seed(): Promise<{ api: TestApi; zoe: string; bas: string }> {
  const opened = await openTestApi();
  const { kluis } = opened;
  const zoe = await kluis.clients.create({ ...aClient, firstName: 'Zoë', lastName: 'de Groot' });
  const bas = await kluis.clients.create({ ...aClient, firstName: 'Bas', lastName: 'Jansen' });
  const note = (clientId: string, notes: string, startsAt: string) =>
    kluis.sessions.create({
      clientId,
      startsAt,
      durationMinutes: 50,
      form: 'in-person',
      notes,
      reflection: '',
      tags: [],
    });
  await note(
    zoe.id,
    'De cliënt ervaart veel werkdruk en slaapt slecht.',
    '2026-11-01T10:00:00+01:00',
  );
  await note(
    zoe.id,
    'Gesprek over de reünie met haar zus; financiële zorgen.',
    '2026-11-08T10:00:00+01:00',
  );
  await note(
    bas.id,
    'Bas wil leren grenzen stellen bij zijn leidinggevende.',
    '2026-11-02T10:00:00+01:00',
  );
  return { api: opened, zoe: zoe.id, bas: bas.id };
}

describe('search', () => {
  it('folds diacritics both ways: client finds cliënt, reunie finds reünie', async () => {
    const seeded = await seed();
    api = seeded.api;
    const hits = await api.kluis.sessions.search({ query: 'client' });
    expect(hits.map((h) => h.clientId)).toEqual([seeded.zoe]);
    expect(hits[0]?.snippet).toContain('\u0002cliënt\u0003');
    expect((await api.kluis.sessions.search({ query: 'reunie' })).map((h) => h.clientId)).toEqual([
      seeded.zoe,
    ]);
    expect((await api.kluis.sessions.search({ query: 'financiele' })).length).toBe(1);
  });

  it('matches prefixes as the coach types, and every word', async () => {
    const seeded = await seed();
    api = seeded.api;
    expect((await api.kluis.sessions.search({ query: 'leidingg' })).map((h) => h.clientId)).toEqual(
      [seeded.bas],
    );
    expect(await api.kluis.sessions.search({ query: 'werkdruk grenzen' })).toEqual([]);
    expect((await api.kluis.sessions.search({ query: 'werkdruk slaapt' })).length).toBe(1);
  });

  it('treats FTS syntax in the query as plain words', async () => {
    const seeded = await seed();
    api = seeded.api;
    for (const query of [
      '"',
      'NEAR(',
      'werkdruk OR',
      '*',
      'a:b',
      '^werk',
      '(( ))',
      "'; DROP TABLE sessions; --",
    ]) {
      await expect(api.kluis.sessions.search({ query })).resolves.toBeInstanceOf(Array);
    }
    expect(ftsQuery('zo"ë')).toBe('"zo" "ë"*');
    expect(ftsQuery('  ')).toBeNull();
  });

  it('finds clients in the list by name without diacritics and by note text', async () => {
    const seeded = await seed();
    api = seeded.api;
    expect((await api.kluis.clients.list({ query: 'zoe' })).map((c) => c.id)).toEqual([seeded.zoe]);
    expect((await api.kluis.clients.list({ query: 'GROOT' })).map((c) => c.id)).toEqual([
      seeded.zoe,
    ]);
    expect((await api.kluis.clients.list({ query: 'leidinggevende' })).map((c) => c.id)).toEqual([
      seeded.bas,
    ]);
    expect(await api.kluis.clients.list({ query: 'niemand' })).toEqual([]);
  });

  it('keeps the index in step with edits and deletes', async () => {
    const seeded = await seed();
    api = seeded.api;
    const [hit] = await api.kluis.sessions.search({ query: 'leidinggevende' });
    await api.kluis.sessions.update({
      id: hit?.sessionId ?? '',
      notes: 'Over zijn hobby: zeilen.',
    });
    expect(await api.kluis.sessions.search({ query: 'leidinggevende' })).toEqual([]);
    expect((await api.kluis.sessions.search({ query: 'zeilen' })).length).toBe(1);
    await api.kluis.sessions.delete({ id: hit?.sessionId ?? '' });
    expect(await api.kluis.sessions.search({ query: 'zeilen' })).toEqual([]);
  });

  it('ranks the most relevant note first, and within a dossier shows only its notes', async () => {
    const seeded = await seed();
    api = seeded.api;
    const { kluis } = api;
    const dense = await kluis.sessions.create({
      clientId: seeded.bas,
      startsAt: '2026-10-01T10:00:00+01:00',
      durationMinutes: 50,
      form: 'video',
      notes: 'Werkdruk, werkdruk en nog eens werkdruk.',
      reflection: '',
      tags: [],
    });
    const hits = await kluis.sessions.search({ query: 'werkdruk' });
    expect(hits.map((h) => h.sessionId)).toEqual([dense.id, expect.any(String)]);
    expect(hits[1]?.clientId).toBe(seeded.zoe);
    const inDossier = await kluis.sessions.search({ query: 'werkdruk', clientId: seeded.zoe });
    expect(inDossier.map((h) => h.clientId)).toEqual([seeded.zoe]);
    expect(inDossier[0]?.snippet).toContain('\u0002werkdruk\u0003');
  });

  it(`scores only the most recent ${RANKED_MATCHES} matches of a word in nearly every note`, async () => {
    const seeded = await seed();
    api = seeded.api;
    const { kluis, session } = api;
    const oldBest = await kluis.sessions.create({
      clientId: seeded.bas,
      startsAt: '2020-01-06T10:00:00+01:00',
      durationMinutes: 50,
      form: 'video',
      notes: 'Mantelzorg mantelzorg mantelzorg.',
      reflection: '',
      tags: [],
    });
    const fill = (batch: string, count: number) => {
      const insert = session.db.prepare(
        `INSERT INTO sessions (id, client_id, starts_at, form, notes, created_at, updated_at)
         VALUES (?, ?, ?, 'video', ?, ?, ?)`,
      );
      session.db.transaction(() => {
        for (let i = 0; i < count; i += 1) {
          const at = '2026-01-05T10:00:00+01:00';
          insert.run(
            `${batch}-${i}`,
            seeded.zoe,
            at,
            `Gesprek ${i} over de mantelzorg voor haar vader en wat dat vraagt.`,
            at,
            at,
          );
        }
      })();
    };
    fill('first', RANKED_MATCHES - 2);
    const ranked = await kluis.sessions.search({ query: 'mantelzorg', limit: 5 });
    expect(ranked[0]?.sessionId).toBe(oldBest.id);

    fill('second', 10);
    const recent = await kluis.sessions.search({ query: 'mantelzorg', limit: 5 });
    expect(recent).toHaveLength(5);
    expect(recent.map((h) => h.sessionId)).not.toContain(oldBest.id);
    // Within the dossier every match is still scored.
    const inDossier = await kluis.sessions.search({
      query: 'mantelzorg',
      clientId: seeded.bas,
      limit: 5,
    });
    expect(inDossier[0]?.sessionId).toBe(oldBest.id);
  });

  it('gives equally relevant notes to the latest one entered when the limit cuts between them', async () => {
    const seeded = await seed();
    api = seeded.api;
    const ids: string[] = [];
    for (const year of [2024, 2025, 2026]) {
      const session = await api.kluis.sessions.create({
        clientId: seeded.bas,
        startsAt: `${year}-03-01T10:00:00+01:00`,
        durationMinutes: 50,
        form: 'video',
        notes: 'Evaluatiegesprek',
        reflection: '',
        tags: [],
      });
      ids.push(session.id);
    }
    const [, middle, latest] = ids;
    const hits = await api.kluis.sessions.search({ query: 'evaluatie', limit: 1 });
    expect(hits.map((h) => h.sessionId)).toEqual([latest]);
    const inDossier = await api.kluis.sessions.search({
      query: 'evaluatie',
      clientId: seeded.bas,
      limit: 2,
    });
    expect(inDossier.map((h) => h.sessionId)).toEqual([latest, middle]);
  });
});
