import type { SqliteDatabase } from './connection';
import { VaultError } from './errors';
import { migrations as allMigrations, type Migration } from './migrations';

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new Error(`Migration ${migration.version} is not after ${previous.version}.`);
    }
  });
}

/**
 * Brings the schema to `target` in one transaction: all pending migrations and the new
 * version land together or not at all. A vault from a newer app is refused before
 * anything is touched, so an older app can never damage it.
 */
export function migrate(
  db: SqliteDatabase,
  target: number = latestVersion(),
  migrations: readonly Migration[] = allMigrations,
): { from: number; to: number } {
  assertOrdered(migrations);
  const from = schemaVersion(db);
  const newest = latestVersion(migrations);
  if (from > newest) {
    throw new VaultError(
      'VAULT_TOO_NEW',
      'This vault was made by a newer version of Dossierkluis. Update the app to open it.',
      { version: from, supported: newest },
    );
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from };
  const to = pending.at(-1)?.version ?? from;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    // user_version lives in the database header, so it commits with the schema.
    db.pragma(`user_version=${to}`);
  }).immediate();
  return { from, to };
}
