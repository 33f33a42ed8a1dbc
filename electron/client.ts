import type { ApiErrorPayload, ApiResult, MethodInput, MethodName, MethodOutput } from './api';
import { methodNames } from './api';

/**
 * The typed client of the contract, the same in Electron's preload (over IPC) and in the
 * browser harness (over loopback HTTP): `kluis.clients.list({...})`. A failed call
 * rejects with a KluisError carrying the typed code and the message key to translate.
 */
export type Transport = (method: MethodName, input: unknown) => Promise<ApiResult<unknown>>;

type Split<M extends string> = M extends `${infer NS}.${infer Fn}` ? [NS, Fn] : never;
type Namespaces = Split<MethodName>[0];
type MethodsOf<NS extends string> = Extract<MethodName, `${NS}.${string}`>;

export type KluisClient = {
  [NS in Namespaces]: {
    [M in MethodsOf<NS> as Split<M>[1]]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
  };
};

export class KluisError extends Error {
  override readonly name = 'KluisError';
  readonly code: ApiErrorPayload['code'];
  readonly messageKey: string;
  readonly issues: NonNullable<ApiErrorPayload['issues']>;
  readonly detail: NonNullable<ApiErrorPayload['detail']>;

  constructor(payload: ApiErrorPayload) {
    super(payload.code);
    this.code = payload.code;
    this.messageKey = payload.messageKey;
    this.issues = payload.issues ?? [];
    this.detail = payload.detail ?? {};
  }
}

export function createKluisClient(transport: Transport): KluisClient {
  const client: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const method of methodNames) {
    const [namespace = '', fn = ''] = method.split('.');
    client[namespace] ??= {};
    client[namespace][fn] = async (input: unknown) => {
      const result = await transport(method, input ?? {});
      if (!result.ok) throw new KluisError(result.error);
      return result.value;
    };
  }
  for (const namespace of Object.values(client)) Object.freeze(namespace);
  return Object.freeze(client) as unknown as KluisClient;
}
