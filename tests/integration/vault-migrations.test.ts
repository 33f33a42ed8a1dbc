import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../db/audit';
import { openEncryptedDatabase } from '../../db/connection';
import { isVaultError } from '../../db/errors';
import { KEY_FILE_FORMAT, KEY_FILE_VERSION, wrapDataKey, writeKeyFile } from '../../db/key-slots';
import { latestVersion, migrate, schemaVersion } from '../../db/migrate';
import { type Migration, migrations } from '../../db/migrations';
import { createVault, openVault, vaultPaths } from '../../db/vault';
import {
  dataKeyOf,
  FAST,
  FAST_SCRYPT,
  PASSPHRASE,
  removeTempDirs,
  tempDir,
} from '../support/vault-fixture';

afterEach(removeTempDirs);

function tableNames(db: import('../../db/connection').SqliteDatabase): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

/** A vault as an older release left it: schema at `version`, with a key file and an audit entry. */
async function vaultAtVersion(version: number): Promise<string> {
  const dir = tempDir();
  const paths = vaultPaths(dir);
  const vaultId = randomUUID();
  const dataKey = randomBytes(32);
  writeKeyFile(paths.keys, {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    vaultId,
    slots: [
      await wrapDataKey(
        vaultId,
        'passphrase',
        dataKey,
        { kind: 'passphrase', passphrase: PASSPHRASE },
        FAST_SCRYPT,
      ),
    ],
  });
  const db = openEncryptedDatabase(paths.database, dataKey, { create: true });
  migrate(db, version);
  db.prepare("INSERT INTO meta (key, value) VALUES ('vault_id', ?)").run(vaultId);
  appendAudit(db, 'vault.created');
  db.close();
  return dir;
}

describe('migrations', () => {
  it('are numbered in increasing steps', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('bring a fresh vault to the latest version', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    expect(schemaVersion(vault.db)).toBe(latestVersion());
    expect(latestVersion()).toBe(migrations.at(-1)?.version);
    vault.lock();
  });

  it('upgrade a vault from the previous version and keep its data', async () => {
    const previous = migrations.at(-2)?.version ?? 0;
    const dir = await vaultAtVersion(previous);
    const vault = await openVault(dir, { passphrase: PASSPHRASE }, FAST);
    expect(schemaVersion(vault.db)).toBe(latestVersion());
    expect(tableNames(vault.db)).toEqual(expect.arrayContaining(['audit_log', 'meta', 'settings']));
    // The old audit entry survived, and the unlock was chained after it.
    expect(verifyAuditChain(vault.db)).toEqual({ ok: true, count: 2 });
    vault.lock();
  });

  it('refuse a vault from a newer version, untouched', async () => {
    const dir = tempDir();
    (await createVault(dir, PASSPHRASE, FAST)).vault.lock();
    const db = openEncryptedDatabase(vaultPaths(dir).database, await dataKeyOf(dir, PASSPHRASE), {
      create: false,
    });
    db.pragma(`user_version=${latestVersion() + 10}`);
    db.close();

    await expect(openVault(dir, { passphrase: PASSPHRASE }, FAST)).rejects.toSatisfy(
      (error: unknown) =>
        isVaultError(error, 'VAULT_TOO_NEW') && error.detail.version === latestVersion() + 10,
    );
    const reopened = openEncryptedDatabase(
      vaultPaths(dir).database,
      await dataKeyOf(dir, PASSPHRASE),
      { create: false },
    );
    expect(schemaVersion(reopened)).toBe(latestVersion() + 10);
    reopened.close();
  });

  it('roll back every pending migration when one fails', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    const before = tableNames(vault.db);
    const broken: Migration[] = [
      ...migrations,
      { version: 9_000, name: 'adds-a-table', up: (db) => db.exec('CREATE TABLE half_done (x)') },
      {
        version: 9_010,
        name: 'fails',
        up: () => {
          throw new Error('migration failed');
        },
      },
    ];
    expect(() => migrate(vault.db, 9_010, broken)).toThrow('migration failed');
    expect(schemaVersion(vault.db)).toBe(latestVersion());
    expect(tableNames(vault.db)).toEqual(before);
    vault.lock();
  });

  it('refuse a list that is out of order', async () => {
    const dir = tempDir();
    const { vault } = await createVault(dir, PASSPHRASE, FAST);
    const shuffled = [...migrations].reverse();
    expect(() => migrate(vault.db, latestVersion(), shuffled)).toThrow(/is not after/);
    vault.lock();
  });
});
