import type { Migration } from './types';

/**
 * Everything a coach records about the practice and each client (DESIGN.md, 'What the
 * code asks'). Ids are random UUIDs so records keep their identity in a handover to
 * another vault. Every child row cascades from its client, so erasing a dossier is one
 * DELETE. Dates are ISO text: 'YYYY-MM-DD' for days, full ISO for moments.
 */
export const migration030Dossiers: Migration = {
  version: 30,
  name: 'dossiers',
  up: (db) => {
    db.exec(`
      CREATE TABLE practice (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        coach_name TEXT NOT NULL DEFAULT '',
        licence_number TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        insurer TEXT NOT NULL DEFAULT '',
        insurance_policy TEXT NOT NULL DEFAULT '',
        insurance_expires_on TEXT,
        supervisors TEXT NOT NULL DEFAULT '',
        complaints_procedure TEXT NOT NULL DEFAULT '',
        code_document_id TEXT REFERENCES attachments (id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        pseudonym TEXT NOT NULL UNIQUE,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL DEFAULT '',
        date_of_birth TEXT,
        is_minor INTEGER NOT NULL DEFAULT 0 CHECK (is_minor IN (0, 1)),
        is_vulnerable_adult INTEGER NOT NULL DEFAULT 0 CHECK (is_vulnerable_adult IN (0, 1)),
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        sponsor_organisation TEXT NOT NULL DEFAULT '',
        sponsor_contact TEXT NOT NULL DEFAULT '',
        sponsor_email TEXT NOT NULL DEFAULT '',
        sponsor_phone TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('intake', 'active', 'ended')),
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clients_name ON clients (last_name, first_name);

      -- People in the client's story; the anonymiser replaces them in case summaries.
      CREATE TABLE client_people (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        relation TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX client_people_client ON client_people (client_id);

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        client_id TEXT REFERENCES clients (id) ON DELETE CASCADE,
        session_id TEXT REFERENCES sessions (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        sha256 TEXT NOT NULL,
        content BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attachments_client ON attachments (client_id);
      CREATE INDEX attachments_session ON attachments (session_id);

      -- Articles 2.2, 2.3, 2.6, 2.16: one engagement contract per dossier.
      CREATE TABLE contracts (
        client_id TEXT PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
        start_on TEXT,
        planned_duration TEXT NOT NULL DEFAULT '',
        planned_sessions INTEGER,
        goals TEXT NOT NULL DEFAULT '',
        fees TEXT NOT NULL DEFAULT '',
        payment_terms TEXT NOT NULL DEFAULT '',
        logistics TEXT NOT NULL DEFAULT '',
        confidentiality_terms TEXT NOT NULL DEFAULT '',
        sponsor_reporting TEXT NOT NULL DEFAULT '',
        code_given_on TEXT,
        complaints_procedure_on TEXT,
        supervision_consent_on TEXT,
        signed_on TEXT,
        signed_copy_id TEXT REFERENCES attachments (id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Articles 2.13, 2.14: the agreed limits of confidentiality.
      CREATE TABLE confidentiality_agreements (
        client_id TEXT PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
        agreed_on TEXT,
        agreed_with TEXT NOT NULL DEFAULT '',
        legal_duty INTEGER NOT NULL DEFAULT 0 CHECK (legal_duty IN (0, 1)),
        illegal_activity INTEGER NOT NULL DEFAULT 0 CHECK (illegal_activity IN (0, 1)),
        danger_self INTEGER NOT NULL DEFAULT 0 CHECK (danger_self IN (0, 1)),
        danger_others INTEGER NOT NULL DEFAULT 0 CHECK (danger_others IN (0, 1)),
        other_exception TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Article 2.14: each time confidentiality was broken.
      CREATE TABLE disclosures (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        disclosed_on TEXT NOT NULL,
        recipient TEXT NOT NULL,
        legal_basis TEXT NOT NULL,
        what_shared TEXT NOT NULL,
        client_informed_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX disclosures_client ON disclosures (client_id);

      -- Article 2.17: agreements with guardians of minors and vulnerable adults.
      CREATE TABLE guardians (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        relation TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        shared TEXT NOT NULL DEFAULT '',
        not_shared TEXT NOT NULL DEFAULT '',
        consent_on TEXT,
        review_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX guardians_client ON guardians (client_id);

      -- seq is the stable integer key the full-text index points at; VACUUM may renumber
      -- an implicit rowid, never an INTEGER PRIMARY KEY.
      CREATE TABLE sessions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        starts_at TEXT NOT NULL,
        duration_minutes INTEGER,
        form TEXT NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        reflection TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_client ON sessions (client_id, starts_at);

      -- remove_diacritics 2 folds ë to e (also in queries), so 'client' finds 'cliënt'.
      CREATE VIRTUAL TABLE sessions_fts USING fts5 (
        notes, reflection, tags,
        content = 'sessions', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER sessions_fts_insert AFTER INSERT ON sessions BEGIN
        INSERT INTO sessions_fts (rowid, notes, reflection, tags)
        VALUES (new.seq, new.notes, new.reflection, new.tags);
      END;
      CREATE TRIGGER sessions_fts_delete AFTER DELETE ON sessions BEGIN
        INSERT INTO sessions_fts (sessions_fts, rowid, notes, reflection, tags)
        VALUES ('delete', old.seq, old.notes, old.reflection, old.tags);
      END;
      CREATE TRIGGER sessions_fts_update AFTER UPDATE OF notes, reflection, tags ON sessions BEGIN
        INSERT INTO sessions_fts (sessions_fts, rowid, notes, reflection, tags)
        VALUES ('delete', old.seq, old.notes, old.reflection, old.tags);
        INSERT INTO sessions_fts (rowid, notes, reflection, tags)
        VALUES (new.seq, new.notes, new.reflection, new.tags);
      END;

      -- Articles 2.20-2.24.
      CREATE TABLE conflicts (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        description TEXT NOT NULL,
        identified_on TEXT NOT NULL,
        discussed_on TEXT,
        resolution TEXT NOT NULL DEFAULT '',
        resolved_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conflicts_client ON conflicts (client_id);

      -- Articles 2.26, 4.1.
      CREATE TABLE referrals (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        referred_on TEXT NOT NULL,
        referred_to TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        client_agreed INTEGER NOT NULL DEFAULT 0 CHECK (client_agreed IN (0, 1)),
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX referrals_client ON referrals (client_id);

      -- Articles 2.25-2.27.
      CREATE TABLE endings (
        client_id TEXT PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
        ended_on TEXT NOT NULL,
        initiated_by TEXT NOT NULL CHECK (initiated_by IN ('client', 'coach', 'mutual', 'sponsor')),
        reason TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',
        retention_until TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
        description TEXT NOT NULL,
        due_on TEXT,
        done_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX follow_ups_client ON follow_ups (client_id);

      -- Article 4.6.
      CREATE TABLE development_log (
        id TEXT PRIMARY KEY,
        activity_on TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        hours REAL CHECK (hours IS NULL OR hours >= 0),
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- Article 4.8.
      CREATE TABLE feedback (
        id TEXT PRIMARY KEY,
        client_id TEXT REFERENCES clients (id) ON DELETE CASCADE,
        received_on TEXT NOT NULL,
        source TEXT NOT NULL,
        summary TEXT NOT NULL,
        actions TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX feedback_client ON feedback (client_id);
    `);
  },
};
