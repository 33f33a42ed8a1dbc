import type { z } from 'zod';
import { isDiskFull, VaultError, type VaultErrorCode } from '../db/errors';
import {
  type ApiErrorCode,
  type ApiErrorPayload,
  type ApiIssue,
  type ApiResult,
  api,
  isAllowed,
  isReadOnly,
  type MethodName,
} from './api';
import type { Logger } from './logger';
import { ApiError } from './services/api-error';
import type { ServiceContext } from './services/context';
import { type DataMethod, handlers } from './services/handlers';
import { isSessionMethod, type SessionEnv, sessionHandlers } from './services/session-handlers';
import { inTransaction } from './services/transaction';
import type { VaultSession } from './services/vault-session';

/**
 * The single entry point for every call from the UI, whatever carried it (Electron IPC
 * or the test harness's loopback HTTP). It validates the input with the method's schema,
 * refuses data methods while locked, runs the service and its audit entry in one
 * transaction, and turns every failure into a typed, translatable error.
 */
export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

export interface DispatcherOptions {
  readonly now?: () => Date;
  readonly logger?: Logger;
}

function failure(code: ApiErrorCode, extra: Partial<ApiErrorPayload> = {}): ApiResult<never> {
  return { ok: false, error: { code, messageKey: `errors.${code}`, ...extra } };
}

function issuesOf(error: z.ZodError): ApiIssue[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    // Refinements carry our own keys ('date', 'required') in the message.
    code: issue.code === 'custom' || /^[a-z-]+$/.test(issue.message) ? issue.message : issue.code,
  }));
}

const vaultCodes: Record<VaultErrorCode, ApiErrorCode> = {
  WRONG_SECRET: 'WRONG_SECRET',
  RECOVERY_KEY_INVALID: 'RECOVERY_KEY_INVALID',
  WEAK_PASSPHRASE: 'WEAK_PASSPHRASE',
  VAULT_NOT_FOUND: 'VAULT_NOT_FOUND',
  VAULT_EXISTS: 'VAULT_EXISTS',
  VAULT_DAMAGED: 'VAULT_DAMAGED',
  VAULT_TOO_NEW: 'VAULT_TOO_NEW',
  VAULT_IN_USE: 'VAULT_IN_USE',
  VAULT_LOCKED: 'LOCKED',
  DISK_FULL: 'DISK_FULL',
  KDF_TOO_COSTLY: 'KDF_TOO_COSTLY',
};

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function createDispatcher(session: VaultSession, options: DispatcherOptions = {}): Dispatch {
  const now = options.now ?? (() => new Date());

  function runData(method: DataMethod, input: unknown): unknown {
    const handler = handlers[method] as (ctx: ServiceContext, input: unknown) => unknown;
    return inTransaction(session.db, session.dir, now, (ctx) => handler(ctx, input));
  }

  return async function dispatch(method, rawInput) {
    if (!Object.hasOwn(api, method)) return failure('UNKNOWN_METHOD');
    const name = method as MethodName;
    const parsed = api[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) return failure('VALIDATION', { issues: issuesOf(parsed.error) });
    if (!isAllowed(name, session.state)) return failure('LOCKED');
    try {
      if (isSessionMethod(name)) {
        const handler = sessionHandlers[name] as (
          env: SessionEnv,
          input: unknown,
        ) => Promise<unknown>;
        return { ok: true, value: await handler({ session, now }, parsed.data) };
      }
      const value = runData(name as DataMethod, parsed.data);
      if (!isReadOnly(name)) session.markChanged();
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) {
        return failure(
          error.code,
          Object.keys(error.detail).length ? { detail: error.detail } : {},
        );
      }
      if (error instanceof VaultError) {
        return failure(
          vaultCodes[error.code],
          Object.keys(error.detail).length ? { detail: error.detail } : {},
        );
      }
      if (isDiskFull(error, session.dir)) return failure('DISK_FULL');
      const code = sqliteCode(error);
      if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return failure('NOT_FOUND');
      // A page that fails its HMAC or structure check: the file was damaged on disk.
      if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT')) {
        options.logger?.error(`api.${name}`, error);
        return failure('VAULT_DAMAGED', { detail: { file: 'database' } });
      }
      if (code?.startsWith('SQLITE_CONSTRAINT')) return failure('CONFLICT');
      options.logger?.error(`api.${name}`, error);
      return failure('INTERNAL');
    }
  };
}
