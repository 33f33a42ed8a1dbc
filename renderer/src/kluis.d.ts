import type { KluisClient } from '../../electron/client';

/** Pushed by the shell (Electron) or the test harness; absent in a bare browser. */
export interface KluisEvents {
  onLocked(callback: (reason: string) => void): () => void;
}

/** The desktop app's native dialog; the answer is a token for the chosen path, never the path. */
export type ChooseFile = (request: {
  purpose: 'save-bundle' | 'open-bundle' | 'bundle-folder' | 'backup-folder';
  defaultName?: string;
}) => Promise<{ token: string; name: string } | null>;

export type KluisBridge = KluisClient & {
  readonly events?: KluisEvents;
  readonly chooseFile?: ChooseFile;
};

declare global {
  interface Window {
    readonly kluis: KluisBridge;
  }
}
