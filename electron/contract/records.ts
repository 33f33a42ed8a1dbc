import { z } from 'zod';
import {
  isoDate,
  isoDateTime,
  longText,
  mediumText,
  optionalDate,
  recordId,
  requiredShortText,
  shortText,
  timestamps,
} from './fields';

/*
 * Every record a coach keeps, as the API returns it. For each record `...Fields` are
 * what a form edits; the record adds its id, owner and timestamps.
 */

export const clientStatus = z.enum(['intake', 'active', 'ended']);

export const clientFields = z.object({
  firstName: requiredShortText,
  lastName: shortText,
  dateOfBirth: optionalDate,
  isMinor: z.boolean(),
  isVulnerableAdult: z.boolean(),
  email: shortText,
  phone: shortText,
  address: shortText,
  sponsorOrganisation: shortText,
  sponsorContact: shortText,
  sponsorEmail: shortText,
  sponsorPhone: shortText,
  status: clientStatus,
  notes: mediumText,
});
export const client = clientFields.extend({
  id: recordId,
  pseudonym: z.string(),
  ...timestamps,
});
export type ClientFields = z.infer<typeof clientFields>;
export type Client = z.infer<typeof client>;

export const personFields = z.object({
  name: requiredShortText,
  relation: shortText,
  notes: mediumText,
});
export const person = personFields.extend({ id: recordId, clientId: recordId, ...timestamps });
export type Person = z.infer<typeof person>;

export const contractFields = z.object({
  startOn: optionalDate,
  plannedDuration: shortText,
  plannedSessions: z.number().int().min(0).max(1000).nullable(),
  goals: mediumText,
  fees: mediumText,
  paymentTerms: mediumText,
  logistics: mediumText,
  confidentialityTerms: mediumText,
  sponsorReporting: mediumText,
  codeGivenOn: optionalDate,
  complaintsProcedureOn: optionalDate,
  supervisionConsentOn: optionalDate,
  signedOn: optionalDate,
  signedCopyId: recordId.nullable(),
});
export const contract = contractFields.extend({ clientId: recordId, updatedAt: isoDateTime });
export type Contract = z.infer<typeof contract>;

export const confidentialityFields = z.object({
  agreedOn: optionalDate,
  agreedWith: shortText,
  legalDuty: z.boolean(),
  illegalActivity: z.boolean(),
  dangerSelf: z.boolean(),
  dangerOthers: z.boolean(),
  otherException: mediumText,
  notes: mediumText,
});
export const confidentiality = confidentialityFields.extend({
  clientId: recordId,
  updatedAt: isoDateTime,
});
export type Confidentiality = z.infer<typeof confidentiality>;

export const disclosureFields = z.object({
  disclosedOn: isoDate,
  recipient: requiredShortText,
  legalBasis: mediumText.min(1, 'required'),
  whatShared: mediumText.min(1, 'required'),
  clientInformedOn: optionalDate,
  notes: mediumText,
});
export const disclosure = disclosureFields.extend({
  id: recordId,
  clientId: recordId,
  ...timestamps,
});
export type Disclosure = z.infer<typeof disclosure>;

export const guardianFields = z.object({
  name: requiredShortText,
  relation: shortText,
  email: shortText,
  phone: shortText,
  shared: mediumText,
  notShared: mediumText,
  consentOn: optionalDate,
  reviewOn: optionalDate,
});
export const guardian = guardianFields.extend({ id: recordId, clientId: recordId, ...timestamps });
export type Guardian = z.infer<typeof guardian>;

export const sessionForm = z.enum(['in-person', 'video', 'phone', 'walking', 'other']);
export const sessionFields = z.object({
  startsAt: isoDateTime,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable(),
  form: sessionForm,
  notes: longText,
  reflection: longText,
  tags: z.array(shortText.min(1)).max(50),
});
export const session = sessionFields.extend({ id: recordId, clientId: recordId, ...timestamps });
export type Session = z.infer<typeof session>;
export const sessionSummary = session.omit({ notes: true, reflection: true }).extend({
  preview: z.string(),
  attachmentCount: z.number().int(),
});
export type SessionSummary = z.infer<typeof sessionSummary>;

export const conflictFields = z.object({
  description: mediumText.min(1, 'required'),
  identifiedOn: isoDate,
  discussedOn: optionalDate,
  resolution: mediumText,
  resolvedOn: optionalDate,
});
export const conflict = conflictFields.extend({ id: recordId, clientId: recordId, ...timestamps });
export type Conflict = z.infer<typeof conflict>;

export const referralFields = z.object({
  referredOn: isoDate,
  referredTo: requiredShortText,
  reason: mediumText,
  clientAgreed: z.boolean(),
  notes: mediumText,
});
export const referral = referralFields.extend({ id: recordId, clientId: recordId, ...timestamps });
export type Referral = z.infer<typeof referral>;

export const endingInitiator = z.enum(['client', 'coach', 'mutual', 'sponsor']);
export const endingFields = z.object({
  endedOn: isoDate,
  initiatedBy: endingInitiator,
  reason: mediumText,
  summary: mediumText,
  /** Overrides the practice default (end + N years) for this dossier. */
  retentionUntil: optionalDate,
});
export const ending = endingFields.extend({
  clientId: recordId,
  updatedAt: isoDateTime,
  /** The retention date in force: the override, or the end plus the practice default. */
  effectiveRetentionUntil: isoDate,
});
export type Ending = z.infer<typeof ending>;

export const followUpFields = z.object({
  description: mediumText.min(1, 'required'),
  dueOn: optionalDate,
  doneOn: optionalDate,
});
export const followUp = followUpFields.extend({ id: recordId, clientId: recordId, ...timestamps });
export type FollowUp = z.infer<typeof followUp>;

export const developmentKind = z.enum([
  'training',
  'course',
  'reading',
  'intervision',
  'conference',
  'other',
]);
export const developmentFields = z.object({
  activityOn: isoDate,
  kind: developmentKind,
  title: requiredShortText,
  hours: z.number().min(0).max(1000).nullable(),
  notes: mediumText,
});
export const development = developmentFields.extend({ id: recordId, ...timestamps });
export type Development = z.infer<typeof development>;

export const feedbackSource = z.enum(['client', 'sponsor', 'peer', 'supervisor', 'other']);
export const feedbackFields = z.object({
  receivedOn: isoDate,
  source: feedbackSource,
  summary: mediumText.min(1, 'required'),
  actions: mediumText,
});
export const feedback = feedbackFields.extend({
  id: recordId,
  clientId: recordId.nullable(),
  ...timestamps,
});
export type Feedback = z.infer<typeof feedback>;

export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const attachment = z.object({
  id: recordId,
  clientId: recordId.nullable(),
  sessionId: recordId.nullable(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: isoDateTime,
});
export type Attachment = z.infer<typeof attachment>;

export const practiceFields = z.object({
  coachName: shortText,
  licenceNumber: shortText,
  organisation: shortText,
  email: shortText,
  phone: shortText,
  address: shortText,
  insurer: shortText,
  insurancePolicy: shortText,
  insuranceExpiresOn: optionalDate,
  supervisors: mediumText,
  complaintsProcedure: mediumText,
});
export const practice = practiceFields.extend({
  codeDocumentId: recordId.nullable(),
  updatedAt: isoDateTime.nullable(),
});
export type Practice = z.infer<typeof practice>;

export const language = z.enum(['nl', 'en']);
export const settingsFields = z.object({
  idleLockMinutes: z.number().int().min(1).max(240),
  retentionYears: z.number().int().min(1).max(30),
  supervisionMaxMonths: z.number().int().min(1).max(24),
  language,
  backupKeepDaily: z.number().int().min(1).max(60),
  backupKeepWeekly: z.number().int().min(0).max(52),
  backupKeepMonthly: z.number().int().min(0).max(120),
  /** Warn when the newest good backup is older than this. */
  backupWarnDays: z.number().int().min(1).max(90),
});
export type Settings = z.infer<typeof settingsFields>;
export const DEFAULT_SETTINGS: Settings = {
  idleLockMinutes: 10,
  retentionYears: 7,
  supervisionMaxMonths: 6,
  language: 'nl',
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
  backupKeepMonthly: 12,
  backupWarnDays: 7,
};

/** Why a dossier is erased before its retention date; a fixed list, so no names reach the audit log. */
export const eraseReason = z.enum(['client-request', 'legal-obligation', 'duplicate', 'other']);
export type EraseReason = z.infer<typeof eraseReason>;

export const supervisionForm = z.enum([
  'individual-supervision',
  'intervision',
  'peer-consultation',
]);
export const supervisionFields = z.object({
  heldOn: isoDate,
  form: supervisionForm,
  withWhom: shortText,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable(),
  topics: mediumText,
  /** Ethical dilemmas raised (4.5) and what came out of them. */
  dilemmas: mediumText,
  outcomes: mediumText,
  /** The dossiers discussed; each needs the client's supervision consent (2.16). */
  clientIds: z.array(recordId).max(50),
});
export const supervisionMeeting = supervisionFields.omit({ clientIds: true }).extend({
  id: recordId,
  /** Cases by pseudonym only: the log never shows who they are. */
  cases: z.array(z.object({ clientId: recordId, pseudonym: z.string() })),
  ...timestamps,
});
export type SupervisionMeeting = z.infer<typeof supervisionMeeting>;
