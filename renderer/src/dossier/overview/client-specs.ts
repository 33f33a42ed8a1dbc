import type { FieldSpec } from '../../components/form/field-spec';

export const clientSpecs: readonly FieldSpec[] = [
  { name: 'firstName', kind: 'text', required: true },
  { name: 'lastName', kind: 'text' },
  { name: 'dateOfBirth', kind: 'date', hintKey: 'fields.client.dateOfBirthHint' },
  {
    name: 'status',
    kind: 'select',
    options: ['intake', 'active', 'ended'],
    optionsKey: 'enums.clientStatus',
  },
  { name: 'isMinor', kind: 'checkbox', hintKey: 'fields.client.isMinorHint' },
  { name: 'isVulnerableAdult', kind: 'checkbox', hintKey: 'fields.client.isVulnerableAdultHint' },
  { name: 'email', kind: 'email' },
  { name: 'phone', kind: 'tel' },
  { name: 'address', kind: 'text', wide: true },
  { name: 'sponsorOrganisation', kind: 'text' },
  { name: 'sponsorContact', kind: 'text' },
  { name: 'sponsorEmail', kind: 'email' },
  { name: 'sponsorPhone', kind: 'tel' },
  { name: 'notes', kind: 'textarea' },
];

export const newClientDefaults = {
  status: 'intake',
  isMinor: false,
  isVulnerableAdult: false,
};
