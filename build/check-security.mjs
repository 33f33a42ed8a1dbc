// Static security check of the Electron app: Electronegativity over the TypeScript sources
// of electron/ and renderer/ (it parses .ts/.tsx/.html itself), in one run, so its global
// checks see the main process and the page together (a navigation guard in main.ts counts
// for the page in renderer/). Exits 1 on any HIGH finding not suppressed below, or on a
// file it could not parse (an unparsed file is an unchecked file).
//
// Usage: node build/check-security.mjs [folder ...]    (default: electron renderer)
//
// Offline and deterministic: Electronegativity downloads translations and, in one check,
// Electron's release list at every run. Both are cut off below; see EXCLUDED_CHECKS.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { installedElectron } = require('./native-target.cjs');

const read = (path) => readFileSync(join(root, path), 'utf8');

/** Checks not run at all, each with the reason. */
export const EXCLUDED_CHECKS = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    reason:
      'Downloads the list of Electron releases from GitHub at every run: needs the network and ' +
      'gives a different answer from day to day. Electron is pinned in package.json and ' +
      'upgraded on purpose; `npm outdated electron` shows when a newer 41.x exists.',
  },
];

/**
 * Findings judged false positives. Each names the check, the file and a piece of the
 * flagged code, says why, and states its premise as a test on our sources: when the
 * premise no longer holds, the suppression stops applying and the finding comes back.
 */
export const SUPPRESSIONS = [
  {
    check: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'electron/main.ts',
    sample: 'new BrowserWindow(mainWindowOptions(',
    reason:
      'The window options come from mainWindowOptions() in electron/shell/window-options.ts, ' +
      'which Electronegativity cannot follow through a function call. There contextIsolation ' +
      'is true, typed as the literal `true`, and tests/unit/electron-security.test.ts asserts ' +
      'it on the window main.ts opens.',
    premise: () => read('electron/shell/window-options.ts').includes('contextIsolation: true,'),
  },
  {
    check: 'SANDBOX_JS_CHECK',
    file: 'electron/main.ts',
    sample: 'new BrowserWindow(mainWindowOptions(',
    reason:
      'Same call: sandbox is true in mainWindowOptions() (asserted by electron-security.test.ts), ' +
      'and main.ts calls app.enableSandbox(), which sandboxes every renderer.',
    premise: () =>
      read('electron/shell/window-options.ts').includes('sandbox: true,') &&
      read('electron/main.ts').includes('app.enableSandbox()'),
  },
  {
    check: 'AUXCLICK_JS_CHECK',
    file: 'electron/main.ts',
    sample: 'new BrowserWindow(mainWindowOptions(',
    reason:
      "Same call: mainWindowOptions() sets disableBlinkFeatures: 'Auxclick' (asserted by " +
      'electron-security.test.ts); Electronegativity cannot follow the function call.',
    premise: () =>
      read('electron/shell/window-options.ts').includes("disableBlinkFeatures: 'Auxclick',"),
  },
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    sample: "script-src 'self'",
    reason:
      "The CSP evaluator warns that script-src 'self' is risky where the origin also serves " +
      'JSONP or user uploads. Our origin is app://kluis, which serves only the built bundle ' +
      '(electron/shell/static-files.ts); attachments never get a URL there, and the rest of ' +
      "the policy is default-src 'none'.",
    premise: () => {
      const html = read('renderer/index.html');
      return html.includes("default-src 'none'; script-src 'self';") && !html.includes('unsafe-');
    },
  },
];

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

function matches(suppression, issue) {
  return (
    suppression.check === issue.id &&
    suppression.file === issue.file &&
    (suppression.sample === undefined || (issue.sample ?? '').includes(suppression.sample))
  );
}

/** Splits findings into kept and suppressed; also returns suppressions that matched nothing. */
export function applySuppressions(issues, suppressions = SUPPRESSIONS) {
  const active = suppressions.filter((s) => s.premise === undefined || s.premise());
  const kept = [];
  const suppressed = [];
  for (const issue of issues) {
    const by = active.find((s) => matches(s, issue));
    if (by) suppressed.push({ issue, by });
    else kept.push(issue);
  }
  const unused = suppressions.filter((s) => !suppressed.some((entry) => entry.by === s));
  return { kept, suppressed, unused };
}

/**
 * Loads Electronegativity without its two problems here:
 * - its TypeScript parser (@typescript-eslint/typescript-estree 4) needs TypeScript's JS
 *   API, and the project's TypeScript 7 has none; Electronegativity ships its own
 *   TypeScript 4 in its node_modules, which the parser is pointed at;
 * - `got`, its HTTP client, answers 404 without touching the network.
 */
function loadElectronegativity() {
  const entry = require.resolve('@doyensec/electronegativity');
  const engRequire = createRequire(entry);
  const Module = require('node:module');
  const hoisted = require('typescript');
  if (hoisted.SyntaxKind === undefined) {
    let ownTypescript;
    try {
      ownTypescript = engRequire.resolve('typescript');
    } catch {
      throw new Error(
        "check-security: Electronegativity's parser needs TypeScript's JS API (TypeScript < 7), and none is installed.",
      );
    }
    const resolveFilename = Module._resolveFilename;
    Module._resolveFilename = function (request, parent, ...rest) {
      if (request === 'typescript') return ownTypescript;
      return resolveFilename.call(this, request, parent, ...rest);
    };
  }
  const gotPath = engRequire.resolve('got');
  const offline = async () => ({ statusCode: 404, body: '' });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
  const run = engRequire(entry);
  return run.default ?? run;
}

/** Copies the folders into one temporary root, so one run sees them together. */
function stage(folders) {
  const dir = mkdtempSync(join(tmpdir(), 'dossierkluis-security-'));
  for (const folder of folders) {
    cpSync(resolve(root, folder), join(dir, basename(folder)), {
      recursive: true,
      filter: (source) => !source.split(/[\\/]/).includes('node_modules'),
    });
  }
  return dir;
}

function table(rows, headers) {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => String(row[i]).length)),
  );
  const line = (cells) => cells.map((cell, i) => String(cell).padEnd(widths[i])).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main() {
  const started = Date.now();
  const defaultFolders = process.argv.length <= 2;
  const folders = defaultFolders ? ['electron', 'renderer'] : process.argv.slice(2);
  const run = loadElectronegativity();
  const input = stage(folders);
  let result;
  try {
    result = await run({
      input,
      isRelative: true,
      electronVersionOverride: installedElectron().version,
      excludeFromScan: EXCLUDED_CHECKS.map((excluded) => excluded.check.toLowerCase()),
    });
  } finally {
    rmSync(input, { recursive: true, force: true });
  }

  const issues = result.issues.map((issue) => ({
    ...issue,
    file: issue.file.replaceAll('\\', '/'),
  }));
  const { kept, suppressed, unused } = applySuppressions(issues);
  const unparsed = result.errors.filter((error) => !error.tolerable);
  const out = [];
  out.push(
    `Electronegativity over ${folders.join(', ')}: ${result.globalChecks + result.atomicChecks} checks run (${EXCLUDED_CHECKS.length} excluded), ${issues.length} findings, ${suppressed.length} suppressed.`,
  );
  const counts = SEVERITIES.map((severity) => [
    severity,
    kept.filter((issue) => issue.severity.name === severity).length,
    suppressed.filter((entry) => entry.issue.severity.name === severity).length,
  ]);
  out.push('', table(counts, ['severity', 'open', 'suppressed']));
  if (kept.length > 0) {
    const rows = kept
      .sort((a, b) => b.severity.value - a.severity.value)
      .map((issue) => [
        issue.id,
        issue.severity.name,
        issue.confidence.name,
        `${issue.file}:${issue.location.line}`,
        issue.shortenedURL ?? '',
      ]);
    out.push('', table(rows, ['check', 'severity', 'confidence', 'where', 'about']));
  }
  if (suppressed.length > 0) {
    out.push('', 'Suppressed (reasons in build/check-security.mjs):');
    for (const { issue, by } of suppressed) {
      const why = by.reason.split(/(?<=\.) /)[0];
      out.push(`  ${issue.id} ${issue.severity.name} ${issue.file}:${issue.location.line}: ${why}`);
    }
  }
  // Stale suppressions only mean something when the app's own folders were scanned.
  for (const suppression of defaultFolders ? unused : []) {
    out.push(
      `warning: suppression ${suppression.check} for ${suppression.file} matched nothing${suppression.premise && !suppression.premise() ? ' (its premise no longer holds)' : ''}; remove it if the finding is gone.`,
    );
  }
  for (const error of unparsed) out.push(`error: could not parse ${error.file}: ${error.message}`);
  const high = kept.filter((issue) => issue.severity.name === 'HIGH');
  out.push(
    '',
    `${high.length === 0 && unparsed.length === 0 ? 'OK' : 'FAILED'}: ${high.length} open HIGH finding(s), ${unparsed.length} unparsed file(s); ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  process.exitCode = high.length > 0 || unparsed.length > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
