import { createHash, randomUUID } from 'node:crypto';
import type { AuditDetails } from '../../../db/audit';
import type { SqliteDatabase } from '../../../db/connection';
import { prepared } from '../../../db/statements';
import { localDay } from '../clock';
import type { PracticeFacts } from '../compliance/types';
import type { ContinuityPlanFields } from '../handover/contract';
import { HandoverError } from '../handover/errors';
import { parseRecipient } from '../handover/keys';

/**
 * The continuity plan of article 2.28 and what the vault knows about the emergency kit,
 * the drills and the continuity bundle on disk. Kit metadata holds the continuity PUBLIC
 * key only: the secret exists, split, on the keepers' printed pages and nowhere else.
 */

export const CONTINUITY_FILE = 'dossierkluis-continuiteit.age';
export const CONTINUITY_README = 'dossierkluis-continuiteit-LEESMIJ.txt';

export { type ContinuityPlanFields, continuityPlanFields } from '../handover/contract';

export interface Successor {
  id: string;
  name: string;
  organisation: string;
  email: string;
  phone: string;
  recipient: string;
  notes: string;
}
export interface Keeper {
  id: string;
  name: string;
  role: string;
  email: string;
  phone: string;
  notes: string;
}

export interface ContinuityPlan {
  successors: Successor[];
  keepers: Keeper[];
  custodianInstructions: string;
  whoToInform: string;
  insurer: string;
  bundleLocationNote: string;
  /** The folder the coach chose for the continuity bundle. */
  bundleFolder: string | null;
  updatedAt: string | null;
}

export interface KitInfo {
  kitId: string;
  /** The continuity public key (age1…); bundles are encrypted to it. */
  recipient: string;
  threshold: number;
  count: number;
  keepers: { number: number; name: string }[];
  issuedAt: string;
}

interface PlanRow {
  successors: string;
  keepers: string;
  custodian_instructions: string;
  who_to_inform: string;
  insurer: string;
  bundle_location_note: string;
  bundle_dir: string | null;
  closure_letter_template: string | null;
  updated_at: string | null;
}

function planRow(db: SqliteDatabase): PlanRow | undefined {
  return prepared(db, 'SELECT * FROM continuity_plan WHERE id = 1').get() as PlanRow | undefined;
}

export function getPlan(db: SqliteDatabase): ContinuityPlan {
  const row = planRow(db);
  return {
    successors: row ? (JSON.parse(row.successors) as Successor[]) : [],
    keepers: row ? (JSON.parse(row.keepers) as Keeper[]) : [],
    custodianInstructions: row?.custodian_instructions ?? '',
    whoToInform: row?.who_to_inform ?? '',
    insurer: row?.insurer ?? '',
    bundleLocationNote: row?.bundle_location_note ?? '',
    bundleFolder: row?.bundle_dir ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

function ensureRow(db: SqliteDatabase): void {
  prepared(db, 'INSERT INTO continuity_plan (id) VALUES (1) ON CONFLICT (id) DO NOTHING').run();
}

export interface Recorder {
  readonly db: SqliteDatabase;
  readonly now: Date;
  readonly audit: (action: string, subject: string | null, details?: AuditDetails) => void;
}

export function savePlan(rec: Recorder, fields: ContinuityPlanFields): ContinuityPlan {
  const successors: Successor[] = fields.successors.map((s) => ({
    ...s,
    id: s.id ?? randomUUID(),
    recipient: s.recipient.trim() === '' ? '' : parseRecipient(s.recipient),
  }));
  const keepers: Keeper[] = fields.keepers.map((k) => ({ ...k, id: k.id ?? randomUUID() }));
  ensureRow(rec.db);
  prepared(
    rec.db,
    `UPDATE continuity_plan SET successors = ?, keepers = ?, custodian_instructions = ?,
       who_to_inform = ?, insurer = ?, bundle_location_note = ?, updated_at = ? WHERE id = 1`,
  ).run(
    JSON.stringify(successors),
    JSON.stringify(keepers),
    fields.custodianInstructions,
    fields.whoToInform,
    fields.insurer,
    fields.bundleLocationNote,
    rec.now.toISOString(),
  );
  rec.audit('continuity.plan-saved', null, {
    successors: successors.length,
    keepers: keepers.length,
  });
  return getPlan(rec.db);
}

export function setBundleFolder(rec: Recorder, folder: string | null): void {
  ensureRow(rec.db);
  prepared(rec.db, 'UPDATE continuity_plan SET bundle_dir = ? WHERE id = 1').run(folder);
  // A bundle in the old folder says nothing about the new one.
  prepared(rec.db, 'DELETE FROM continuity_bundle').run();
  rec.audit('continuity.folder-set', null, { set: folder !== null });
}

export function closureLetterTemplate(db: SqliteDatabase): string | null {
  return planRow(db)?.closure_letter_template ?? null;
}

export function setClosureLetterTemplate(db: SqliteDatabase, template: string | null): void {
  ensureRow(db);
  prepared(db, 'UPDATE continuity_plan SET closure_letter_template = ? WHERE id = 1').run(template);
}

interface KitRow {
  kit_id: string;
  recipient: string;
  threshold: number;
  share_count: number;
  keepers: string;
  issued_at: string;
}

export function currentKit(db: SqliteDatabase): KitInfo | null {
  const row = prepared(
    db,
    'SELECT * FROM continuity_kits WHERE replaced_at IS NULL ORDER BY issued_at DESC LIMIT 1',
  ).get() as KitRow | undefined;
  if (!row) return null;
  return {
    kitId: row.kit_id,
    recipient: row.recipient,
    threshold: row.threshold,
    count: row.share_count,
    keepers: JSON.parse(row.keepers) as KitInfo['keepers'],
    issuedAt: row.issued_at,
  };
}

/** Records a new kit; the one before it no longer counts (its bundle is replaced next). */
export function recordKit(rec: Recorder, kit: KitInfo): void {
  const at = rec.now.toISOString();
  prepared(rec.db, 'UPDATE continuity_kits SET replaced_at = ? WHERE replaced_at IS NULL').run(at);
  prepared(
    rec.db,
    `INSERT INTO continuity_kits (kit_id, recipient, threshold, share_count, keepers, issued_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    kit.kitId,
    kit.recipient,
    kit.threshold,
    kit.count,
    JSON.stringify(kit.keepers),
    kit.issuedAt,
  );
  rec.audit('continuity.kit-issued', null, {
    kitId: kit.kitId,
    threshold: kit.threshold,
    shares: kit.count,
  });
}

export interface DrillRecord {
  at: string;
  kitId: string | null;
  ok: boolean;
  outcome: string;
  bundleCreatedAt: string | null;
  clients: number | null;
}

export function recordDrill(rec: Recorder, drill: DrillRecord): void {
  prepared(
    rec.db,
    `INSERT INTO continuity_drills (at, kit_id, ok, outcome, bundle_created_at, clients)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    drill.at,
    drill.kitId,
    drill.ok ? 1 : 0,
    drill.outcome,
    drill.bundleCreatedAt,
    drill.clients,
  );
  rec.audit('continuity.drill', null, {
    ok: drill.ok,
    outcome: drill.outcome,
    kitId: drill.kitId,
    clients: drill.clients,
  });
}

export function lastDrill(db: SqliteDatabase, okOnly = false): DrillRecord | null {
  const row = prepared(
    db,
    `SELECT at, kit_id, ok, outcome, bundle_created_at, clients FROM continuity_drills
     ${okOnly ? 'WHERE ok = 1' : ''} ORDER BY at DESC, id DESC LIMIT 1`,
  ).get() as
    | {
        at: string;
        kit_id: string | null;
        ok: number;
        outcome: string;
        bundle_created_at: string | null;
        clients: number | null;
      }
    | undefined;
  if (!row) return null;
  return {
    at: row.at,
    kitId: row.kit_id,
    ok: row.ok === 1,
    outcome: row.outcome,
    bundleCreatedAt: row.bundle_created_at,
    clients: row.clients,
  };
}

export interface BundleState {
  writtenAt: string | null;
  fingerprint: string | null;
  kitId: string | null;
  clients: number | null;
  bytes: number | null;
  trigger: string | null;
  failedAt: string | null;
  failure: string | null;
  failureTrigger: string | null;
}

export function bundleState(db: SqliteDatabase): BundleState {
  const row = prepared(db, 'SELECT * FROM continuity_bundle WHERE id = 1').get() as
    | {
        written_at: string | null;
        fingerprint: string | null;
        kit_id: string | null;
        clients: number | null;
        bytes: number | null;
        trigger: string | null;
        failed_at: string | null;
        failure: string | null;
        failure_trigger: string | null;
      }
    | undefined;
  return {
    writtenAt: row?.written_at ?? null,
    fingerprint: row?.fingerprint ?? null,
    kitId: row?.kit_id ?? null,
    clients: row?.clients ?? null,
    bytes: row?.bytes ?? null,
    trigger: row?.trigger ?? null,
    failedAt: row?.failed_at ?? null,
    failure: row?.failure ?? null,
    failureTrigger: row?.failure_trigger ?? null,
  };
}

export function recordBundleWritten(
  rec: Recorder,
  written: {
    at: string;
    fingerprint: string;
    kitId: string;
    clients: number;
    bytes: number;
    trigger: string;
  },
): void {
  prepared(
    rec.db,
    `INSERT INTO continuity_bundle (id, written_at, fingerprint, kit_id, clients, bytes, trigger)
     VALUES (1, @at, @fingerprint, @kitId, @clients, @bytes, @trigger)
     ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at,
       fingerprint = excluded.fingerprint, kit_id = excluded.kit_id, clients = excluded.clients,
       bytes = excluded.bytes, trigger = excluded.trigger, failed_at = NULL, failure = NULL,
       failure_trigger = NULL`,
  ).run(written);
  rec.audit('continuity.bundle-written', null, {
    trigger: written.trigger,
    clients: written.clients,
    bytes: written.bytes,
    kitId: written.kitId,
  });
}

export function recordBundleFailure(
  rec: Recorder,
  failure: { at: string; code: string; trigger: string },
): void {
  prepared(
    rec.db,
    `INSERT INTO continuity_bundle (id, failed_at, failure, failure_trigger)
     VALUES (1, @at, @code, @trigger)
     ON CONFLICT (id) DO UPDATE SET failed_at = excluded.failed_at, failure = excluded.failure,
       failure_trigger = excluded.failure_trigger`,
  ).run(failure);
  rec.audit('continuity.bundle-failed', null, { trigger: failure.trigger, failure: failure.code });
}

const FINGERPRINT_TABLES = [
  'clients',
  'client_people',
  'contracts',
  'confidentiality_agreements',
  'disclosures',
  'guardians',
  'sessions',
  'conflicts',
  'referrals',
  'endings',
  'follow_ups',
] as const;

/**
 * A cheap fingerprint of everything a continuity bundle holds: per table the row count
 * and the newest change (every service stamps updated_at), the documents' count, newest
 * and total size, the practice profile and settings, and the kit. When it equals the
 * fingerprint of the bundle on disk, locking has nothing to write.
 */
export function dataFingerprint(db: SqliteDatabase, kitId: string): string {
  const parts = FINGERPRINT_TABLES.map(
    (table) =>
      (
        prepared(
          db,
          `SELECT count(*) || '.' || ifnull(max(updated_at), '') AS v FROM ${table}`,
        ).get() as { v: string }
      ).v,
  );
  parts.push(
    (
      prepared(
        db,
        `SELECT count(*) || '.' || ifnull(max(updated_at), '') AS v FROM feedback
         WHERE client_id IS NOT NULL`,
      ).get() as { v: string }
    ).v,
    (
      prepared(
        db,
        `SELECT count(*) || '.' || ifnull(max(created_at), '') || '.' || ifnull(sum(size), 0) AS v
         FROM attachments WHERE client_id IS NOT NULL`,
      ).get() as { v: string }
    ).v,
    (prepared(db, "SELECT ifnull(max(updated_at), '') AS v FROM practice").get() as { v: string })
      .v,
    (
      prepared(
        db,
        "SELECT ifnull(group_concat(key || '=' || value, ';'), '') AS v FROM (SELECT key, value FROM settings ORDER BY key)",
      ).get() as { v: string }
    ).v,
    (
      prepared(db, "SELECT ifnull(max(updated_at), '') AS v FROM continuity_plan").get() as {
        v: string;
      }
    ).v,
    kitId,
  );
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** What the practice compliance engine needs for duties 2.28 (plan and drill), to spread into its facts. */
export function continuityFacts(db: SqliteDatabase): Pick<PracticeFacts, 'continuityPlan'> {
  const plan = getPlan(db);
  if (plan.updatedAt === null) return {};
  const kit = currentKit(db);
  const drill = lastDrill(db, true);
  return {
    continuityPlan: {
      updatedOn: localDay(new Date(plan.updatedAt)),
      ...(drill ? { lastDrillOn: localDay(new Date(drill.at)) } : {}),
      // Keepers count once they hold a share of the kit in force.
      keepers: kit?.count ?? 0,
      successors: plan.successors.length,
      bundleWritten: bundleState(db).writtenAt !== null,
    },
  };
}

export function requireReady(db: SqliteDatabase): {
  plan: ContinuityPlan;
  kit: KitInfo;
  folder: string;
} {
  const plan = getPlan(db);
  const kit = currentKit(db);
  if (!kit) {
    throw new HandoverError('CONTINUITY_NOT_READY', 'No emergency kit has been issued.', {
      missing: 'kit',
    });
  }
  if (!plan.bundleFolder) {
    throw new HandoverError('CONTINUITY_NOT_READY', 'No folder for the continuity bundle.', {
      missing: 'folder',
    });
  }
  return { plan, kit, folder: plan.bundleFolder };
}
