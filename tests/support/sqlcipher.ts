import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface SqlcipherDatabase {
  serialize(callback: () => void): void;
  run(sql: string): void;
  all(sql: string, callback: (error: Error | null, rows: unknown[]) => void): void;
  close(callback?: (error: Error | null) => void): void;
}
interface SqlcipherModule {
  Database: new (path: string, callback?: (error: Error | null) => void) => SqlcipherDatabase;
}

/** Reads with the official SQLCipher library (Zetetic's code, built by @journeyapps). */
export function readWithSqlcipher(path: string, keyHex: string, sql: string): Promise<unknown[]> {
  const sqlcipher = require('@journeyapps/sqlcipher') as SqlcipherModule;
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(path);
    db.serialize(() => {
      db.run(`PRAGMA key = "x'${keyHex}'"`);
      db.all(sql, (error, rows) => {
        db.close();
        if (error) reject(error);
        else resolve(rows);
      });
    });
  });
}
