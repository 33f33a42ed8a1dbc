import type { ApiResult, Settings } from '../api';
import type { Dispatch } from '../dispatcher';
import type { LockReason, VaultSession } from '../services/vault-session';
import type { KluisLockReason } from './bridge';
import type { IdleLock } from './idle-lock';

/**
 * What both transports (Electron IPC and the browser harness) put in front of the
 * dispatcher: every call counts as activity, an unlock arms the idle lock with the
 * coach's own idle time, a settings change takes effect at once, any lock disarms it.
 * The transports stay thin; this is the one place the shell reacts to calls.
 */

// The event the page receives names the same reasons the session locks with.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const reasonsMatch: Same<LockReason, KluisLockReason> = true;
void reasonsMatch;

export interface SessionCallsOptions {
  readonly session: VaultSession;
  readonly dispatch: Dispatch;
  readonly idle: IdleLock;
  /** The vault's settings, after unlock and after every change (menu language). */
  readonly onSettings?: (settings: Settings) => void;
}

export interface SessionCalls {
  readonly call: Dispatch;
  /** Locks for a reason the shell observed (menu, power events, quit). */
  lock(reason: LockReason): void;
  dispose(): void;
}

const opening = new Set(['vault.unlock', 'vault.create']);

export function createSessionCalls(options: SessionCallsOptions): SessionCalls {
  const { session, dispatch, idle, onSettings } = options;

  function apply(settings: Settings): void {
    idle.setIdleMinutes(settings.idleLockMinutes);
    onSettings?.(settings);
  }

  const stopListening = session.onLock(() => idle.disarm());

  async function call(method: string, input: unknown): Promise<ApiResult<unknown>> {
    idle.activity();
    const result = await dispatch(method, input);
    if (!result.ok) return result;
    if (opening.has(method) && session.state === 'unlocked') {
      const settings = await dispatch('settings.get', {});
      if (settings.ok) apply(settings.value as Settings);
      idle.arm();
    } else if (method === 'settings.update') {
      apply(result.value as Settings);
    }
    return result;
  }

  return {
    call,
    lock(reason) {
      session.lock(reason);
      idle.disarm();
    },
    dispose() {
      stopListening();
      idle.dispose();
    },
  };
}
