// `npm start`: make sure Electron's binary is there (fetched the first time: installs never
// fetch it, see build/electron-binary.mjs), make sure the SQLite addon for Electron exists
// (build/rebuild-native.mjs, once per Electron version; the Node build in node_modules stays
// for the tests), build everything, then run Electron on the project folder. Where the binary
// cannot be fetched, say so and what to do, instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  electronPackageDir,
  fetchElectronBinary,
  installedElectronBinary,
} from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function ensureElectron() {
  const packageDir = electronPackageDir(root);
  if (!packageDir)
    return { binary: null, error: 'the electron package is not installed (run npm install)' };
  const installed = installedElectronBinary(packageDir);
  if (installed) return { binary: installed, error: null };
  process.stdout.write('Dossierkluis: downloading the Electron app binary (once)…\n');
  return fetchElectronBinary(packageDir);
}

const { binary: electron, error } = await ensureElectron();
if (!electron) {
  process.stderr.write(
    [
      '',
      'Dossierkluis: the desktop app cannot start yet: the Electron app binary could not be downloaded.',
      `  (${error})`,
      '',
      'It is downloaded once, the first time `npm start` runs, and needs internet for that.',
      'Connect to the internet and run `npm start` again, or set ELECTRON_MIRROR to a reachable',
      'mirror, or ELECTRON_OVERRIDE_DIST_PATH to the folder of an unpacked Electron 41.',
      '',
      'Everything else works offline: `npm test` runs the tests, and `npm run dev:browser` shows',
      'the UI in a local browser against a development vault.',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

// A no-op when the addon for this Electron, platform and arch is already built; otherwise
// it compiles it (a few minutes, once) or prints what it needs and fails.
const native = spawnSync(process.execPath, [join(root, 'build/rebuild-native.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (native.status !== 0) {
  process.stderr.write(
    '\nDossierkluis: the SQLite module for Electron is missing, so the app cannot open a vault.\n',
  );
  process.exit(native.status ?? 1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// npm.cmd is a batch file, which Node runs only through a shell (since the CVE-2024-27980 fix).
const built = spawnSync(npm, ['run', 'build'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
