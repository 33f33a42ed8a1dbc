import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseOptions, openEncryptedDatabase, setNativeBinding } from '../../db/connection';
import { start } from '../../electron/main';
import {
  electronNativeBinding,
  NATIVE_FILE,
  NativeBindingMissingError,
  nativeBindingPath,
  nativeDirName,
} from '../../electron/shell/native-binding';
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
 * Two builds of the SQLite addon, never one fighting the other: plain Node (vitest) loads the
 * package's own build from node_modules; Electron's main process loads the copy
 * build/rebuild-native.mjs made for Electron's ABI, through better-sqlite3's nativeBinding
 * option set in db/connection.ts.
 */

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const nativeTarget = require('../../build/native-target.cjs') as {
  nativeDirName(target: { electronVersion: string; platform: string; arch: string }): string;
  installedElectron(): { version: string; abi: number };
  binaryArch(bytes: Buffer): string | undefined;
};

interface RebuildNative {
  DEFAULT_DIST_URL: string;
  parseArgs(
    argv: string[],
    env?: Record<string, string | undefined>,
  ): { archs: string[]; force: boolean; nodedir?: string; distUrl: string };
  nodeGypEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
  nodeGypArgs(options: {
    electronVersion: string;
    arch: string;
    distUrl: string;
    devdir: string;
    nodedir?: string;
  }): string[];
  compiledAbi(configGypi: string): number | undefined;
}

let rebuildNative: RebuildNative;
const nodeBuild = join(
  root,
  'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node',
);

beforeAll(async () => {
  // A path held in a variable: the .mjs has no type declarations; its shape is RebuildNative.
  const script = pathToFileURL(join(root, 'build/rebuild-native.mjs')).href;
  rebuildNative = (await import(script)) as RebuildNative;
});
afterEach(() => setNativeBinding(undefined));
afterAll(removeTempDirs);

const context = {
  electronVersion: '41.7.1',
  isPackaged: false,
  resourcesPath: '/opt/Dossierkluis/resources',
  appPath: '/home/coach/dossierkluis',
  platform: 'linux',
  arch: 'x64',
} as const;

describe('which addon the main process loads (electron/shell/native-binding.ts)', () => {
  it('none of its own in plain Node: the package default, as vitest needs', () => {
    expect(nativeBindingPath({ ...context, electronVersion: undefined })).toBeUndefined();
    expect(electronNativeBinding({ ...context, electronVersion: undefined })).toBeUndefined();
  });

  it('from source: the Electron build in out/native, named for version, platform and arch', () => {
    expect(nativeBindingPath(context)).toBe(
      join('/home/coach/dossierkluis/out/native/electron-41.7.1-linux-x64', NATIVE_FILE),
    );
    expect(nativeBindingPath({ ...context, platform: 'darwin', arch: 'arm64' })).toBe(
      join('/home/coach/dossierkluis/out/native/electron-41.7.1-darwin-arm64', NATIVE_FILE),
    );
  });

  it('packaged: resources/native, where electron-builder puts extraResources', () => {
    expect(nativeBindingPath({ ...context, isPackaged: true })).toBe(
      join('/opt/Dossierkluis/resources/native', NATIVE_FILE),
    );
  });

  it('names the folder exactly as the build scripts do', () => {
    for (const target of [
      { electronVersion: '41.7.1', platform: 'linux', arch: 'x64' },
      { electronVersion: '41.7.1', platform: 'win32', arch: 'arm64' },
      { electronVersion: '42.0.0-beta.1', platform: 'darwin', arch: 'arm64' },
    ]) {
      expect(nativeDirName(target)).toBe(nativeTarget.nativeDirName(target));
    }
  });

  it('stops at startup with what to do when the addon is missing', () => {
    expect(() => electronNativeBinding(context, () => false)).toThrow(NativeBindingMissingError);
    expect(() => electronNativeBinding(context, () => false)).toThrow(/build\/rebuild-native\.mjs/);
    expect(() => electronNativeBinding({ ...context, isPackaged: true }, () => false)).toThrow(
      /reinstall Dossierkluis/,
    );
    expect(electronNativeBinding(context, () => true)).toBe(nativeBindingPath(context));
  });
});

describe('db/connection.ts passes the binding through', () => {
  it('defaults to the Node build: no nativeBinding option at all', () => {
    expect(databaseOptions({ create: true })).toEqual({ fileMustExist: false, timeout: 1000 });
    expect('nativeBinding' in databaseOptions({ create: false })).toBe(false);
  });

  it('passes a set path as nativeBinding, and forgets it when unset', () => {
    setNativeBinding('/x/better_sqlite3.node');
    expect(databaseOptions({ create: false })).toEqual({
      fileMustExist: true,
      timeout: 1000,
      nativeBinding: '/x/better_sqlite3.node',
    });
    setNativeBinding(undefined);
    expect('nativeBinding' in databaseOptions({ create: false })).toBe(false);
  });

  it('really loads the addon from the given path (here the Node build, by its path)', () => {
    setNativeBinding(nodeBuild);
    const db = openEncryptedDatabase(join(tempDir(), 'v.db'), randomBytes(32), { create: true });
    expect(db.pragma('cipher', { simple: true })).toBe('sqlcipher');
    db.close();
  });

  it('does not fall back to the default when the given path is wrong', () => {
    setNativeBinding(join(tempDir(), 'missing', NATIVE_FILE));
    expect(() =>
      openEncryptedDatabase(join(tempDir(), 'v.db'), randomBytes(32), { create: true }),
    ).toThrow(/Cannot find module/);
  });
});

describe('main.ts sets the binding at startup', () => {
  const silent = { error: vi.fn(), info: vi.fn() };

  function asElectron(resourcesPath: string): () => void {
    Object.defineProperty(process.versions, 'electron', { value: '41.7.1', configurable: true });
    Object.defineProperty(process, 'resourcesPath', { value: resourcesPath, configurable: true });
    return () => {
      Reflect.deleteProperty(process.versions, 'electron');
      Reflect.deleteProperty(process, 'resourcesPath');
    };
  }

  it('leaves the default under plain Node', async () => {
    await launchShell(start, silent);
    expect('nativeBinding' in databaseOptions({ create: false })).toBe(false);
  });

  it("uses resources/native's addon in a packaged Electron, loaded once at startup", async () => {
    const resources = tempDir('dossierkluis-resources-');
    mkdirSync(join(resources, 'native'));
    // Node's build stands in for Electron's: under vitest that is the ABI that loads.
    copyFileSync(nodeBuild, join(resources, 'native', NATIVE_FILE));
    const restore = asElectron(resources);
    try {
      await launchShell(start, silent, { isPackaged: true });
      expect(databaseOptions({ create: false }).nativeBinding).toBe(
        join(resources, 'native', NATIVE_FILE),
      );
      expect(fake.errorBoxes).toEqual([]);
    } finally {
      restore();
    }
  });

  async function startWithout(addon: 'missing' | 'not-an-addon', languages: string[]) {
    const resources = tempDir('dossierkluis-resources-');
    if (addon === 'not-an-addon') {
      mkdirSync(join(resources, 'native'));
      writeFileSync(join(resources, 'native', NATIVE_FILE), 'not a shared library');
    }
    const restore = asElectron(resources);
    try {
      resetFake();
      fake.app.isPackaged = true;
      fake.app.locale = languages[0] ?? 'nl';
      fake.app.systemLanguages = languages;
      const started = withoutSignalHandlers(() => start(silent));
      // The dialog waits for 'ready' (on Linux an earlier one only reaches stderr).
      await fake.app.whenReady();
      await Promise.resolve();
      return started;
    } finally {
      restore();
    }
  }

  for (const addon of ['missing', 'not-an-addon'] as const) {
    it(`without a loadable addon (${addon}): a dialog and exit 1, never the single-instance lock`, async () => {
      const started = await startWithout(addon, ['nl-NL']);
      expect(started).toBeNull();
      expect(fake.app.requestSingleInstanceLock).not.toHaveBeenCalled();
      expect(FakeBrowserWindow.instances).toHaveLength(0);
      expect(fake.errorBoxes).toHaveLength(1);
      expect(fake.errorBoxes[0]?.title).toBe('Dossierkluis kan niet starten');
      expect(fake.errorBoxes[0]?.content).toContain('Installeer Dossierkluis opnieuw');
      expect(fake.errorBoxes[0]?.content).toContain(
        addon === 'missing' ? 'missing' : 'ERR_DLOPEN_FAILED',
      );
      expect(fake.app.exit).toHaveBeenCalledWith(1);
      expect('nativeBinding' in databaseOptions({ create: false })).toBe(false);
    });
  }

  it('speaks English to an English system', async () => {
    await startWithout('missing', ['en-US']);
    expect(fake.errorBoxes[0]?.title).toBe('Dossierkluis cannot start');
    expect(fake.errorBoxes[0]?.content).toContain('Reinstall Dossierkluis');
  });

  it('from source, tells the developer how to build the addon', async () => {
    const restore = asElectron(tempDir('dossierkluis-resources-'));
    try {
      resetFake();
      fake.app.appPath = tempDir('dossierkluis-app-');
      expect(withoutSignalHandlers(() => start(silent))).toBeNull();
      await fake.app.whenReady();
      await Promise.resolve();
      expect(fake.errorBoxes[0]?.content).toContain('node build/rebuild-native.mjs');
    } finally {
      restore();
    }
  });
});

describe('build/rebuild-native.mjs', () => {
  it('builds with Electron headers: runtime, version, headers URL, never an implicit nodedir', () => {
    const args = rebuildNative.nodeGypArgs({
      electronVersion: '41.7.1',
      arch: 'arm64',
      distUrl: rebuildNative.DEFAULT_DIST_URL,
      devdir: '/home/coach/.electron-gyp',
    });
    expect(args).toEqual(
      expect.arrayContaining([
        'rebuild',
        '--runtime=electron',
        '--target=41.7.1',
        '--arch=arm64',
        '--dist-url=https://electronjs.org/headers',
        '--devdir=/home/coach/.electron-gyp',
      ]),
    );
    expect(args.some((arg) => arg.startsWith('--nodedir'))).toBe(false);
  });

  it("hides npm's npm_config_* settings from node-gyp (an npmrc nodedir means Node's headers)", () => {
    const env = rebuildNative.nodeGypEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.19.0',
      npm_config_runtime: 'node',
    });
    expect(env).toEqual({ PATH: '/usr/bin' });
  });

  it('reads the ABI node-gyp compiled against, to refuse a Node-ABI build', () => {
    expect(rebuildNative.compiledAbi('{ "variables": { "node_module_version": 145 } }')).toBe(145);
    expect(rebuildNative.compiledAbi("{ 'variables': { 'node_module_version': 115 } }")).toBe(115);
    expect(rebuildNative.compiledAbi('{}')).toBeUndefined();
  });

  it('takes --arch, --force and --nodedir, and nothing it does not know', () => {
    const options = rebuildNative.parseArgs(['--arch=arm64', '--force', '--nodedir=/h']);
    expect(options).toMatchObject({ archs: ['arm64'], force: true, nodedir: '/h' });
    expect(() => rebuildNative.parseArgs(['--target=20'])).toThrow(/unknown argument/);
    expect(() => rebuildNative.parseArgs(['--arch=ia32'])).toThrow(/x64 and arm64, not ia32/);
  });

  it('builds for the CPUs electron-builder packages: this one, or DOSSIERKLUIS_DIST_ARCHS', () => {
    expect(rebuildNative.parseArgs([], {}).archs).toEqual([process.arch]);
    expect(rebuildNative.parseArgs([], { DOSSIERKLUIS_DIST_ARCHS: 'x64,arm64' }).archs).toEqual([
      'x64',
      'arm64',
    ]);
  });

  it("reads an addon's CPU from its header, so a mislabelled build is caught", () => {
    expect(nativeTarget.binaryArch(readFileSync(nodeBuild))).toBe(process.arch);
    expect(nativeTarget.binaryArch(Buffer.from('not a binary'.padEnd(64)))).toBeUndefined();
  });

  it('stops with a plain message when the headers cannot be downloaded, touching nothing', () => {
    const before = statSync(nodeBuild).mtimeMs;
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'build/rebuild-native.mjs'),
        '--force',
        // Port 9 (discard) on loopback: refused at once, no network involved.
        '--dist-url=http://127.0.0.1:9/headers',
        `--devdir=${tempDir('dossierkluis-gyp-')}`,
      ],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(2);
    const { version } = nativeTarget.installedElectron();
    expect(run.stderr).toContain(`cannot build the SQLite addon for Electron ${version}`);
    expect(run.stderr).toContain("Electron's headers cannot be downloaded");
    expect(run.stderr).toContain('--nodedir');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(statSync(nodeBuild).mtimeMs).toBe(before);
  });
});
