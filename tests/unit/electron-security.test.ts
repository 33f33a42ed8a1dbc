import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isAllowedDownload, start } from '../../electron/main';
import {
  notePlaintextWrite,
  PLAINTEXT_JOURNAL,
  sweepPlaintextLeftovers,
} from '../../electron/services/handover/plaintext-journal';
import { resolveStaticPath } from '../../electron/shell/static-files';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  isAllowedRequest,
  META_CONTENT_SECURITY_POLICY,
  mainWindowOptions,
  securityHeaders,
} from '../../electron/shell/window-options';
import { removeTempDirs, tempDir } from '../support/vault-fixture';
import {
  FakeBrowserWindow,
  fake,
  launchShell,
  resetFake,
  withoutSignalHandlers,
} from './electron-fake';

vi.mock('electron', async () => (await import('./electron-fake')).electronModule());

/**
 * Regression tests for the shell's security settings. Each fails when one setting is
 * weakened: a webPreference, a CSP directive, navigation or window.open or permission
 * denial, the network block, the protocol's containment, DevTools in a packaged build.
 */

const silent = { error: vi.fn(), info: vi.fn() };
const launch = (options: { isPackaged?: boolean } = {}) => launchShell(start, silent, options);

afterAll(removeTempDirs);

describe('window webPreferences', () => {
  const required = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  } as const;

  for (const [name, value] of Object.entries(required)) {
    it(`${name} is ${value} in the window main.ts opens`, async () => {
      const { window } = await launch();
      const prefs = window.options.webPreferences as Record<string, unknown>;
      expect(prefs[name]).toBe(value);
    });
  }

  it('loads the preload from the built bundle and nothing else', async () => {
    const { window, appDir } = await launch();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe(join(appDir, 'out/electron/preload.cjs'));
    expect(Object.keys(prefs).sort()).toEqual(
      [...Object.keys(required), 'preload', 'devTools', 'safeDialogs'].sort(),
    );
  });

  it('gives DevTools to development builds only', async () => {
    expect(mainWindowOptions({ preloadPath: 'p', devTools: false }).webPreferences.devTools).toBe(
      false,
    );
    const packaged = await launch({ isPackaged: true });
    expect((packaged.window.options.webPreferences as { devTools: boolean }).devTools).toBe(false);
    const dev = await launch({ isPackaged: false });
    expect((dev.window.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
  });

  it('keeps DevTools and reload out of the packaged menu', async () => {
    await launch({ isPackaged: true });
    const packagedMenu = JSON.stringify(fake.menus.at(-1));
    expect(packagedMenu).not.toContain('toggleDevTools');
    expect(packagedMenu).not.toContain('"reload"');
    await launch({ isPackaged: false });
    expect(JSON.stringify(fake.menus.at(-1))).toContain('toggleDevTools');
  });

  it('loads only app://kluis/ and shows the window when it is ready', async () => {
    const { window, contents } = await launch();
    expect(contents.loaded).toEqual(['app://kluis/index.html']);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'",
    );
  });

  it('allows no inline code, eval, wildcard or remote source', () => {
    for (const sources of Object.values(CSP_DIRECTIVES)) {
      for (const source of sources) {
        expect(source).not.toMatch(/unsafe|\*|^https?:|^wss?:|^file:|nonce|sha\d/);
      }
    }
  });

  it('is sent on every app:// response, including refusals', async () => {
    await launch();
    const handler = fake.protocolHandlers.get('app');
    if (!handler) throw new Error('app protocol not registered');
    for (const url of ['app://kluis/index.html', 'app://kluis/missing.js', 'app://other/x']) {
      const response = (await handler({ url, method: 'GET' })) as Response;
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('is repeated in index.html, minus frame-ancestors which a meta tag cannot carry', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY);
    expect(html).toMatch(/<html lang="nl">/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('is what the harness serves too', () => {
    expect(securityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('navigation and new windows', () => {
  it('denies every navigation and redirect of our window', async () => {
    const { contents } = await launch();
    for (const event of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
    ]) {
      expect(contents.fire(event, 'https://example.org/').defaultPrevented, event).toBe(true);
    }
  });

  it('denies window.open for any URL, our own included', async () => {
    const { contents } = await launch();
    for (const url of ['https://example.org/', 'app://kluis/index.html', 'file:///etc/passwd']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('guards any other webContents a bug might create', async () => {
    await launch();
    const stray = new FakeBrowserWindow({});
    expect(stray.webContents.fire('will-navigate', 'https://x').defaultPrevented).toBe(true);
    expect(stray.webContents.windowOpenHandler?.({ url: 'https://x' })).toEqual({
      action: 'deny',
    });
  });
});

describe('permissions', () => {
  const permissions = [
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fullscreen',
    'openExternal',
    'pointerLock',
    'fileSystem',
    'idle-detection',
    'unknown',
  ];

  it('denies every permission request', async () => {
    await launch();
    for (const permission of permissions) {
      const callback = vi.fn();
      fake.session.permissionRequest?.({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('answers every permission check and device request with no', async () => {
    await launch();
    for (const permission of permissions) {
      expect(fake.session.permissionCheck?.({}, permission, 'app://kluis', {}), permission).toBe(
        false,
      );
    }
    expect(fake.session.devicePermission?.({ deviceType: 'usb' })).toBe(false);
  });

  // Electron's documented arguments: (webContents, permission, callback, details) and
  // (webContents, permission, requestingOrigin, details).
  const ours = { requestingUrl: 'app://kluis/index.html#/clients/1', isMainFrame: true };

  it('lets our own page write text to the clipboard, for the copy buttons', async () => {
    const { contents } = await launch({ isPackaged: true });
    const callback = vi.fn();
    fake.session.permissionRequest?.(contents, 'clipboard-sanitized-write', callback, ours);
    expect(callback).toHaveBeenCalledWith(true);
    expect(
      fake.session.permissionCheck?.(contents, 'clipboard-sanitized-write', 'app://kluis', ours),
    ).toBe(true);
  });

  it('refuses the clipboard to any other origin, frame or permission', async () => {
    const { contents } = await launch({ isPackaged: true });
    const others = [
      { requestingUrl: 'https://example.org/', isMainFrame: true },
      { requestingUrl: 'app://other/index.html', isMainFrame: true },
      { requestingUrl: 'app://kluis.example.org/', isMainFrame: true },
      { requestingUrl: 'file:///home/coach/x.html', isMainFrame: true },
      { requestingUrl: 'app://kluis/index.html', isMainFrame: false },
      { isMainFrame: false },
    ];
    for (const details of others) {
      const callback = vi.fn();
      fake.session.permissionRequest?.(contents, 'clipboard-sanitized-write', callback, details);
      expect(callback, JSON.stringify(details)).toHaveBeenCalledWith(false);
    }
    for (const origin of ['https://example.org', 'app://other', 'null', '']) {
      expect(
        fake.session.permissionCheck?.(contents, 'clipboard-sanitized-write', origin, ours),
        origin,
      ).toBe(false);
    }
    expect(
      fake.session.permissionCheck?.(null, 'clipboard-sanitized-write', 'app://kluis', {
        isMainFrame: false,
      }),
    ).toBe(false);
    for (const permission of permissions.filter((p) => p !== 'clipboard-sanitized-write')) {
      const callback = vi.fn();
      fake.session.permissionRequest?.(contents, permission, callback, ours);
      expect(callback, permission).toHaveBeenCalledWith(false);
      // securityOrigin is set for media checks; our own origin still gets no camera.
      expect(
        fake.session.permissionCheck?.(contents, permission, 'app://kluis', {
          ...ours,
          securityOrigin: 'app://kluis',
        }),
        permission,
      ).toBe(false);
    }
  });

  it('turns the spellchecker off for the session too', async () => {
    await launch();
    expect(fake.session.spellChecker).toBe(false);
  });
});

describe('network block', () => {
  const blocked = [
    'https://example.org/',
    'http://127.0.0.1:5178/api/vault.status',
    'ws://localhost/',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://kluis.example.org/',
    'ftp://example.org/',
    'chrome-extension://abc/x.js',
  ];
  const allowed = [
    'app://kluis/index.html',
    'app://kluis/assets/index-abc.js',
    'blob:app://kluis/4f6c-uuid',
    'data:image/png;base64,AAAA',
  ];

  it('cancels every request that is not our own bundle', async () => {
    await launch({ isPackaged: true });
    for (const url of [...blocked, 'devtools://devtools/bundled/inspector.html']) {
      const callback = vi.fn();
      fake.session.beforeRequest?.({ url }, callback);
      expect(callback, url).toHaveBeenCalledWith({ cancel: true });
    }
    for (const url of allowed) {
      const callback = vi.fn();
      fake.session.beforeRequest?.({ url }, callback);
      expect(callback, url).toHaveBeenCalledWith({ cancel: false });
    }
  });

  it('lets DevTools load in development builds only', () => {
    expect(isAllowedRequest('devtools://devtools/x', { devTools: true })).toBe(true);
    expect(isAllowedRequest('devtools://devtools/x', { devTools: false })).toBe(false);
    for (const url of blocked) expect(isAllowedRequest(url, { devTools: true }), url).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('is privileged before ready, as a secure standard scheme without CSP bypass', async () => {
    await launch();
    expect(fake.privileged).toEqual([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      bypassCSP: false,
      allowServiceWorkers: false,
    });
  });

  it('serves the built renderer with its content type', async () => {
    await launch();
    const handler = fake.protocolHandlers.get('app');
    const index = (await handler?.({ url: 'app://kluis/', method: 'GET' })) as Response;
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const script = (await handler?.({
      url: 'app://kluis/assets/app.js',
      method: 'GET',
    })) as Response;
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses paths that leave the renderer folder, other hosts and other methods', async () => {
    await launch();
    const handler = fake.protocolHandlers.get('app');
    const refused = [
      'app://kluis/..%2fsecret.txt',
      'app://kluis/..%2f..%2fsecret.txt',
      'app://kluis/assets/..%2f..%2f..%2fsecret.txt',
      'app://kluis/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://kluis/assets/..%5c..%5c..%5csecret.txt',
      'app://kluis/%00index.html',
      'app://kluis/assets/link.txt',
      'app://kluis/%E0%A4%A',
      'app://evil/index.html',
    ];
    for (const url of refused) {
      const response = (await handler?.({ url, method: 'GET' })) as Response;
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain('SECRET');
    }
    const post = (await handler?.({ url: 'app://kluis/index.html', method: 'POST' })) as Response;
    expect(post.status).toBe(404);
  });

  it('resolves only plain paths under the root', () => {
    expect(resolveStaticPath('/r', '/')).toBe('/r/index.html');
    expect(resolveStaticPath('/r', '/assets/a.js')).toBe('/r/assets/a.js');
    for (const path of [
      '/../x',
      '/a/../../x',
      '/%2e%2e/x',
      '/..%2fx',
      '/a%5c..%5cx',
      '/.env',
      '/a//b',
      'x',
      '/a%00',
    ]) {
      expect(resolveStaticPath('/r', path), path).toBeNull();
    }
  });
});

describe('app lifecycle', () => {
  it('enables the sandbox for every renderer and takes the single-instance lock', async () => {
    await launch();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('quits a second instance and lets the first one come to the front', async () => {
    const { window } = await launch();
    fake.app.emit('second-instance');
    expect(window.focused).toBe(true);

    resetFake();
    fake.app.hasLock = false;
    expect(withoutSignalHandlers(() => start(silent))).toBeNull();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('downloads', () => {
  it('asks where to save an export the page made, and cancels any other download', async () => {
    await launch();
    const item = (url: string) =>
      Object.assign(new EventEmitter(), {
        getURL: () => url,
        getFilename: () => '../../export.age',
        getSavePath: () => '',
        setSaveDialogOptions: vi.fn(),
        setSavePath: vi.fn(),
      });
    const ours = item('blob:app://kluis/1234');
    const oursEvent = { preventDefault: vi.fn() };
    fake.session.events.emit('will-download', oursEvent, ours);
    expect(oursEvent.preventDefault).not.toHaveBeenCalled();
    expect(ours.setSavePath).not.toHaveBeenCalled();
    expect(ours.setSaveDialogOptions).toHaveBeenCalledWith({
      title: 'Export opslaan',
      defaultPath: join('/fake/downloads', 'export.age'),
    });

    const remote = item('https://example.org/x.age');
    const remoteEvent = { preventDefault: vi.fn() };
    fake.session.events.emit('will-download', remoteEvent, remote);
    expect(remoteEvent.preventDefault).toHaveBeenCalled();
    expect(remote.setSaveDialogOptions).not.toHaveBeenCalled();
  });

  it('notes the .crdownload of a download being written, so a crash leaves nothing at the next start', async () => {
    const { started } = await launch();
    const vaultDir = started.vault.dir;
    mkdirSync(vaultDir, { recursive: true });
    const chosen = join(tempDir(), 'Inzage Annemieke.zip');
    const download = (savePath: string) =>
      Object.assign(new EventEmitter(), {
        getURL: () => 'blob:app://kluis/5678',
        getFilename: () => 'dossier-inzage.zip',
        getSavePath: () => savePath,
        setSaveDialogOptions: vi.fn(),
      });

    // Finished normally: noted while writing, struck off when done.
    const done = download(chosen);
    fake.session.events.emit('will-download', { preventDefault: vi.fn() }, done);
    done.emit('updated', {}, 'progressing');
    const journal = join(vaultDir, PLAINTEXT_JOURNAL);
    expect(readFileSync(journal, 'utf8')).not.toContain('Annemieke');
    done.emit('done', {}, 'completed');
    expect(existsSync(journal)).toBe(false);

    // Cut off by a crash: the engine's temp file stays, until the app starts again.
    const crashed = download(chosen);
    fake.session.events.emit('will-download', { preventDefault: vi.fn() }, crashed);
    crashed.emit('updated', {}, 'progressing');
    writeFileSync(`${chosen}.crdownload`, 'PK plaintext of a client');
    writeFileSync(join(dirname(chosen), 'unrelated.crdownload'), 'not ours');
    expect(sweepPlaintextLeftovers(vaultDir)).toBe(1);
    expect(existsSync(`${chosen}.crdownload`)).toBe(false);
    expect(existsSync(join(dirname(chosen), 'unrelated.crdownload'))).toBe(true);
  });

  it('removes only leftovers, and a leftover it cannot remove never stops the start', () => {
    const vaultDir = tempDir();
    const folder = tempDir();
    // An edited journal naming a file of the coach's: not the shape of a leftover, kept.
    const precious = join(folder, 'dossierkluis-backup.json');
    writeFileSync(precious, 'keep me');
    notePlaintextWrite(vaultDir, precious);
    // A leftover's name that is a folder: rmSync throws EISDIR without `recursive`.
    const stuck = join(folder, 'Inzage.zip.crdownload');
    mkdirSync(join(stuck, 'inside'), { recursive: true });
    notePlaintextWrite(vaultDir, stuck);
    expect(sweepPlaintextLeftovers(vaultDir)).toBe(0);
    expect(existsSync(precious)).toBe(true);
    // The note for what could not be removed stays for the next start.
    expect(readFileSync(join(vaultDir, PLAINTEXT_JOURNAL), 'utf8')).toMatch(/[0-9a-f]{64}/);
  });

  it('knows its own blobs from anything else', () => {
    expect(isAllowedDownload('blob:app://kluis/abc')).toBe(true);
    expect(isAllowedDownload('blob:https://example.org/abc')).toBe(false);
    expect(isAllowedDownload('https://example.org/a')).toBe(false);
  });
});

describe('preload', () => {
  // Imported once: it binds to the fake's ipcRenderer as the real one binds at page load.
  beforeAll(async () => {
    resetFake();
    await import('../../electron/preload');
  });

  it('exposes exactly one frozen object, window.kluis, with nothing of ipcRenderer', async () => {
    expect([...fake.exposed.keys()]).toEqual(['kluis']);
    const kluis = fake.exposed.get('kluis') as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(kluis)).toBe(true);
    const seen = new Set<unknown>();
    const walk = (value: unknown, path: string): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
      if (seen.has(value)) return;
      seen.add(value);
      expect(value, path).not.toHaveProperty('invoke');
      expect(value, path).not.toHaveProperty('send');
      expect(value, path).not.toHaveProperty('sendSync');
      expect(value, path).not.toHaveProperty('postMessage');
      if (typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
      }
    };
    walk(kluis, 'kluis');
    // The one function at the top: the native file chooser, which returns tokens only.
    expect(typeof kluis.chooseFile).toBe('function');
    // A plain value beside them: the operating system, for wording only.
    expect(kluis.platform).toBe(process.platform);
    for (const [namespace, methods] of Object.entries(kluis)) {
      if (namespace === 'chooseFile' || namespace === 'platform') continue;
      expect(Object.isFrozen(methods), namespace).toBe(true);
      for (const [name, method] of Object.entries(methods)) {
        expect(typeof method, `${namespace}.${name}`).toBe('function');
      }
    }
  });

  it('gives event listeners the reason only, never the IPC event', async () => {
    const kluis = fake.exposed.get('kluis') as {
      events: { onLocked(cb: (...args: unknown[]) => void): () => void };
    };
    const listener = vi.fn();
    const stop = kluis.events.onLocked(listener);
    const [deliver] = fake.rendererListeners.get('kluis:event') ?? [];
    const ipcEvent = { sender: { send: vi.fn() }, ports: [] };
    deliver?.(ipcEvent, { type: 'locked', reason: 'idle' });
    deliver?.(ipcEvent, { type: 'locked', reason: 'made-up' });
    deliver?.(ipcEvent, 'garbage');
    expect(listener.mock.calls).toEqual([['idle']]);
    stop();
    deliver?.(ipcEvent, { type: 'locked', reason: 'user' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('rejects with a plain failure object that crosses the contextBridge whole', async () => {
    fake.invoke.mockResolvedValue({
      ok: false,
      error: {
        code: 'VALIDATION',
        messageKey: 'errors.VALIDATION',
        issues: [{ path: 'id', code: 'x' }],
      },
    });
    const kluis = fake.exposed.get('kluis') as {
      clients: { get(input: unknown): Promise<unknown> };
    };
    const failure = await kluis.clients.get({ id: 'x' }).catch((error: unknown) => error);
    expect(failure).toEqual({
      name: 'KluisError',
      message: 'VALIDATION',
      code: 'VALIDATION',
      messageKey: 'errors.VALIDATION',
      issues: [{ path: 'id', code: 'x' }],
      detail: {},
    });
    expect(Object.getPrototypeOf(failure)).toBe(Object.prototype);
    expect(fake.invoke).toHaveBeenCalledWith('kluis:call', 'clients.get', { id: 'x' });
  });
});
