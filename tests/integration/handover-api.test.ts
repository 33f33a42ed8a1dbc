import { afterEach, describe, expect, it } from 'vitest';
import type { KitJobResult } from '../../electron/api';
import { type KluisClient, KluisError } from '../../electron/client';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { openTestApi, type TestApi } from '../support/api-fixture';
import { downloadJob, fullDossier, jobSettled } from '../support/handover-fixture';
import { shareOnSheet } from '../support/pdf-text';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * The handover and continuity contract as the UI uses it, through the dispatcher: start
 * a job, poll its progress, fetch its file in chunks, upload a bundle in chunks, and get
 * typed errors with safe detail.
 */

const opened: { api: TestApi; engine: HandoverEngine }[] = [];
afterEach(() => {
  for (const { api, engine } of opened.splice(0)) {
    engine.dispose();
    if (api.session.state === 'unlocked') api.session.lock('quit');
  }
  removeTempDirs();
});

async function vault(): Promise<TestApi> {
  const api = await openTestApi();
  opened.push({ api, engine: attachHandover(api.session) });
  return api;
}

async function rejection(promise: Promise<unknown>): Promise<KluisError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KluisError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function upload(kluis: KluisClient, bytes: Buffer): Promise<string> {
  const { uploadId, chunkBytes } = await kluis.handover.uploadBegin({ totalBytes: bytes.length });
  const step = Math.min(chunkBytes, 16 * 1024);
  for (let offset = 0; offset < bytes.length; offset += step) {
    await kluis.handover.uploadChunk({
      uploadId,
      offset,
      chunkBase64: bytes.subarray(offset, offset + step).toString('base64'),
    });
  }
  return uploadId;
}

describe('the handover API', () => {
  it('exports, downloads in chunks, uploads in chunks, inspects and imports', async () => {
    const a = await vault();
    const b = await vault();
    const id = await fullDossier(a.kluis, { ended: true });
    const key = await b.kluis.handover.key({});
    expect(key.fileText).toContain(key.recipient);
    expect(await b.kluis.handover.key({})).toEqual(key);

    const { jobId } = await a.kluis.handover.export({
      clients: { kind: 'selected', ids: [id] },
      reason: 'closure',
      to: 'Praktijk De Opvolger',
      recipient: { kind: 'key', recipient: key.fileText },
      output: { download: true },
    });
    const job = await jobSettled(a.kluis, jobId);
    expect(job).toMatchObject({ kind: 'export', state: 'done', error: null });
    expect(job.download?.fileName).toBe('dossierkluis-overdracht-2026-11-23.age');
    expect((await a.kluis.handover.jobs({})).map((j) => j.jobId)).toContain(jobId);
    const bundle = await downloadJob(a.kluis, jobId, 32 * 1024);
    expect(bundle.length).toBe(job.download?.bytes);
    expect(await a.kluis.handover.discard({ jobId })).toEqual({ discarded: true });
    expect((await rejection(a.kluis.handover.progress({ jobId }))).code).toBe('NOT_FOUND');

    const uploadId = await upload(b.kluis, bundle);
    const inspect = await b.kluis.handover.inspect({
      source: { uploadId },
      key: { kind: 'vault' },
    });
    const inspected = await jobSettled(b.kluis, inspect.jobId);
    if (inspected.kind !== 'inspect' || !inspected.result) throw new Error('no report');
    expect(inspected.result.clients).toMatchObject([
      { id, defaultAction: 'import', existing: null },
    ]);
    const imported = await b.kluis.handover.import({
      inspectionId: inspected.result.inspectionId,
      existing: 'skip',
    });
    expect(await jobSettled(b.kluis, imported.jobId)).toMatchObject({
      state: 'done',
      result: { imported: 1 },
    });
    expect(await b.kluis.clients.get({ id })).toEqual(await a.kluis.clients.get({ id }));
    // The inspection is used up.
    expect(
      (
        await rejection(
          b.kluis.handover.import({
            inspectionId: inspected.result.inspectionId,
            existing: 'skip',
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });

  it('refuses paths from the page, weak passphrases and bad recipients with typed errors', async () => {
    const a = await vault();
    await fullDossier(a.kluis);
    const base = {
      clients: { kind: 'all' as const },
      reason: 'transfer' as const,
      to: '',
      output: { download: true as const },
    };
    const validation = await rejection(
      a.kluis.handover.export({
        ...base,
        recipient: { kind: 'key', recipient: 'age1' },
        output: { fileToken: '/etc/passwd' } as unknown as { download: true },
      }),
    );
    expect(validation.code).toBe('VALIDATION');
    expect(
      (
        await rejection(
          a.kluis.handover.export({ ...base, recipient: { kind: 'key', recipient: 'age1xyz' } }),
        )
      ).code,
    ).toBe('VALIDATION');
    expect(
      (
        await rejection(
          a.kluis.handover.export({
            ...base,
            recipient: { kind: 'passphrase', passphrase: 'geheim123' },
          }),
        )
      ).code,
    ).toBe('WEAK_PASSPHRASE');
    const expired = await rejection(
      a.kluis.handover.export({
        ...base,
        recipient: { kind: 'key', recipient: (await a.kluis.handover.key({})).recipient },
        output: { fileToken: 'A'.repeat(24) },
      }),
    );
    expect(expired).toMatchObject({ code: 'NOT_FOUND', detail: { what: 'file-grant' } });
    expect(
      (await rejection(a.kluis.handover.uploadBegin({ totalBytes: 10 * 1024 ** 3 }))).code,
    ).toBe('TOO_LARGE');
  });

  it('runs the continuity plan: plan, folder, kit, bundle, share check, drill, recovery', async () => {
    const coach = await vault();
    const successor = await vault();
    await fullDossier(coach.kluis);
    expect((await coach.kluis.continuity.get({})).bundle).toMatchObject({
      folderSet: false,
      refreshOnLock: true,
    });
    expect((await rejection(coach.kluis.continuity.issueKit({ threshold: 2 }))).detail).toEqual({
      missing: 'keepers',
    });
    const successorKey = await successor.kluis.handover.key({});
    const saved = await coach.kluis.continuity.savePlan({
      successors: [
        {
          name: 'Praktijk De Opvolger',
          organisation: '',
          email: 'opvolger@example.nl',
          phone: '',
          recipient: successorKey.recipient,
          notes: '',
        },
      ],
      keepers: ['Anouk', 'Bas', 'Carla'].map((name) => ({
        name,
        role: '',
        email: '',
        phone: '',
        notes: '',
      })),
      custodianInstructions: 'Laptop in de kast.',
      whoToInform: 'Cliënten.',
      insurer: '',
      bundleLocationNote: 'USB-schijf',
    });
    expect(saved.plan.keepers.every((k) => typeof k.id === 'string')).toBe(true);
    expect(saved.plan.successors[0]?.recipient).toBe(successorKey.recipient);
    expect((await rejection(coach.kluis.continuity.refresh({}))).detail).toEqual({
      missing: 'kit',
    });

    const folder = tempDir('kluis-continuiteit-');
    const status = await coach.kluis.continuity.setBundleFolder({
      folderToken: grantPath(folder, 'bundle-folder'),
    });
    expect(status.bundle).toMatchObject({ folderSet: true, folder, exists: false });

    const issue = await coach.kluis.continuity.issueKit({ threshold: 2 });
    const issued = await jobSettled(coach.kluis, issue.jobId);
    const kit = issued.result as KitJobResult;
    // Issuing makes no file: each keeper's sheet is its own job and its own PDF.
    expect(issued.download).toBeNull();
    expect((await coach.kluis.continuity.get({})).handout).toMatchObject({
      kitId: kit.kit.kitId,
      keepers: [1, 2, 3].map((number) => ({ number, sheetMade: false })),
    });
    const sheets: string[] = [];
    for (const keeper of [1, 2, 3]) {
      const sheet = await coach.kluis.continuity.keeperSheet({ kitId: kit.kit.kitId, keeper });
      const made = await jobSettled(coach.kluis, sheet.jobId);
      expect(made).toMatchObject({
        kind: 'sheet',
        state: 'done',
        download: { mediaType: 'application/pdf' },
        result: { number: keeper, keeper: ['Anouk', 'Bas', 'Carla'][keeper - 1] },
      });
      const pdf = await downloadJob(coach.kluis, sheet.jobId, 32 * 1024);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      sheets.push(shareOnSheet(pdf));
    }
    expect(new Set(sheets).size).toBe(3);
    expect(
      (await rejection(coach.kluis.continuity.keeperSheet({ kitId: kit.kit.kitId, keeper: 4 })))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await rejection(coach.kluis.continuity.keeperSheet({ kitId: 'ABCDEFGH', keeper: 1 }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await rejection(coach.kluis.continuity.keeperSheet({ kitId: 'not a kit', keeper: 1 }))).code,
    ).toBe('VALIDATION');
    const handedOut = await coach.kluis.continuity.finishHandout({ kitId: kit.kit.kitId });
    expect(handedOut.handout).toBeNull();
    expect(handedOut.kit?.kitId).toBe(kit.kit.kitId);
    expect(
      (await rejection(coach.kluis.continuity.keeperSheet({ kitId: kit.kit.kitId, keeper: 1 })))
        .code,
    ).toBe('NOT_FOUND');
    if (!kit.refreshJobId) throw new Error('no refresh');
    expect(await jobSettled(coach.kluis, kit.refreshJobId)).toMatchObject({
      state: 'done',
      result: { clients: 1 },
    });
    expect((await coach.kluis.continuity.get({})).bundle).toMatchObject({
      exists: true,
      kitCurrent: true,
      dataCurrent: true,
    });

    const [first, second] = sheets.map((s) => s.toLowerCase().replace(/-/g, ' '));
    expect(await coach.kluis.continuity.checkShare({ text: first ?? '' })).toEqual({
      ok: true,
      kitId: kit.kit.kitId,
      threshold: 2,
      count: 3,
      number: 1,
    });
    const typo = `${(second ?? '').slice(0, 3)}${(second ?? '')[3] === 'x' ? 'y' : 'x'}${(second ?? '').slice(4)}`;
    expect(await coach.kluis.continuity.checkShare({ text: typo })).toMatchObject({
      ok: false,
      problem: 'group-checksum',
      group: 1,
    });
    const wrong = await rejection(coach.kluis.continuity.drill({ shares: [first ?? '', typo] }));
    expect(wrong).toMatchObject({ code: 'SHARE_INVALID', detail: { share: 2, group: 1 } });

    const drill = await coach.kluis.continuity.drill({ shares: [first ?? '', second ?? ''] });
    expect(await jobSettled(coach.kluis, drill.jobId)).toMatchObject({
      state: 'done',
      result: { currentKit: true, bundleCurrent: true, clients: 1 },
    });
    expect((await coach.kluis.continuity.get({})).lastDrill).toMatchObject({ ok: true });

    const token = grantPath(`${folder}/dossierkluis-continuiteit.age`, 'open-bundle');
    const insufficient = await rejection(
      successor.kluis.continuity.recover({ shares: [second ?? ''], source: { fileToken: token } }),
    );
    expect(insufficient).toMatchObject({
      code: 'SHARES_INSUFFICIENT',
      detail: { have: 1, need: 2 },
    });
    const recover = await successor.kluis.continuity.recover({
      shares: [second ?? '', sheets[2] ?? ''],
      source: { fileToken: grantPath(`${folder}/dossierkluis-continuiteit.age`, 'open-bundle') },
    });
    const recovered = await jobSettled(successor.kluis, recover.jobId);
    if (recovered.kind !== 'recover' || !recovered.result) throw new Error('no report');
    expect(recovered.result).toMatchObject({ kind: 'continuity', totals: { clients: 1 } });
    const imported = await successor.kluis.handover.import({
      inspectionId: recovered.result.inspectionId,
      existing: 'skip',
    });
    expect(await jobSettled(successor.kluis, imported.jobId)).toMatchObject({
      result: { imported: 1 },
    });
  });

  it('keeps the closure letter template in the vault', async () => {
    const a = await vault();
    const initial = await a.kluis.handover.letterTemplate({});
    expect(initial).toMatchObject({ isDefault: true });
    expect(initial.placeholders).toContain('voornaam');
    const saved = await a.kluis.handover.saveLetterTemplate({
      template: 'Beste {{naam}}, tot ziens.',
    });
    expect(saved).toMatchObject({ isDefault: false, template: 'Beste {{naam}}, tot ziens.' });
    expect(await a.kluis.handover.saveLetterTemplate({ template: null })).toMatchObject({
      isDefault: true,
    });
  });
});
