import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router';
import type { VaultState } from '../../../electron/api';
import { kluis } from '../api/kluis';
import { onLockSignal } from '../api/lock-signal';
import { keepOnlyOpenDrafts } from '../drafts/draft-store';

export type UnlockMethod = 'passphrase' | 'recovery-key';

interface Vault {
  state: VaultState | 'loading' | 'unavailable';
  /** Why the vault locked last: 'idle', 'screen-locked', 'suspend', 'user'... */
  lockReason: string | null;
  unlockedWith: UnlockMethod | null;
  /** `recoveryKey`: the key just typed, held in memory only to offer a new passphrase. */
  unlocked(method: UnlockMethod, recoveryKey?: string): void;
  /** The recovery key of this unlock, until a new passphrase is set, dismissed or a lock. */
  heldRecoveryKey(): string | null;
  /** Locks through the API and shows the unlock screen. */
  lock(): Promise<void>;
  dismissRecoveryHint(): void;
  /**
   * A backup was put in the vault's place (from the app, the unlock screen or first run):
   * show the unlock screen for it. `asideDir` is where the vault as it was now waits.
   */
  restored(asideDir: string | null): void;
  /** Where the vault before the last restore was kept, to tell the coach once. */
  restoredAside: string | null;
}

const VaultContext = createContext<Vault | null>(null);

export function useVault(): Vault {
  const vault = useContext(VaultContext);
  if (!vault) throw new Error('useVault outside VaultProvider');
  return vault;
}

/**
 * Which of the three screens the app shows (first run, unlock, the app) and what happens
 * on every lock, whatever caused it: keep only the open editors' drafts, forget every
 * fetched record, show the unlock screen. The address stays, so unlocking returns there.
 */
export function VaultProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // In a ref: the function changes with every address, the lock handling must not.
  const navigateNow = useNavigate();
  const navigate = useRef(navigateNow);
  navigate.current = navigateNow;
  const [state, setState] = useState<Vault['state']>('loading');
  const [lockReason, setLockReason] = useState<string | null>(null);
  const [unlockedWith, setUnlockedWith] = useState<UnlockMethod | null>(null);
  const [restoredAside, setRestoredAside] = useState<string | null>(null);

  const stateRef = useRef(state);
  stateRef.current = state;
  // Not state: nothing renders it, and it must leave memory at the first lock.
  const recoveryKey = useRef<string | null>(null);

  const locked = useCallback((reason: string) => {
    // A restored vault may not hold the record on screen: it opens on the client list.
    if (reason === 'restore') void navigate.current('/clients', { replace: true });
    // A save refused after the lock says LOCKED too; the first, real reason stays.
    recoveryKey.current = null;
    if (stateRef.current === 'locked' || stateRef.current === 'none') return;
    stateRef.current = 'locked';
    // Before the forms unmount: the drafts on screen are the ones worth keeping.
    keepOnlyOpenDrafts();
    setLockReason(reason);
    setState('locked');
  }, []);

  useEffect(() => {
    let cancelled = false;
    kluis()
      .vault.status({})
      .then(
        (status) => {
          if (!cancelled) setState(status.state);
        },
        () => {
          if (!cancelled) setState('unavailable');
        },
      );
    const offEvents = kluis().events?.onLocked((reason) => locked(reason));
    const offSignal = onLockSignal((reason) => locked(reason));
    return () => {
      cancelled = true;
      offEvents?.();
      offSignal();
    };
  }, [locked]);

  useEffect(() => {
    // After the unlock screen replaced the dossier screens, so no query refetches.
    if (state === 'locked') queryClient.clear();
  }, [state, queryClient]);

  const value = useMemo<Vault>(
    () => ({
      state,
      lockReason,
      unlockedWith,
      restoredAside,
      unlocked(method, key) {
        recoveryKey.current = method === 'recovery-key' ? (key ?? null) : null;
        setUnlockedWith(method);
        setLockReason(null);
        setRestoredAside(null);
        setState('unlocked');
      },
      async lock() {
        try {
          await kluis().vault.lock({});
        } finally {
          locked('user');
        }
      },
      heldRecoveryKey() {
        return recoveryKey.current;
      },
      dismissRecoveryHint() {
        recoveryKey.current = null;
        setUnlockedWith('passphrase');
      },
      restored(asideDir) {
        // The restore locked the vault (the 'restore' event may already have said so);
        // from first run there was no vault before, so the state moves on from 'none' too.
        if (stateRef.current === 'unlocked') keepOnlyOpenDrafts();
        recoveryKey.current = null;
        void navigate.current('/clients', { replace: true });
        stateRef.current = 'locked';
        setRestoredAside(asideDir);
        setLockReason('restore');
        setState('locked');
      },
    }),
    [state, lockReason, unlockedWith, restoredAside, locked],
  );

  return <VaultContext.Provider value={value}>{children}</VaultContext.Provider>;
}
