type Listener = (reason: string) => void;

const listeners = new Set<Listener>();

/** Lets any layer (API wrapper, shortcuts) tell the app shell the vault is now locked. */
export function onLockSignal(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyLocked(reason: string): void {
  for (const listener of listeners) listener(reason);
}
