import type { ApiErrorCode } from '../api';

/** An expected failure a service reports to the UI; the message is for developers only. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export function notFound(what: string): ApiError {
  return new ApiError('NOT_FOUND', `No such ${what}.`, { what });
}

export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(what);
  return value;
}
