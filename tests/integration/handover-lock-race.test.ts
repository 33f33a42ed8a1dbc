import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { attachHandover, type HandoverEngine } from '../../electron/services/handover/engine';
import { grantPath } from '../../electron/services/handover/file-grants';
import { openTestApi, type TestApi } from '../support/api-fixture';
import { fullDossier, withEngine } from '../support/handover-fixture';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * The narrowest window of an export: the bundle is complete at the coach's chosen path, and
 * the vault locks before the export reaches the audit log. The rename is wrapped so the lock
 * lands exactly there.
 */

const afterRename = vi.hoisted(() => ({ run: undefined as (() => void) | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      await actual.rename(from, to);
      afterRename.run?.();
    },
  };
});

const opened: { api: TestApi; engine: HandoverEngine }[] = [];
afterEach(() => {
  afterRename.run = undefined;
  for (const { api, engine } of opened.splice(0)) {
    engine.dispose();
    if (api.session.state === 'unlocked') api.session.lock('quit');
  }
  removeTempDirs();
});

it('removes an export that is complete when the vault locks before it is audited', async () => {
  const api = await openTestApi();
  const engine = attachHandover(api.session);
  opened.push({ api, engine });
  await fullDossier(api.kluis);
  const folder = tempDir('kluis-export-');
  const target = join(folder, 'overdracht.age');
  const { jobId } = withEngine(api, (e, ctx) =>
    e.startExport(ctx, {
      clients: { kind: 'all' },
      reason: 'transfer',
      to: 'Opvolger',
      recipient: { kind: 'key', recipient: e.key(ctx).recipient },
      output: { fileToken: grantPath(target, 'save-bundle') },
    }),
  );
  let fileWhenLocked = false;
  afterRename.run = () => {
    afterRename.run = undefined;
    fileWhenLocked = existsSync(target);
    api.session.lock('user');
  };
  const job = await engine.settleJob(jobId);
  expect(fileWhenLocked).toBe(true);
  expect(job.state).toBe('cancelled');
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(folder)).toEqual([]);
});
