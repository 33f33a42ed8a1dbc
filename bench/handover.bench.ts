/**
 * Handover benchmark: export of the 1,000-client synthetic practice as an encrypted
 * bundle (seconds, MB/s, peak RSS), compared in the same run with Debian's `age` (Go)
 * encrypting the same zip; then the import of that bundle into a second vault, and the
 * lock-time snapshot the continuity bundle needs. Prints a table; not a test.
 *
 * The plaintext zip for the comparison is written to a throwaway folder of this run
 * only: the data is synthetic. The app itself never writes a plaintext zip.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createKluisClient } from '../electron/client';
import { createDispatcher } from '../electron/dispatcher';
import { encryptStream } from '../electron/services/handover/age-io';
import type { InspectJobResult } from '../electron/services/handover/api-types';
import {
  liveSource,
  selectClients,
  snapshotSource,
} from '../electron/services/handover/dossier-read';
import { attachHandover, type HandoverEngine } from '../electron/services/handover/engine';
import { writeBundle } from '../electron/services/handover/export';
import { grantPath } from '../electron/services/handover/file-grants';
import { inTransaction } from '../electron/services/transaction';
import { VaultSession } from '../electron/services/vault-session';
import { generatePractice, PRACTICE_NOW } from './practice-generator';
import { printTable } from './table';

const PASSPHRASE = 'bench paarse olifant danst op het dak';
const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 } } as const;
const TARGET_RATIO = 2;

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const rate = (bytes: number, ms: number): string =>
  `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(1)} MiB/s`;

interface Measured<T> {
  value: T;
  ms: number;
  peakRss: number;
  baseRss: number;
  /** The longest the event loop was held (what the UI would feel), and its p99. */
  maxLagMs: number;
  p99LagMs: number;
}

/** Peak resident memory (sampled every 20 ms) and event-loop delay while `work` runs. */
async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  try {
    const value = await work();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      value,
      ms: performance.now() - started,
      peakRss,
      baseRss,
      maxLagMs: lag.max / 1e6,
      p99LagMs: lag.percentile(99) / 1e6,
    };
  } finally {
    lag.disable();
    clearInterval(timer);
  }
}

async function vault(dir: string): Promise<{ session: VaultSession; engine: HandoverEngine }> {
  const session = new VaultSession(dir, FAST);
  const dispatch = createDispatcher(session, { now: () => PRACTICE_NOW });
  const kluis = createKluisClient((method, input) => dispatch(method, input));
  await kluis.vault.create({ passphrase: PASSPHRASE });
  return { session, engine: attachHandover(session, { now: () => PRACTICE_NOW }) };
}

function call<T>(session: VaultSession, work: Parameters<typeof inTransaction<T>>[3]): T {
  return inTransaction(session.db, session.dir, () => PRACTICE_NOW, work);
}

async function done(engine: HandoverEngine, jobId: string) {
  const job = await engine.settleJob(jobId);
  if (job.state !== 'done')
    throw new Error(`${job.kind} ${job.state}: ${JSON.stringify(job.error)}`);
  return job;
}

export interface HandoverBenchOptions {
  clients?: number;
  sessions?: number;
  attachments?: number;
}

export async function benchHandover(options: HandoverBenchOptions = {}): Promise<void> {
  const clients = options.clients ?? 1_000;
  const sessions = options.sessions ?? 50_000;
  const root = mkdtempSync(join(tmpdir(), 'kluis-bench-handover-'));
  const throwaway = join(root, 'throwaway');
  const out = join(root, 'out');
  mkdirSync(throwaway);
  mkdirSync(out);
  const a = await vault(join(root, 'practice'));
  const b = await vault(join(root, 'successor'));
  try {
    const generated = generatePractice(a.session.db, {
      clients,
      sessions,
      attachments: options.attachments ?? 300,
      now: PRACTICE_NOW,
    });
    const recipient = call(b.session, (ctx) => b.engine.key(ctx)).recipient;

    // 1. The export as the app does it: dossiers → zip → age → file, streaming.
    const bundlePath = join(out, 'overdracht.age');
    const exported = await measured(async () => {
      const { jobId } = call(a.session, (ctx) =>
        a.engine.startExport(ctx, {
          clients: { kind: 'all' },
          reason: 'transfer',
          to: 'Opvolger',
          recipient: { kind: 'key', recipient },
          output: { fileToken: grantPath(bundlePath, 'save-bundle') },
        }),
      );
      return done(a.engine, jobId);
    });
    const bundleBytes = statSync(bundlePath).size;

    // 2. The same zip, unencrypted, into the throwaway folder (synthetic data only).
    const zipPath = join(throwaway, 'overdracht.zip');
    const zipped = await measured(() =>
      writeBundle({
        source: liveSource(
          () => a.session.db,
          selectClients(a.session.db, { kind: 'all' }),
          PRACTICE_NOW.toISOString(),
        ),
        kind: 'handover',
        reason: 'transfer',
        removeWhenCancelled: true,
        to: 'Opvolger',
        protection: { kind: 'none' },
        target: { kind: 'file', path: zipPath },
        createdAt: PRACTICE_NOW,
      }),
    );
    const zipBytes = statSync(zipPath).size;

    // 3. Debian's age encrypting that zip, and age-encryption (what the app uses) alone.
    const cliStarted = performance.now();
    const cli = spawnSync('age', ['-r', recipient, '-o', join(throwaway, 'cli.age'), zipPath]);
    const cliMs = performance.now() - cliStarted;
    const cliOk = cli.status === 0;
    const typage = await measured(async () => {
      const cipher = await encryptStream(
        createReadStream(zipPath, { highWaterMark: 1024 * 1024 }),
        {
          kind: 'recipient',
          recipient,
        },
      );
      let n = 0;
      for await (const chunk of cipher) n += chunk.length;
      return n;
    });

    // 4. Import into the successor's vault: inspect (verify everything), then import.
    const inspected = await measured(async () => {
      const { jobId } = call(b.session, (ctx) =>
        b.engine.startInspect(ctx, {
          source: { fileToken: grantPath(bundlePath, 'open-bundle') },
          key: { kind: 'vault' },
        }),
      );
      return (await done(b.engine, jobId)).result as InspectJobResult;
    });
    let writingFrom = 0;
    const imported = await measured(async () => {
      const { jobId } = call(b.session, (ctx) =>
        b.engine.startImport(ctx, { inspectionId: inspected.value.inspectionId, existing: 'skip' }),
      );
      const watch = setInterval(() => {
        if (!writingFrom && b.engine.progress(jobId).progress.phase === 'writing') {
          writingFrom = performance.now();
        }
      }, 5);
      try {
        const job = await done(b.engine, jobId);
        return { job, commitMs: writingFrom ? performance.now() - writingFrom : Number.NaN };
      } finally {
        clearInterval(watch);
      }
    });
    const importedClients = (
      b.session.db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }
    ).n;

    // 5. What a lock spends reading the practice for the continuity bundle.
    const snapStarted = performance.now();
    const snapshot = snapshotSource(a.session.db, PRACTICE_NOW.toISOString(), {
      ms: 60_000,
      bytes: 4 * 1024 ** 3,
    });
    const snapshotMs = performance.now() - snapStarted;
    const warmStarted = performance.now();
    snapshotSource(a.session.db, PRACTICE_NOW.toISOString(), { ms: 60_000, bytes: 4 * 1024 ** 3 });
    const warmMs = performance.now() - warmStarted;

    const pipelineMs = zipped.ms + cliMs;
    const ratio = exported.ms / pipelineMs;
    printTable(
      `Handover (${clients.toLocaleString('en')} clients, ${generated.sessions.toLocaleString('en')} sessions, ` +
        `${generated.attachments} attachments; ${mib(generated.attachmentBytes)} of documents)`,
      [
        [
          'export (dossiers → zip → age → file)',
          secs(exported.ms),
          `${mib(bundleBytes)} bundle, ${rate(bundleBytes, exported.ms)}`,
        ],
        [
          '  peak RSS during export',
          mib(exported.peakRss),
          `+${mib(exported.peakRss - exported.baseRss)} over ${mib(exported.baseRss)} before`,
        ],
        [
          'same zip, unencrypted (throwaway)',
          secs(zipped.ms),
          `${mib(zipBytes)}, PDF rendering dominates`,
        ],
        ['  peak RSS', mib(zipped.peakRss), ''],
        [
          '  event loop held at most, export',
          `${exported.maxLagMs.toFixed(0)} ms`,
          `p99 ${exported.p99LagMs.toFixed(0)} ms: the UI stays responsive`,
        ],
        [
          'Debian age encrypting that zip',
          `${(cliMs / 1000).toFixed(2)} s`,
          `${rate(zipBytes, cliMs)}${cliOk ? '' : ' (age FAILED)'}`,
        ],
        [
          'age-encryption (JS) encrypting that zip',
          `${(typage.ms / 1000).toFixed(2)} s`,
          rate(zipBytes, typage.ms),
        ],
        [
          'export vs zip + Debian age',
          `${ratio.toFixed(2)}×`,
          `target ≤ ${TARGET_RATIO}× ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`,
        ],
        [
          '  encryption alone, JS vs Go',
          `${(typage.ms / cliMs).toFixed(1)}×`,
          'pure-JS ChaCha20-Poly1305 vs Go assembly',
        ],
        [
          'import: inspect (decrypt, verify every hash)',
          secs(inspected.ms),
          `peak RSS ${mib(inspected.peakRss)}`,
        ],
        [
          'import: read, stage, one transaction',
          secs(imported.ms),
          `peak RSS ${mib(imported.peakRss)}; ${importedClients} clients in`,
        ],
        [
          '  of which the one transaction',
          secs(imported.value.commitMs),
          'synchronous (all or nothing): the event loop is held this long',
        ],
        [
          '  event loop held at most, inspect',
          `${inspected.maxLagMs.toFixed(0)} ms`,
          `p99 ${inspected.p99LagMs.toFixed(0)} ms`,
        ],
        [
          'import total',
          secs(inspected.ms + imported.ms),
          rate(bundleBytes, inspected.ms + imported.ms),
        ],
        [
          'lock-time snapshot for the continuity bundle',
          `${snapshotMs.toFixed(0)} ms`,
          `${snapshot.read} clients read; again at once: ${warmMs.toFixed(0)} ms`,
        ],
      ],
    );
  } finally {
    for (const v of [a, b]) {
      v.engine.dispose();
      if (v.session.state === 'unlocked') v.session.lock('quit');
    }
    rmSync(root, { recursive: true, force: true });
  }
}
