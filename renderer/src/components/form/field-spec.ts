import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import type { z } from 'zod';

export type FieldKind =
  | 'text'
  | 'email'
  | 'tel'
  | 'textarea'
  | 'date'
  | 'datetime'
  | 'number'
  | 'checkbox'
  | 'select'
  | 'tags';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** For selects: the allowed values; labels come from `${optionsKey}.${value}`. */
  options?: readonly string[];
  optionsKey?: string;
  /** Spans the whole row of the form grid. */
  wide?: boolean;
  /** An i18n key with a short explanation under the field. */
  hintKey?: string;
  required?: boolean;
  /** For selects whose empty choice means 'none' (null in the API). */
  nullable?: boolean;
  /** For a checkbox another field's value can switch on (see FieldImplication). */
  impliedBy?: FieldImplication;
}

/**
 * A checkbox that another field settles: a birth date under 18 years ago makes a client a
 * minor, whatever the box said, because the services judge the duties that way too. While
 * the other field implies it, the box is ticked, cannot be unticked, and says why.
 */
export interface FieldImplication {
  field: string;
  holds(value: string): boolean;
  /** An i18n key that tells the coach why the box is ticked. */
  reasonKey: string;
}

/** Whether `spec`'s box is ticked by another field's value in `values`. */
export function isImplied(spec: FieldSpec, values: Readonly<FormValues>): boolean {
  const implication = spec.impliedBy;
  if (!implication) return false;
  const value = values[implication.field];
  return typeof value === 'string' && implication.holds(value);
}

/** What the inputs hold: text for text, dates and numbers ('' is empty), booleans for boxes. */
export type FormValues = Record<string, string | boolean>;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO moment as a date-time field's value 'YYYY-MM-DDTHH:mm', in the coach's own time zone. */
export function toLocalDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalDateTime(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

export function toFormValues(
  specs: readonly FieldSpec[],
  record: Readonly<Record<string, unknown>> | null | undefined,
  defaults: Readonly<Record<string, unknown>> = {},
): FormValues {
  const values: FormValues = {};
  for (const spec of specs) {
    const raw = record?.[spec.name] ?? defaults[spec.name];
    if (spec.kind === 'checkbox') values[spec.name] = raw === true;
    else if (spec.kind === 'tags') values[spec.name] = Array.isArray(raw) ? raw.join(', ') : '';
    else if (spec.kind === 'datetime')
      values[spec.name] = typeof raw === 'string' ? toLocalDateTime(raw) : '';
    else if (raw === null || raw === undefined) values[spec.name] = '';
    else values[spec.name] = String(raw);
  }
  return values;
}

/** The form's values in the API's shape, so the API's own schema can judge them. */
export function toApiValues(
  specs: readonly FieldSpec[],
  values: Readonly<FormValues>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    const text = typeof value === 'string' ? value : '';
    switch (spec.kind) {
      case 'checkbox':
        result[spec.name] = value === true || isImplied(spec, values);
        break;
      case 'date':
        result[spec.name] = text === '' ? null : text;
        break;
      case 'datetime':
        result[spec.name] = text === '' ? '' : fromLocalDateTime(text);
        break;
      case 'number':
        result[spec.name] = text.trim() === '' ? null : Number(text.replace(',', '.'));
        break;
      case 'select':
        result[spec.name] = spec.nullable && text === '' ? null : text;
        break;
      case 'tags':
        result[spec.name] = text
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean);
        break;
      default:
        result[spec.name] = text;
    }
  }
  return result;
}

/** zod's issue as a short code the UI translates under `validation.<code>`. */
export function issueCode(issue: { code: string; message: string }): string {
  return issue.code === 'custom' || /^[a-z-]+$/.test(issue.message) ? issue.message : issue.code;
}

/**
 * The form holds strings while the API wants nulls, numbers and ISO moments, so the
 * resolver converts first and then validates with the contract's own schema: every limit
 * is stated once, in electron/contract, and the main process checks it again.
 */
export function apiResolver(specs: readonly FieldSpec[], schema: z.ZodType): Resolver<FormValues> {
  return async (values) => {
    const parsed = schema.safeParse(toApiValues(specs, values));
    if (parsed.success) return { values, errors: {} };
    const errors: FieldErrors<FormValues> = {};
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (name === '' || errors[name]) continue;
      const code = issueCode(issue);
      const error: FieldError = { type: code, message: code };
      errors[name] = error;
    }
    return { values: {}, errors };
  };
}
