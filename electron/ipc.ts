import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcMain } from 'electron';
import type { ApiResult } from './api';
import type { Dispatch } from './dispatcher';
import type { Logger } from './logger';
import { type ChoosePurpose, type KluisEvent, parseChoose } from './shell/bridge';
import { CALL_CHANNEL, CHOOSE_CHANNEL, EVENT_CHANNEL } from './shell/channels';
import { isAppUrl } from './shell/window-options';

/**
 * Binds the contract to Electron's IPC: one channel, answered only for the main frame of
 * our own window showing our own page. Everything past that check is the dispatcher's:
 * it validates the input with the method's schema.
 */

export type TrustedSenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * True only for a call from the main frame of `contents` while it shows app://kluis/.
 * A subframe, another window, or our window after it somehow left the app is refused.
 */
export function isTrustedSender(event: TrustedSenderEvent, contents: WebContents | null): boolean {
  if (!contents || contents.isDestroyed() || event.sender !== contents) return false;
  try {
    const frame = event.senderFrame;
    if (!frame) return false;
    const main = contents.mainFrame;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return frame.parent === null && isAppUrl(frame.url);
  } catch {
    // A frame disposed mid-call throws on access: refuse rather than guess.
    return false;
  }
}

const MAX_METHOD_LENGTH = 100;

/**
 * In the desktop app a backup folder comes from the native folder dialog, as a token
 * (file-grants.ts); only browser mode types a path. So a typed path over IPC is refused
 * here: a page that was made to misbehave cannot point the backups, or a restore, at a
 * folder the coach never chose in a dialog.
 */
export function namesTypedFolder(method: string, input: unknown): boolean {
  if (!method.startsWith('backups.') || typeof input !== 'object' || input === null) return false;
  const { path, folder } = input as { path?: unknown; folder?: unknown };
  if (path !== undefined) return true;
  return typeof folder === 'object' && folder !== null && 'path' in folder;
}

const badRequest: ApiResult<never> = {
  ok: false,
  error: { code: 'VALIDATION', messageKey: 'errors.VALIDATION' },
};

export interface KluisIpcOptions {
  /** The window allowed to call: ours, or null before it exists and after it closed. */
  readonly contents: () => WebContents | null;
  /** The dispatcher, behind the session's call wrapper (idle timer, settings). */
  readonly call: Dispatch;
  readonly logger: Logger;
  /** Shows the native dialog for a purpose and returns a token for the chosen path. */
  readonly choose?: (
    purpose: ChoosePurpose,
    defaultName: string,
  ) => Promise<{ token: string; name: string } | null>;
}

export function bindKluisIpc(options: KluisIpcOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event, options.contents())) {
      // Never the payload: it may be client data.
      options.logger.info('ipc.refused', { channel: CALL_CHANNEL });
      throw new Error('Refused');
    }
    if (typeof method !== 'string' || method.length > MAX_METHOD_LENGTH) return badRequest;
    if (namesTypedFolder(method, input)) return badRequest;
    return options.call(method, input);
  });
  ipcMain.handle(CHOOSE_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event, options.contents())) {
      options.logger.info('ipc.refused', { channel: CHOOSE_CHANNEL });
      throw new Error('Refused');
    }
    const parsed = parseChoose(request);
    if (!parsed || !options.choose) return null;
    return options.choose(parsed.purpose, parsed.defaultName);
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(CHOOSE_CHANNEL);
  };
}

/** Pushes an event to the page; a closed window simply misses it. */
export function sendKluisEvent(contents: WebContents | null, event: KluisEvent): void {
  if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
}
