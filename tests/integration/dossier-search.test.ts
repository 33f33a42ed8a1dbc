import { afterEach, describe, expect, it } from 'vitest';
import { ftsQuery } from '../../electron/services/sessions';
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
});
