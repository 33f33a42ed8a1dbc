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
  return t(`errors.${code}`, { defaultValue: t('errors.INTERNAL') });
}
