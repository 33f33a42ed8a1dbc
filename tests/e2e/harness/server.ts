import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { VaultOptions } from '../../../db/vault';
import { createDispatcher } from '../../../electron/dispatcher';
import { createLogger } from '../../../electron/logger';
import { attachHandover } from '../../../electron/services/handover/engine';
import { grantPath } from '../../../electron/services/handover/file-grants';
import { VaultSession } from '../../../electron/services/vault-session';
import {
  type ChoosePurpose,
  type KluisEvent,
  type KluisMenuAction,
  parseChoose,
  parseKluisEvent,
} from '../../../electron/shell/bridge';
import { type IdleClock, IdleLock } from '../../../electron/shell/idle-lock';
import { createSessionCalls } from '../../../electron/shell/session-calls';
import { readStatic } from '../../../electron/shell/static-files';
import { securityHeaders } from '../../../electron/shell/window-options';

/**
 * The loopback test harness: the real dispatcher and vault session behind HTTP on
 * 127.0.0.1, the built renderer with the app protocol's headers, and `window.kluis`
 * injected by /harness-client.js. Lets Chromium drive the whole UI against real services
 * where Electron's binary is missing. Never part of the packaged app.
 */

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
export const RENDERER_DIR = join(repoRoot, 'out/renderer');
const CLIENT_ENTRY = join(here, 'browser-client.ts');
const TOKEN_HEADER = 'x-kluis-token';
// Attachments are up to 50 MiB, sent as base64 inside JSON.
const MAX_BODY_BYTES = 80 * 1024 * 1024;

export interface HarnessOptions {
  readonly vaultDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The clock the services see. */
  readonly now?: () => Date;
  /** Lower KDF cost for tests that are not about the KDF. */
  readonly vaultOptions?: VaultOptions;
  /** Where the built renderer is; defaults to out/renderer. */
  readonly rendererDir?: string;
  /**
   * Offers `window.kluis.chooseFile`, as the Electron shell does, answered from the paths a
   * test queues with `answerNextChoice`. Off by default: without it the UI is the one the
   * browser build shows (no folder dialog), which other specs count and photograph.
   */
  readonly chooser?: boolean;
  /** The `window.kluis.platform` the shell's preload would give (process.platform); none by default. */
  readonly platform?: 'linux' | 'darwin' | 'win32';
}

/** What the page asked the stand-in dialog for, in order. */
export interface ChoiceRequest {
  readonly purpose: ChoosePurpose;
  readonly defaultName: string;
}

export interface Harness {
  /** Open this in the browser: the origin plus `#kluis-token=…` for the injected client. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly vaultDir: string;
  /** Moves the idle clock forward, as time passing would, and lets the idle policy act. */
  advanceIdle(minutes?: number): { locked: boolean };
  /** Plays a powerMonitor event as the OS would send it to Electron. */
  powerEvent(kind: 'lock-screen' | 'suspend'): { locked: boolean };
  /** Plays a native menu item whose action main.ts forwards to the page (Help › About). */
  menuAction(action: KluisMenuAction): void;
  /**
   * What the next `chooseFile` dialog answers: an absolute path (granted for the purpose the
   * page asks, as Electron's main process does), or null for a cancelled dialog. With
   * nothing queued the dialog answers as cancelled. Throws unless started with `chooser`.
   */
  answerNextChoice(path: string | null): void;
  /** Every `chooseFile` request so far, answered or not. */
  readonly choiceRequests: readonly ChoiceRequest[];
  /** Resolves once a page listens for pushed events, so a lock it triggers cannot be missed. */
  waitForEventStream(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

let clientBundle: Promise<string> | undefined;

/** Bundles browser-client.ts once per process. */
function harnessClientScript(): Promise<string> {
  clientBundle ??= build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    legalComments: 'none',
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return clientBundle;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function tokenMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  return timingSafeEqual(sha256(expected), sha256(given));
}

function injectClient(html: string, chooser: boolean, platform: string | undefined): string {
  // Attributes, not a second script, tell the client to offer chooseFile and a platform:
  // the CSP allows no inline script, and one bundle serves every kind of harness.
  const attributes = [
    chooser ? ' data-chooser="on"' : '',
    platform === undefined ? '' : ` data-platform="${platform}"`,
  ].join('');
  const tag = `<script src="/harness-client.js"${attributes}></script>`;
  const at = html.search(/<script\b/i);
  if (at >= 0) return `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
  return html.replace(/<\/head>/i, `${tag}\n</head>`);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A virtual clock: real time plus however far tests have moved it. */
function offsetClock(now: () => Date): IdleClock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => now().getTime() + offset,
    schedule(callback, ms) {
      const timer = setTimeout(callback, ms);
      timer.unref();
      return () => clearTimeout(timer);
    },
    advance(ms) {
      offset += ms;
    },
  };
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  const now = options.now ?? (() => new Date());
  const token = randomBytes(32).toString('hex');
  const logger = createLogger();
  const session = new VaultSession(options.vaultDir, options.vaultOptions);
  const dispatch = createDispatcher(session, { now, logger });
  attachHandover(session, { logger });
  const clock = offsetClock(now);
  const idle = new IdleLock(clock, (reason) => session.lock(reason));
  const calls = createSessionCalls({ session, dispatch, idle });
  const chooser = options.chooser === true;
  const queuedChoices: (string | null)[] = [];
  const choiceRequests: ChoiceRequest[] = [];

  const streams = new Set<ServerResponse>();
  const streamWaiters = new Set<() => void>();
  function push(event: KluisEvent): void {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  }
  const stopLockEvents = session.onLock((reason) => {
    const event = parseKluisEvent({ type: 'locked', reason });
    if (event) push(event);
  });

  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  function send(
    response: ServerResponse,
    status: number,
    body: string | Buffer,
    headers: OutgoingHttpHeaders = {},
  ): void {
    response.writeHead(status, {
      ...securityHeaders(),
      'Content-Type': 'text/plain; charset=utf-8',
      ...headers,
    });
    response.end(body);
  }
  function sendJson(response: ServerResponse, status: number, value: unknown): void {
    send(response, status, JSON.stringify(value), {
      'Content-Type': 'application/json; charset=utf-8',
    });
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    for (const wake of streamWaiters) wake();
    // Comments keep idle connections from being closed by anything in between.
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    heartbeat.unref();
    request.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(response);
    });
  }

  function advanceIdle(minutes = idle.idleMinutes): { locked: boolean } {
    clock.advance(Math.max(0, minutes) * 60_000);
    return { locked: idle.check() };
  }
  function powerEvent(kind: 'lock-screen' | 'suspend'): { locked: boolean } {
    const wasArmed = idle.armed;
    if (kind === 'lock-screen') idle.screenLocked();
    else idle.suspended();
    return { locked: wasArmed };
  }

  /** The stand-in for the shell's native dialog: the queued path, granted like main.ts does. */
  async function chooseFile(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    let input: unknown;
    try {
      input = body ? JSON.parse(body) : null;
    } catch {
      input = null;
    }
    // Checked as the shell's IPC handler checks it (electron/ipc.ts).
    const choice = parseChoose(input);
    if (choice === null) {
      sendJson(response, 400, { error: 'purpose must be a ChoosePurpose, defaultName a string' });
      return;
    }
    choiceRequests.push(choice);
    const path = queuedChoices.shift() ?? null;
    sendJson(
      response,
      200,
      path === null ? null : { token: grantPath(path, choice.purpose), name: basename(path) },
    );
  }

  async function handleHarness(
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    if (url.pathname === '/harness/choose-file' && chooser) {
      await chooseFile(request, response);
      return;
    }
    if (url.pathname === '/harness/idle-lock') {
      const raw = url.searchParams.get('advanceMinutes');
      const minutes = raw === null ? undefined : Number(raw);
      if (minutes !== undefined && !(Number.isFinite(minutes) && minutes >= 0)) {
        sendJson(response, 400, { error: 'advanceMinutes must be a number ≥ 0' });
        return;
      }
      sendJson(response, 200, { ...advanceIdle(minutes), state: session.state });
      return;
    }
    if (url.pathname === '/harness/power-event') {
      const kind = url.searchParams.get('event');
      if (kind !== 'lock-screen' && kind !== 'suspend') {
        sendJson(response, 400, { error: 'event must be lock-screen or suspend' });
        return;
      }
      sendJson(response, 200, { ...powerEvent(kind), state: session.state });
      return;
    }
    sendJson(response, 404, { error: 'unknown harness route' });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a hostile page can point its own name at 127.0.0.1, but cannot
    // make the browser send our Host header.
    if (!allowedHosts().has(request.headers.host ?? '')) {
      send(response, 403, 'Forbidden host');
      return;
    }
    const target = request.url ?? '';
    // Origin-form only: '//x' or 'http://other/x' must not be read as another host.
    if (!target.startsWith('/')) {
      send(response, 400, 'Bad request');
      return;
    }
    const url = new URL(`http://127.0.0.1:${port}${target}`);
    const guarded = url.pathname.startsWith('/api/') || url.pathname.startsWith('/harness/');
    if (guarded) {
      const origin = request.headers.origin;
      if (!tokenMatches(token, request.headers[TOKEN_HEADER])) {
        send(response, 403, 'Forbidden');
        return;
      }
      if (origin !== undefined && origin !== `http://127.0.0.1:${port}`) {
        send(response, 403, 'Forbidden origin');
        return;
      }
      if (url.pathname === '/api/events' && request.method === 'GET') {
        openEventStream(request, response);
        return;
      }
      if (request.method !== 'POST') {
        send(response, 405, 'Method not allowed', { Allow: 'POST' });
        return;
      }
      if (url.pathname.startsWith('/harness/')) {
        await handleHarness(url, request, response);
        return;
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const body = await readBody(request);
      if (body === null) {
        sendJson(response, 413, { error: 'body too large' });
        return;
      }
      let input: unknown;
      try {
        input = body === '' ? {} : JSON.parse(body);
      } catch {
        sendJson(response, 400, { error: 'body is not JSON' });
        return;
      }
      sendJson(response, 200, await calls.call(method, input));
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    if (url.pathname === '/harness-client.js') {
      send(response, 200, await harnessClientScript(), {
        'Content-Type': 'text/javascript; charset=utf-8',
      });
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => null);
      if (html === null) {
        send(response, 404, 'out/renderer/index.html is missing: run `npm run build:renderer`.');
        return;
      }
      send(response, 200, injectClient(html, chooser, options.platform), {
        'Content-Type': 'text/html; charset=utf-8',
      });
      return;
    }
    const file = await readStatic(rendererDir, url.pathname);
    if (file.status !== 200) {
      send(response, file.status, file.status === 403 ? 'Forbidden' : 'Not found');
      return;
    }
    send(response, 200, file.body, { 'Content-Type': file.contentType });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error('harness.request', error);
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.end();
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#kluis-token=${token}`,
    origin,
    port,
    token,
    vaultDir: options.vaultDir,
    advanceIdle,
    powerEvent,
    menuAction(action) {
      push({ type: 'menu', action });
    },
    answerNextChoice(path) {
      if (!chooser) throw new Error('start the harness with { chooser: true } to answer dialogs');
      if (path !== null && !isAbsolute(path)) throw new Error('a chosen path must be absolute');
      queuedChoices.push(path);
    },
    choiceRequests,
    waitForEventStream(timeoutMs = 10_000) {
      if (streams.size > 0) return Promise.resolve();
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          streamWaiters.delete(wake);
          reject(new Error('no page connected to /api/events in time'));
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          streamWaiters.delete(wake);
          resolvePromise();
        };
        streamWaiters.add(wake);
      });
    },
    async close() {
      session.lock('quit');
      stopLockEvents();
      calls.dispose();
      for (const stream of streams) stream.end();
      streams.clear();
      await new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        server.closeAllConnections();
      });
    },
  };
}
