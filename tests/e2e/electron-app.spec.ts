import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ElectronApplication,
  _electron as electron,
  expect,
  type Page,
  test,
} from '@playwright/test';

/**
 * The real shell in a real Electron: the window's isolation, the app protocol's CSP, the
 * navigation and network blocks, one IPC call and one pushed lock event. Runs where an
 * Electron binary is installed; elsewhere it skips and says why (DESIGN.md, 'Testing here').
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    // The package exports its binary's path, and throws when the download was skipped.
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron shell', () => {
  test.skip(
    binary === null,
    'Electron binary not downloaded on this machine (installs never fetch it; the first ' +
      '`npm start` does): node_modules/electron has no dist/. The shell is covered here by ' +
      'the unit tests with electron mocked and the UI by the Chromium e2e tests; run ' +
      '`npm start` once on a machine with internet to run this file.',
  );

  let app: ElectronApplication;
  let page: Page;
  let vaultDir: string;

  test.beforeAll(async () => {
    for (const built of ['out/electron/main.cjs', 'out/electron/preload.cjs', 'out/renderer']) {
      if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build`);
    }
    vaultDir = mkdtempSync(join(tmpdir(), 'dossierkluis-electron-'));
    // The project folder, so Electron reads package.json's main (out/electron/main.cjs).
    app = await electron.launch({
      args: [root],
      cwd: root,
      env: { ...process.env, KLUIS_VAULT_DIR: vaultDir },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (vaultDir) rmSync(vaultDir, { recursive: true, force: true });
  });

  test('shows the app from app://kluis/ with the strict CSP header', async () => {
    expect(page.url()).toBe('app://kluis/index.html');
    const csp = await page.evaluate(async () => {
      const response = await fetch('/index.html');
      return response.headers.get('content-security-policy');
    });
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  test('gives the page window.kluis and nothing of Node or Electron', async () => {
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return {
        kluis: typeof scope.kluis,
        status: typeof (scope.kluis as { vault?: { status?: unknown } }).vault?.status,
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        electron: typeof scope.electron,
        ipcRenderer: typeof scope.ipcRenderer,
      };
    });
    expect(globals).toEqual({
      kluis: 'object',
      status: 'function',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      electron: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('answers a call through IPC and the real dispatcher', async () => {
    const state = await page.evaluate(async () => {
      const kluis = (globalThis as { kluis?: { vault: { status(i: object): Promise<unknown> } } })
        .kluis;
      return kluis?.vault.status({});
    });
    expect(state).toEqual({ state: 'none' });
  });

  test('opens no windows and reaches no network', async () => {
    const result = await page.evaluate(async () => {
      const opened = window.open('https://example.org/');
      const fetched = await fetch('https://example.org/').then(
        () => 'reached',
        () => 'blocked',
      );
      return { opened: opened === null, fetched };
    });
    expect(result).toEqual({ opened: true, fetched: 'blocked' });
    expect(app.windows()).toHaveLength(1);
  });

  test('stays on the app when the page tries to navigate away', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    // A denied navigation never commits: the next evaluate still runs in our document.
    expect(await page.evaluate(() => location.href)).toBe('app://kluis/index.html');
  });

  test('locks the vault on screen lock and tells the page', async () => {
    await page.evaluate(async () => {
      const scope = globalThis as unknown as {
        kluis: {
          vault: { create(input: { passphrase: string }): Promise<unknown> };
          events: { onLocked(cb: (reason: string) => void): () => void };
        };
        lockReasons: string[];
      };
      scope.lockReasons = [];
      scope.kluis.events.onLocked((reason) => scope.lockReasons.push(reason));
      await scope.kluis.vault.create({ passphrase: 'paarse olifant danst op het dak' });
    });
    await app.evaluate(({ powerMonitor }) => {
      powerMonitor.emit('lock-screen');
    });
    await expect
      .poll(() => page.evaluate(() => (globalThis as { lockReasons?: string[] }).lockReasons))
      .toEqual(['screen-locked']);
  });
});
