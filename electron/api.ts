import { z } from 'zod';
import type { AuditEntry, AuditVerification } from '../db/audit';
import type { PassphraseStrength } from '../db/passphrase-policy';
import { recordId, shortText } from './contract/fields';
import {
  type Attachment,
  type Client,
  type Confidentiality,
  type Conflict,
  type Contract,
  clientFields,
  clientStatus,
  confidentialityFields,
  conflictFields,
  contractFields,
  type Development,
  type Disclosure,
  developmentFields,
  disclosureFields,
  type Ending,
  endingFields,
  eraseReason,
  type Feedback,
  type FollowUp,
  feedbackFields,
  followUpFields,
  type Guardian,
  guardianFields,
  MAX_ATTACHMENT_BYTES,
  type Person,
  type Practice,
  personFields,
  practiceFields,
  type Referral,
  referralFields,
  type Session,
  type SessionSummary,
  type Settings,
  type SupervisionMeeting,
  sessionFields,
  settingsFields,
  supervisionFields,
} from './contract/records';
import type { AnonymisedText, Flag, Replacement } from './services/anonymise';
import type { BackupInfo, BackupStatus, FoundBackups } from './services/backups/backup-service';
import { folderPathProblem } from './services/backups/folder-path';
import type { CaseSummary } from './services/case-summaries';
import type { Duty, DutyState } from './services/compliance/types';
import type {
  ContinuityStatus,
  DownloadChunk,
  HandoverJob,
  HandoverKey,
  LetterTemplate,
  ShareCheck,
} from './services/handover/api-types';
import { continuityInputs, handoverInputs } from './services/handover/contract';
import type { EligibleClient } from './services/supervision';
import type { NamedClient } from './services/supervision-names';

/**
 * The contract between the UI and the main process: every method once, with the zod
 * schema its input must pass and the type of what it returns. The dispatcher validates
 * every call against these schemas; the renderer imports only types from here (and the
 * field schemas, for its forms).
 */

export type * from './contract/records';
export type * from './services/handover/api-types';
export type {
  AnonymisedText,
  AuditEntry,
  AuditVerification,
  BackupInfo,
  BackupStatus,
  CaseSummary,
  Duty,
  DutyState,
  EligibleClient,
  Flag,
  FoundBackups,
  NamedClient,
  PassphraseStrength,
  Replacement,
};

type Output<T> = { readonly output?: T };
function returns<T>() {
  return <I extends z.ZodType>(input: I): { readonly input: I } & Output<T> => ({ input });
}

const none = z.object({}).strict();
const byId = z.object({ id: recordId }).strict();
const byClient = z.object({ clientId: recordId }).strict();
const passphrase = z.string().min(1).max(1024);
const backupId = z.string().regex(/^dossierkluis-[0-9a-f]{8}-[0-9TZ-]{10,40}$/);
const recoveryKey = z.string().max(200);
/** A typed folder (browser mode); the refinement's message names what is needed. */
const backupFolderPath = z
  .string()
  .min(1)
  .max(4096)
  .superRefine((value, ctx) => {
    const problem = folderPathProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `folder-${problem}` });
  });
/** The desktop app passes a token from the native folder dialog instead of a path. */
const backupFolder = z.union([
  z.object({ path: backupFolderPath }).strict(),
  z.object({ folderToken: z.string().regex(/^[A-Za-z0-9_-]{24}$/) }).strict(),
]);
/** What proves the coach may replace the vault that exists now (checked by its key file). */
const vaultSecret = z.union([
  z.object({ passphrase }).strict(),
  z.object({ recoveryKey }).strict(),
]);

/** A create input: the record's fields plus the client it belongs to. */
function forClient<T extends z.ZodRawShape>(fields: z.ZodObject<T>) {
  return fields.extend({ clientId: recordId }).strict();
}
/** An update input: the id and any subset of the fields. */
function patch<T extends z.ZodRawShape>(fields: z.ZodObject<T>) {
  return fields.partial().extend({ id: recordId }).strict();
}

export interface ClientSummary {
  id: string;
  pseudonym: string;
  firstName: string;
  lastName: string;
  status: Client['status'];
  isMinor: boolean;
  isVulnerableAdult: boolean;
  sessionCount: number;
  lastSessionAt: string | null;
  openDuties: number;
  overdueDuties: number;
  worstDuty: DutyState;
}

export interface Dossier {
  client: Client;
  people: Person[];
  contract: Contract | null;
  confidentiality: Confidentiality | null;
  disclosures: Disclosure[];
  guardians: Guardian[];
  sessions: SessionSummary[];
  conflicts: Conflict[];
  referrals: Referral[];
  ending: Ending | null;
  followUps: FollowUp[];
  feedback: Feedback[];
  attachments: Attachment[];
  duties: Duty[];
}

export interface SearchHit {
  sessionId: string;
  clientId: string;
  pseudonym: string;
  clientName: string;
  startsAt: string;
  /** Text around the match; the matched words are wrapped in \u0002 … \u0003. */
  snippet: string;
}

export type VaultState = 'none' | 'locked' | 'unlocked';

export const api = {
  'vault.status': returns<{ state: VaultState }>()(none),
  'vault.assessPassphrase': returns<PassphraseStrength>()(z.object({ passphrase }).strict()),
  'vault.create': returns<{ recoveryKey: string }>()(z.object({ passphrase }).strict()),
  'vault.unlock': returns<{ state: VaultState }>()(vaultSecret),
  'vault.lock': returns<{ state: VaultState }>()(none),
  'vault.changePassphrase': returns<{ changed: true }>()(
    z.object({ current: passphrase, next: passphrase }).strict(),
  ),
  /**
   * A new data key, key slots and recovery key, for when a passphrase or recovery key may
   * be known to someone else. `passphrase` is today's, re-entered; `next` optionally
   * replaces it. The new recovery key is returned once.
   */
  'vault.rotateKeys': returns<{ recoveryKey: string }>()(
    z.object({ passphrase, next: passphrase.optional() }).strict(),
  ),
  /** For a forgotten passphrase: the recovery key sets a new one, without unlocking. */
  'vault.resetPassphrase': returns<{ changed: true }>()(
    z.object({ recoveryKey: z.string().max(200), next: passphrase }).strict(),
  ),

  'practice.get': returns<{ practice: Practice; duties: Duty[] }>()(none),
  'practice.update': returns<Practice>()(practiceFields.partial().strict()),
  'practice.setCodeDocument': returns<Practice>()(
    z.object({ attachmentId: recordId.nullable() }).strict(),
  ),
  'settings.get': returns<Settings>()(none),
  'settings.update': returns<Settings>()(settingsFields.partial().strict()),

  'clients.list': returns<ClientSummary[]>()(
    z
      .object({
        query: z.string().max(200).optional(),
        status: clientStatus.optional(),
        minorsOnly: z.boolean().optional(),
        openDutiesOnly: z.boolean().optional(),
      })
      .strict(),
  ),
  'clients.get': returns<Dossier>()(byId),
  'clients.create': returns<Client>()(clientFields.strict()),
  'clients.update': returns<Client>()(patch(clientFields)),
  'clients.erase': returns<{ pseudonym: string }>()(
    z
      .object({
        id: recordId,
        /** Erasing before the retention date needs a reason, which is audited. */
        override: z.object({ reason: eraseReason }).strict().nullable(),
      })
      .strict(),
  ),

  'people.create': returns<Person>()(forClient(personFields)),
  'people.update': returns<Person>()(patch(personFields)),
  'people.delete': returns<{ deleted: true }>()(byId),

  'contract.save': returns<Contract>()(forClient(contractFields)),
  'confidentiality.save': returns<Confidentiality>()(forClient(confidentialityFields)),

  'disclosures.create': returns<Disclosure>()(forClient(disclosureFields)),
  'disclosures.update': returns<Disclosure>()(patch(disclosureFields)),

  'guardians.create': returns<Guardian>()(forClient(guardianFields)),
  'guardians.update': returns<Guardian>()(patch(guardianFields)),
  'guardians.delete': returns<{ deleted: true }>()(byId),

  'sessions.get': returns<Session>()(byId),
  'sessions.create': returns<Session>()(forClient(sessionFields)),
  'sessions.update': returns<Session>()(patch(sessionFields)),
  'sessions.delete': returns<{ deleted: true }>()(byId),
  'sessions.search': returns<SearchHit[]>()(
    z
      .object({
        query: z.string().trim().min(1).max(200),
        clientId: recordId.optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ),

  'conflicts.create': returns<Conflict>()(forClient(conflictFields)),
  'conflicts.update': returns<Conflict>()(patch(conflictFields)),
  'conflicts.delete': returns<{ deleted: true }>()(byId),

  'referrals.create': returns<Referral>()(forClient(referralFields)),
  'referrals.update': returns<Referral>()(patch(referralFields)),
  'referrals.delete': returns<{ deleted: true }>()(byId),

  'ending.save': returns<Ending>()(forClient(endingFields)),
  /** Reopens a dossier that was ended by mistake. */
  'ending.remove': returns<{ deleted: true }>()(byClient),
  'followUps.create': returns<FollowUp>()(forClient(followUpFields)),
  'followUps.update': returns<FollowUp>()(patch(followUpFields)),
  'followUps.delete': returns<{ deleted: true }>()(byId),

  'development.list': returns<Development[]>()(none),
  'development.create': returns<Development>()(developmentFields.strict()),
  'development.update': returns<Development>()(patch(developmentFields)),
  'development.delete': returns<{ deleted: true }>()(byId),

  'feedback.list': returns<Feedback[]>()(none),
  'feedback.create': returns<Feedback>()(
    feedbackFields.extend({ clientId: recordId.nullable() }).strict(),
  ),
  'feedback.update': returns<Feedback>()(patch(feedbackFields)),
  'feedback.delete': returns<{ deleted: true }>()(byId),

  'attachments.add': returns<Attachment>()(
    z
      .object({
        clientId: recordId.nullable(),
        sessionId: recordId.nullable(),
        name: shortText.min(1),
        mediaType: z
          .string()
          .max(200)
          .regex(/^[\w.+-]+\/[\w.+-]+$/),
        // base64 of at most 50 MiB: 4/3 of the bytes.
        contentBase64: z
          .string()
          .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
        /** The record that links to the file, linked in the same transaction as the upload. */
        linkAs: z.enum(['signed-copy', 'code-document']).optional(),
      })
      .strict(),
  ),
  'attachments.list': returns<Attachment[]>()(z.object({ clientId: recordId.nullable() }).strict()),
  'attachments.content': returns<{ name: string; mediaType: string; contentBase64: string }>()(
    byId,
  ),
  'attachments.delete': returns<{ deleted: true }>()(byId),

  'audit.list': returns<AuditEntry[]>()(
    z
      .object({
        beforeSeq: z.number().int().min(1).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ),
  'audit.verify': returns<AuditVerification>()(none),

  'supervision.list': returns<SupervisionMeeting[]>()(none),
  'supervision.eligibleClients': returns<EligibleClient[]>()(none),
  /** Which clients the texts of a meeting name, so the UI can warn before they are saved. */
  'supervision.findNames': returns<NamedClient[]>()(
    z.object({ texts: z.array(z.string().max(20_000)).max(10) }).strict(),
  ),
  'supervision.create': returns<SupervisionMeeting>()(supervisionFields.strict()),
  'supervision.update': returns<SupervisionMeeting>()(patch(supervisionFields)),
  'supervision.delete': returns<{ deleted: true }>()(byId),

  /** The coach's selection, anonymised, with the original beside it for review. */
  'summaries.prepare': returns<{ original: string; anonymised: AnonymisedText }>()(
    z
      .object({
        clientId: recordId,
        sessionIds: z.array(recordId).max(100),
        text: z.string().max(200_000),
      })
      .strict(),
  ),
  /** Stores the reviewed text; refused while it still holds a known identifier. */
  'summaries.finalize': returns<CaseSummary>()(
    z
      .object({
        clientId: recordId,
        title: z.string().trim().min(1).max(200),
        text: z.string().min(1).max(200_000),
      })
      .strict(),
  ),
  'summaries.list': returns<CaseSummary[]>()(byClient),
  'summaries.delete': returns<{ deleted: true }>()(byId),
  'summaries.export': returns<{ fileName: string; mediaType: string; contentBase64: string }>()(
    z.object({ id: recordId, format: z.enum(['markdown', 'pdf']) }).strict(),
  ),

  'backups.status': returns<BackupStatus>()(none),
  'backups.setFolder': returns<BackupStatus>()(backupFolder),
  /** Lists the backups in a folder without choosing it (restoring at a locked or new app). */
  'backups.find': returns<FoundBackups>()(backupFolder),
  'backups.run': returns<BackupInfo>()(none),
  'backups.verify': returns<BackupInfo & { ok: boolean }>()(z.object({ id: backupId }).strict()),
  /**
   * Locks the vault and puts the backup in its place; the coach then unlocks it. While a
   * vault exists, `secret` must open it (its current key file). `folder` is where the
   * backup is when that is not the chosen backup folder (see `backups.find`).
   */
  'backups.restore': returns<{ state: VaultState; asideDir: string | null }>()(
    z
      .object({
        id: backupId,
        folder: backupFolder.optional(),
        secret: vaultSecret.optional(),
      })
      .strict(),
  ),
  'backups.purgeErased': returns<{ purged: number; backups: number }>()(none),
  /** After the notice that the list of erasures no longer opens: the coach has checked. */
  'backups.settleErasures': returns<{ settled: boolean }>()(none),

  // Handover and continuity (2.28). Long work returns a jobId at once: poll
  // handover.progress, cancel with handover.cancel, fetch files with handover.download.
  // Paths come only as tokens from the shell's dialogs (services/handover/file-grants.ts).
  'handover.key': returns<HandoverKey>()(handoverInputs.key),
  'handover.export': returns<{ jobId: string }>()(handoverInputs.export),
  'handover.accessExport': returns<{ jobId: string }>()(handoverInputs.accessExport),
  'handover.progress': returns<HandoverJob>()(handoverInputs.progress),
  'handover.jobs': returns<HandoverJob[]>()(handoverInputs.jobs),
  'handover.cancel': returns<{ cancelled: boolean }>()(handoverInputs.cancel),
  'handover.discard': returns<{ discarded: true }>()(handoverInputs.discard),
  'handover.download': returns<DownloadChunk>()(handoverInputs.download),
  'handover.uploadBegin': returns<{ uploadId: string; chunkBytes: number }>()(
    handoverInputs.uploadBegin,
  ),
  'handover.uploadChunk': returns<{ received: number; complete: boolean }>()(
    handoverInputs.uploadChunk,
  ),
  'handover.uploadDiscard': returns<{ discarded: true }>()(handoverInputs.uploadDiscard),
  'handover.inspect': returns<{ jobId: string }>()(handoverInputs.inspect),
  'handover.import': returns<{ jobId: string }>()(handoverInputs.import),
  'handover.discardInspection': returns<{ discarded: true }>()(handoverInputs.discardInspection),
  'handover.letterTemplate': returns<LetterTemplate>()(handoverInputs.letterTemplate),
  'handover.saveLetterTemplate': returns<LetterTemplate>()(handoverInputs.saveLetterTemplate),
  'continuity.get': returns<ContinuityStatus>()(continuityInputs.get),
  'continuity.savePlan': returns<ContinuityStatus>()(continuityInputs.savePlan),
  'continuity.setBundleFolder': returns<ContinuityStatus>()(continuityInputs.setBundleFolder),
  'continuity.checkShare': returns<ShareCheck>()(continuityInputs.checkShare),
  'continuity.issueKit': returns<{ jobId: string }>()(continuityInputs.issueKit),
  'continuity.keeperSheet': returns<{ jobId: string }>()(continuityInputs.keeperSheet),
  'continuity.finishHandout': returns<ContinuityStatus>()(continuityInputs.finishHandout),
  'continuity.refresh': returns<{ jobId: string }>()(continuityInputs.refresh),
  'continuity.drill': returns<{ jobId: string }>()(continuityInputs.drill),
  'continuity.recover': returns<{ jobId: string }>()(continuityInputs.recover),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.infer<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Api[M]['output']>;

export const methodNames = Object.keys(api) as MethodName[];

/**
 * When a method may run: 'unlocked' (the default) only with the vault open; 'open' at
 * any time; 'setup' with the vault open or before any vault exists (a new computer),
 * never at a locked vault, where whoever sits at the screen is not known to be the coach.
 */
export type Access = 'open' | 'unlocked' | 'setup';

const accessKinds: Partial<Record<MethodName, Access>> = {
  'vault.status': 'open',
  'vault.assessPassphrase': 'open',
  'vault.create': 'open',
  'vault.unlock': 'open',
  'vault.lock': 'open',
  'vault.resetPassphrase': 'open',
  // Restoring is what a coach does when the vault will not open, or on a new computer;
  // over an existing vault the restore itself asks for its passphrase or recovery key.
  'backups.status': 'open',
  'backups.find': 'open',
  'backups.restore': 'open',
  // Pointing the automatic backups elsewhere (a stranger's USB stick, a share) is a
  // change to the vault's protection: only with it open, or while none exists yet.
  'backups.setFolder': 'setup',
};

export function accessOf(method: MethodName): Access {
  return accessKinds[method] ?? 'unlocked';
}

/** May `method` run with the vault in `state`? */
export function isAllowed(method: MethodName, state: VaultState): boolean {
  const kind = accessOf(method);
  if (kind === 'open') return true;
  if (kind === 'setup') return state !== 'locked';
  return state === 'unlocked';
}

/** Methods that never write: everything else marks the vault changed since the last backup. */
export function isReadOnly(method: MethodName): boolean {
  return /\.(get|list|search|verify|status|content|assessPassphrase|findNames)$/.test(method);
}

export const apiErrorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'RETENTION_NOT_PASSED',
  'TOO_LARGE',
  'WRONG_SECRET',
  'RECOVERY_KEY_INVALID',
  'WEAK_PASSPHRASE',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_DAMAGED',
  'VAULT_TOO_NEW',
  'VAULT_IN_USE',
  'DISK_FULL',
  'CONSENT_MISSING',
  'IDENTIFIERS_REMAIN',
  'BACKUP_NO_FOLDER',
  'BACKUP_FAILED',
  'BACKUP_DAMAGED',
  'FOLDER_NOT_WRITABLE',
  'UNKNOWN_METHOD',
  'INTERNAL',
  'BUNDLE_WRONG_KEY',
  'BUNDLE_DAMAGED',
  'BUNDLE_UNSUPPORTED',
  'BUNDLE_UNSAFE',
  'BUNDLE_MISMATCH',
  'SHARE_INVALID',
  'SHARES_INSUFFICIENT',
  'SHARES_MISMATCH',
  'CONTINUITY_NOT_READY',
  'CANCELLED',
  'TARGET_UNAVAILABLE',
  /** A key file or bundle asks for more passphrase-KDF work than the app ever writes. */
  'KDF_TOO_COSTLY',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export interface ApiIssue {
  /** Dotted path of the field, e.g. 'firstName'. */
  path: string;
  /** zod's issue code, or the custom message key of a refinement ('date', 'required'). */
  code: string;
}

export interface ApiErrorPayload {
  code: ApiErrorCode;
  /** i18n key: 'errors.<code>'. */
  messageKey: string;
  issues?: ApiIssue[];
  detail?: Record<string, string | number>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };
