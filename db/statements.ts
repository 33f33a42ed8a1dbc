import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from './connection';

const caches = new WeakMap<SqliteDatabase, Map<string, Statement>>();

/** Prepares each SQL text once per connection; the cache dies with the connection. */
export function prepared(db: SqliteDatabase, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
