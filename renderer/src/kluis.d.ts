import type { KluisClient } from '../../electron/client';

/** Pushed by the shell (Electron) or the test harness; absent in a bare browser. */
export interface KluisEvents {
  onLocked(callback: (reason: string) => void): () => void;
}

export type KluisBridge = KluisClient & { readonly events?: KluisEvents };

declare global {
  interface Window {
    readonly kluis: KluisBridge;
  }
}
