import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KitJobResult } from '../../electron/api';
import { createKluisClient, type KluisClient } from '../../electron/client';
import { createDispatcher } from '../../electron/dispatcher';
import { createLogger } from '../../electron/logger';
import { rebuildKey } from '../../electron/services/continuity/kit';
import { normaliseShare } from '../../electron/services/continuity/shares';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { VaultSession } from '../../electron/services/vault-session';
import { downloadJob, fullDossier, jobSettled } from '../support/handover-fixture';
import { pdfText, shareOnSheet } from '../support/pdf-text';
import { FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * Issue 12, 2.28: the emergency kit must not defeat its own k-of-n split. Every artefact
 * the app makes while a kit is issued and handed out (each sheet's PDF, every job as
 * the UI sees it, the job list, the status, the audit log, the log lines, the files in
 * the bundle folder) holds at most one keeper's code; the codes live in memory only
 * while the sheets are made, and are gone once handed out or locked.
 */

const NOW = new Date('2026-11-23T10:00:00+01:00');

interface Practice {
  kluis: KluisClient;
  session: VaultSession;
  engine: HandoverEngine;
  logLines: string[];
  folder: string;
}

const open: Practice[] = [];
afterEach(() => {
  for (const p of open.splice(0)) {
    p.engine.dispose();
    if (p.session.state === 'unlocked') p.session.lock('quit');
  }
  removeTempDirs();
});

async function practice(): Promise<Practice> {
  const logLines: string[] = [];
  const logger = createLogger((line) => logLines.push(line));
  const session = new VaultSession(tempDir(), FAST);
  const dispatch = createDispatcher(session, { now: () => NOW, logger });
  const kluis = createKluisClient((method, input) => dispatch(method, input));
  await kluis.vault.create({ passphrase: PASSPHRASE });
  const engine = attachHandover(session, { now: () => NOW, logger });
  const p = { kluis, session, engine, logLines, folder: tempDir('kluis-continuiteit-') };
  open.push(p);
  await fullDossier(kluis);
  await kluis.continuity.savePlan({
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
    custodianInstructions: 'Laptop in de kast.',
    whoToInform: 'Cliënten.',
    insurer: '',
    bundleLocationNote: 'USB-schijf in de kluis',
  });
  await kluis.continuity.setBundleFolder({ folderToken: grantPath(p.folder, 'bundle-folder') });
  return p;
}

/**
 * Which of the codes an artefact holds, found however it is written (groups with or
 * without dashes or spaces, any case). A code counts as found when any of its groups 4
 * to 14 is there: groups 1 to 3 carry the kit id and k and n, the same on every sheet.
 */
function codesIn(artefact: string, codes: readonly string[]): number[] {
  const flat = normaliseShare(artefact).replace(/[^0-9A-Z]/g, '');
  return codes.flatMap((code, index) =>
    code
      .split('-')
      .slice(3)
      .some((group) => flat.includes(group))
      ? [index + 1]
      : [],
  );
}

/** No two codes ever sit together in one artefact. */
function expectNoTwoTogether(artefacts: Record<string, string>, codes: readonly string[]): void {
  for (const [name, text] of Object.entries(artefacts)) {
    for (let a = 0; a < codes.length; a += 1) {
      for (let b = a + 1; b < codes.length; b += 1) {
        const found = codesIn(text, [codes[a] ?? '', codes[b] ?? '']);
        expect(found, `codes ${a + 1} and ${b + 1} together in ${name}`).not.toEqual([1, 2]);
      }
    }
  }
}

function filesIn(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder).map((name) => [
      `file ${name}`,
      readFileSync(join(folder, name)).toString('latin1'),
    ]),
  );
}

describe('the emergency kit, handed out one sheet per keeper', () => {
  it('never puts two keepers’ codes in one artefact, and any two sheets open the bundle', async () => {
    const p = await practice();
    const { kluis } = p;
    const artefacts: Record<string, string> = {};
    const json = (value: unknown) => JSON.stringify(value);

    const issue = await kluis.continuity.issueKit({ threshold: 2 });
    const issued = await jobSettled(kluis, issue.jobId);
    expect(issued.state).toBe('done');
    const { kit, refreshJobId } = issued.result as KitJobResult;
    expect(kit).toMatchObject({ threshold: 2, count: 3 });
    // Issuing makes no file to download: there is nothing that could hold every code.
    expect(issued.download).toBeNull();
    await expect(downloadJob(kluis, issue.jobId, 16 * 1024)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    artefacts['issue job'] = json(issued);
    artefacts['jobs after issue'] = json(await kluis.handover.jobs({}));
    artefacts['status during hand-out'] = json(await kluis.continuity.get({}));
    if (refreshJobId) artefacts['refresh job'] = json(await jobSettled(kluis, refreshJobId));
    expect(p.engine.heldShareBytes).toBe(3 * 33);

    const sheets: Buffer[] = [];
    for (const keeper of kit.keepers) {
      const started = await kluis.continuity.keeperSheet({
        kitId: kit.kitId,
        keeper: keeper.number,
      });
      const job = await jobSettled(kluis, started.jobId);
      expect(job).toMatchObject({
        kind: 'sheet',
        state: 'done',
        result: { number: keeper.number, keeper: keeper.name },
        download: { mediaType: 'application/pdf' },
      });
      const pdf = await downloadJob(kluis, started.jobId, 16 * 1024);
      sheets.push(pdf);
      artefacts[`sheet ${keeper.number} (text)`] = pdfText(pdf);
      artefacts[`sheet ${keeper.number} (bytes)`] = pdf.toString('latin1');
      artefacts[`sheet ${keeper.number} job`] = json(job);
      // The UI discards each sheet after saving it; even before that, the list shows one.
      const jobs = await kluis.handover.jobs({});
      expect(jobs.filter((j) => j.kind === 'sheet')).toHaveLength(1);
      artefacts[`jobs with sheet ${keeper.number}`] = json(jobs);
      artefacts[`status with sheet ${keeper.number}`] = json(await kluis.continuity.get({}));
    }
    const codes = sheets.map(shareOnSheet);
    expect(new Set(codes).size).toBe(3);

    // The detector is not blind: each sheet holds its own code, and a file with every
    // code (the old single PDF) is caught.
    sheets.forEach((pdf, index) => {
      expect(codesIn(pdfText(pdf), codes)).toEqual([index + 1]);
    });
    expect(codesIn(codes.join('\n'), codes)).toEqual([1, 2, 3]);

    const during = await kluis.continuity.get({});
    expect(during.handout?.keepers.map((k) => k.sheetMade)).toEqual([true, true, true]);
    const handedOut = await kluis.continuity.finishHandout({ kitId: kit.kitId });
    expect(handedOut.handout).toBeNull();
    // Only the kit's public data stays, in the vault.
    expect(handedOut.kit).toEqual(kit);
    expect(p.engine.heldShareBytes).toBe(0);
    await expect(
      kluis.continuity.keeperSheet({ kitId: kit.kitId, keeper: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await kluis.handover.jobs({})).filter((j) => j.kind === 'sheet')).toEqual([]);

    // Two sheets rebuild the key, and the drill opens the bundle with them.
    for (const [a, b] of [
      [0, 1],
      [1, 2],
      [2, 0],
    ] as const) {
      expect((await rebuildKey([codes[a] ?? '', codes[b] ?? ''])).recipient).toBe(kit.recipient);
    }
    const drill = await kluis.continuity.drill({ shares: [codes[2] ?? '', codes[0] ?? ''] });
    expect(await jobSettled(kluis, drill.jobId)).toMatchObject({
      state: 'done',
      result: { currentKit: true, bundleCurrent: true, clients: 1 },
    });
    artefacts['drill job'] = json(await kluis.handover.progress({ jobId: drill.jobId }));

    const audit = await kluis.audit.list({ limit: 500 });
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'continuity.kit-issued',
        'continuity.kit-sheet-made',
        'continuity.kit-handed-out',
      ]),
    );
    expect(
      audit.filter((row) => row.action === 'continuity.kit-sheet-made').map((r) => r.details),
    ).toEqual(expect.arrayContaining([1, 2, 3].map((keeper) => ({ kitId: kit.kitId, keeper }))));
    artefacts['audit log'] = json(audit);
    Object.assign(artefacts, filesIn(p.folder));
    artefacts['log lines'] = p.logLines.join('\n');

    expectNoTwoTogether(artefacts, codes);
    // Nothing but the sheets (and the drill the coach typed them into) holds any code.
    for (const [name, text] of Object.entries(artefacts)) {
      if (name.startsWith('sheet ') && !name.endsWith('job')) continue;
      expect(codesIn(text, codes), name).toEqual([]);
    }
  });

  it('wipes the codes at a lock, keeps the kit’s public data, and a new kit replaces the old', async () => {
    const p = await practice();
    const { kluis } = p;
    const first = await jobSettled(
      kluis,
      (await kluis.continuity.issueKit({ threshold: 2 })).jobId,
    );
    const firstKit = (first.result as KitJobResult).kit;
    const second = await jobSettled(
      kluis,
      (await kluis.continuity.issueKit({ threshold: 3 })).jobId,
    );
    const kit = (second.result as KitJobResult).kit;
    // Issuing again wipes the earlier kit's codes: its sheets can no longer be made.
    await expect(
      kluis.continuity.keeperSheet({ kitId: firstKit.kitId, keeper: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(p.engine.heldShareBytes).toBe(3 * 33);
    const sheet = await kluis.continuity.keeperSheet({ kitId: kit.kitId, keeper: 2 });
    expect((await jobSettled(kluis, sheet.jobId)).state).toBe('done');
    expect((await kluis.continuity.get({})).handout).toMatchObject({
      kitId: kit.kitId,
      keepers: [
        { number: 1, sheetMade: false },
        { number: 2, sheetMade: true },
        { number: 3, sheetMade: false },
      ],
    });

    await kluis.vault.lock({});
    expect(p.engine.heldShareBytes).toBe(0);
    await p.engine.settle(30_000);
    await kluis.vault.unlock({ passphrase: PASSPHRASE });
    const status = await kluis.continuity.get({});
    expect(status.handout).toBeNull();
    expect(status.kit).toEqual(kit);
    // The coach is told which keepers got no sheet before the lock (names, no codes).
    expect(status.handoutInterrupted).toEqual({
      kitId: kit.kitId,
      missing: [
        { number: 1, name: 'Anouk' },
        { number: 3, name: 'Carla' },
      ],
    });
    await expect(
      kluis.continuity.keeperSheet({ kitId: kit.kitId, keeper: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(kluis.continuity.finishHandout({ kitId: kit.kitId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // The sheet made before the lock went with it.
    await expect(kluis.handover.progress({ jobId: sheet.jobId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // A new kit starts a new hand-out; the notice of the interrupted one goes.
    const again = await jobSettled(
      kluis,
      (await kluis.continuity.issueKit({ threshold: 2 })).jobId,
    );
    const renewed = await kluis.continuity.get({});
    expect(renewed.handoutInterrupted).toBeNull();
    expect(renewed.handout?.kitId).toBe((again.result as KitJobResult).kit.kitId);
  });

  it('refuses a sheet for a keeper the kit does not have, or a malformed kit', async () => {
    const p = await practice();
    const { kluis } = p;
    const issued = await jobSettled(
      kluis,
      (await kluis.continuity.issueKit({ threshold: 2 })).jobId,
    );
    const { kit } = issued.result as KitJobResult;
    await expect(
      kluis.continuity.keeperSheet({ kitId: kit.kitId, keeper: 4 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      kluis.continuity.keeperSheet({ kitId: 'kit-code', keeper: 1 }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      kluis.continuity.keeperSheet({ kitId: kit.kitId, keeper: 0 }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    // Refusals change nothing: the hand-out goes on.
    expect(p.engine.heldShareBytes).toBe(3 * 33);
    expect((await kluis.continuity.get({})).handout?.kitId).toBe(kit.kitId);
  });
});
