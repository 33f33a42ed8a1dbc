import { appendAudit } from '../../db/audit';
import type { SqliteDatabase } from '../../db/connection';
import type { ServiceContext } from './context';

/**
 * Runs service work in one transaction with its audit entries, then the work it
 * deferred until after commit (checkpoints, file moves). All or nothing.
 */
export function inTransaction<T>(
  db: SqliteDatabase,
  vaultDir: string,
  now: () => Date,
  work: (ctx: ServiceContext) => T,
): T {
  const after: (() => void)[] = [];
  const ctx: ServiceContext = {
    db,
    vaultDir,
    now,
    audit: (action, subject, details) => appendAudit(db, action, subject, details, now()),
    afterCommit: (task) => after.push(task),
  };
  const value = db.transaction(() => work(ctx))();
  for (const task of after) task();
  return value;
}
