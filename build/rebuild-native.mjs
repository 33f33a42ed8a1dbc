// Builds the SQLite addon (better-sqlite3-multiple-ciphers) for the installed Electron's ABI
// into its own folder:
//
//   out/native/electron-<electron version>-<platform>-<arch>/better_sqlite3.node
//   out/native/electron-<electron version>-<platform>-<arch>/build-info.json
//
// It compiles a copy of the module, never node_modules/better-sqlite3-multiple-ciphers
// itself, whose build/ holds the Node-ABI addon that `npm test` loads. The main process
// loads this one through better-sqlite3's `nativeBinding` option
// (electron/shell/native-binding.ts); electron-builder ships it as extraResources.
//
// Usage: node build/rebuild-native.mjs [--arch=x64,arm64] [--force]
//          [--nodedir=<unpacked Electron headers>] [--dist-url=<headers mirror>]
// --arch defaults to DOSSIERKLUIS_DIST_ARCHS, else this machine's CPU: the same CPUs
// build/electron-builder.config.cjs packages for.
//
// How: node-gyp with --runtime=electron --target=<version> --dist-url=<Electron headers>,
// the same node-gyp and flags @electron/rebuild uses. Not @electron/rebuild's API itself:
// it rebuilds modules in place in node_modules (which would replace the Node build the
// tests use), and version 4 requires Node 22.12 where this project supports Node 20.19.
//
// Needs: Electron's headers (downloaded once from electronjs.org into ~/.electron-gyp, or
// --nodedir), Python 3 and a C/C++ toolchain (Linux: make and g++; macOS: Xcode command
// line tools; Windows: Visual Studio Build Tools with "Desktop development with C++").
// node-gyp cannot cross-compile between operating systems: build each platform's addon on
// that platform. Another CPU works where the compiler can target it (Xcode: x64 and arm64
// on either Mac); every addon's header is checked against the CPU it was asked for.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const target = require('./native-target.cjs');

export const DEFAULT_DIST_URL = 'https://electronjs.org/headers';
/** Where @electron/rebuild keeps Electron's headers, so both share one download. */
export const DEFAULT_DEVDIR = join(homedir(), '.electron-gyp');

export function parseArgs(argv, env = process.env) {
  const options = {
    archs: undefined,
    force: false,
    nodedir: undefined,
    distUrl: DEFAULT_DIST_URL,
    devdir: DEFAULT_DEVDIR,
  };
  for (const arg of argv) {
    const [key, value] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (key === '--force') options.force = true;
    else if (key === '--arch' && value) options.archs = value;
    else if (key === '--nodedir' && value) options.nodedir = value;
    else if (key === '--dist-url' && value) options.distUrl = value.replace(/\/+$/, '');
    else if (key === '--devdir' && value) options.devdir = value;
    else throw new Error(`rebuild-native: unknown argument ${arg}`);
  }
  // The same CPUs electron-builder packages for (build/native-target.cjs, distArchs).
  options.archs = target.distArchs(
    options.archs === undefined ? env : { DOSSIERKLUIS_DIST_ARCHS: options.archs },
  );
  return options;
}

/**
 * The environment for node-gyp, without npm's `npm_config_*` variables. node-gyp reads
 * those as its own options, and an npmrc `nodedir` (this machine has nodedir=/usr) or
 * `target` would silently build against Node's headers instead of Electron's: a binary
 * that fails to load in the app. Everything node-gyp needs is passed as arguments.
 */
export function nodeGypEnv(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_')),
  );
}

export function nodeGypArgs({ electronVersion, arch, distUrl, devdir, nodedir }) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${distUrl}`,
    `--devdir=${devdir}`,
    ...(nodedir ? [`--nodedir=${nodedir}`] : []),
    '--build-from-source',
  ];
}

/** The NODE_MODULE_VERSION node-gyp actually compiled against (from build/config.gypi). */
export function compiledAbi(configGypi) {
  const match = /["']node_module_version["']\s*:\s*(\d+)/.exec(configGypi);
  return match ? Number(match[1]) : undefined;
}

function headersCached(devdir, electronVersion) {
  return existsSync(join(devdir, electronVersion, 'include', 'node', 'node_version.h'));
}

async function headersReachable(distUrl, electronVersion) {
  const url = `${distUrl}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    return response.ok ? null : `HTTP ${response.status} for ${url}`;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return `${url}: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

export function needsMessage(electronVersion, reason) {
  return [
    `rebuild-native: cannot build the SQLite addon for Electron ${electronVersion}.`,
    reason,
    '',
    'It needs:',
    `  - Electron ${electronVersion}'s headers: internet access to electronjs.org/headers once`,
    '    (they are kept in ~/.electron-gyp), or --nodedir=<folder> with the unpacked',
    `    node-v${electronVersion}-headers.tar.gz, or --dist-url=<a mirror of electronjs.org/headers>;`,
    '  - Python 3 and a C/C++ toolchain (Linux: make, g++; macOS: Xcode command line tools;',
    '    Windows: Visual Studio Build Tools, "Desktop development with C++").',
    '',
    'The Node build that `npm test` uses is not affected.',
  ].join('\n');
}

/** A failure whose message is the whole story: printed as is, without a stack. */
class RebuildError extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

function compile({ work, module, electron, options, arch }) {
  // A copy of what node-gyp reads: binding.gyp, the C++ sources and SQLite's amalgamation.
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) {
    cpSync(join(module.dir, entry), join(work, entry), { recursive: true });
  }
  // The node-gyp that @electron/rebuild itself depends on (its package exports no package.json).
  const nodeGyp = createRequire(require.resolve('@electron/rebuild')).resolve(
    'node-gyp/bin/node-gyp.js',
  );
  const built = spawnSync(
    process.execPath,
    [nodeGyp, ...nodeGypArgs({ electronVersion: electron.version, ...options, arch })],
    { cwd: work, env: nodeGypEnv(process.env), stdio: 'inherit' },
  );
  if (built.status !== 0) {
    throw new RebuildError(
      needsMessage(
        electron.version,
        `node-gyp failed (${built.error?.message ?? `exit ${built.status ?? built.signal}`}); its output is above.`,
      ),
    );
  }
  // Proof that Electron's headers were used, not Node's: a Node-ABI addon builds fine here
  // and fails only when the app opens the vault.
  const abi = compiledAbi(readFileSync(join(work, 'build', 'config.gypi'), 'utf8'));
  if (abi !== electron.abi) {
    throw new RebuildError(
      `rebuild-native: node-gyp compiled against NODE_MODULE_VERSION ${abi}, but Electron ${electron.version} needs ${electron.abi} (check --nodedir). Nothing was written.`,
    );
  }
  const addon = join(work, 'build', 'Release', target.NATIVE_FILE);
  const builtFor = target.binaryArch(readFileSync(addon));
  if (builtFor !== arch) {
    throw new RebuildError(
      `rebuild-native: asked for ${arch}, but the compiler built for ${builtFor ?? 'an unrecognised CPU'} (it cannot cross-compile here; build on a ${arch} machine). Nothing was written.`,
    );
  }
  return addon;
}

async function buildFor(arch, { options, electron, module }) {
  const wanted = { electronVersion: electron.version, platform: process.platform, arch };
  const outDir = target.nativeDir(wanted);
  const expected = target.expectedBuildInfo(wanted);
  const outFile = join(outDir, target.NATIVE_FILE);

  if (
    !options.force &&
    existsSync(outFile) &&
    target.buildInfoMismatches(target.readBuildInfo(outDir), expected).length === 0
  ) {
    process.stdout.write(`rebuild-native: ${outFile} is up to date.\n`);
    return;
  }
  if (!options.nodedir && !headersCached(options.devdir, electron.version)) {
    const unreachable = await headersReachable(options.distUrl, electron.version);
    if (unreachable) {
      throw new RebuildError(
        needsMessage(electron.version, `Electron's headers cannot be downloaded (${unreachable}).`),
      );
    }
  }

  process.stdout.write(
    `rebuild-native: building ${module.name} ${module.version} for Electron ${electron.version} (${process.platform}-${arch}, NODE_MODULE_VERSION ${electron.abi})\n`,
  );
  const work = join(target.ROOT, target.NATIVE_ROOT, '.work', basename(outDir));
  try {
    const addon = compile({ work, module, electron, options, arch });
    mkdirSync(outDir, { recursive: true });
    // Copied beside the final name and renamed, so a half-copied addon is never found.
    const partial = `${outFile}.partial`;
    copyFileSync(addon, partial);
    renameSync(partial, outFile);
    writeFileSync(join(outDir, target.BUILD_INFO_FILE), `${JSON.stringify(expected, null, 2)}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    try {
      // .work itself only once no other arch's build is using it.
      rmdirSync(dirname(work));
    } catch {}
  }
  process.stdout.write(`rebuild-native: wrote ${outFile}\n`);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const context = {
    options,
    electron: target.installedElectron(),
    module: target.installedModule(),
  };
  for (const arch of options.archs) await buildFor(arch, context);
}

// Run as a script; imported by tests for its helpers.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof RebuildError ? error.message : error?.stack}\n`);
    process.exitCode = error instanceof RebuildError ? error.exitCode : 1;
  });
}
