import type { FieldSpec } from '../components/form/field-spec';

export const profileSpecs: readonly FieldSpec[] = [
  { name: 'coachName', kind: 'text' },
  { name: 'licenceNumber', kind: 'text' },
  { name: 'organisation', kind: 'text' },
  { name: 'email', kind: 'email' },
  { name: 'phone', kind: 'tel' },
  { name: 'address', kind: 'text' },
  { name: 'supervisors', kind: 'textarea' },
  {
    name: 'complaintsProcedure',
    kind: 'textarea',
    hintKey: 'fields.practice.complaintsProcedureHint',
  },
];

export const insuranceSpecs: readonly FieldSpec[] = [
  { name: 'insurer', kind: 'text' },
  { name: 'insurancePolicy', kind: 'text' },
  { name: 'insuranceExpiresOn', kind: 'date' },
];

export const settingsSpecs: readonly FieldSpec[] = [
  { name: 'idleLockMinutes', kind: 'number', hintKey: 'fields.settings.idleLockMinutesHint' },
  { name: 'retentionYears', kind: 'number', hintKey: 'fields.settings.retentionYearsHint' },
  {
    name: 'supervisionMaxMonths',
    kind: 'number',
    hintKey: 'fields.settings.supervisionMaxMonthsHint',
  },
];

export const developmentSpecs: readonly FieldSpec[] = [
  { name: 'activityOn', kind: 'date', required: true },
  {
    name: 'kind',
    kind: 'select',
    options: ['training', 'course', 'reading', 'intervision', 'conference', 'other'],
    optionsKey: 'enums.developmentKind',
  },
  { name: 'title', kind: 'text', required: true, wide: true },
  { name: 'hours', kind: 'number' },
  { name: 'notes', kind: 'textarea' },
];

export const backupSettingsSpecs: readonly FieldSpec[] = [
  { name: 'backupKeepDaily', kind: 'number', hintKey: 'fields.settings.backupKeepDailyHint' },
  { name: 'backupKeepWeekly', kind: 'number', hintKey: 'fields.settings.backupKeepWeeklyHint' },
  { name: 'backupKeepMonthly', kind: 'number', hintKey: 'fields.settings.backupKeepMonthlyHint' },
  { name: 'backupWarnDays', kind: 'number', hintKey: 'fields.settings.backupWarnDaysHint' },
];

export const supervisionSpecs: readonly FieldSpec[] = [
  { name: 'heldOn', kind: 'date', required: true },
  {
    name: 'form',
    kind: 'select',
    options: ['individual-supervision', 'intervision', 'peer-consultation'],
    optionsKey: 'enums.supervisionForm',
  },
  { name: 'withWhom', kind: 'text', hintKey: 'fields.supervision.withWhomHint' },
  { name: 'durationMinutes', kind: 'number' },
  { name: 'topics', kind: 'textarea' },
  { name: 'dilemmas', kind: 'textarea', hintKey: 'fields.supervision.dilemmasHint' },
  { name: 'outcomes', kind: 'textarea' },
];
