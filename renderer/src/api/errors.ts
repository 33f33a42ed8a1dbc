import type { TFunction } from 'i18next';
import type { ApiErrorCode, ApiIssue } from '../../../electron/api';

export interface ApiFailure {
  code: ApiErrorCode;
  messageKey: string;
  issues: ApiIssue[];
  detail: Record<string, string | number>;
}

/**
 * Errors cross IPC (or the harness's HTTP) as plain data, so the KluisError class may not
 * survive the trip: recognise them by shape instead of instanceof.
 */
export function asApiFailure(error: unknown): ApiFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as Partial<ApiFailure>;
  if (typeof candidate.code !== 'string' || typeof candidate.messageKey !== 'string') return null;
  return {
    code: candidate.code,
    messageKey: candidate.messageKey,
    issues: Array.isArray(candidate.issues) ? candidate.issues : [],
    detail: candidate.detail ?? {},
  };
}

/** The i18n key of the message to show for any failure, typed or not. */
export function errorMessageKey(error: unknown): string {
  const failure = asApiFailure(error);
  return failure ? `errors.${failure.code}` : 'errors.INTERNAL';
}

export function isLockedError(error: unknown): boolean {
  return asApiFailure(error)?.code === 'LOCKED';
}

/**
 * The message for a failure, with what the main process told about it: whose consent is
 * missing (by pseudonym), which kinds of identifier remain. Falls back to the plain
 * message of the code when there is no detail.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  const failure = asApiFailure(error);
  if (!failure) return t('errors.INTERNAL');
  const { code, detail } = failure;
  if (code === 'CONSENT_MISSING' && typeof detail.pseudonym === 'string') {
    return t('errorDetail.CONSENT_MISSING', { pseudonym: detail.pseudonym });
  }
  if (code === 'IDENTIFIERS_REMAIN' && typeof detail.kinds === 'string') {
    const kinds = detail.kinds
      .split(',')
      .filter(Boolean)
      .map((kind) => t(`enums.identifierKind.${kind}`, { defaultValue: kind }))
      .join(', ');
    return t('errorDetail.IDENTIFIERS_REMAIN', { count: Number(detail.count ?? 1), kinds });
  }
  // A backup folder the contract or the service refused says what kind of path is needed.
  const folderIssue =
    failure.issues.find((issue) => issue.code.startsWith('folder-'))?.code ??
    (code === 'VALIDATION' && detail.field === 'folder' ? `folder-${String(detail.reason)}` : null);
  if (folderIssue) {
    return t(`errorDetail.VALIDATION.${folderIssue}`, {
      defaultValue: t('errorDetail.VALIDATION.folder-relative'),
    });
  }
  if (code === 'WRONG_SECRET' && detail.reason === 'secret-required') {
    return t('errorDetail.WRONG_SECRET.secret-required');
  }
  const specific = detailMessage(t, code, detail);
  if (specific) return specific;
  return t(`errors.${code}`, { defaultValue: t('errors.INTERNAL') });
}

/** Handover and continuity failures name the share, the group, the missing piece. */
function detailMessage(
  t: TFunction,
  code: string,
  detail: Record<string, string | number>,
): string | null {
  const has = (key: string) => detail[key] !== undefined && detail[key] !== '';
  switch (code) {
    case 'SHARE_INVALID': {
      if (!has('share')) return null;
      const reason = String(detail.reason ?? 'checksum');
      const base = t(`errorDetail.SHARE_INVALID.${reason}`, {
        share: detail.share,
        sameAs: detail.sameAs,
        defaultValue: t('errorDetail.SHARE_INVALID.checksum', { share: detail.share }),
      });
      return has('group')
        ? `${base} ${t('errorDetail.SHARE_INVALID.group', { group: detail.group })}`
        : base;
    }
    case 'SHARES_INSUFFICIENT':
      return has('need')
        ? t('errorDetail.SHARES_INSUFFICIENT', { need: detail.need, have: detail.have ?? 0 })
        : null;
    case 'SHARES_MISMATCH':
      return detail.reason === 'different-kits' && has('share')
        ? t('errorDetail.SHARES_MISMATCH', { share: detail.share })
        : null;
    case 'CONTINUITY_NOT_READY':
      return has('missing')
        ? t(`errorDetail.CONTINUITY_NOT_READY.${String(detail.missing)}`, {
            defaultValue: t('errors.CONTINUITY_NOT_READY'),
          })
        : null;
    case 'VALIDATION':
      return detail.field === 'recipient' ? t('errorDetail.VALIDATION.recipient') : null;
    default:
      return null;
  }
}
