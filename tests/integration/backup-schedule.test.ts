import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupIfDue } from '../../electron/services/backups/backup-schedule';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

let api: TestApi | undefined;
afterEach(() => {
  if (api?.session.state === 'unlocked') api.session.lock('quit');
  api = undefined;
  removeTempDirs();
});

describe('automatic backups', () => {
  it('run daily and on quit only when something changed, and not without a folder', async () => {
    const start = new Date('2026-11-23T09:00:00Z');
    api = await openTestApi({ now: start });
    const { session } = api;
    expect(await backupIfDue(session, 'daily', start)).toBe(false);
    await api.kluis.backups.setFolder({ path: join(tempDir(), 'backups') });

    expect(await backupIfDue(session, 'daily', start)).toBe(true);
    expect(await backupIfDue(session, 'daily', new Date('2026-11-23T20:00:00Z'))).toBe(false);
    expect(await backupIfDue(session, 'quit', new Date('2026-11-23T20:00:00Z'))).toBe(false);

    await api.kluis.clients.create(aClient);
    expect(await backupIfDue(session, 'quit', new Date('2026-11-23T21:00:00Z'))).toBe(true);
    expect(await backupIfDue(session, 'daily', new Date('2026-11-24T21:00:01Z'))).toBe(true);
    expect((await api.kluis.backups.status({})).backups).toHaveLength(2);

    session.lock('user');
    expect(await backupIfDue(session, 'daily', new Date('2026-11-26T09:00:00Z'))).toBe(false);
  });
});
