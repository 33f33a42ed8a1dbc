// electron-builder's afterPack hook: runs once per platform and arch, after the app is
// copied into the Electron bundle and before electron-builder signs it (fuses must be
// flipped before signing, or the signature would no longer match the binary).
//
// 1. Flips the fuses of build/fuses.cjs and reads them back; a fuse in the wrong state
//    fails the build.
// 2. Checks that the SQLite addon built for this Electron, platform and arch was shipped
//    in resources/native (extraResources copies it; a missing source folder there is not
//    an error to electron-builder, so it is checked here).
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { FUSES } = require('./fuses.cjs');
const {
  BUILD_INFO_FILE,
  NATIVE_FILE,
  binaryArch,
  buildInfoMismatches,
  expectedBuildInfo,
  readBuildInfo,
} = require('./native-target.cjs');

// The fuse wire stores ASCII '0' / '1' / 'r' per fuse (Electron's docs, "The hard way").
const FUSE_DISABLED = 0x30;
const FUSE_ENABLED = 0x31;
const FUSE_REMOVED = 0x72;

// electron-builder's Arch enum (builder-util), by number.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

function archName(arch) {
  const name = typeof arch === 'string' ? arch : ARCH_NAMES[arch];
  if (name === undefined) throw new Error(`afterPack: unknown arch ${String(arch)}`);
  return name;
}

/** The packaged Electron executable, found the way electron-builder's own fuse step does. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`afterPack: unknown platform ${electronPlatformName}`);
  }
}

function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    return join(electronBinaryPath(context), 'Contents', 'Resources');
  }
  return join(context.appOutDir, 'resources');
}

/**
 * The argument to @electron/fuses' flipFuses for one platform and arch. An Apple Silicon
 * binary must carry a valid signature to launch at all; flipping fuses breaks Electron's
 * ad-hoc one, so it is re-made (electron-builder signs properly afterwards when it has an
 * identity).
 */
function fuseConfig(fusesModule, target, fuses = FUSES) {
  const { FuseV1Options, FuseVersion } = fusesModule;
  const config = {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: target.platform === 'darwin' && target.arch === 'arm64',
  };
  for (const [name, value] of Object.entries(fuses)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') {
      throw new Error(`afterPack: the installed @electron/fuses has no fuse named ${name}.`);
    }
    if (typeof value !== 'boolean')
      throw new Error(`afterPack: fuse ${name} must be true or false.`);
    config[index] = value;
  }
  return config;
}

/** Fuses whose state in `wire` (getCurrentFuseWire's result) is not what `fuses` asks. */
function fuseMismatches(fusesModule, wire, fuses = FUSES) {
  const wrong = [];
  for (const [name, value] of Object.entries(fuses)) {
    const state = wire[fusesModule.FuseV1Options[name]];
    // A removed fuse is one Electron has made permanent; flipFuses warns about it.
    if (state === FUSE_REMOVED) continue;
    if (state !== (value ? FUSE_ENABLED : FUSE_DISABLED)) wrong.push(name);
  }
  return wrong;
}

function checkNativeModule(context, target) {
  const dir = join(resourcesDir(context), 'native');
  if (!existsSync(join(dir, NATIVE_FILE))) {
    throw new Error(
      `afterPack: ${join(dir, NATIVE_FILE)} is missing. Run \`node build/rebuild-native.mjs --arch=${target.arch}\` on ${target.platform} before electron-builder (\`npm run dist\` does).`,
    );
  }
  const expected = expectedBuildInfo({
    electronVersion: target.electronVersion,
    platform: target.platform,
    arch: target.arch,
  });
  const wrong = buildInfoMismatches(readBuildInfo(dir), expected);
  if (wrong.length > 0) {
    throw new Error(
      `afterPack: the shipped SQLite addon does not fit this package (${wrong.join(', ')} differ in ${BUILD_INFO_FILE}); rebuild it with build/rebuild-native.mjs --force.`,
    );
  }
  // The label could lie; the binary's own header cannot.
  const builtFor = binaryArch(readFileSync(join(dir, NATIVE_FILE)));
  if (builtFor !== target.arch) {
    throw new Error(
      `afterPack: the shipped SQLite addon was compiled for ${builtFor ?? 'an unrecognised CPU'}, but this package is for ${target.arch}.`,
    );
  }
}

async function afterPack(context, fusesModule = require('@electron/fuses')) {
  const target = {
    platform: context.electronPlatformName,
    arch: archName(context.arch),
    electronVersion: context.packager.info.framework.version,
  };
  checkNativeModule(context, target);
  const binary = electronBinaryPath(context);
  await fusesModule.flipFuses(binary, fuseConfig(fusesModule, target));
  const wrong = fuseMismatches(fusesModule, await fusesModule.getCurrentFuseWire(binary));
  if (wrong.length > 0) {
    throw new Error(`afterPack: fuses not set in ${binary}: ${wrong.join(', ')}`);
  }
}

module.exports = {
  afterPack,
  archName,
  checkNativeModule,
  electronBinaryPath,
  fuseConfig,
  fuseMismatches,
  resourcesDir,
};
