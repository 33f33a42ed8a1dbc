import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rebuildKey } from '../../electron/services/continuity/kit';
import { CONTINUITY_FILE } from '../../electron/services/continuity/plan';
import type { WriteHook } from '../../electron/services/handover/age-io';
import {
  attachHandover,
  type HandoverEngine,
  type HandoverEngineOptions,
} from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { inspectBundle } from '../../electron/services/handover/import';
import { LIMITS } from '../../electron/services/handover/limits';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { finished, fullDossier, handOutKit, sha256, withEngine } from '../support/handover-fixture';
import { PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * The continuity bundle is refreshed when the vault locks, and on demand; atomically, so
 * the previous bundle stays valid until a new one is complete; and a lock never waits on
 * it: a refresh that cannot be done in time, or fails, is recorded, not thrown.
 */

const NOW = new Date('2026-11-23T10:00:00+01:00');
const opened: { api: TestApi; engine: HandoverEngine }[] = [];
afterEach(() => {
  for (const { api, engine } of opened.splice(0)) {
    engine.dispose();
    if (api.session.state === 'unlocked') api.session.lock('quit');
  }
  removeTempDirs();
});

const plan = {
  successors: [
    { name: 'Opvolger', organisation: '', email: '', phone: '', recipient: '', notes: '' },
  ],
  keepers: ['Anouk', 'Bas', 'Carla'].map((name) => ({
    name,
    role: '',
    email: '',
    phone: '',
    notes: '',
  })),
  custodianInstructions: '',
  whoToInform: '',
  insurer: '',
  bundleLocationNote: '',
};

interface Practice {
  api: TestApi;
  engine: HandoverEngine;
  folder: string;
  shares: string[];
  bundle: () => Buffer;
}

async function practice(options: HandoverEngineOptions = {}, clients = 2): Promise<Practice> {
  const api = await openTestApi({ now: NOW });
  const engine = attachHandover(api.session, { now: () => NOW, ...options });
  opened.push({ api, engine });
  for (let i = 0; i < clients; i += 1) await fullDossier(api.kluis, { firstName: `Cliënt${i}` });
  const folder = tempDir('kluis-continuiteit-');
  withEngine(api, (e, ctx) => {
    e.savePlan(ctx, plan);
    e.setBundleFolder(ctx, grantPath(folder, 'bundle-folder'));
  });
  const shares = await issue(api, engine);
  return { api, engine, folder, shares, bundle: () => readFileSync(join(folder, CONTINUITY_FILE)) };
}

async function issue(api: TestApi, engine: HandoverEngine): Promise<string[]> {
  const kit = await handOutKit(api, 2);
  if (kit.refreshJobId) await finished(engine, kit.refreshJobId);
  return kit.shares;
}

async function clientsIn(bundle: string, shares: string[], api: TestApi): Promise<number> {
  const key = await rebuildKey(shares);
  const { bundle: opened, report } = await inspectBundle({
    db: () => api.session.db,
    file: { path: bundle },
    key: { kind: 'identity', identity: key.identity },
    limits: LIMITS,
  });
  opened.wipe();
  await opened.close();
  return report.clients.length;
}

function tempFiles(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.tmp')) : [];
}

describe('the continuity bundle', () => {
  it('is refreshed when the vault locks, without the lock waiting, and recorded at the next unlock', async () => {
    const p = await practice();
    const first = sha256(p.bundle());
    await p.api.kluis.clients.create({ ...aClient, firstName: 'Nieuwe' });
    expect(withEngine(p.api, (e, ctx) => e.continuity(ctx)).bundle.dataCurrent).toBe(false);

    const started = performance.now();
    await p.api.kluis.vault.lock({});
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await p.engine.settle(30_000)).toBe(true);
    expect(sha256(p.bundle())).not.toBe(first);
    expect(tempFiles(p.folder)).toEqual([]);
    expect(readdirSync(p.folder).sort()).toEqual(
      ['dossierkluis-continuiteit-LEESMIJ.txt', CONTINUITY_FILE].sort(),
    );

    await p.api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    const status = withEngine(p.api, (e, ctx) => e.continuity(ctx));
    expect(status.bundle).toMatchObject({
      clients: 3,
      dataCurrent: true,
      kitCurrent: true,
      refreshOnLock: true,
    });
    expect(await clientsIn(join(p.folder, CONTINUITY_FILE), p.shares.slice(0, 2), p.api)).toBe(3);
    const actions = (await p.api.kluis.audit.list({ limit: 10 })).map((e) => e.action);
    expect(actions).toContain('continuity.bundle-written');

    // Nothing changed since: the next lock writes nothing.
    const current = sha256(p.bundle());
    await p.api.kluis.vault.lock({});
    await p.engine.settle();
    expect(sha256(p.bundle())).toBe(current);
  });

  it('never makes the lock wait: past its budget the refresh is skipped and the failure recorded', async () => {
    const p = await practice({ lockSnapshot: { ms: 0, bytes: 0 } });
    const before = p.bundle();
    await p.api.kluis.clients.create({ ...aClient, firstName: 'Nieuwe' });
    await p.api.kluis.vault.lock({});
    await p.engine.settle();
    expect(p.bundle().equals(before)).toBe(true);
    await p.api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    const status = withEngine(p.api, (e, ctx) => e.continuity(ctx));
    expect(status.bundle.lastFailure).toMatchObject({ code: 'LOCK_BUDGET', trigger: 'lock' });
    expect(status.bundle.dataCurrent).toBe(false);
    // The previous bundle still opens.
    expect(await clientsIn(join(p.folder, CONTINUITY_FILE), p.shares.slice(1), p.api)).toBe(2);
  });

  it('leaves the previous bundle intact when a write fails half-way', async () => {
    let fail = false;
    const hook: WriteHook = (bytes) => {
      if (fail && bytes > 0) throw Object.assign(new Error('I/O error'), { code: 'EIO' });
    };
    const p = await practice({ writeHook: hook }, 3);
    const before = p.bundle();
    await p.api.kluis.clients.create({ ...aClient, firstName: 'Nieuwe' });
    fail = true;
    const job = withEngine(p.api, (e, ctx) => e.startRefresh(ctx));
    const result = await p.engine.settleJob(job.jobId);
    expect(result).toMatchObject({
      state: 'failed',
      error: { code: 'TARGET_UNAVAILABLE', detail: { reason: 'EIO' } },
    });
    expect(p.bundle().equals(before)).toBe(true);
    expect(tempFiles(p.folder)).toEqual([]);
    const status = withEngine(p.api, (e, ctx) => e.continuity(ctx));
    expect(status.bundle.lastFailure).toMatchObject({
      code: 'TARGET_UNAVAILABLE',
      trigger: 'manual',
    });
    expect(await clientsIn(join(p.folder, CONTINUITY_FILE), p.shares.slice(0, 2), p.api)).toBe(3);

    // A failing write after a lock: the same, recorded at the next unlock.
    await p.api.kluis.vault.lock({});
    await p.engine.settle();
    expect(p.bundle().equals(before)).toBe(true);
    await p.api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    expect(withEngine(p.api, (e, ctx) => e.continuity(ctx)).bundle.lastFailure).toMatchObject({
      code: 'TARGET_UNAVAILABLE',
      trigger: 'lock',
    });
  });

  it('fails cleanly when the target folder disappears mid-way', async () => {
    let folder = '';
    const hook: WriteHook = (bytes) => {
      if (folder && bytes > 0) rmSync(folder, { recursive: true, force: true });
    };
    const p = await practice({ writeHook: hook });
    await p.api.kluis.clients.create({ ...aClient, firstName: 'Nieuwe' });
    folder = p.folder;
    const job = withEngine(p.api, (e, ctx) => e.startRefresh(ctx));
    expect(await p.engine.settleJob(job.jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'TARGET_UNAVAILABLE' },
    });
    expect(existsSync(p.folder)).toBe(false);
    expect(withEngine(p.api, (e, ctx) => e.continuity(ctx)).bundle).toMatchObject({
      exists: false,
      lastFailure: { code: 'TARGET_UNAVAILABLE', trigger: 'manual' },
    });
  });

  it('after a kit is re-issued, the old shares cannot open the bundle written since', async () => {
    const p = await practice();
    const oldShares = p.shares;
    const newShares = await issue(p.api, p.engine);
    const path = join(p.folder, CONTINUITY_FILE);
    await expect(clientsIn(path, oldShares.slice(0, 2), p.api)).rejects.toMatchObject({
      code: 'BUNDLE_WRONG_KEY',
    });
    expect(await clientsIn(path, newShares.slice(0, 2), p.api)).toBe(2);
    // A drill with the old shares fails, and is recorded as failed.
    const drill = withEngine(p.api, (e, ctx) => e.startDrill(ctx, { shares: oldShares.slice(1) }));
    expect(await p.engine.settleJob(drill.jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'BUNDLE_WRONG_KEY' },
    });
    expect(withEngine(p.api, (e, ctx) => e.continuity(ctx)).lastDrill).toMatchObject({
      ok: false,
      outcome: 'BUNDLE_WRONG_KEY',
    });
  });

  it('a refresh after unlock supersedes a lock write still running, even with a new kit', async () => {
    let hold: Promise<void> | undefined;
    let release = () => {};
    const hook: WriteHook = async (bytes) => {
      if (hold && bytes > 0) await hold;
    };
    const p = await practice({ writeHook: hook });
    await p.api.kluis.clients.create({ ...aClient, firstName: 'Nieuwe' });
    hold = new Promise((resolve) => {
      release = resolve;
    });
    const held = hold;
    await p.api.kluis.vault.lock({});
    // The lock's write is now paused inside the hook, with the old kit and 3 clients.
    hold = undefined;
    await p.api.kluis.vault.unlock({ passphrase: PASSPHRASE });
    const newShares = await issue(p.api, p.engine);
    release();
    await held;
    expect(await p.engine.settle(30_000)).toBe(true);

    const path = join(p.folder, CONTINUITY_FILE);
    expect(await clientsIn(path, newShares.slice(0, 2), p.api)).toBe(3);
    expect(tempFiles(p.folder)).toEqual([]);
    expect(withEngine(p.api, (e, ctx) => e.continuity(ctx)).bundle).toMatchObject({
      clients: 3,
      kitCurrent: true,
      dataCurrent: true,
    });
  });
});
