import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { openTestApi, type TestApi } from '../support/api-fixture';
import {
  decryptWith,
  downloadAll,
  encryptTo,
  finished,
  fullDossier,
  patchBytes,
  rezip,
  type TestKey,
  testKey,
  unzipAll,
  vaultFingerprint,
  withEngine,
  type ZipEntryData,
} from '../support/handover-fixture';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * Every way a bundle can be wrong is refused with its own typed error, before anything
 * is written: the successor's vault is byte-identical afterwards.
 */

let source: TestApi;
let target: TestApi;
let engine: HandoverEngine;
let sourceEngine: HandoverEngine;
let key: TestKey;
let vaultKey: string;
let goodZip: Buffer;
let entries: ZipEntryData[];

beforeAll(async () => {
  source = await openTestApi();
  target = await openTestApi();
  sourceEngine = attachHandover(source.session);
  engine = attachHandover(target.session);
  await fullDossier(source.kluis, { ended: true });
  await fullDossier(source.kluis, { firstName: 'Sem', lastName: 'Jansen' });
  key = testKey(tempDir());
  vaultKey = withEngine(target, (e, ctx) => e.key(ctx)).recipient;
  const { jobId } = withEngine(source, (e, ctx) =>
    e.startExport(ctx, {
      clients: { kind: 'all' },
      reason: 'transfer',
      to: 'Opvolger',
      recipient: { kind: 'key', recipient: key.recipient },
      output: { download: true },
    }),
  );
  await finished(sourceEngine, jobId);
  goodZip = await decryptWith(downloadAll(sourceEngine, jobId), key.identity);
  entries = await unzipAll(goodZip);
});

afterAll(() => {
  engine.dispose();
  sourceEngine.dispose();
  source.session.lock('quit');
  target.session.lock('quit');
  removeTempDirs();
});

async function refused(
  bundle: Buffer | { path: string },
): Promise<{ code: string; detail: Record<string, string | number> }> {
  const before = vaultFingerprint(target.dir);
  let path: string;
  if (Buffer.isBuffer(bundle)) {
    path = join(tempDir(), 'bundel.age');
    writeFileSync(path, bundle);
  } else {
    path = bundle.path;
  }
  const inspect = withEngine(target, (e, ctx) =>
    e.startInspect(ctx, {
      source: { fileToken: grantPath(path, 'open-bundle') },
      key: { kind: 'vault' },
    }),
  );
  const job = await engine.settleJob(inspect.jobId);
  expect(job.state).toBe('failed');
  expect(vaultFingerprint(target.dir)).toEqual(before);
  expect((await target.kluis.clients.list({})).length).toBe(0);
  return job.error ?? { code: 'none', detail: {} };
}

function manifestOf(
  list: readonly ZipEntryData[],
): Record<string, unknown> & { files: { path: string; sha256: string; size: number }[] } {
  return JSON.parse(list.find((e) => e.name === 'manifest.json')?.data.toString('utf8') ?? '{}');
}

function withManifest(list: readonly ZipEntryData[], manifest: unknown): ZipEntryData[] {
  return list.map((e) =>
    e.name === 'manifest.json' ? { name: e.name, data: Buffer.from(JSON.stringify(manifest)) } : e,
  );
}

describe('bad bundles', () => {
  it('accepts the unmodified bundle re-encrypted to the vault (the control)', async () => {
    const path = join(tempDir(), 'ok.age');
    writeFileSync(path, await encryptTo(await rezip(entries), vaultKey));
    const inspect = withEngine(target, (e, ctx) =>
      e.startInspect(ctx, {
        source: { fileToken: grantPath(path, 'open-bundle') },
        key: { kind: 'vault' },
      }),
    );
    const job = await finished(engine, inspect.jobId);
    if (job.result && 'inspectionId' in job.result) {
      withEngine(target, (e) =>
        e.discardInspection((job.result as { inspectionId: string }).inspectionId),
      );
    }
    expect(job.result).toMatchObject({ totals: { clients: 2 } });
  });

  it('holds at most three bundles open, counting those still being opened', async () => {
    const path = join(tempDir(), 'ok.age');
    writeFileSync(path, await encryptTo(await rezip(entries), vaultKey));
    const start = () =>
      withEngine(target, (e, ctx) =>
        e.startInspect(ctx, {
          source: { fileToken: grantPath(path, 'open-bundle') },
          key: { kind: 'vault' },
        }),
      );
    const jobs = [start(), start(), start()];
    expect(start).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    for (const { jobId } of jobs) {
      const job = await finished(engine, jobId);
      const inspectionId = (job.result as { inspectionId: string }).inspectionId;
      withEngine(target, (e) => e.discardInspection(inspectionId));
    }
    const again = start();
    const job = await finished(engine, again.jobId);
    withEngine(target, (e) =>
      e.discardInspection((job.result as { inspectionId: string }).inspectionId),
    );
  });

  it('refuses a flipped byte', async () => {
    const bundle = await encryptTo(goodZip, vaultKey);
    const at = Math.floor(bundle.length / 2);
    bundle[at] = (bundle[at] ?? 0) ^ 0x01;
    expect(await refused(bundle)).toMatchObject({ code: 'BUNDLE_DAMAGED' });
  });

  it('refuses a truncated bundle', async () => {
    const bundle = await encryptTo(goodZip, vaultKey);
    expect(await refused(bundle.subarray(0, bundle.length - 100))).toMatchObject({
      code: 'BUNDLE_DAMAGED',
    });
    expect(await refused(bundle.subarray(0, 40))).toMatchObject({ code: 'BUNDLE_DAMAGED' });
  });

  it('refuses a bundle for another recipient', async () => {
    expect(await refused(await encryptTo(goodZip, key.recipient))).toMatchObject({
      code: 'BUNDLE_WRONG_KEY',
    });
  });

  it('refuses something that is not an age file', async () => {
    expect(await refused(goodZip)).toMatchObject({
      code: 'BUNDLE_DAMAGED',
      detail: { reason: 'not-age' },
    });
  });

  it('refuses another format version, naming it', async () => {
    const manifest = { ...manifestOf(entries), formatVersion: 2 };
    const bundle = await encryptTo(await rezip(withManifest(entries, manifest)), vaultKey);
    expect(await refused(bundle)).toMatchObject({
      code: 'BUNDLE_UNSUPPORTED',
      detail: { reason: 'version', formatVersion: 2, supported: 1 },
    });
  });

  it('refuses zip-slip entries: parent paths, absolute paths, backslashes', async () => {
    for (const [placeholder, evil, reason] of [
      ['AAAAAAAAAAAAAAAAAAAA', '../../../../evil.txt', 'parent-path'],
      ['BBBBBBBBBBBBBBBBBBBB', '/tmp/evil-absolute12', 'absolute-path'],
      ['CCCCCCCCCCCCCCCCCCCC', 'clients\\..\\evil1.txt', 'backslash'],
    ] as const) {
      const zip = await rezip([...entries, { name: placeholder, data: Buffer.from('boo') }]);
      const bundle = await encryptTo(patchBytes(zip, placeholder, evil), vaultKey);
      expect(await refused(bundle)).toMatchObject({ code: 'BUNDLE_UNSAFE', detail: { reason } });
    }
  });

  it('refuses duplicate entries (also those that differ only in case)', async () => {
    const json = entries.find((e) => e.name.endsWith('dossier.json'));
    if (!json) throw new Error('no dossier');
    const twice = await encryptTo(await rezip([...entries, json]), vaultKey);
    expect(await refused(twice)).toMatchObject({
      code: 'BUNDLE_UNSAFE',
      detail: { reason: 'duplicate' },
    });
    const upper = { name: json.name.replace('dossier.json', 'DOSSIER.json'), data: json.data };
    const cased = await encryptTo(await rezip([...entries, upper]), vaultKey);
    expect(await refused(cased)).toMatchObject({
      code: 'BUNDLE_UNSAFE',
      detail: { reason: 'duplicate' },
    });
  });

  it('refuses entries outside the format', async () => {
    const bundle = await encryptTo(
      await rezip([...entries, { name: 'clients/extra.sh', data: Buffer.from('#!/bin/sh') }]),
      vaultKey,
    );
    expect(await refused(bundle)).toMatchObject({
      code: 'BUNDLE_UNSAFE',
      detail: { reason: 'unexpected-entry' },
    });
  });

  it('refuses a file whose hash differs from the manifest', async () => {
    const manifest = manifestOf(entries);
    const first = manifest.files.find((f) => f.path.endsWith('dossier.pdf'));
    if (!first) throw new Error('no pdf');
    first.sha256 = '0'.repeat(64);
    const bundle = await encryptTo(await rezip(withManifest(entries, manifest)), vaultKey);
    expect(await refused(bundle)).toMatchObject({
      code: 'BUNDLE_MISMATCH',
      detail: { reason: 'hash' },
    });
  });

  it('refuses a changed file, a missing file and an unlisted file', async () => {
    const changed = entries.map((e) =>
      e.name.endsWith('.txt') && e.name.includes('attachments')
        ? { name: e.name, data: Buffer.concat([e.data, Buffer.from('!')]) }
        : e,
    );
    expect(await refused(await encryptTo(await rezip(changed), vaultKey))).toMatchObject({
      code: 'BUNDLE_MISMATCH',
      detail: { reason: 'size' },
    });
    const missing = entries.filter((e) => !e.name.endsWith('dossier.pdf'));
    expect(await refused(await encryptTo(await rezip(missing), vaultKey))).toMatchObject({
      code: 'BUNDLE_MISMATCH',
      detail: { reason: 'missing' },
    });
    const json = entries.find((e) => e.name.endsWith('dossier.json'));
    const extra = {
      name: json?.name.replace('dossier.json', 'kennisgeving.txt') ?? '',
      data: Buffer.from('x'),
    };
    expect(
      await refused(await encryptTo(await rezip([...entries, extra]), vaultKey)),
    ).toMatchObject({
      code: 'BUNDLE_MISMATCH',
      detail: { reason: 'unlisted' },
    });
  });

  it('refuses a dossier.json that is not the dossier schema, even with matching hashes', async () => {
    const json = entries.find((e) => e.name.endsWith('dossier.json'));
    if (!json) throw new Error('no dossier');
    const dossier = JSON.parse(json.data.toString('utf8'));
    dossier.sessions[0].form = 'teleportation';
    const data = Buffer.from(JSON.stringify(dossier));
    const list = entries.map((e) => (e.name === json.name ? { name: e.name, data } : e));
    const manifest = manifestOf(list);
    const listed = manifest.files.find((f) => f.path === json.name);
    if (!listed) throw new Error('not listed');
    listed.size = data.length;
    listed.sha256 = (await import('../support/handover-fixture')).sha256(data);
    const bundle = await encryptTo(await rezip(withManifest(list, manifest)), vaultKey);
    expect(await refused(bundle)).toMatchObject({
      code: 'BUNDLE_DAMAGED',
      detail: { reason: 'dossier' },
    });
  });

  it('refuses entries that share bytes (the overlapping-entries zip bomb)', async () => {
    const zip = await rezip(entries);
    const offsets = new Map<string, number>();
    walkCentralDirectory(zip, (name, at) => {
      offsets.set(name, zip.readUInt32LE(at + 42));
    });
    // README.txt's directory record now points at LEESMIJ.txt's bytes.
    walkCentralDirectory(zip, (name, at) => {
      if (name === 'README.txt') zip.writeUInt32LE(offsets.get('LEESMIJ.txt') ?? 0, at + 42);
    });
    expect(await refused(await encryptTo(zip, vaultKey))).toMatchObject({
      code: 'BUNDLE_UNSAFE',
      detail: { reason: 'overlap' },
    });
  });

  it('refuses 10 GB claims without reading them: in the manifest, in the zip, and a 10 GB file', async () => {
    const tenGiB = 10 * 1024 ** 3;
    const manifest = manifestOf(entries);
    const pdf = manifest.files.find((f) => f.path.endsWith('dossier.pdf'));
    if (!pdf) throw new Error('no pdf');
    pdf.size = tenGiB;
    const claimed = await encryptTo(await rezip(withManifest(entries, manifest)), vaultKey);
    expect(await refused(claimed)).toMatchObject({
      code: 'TOO_LARGE',
      detail: { what: 'dossier-pdf' },
    });

    // A zip64 directory entry claiming 10 GB for a small compressed entry: a zip bomb.
    const bomb = await zip64Claiming(entries, tenGiB);
    expect(await refused(await encryptTo(bomb, vaultKey))).toMatchObject({ code: 'TOO_LARGE' });

    // A 10 GB file (sparse): refused from its size, never read.
    const path = join(tempDir(), 'huge.age');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, tenGiB);
    closeSync(fd);
    expect(await refused({ path })).toMatchObject({
      code: 'TOO_LARGE',
      detail: { what: 'bundle' },
    });
    expect(() => engine.uploadBegin(tenGiB)).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE' }),
    );
  });
});

/** Calls `visit` with each central directory record's name and offset. */
function walkCentralDirectory(zip: Buffer, visit: (name: string, at: number) => void): void {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  while (zip.readUInt32LE(at) === 0x02014b50) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    visit(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'), at);
    at += 46 + nameLength + extraLength + commentLength;
  }
}

/** The good entries plus `clients/<id>/dossier.pdf` stored as zip64 whose directory claims `size`. */
async function zip64Claiming(list: readonly ZipEntryData[], size: number): Promise<Buffer> {
  const zip = new ZipFile();
  const victim = list.find((e) => e.name.endsWith('dossier.pdf'));
  if (!victim) throw new Error('no pdf');
  for (const entry of list) {
    zip.addBuffer(entry.data, entry.name, {
      compress: true,
      ...(entry === victim ? { forceZip64Format: true } : {}),
    });
  }
  zip.end();
  const bytes = await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
  // Walk the central directory to the victim's zip64 extra field: [size 8][compressed 8]…
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(eocd + 16);
  for (;;) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('entry not found');
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (name === victim.name) {
      let extra = at + 46 + nameLength;
      const end = extra + extraLength;
      while (extra < end) {
        const id = bytes.readUInt16LE(extra);
        const length = bytes.readUInt16LE(extra + 2);
        if (id === 0x0001) {
          bytes.writeBigUInt64LE(BigInt(size), extra + 4);
          return bytes;
        }
        extra += 4 + length;
      }
      throw new Error('no zip64 field');
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
}
