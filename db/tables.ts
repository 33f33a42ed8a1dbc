import type {
  Client,
  Confidentiality,
  Conflict,
  Contract,
  Development,
  Disclosure,
  Feedback,
  FollowUp,
  Guardian,
  Person,
  Referral,
} from '../electron/contract/records';
import type { TableSpec } from './rows';

/** How each plain record maps onto its table (see migrations/030-dossiers.ts). */

const stamps = ['createdAt', 'updatedAt'] as const;

export const clientsTable: TableSpec<Client> = {
  table: 'clients',
  key: 'id',
  fields: [
    'id',
    'pseudonym',
    'firstName',
    'lastName',
    'dateOfBirth',
    'isMinor',
    'isVulnerableAdult',
    'email',
    'phone',
    'address',
    'sponsorOrganisation',
    'sponsorContact',
    'sponsorEmail',
    'sponsorPhone',
    'status',
    'notes',
    ...stamps,
  ],
  booleans: ['isMinor', 'isVulnerableAdult'],
};

export const peopleTable: TableSpec<Person> = {
  table: 'client_people',
  key: 'id',
  fields: ['id', 'clientId', 'name', 'relation', 'notes', ...stamps],
};

export const contractsTable: TableSpec<Contract> = {
  table: 'contracts',
  key: 'clientId',
  fields: [
    'clientId',
    'startOn',
    'plannedDuration',
    'plannedSessions',
    'goals',
    'fees',
    'paymentTerms',
    'logistics',
    'confidentialityTerms',
    'sponsorReporting',
    'codeGivenOn',
    'complaintsProcedureOn',
    'supervisionConsentOn',
    'signedOn',
    'signedCopyId',
    'updatedAt',
  ],
};

export const confidentialityTable: TableSpec<Confidentiality> = {
  table: 'confidentiality_agreements',
  key: 'clientId',
  fields: [
    'clientId',
    'agreedOn',
    'agreedWith',
    'legalDuty',
    'illegalActivity',
    'dangerSelf',
    'dangerOthers',
    'otherException',
    'notes',
    'updatedAt',
  ],
  booleans: ['legalDuty', 'illegalActivity', 'dangerSelf', 'dangerOthers'],
};

export const disclosuresTable: TableSpec<Disclosure> = {
  table: 'disclosures',
  key: 'id',
  fields: [
    'id',
    'clientId',
    'disclosedOn',
    'recipient',
    'legalBasis',
    'whatShared',
    'clientInformedOn',
    'notes',
    ...stamps,
  ],
};

export const guardiansTable: TableSpec<Guardian> = {
  table: 'guardians',
  key: 'id',
  fields: [
    'id',
    'clientId',
    'name',
    'relation',
    'email',
    'phone',
    'shared',
    'notShared',
    'consentOn',
    'reviewOn',
    ...stamps,
  ],
};

export const conflictsTable: TableSpec<Conflict> = {
  table: 'conflicts',
  key: 'id',
  fields: [
    'id',
    'clientId',
    'description',
    'identifiedOn',
    'discussedOn',
    'resolution',
    'resolvedOn',
    ...stamps,
  ],
};

export const referralsTable: TableSpec<Referral> = {
  table: 'referrals',
  key: 'id',
  fields: [
    'id',
    'clientId',
    'referredOn',
    'referredTo',
    'reason',
    'clientAgreed',
    'notes',
    ...stamps,
  ],
  booleans: ['clientAgreed'],
};

/** The stored ending; the API adds the retention date in force. */
export interface EndingRow {
  clientId: string;
  endedOn: string;
  initiatedBy: 'client' | 'coach' | 'mutual' | 'sponsor';
  reason: string;
  summary: string;
  retentionUntil: string | null;
  updatedAt: string;
}

export const endingsTable: TableSpec<EndingRow> = {
  table: 'endings',
  key: 'clientId',
  fields: [
    'clientId',
    'endedOn',
    'initiatedBy',
    'reason',
    'summary',
    'retentionUntil',
    'updatedAt',
  ],
};

export const followUpsTable: TableSpec<FollowUp> = {
  table: 'follow_ups',
  key: 'id',
  fields: ['id', 'clientId', 'description', 'dueOn', 'doneOn', ...stamps],
};

export const developmentTable: TableSpec<Development> = {
  table: 'development_log',
  key: 'id',
  fields: ['id', 'activityOn', 'kind', 'title', 'hours', 'notes', ...stamps],
};

export const feedbackTable: TableSpec<Feedback> = {
  table: 'feedback',
  key: 'id',
  fields: ['id', 'clientId', 'receivedOn', 'source', 'summary', 'actions', ...stamps],
};
