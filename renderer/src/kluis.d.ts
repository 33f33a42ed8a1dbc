import type { KluisEvents, KluisBridge as ShellBridge } from '../../electron/shell/bridge';

/**
 * `window.kluis` is the bridge's own type (electron/shell/bridge.ts), not a copy, so a new
 * event or method there is known here at once. Only `events` differs: a bare browser
 * (vite preview without the harness) has none.
 */
export type KluisBridge = Omit<ShellBridge, 'events'> & { readonly events?: KluisEvents };
export type { ChooseFile, KluisMenuAction } from '../../electron/shell/bridge';

declare global {
  interface Window {
    readonly kluis: KluisBridge;
  }
}
