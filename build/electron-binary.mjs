// Electron's own binary is not fetched when the project installs (package.json denies
// electron's install script in `allowScripts`): an install must succeed on a machine that
// reaches the npm registry but not Electron's download host, and `npm test`,
// `npm run dev:browser` and `npm run bench` need no binary. `npm start` fetches it the first
// time, through the electron package's own installer, and explains what to do when it cannot.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the electron package lives in `projectDir`'s node_modules, or null. */
export function electronPackageDir(projectDir) {
  const require = createRequire(join(projectDir, 'package.json'));
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The path of the installed binary, or null. Read the way the electron package's index.js
 * does (path.txt beside dist/), without requiring it: its require throws when the binary is
 * missing, and a stale require cache would hide a binary fetched a moment ago.
 */
export function installedElectronBinary(packageDir, env = process.env) {
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  // The same rule as the electron package's index.js: an override folder wins.
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(binary) ? binary : null;
  }
  if (!executable) return null;
  const binary = join(packageDir, 'dist', executable);
  return existsSync(binary) ? binary : null;
}

/**
 * Runs the electron package's installer, which downloads and checks the binary for this
 * platform (honouring ELECTRON_MIRROR, proxies and its cache). The skip flag is removed for
 * this one child: whoever runs `npm start` wants the app. Resolves to the binary, or to null
 * and the installer's error line.
 */
export function fetchElectronBinary(packageDir, env = process.env, timeoutMs = 10 * 60_000) {
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...childEnv } = env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], {
      cwd: packageDir,
      env: childEnv,
      stdio: ['ignore', 'inherit', 'pipe'],
      timeout: timeoutMs,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const finish = (failure) => {
      const binary = installedElectronBinary(packageDir, env);
      if (binary) return resolve({ binary, error: null });
      const errorLine = stderr
        .split('\n')
        .map((line) => line.trim())
        .find((line) => /error/i.test(line));
      resolve({ binary: null, error: failure ?? errorLine ?? 'the download did not finish' });
    };
    child.on('error', (error) => finish(error.message));
    child.on('close', () => finish(null));
  });
}
