// `npm start`: make sure the SQLite addon for Electron exists (build/rebuild-native.mjs,
// once per Electron version; the Node build in node_modules stays for the tests), build
// everything, then run Electron on the project folder. Where the Electron binary was never
// downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, offline machines), say so and how to fix it,
// instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The 'electron' package exports the path of its binary, and throws if it has none.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (!electron) {
  process.stderr.write(
    [
      'Dossierkluis: the Electron binary is not installed, so the desktop app cannot start.',
      '',
      'npm downloads it when the electron package installs, unless',
      'ELECTRON_SKIP_BINARY_DOWNLOAD is set or the machine is offline. To get it:',
      '  - on a machine with internet: unset ELECTRON_SKIP_BINARY_DOWNLOAD, then run',
      '      npm install electron      (or: node node_modules/electron/install.js)',
      '  - or set ELECTRON_OVERRIDE_DIST_PATH to the folder of an unpacked Electron 41.',
      '',
      'Without Electron, `npm run dev:browser` shows the UI in a local browser against a',
      'development vault.',
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
