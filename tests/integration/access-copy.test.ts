import { afterEach, describe, expect, it } from 'vitest';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { openTestApi, type TestApi } from '../support/api-fixture';
import {
  downloadJob,
  fullDossier,
  jobSettled,
  unzipAll,
  type ZipEntryData,
} from '../support/handover-fixture';
import { removeTempDirs } from '../support/vault-fixture';

/**
 * The client's access copy (AVG art. 15), as the client receives it: a readme written for
 * the client in the client's language, every word of the retention file in that language,
 * and the coach's private reflections only when the coach chose to give them.
 */

const REFLECTION = 'Ik merk bij mezelf de neiging om te snel oplossingen te geven.';
/** Words of the successor's readme that mean nothing to a client, or point nowhere. */
const NOT_FOR_CLIENTS = [/\bage\b/i, /sha256/i, /SHA-256/, /Praktijk\s*>/, /Continuïteit\s*>/];

const opened: { api: TestApi; engine: HandoverEngine }[] = [];
afterEach(() => {
  for (const { api, engine } of opened.splice(0)) {
    engine.dispose();
    if (api.session.state === 'unlocked') api.session.lock('quit');
  }
  removeTempDirs();
});

async function accessCopy(
  input: { language?: 'nl' | 'en'; includeReflections?: boolean } = {},
): Promise<{ id: string; entries: ZipEntryData[] }> {
  const api = await openTestApi();
  opened.push({ api, engine: attachHandover(api.session) });
  const id = await fullDossier(api.kluis, { ended: true });
  // Raw through the dispatcher, so a call without the two choices meets the schema's defaults.
  const started = await api.dispatch('handover.accessExport', {
    clientId: id,
    protection: { kind: 'none', acknowledgeUnencrypted: true },
    output: { download: true },
    ...input,
  });
  if (!started.ok) throw new Error(started.error.code);
  const { jobId } = started.value as { jobId: string };
  expect((await jobSettled(api.kluis, jobId)).state).toBe('done');
  return { id, entries: await unzipAll(await downloadJob(api.kluis, jobId)) };
}

function text(entries: ZipEntryData[], name: string): string {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in the copy`);
  return entry.data.toString('utf8');
}

describe("the client's access copy", () => {
  it('by default: a Dutch readme for the client, no reflections, a retention file all in Dutch', async () => {
    const { id, entries } = await accessCopy();
    const names = entries.map((e) => e.name);
    expect(names).toContain('LEESMIJ.txt');
    expect(names).not.toContain('README.txt');
    const readme = text(entries, 'LEESMIJ.txt');
    expect(readme).toContain('AVG, artikel 15');
    expect(readme).toMatch(/zitten niet in deze kopie/);
    for (const word of NOT_FOR_CLIENTS) expect(readme).not.toMatch(word);

    const dossier = JSON.parse(text(entries, `clients/${id}/dossier.json`)) as {
      sessions: { reflection: string }[];
    };
    expect(dossier.sessions.length).toBeGreaterThan(0);
    expect(dossier.sessions.every((s) => s.reflection === '')).toBe(true);
    for (const entry of entries) expect(entry.data.includes(REFLECTION)).toBe(false);

    const retention = text(entries, 'bewaartermijnen.txt');
    expect(retention).toContain('Afgesloten');
    expect(retention).not.toMatch(/\b(ended|active|intake)\b/);
    expect(retention).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('in English, with the reflections the coach chose to give', async () => {
    const { id, entries } = await accessCopy({ language: 'en', includeReflections: true });
    const names = entries.map((e) => e.name);
    expect(names).toContain('README.txt');
    expect(names).toContain('retention.txt');
    expect(names).not.toContain('LEESMIJ.txt');
    expect(names).not.toContain('bewaartermijnen.txt');
    const readme = text(entries, 'README.txt');
    expect(readme).toContain('GDPR');
    expect(readme).toMatch(/chose to give you these/);
    for (const word of NOT_FOR_CLIENTS) expect(readme).not.toMatch(word);
    expect(text(entries, `clients/${id}/dossier.json`)).toContain(REFLECTION);
    const retention = text(entries, 'retention.txt');
    expect(retention).toContain('Ended');
    expect(retention).not.toMatch(/Afgesloten|Bewaren tot|nog niet bekend/);
  });
});
