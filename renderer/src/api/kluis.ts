import type { KluisBridge } from '../kluis';
import { isLockedError } from './errors';
import { notifyLocked } from './lock-signal';

type AnyMethod = (input: unknown) => Promise<unknown>;

/**
 * Wraps each method so that a LOCKED answer (the vault closed while the UI thought it
 * open, e.g. a lock event that never arrived) sends the UI to the unlock screen. A copy,
 * not a Proxy: the client's namespaces are frozen, and a Proxy may not change them.
 */
function guard(client: KluisBridge): KluisBridge {
  const copy: Record<string, unknown> = {};
  for (const [namespace, methods] of Object.entries(client)) {
    if (namespace === 'events' || typeof methods !== 'object' || methods === null) {
      copy[namespace] = methods;
      continue;
    }
    const wrapped: Record<string, AnyMethod> = {};
    for (const [name, method] of Object.entries(methods as Record<string, unknown>)) {
      if (typeof method !== 'function') continue;
      const call = method as AnyMethod;
      wrapped[name] = async (input) => {
        try {
          return await call(input);
        } catch (error) {
          if (isLockedError(error)) notifyLocked('unknown');
          throw error;
        }
      };
    }
    copy[namespace] = wrapped;
  }
  return copy as unknown as KluisBridge;
}

let client: KluisBridge | undefined;

/** The one door to the main process. */
export function kluis(): KluisBridge {
  client ??= guard(window.kluis);
  return client;
}
