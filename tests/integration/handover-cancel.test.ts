import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePractice, PRACTICE_NOW } from '../../bench/practice-generator';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { openTestApi, type TestApi } from '../support/api-fixture';
import {
  downloadAll,
  filesContaining,
  finished,
  fullDossier,
  listFiles,
  systemTemp,
  unzipAll,
  withEngine,
} from '../support/handover-fixture';
import { PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

/** Long exports can be cancelled, and whatever ends them, nothing partial stays on disk. */

const opened: { api: TestApi; engine: HandoverEngine }[] = [];
afterEach(() => {
  for (const { api, engine } of opened.splice(0)) {
    engine.dispose();
    if (api.session.state === 'unlocked') api.session.lock('quit');
  }
  removeTempDirs();
});

async function bigPractice(): Promise<{ api: TestApi; engine: HandoverEngine; names: string[] }> {
  const api = await openTestApi({ now: PRACTICE_NOW });
  const engine = attachHandover(api.session, { now: () => PRACTICE_NOW });
  opened.push({ api, engine });
  generatePractice(api.session.db, {
    clients: 40,
    sessions: 800,
    attachments: 30,
    seed: 11,
    now: PRACTICE_NOW,
  });
  const names = (await api.kluis.clients.list({})).map((c) => `${c.firstName} ${c.lastName}`);
  return { api, engine, names };
}

async function whenProgressing(engine: HandoverEngine, jobId: string): Promise<void> {
  for (let i = 0; i < 2_000; i += 1) {
    const job = engine.progress(jobId);
    if (job.state !== 'running') throw new Error(`job ended early: ${job.state}`);
    if (job.progress.clientsDone > 0 && job.progress.bytesDone > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('no progress');
}

describe('cancel and clean-up', () => {
  it('reports progress, and a cancelled export leaves no file at all', async () => {
    const { api, engine } = await bigPractice();
    const folder = tempDir('kluis-export-');
    const target = join(folder, 'overdracht.age');
    const { jobId } = withEngine(api, (e, ctx) =>
      e.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'closure',
        to: 'Opvolger',
        recipient: { kind: 'key', recipient: e.key(ctx).recipient },
        output: { fileToken: grantPath(target, 'save-bundle') },
      }),
    );
    await whenProgressing(engine, jobId);
    const running = engine.progress(jobId);
    expect(running.progress.clientsTotal).toBe(40);
    expect(running.progress.clientsDone).toBeLessThan(40);
    expect(engine.cancel(jobId)).toEqual({ cancelled: true });
    const job = await engine.settleJob(jobId);
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' }, download: null });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('cancels a running export when the vault locks, leaving nothing in the vault folder or the target', async () => {
    const { api, engine } = await bigPractice();
    const folder = tempDir('kluis-export-');
    const target = join(folder, 'overdracht.age');
    const { jobId } = withEngine(api, (e, ctx) =>
      e.startExport(ctx, {
        clients: { kind: 'active' },
        reason: 'incapacity',
        to: 'Opvolger',
        recipient: { kind: 'key', recipient: e.key(ctx).recipient },
        output: { fileToken: grantPath(target, 'save-bundle') },
      }),
    );
    const download = withEngine(api, (e, ctx) =>
      e.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'transfer',
        to: 'Opvolger',
        recipient: { kind: 'key', recipient: e.key(ctx).recipient },
        output: { download: true },
      }),
    );
    await whenProgressing(engine, jobId);
    await api.kluis.vault.lock({});
    // The jobs are gone with the lock; give their clean-up a moment to run.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(join(api.dir, '.handover'))).toEqual([]);
    expect(() => engine.progress(download.jobId)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    await api.kluis.vault.unlock({ passphrase: PASSPHRASE });
  });

  it('writes no plaintext anywhere: not beside the export, not in the vault folder, not in the temp folder', async () => {
    const { api, engine, names } = await bigPractice();
    const folder = tempDir('kluis-export-');
    const tempBefore = listFiles(systemTemp, 1);
    const { jobId } = withEngine(api, (e, ctx) =>
      e.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'closure',
        to: 'Opvolger',
        recipient: { kind: 'passphrase', passphrase: PASSPHRASE },
        output: { fileToken: grantPath(join(folder, 'overdracht.age'), 'save-bundle') },
      }),
    );
    const download = withEngine(api, (e, ctx) =>
      e.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'transfer',
        to: 'Opvolger',
        recipient: { kind: 'key', recipient: e.key(ctx).recipient },
        output: { download: true },
      }),
    );
    await finished(engine, jobId);
    await finished(engine, download.jobId);
    const needles = [...new Set(names)];
    expect(readdirSync(folder)).toEqual(['overdracht.age']);
    expect(filesContaining(folder, needles)).toEqual([]);
    expect(filesContaining(join(api.dir, '.handover'), needles)).toEqual([]);
    expect(filesContaining(systemTemp, needles, { depth: 1, since: tempBefore })).toEqual([]);
  });
});

describe('right of access (AVG art. 15)', () => {
  it('exports one dossier for the client: passphrase-encrypted, or unencrypted only when chosen, flagged', async () => {
    const api = await openTestApi();
    const engine = attachHandover(api.session);
    opened.push({ api, engine });
    const id = await fullDossier(api.kluis, { ended: true });
    await fullDossier(api.kluis, { firstName: 'Ander' });

    const encrypted = withEngine(api, (e, ctx) =>
      e.startAccessExport(ctx, {
        clientId: id,
        protection: { kind: 'passphrase', passphrase: PASSPHRASE },
        output: { download: true },
      }),
    );
    const done = await finished(engine, encrypted.jobId);
    expect(done.result).toMatchObject({ clients: 1, unencrypted: false, encryption: 'passphrase' });
    expect(done.download?.fileName).toMatch(/^dossier-inzage-2026-11-23\.zip\.age$/);

    expect(() =>
      withEngine(api, (e, ctx) =>
        e.startAccessExport(ctx, {
          clientId: id,
          protection: { kind: 'none', acknowledgeUnencrypted: false as unknown as true },
          output: { download: true },
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));

    const plain = withEngine(api, (e, ctx) =>
      e.startAccessExport(ctx, {
        clientId: id,
        protection: { kind: 'none', acknowledgeUnencrypted: true },
        output: { download: true },
      }),
    );
    const job = await finished(engine, plain.jobId);
    expect(job.result).toMatchObject({ unencrypted: true, encryption: 'none', clients: 1 });
    // Held in memory for the download: the vault's work folder holds age files only.
    const work = join(api.dir, '.handover');
    for (const name of readdirSync(work)) {
      expect(readFileSync(join(work, name)).subarray(0, 21).toString()).toBe(
        'age-encryption.org/v1',
      );
    }
    const zip = downloadAll(engine, plain.jobId);
    const entries = await unzipAll(zip);
    const names = entries.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `clients/${id}/dossier.pdf`,
        `clients/${id}/dossier.json`,
        'manifest.json',
      ]),
    );
    expect(names.filter((n) => n.endsWith('dossier.json'))).toHaveLength(1);
    const manifest = JSON.parse(
      entries.find((e) => e.name === 'manifest.json')?.data.toString() ?? '{}',
    );
    expect(manifest).toMatchObject({ kind: 'access', reason: 'access-request' });
    const audit = await api.kluis.audit.list({ limit: 10 });
    expect(audit.find((e) => e.action === 'handover.exported')?.details).toMatchObject({
      kind: 'access',
      encryption: 'none',
      clients: 1,
    });
  });
});
