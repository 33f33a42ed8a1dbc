import { isMinorOn } from '../../../../electron/services/compliance/dates';
import type { FieldSpec } from '../../components/form/field-spec';
import { todayIso } from '../../i18n/format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Under 18 today by this birth date, judged as the services judge the guardian duty (2.17). */
export function minorByBirthDate(dateOfBirth: string): boolean {
  return DAY.test(dateOfBirth) && dateOfBirth <= todayIso() && isMinorOn(dateOfBirth, todayIso());
}

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
  {
    name: 'isMinor',
    kind: 'checkbox',
    hintKey: 'fields.client.isMinorHint',
    impliedBy: {
      field: 'dateOfBirth',
      holds: minorByBirthDate,
      reasonKey: 'fields.client.isMinorByBirthDate',
    },
  },
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
