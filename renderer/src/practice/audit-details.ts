import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../electron/api';

/**
 * An audit entry's details in the coach's words: each fact the services record has a
 * translated label and a value shown as a number, size, date, yes/no or translated word.
 * What means nothing to a coach (a kit's identifier, an error code) goes under
 * "Technische details" instead of into the line, and so does anything this table does
 * not know yet, so a new detail never shows as a raw key.
 */

/** 'action': part of the action's own label (see auditActionValues), not of the details. */
type DetailKind = 'count' | 'size' | 'day' | 'flag' | 'word' | 'technical' | 'action';

export const AUDIT_DETAIL_KINDS: Readonly<Record<string, DetailKind>> = {
  reason: 'word',
  method: 'word',
  passphrase: 'word',
  kind: 'word',
  encryption: 'word',
  trigger: 'word',
  outcome: 'word',
  failure: 'word',
  disclosedOn: 'day',
  happenedOn: 'day',
  erasedAt: 'day',
  clientInformed: 'flag',
  override: 'flag',
  recordedLater: 'flag',
  reapplied: 'flag',
  deferred: 'flag',
  reflections: 'flag',
  set: 'flag',
  ok: 'flag',
  renumbered: 'count',
  size: 'size',
  bytes: 'size',
  clients: 'count',
  dossiers: 'count',
  backups: 'count',
  successors: 'count',
  keepers: 'count',
  files: 'count',
  threshold: 'count',
  shares: 'count',
  purged: 'count',
  removed: 'count',
  keeper: 'count',
  sheets: 'count',
  imported: 'count',
  skipped: 'count',
  sessions: 'count',
  attachments: 'count',
  kitId: 'technical',
  madeAt: 'action',
};

export interface DetailFormat {
  number(value: number): string;
  bytes(value: number): string;
  day(value: string): string;
}

export interface AuditDetailParts {
  /** 'label: value' for every fact a coach reads. */
  readonly plain: string[];
  /** The rest, for the "Technische details" disclosure. */
  readonly technical: string[];
}

export function auditDetailParts(
  details: AuditEntry['details'],
  t: TFunction,
  format: DetailFormat,
): AuditDetailParts {
  const plain: string[] = [];
  const technical: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    const kind = AUDIT_DETAIL_KINDS[key] ?? 'technical';
    if (kind === 'action') continue;
    const label = t(`audit.detail.${key}`, { defaultValue: '' });
    const shown = kind === 'technical' || !label ? null : shownValue(kind, value, t, format);
    if (shown === null) technical.push(`${key}: ${value === null ? '—' : String(value)}`);
    else plain.push(`${label}: ${shown}`);
  }
  return { plain, technical };
}

/**
 * Values an action's label names itself: "Back-up teruggezet (van 12 april 2026)" reads
 * better than the date as one more detail.
 */
export function auditActionValues(
  details: AuditEntry['details'],
  format: Pick<DetailFormat, 'day'>,
): { date?: string } {
  const madeAt = details.madeAt;
  return typeof madeAt === 'string' && /^\d{4}-\d{2}-\d{2}/.test(madeAt)
    ? { date: format.day(madeAt.slice(0, 10)) }
    : {};
}

function shownValue(
  kind: Exclude<DetailKind, 'technical' | 'action'>,
  value: string | number | boolean | null,
  t: TFunction,
  format: DetailFormat,
): string | null {
  if (value === null) return '—';
  switch (kind) {
    case 'flag':
      return typeof value === 'boolean' ? (value ? t('common.yes') : t('common.no')) : null;
    case 'count':
      return typeof value === 'number' ? format.number(value) : null;
    case 'size':
      return typeof value === 'number' ? format.bytes(value) : null;
    case 'day':
      // A day, or a moment of which the coach needs the day.
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(value)
        ? format.day(value.slice(0, 10))
        : null;
    case 'word': {
      if (typeof value !== 'string') return null;
      const word = t(`audit.value.${value}`, { defaultValue: '' });
      return word || null;
    }
  }
}
