// Where the SQLite addon built for Electron lives, shared by build/rebuild-native.mjs (which
// writes it), build/electron-builder.config.cjs (which ships it), build/after-pack.cjs
// (which checks the shipped copy) and build/start.mjs (which needs it before launching).
// electron/shell/native-binding.ts computes the same folder name at run time; a unit test
// keeps the two in step.
//
// The folder is named after everything the binary depends on, so a new Electron, another
// platform or another CPU never picks up a stale build:
//   out/native/electron-<electron version>-<platform>-<arch>/better_sqlite3.node
// <platform> and <arch> are Node's names (process.platform, process.arch); for the x64 and
// arm64 builds we ship they equal electron-builder's ${arch}.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const MODULE_NAME = 'better-sqlite3-multiple-ciphers';
const NATIVE_FILE = 'better_sqlite3.node';
const BUILD_INFO_FILE = 'build-info.json';
const NATIVE_ROOT = join('out', 'native');

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The installed Electron: its version and the NODE_MODULE_VERSION its Node was built with. */
function installedElectron(root = ROOT) {
  const dir = join(root, 'node_modules', 'electron');
  const version = readJson(join(dir, 'package.json')).version;
  // The electron package ships abi_version (no binary needed to read it).
  const abi = Number(readFileSync(join(dir, 'abi_version'), 'utf8').trim());
  if (!Number.isInteger(abi)) throw new Error(`Cannot read Electron's ABI from ${dir}.`);
  return { version, abi };
}

function installedModule(root = ROOT) {
  const dir = join(root, 'node_modules', MODULE_NAME);
  return { name: MODULE_NAME, version: readJson(join(dir, 'package.json')).version, dir };
}

function nativeDirName({ electronVersion, platform, arch }) {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

function nativeDir(target, root = ROOT) {
  return join(root, NATIVE_ROOT, nativeDirName(target));
}

/** What build-info.json next to the binary must say for it to fit `target`. */
function expectedBuildInfo(target, root = ROOT) {
  const electron = installedElectron(root);
  const module = installedModule(root);
  return {
    module: module.name,
    moduleVersion: module.version,
    electronVersion: target.electronVersion ?? electron.version,
    nodeModuleVersion: electron.abi,
    platform: target.platform,
    arch: target.arch,
  };
}

/** Names of the fields in which `actual` (a parsed build-info.json) differs from `expected`. */
function buildInfoMismatches(actual, expected) {
  if (typeof actual !== 'object' || actual === null) return ['build-info.json'];
  return Object.keys(expected).filter((key) => actual[key] !== expected[key]);
}

/** The CPUs installers are built for: this machine's, or DOSSIERKLUIS_DIST_ARCHS=x64,arm64. */
const SUPPORTED_ARCHS = ['x64', 'arm64'];

function distArchs(env = process.env, hostArch = process.arch) {
  const wanted = (env.DOSSIERKLUIS_DIST_ARCHS ?? hostArch)
    .split(',')
    .map((arch) => arch.trim())
    .filter((arch) => arch !== '');
  const unsupported = wanted.filter((arch) => !SUPPORTED_ARCHS.includes(arch));
  if (wanted.length === 0 || unsupported.length > 0) {
    throw new Error(
      `Dossierkluis builds for ${SUPPORTED_ARCHS.join(' and ')}, not ${unsupported.join(', ') || 'nothing'} (DOSSIERKLUIS_DIST_ARCHS or this machine's CPU).`,
    );
  }
  return [...new Set(wanted)];
}

/**
 * The CPU a compiled addon is for, read from its header (ELF e_machine, Mach-O cputype,
 * PE machine), or undefined when not recognised. node-gyp given another --arch on Linux
 * quietly builds for the host CPU; this catches a binary whose label lies.
 */
function binaryArch(bytes) {
  if (bytes.length < 64) return undefined;
  if (bytes.readUInt32BE(0) === 0x7f454c46) {
    const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
    return { 62: 'x64', 183: 'arm64', 3: 'ia32', 40: 'arm' }[machine];
  }
  const magic = bytes.readUInt32LE(0);
  if (magic === 0xfeedfacf) {
    return { 16777223: 'x64', 16777228: 'arm64' }[bytes.readUInt32LE(4)];
  }
  if (bytes.readUInt16LE(0) === 0x5a4d) {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 > bytes.length || bytes.readUInt32LE(pe) !== 0x00004550) return undefined;
    return { 34404: 'x64', 43620: 'arm64', 332: 'ia32' }[bytes.readUInt16LE(pe + 4)];
  }
  return undefined;
}

function readBuildInfo(dir) {
  try {
    return readJson(join(dir, BUILD_INFO_FILE));
  } catch {
    return null;
  }
}

module.exports = {
  BUILD_INFO_FILE,
  SUPPORTED_ARCHS,
  binaryArch,
  distArchs,
  MODULE_NAME,
  NATIVE_FILE,
  NATIVE_ROOT,
  ROOT,
  buildInfoMismatches,
  expectedBuildInfo,
  installedElectron,
  installedModule,
  nativeDir,
  nativeDirName,
  readBuildInfo,
};
