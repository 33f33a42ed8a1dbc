import type { Migration } from './types';

/** Practice-wide settings (idle lock, retention default, language), one JSON value per key. */
export const migration020Settings: Migration = {
  version: 20,
  name: 'settings',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
