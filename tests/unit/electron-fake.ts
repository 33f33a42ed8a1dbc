import { EventEmitter } from 'node:events';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { Logger } from '../../electron/logger';
import type { StartedApp } from '../../electron/main';
import { tempDir } from '../support/vault-fixture';

/**
 * A stand-in for the parts of 'electron' the shell uses, recording every handler the
 * shell installs so tests can call them as Electron would. Used through
 * `vi.mock('electron', () => import('./electron-fake').then((m) => m.electronModule()))`.
 */

type Handler = (...args: unknown[]) => unknown;

export interface FakeFrame {
  processId: number;
  routingId: number;
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  readonly mainFrame: FakeFrame = {
    processId: 7,
    routingId: this.id,
    url: 'app://kluis/index.html',
    parent: null,
  };
  windowOpenHandler: Handler | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly loaded: string[] = [];

  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  /** Calls the listeners of `event` with a cancellable event object; returns it. */
  fire(event: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const electronEvent = {
      defaultPrevented: false,
      preventDefault() {
        electronEvent.defaultPrevented = true;
      },
    };
    this.emit(event, electronEvent, ...args);
    return electronEvent;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  shown = false;
  focused = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.webContents.loaded.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  hasLock = true;
  appPath = process.cwd();
  userData = '';
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.hasLock);
  readonly releaseSingleInstanceLock = vi.fn();
  readonly exit = vi.fn();
  /** Switches Chromium parsed from the command line, for app.commandLine.hasSwitch. */
  switches: string[] = [];
  readonly commandLine = { hasSwitch: (name: string) => this.switches.includes(name) };
  locale = 'nl-NL';
  systemLanguages: string[] = ['nl-NL'];
  getLocale(): string {
    return this.locale;
  }
  getPreferredSystemLanguages(): string[] {
    return this.systemLanguages;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getAppPath(): string {
    return this.appPath;
  }
  getPath(name: string): string {
    return name === 'userData' ? this.userData : `/fake/${name}`;
  }
}

function fakeSession() {
  return {
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    devicePermission: undefined as Handler | undefined,
    beforeRequest: undefined as Handler | undefined,
    spellChecker: undefined as boolean | undefined,
    events: new EventEmitter(),
    setPermissionRequestHandler(handler: Handler) {
      this.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: Handler) {
      this.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: Handler) {
      this.devicePermission = handler;
    },
    setSpellCheckerEnabled(enabled: boolean) {
      this.spellChecker = enabled;
    },
    get webRequest() {
      return {
        onBeforeRequest: (handler: Handler) => {
          this.beforeRequest = handler;
        },
      };
    },
    on(event: string, handler: Handler) {
      this.events.on(event, handler);
    },
  };
}

function freshState() {
  return {
    app: new FakeApp(),
    session: fakeSession(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Handler>(),
    ipcHandlers: new Map<string, Handler>(),
    menus: [] as unknown[],
    errorBoxes: [] as { title: string; content: string }[],
    power: Object.assign(new EventEmitter(), {
      idleState: 'active' as 'active' | 'idle' | 'locked' | 'unknown',
      getSystemIdleState(this: { idleState: string }, _threshold: number) {
        return this.idleState;
      },
    }),
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Handler[]>(),
    invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
    /**
     * dialog.showOpenDialog([window,] options) as Electron 41 documents it: resolves to
     * `{ canceled, filePaths }`. Tests set the answer; every call's options are kept.
     */
    dialog: {
      answer: { canceled: true, filePaths: [] } as { canceled: boolean; filePaths: string[] },
      openCalls: [] as unknown[],
    },
  };
}

export let fake = freshState();

/** Forgets every recorded handler and window, as a fresh Electron process would. */
export function resetFake(): typeof fake {
  fake = freshState();
  FakeBrowserWindow.instances = [];
  return fake;
}

/** The module object `vi.mock('electron')` returns; every member reads the current fake. */
export function electronModule() {
  return {
    get app() {
      return fake.app;
    },
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => fake.menus.push(menu),
    },
    get powerMonitor() {
      return fake.power;
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
      handle: (scheme: string, handler: Handler) => fake.protocolHandlers.set(scheme, handler),
    },
    session: {
      get defaultSession() {
        return fake.session;
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string) => fake.errorBoxes.push({ title, content }),
      showOpenDialog: async (...args: unknown[]) => {
        // The window argument is optional; the options object is always the last.
        fake.dialog.openCalls.push(args[args.length - 1]);
        return fake.dialog.answer;
      },
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        if (fake.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        fake.ipcHandlers.set(channel, handler);
      },
      removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
    },
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value),
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => fake.invoke(channel, ...args),
      on: (channel: string, handler: Handler) => {
        const list = fake.rendererListeners.get(channel) ?? [];
        list.push(handler);
        fake.rendererListeners.set(channel, list);
      },
    },
  };
}

/** start() listens for SIGINT/SIGTERM to quit cleanly; the test process keeps its own. */
export function withoutSignalHandlers<T>(run: () => T): T {
  const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  try {
    return run();
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) {
        if (!before.has(listener)) process.removeListener(signal, listener);
      }
    }
  }
}

export interface LaunchedShell {
  started: StartedApp;
  window: FakeBrowserWindow;
  contents: FakeWebContents;
  appDir: string;
}

/**
 * Runs main.ts's start() in a fresh fake Electron, with a built-renderer folder that has a
 * secret file beside it (and a symlink to it inside) for the containment tests.
 */
export async function launchShell(
  start: (logger: Logger) => StartedApp | null,
  logger: Logger,
  options: { isPackaged?: boolean } = {},
): Promise<LaunchedShell> {
  resetFake();
  const appDir = tempDir('dossierkluis-shell-');
  mkdirSync(join(appDir, 'out/renderer/assets'), { recursive: true });
  writeFileSync(join(appDir, 'out/renderer/index.html'), '<!doctype html><title>kluis</title>');
  writeFileSync(join(appDir, 'out/renderer/assets/app.js'), 'export {};');
  writeFileSync(join(appDir, 'secret.txt'), 'SECRET-OUTSIDE-RENDERER');
  symlinkSync(join(appDir, 'secret.txt'), join(appDir, 'out/renderer/assets/link.txt'));
  fake.app.appPath = appDir;
  fake.app.userData = tempDir('dossierkluis-userdata-');
  fake.app.isPackaged = options.isPackaged ?? false;
  const started = withoutSignalHandlers(() => start(logger));
  if (!started) throw new Error('start() refused to start');
  await started.ready;
  const window = FakeBrowserWindow.instances[0];
  if (!window) throw new Error('no window created');
  return { started, window, contents: window.webContents, appDir };
}
