import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import type { KluisClient } from '../../electron/client';
import type { ServiceContext } from '../../electron/services/context';
import type { KitInfo } from '../../electron/services/continuity/plan';
import type { HandoverJob, KitJobResult } from '../../electron/services/handover/api-types';
import { HandoverEngine } from '../../electron/services/handover/engine';
import { newX25519KeyPair } from '../../electron/services/handover/keys';
import { inTransaction } from '../../electron/services/transaction';
import type { VaultSession } from '../../electron/services/vault-session';
import { aClient } from './api-fixture';
import { shareOnSheet } from './pdf-text';

/** Test helpers for handover and continuity: dossiers, the age CLI, zips, crafted bundles. */

export interface TestKey {
  identity: string;
  recipient: string;
  /** An identity file for `age -d -i`, in a test's temp folder. */
  file: string;
}

export function testKey(dir: string): TestKey {
  const pair = newX25519KeyPair();
  const file = join(dir, 'sleutel.txt');
  writeFileSync(file, `# test identity\n${pair.identity}\n`, { mode: 0o600 });
  return { ...pair, file };
}

export function ageCli(args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync('age', args, { maxBuffer: 1024 ** 3 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/**
 * Tests the zip with a standard tool: Info-ZIP's `unzip -t` if present, else Python's
 * zipfile module. Returns the tool used, or null when neither exists here.
 */
export function zipToolTest(path: string): { tool: string; ok: boolean; output: string } | null {
  const unzip = spawnSync('unzip', ['-t', path]);
  if (unzip.error === undefined) {
    return { tool: 'unzip -t', ok: unzip.status === 0, output: unzip.stdout.toString('utf8') };
  }
  const python = spawnSync('python3', ['-m', 'zipfile', '-t', path]);
  if (python.error === undefined) {
    return {
      tool: 'python3 -m zipfile -t',
      ok: python.status === 0,
      output: python.stdout.toString('utf8') + python.stderr.toString('utf8'),
    };
  }
  return null;
}

export interface ZipEntryData {
  name: string;
  data: Buffer;
}

export function unzipAll(zip: Buffer): Promise<ZipEntryData[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, decodeStrings: true }, (error, file) => {
      if (error) return reject(error);
      const entries: ZipEntryData[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            file.readEntry();
          });
          stream.on('error', reject);
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

export function rezip(entries: readonly ZipEntryData[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** Replaces every occurrence of `from` by `to` (same length) in a zip: names yazl refuses to write. */
export function patchBytes(zip: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('patch must keep the length');
  const out = Buffer.from(zip);
  let at = out.indexOf(a);
  let count = 0;
  while (at >= 0) {
    b.copy(out, at);
    count += 1;
    at = out.indexOf(a, at + 1);
  }
  if (count === 0) throw new Error('nothing to patch');
  return out;
}

export async function decryptWith(bundle: Buffer, identity: string): Promise<Buffer> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  return Buffer.from(await decrypter.decrypt(bundle));
}

export async function encryptTo(zip: Buffer, recipient: string): Promise<Buffer> {
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return Buffer.from(await encrypter.encrypt(zip));
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file under `dir` (to `depth`), with its modification time. */
export function listFiles(dir: string, depth = 3): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (folder: string, level: number): void => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      try {
        const stats = statSync(path);
        if (stats.isDirectory()) {
          if (level < depth) walk(path, level + 1);
        } else if (stats.isFile()) {
          files.set(path, stats.mtimeMs);
        }
      } catch {
        // Gone meanwhile (another test's temp file).
      }
    }
  };
  walk(dir, 0);
  return files;
}

/**
 * Files under `dir` whose bytes contain any of `needles` (UTF-8 or UTF-16LE). With
 * `since`, only files that are new or changed compared with that listing: the system
 * temp folder is shared with other test runs.
 */
export function filesContaining(
  dir: string,
  needles: string | readonly string[],
  options: { depth?: number; since?: Map<string, number> } = {},
): string[] {
  const patterns = (typeof needles === 'string' ? [needles] : needles).flatMap((needle) => [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
  ]);
  const hits: string[] = [];
  for (const [path, mtime] of listFiles(dir, options.depth ?? 3)) {
    if (options.since && options.since.get(path) === mtime) continue;
    let data: Buffer;
    try {
      if (statSync(path).size > 512 * 1024 * 1024) continue;
      data = readFileSync(path);
    } catch {
      continue;
    }
    if (patterns.some((p) => data.includes(p))) hits.push(path);
  }
  return hits;
}

export const systemTemp = tmpdir();

/** A dossier with every kind of record the vault keeps, entered through the API. */
export async function fullDossier(
  kluis: KluisClient,
  options: { firstName?: string; lastName?: string; ended?: boolean } = {},
): Promise<string> {
  const client = await kluis.clients.create({
    ...aClient,
    firstName: options.firstName ?? 'Zoë',
    lastName: options.lastName ?? 'Brouwer-Çelik',
    isMinor: false,
    status: 'active',
    notes: 'Verwezen door de huisarts. Voorkeur voor ochtendafspraken.',
  });
  const clientId = client.id;
  const signed = await kluis.attachments.add({
    clientId,
    sessionId: null,
    name: 'overeenkomst getekend.pdf',
    mediaType: 'application/pdf',
    contentBase64: Buffer.from(`%PDF-1.4 ondertekend door ${client.firstName}`).toString('base64'),
  });
  await kluis.people.create({ clientId, name: 'Joost', relation: 'partner', notes: 'Steunend.' });
  await kluis.contract.save({
    clientId,
    startOn: '2026-09-01',
    plannedDuration: '3 maanden',
    plannedSessions: 8,
    goals: 'Grenzen stellen op het werk; zelfvertrouwen.',
    fees: '€ 95 per sessie',
    paymentTerms: '14 dagen',
    logistics: 'Praktijk Utrecht, dinsdagochtend',
    confidentialityTerms: 'Zie vertrouwelijkheidsafspraak',
    sponsorReporting: 'Alleen aanwezigheid',
    codeGivenOn: '2026-09-01',
    complaintsProcedureOn: '2026-09-01',
    supervisionConsentOn: '2026-09-01',
    signedOn: '2026-09-02',
    signedCopyId: signed.id,
  });
  await kluis.confidentiality.save({
    clientId,
    agreedOn: '2026-09-01',
    agreedWith: 'cliënt',
    legalDuty: true,
    illegalActivity: false,
    dangerSelf: true,
    dangerOthers: true,
    otherException: 'Overleg met de bedrijfsarts alleen na toestemming.',
    notes: '',
  });
  await kluis.guardians.create({
    clientId,
    name: 'Mevr. Öztürk',
    relation: 'mentor',
    email: 'mentor@example.nl',
    phone: '',
    shared: 'Voortgang in grote lijnen',
    notShared: 'Inhoud van gesprekken',
    consentOn: '2026-09-01',
    reviewOn: '2027-03-01',
  });
  await kluis.disclosures.create({
    clientId,
    disclosedOn: '2026-10-15',
    recipient: 'Huisarts',
    legalBasis: 'Gevaar voor zichzelf (art. 2.14)',
    whatShared: 'Zorgen over slaap en somberheid',
    clientInformedOn: '2026-10-15',
    notes: '',
  });
  const first = await kluis.sessions.create({
    clientId,
    startsAt: '2026-09-08T09:30:00+02:00',
    durationMinutes: 60,
    form: 'in-person',
    notes:
      '## Intake\nCliënt vertelt over de reorganisatie; ideeën over grenzen. Ş en ğ in een naam, en een ł.',
    reflection: 'Ik merk bij mezelf de neiging om te snel oplossingen te geven.',
    tags: ['intake', 'werkdruk'],
  });
  await kluis.sessions.create({
    clientId,
    startsAt: '2026-09-22T09:30:00+02:00',
    durationMinutes: 75,
    form: 'walking',
    notes: 'Wandeling langs de Vecht. Eerste stappen gezet: nee gezegd tegen overwerk.',
    reflection: '',
    tags: [],
  });
  await kluis.attachments.add({
    clientId,
    sessionId: first.id,
    name: 'werkblad kernkwadrant.txt',
    mediaType: 'text/plain',
    contentBase64: Buffer.from('Kernkwaliteit: zorgzaam\nValkuil: betuttelend\n').toString(
      'base64',
    ),
  });
  await kluis.conflicts.create({
    clientId,
    description: 'Cliënt is collega van een andere cliënt.',
    identifiedOn: '2026-09-08',
    discussedOn: '2026-09-08',
    resolution: 'Besproken, geen bezwaar.',
    resolvedOn: '2026-09-08',
  });
  await kluis.referrals.create({
    clientId,
    referredOn: '2026-10-20',
    referredTo: 'POH-GGZ',
    reason: 'Slaapproblemen',
    clientAgreed: true,
    notes: '',
  });
  await kluis.feedback.create({
    clientId,
    receivedOn: '2026-10-30',
    source: 'client',
    summary: 'Waardeert de wandelsessies.',
    actions: '',
  });
  if (options.ended) {
    await kluis.ending.save({
      clientId,
      endedOn: '2026-11-01',
      initiatedBy: 'mutual',
      reason: 'Doelen bereikt',
      summary: 'Traject afgerond.',
      retentionUntil: null,
    });
    await kluis.followUps.create({
      clientId,
      description: 'Terugkoppeling aan opdrachtgever sturen',
      dueOn: '2026-12-01',
      doneOn: null,
    });
  }
  return clientId;
}

/** Runs engine calls as a data call of the dispatcher would: one transaction, a context. */
export function withEngine<T>(
  api: { session: VaultSession },
  work: (engine: HandoverEngine, ctx: ServiceContext) => T,
  now: Date = new Date('2026-11-23T10:00:00+01:00'),
): T {
  return inTransaction(
    api.session.db,
    api.session.dir,
    () => now,
    (ctx) => work(HandoverEngine.for(ctx), ctx),
  );
}

/** Waits for a job and fails the test with its error code when it did not finish. */
export async function finished(engine: HandoverEngine, jobId: string): Promise<HandoverJob> {
  const job = await engine.settleJob(jobId);
  if (job.state !== 'done') {
    throw new Error(`job ${job.kind} ${job.state}: ${JSON.stringify(job.error)}`);
  }
  return job;
}

/** Fetches a job's file in chunks, as the UI does. */
export function downloadAll(engine: HandoverEngine, jobId: string, chunk = 64 * 1024): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; ; ) {
    const part = engine.download(jobId, offset, chunk);
    parts.push(Buffer.from(part.chunkBase64, 'base64'));
    offset += part.length;
    if (part.done) break;
  }
  return Buffer.concat(parts);
}

/** Polls a job through the contract, as the UI does, until it no longer runs. */
export async function jobSettled(kluis: KluisClient, jobId: string): Promise<HandoverJob> {
  for (let i = 0; i < 6_000; i += 1) {
    const job = await kluis.handover.progress({ jobId });
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('job did not finish');
}

/** Fetches a job's file through the contract in chunks, as the UI does. */
export async function downloadJob(
  kluis: KluisClient,
  jobId: string,
  chunk = 64 * 1024,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0; ; ) {
    const part = await kluis.handover.download({ jobId, offset, length: chunk });
    parts.push(Buffer.from(part.chunkBase64, 'base64'));
    offset += part.length;
    if (part.done) return Buffer.concat(parts);
  }
}

/** The vault's files (not the engine's work folder), to prove an operation wrote nothing. */
export function vaultFingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = sha256(readFileSync(path));
  }
  return out;
}

export interface HandedOutKit {
  kit: KitInfo;
  refreshJobId: string | null;
  /** Each keeper's sheet, as its own PDF. */
  sheets: Buffer[];
  /** The code on each sheet, read back from the PDF as a keeper would type it. */
  shares: string[];
}

/**
 * Issues a kit and makes every keeper's sheet one by one, as the coach does; the shares
 * come off the sheets themselves. With `finish` (the default) the hand-out then ends.
 */
export async function handOutKit(
  api: { session: VaultSession },
  threshold: number,
  options: { finish?: boolean } = {},
): Promise<HandedOutKit> {
  const engine = withEngine(api, (e) => e);
  const issued = withEngine(api, (e, ctx) => e.startIssueKit(ctx, { threshold }));
  const result = (await finished(engine, issued.jobId)).result as KitJobResult;
  const sheets: Buffer[] = [];
  for (const keeper of result.kit.keepers) {
    const job = withEngine(api, (e, ctx) =>
      e.startKeeperSheet(ctx, { kitId: result.kit.kitId, keeper: keeper.number }),
    );
    await finished(engine, job.jobId);
    sheets.push(downloadAll(engine, job.jobId));
  }
  if (options.finish ?? true) {
    withEngine(api, (e, ctx) => e.finishHandout(ctx, { kitId: result.kit.kitId }));
  }
  return {
    kit: result.kit,
    refreshJobId: result.refreshJobId,
    sheets,
    shares: sheets.map(shareOnSheet),
  };
}
