import type { Migration } from './types';

/**
 * Handover and continuity (article 2.28, DESIGN.md 'Continuity'). The vault keeps:
 * - its own handover key pair, so a predecessor can encrypt a bundle to this practice;
 * - the continuity plan (successors, keepers, instructions, the bundle folder) and the
 *   closure letter template;
 * - the metadata of each emergency kit issued: the continuity PUBLIC key, k of n, keepers.
 *   Never the continuity secret, never a share: those exist only on the printed pages;
 * - the drills and the state of the continuity bundle on disk;
 * - a staging area for imports, so a large bundle is verified and staged piece by piece
 *   and then moved into the dossier tables in one transaction (memory stays flat).
 */
export const migration060Continuity: Migration = {
  version: 60,
  name: 'continuity',
  up: (db) => {
    db.exec(`
      -- The vault's own age X25519 identity for incoming handovers. The secret half lives
      -- only here, inside the encrypted database.
      CREATE TABLE handover_keys (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        identity TEXT NOT NULL,
        recipient TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE continuity_plan (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        successors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(successors)),
        keepers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keepers)),
        custodian_instructions TEXT NOT NULL DEFAULT '',
        who_to_inform TEXT NOT NULL DEFAULT '',
        insurer TEXT NOT NULL DEFAULT '',
        bundle_location_note TEXT NOT NULL DEFAULT '',
        -- The folder the coach chose for the continuity bundle (absolute path), or NULL.
        bundle_dir TEXT,
        -- NULL: the built-in template.
        closure_letter_template TEXT,
        updated_at TEXT
      ) STRICT;

      CREATE TABLE continuity_kits (
        kit_id TEXT PRIMARY KEY,
        recipient TEXT NOT NULL,
        threshold INTEGER NOT NULL CHECK (threshold >= 2),
        share_count INTEGER NOT NULL CHECK (share_count >= threshold AND share_count <= 10),
        keepers TEXT NOT NULL CHECK (json_valid(keepers)),
        issued_at TEXT NOT NULL,
        replaced_at TEXT
      ) STRICT;

      CREATE TABLE continuity_drills (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kit_id TEXT,
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        outcome TEXT NOT NULL,
        bundle_created_at TEXT,
        clients INTEGER
      ) STRICT;

      -- What the continuity bundle on disk holds, and the last failure to refresh it.
      CREATE TABLE continuity_bundle (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        written_at TEXT,
        fingerprint TEXT,
        kit_id TEXT,
        clients INTEGER,
        bytes INTEGER,
        trigger TEXT,
        failed_at TEXT,
        failure TEXT,
        failure_trigger TEXT
      ) STRICT;

      CREATE TABLE handover_staging (
        seq INTEGER PRIMARY KEY,
        import_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('dossier', 'attachment')),
        payload BLOB NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta))
      ) STRICT;
      CREATE INDEX handover_staging_import ON handover_staging (import_id, seq);
    `);
  },
};
