import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * build/electron-builder.config.cjs as data: electron-builder's own schema accepts it, and
 * the decisions the README and the issue promise are in it (per-user Windows install that
 * never deletes the vault, Dutch and English installer, the Electron addon shipped beside
 * app.asar, macOS hardened runtime with only the JIT exception, icons in place).
 */

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));

interface FileSet {
  from: string;
  to: string;
  filter: string[];
}
interface TargetSpec {
  target: string;
  arch: string[];
}
interface PlatformConfig {
  target: TargetSpec[];
  icon: string;
  extraResources: FileSet[];
  [key: string]: unknown;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  electronVersion: string;
  files: string[];
  asar: boolean;
  npmRebuild: boolean;
  nodeGypRebuild: boolean;
  publish: null;
  fileAssociations?: unknown;
  extraMetadata: { homepage: string };
  directories: { output: string; buildResources: string };
  mac: PlatformConfig;
  win: PlatformConfig;
  linux: PlatformConfig;
  nsis: Record<string, unknown>;
  deb: { depends: string[] };
  [key: string]: unknown;
}

const config = require('../../build/electron-builder.config.cjs') as BuilderConfig;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(
    config: unknown,
    debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void },
  ): Promise<void>;
};
const electronVersion = (require('electron/package.json') as { version: string }).version;

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(
      validateConfiguration(structuredClone(config), { isEnabled: false, add() {} }),
    ).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('nl.dossierkluis.app');
    expect(config.productName).toBe('Dossierkluis');
    expect(config.electronVersion).toBe(electronVersion);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      description: string;
      main: string;
    };
    // The description electron-builder puts in the installers comes from package.json.
    expect(pkg.description).toMatch(/cliëntdossiers voor coaches/);
    expect(pkg.main).toBe('out/electron/main.cjs');
  });

  it('packs only the built app into an asar: no sources, tests or source maps', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/electron/**/*',
        'out/renderer/**/*',
        '!**/*.map',
      ]),
    );
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    for (const pattern of included) {
      expect(pattern).not.toMatch(/^(electron|renderer|db|tests|bench|build)\//);
    }
    // The Node-ABI addon must not travel inside the app.
    expect(config.files).toContain(
      '!**/node_modules/better-sqlite3-multiple-ciphers/build{,/**/*}',
    );
  });

  it('never rebuilds node_modules: the Electron addon comes from build/rebuild-native.mjs', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });

  for (const [platform, key] of [
    ['darwin', 'mac'],
    ['win32', 'win'],
    ['linux', 'linux'],
  ] as const) {
    it(`ships the ${platform} addon for this Electron into resources/native`, () => {
      expect(config[key].extraResources).toEqual([
        {
          from: `out/native/electron-${electronVersion}-${platform}-\${arch}`,
          to: 'native',
          filter: ['better_sqlite3.node', 'build-info.json'],
        },
      ]);
    });
  }

  it("packages for this machine's CPU, or the ones DOSSIERKLUIS_DIST_ARCHS names", () => {
    const { distArchs } = require('../../build/native-target.cjs') as { distArchs(): string[] };
    expect(distArchs()).toEqual(
      process.env.DOSSIERKLUIS_DIST_ARCHS ? expect.any(Array) : [process.arch],
    );
    for (const key of ['mac', 'win', 'linux'] as const) {
      for (const target of config[key].target) expect(target.arch).toEqual(distArchs());
    }
    const path = require.resolve('../../build/electron-builder.config.cjs');
    const saved = process.env.DOSSIERKLUIS_DIST_ARCHS;
    try {
      process.env.DOSSIERKLUIS_DIST_ARCHS = 'x64,arm64';
      delete require.cache[path];
      const both = require(path) as BuilderConfig;
      expect(both.linux.target.map((t) => t.arch)).toEqual([
        ['x64', 'arm64'],
        ['x64', 'arm64'],
      ]);
    } finally {
      if (saved === undefined) delete process.env.DOSSIERKLUIS_DIST_ARCHS;
      else process.env.DOSSIERKLUIS_DIST_ARCHS = saved;
      delete require.cache[path];
    }
  });

  it('builds AppImage and deb for Linux, filed under Office, with a maintainer', () => {
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/^.+ <.+@.+>$/);
    expect(config.extraMetadata.homepage).toMatch(/^https:\/\//);
    // The keyring behind cookie encryption, and what Electron links at start.
    expect(config.deb.depends).toEqual(
      expect.arrayContaining(['libsecret-1-0', 'libnss3', 'libgbm1', 'libasound2']),
    );
  });

  it('installs per user on Windows, in Dutch or English, and never deletes the vault', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.installerLanguages).toEqual(['nl_NL', 'en_US']);
    expect(config.nsis.multiLanguageInstaller).toBe(true);
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('builds a dmg with the hardened runtime and only the JIT exception', () => {
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.mac.category).toBe('public.app-category.productivity');
    expect(config.mac.hardenedRuntime).toBe(true);
    for (const key of ['entitlements', 'entitlementsInherit'] as const) {
      const plist = readFileSync(join(root, config.mac[key] as string), 'utf8');
      const granted = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
      expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('claims no file type: .age files are not only ours', () => {
    expect(config.fileAssociations).toBeUndefined();
    for (const key of ['mac', 'win', 'linux'] as const) {
      expect(config[key].fileAssociations).toBeUndefined();
    }
  });

  it('publishes nothing: an offline app has no update feed', () => {
    expect(config.publish).toBeNull();
  });
});

describe('icons (build/icons)', () => {
  function pngSize(path: string): [number, number] {
    const bytes = readFileSync(path);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  }

  it('has the SVG source and the PNG sizes Linux picks up by name', () => {
    expect(existsSync(join(root, 'build/icons/icon.svg'))).toBe(true);
    expect(config.linux.icon).toBe('build/icons');
    expect(pngSize(join(root, 'build/icons/512x512.png'))).toEqual([512, 512]);
    expect(pngSize(join(root, 'build/icons/256x256.png'))).toEqual([256, 256]);
  });

  it('has a Windows .ico with a 256 px image and a macOS .icns', () => {
    const ico = readFileSync(join(root, config.win.icon));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    // Width 0 in a directory entry means 256.
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16]);
    expect(widths).toContain(0);
    const icns = readFileSync(join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
  });
});
