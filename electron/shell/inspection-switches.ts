/**
 * Command-line switches a packaged Dossierkluis refuses to start with. Each opens the
 * running app to another program (a debugger on the main process, which holds the
 * unlocked vault's key, or the DevTools protocol on the page, which shows dossiers), or
 * writes Chromium's internal logs where the app does not control what they hold. The
 * EnableNodeCliInspectArguments fuse (build/fuses.cjs) already disables Node's --inspect
 * family; no fuse covers Chromium's remote debugging or logging, hence this list.
 *
 * Chosen from Electron 41's "Supported Command Line Switches"
 * (https://www.electronjs.org/docs/latest/api/command-line-switches) and Chromium's
 * content/public/common/content_switches.cc and chrome/common/chrome_switches.cc.
 */
export const FORBIDDEN_SWITCHES = Object.freeze([
  // Chromium's DevTools protocol: over TCP, over pipes, and who may connect.
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-io-pipes',
  'remote-debugging-address',
  'remote-debugging-targets',
  'remote-allow-origins',
  'auto-open-devtools-for-tabs',
  // Node's inspector on the main process (Electron docs: "Node.js Flags"), old names too.
  'inspect',
  'inspect-brk',
  'inspect-brk-node',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'debug-port',
  'experimental-network-inspection',
  // V8 flags reach the engine unfiltered (--allow-natives-syntax, --prof, --trace-*).
  'js-flags',
  // Chromium's logging to stderr or to a file of the caller's choice, and its verbosity.
  'enable-logging',
  'log-file',
  'log-net-log',
  'v',
  'vmodule',
]);

const FORBIDDEN = new Set<string>(FORBIDDEN_SWITCHES);

/**
 * The switch an argument names, as Chromium and Node read it: `--name`, `-name` (Chromium
 * takes one dash too), `/name` on Windows, with or without `=value`. Lower case, and `_`
 * as `-`: Windows switches ignore case, and Node takes both separators.
 */
export function switchName(argument: string, platform: NodeJS.Platform): string | null {
  let body: string;
  if (argument.startsWith('--')) body = argument.slice(2);
  else if (argument.startsWith('-')) body = argument.slice(1);
  else if (platform === 'win32' && argument.startsWith('/')) body = argument.slice(1);
  else return null;
  const name = body.split('=', 1)[0] ?? '';
  return name === '' ? null : name.toLowerCase().replaceAll('_', '-');
}

/**
 * The forbidden switches in `argv`, each once, in list order. Every argument is read,
 * also after a bare `--`: refusing a harmless start costs a retry, missing one costs the
 * vault.
 */
export function forbiddenSwitches(
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string[] {
  const found = new Set<string>();
  for (const argument of argv) {
    const name = switchName(argument, platform);
    if (name !== null && FORBIDDEN.has(name)) found.add(name);
  }
  return FORBIDDEN_SWITCHES.filter((name) => found.has(name));
}

/**
 * Environment variables with the same effect as a switch above: ELECTRON_ENABLE_LOGGING
 * "has the same effect as passing --enable-logging"
 * (https://www.electronjs.org/docs/latest/api/command-line-switches#--enable-loggingfile).
 * NODE_OPTIONS and ELECTRON_RUN_AS_NODE are closed by fuses (build/fuses.cjs).
 */
export const FORBIDDEN_ENVIRONMENT = Object.freeze(['ELECTRON_ENABLE_LOGGING']);

/** The forbidden variables set in `env`, whatever their value: Electron checks presence. */
export function forbiddenEnvironment(env: Readonly<Record<string, string | undefined>>): string[] {
  return FORBIDDEN_ENVIRONMENT.filter((name) => env[name] !== undefined);
}
