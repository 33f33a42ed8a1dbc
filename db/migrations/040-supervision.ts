import type { Migration } from './types';

/**
 * Articles 2.16 and 4.3-4.5: supervision and intervision meetings, the cases discussed
 * there (linked to the client inside the vault, shown by pseudonym only), and the
 * anonymised case summaries the coach reviewed before taking them outside.
 */
export const migration040Supervision: Migration = {
  version: 40,
  name: 'supervision',
  up: (db) => {
    db.exec(`
      CREATE TABLE supervision_meetings (
        id TEXT PRIMARY KEY,
        held_on TEXT NOT NULL,
        form TEXT NOT NULL CHECK (form IN ('individual-supervision', 'intervision', 'peer-consultation')),
        with_whom TEXT NOT NULL DEFAULT '',
        duration_minutes INTEGER,
        topics TEXT NOT NULL DEFAULT '',
        dilemmas TEXT NOT NULL DEFAULT '',
        outcomes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX supervision_meetings_held ON supervision_meetings (held_on);

      -- Erasing a dossier removes its case links; the meeting itself stays in the log.
      CREATE TABLE supervision_cases (
        meeting_id TEXT NOT NULL REFERENCES supervision_meetings (id) ON DELETE CASCADE,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        PRIMARY KEY (meeting_id, client_id)
      ) STRICT;
      CREATE INDEX supervision_cases_client ON supervision_cases (client_id);

      CREATE TABLE case_summaries (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        anonymised_text TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        exported_at TEXT
      ) STRICT;
      CREATE INDEX case_summaries_client ON case_summaries (client_id);
    `);
  },
};
