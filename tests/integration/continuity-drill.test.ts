import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePractice, PRACTICE_NOW } from '../../bench/practice-generator';
import { CONTINUITY_FILE } from '../../electron/services/continuity/plan';
import type { InspectJobResult } from '../../electron/services/handover/api-types';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { openTestApi, type TestApi } from '../support/api-fixture';
import { finished, handOutKit, vaultFingerprint, withEngine } from '../support/handover-fixture';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * The incapacity drill of article 2.28, end to end: a practice of 50 clients, an
 * emergency kit 2 of 3, the continuity bundle in the coach's chosen folder; then the
 * coach cannot act, and in the successor's vault two keepers' shares open everything.
 */

let coach: TestApi;
let coachEngine: HandoverEngine;
let successor: TestApi;
let successorEngine: HandoverEngine;
let folder: string;
let shares: string[];
let clientIds: string[];

const plan = {
  successors: [
    {
      name: 'Praktijk De Opvolger',
      organisation: 'De Opvolger Coaching',
      email: 'opvolger@example.nl',
      phone: '06-11112222',
      recipient: '',
      notes: '',
    },
  ],
  keepers: [
    { name: 'Anouk Jansen', role: 'opvolger', email: 'anouk@example.nl', phone: '', notes: '' },
    {
      name: 'Bureau NOBCO-regio',
      role: 'kantoor netwerk',
      email: '',
      phone: '030-0000000',
      notes: '',
    },
    {
      name: 'Carla de Wit',
      role: 'vertrouwenspersoon',
      email: '',
      phone: '06-33334444',
      notes: '',
    },
  ],
  custodianInstructions: 'Laptop en papieren agenda liggen in de praktijkkast.',
  whoToInform: 'Lopende cliënten, opdrachtgevers, beroepsvereniging.',
  insurer: 'Voorbeeld Verzekeringen, polis 123',
  bundleLocationNote: 'USB-schijf in de brandkast',
};

beforeAll(async () => {
  coach = await openTestApi({ now: PRACTICE_NOW });
  coachEngine = attachHandover(coach.session, { now: () => PRACTICE_NOW });
  clientIds = generatePractice(coach.session.db, {
    clients: 50,
    sessions: 700,
    attachments: 40,
    seed: 2028,
    now: PRACTICE_NOW,
  }).clientIds;
  folder = tempDir('kluis-continuiteit-');
  withEngine(coach, (engine, ctx) => {
    engine.savePlan(ctx, plan);
    engine.setBundleFolder(ctx, grantPath(folder, 'bundle-folder'));
  });
  const kit = await handOutKit(coach, 2);
  expect(kit.kit).toMatchObject({ threshold: 2, count: 3 });
  expect(kit.kit.keepers.map((k) => k.name)).toEqual(plan.keepers.map((k) => k.name));
  shares = kit.shares;
  // Issuing writes the continuity bundle at once when a folder is set.
  if (!kit.refreshJobId) throw new Error('no refresh started');
  await finished(coachEngine, kit.refreshJobId);

  successor = await openTestApi({ now: PRACTICE_NOW });
  successorEngine = attachHandover(successor.session, { now: () => PRACTICE_NOW });
});

afterAll(() => {
  coachEngine.dispose();
  successorEngine.dispose();
  for (const api of [coach, successor])
    if (api.session.state === 'unlocked') api.session.lock('quit');
  removeTempDirs();
});

function recover(texts: string[]): { jobId: string } {
  return withEngine(successor, (engine, ctx) =>
    engine.startRecover(ctx, {
      shares: texts,
      source: { fileToken: grantPath(join(folder, CONTINUITY_FILE), 'open-bundle') },
    }),
  );
}

describe('continuity: the incapacity drill', () => {
  it('keeps the kit public: the vault holds the recipient and metadata, never a share', () => {
    const status = withEngine(coach, (engine, ctx) => engine.continuity(ctx));
    expect(status.kit).toMatchObject({ threshold: 2, count: 3 });
    expect(status.bundle).toMatchObject({
      exists: true,
      kitCurrent: true,
      dataCurrent: true,
      clients: 50,
    });
    const tables = coach.session.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .all() as { name: string }[];
    for (const { name } of tables) {
      if (name.includes('fts')) continue;
      const dump = JSON.stringify(coach.session.db.prepare(`SELECT * FROM "${name}"`).all());
      for (const share of shares) {
        expect(dump).not.toContain(share.slice(0, 20));
        expect(dump).not.toContain(share.replace(/-/g, '').slice(0, 20));
      }
    }
  });

  it('rehearses: two shares open and verify the bundle without importing, and the date is recorded', async () => {
    const before = await coach.kluis.practice.get({});
    expect(before.duties.find((d) => d.id === 'continuity-drill')?.state).toBe('missing');
    const drill = withEngine(coach, (engine, ctx) =>
      engine.startDrill(ctx, { shares: [shares[0] ?? '', shares[2] ?? ''] }),
    );
    const result = (await finished(coachEngine, drill.jobId)).result;
    expect(result).toMatchObject({ currentKit: true, bundleCurrent: true, clients: 50 });
    const after = await coach.kluis.practice.get({});
    expect(after.duties.find((d) => d.id === 'continuity-drill')).toMatchObject({
      state: 'done',
      since: '2026-11-23',
    });
    expect(after.duties.find((d) => d.id === 'continuity-plan')?.state).toBe('done');
    expect((await coach.kluis.audit.list({ limit: 5 })).map((e) => e.action)).toContain(
      'continuity.drill',
    );
  });

  it('refuses one share, and names the share with a typo, before opening anything', () => {
    const before = vaultFingerprint(successor.dir);
    expect(() => recover([shares[1] ?? ''])).toThrow(
      expect.objectContaining({ code: 'SHARES_INSUFFICIENT', detail: { have: 1, need: 2 } }),
    );
    const typo = (shares[1] ?? '').replace(
      /^(.{15})(.)/,
      (_all, head: string, c: string) => `${head}${c === 'X' ? 'Y' : 'X'}`,
    );
    expect(() => recover([shares[0] ?? '', typo])).toThrow(
      expect.objectContaining({
        code: 'SHARE_INVALID',
        detail: expect.objectContaining({ share: 2, reason: 'group-checksum', group: 3 }),
      }),
    );
    expect(vaultFingerprint(successor.dir)).toEqual(before);
  });

  it('recovers in the successor’s vault: two shares, inspect, import; every dossier arrives', async () => {
    const inspected = recover([shares[1] ?? '', shares[2] ?? '']);
    const report = (await finished(successorEngine, inspected.jobId)).result as InspectJobResult;
    expect(report.kind).toBe('continuity');
    expect(report.clients).toHaveLength(50);
    const imported = withEngine(successor, (engine, ctx) =>
      engine.startImport(ctx, { inspectionId: report.inspectionId, existing: 'skip' }),
    );
    expect((await finished(successorEngine, imported.jobId)).result).toMatchObject({
      imported: 50,
    });
    const listed = await successor.kluis.clients.list({});
    expect(listed.map((c) => c.id).sort()).toEqual([...clientIds].sort());
    for (const id of clientIds) {
      expect(await successor.kluis.clients.get({ id })).toEqual(
        await coach.kluis.clients.get({ id }),
      );
    }
  });
});
