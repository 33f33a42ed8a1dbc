import { existsSync } from 'node:fs';
import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import type { Practice } from '../contract/records';
import { ApiError } from './api-error';
import { readVaultConfig } from './backups/backup-config';
import { listBackupFiles } from './backups/backup-files';
import { localDay } from './clock';
import { type Duty, practiceDuties } from './compliance';
import type { ServiceContext } from './context';
import { continuityFacts } from './continuity/plan';
import { getSettings } from './settings';
import { lastSupervisionOn } from './supervision';

interface PracticeRow {
  coach_name: string;
  licence_number: string;
  organisation: string;
  email: string;
  phone: string;
  address: string;
  insurer: string;
  insurance_policy: string;
  insurance_expires_on: string | null;
  supervisors: string;
  complaints_procedure: string;
  code_document_id: string | null;
  updated_at: string | null;
}

const EMPTY: Practice = {
  coachName: '',
  licenceNumber: '',
  organisation: '',
  email: '',
  phone: '',
  address: '',
  insurer: '',
  insurancePolicy: '',
  insuranceExpiresOn: null,
  supervisors: '',
  complaintsProcedure: '',
  codeDocumentId: null,
  updatedAt: null,
};

export function getPractice(db: SqliteDatabase): Practice {
  const row = prepared(db, 'SELECT * FROM practice WHERE id = 1').get() as PracticeRow | undefined;
  if (!row) return EMPTY;
  return {
    coachName: row.coach_name,
    licenceNumber: row.licence_number,
    organisation: row.organisation,
    email: row.email,
    phone: row.phone,
    address: row.address,
    insurer: row.insurer,
    insurancePolicy: row.insurance_policy,
    insuranceExpiresOn: row.insurance_expires_on,
    supervisors: row.supervisors,
    complaintsProcedure: row.complaints_procedure,
    codeDocumentId: row.code_document_id,
    updatedAt: row.updated_at,
  };
}

export function updatePractice(ctx: ServiceContext, changes: Partial<Practice>): Practice {
  const next = { ...getPractice(ctx.db), ...changes, updatedAt: ctx.now().toISOString() };
  prepared(
    ctx.db,
    `INSERT INTO practice (id, coach_name, licence_number, organisation, email, phone, address,
       insurer, insurance_policy, insurance_expires_on, supervisors, complaints_procedure,
       code_document_id, updated_at)
     VALUES (1, @coachName, @licenceNumber, @organisation, @email, @phone, @address, @insurer,
       @insurancePolicy, @insuranceExpiresOn, @supervisors, @complaintsProcedure,
       @codeDocumentId, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET coach_name = excluded.coach_name,
       licence_number = excluded.licence_number, organisation = excluded.organisation,
       email = excluded.email, phone = excluded.phone, address = excluded.address,
       insurer = excluded.insurer, insurance_policy = excluded.insurance_policy,
       insurance_expires_on = excluded.insurance_expires_on, supervisors = excluded.supervisors,
       complaints_procedure = excluded.complaints_procedure,
       code_document_id = excluded.code_document_id, updated_at = excluded.updated_at`,
  ).run(next);
  return next;
}

export function setCodeDocument(ctx: ServiceContext, attachmentId: string | null): Practice {
  if (attachmentId !== null) {
    const row = prepared(ctx.db, 'SELECT client_id FROM attachments WHERE id = ?').get(
      attachmentId,
    ) as { client_id: string | null } | undefined;
    if (!row) throw new ApiError('NOT_FOUND', 'No such attachment.', { what: 'attachment' });
    if (row.client_id !== null) {
      throw new ApiError('CONFLICT', 'The code document must be a practice document.');
    }
  }
  return updatePractice(ctx, { codeDocumentId: attachmentId });
}

/** The practice's own duties; supervision and continuity facts join as their features land. */
export function practiceCompliance(ctx: ServiceContext): Duty[] {
  const practice = getPractice(ctx.db);
  const settings = getSettings(ctx.db);
  const lastSupervision = lastSupervisionOn(ctx.db);
  const { backupFolder } = readVaultConfig(ctx.vaultDir);
  const vaultId = (
    prepared(ctx.db, "SELECT value FROM meta WHERE key = 'vault_id'").get() as
      | { value: string }
      | undefined
  )?.value;
  const newest = backupFolder ? listBackupFiles(backupFolder, vaultId)[0] : undefined;
  return practiceDuties({
    backup: {
      folderSet: backupFolder !== null,
      folderAvailable: backupFolder !== null && existsSync(backupFolder),
      ...(newest ? { lastGoodOn: localDay(new Date(newest.meta.verifiedAt)) } : {}),
      warnDays: settings.backupWarnDays,
    },
    today: localDay(ctx.now()),
    ...(practice.insuranceExpiresOn
      ? { insurance: { expiresOn: practice.insuranceExpiresOn } }
      : {}),
    supervisionMaxMonths: settings.supervisionMaxMonths,
    ...(lastSupervision ? { lastSupervisionOn: lastSupervision } : {}),
    ...continuityFacts(ctx.db),
  });
}
