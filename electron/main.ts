import { basename, join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  type MenuItemConstructorOptions,
  powerMonitor,
  protocol,
  type Session,
  session,
  type WebContents,
} from 'electron';
import { setNativeBinding } from '../db/connection';
import { createDispatcher } from './dispatcher';
import { bindKluisIpc, sendKluisEvent } from './ipc';
import { createLogger, type Logger } from './logger';
import { backupIfDue } from './services/backups/backup-schedule';
import { attachHandover } from './services/handover/engine';
import { grantPath } from './services/handover/file-grants';
import { notePlaintextWrite } from './services/handover/plaintext-journal';
import { VaultSession } from './services/vault-session';
import type { ChoosePurpose } from './shell/bridge';
import { IdleLock, systemClock } from './shell/idle-lock';
import {
  FORBIDDEN_SWITCHES,
  forbiddenEnvironment,
  forbiddenSwitches,
} from './shell/inspection-switches';
import {
  type MenuAction,
  type MenuItemSpec,
  type MenuLanguage,
  menuMessages,
  menuTemplate,
} from './shell/menu-template';
import {
  loadNativeBinding,
  NativeBindingLoadError,
  NativeBindingMissingError,
} from './shell/native-binding';
import { appFiles, vaultDir } from './shell/paths';
import { createSessionCalls } from './shell/session-calls';
import { inspectionRefused, nativeModuleFailed, startupLanguage } from './shell/startup-messages';
import { readStatic } from './shell/static-files';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  answerPermissionCheck,
  answerPermissionRequest,
  isAllowedRequest,
  mainWindowOptions,
  securityHeaders,
} from './shell/window-options';

/**
 * The main process: one sandboxed window showing app://kluis/, one IPC channel into the
 * dispatcher, no network, no permissions, and a vault that locks when the coach leaves.
 */

/** Every webContents, ours or any a bug might create, can neither navigate nor open windows. */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Exports are saved as downloads of what the page made itself, never of a remote URL. */
export function isAllowedDownload(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('data:');
}

export function hardenSession(
  ses: Session,
  options: {
    devTools: boolean;
    downloadsDir: () => string;
    language: () => MenuLanguage;
    /** Where the journal of plaintext writes lives (services/handover/plaintext-journal.ts). */
    vaultDir?: string;
  },
): void {
  // Everything refused but the clipboard write of the app's own "copy" buttons.
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(answerPermissionRequest(permission, details)),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    answerPermissionCheck(permission, requestingOrigin, details),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  // Offline by design: whatever is not our own bundle never leaves the machine.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, { devTools: options.devTools }) });
  });
  ses.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getURL())) {
      event.preventDefault();
      return;
    }
    // No save path set, so Electron asks the coach where the export goes.
    item.setSaveDialogOptions({
      title: menuMessages(options.language()).saveExport,
      defaultPath: join(options.downloadsDir(), basename(item.getFilename())),
    });
    // The engine writes `<chosen path>.crdownload` until the download is done. Noted once
    // the coach chose the path, struck off when done: a crash in between leaves a file
    // the next start removes (an unencrypted access export is plaintext).
    const vaultDir = options.vaultDir;
    if (vaultDir === undefined) return;
    let ended: (() => void) | undefined;
    item.on('updated', () => {
      const savePath = item.getSavePath();
      if (ended === undefined && savePath) {
        ended = notePlaintextWrite(vaultDir, `${savePath}.crdownload`);
      }
    });
    item.once('done', () => ended?.());
  });
}

export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = securityHeaders();
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response(null, { status: 404, headers });
    }
    const file = await readStatic(rendererDir, url.pathname);
    if (file.status !== 200) return new Response(null, { status: file.status, headers });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...headers, 'Content-Type': file.contentType },
    });
  });
}

function toElectronMenu(
  items: readonly MenuItemSpec[],
  onAction: (action: MenuAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const options: MenuItemConstructorOptions = {};
    if (item.label !== undefined) options.label = item.label;
    if (item.role !== undefined) options.role = item.role;
    if (item.type !== undefined) options.type = item.type;
    if (item.accelerator !== undefined) options.accelerator = item.accelerator;
    const action = item.action;
    if (action !== undefined) options.click = () => onAction(action);
    if (item.submenu !== undefined) options.submenu = toElectronMenu(item.submenu, onAction);
    return options;
  });
}

function systemLanguages(): string[] {
  try {
    return app.getPreferredSystemLanguages();
  } catch {
    return [];
  }
}

/**
 * A packaged build started with a debugging or logging switch (inspection-switches.ts)
 * stops before anything else runs, with exit code 1. Both sources count: process.argv as
 * given, and Chromium's own parse (app.commandLine.hasSwitch). dialog.showErrorBox may be
 * called before 'ready' (https://www.electronjs.org/docs/latest/api/dialog, "This API can
 * be called safely before the ready event"; on Linux it then writes to stderr), and
 * waiting for 'ready' would let Chromium open the debugging port first.
 */
export function refuseInspectionSwitches(): boolean {
  if (!app.isPackaged) return false;
  const found = new Set(forbiddenSwitches(process.argv, process.platform));
  for (const name of FORBIDDEN_SWITCHES) {
    if (app.commandLine.hasSwitch(name)) found.add(name);
  }
  const variables = forbiddenEnvironment(process.env);
  if (found.size === 0 && variables.length === 0) return false;
  const message = inspectionRefused(startupLanguage(systemLanguages()), [
    ...FORBIDDEN_SWITCHES.filter((name) => found.has(name)).map((name) => `--${name}`),
    ...variables,
  ]);
  dialog.showErrorBox(message.title, message.body);
  app.exit(1);
  return true;
}

/**
 * Sets SQLite's addon built for Electron's ABI, not the Node build in node_modules that
 * the tests load (electron/shell/native-binding.ts), after loading it once. When it is
 * missing or does not load, says so and exits with 1. The dialog waits for 'ready': on
 * Linux showErrorBox before 'ready' only writes to stderr, and app.getLocale needs 'ready'
 * too (https://www.electronjs.org/docs/latest/api/app#appgetlocale).
 */
export function setUpNativeBinding(logger: Logger): boolean {
  try {
    setNativeBinding(
      loadNativeBinding({
        electronVersion: process.versions.electron,
        isPackaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        appPath: app.getAppPath(),
        platform: process.platform,
        arch: process.arch,
      }),
    );
    return true;
  } catch (error) {
    logger.error('native.load', error);
    const path =
      error instanceof NativeBindingMissingError || error instanceof NativeBindingLoadError
        ? error.path
        : '';
    const cause = error instanceof NativeBindingLoadError ? error.cause : error;
    const code = (cause as { code?: unknown } | null)?.code;
    const reason =
      error instanceof NativeBindingMissingError
        ? 'missing'
        : typeof code === 'string'
          ? code
          : 'load failed';
    void app.whenReady().then(() => {
      const message = nativeModuleFailed(startupLanguage([app.getLocale(), ...systemLanguages()]), {
        isPackaged: app.isPackaged,
        path,
        reason,
      });
      dialog.showErrorBox(message.title, message.body);
      app.exit(1);
    });
    return false;
  }
}

/** How often Linux is asked whether the screen is locked while the vault is open. */
export const SCREEN_LOCK_POLL_MS = 15_000;

/**
 * Locks the vault when the screen locks or the machine sleeps. powerMonitor is usable
 * from 'ready' on. 'lock-screen' fires on macOS and Windows only; 'suspend' on every
 * system (https://www.electronjs.org/docs/latest/api/power-monitor). On Linux the
 * documented fallback is getSystemIdleState, whose 'locked' is "available on supported
 * systems only", so it is asked while the vault is open; where the desktop does not
 * report it, the idle lock and 'suspend' remain, and the settings page says so.
 */
export function watchScreenLock(idle: IdleLock, platform: NodeJS.Platform): void {
  powerMonitor.on('lock-screen', () => idle.screenLocked());
  powerMonitor.on('suspend', () => idle.suspended());
  if (platform !== 'linux') return;
  const timer = setInterval(() => {
    // The threshold only decides 'idle' vs 'active'; 'locked' comes first either way.
    if (idle.armed && powerMonitor.getSystemIdleState(60) === 'locked') idle.screenLocked();
  }, SCREEN_LOCK_POLL_MS);
  timer.unref();
}

export interface StartedApp {
  readonly vault: VaultSession;
  readonly idle: IdleLock;
  readonly ready: Promise<void>;
}

export function start(
  logger: Logger = createLogger(undefined, { appRoot: app.getAppPath() }),
): StartedApp | null {
  if (refuseInspectionSwitches()) return null;
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  // Before the single-instance lock: a process that cannot open a vault must not hold it,
  // or every later launch would hand over to a process with no window and quit silently.
  if (!setUpNativeBinding(logger)) return null;
  // Two instances on one vault would fight over it; the second hands over to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  const devTools = !app.isPackaged;
  const files = appFiles(app.getAppPath());
  const vault = new VaultSession(
    vaultDir({ userData: app.getPath('userData'), env: process.env, isPackaged: app.isPackaged }),
  );
  const dispatch = createDispatcher(vault, { logger });
  // Refreshes the continuity bundle (2.28) whenever the vault locks.
  const handover = attachHandover(vault, { logger });
  // Daily backups while the vault is open; the one at quit is below.
  const backups = setInterval(
    () => void backupIfDue(vault, 'daily', new Date(), logger),
    30 * 60 * 1000,
  );
  backups.unref();
  const idle = new IdleLock(systemClock, (reason) => vault.lock(reason));
  let window: BrowserWindow | null = null;
  let language: MenuLanguage = 'nl';
  const contents = () => (window && !window.isDestroyed() ? window.webContents : null);

  function onMenuAction(action: MenuAction): void {
    if (action === 'lock') calls.lock('user');
    else sendKluisEvent(contents(), { type: 'menu', action });
  }
  function installMenu(): void {
    const template = menuTemplate({ language, devTools, platform: process.platform });
    Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(template, onMenuAction)));
  }
  const calls = createSessionCalls({
    session: vault,
    dispatch,
    idle,
    onSettings(settings) {
      if (settings.language === language) return;
      language = settings.language;
      installMenu();
    },
  });
  vault.onLock((reason) => sendKluisEvent(contents(), { type: 'locked', reason }));

  function createWindow(): BrowserWindow {
    const created = new BrowserWindow(mainWindowOptions({ preloadPath: files.preload, devTools }));
    created.once('ready-to-show', () => created.show());
    // Typing, pointing and scrolling in the window count as activity, not only saves.
    created.webContents.on('input-event', () => idle.activity());
    created.webContents.on('render-process-gone', (_event, details) => {
      logger.info('window.gone', { reason: details.reason });
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    created.loadURL(APP_ENTRY_URL).catch((error: unknown) => logger.error('window.load', error));
    return created;
  }

  app.on('web-contents-created', (_event, created) => guardWebContents(created));
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // The vault is the app: with its window gone there is nothing to keep open, on macOS too.
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Hold the quit for the backup of today's changes and the continuity bundle, both
    // bounded; then lock and quit for real.
    event.preventDefault();
    quitting = true;
    void (async () => {
      await backupIfDue(vault, 'quit', new Date(), logger);
      calls.lock('quit');
      await handover.settle(10_000);
      app.quit();
    })();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  // The coach picks a bundle file or folder natively; the page only ever sees a token.
  async function chooseFile(
    purpose: ChoosePurpose,
    defaultName: string,
  ): Promise<{ token: string; name: string } | null> {
    const parent = window ?? undefined;
    let path: string | undefined;
    if (purpose === 'save-bundle') {
      const options = {
        defaultPath: join(app.getPath('documents'), defaultName || 'overdracht.age'),
      };
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      path = result.canceled ? undefined : result.filePath;
    } else {
      const options: Electron.OpenDialogOptions =
        purpose === 'bundle-folder' || purpose === 'backup-folder'
          ? { properties: ['openDirectory', 'createDirectory'] }
          : { properties: ['openFile'], filters: [{ name: 'age', extensions: ['age'] }] };
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      path = result.canceled ? undefined : result.filePaths[0];
    }
    return path ? { token: grantPath(path, purpose), name: basename(path) } : null;
  }

  const ready = app.whenReady().then(() => {
    hardenSession(session.defaultSession, {
      devTools,
      downloadsDir: () => app.getPath('downloads'),
      language: () => language,
      vaultDir: vault.dir,
    });
    registerAppProtocol(files.renderer);
    bindKluisIpc({ contents, call: calls.call, logger, choose: chooseFile });
    watchScreenLock(idle, process.platform);
    installMenu();
    window = createWindow();
  });
  ready.catch((error: unknown) => {
    logger.error('app.start', error);
    app.quit();
  });
  return { vault, idle, ready };
}

// Unit tests import this module with 'electron' mocked and call start() themselves.
if (process.versions.electron !== undefined) start();
