import type { ApiErrorPayload } from '../api';
import { createKluisClient, type KluisClient, type Transport } from '../client';

/**
 * What the page sees as `window.kluis`, the same in Electron (preload, over IPC) and in
 * the browser harness (injected script, over loopback HTTP): the typed client of the
 * contract plus the events the main process pushes. No Node or DOM imports: the preload,
 * the harness client and the renderer's type check all read this file.
 */

// Kept equal to VaultSession's LockReason by a compile-time check in session-calls.ts.
export const lockReasons = ['user', 'idle', 'screen-locked', 'suspend', 'quit', 'restore'] as const;
export type KluisLockReason = (typeof lockReasons)[number];

/** Menu items whose action belongs to the UI; the page must handle each (see kluis.d.ts). */
export const menuActions = ['about', 'new-client'] as const;
export type KluisMenuAction = (typeof menuActions)[number];

export type KluisEvent =
  | { readonly type: 'locked'; readonly reason: KluisLockReason }
  | { readonly type: 'menu'; readonly action: KluisMenuAction };

export interface KluisEvents {
  /** The vault locked (idle, screen lock, suspend, menu, quit, restore): show the unlock screen. */
  onLocked(listener: (reason: KluisLockReason) => void): () => void;
  /** A menu item whose action belongs to the UI (Help › About, File › New client). */
  onMenu(listener: (action: KluisMenuAction) => void): () => void;
}

const CHOOSE_PURPOSES = ['save-bundle', 'open-bundle', 'bundle-folder', 'backup-folder'] as const;
export type ChoosePurpose = (typeof CHOOSE_PURPOSES)[number];

/** A page's dialog request, checked before a dialog opens (in the shell and the harness). */
export function parseChoose(
  request: unknown,
): { purpose: ChoosePurpose; defaultName: string } | null {
  if (typeof request !== 'object' || request === null) return null;
  const { purpose, defaultName } = request as { purpose?: unknown; defaultName?: unknown };
  const known = CHOOSE_PURPOSES.find((candidate) => candidate === purpose);
  if (known === undefined) return null;
  if (defaultName !== undefined && (typeof defaultName !== 'string' || defaultName.length > 200))
    return null;
  return { purpose: known, defaultName: defaultName ?? '' };
}

/**
 * A native dialog in the Electron app. The answer is a token the handover and continuity
 * methods accept (`fileToken`, `folderToken`) and the file name to show; the path itself
 * stays in the main process. Absent in the browser harness, where downloads and uploads
 * serve instead.
 */
export type ChooseFile = (request: {
  purpose: ChoosePurpose;
  defaultName?: string;
}) => Promise<{ token: string; name: string } | null>;

export type KluisBridge = KluisClient & {
  readonly events: KluisEvents;
  readonly chooseFile?: ChooseFile;
  /**
   * The desktop's operating system (process.platform in the preload), for what the page
   * must say differently per system, such as that Linux reports no screen lock. Absent
   * in the browser harness unless a test gives one.
   */
  readonly platform?: string;
};

/**
 * How a failed call rejects on both transports: a plain object with KluisError's fields.
 * Electron's contextBridge copies only `message` of an Error into the page, so a thrown
 * KluisError would arrive without its code; a plain object crosses whole. Test it with
 * `isKluisFailure`, never `instanceof`.
 */
export interface KluisFailure extends ApiErrorPayload {
  readonly name: 'KluisError';
  readonly message: string;
  readonly issues: NonNullable<ApiErrorPayload['issues']>;
  readonly detail: NonNullable<ApiErrorPayload['detail']>;
}

export function isKluisFailure(value: unknown): value is KluisFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'KluisError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

function toFailure(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'KluisError') return error;
  const { code, messageKey, issues, detail } = error as unknown as KluisFailure;
  return { name: 'KluisError', message: code, code, messageKey, issues, detail };
}

export function parseKluisEvent(value: unknown): KluisEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, reason, action } = value as Record<string, unknown>;
  if (type === 'locked' && lockReasons.some((known) => known === reason)) {
    return { type, reason: reason as KluisLockReason };
  }
  if (type === 'menu' && menuActions.some((known) => known === action)) {
    return { type, action: action as KluisMenuAction };
  }
  return null;
}

/** Fan-out of pushed events to the page's listeners; one listener's error cannot stop the rest. */
export function createEventHub(): { emit(event: KluisEvent): void; events: KluisEvents } {
  const locked = new Set<(reason: KluisLockReason) => void>();
  const menu = new Set<(action: KluisMenuAction) => void>();
  function subscribe<T>(set: Set<T>, listener: T): () => void {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }
  function each<T>(set: Set<(value: T) => void>, value: T): void {
    for (const listener of [...set]) {
      try {
        listener(value);
      } catch {
        // The page's own listener failed; the page reports its errors itself.
      }
    }
  }
  const events: KluisEvents = {
    onLocked: (listener) => subscribe(locked, listener),
    onMenu: (listener) => subscribe(menu, listener),
  };
  return {
    emit(event) {
      if (event.type === 'locked') each(locked, event.reason);
      else each(menu, event.action);
    },
    events: Object.freeze(events),
  };
}

/** The object exposed as `window.kluis`: frozen, functions only, nothing of the transport. */
export function createKluisBridge(
  transport: Transport,
  events: KluisEvents,
  chooseFile?: ChooseFile,
  platform?: string,
): KluisBridge {
  const client = createKluisClient(transport) as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<unknown>>
  >;
  const bridge: Record<string, unknown> = {};
  for (const [namespace, methods] of Object.entries(client)) {
    const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [name, call] of Object.entries(methods)) {
      wrapped[name] = (input) =>
        call(input).catch((error: unknown) => {
          throw toFailure(error);
        });
    }
    bridge[namespace] = Object.freeze(wrapped);
  }
  bridge.events = events;
  if (chooseFile) bridge.chooseFile = chooseFile;
  if (platform !== undefined) bridge.platform = platform;
  return Object.freeze(bridge) as unknown as KluisBridge;
}

export type { KluisClient };
