import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as electronFuses from '@electron/fuses';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * The fuses of the packaged app (build/fuses.cjs) and the afterPack hook that flips them
 * (build/after-pack.cjs). Each required setting is listed here on its own, so weakening
 * any one of them in the configuration, or a hook that stops applying the configuration,
 * fails a test. The hook runs for real against a stand-in Electron binary that carries a
 * fuse wire, and the wire is read back with @electron/fuses.
 */

const require = createRequire(import.meta.url);

type FusesModule = typeof electronFuses;
type FuseConfig = Record<string, unknown>;

interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: {
    appInfo: { productFilename: string };
    executableName: string;
    info: { framework: { version: string } };
  };
}

interface AfterPackModule {
  afterPack(context: AfterPackContext, fusesModule?: FusesModule): Promise<void>;
  fuseConfig(
    fusesModule: FusesModule,
    target: { platform: string; arch: string },
    fuses?: Record<string, boolean>,
  ): FuseConfig;
  electronBinaryPath(context: AfterPackContext): string;
}

const { FUSES, LEFT_AT_DEFAULT } = require('../../build/fuses.cjs') as {
  FUSES: Record<string, boolean>;
  LEFT_AT_DEFAULT: readonly string[];
};
const afterPackModule = require('../../build/after-pack.cjs') as AfterPackModule;
const builderConfig = require('../../build/electron-builder.config.cjs') as Record<string, unknown>;
const nativeTarget = require('../../build/native-target.cjs') as {
  installedElectron(): { version: string; abi: number };
  expectedBuildInfo(target: { electronVersion: string; platform: string; arch: string }): object;
};

const { FuseV1Options } = electronFuses;

/** What every packaged build must have. Written out here, not read from build/fuses.cjs. */
const REQUIRED: Record<string, boolean> = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
  LoadBrowserProcessSpecificV8Snapshot: false,
};

afterAll(removeTempDirs);

describe('fuse configuration (build/fuses.cjs)', () => {
  for (const [name, value] of Object.entries(REQUIRED)) {
    it(`${name} is ${value ? 'on' : 'off'}`, () => {
      expect(FUSES[name]).toBe(value);
    });
  }

  it('names only fuses the installed @electron/fuses knows', () => {
    for (const name of Object.keys(FUSES)) {
      expect(typeof FuseV1Options[name as keyof typeof FuseV1Options], name).toBe('number');
    }
  });

  it('decides every fuse @electron/fuses knows, so a new one cannot slip through unset', () => {
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
    const decided = [...Object.keys(FUSES), ...LEFT_AT_DEFAULT];
    expect(known.filter((name) => !decided.includes(name))).toEqual([]);
  });
});

describe('fuseConfig: the argument to flipFuses', () => {
  it('carries every fuse of build/fuses.cjs at its FuseV1Options index', () => {
    const config = afterPackModule.fuseConfig(electronFuses, { platform: 'linux', arch: 'x64' });
    expect(config.version).toBe(electronFuses.FuseVersion.V1);
    for (const [name, value] of Object.entries(REQUIRED)) {
      expect(config[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(value);
    }
  });

  it('re-signs ad hoc only for macOS on arm64', () => {
    const reset = (platform: string, arch: string) =>
      afterPackModule.fuseConfig(electronFuses, { platform, arch }).resetAdHocDarwinSignature;
    expect(reset('darwin', 'arm64')).toBe(true);
    expect(reset('darwin', 'x64')).toBe(false);
    expect(reset('linux', 'arm64')).toBe(false);
    expect(reset('win32', 'arm64')).toBe(false);
  });

  it('refuses a fuse name it does not know and a value that is not a boolean', () => {
    expect(() =>
      afterPackModule.fuseConfig(
        electronFuses,
        { platform: 'linux', arch: 'x64' },
        { RunAsNod: false },
      ),
    ).toThrow(/no fuse named RunAsNod/);
    expect(() =>
      afterPackModule.fuseConfig(
        electronFuses,
        { platform: 'linux', arch: 'x64' },
        { RunAsNode: 0 as unknown as boolean },
      ),
    ).toThrow(/true or false/);
  });
});

describe('electron-builder runs the hook', () => {
  it('names build/after-pack.cjs as afterPack, which exports afterPack', () => {
    expect(builderConfig.afterPack).toBe('./build/after-pack.cjs');
    expect(typeof afterPackModule.afterPack).toBe('function');
  });

  it("leaves electron-builder's own electronFuses unset: one place decides the fuses", () => {
    expect(builderConfig.electronFuses).toBeUndefined();
  });
});

// --- afterPack against a stand-in Electron binary ---------------------------------------

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults for 9 fuses (the ninth, WasmTrapHandlers, on). */
const DEFAULT_WIRE = '101100011';
const ARCH = { x64: 1, arm64: 3 } as const;

function fakeElectronBinary(path: string): void {
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('\x7fELF fake electron, code before the wire '),
      Buffer.from(SENTINEL),
      Buffer.from([1, DEFAULT_WIRE.length]),
      Buffer.from(DEFAULT_WIRE),
      Buffer.from(' code after the wire'),
    ]),
  );
}

/** The first bytes of a shared library for `target`: enough for after-pack's CPU check. */
function fakeAddon(target: { platform: string; arch: string }): Buffer {
  const bytes = Buffer.alloc(64);
  if (target.platform === 'darwin') {
    bytes.writeUInt32LE(0xfeedfacf, 0);
    bytes.writeUInt32LE(target.arch === 'arm64' ? 0x0100000c : 0x01000007, 4);
  } else {
    bytes.writeUInt32BE(0x7f454c46, 0);
    bytes[5] = 1;
    bytes.writeUInt16LE(target.arch === 'arm64' ? 0xb7 : 0x3e, 18);
  }
  return bytes;
}

function shipNative(
  resources: string,
  target: { platform: string; arch: string },
  binaryFor: { platform: string; arch: string } = target,
): void {
  const dir = join(resources, 'native');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'better_sqlite3.node'), fakeAddon(binaryFor));
  const electronVersion = nativeTarget.installedElectron().version;
  writeFileSync(
    join(dir, 'build-info.json'),
    JSON.stringify(nativeTarget.expectedBuildInfo({ electronVersion, ...target })),
  );
}

type Target = { platform: string; arch: string };

function linuxPackage(options: { native?: Target | null; binaryFor?: Target } = {}) {
  const appOutDir = tempDir('dossierkluis-pack-');
  fakeElectronBinary(join(appOutDir, 'dossierkluis'));
  const native = options.native === undefined ? { platform: 'linux', arch: 'x64' } : options.native;
  if (native) shipNative(join(appOutDir, 'resources'), native, options.binaryFor);
  const context: AfterPackContext = {
    appOutDir,
    electronPlatformName: 'linux',
    arch: ARCH.x64,
    packager: {
      appInfo: { productFilename: 'Dossierkluis' },
      executableName: 'dossierkluis',
      info: { framework: { version: nativeTarget.installedElectron().version } },
    },
  };
  return { context, binary: join(appOutDir, 'dossierkluis') };
}

function macPackage() {
  const appOutDir = tempDir('dossierkluis-pack-mac-');
  const app = join(appOutDir, 'Dossierkluis.app');
  const framework = join(app, 'Contents/Frameworks/Electron Framework.framework');
  mkdirSync(framework, { recursive: true });
  fakeElectronBinary(join(framework, 'Electron Framework'));
  shipNative(join(app, 'Contents/Resources'), { platform: 'darwin', arch: 'arm64' });
  const context: AfterPackContext = {
    appOutDir,
    electronPlatformName: 'darwin',
    arch: ARCH.arm64,
    packager: {
      appInfo: { productFilename: 'Dossierkluis' },
      executableName: 'Dossierkluis',
      info: { framework: { version: nativeTarget.installedElectron().version } },
    },
  };
  return { context, app, fuseFile: join(framework, 'Electron Framework') };
}

function wireOf(path: string): string {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  const length = bytes[at + 1] ?? 0;
  return bytes.subarray(at + 2, at + 2 + length).toString('latin1');
}

describe('afterPack on a packaged app', () => {
  it('flips every required fuse in the binary and leaves the rest at Electron defaults', async () => {
    const { context, binary } = linuxPackage();
    await afterPackModule.afterPack(context);
    const wire = wireOf(binary);
    for (const [name, value] of Object.entries(REQUIRED)) {
      const index = FuseV1Options[name as keyof typeof FuseV1Options];
      expect(wire[index], name).toBe(value ? '1' : '0');
    }
    // WasmTrapHandlers (index 8) is left at Electron's default: on.
    expect(wire[8]).toBe('1');
  });

  it('on macOS arm64 flips the framework binary and asks for an ad-hoc re-signature', async () => {
    const { context, app, fuseFile } = macPackage();
    // codesign exists only on macOS: record the call, flip without the re-signing step.
    const flipFuses = vi.fn((path: string, config: Parameters<FusesModule['flipFuses']>[1]) =>
      electronFuses.flipFuses(path, { ...config, resetAdHocDarwinSignature: false }),
    );
    await afterPackModule.afterPack(context, { ...electronFuses, flipFuses });
    expect(flipFuses).toHaveBeenCalledTimes(1);
    expect(flipFuses.mock.calls[0]?.[0]).toBe(app);
    expect(flipFuses.mock.calls[0]?.[1].resetAdHocDarwinSignature).toBe(true);
    expect(wireOf(fuseFile).slice(0, 8)).toBe('01001100');
  });

  it('fails the build when the fuses did not take', async () => {
    const { context } = linuxPackage();
    const flipFuses = vi.fn(async () => 1);
    await expect(
      afterPackModule.afterPack(context, { ...electronFuses, flipFuses }),
    ).rejects.toThrow(/fuses not set .*RunAsNode/);
  });

  it('fails the build when the SQLite addon for Electron was not shipped', async () => {
    const { context } = linuxPackage({ native: null });
    await expect(afterPackModule.afterPack(context)).rejects.toThrow(
      /better_sqlite3\.node is missing.*rebuild-native/,
    );
  });

  it('fails the build when the shipped addon was built for another arch', async () => {
    const { context } = linuxPackage({ native: { platform: 'linux', arch: 'arm64' } });
    await expect(afterPackModule.afterPack(context)).rejects.toThrow(/arch differ/);
  });

  it('fails the build when the addon is labelled x64 but is an arm64 binary', async () => {
    const { context } = linuxPackage({ binaryFor: { platform: 'linux', arch: 'arm64' } });
    await expect(afterPackModule.afterPack(context)).rejects.toThrow(
      /compiled for arm64, but this package is for x64/,
    );
  });
});
