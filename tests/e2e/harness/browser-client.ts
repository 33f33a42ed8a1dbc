import type { ApiResult } from '../../../electron/api';
import {
  type ChooseFile,
  createEventHub,
  createKluisBridge,
  type KluisEvent,
  parseKluisEvent,
} from '../../../electron/shell/bridge';

/**
 * The browser harness's stand-in for Electron's preload: the same `window.kluis`, built by
 * the same bridge code, over loopback HTTP instead of IPC. Loaded as a classic script
 * before the app's module, so `window.kluis` exists when the app starts.
 *
 * The token arrives in the URL fragment (`#kluis-token=…`): fragments are never sent to a
 * server nor put in a Referer, and the server never hands the token out itself, so another
 * page in the same browser cannot learn it by loading this script. It is kept in
 * sessionStorage so a reload of the tab still works, and removed from the address before
 * the app's router reads it.
 */

const TOKEN_KEY = 'kluis-harness-token';
const TOKEN_PATTERN = /^#kluis-token=([0-9a-f]{64})$/;

function takeToken(): string {
  const match = TOKEN_PATTERN.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(history.state, '', location.pathname + location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();
// Read now: currentScript is only set while this classic script first runs.
const offerChooser = document.currentScript?.dataset.chooser === 'on';
const platform = document.currentScript?.dataset.platform;

async function transport(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const response = await fetch(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kluis-token': token },
    body: JSON.stringify(input ?? {}),
    cache: 'no-store',
  });
  if (!response.ok) {
    throw new Error(
      `harness refused ${method}: HTTP ${response.status} (open the URL with its #kluis-token)`,
    );
  }
  return (await response.json()) as ApiResult<unknown>;
}

/**
 * The folder / file dialog of a harness started with `chooser`: the test queued the answer
 * in Node, and the page gets back only the token and name, as from Electron's dialog.
 */
const chooseFile: ChooseFile = async (request) => {
  const response = await fetch('/harness/choose-file', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kluis-token': token },
    body: JSON.stringify({ purpose: request.purpose, defaultName: request.defaultName }),
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`harness refused chooseFile: HTTP ${response.status}`);
  return (await response.json()) as { token: string; name: string } | null;
};

const hub = createEventHub();

function deliver(block: string): void {
  for (const line of block.split('\n')) {
    if (!line.startsWith('data:')) continue;
    let event: KluisEvent | null = null;
    try {
      event = parseKluisEvent(JSON.parse(line.slice(5)));
    } catch {
      event = null;
    }
    if (event) hub.emit(event);
  }
}

// Server-sent events read through fetch, because EventSource cannot send the token header.
async function listen(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch('/api/events', {
        headers: { 'x-kluis-token': token },
        cache: 'no-store',
      });
      if (response.status === 403 || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          deliver(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // The harness restarted or the page is unloading; try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

Object.defineProperty(window, 'kluis', {
  value: createKluisBridge(transport, hub.events, offerChooser ? chooseFile : undefined, platform),
  enumerable: true,
  writable: false,
  configurable: false,
});

void listen();
