import type { FieldSpec } from '../components/form/field-spec';

/** The fields of each dossier record as the forms show them, in reading order. */

// The dates the code asks for come first: they are what the compliance panel checks.
export const contractSpecs: readonly FieldSpec[] = [
  { name: 'startOn', kind: 'date' },
  { name: 'plannedDuration', kind: 'text' },
  { name: 'plannedSessions', kind: 'number' },
  { name: 'codeGivenOn', kind: 'date', hintKey: 'fields.contract.codeGivenOnHint' },
  {
    name: 'complaintsProcedureOn',
    kind: 'date',
    hintKey: 'fields.contract.complaintsProcedureOnHint',
  },
  {
    name: 'supervisionConsentOn',
    kind: 'date',
    hintKey: 'fields.contract.supervisionConsentOnHint',
  },
  { name: 'signedOn', kind: 'date', hintKey: 'fields.contract.signedOnHint' },
  { name: 'signedCopyId', kind: 'select', nullable: true },
  { name: 'goals', kind: 'textarea' },
  { name: 'fees', kind: 'textarea' },
  { name: 'paymentTerms', kind: 'textarea' },
  { name: 'logistics', kind: 'textarea' },
  { name: 'confidentialityTerms', kind: 'textarea' },
  { name: 'sponsorReporting', kind: 'textarea' },
];

export const confidentialitySpecs: readonly FieldSpec[] = [
  { name: 'agreedOn', kind: 'date' },
  { name: 'agreedWith', kind: 'text' },
  { name: 'legalDuty', kind: 'checkbox', wide: true },
  { name: 'illegalActivity', kind: 'checkbox', wide: true },
  { name: 'dangerSelf', kind: 'checkbox', wide: true },
  { name: 'dangerOthers', kind: 'checkbox', wide: true },
  { name: 'otherException', kind: 'textarea' },
  { name: 'notes', kind: 'textarea' },
];

export const guardianSpecs: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', required: true },
  { name: 'relation', kind: 'text' },
  { name: 'email', kind: 'email' },
  { name: 'phone', kind: 'tel' },
  { name: 'shared', kind: 'textarea' },
  { name: 'notShared', kind: 'textarea' },
  { name: 'consentOn', kind: 'date', hintKey: 'fields.guardian.consentOnHint' },
  { name: 'reviewOn', kind: 'date', hintKey: 'fields.guardian.reviewOnHint' },
];

export const disclosureSpecs: readonly FieldSpec[] = [
  { name: 'disclosedOn', kind: 'date', required: true },
  { name: 'recipient', kind: 'text', required: true },
  { name: 'legalBasis', kind: 'textarea', required: true },
  { name: 'whatShared', kind: 'textarea', required: true },
  { name: 'clientInformedOn', kind: 'date' },
  { name: 'notes', kind: 'textarea' },
];

export const personSpecs: readonly FieldSpec[] = [
  { name: 'name', kind: 'text', required: true },
  { name: 'relation', kind: 'text' },
  { name: 'notes', kind: 'textarea' },
];

export const conflictSpecs: readonly FieldSpec[] = [
  { name: 'description', kind: 'textarea', required: true },
  { name: 'identifiedOn', kind: 'date', required: true },
  { name: 'discussedOn', kind: 'date', hintKey: 'fields.conflict.discussedOnHint' },
  { name: 'resolution', kind: 'textarea' },
  { name: 'resolvedOn', kind: 'date' },
];

export const referralSpecs: readonly FieldSpec[] = [
  { name: 'referredOn', kind: 'date', required: true },
  { name: 'referredTo', kind: 'text', required: true },
  { name: 'reason', kind: 'textarea' },
  { name: 'clientAgreed', kind: 'checkbox', wide: true },
  { name: 'notes', kind: 'textarea' },
];

export const endingSpecs: readonly FieldSpec[] = [
  { name: 'endedOn', kind: 'date', required: true },
  {
    name: 'initiatedBy',
    kind: 'select',
    options: ['client', 'coach', 'mutual', 'sponsor'],
    optionsKey: 'enums.endingInitiator',
  },
  { name: 'reason', kind: 'textarea' },
  { name: 'summary', kind: 'textarea' },
  { name: 'retentionUntil', kind: 'date', hintKey: 'fields.ending.retentionUntilHint' },
];

export const followUpSpecs: readonly FieldSpec[] = [
  { name: 'description', kind: 'textarea', required: true },
  { name: 'dueOn', kind: 'date' },
  { name: 'doneOn', kind: 'date' },
];

export const feedbackSpecs: readonly FieldSpec[] = [
  { name: 'receivedOn', kind: 'date', required: true },
  {
    name: 'source',
    kind: 'select',
    options: ['client', 'sponsor', 'peer', 'supervisor', 'other'],
    optionsKey: 'enums.feedbackSource',
  },
  { name: 'summary', kind: 'textarea', required: true },
  { name: 'actions', kind: 'textarea' },
];

export const sessionSpecs: readonly FieldSpec[] = [
  { name: 'startsAt', kind: 'datetime', required: true },
  { name: 'durationMinutes', kind: 'number' },
  {
    name: 'form',
    kind: 'select',
    options: ['in-person', 'video', 'phone', 'walking', 'other'],
    optionsKey: 'enums.sessionForm',
  },
  { name: 'tags', kind: 'tags', hintKey: 'fields.session.tagsHint' },
  { name: 'notes', kind: 'textarea' },
  { name: 'reflection', kind: 'textarea' },
];
