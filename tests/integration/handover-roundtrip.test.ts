import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenedBundle } from '../../electron/services/handover/bundle-reader';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { LIMITS, type Limits } from '../../electron/services/handover/limits';
import { openTestApi, type TestApi } from '../support/api-fixture';
import {
  ageCli,
  downloadAll,
  filesContaining,
  finished,
  fullDossier,
  listFiles,
  sha256,
  systemTemp,
  testKey,
  unzipAll,
  withEngine,
  zipToolTest,
} from '../support/handover-fixture';
import { PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

const opened: TestApi[] = [];
const engines: HandoverEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
  for (const api of opened.splice(0))
    if (api.session.state === 'unlocked') api.session.lock('quit');
  removeTempDirs();
});

async function vault(
  options: { limits?: Limits } = {},
): Promise<TestApi & { engine: HandoverEngine }> {
  const api = await openTestApi();
  opened.push(api);
  const engine = attachHandover(api.session, {
    now: () => new Date('2026-11-23T10:00:00+01:00'),
    ...options,
  });
  engines.push(engine);
  await api.kluis.practice.update({
    coachName: 'Marloes de Vries',
    organisation: 'Praktijk Lichtpunt',
    email: 'marloes@lichtpunt.example',
    phone: '030-1234567',
  });
  return Object.assign(api, { engine });
}

describe('handover bundle round trip', () => {
  it('decrypts with Debian age, unzips with a standard tool, and every manifest hash matches', async () => {
    const a = await vault();
    await fullDossier(a.kluis, { ended: true });
    await fullDossier(a.kluis, { firstName: 'Daniël', lastName: 'Smits' });
    const out = tempDir();
    const tempBefore = listFiles(systemTemp, 1);
    const key = testKey(out);
    const target = join(out, 'overdracht.age');
    const { jobId } = withEngine(a, (engine, ctx) =>
      engine.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'closure',
        to: 'Praktijk De Opvolger',
        recipient: { kind: 'key', recipient: key.recipient },
        output: { fileToken: grantPath(target, 'save-bundle') },
      }),
    );
    const job = await finished(a.engine, jobId);
    expect(job.result).toMatchObject({ clients: 2, unencrypted: false, savedTo: 'chosen-file' });

    // Debian's age (Go) decrypts it with an identity file.
    const zipPath = join(out, 'overdracht.zip');
    const decrypted = ageCli(['-d', '-i', key.file, '-o', zipPath, target]);
    expect(decrypted.stderr).toBe('');
    expect(decrypted.status).toBe(0);

    const tool = zipToolTest(zipPath);
    if (tool) expect(tool.ok, `${tool.tool}: ${tool.output}`).toBe(true);

    const entries = await unzipAll(readFileSync(zipPath));
    const names = entries.map((e) => e.name);
    const manifest = JSON.parse(
      entries.find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '{}',
    ) as {
      format: string;
      formatVersion: number;
      files: { path: string; sha256: string; size: number }[];
      clients: { id: string }[];
    };
    expect(manifest.format).toBe('dossierkluis-handover');
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.clients).toHaveLength(2);
    // Every other file is listed, with its hash and size; nothing listed is missing.
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      names.filter((n) => n !== 'manifest.json').sort(),
    );
    for (const file of manifest.files) {
      const data = entries.find((e) => e.name === file.path)?.data ?? Buffer.alloc(0);
      expect(sha256(data), file.path).toBe(file.sha256);
      expect(data.length).toBe(file.size);
    }
    expect(names).toEqual(
      expect.arrayContaining(['LEESMIJ.txt', 'README.txt', 'bewaartermijnen.txt']),
    );
    for (const client of manifest.clients) {
      expect(names).toEqual(
        expect.arrayContaining([
          `clients/${client.id}/dossier.json`,
          `clients/${client.id}/dossier.pdf`,
          `clients/${client.id}/kennisgeving.txt`,
        ]),
      );
      const pdf = entries.find((e) => e.name === `clients/${client.id}/dossier.pdf`)?.data;
      expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const letter = entries.find((e) => e.name.endsWith('kennisgeving.txt'))?.data.toString('utf8');
    expect(letter).toContain('Praktijk De Opvolger');
    expect(letter).not.toMatch(/\{\{/);

    // Nothing confidential in plaintext on disk: not beside the bundle, not in the temp folder.
    expect(filesContaining(out, 'Brouwer-Çelik').filter((p) => !p.endsWith('.zip'))).toEqual([]);
    expect(
      filesContaining(systemTemp, 'Brouwer-Çelik', { depth: 1, since: tempBefore }).filter(
        (p) => !p.startsWith(out),
      ),
    ).toEqual([]);
    expect(readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('imports into a second vault with every record and document equal', async () => {
    const a = await vault();
    const b = await vault();
    const ids = [
      await fullDossier(a.kluis, { ended: true }),
      await fullDossier(a.kluis, { firstName: 'Daniël', lastName: 'Smits' }),
    ];
    const recipient = withEngine(b, (engine, ctx) => engine.key(ctx)).recipient;
    expect(recipient).toMatch(/^age1[02-9ac-hj-np-z]{58}$/);

    const { jobId } = withEngine(a, (engine, ctx) =>
      engine.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'transfer',
        to: 'Opvolger',
        recipient: { kind: 'key', recipient },
        output: { download: true },
      }),
    );
    await finished(a.engine, jobId);
    const bundle = downloadAll(a.engine, jobId);

    // The successor uploads it in chunks, as the browser UI does.
    const { uploadId, chunkBytes } = b.engine.uploadBegin(bundle.length);
    for (let offset = 0; offset < bundle.length; offset += chunkBytes) {
      b.engine.uploadChunk(
        uploadId,
        offset,
        bundle.subarray(offset, offset + chunkBytes).toString('base64'),
      );
    }
    const inspect = withEngine(b, (engine, ctx) =>
      engine.startInspect(ctx, { source: { uploadId }, key: { kind: 'vault' } }),
    );
    const report = (await finished(b.engine, inspect.jobId)).result;
    if (!report || !('inspectionId' in report)) throw new Error('no inspection');
    expect(report.clients.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(report.clients.every((c) => c.defaultAction === 'import')).toBe(true);
    expect(report.totals).toMatchObject({ clients: 2, sessions: 4, attachments: 4, conflicts: 0 });

    const imported = withEngine(b, (engine, ctx) =>
      engine.startImport(ctx, { inspectionId: report.inspectionId, existing: 'skip' }),
    );
    const result = (await finished(b.engine, imported.jobId)).result;
    expect(result).toMatchObject({ imported: 2, renumbered: 0, skipped: 0 });

    for (const id of ids) {
      const original = await a.kluis.clients.get({ id });
      const copy = await b.kluis.clients.get({ id });
      expect(copy).toEqual(original);
      for (const session of original.sessions) {
        expect(await b.kluis.sessions.get({ id: session.id })).toEqual(
          await a.kluis.sessions.get({ id: session.id }),
        );
      }
      for (const attachment of original.attachments) {
        expect(await b.kluis.attachments.content({ id: attachment.id })).toEqual(
          await a.kluis.attachments.content({ id: attachment.id }),
        );
      }
    }
    // Notes are searchable in the new vault (the full-text index was fed).
    expect((await b.kluis.sessions.search({ query: 'reorganisatie' })).length).toBe(2);

    // Audit: the export and the import, by pseudonym and numbers only.
    const auditA = await a.kluis.audit.list({ limit: 20 });
    expect(auditA.map((e) => e.action)).toContain('handover.exported');
    const auditB = await b.kluis.audit.list({ limit: 20 });
    expect(auditB.map((e) => e.action)).toEqual(
      expect.arrayContaining(['handover.imported', 'handover.client-imported']),
    );
    const text = JSON.stringify([...auditA, ...auditB]);
    expect(text).not.toContain('Brouwer');
    expect(text).not.toContain('reorganisatie');
    expect((await b.kluis.audit.verify({})).ok).toBe(true);
  });

  it('reads a bundle larger than the tail it keeps in memory, in forward passes', async () => {
    const a = await vault();
    // Keep 64 KiB of the decrypted end in memory: every entry is read through the
    // decrypting cursor, and the import restarts it once.
    const b = await vault({ limits: { ...LIMITS, tailBytes: 64 * 1024 } });
    const id = await fullDossier(a.kluis);
    for (let i = 0; i < 3; i += 1) {
      await a.kluis.attachments.add({
        clientId: id,
        sessionId: null,
        name: `scan-${i}.bin`,
        mediaType: 'application/octet-stream',
        contentBase64: randomBytes(700 * 1024).toString('base64'),
      });
    }
    const recipient = withEngine(b, (engine, ctx) => engine.key(ctx)).recipient;
    const { jobId } = withEngine(a, (engine, ctx) =>
      engine.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'transfer',
        to: 'Opvolger',
        recipient: { kind: 'key', recipient },
        output: { download: true },
      }),
    );
    await finished(a.engine, jobId);
    const path = join(tempDir(), 'groot.age');
    writeFileSync(path, downloadAll(a.engine, jobId));
    const { identity } = b.session.db.prepare('SELECT identity FROM handover_keys').get() as {
      identity: string;
    };
    for (const [tailBytes, passes] of [
      [64 * 1024, 3],
      [1024, 5],
    ] as const) {
      const bundle = await OpenedBundle.open(
        { path },
        { kind: 'identity', identity },
        { ...LIMITS, tailBytes },
      );
      await bundle.read(
        () => 'hash',
        () => undefined,
      );
      await bundle.read(
        () => 'hash',
        () => undefined,
      );
      expect(bundle.decryptionPasses, `tail ${tailBytes}`).toBe(passes);
      await bundle.close();
    }
    const inspect = withEngine(b, (engine, ctx) =>
      engine.startInspect(ctx, {
        source: { fileToken: grantPath(path, 'open-bundle') },
        key: { kind: 'vault' },
      }),
    );
    const report = (await finished(b.engine, inspect.jobId)).result;
    if (!report || !('inspectionId' in report)) throw new Error('no inspection');
    const imported = withEngine(b, (engine, ctx) =>
      engine.startImport(ctx, { inspectionId: report.inspectionId, existing: 'skip' }),
    );
    expect((await finished(b.engine, imported.jobId)).result).toMatchObject({ imported: 1 });
    const original = await a.kluis.clients.get({ id });
    expect(await b.kluis.clients.get({ id })).toEqual(original);
    for (const attachment of original.attachments) {
      expect(await b.kluis.attachments.content({ id: attachment.id })).toEqual(
        await a.kluis.attachments.content({ id: attachment.id }),
      );
    }
  });

  it('imports a client that is already there only with new ids, or skips it', async () => {
    const a = await vault();
    const b = await vault();
    const id = await fullDossier(a.kluis);
    const recipient = withEngine(b, (engine, ctx) => engine.key(ctx)).recipient;
    const exportOnce = async (): Promise<Buffer> => {
      const { jobId } = withEngine(a, (engine, ctx) =>
        engine.startExport(ctx, {
          clients: { kind: 'selected', ids: [id] },
          reason: 'client-move',
          to: 'Collega',
          recipient: { kind: 'key', recipient },
          output: { download: true },
        }),
      );
      await finished(a.engine, jobId);
      return downloadAll(a.engine, jobId);
    };
    const importWith = async (bundle: Buffer, existing: 'skip' | 'new') => {
      const path = join(tempDir(), 'in.age');
      writeFileSync(path, bundle);
      const inspect = withEngine(b, (engine, ctx) =>
        engine.startInspect(ctx, {
          source: { fileToken: grantPath(path, 'open-bundle') },
          key: { kind: 'vault' },
        }),
      );
      const report = (await finished(b.engine, inspect.jobId)).result;
      if (!report || !('inspectionId' in report)) throw new Error('no inspection');
      const job = withEngine(b, (engine, ctx) =>
        engine.startImport(ctx, { inspectionId: report.inspectionId, existing }),
      );
      return { report, result: (await finished(b.engine, job.jobId)).result };
    };
    const bundle = await exportOnce();
    await importWith(bundle, 'skip');
    const second = await importWith(bundle, 'skip');
    expect(second.report.clients[0]?.existing).not.toBeNull();
    expect(second.report.clients[0]?.defaultAction).toBe('skip');
    expect(second.result).toMatchObject({ imported: 0, skipped: 1 });
    const third = await importWith(bundle, 'new');
    expect(third.result).toMatchObject({ renumbered: 1 });
    const list = await b.kluis.clients.list({});
    expect(list).toHaveLength(2);
    const copy = list.find((c) => c.id !== id);
    expect(copy?.pseudonym).not.toBe(list.find((c) => c.id === id)?.pseudonym);
    const renumbered = await b.kluis.clients.get({ id: copy?.id ?? '' });
    const original = await b.kluis.clients.get({ id });
    expect(renumbered.sessions.map((s) => s.id)).not.toEqual(original.sessions.map((s) => s.id));
    expect(renumbered.sessions.map((s) => s.preview)).toEqual(
      original.sessions.map((s) => s.preview),
    );
    expect(renumbered.contract?.signedCopyId).toBe(
      renumbered.attachments.find((x) => x.name === 'overeenkomst getekend.pdf')?.id,
    );
  });

  it('passphrase bundles: age scrypt, decrypted in-process (age reads passphrases only from a terminal)', async () => {
    const a = await vault();
    await fullDossier(a.kluis);
    const { jobId } = withEngine(a, (engine, ctx) =>
      engine.startExport(ctx, {
        clients: { kind: 'all' },
        reason: 'transfer',
        to: 'Opvolger',
        recipient: { kind: 'passphrase', passphrase: PASSPHRASE },
        output: { download: true },
      }),
    );
    await finished(a.engine, jobId);
    const bundle = downloadAll(a.engine, jobId);
    // The header is age's scrypt recipient stanza, as `age -p` writes it.
    expect(bundle.subarray(0, 200).toString('latin1')).toMatch(
      /^age-encryption\.org\/v1\n-> scrypt \S+ 18\n/,
    );
    const decrypter = new Decrypter();
    decrypter.addPassphrase(PASSPHRASE);
    const zip = Buffer.from(await decrypter.decrypt(bundle));
    const names = (await unzipAll(zip)).map((e) => e.name);
    expect(names).toContain('manifest.json');
    // A weak passphrase is refused before anything is written.
    expect(() =>
      withEngine(a, (engine, ctx) =>
        engine.startExport(ctx, {
          clients: { kind: 'all' },
          reason: 'transfer',
          to: '',
          recipient: { kind: 'passphrase', passphrase: 'Welkom12345!' },
          output: { download: true },
        }),
      ),
    ).toThrow(expect.objectContaining({ code: 'WEAK_PASSPHRASE' }));
  });
});
