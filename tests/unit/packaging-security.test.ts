import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * build/check-security.mjs (Electronegativity): that it fails on a HIGH finding, and that
 * its suppressions stay narrow. The scan of the real electron/ and renderer/ runs as
 * `npm run lint:security`, not here.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Issue {
  id: string;
  file: string;
  sample?: string;
}
interface Suppression {
  check: string;
  file: string;
  sample?: string;
  reason: string;
  premise?: () => boolean;
}
interface CheckSecurity {
  SUPPRESSIONS: Suppression[];
  EXCLUDED_CHECKS: { check: string; reason: string }[];
  applySuppressions(
    issues: Issue[],
    suppressions?: Suppression[],
  ): { kept: Issue[]; suppressed: { issue: Issue; by: Suppression }[]; unused: Suppression[] };
}

let checkSecurity: CheckSecurity;

beforeAll(async () => {
  // A path held in a variable: the .mjs has no type declarations; its shape is CheckSecurity.
  const script = pathToFileURL(join(root, 'build/check-security.mjs')).href;
  checkSecurity = (await import(script)) as CheckSecurity;
});
afterAll(removeTempDirs);

function scan(folder: string) {
  return spawnSync(process.execPath, [join(root, 'build/check-security.mjs'), folder], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('build/check-security.mjs', () => {
  it('fails on a window without context isolation, and names the check', () => {
    const app = join(tempDir('dossierkluis-eng-'), 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'main.ts'),
      [
        "import { BrowserWindow } from 'electron';",
        'export const open = (): BrowserWindow =>',
        '  new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });',
      ].join('\n'),
    );
    const run = scan(app);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/CONTEXT_ISOLATION_JS_CHECK\s+HIGH/);
    expect(run.stdout).toContain('FAILED');
  }, 120_000);

  it('every suppression and exclusion says why', () => {
    for (const entry of [...checkSecurity.SUPPRESSIONS, ...checkSecurity.EXCLUDED_CHECKS]) {
      expect(entry.reason.length, entry.check).toBeGreaterThan(80);
    }
  });

  it('suppresses only the named check in the named file and code', () => {
    const [contextIsolation] = checkSecurity.SUPPRESSIONS.filter(
      (s) => s.check === 'CONTEXT_ISOLATION_JS_CHECK',
    );
    if (!contextIsolation) throw new Error('expected a CONTEXT_ISOLATION_JS_CHECK suppression');
    const rule = { ...contextIsolation, premise: () => true };
    const flagged = {
      id: 'CONTEXT_ISOLATION_JS_CHECK',
      file: 'electron/main.ts',
      sample: 'const created = new BrowserWindow(mainWindowOptions({ preloadPath }));',
    };
    const elsewhere = { ...flagged, file: 'electron/other-window.ts' };
    const otherCode = { ...flagged, sample: 'new BrowserWindow({ webPreferences: {} })' };
    const otherCheck = { ...flagged, id: 'NODE_INTEGRATION_JS_CHECK' };
    const { kept, suppressed } = checkSecurity.applySuppressions(
      [flagged, elsewhere, otherCode, otherCheck],
      [rule],
    );
    expect(suppressed.map((entry) => entry.issue)).toEqual([flagged]);
    expect(kept).toEqual([elsewhere, otherCode, otherCheck]);
  });

  it('drops a suppression whose premise no longer holds', () => {
    const flagged = { id: 'SANDBOX_JS_CHECK', file: 'electron/main.ts', sample: 'x' };
    const rule = {
      check: 'SANDBOX_JS_CHECK',
      file: 'electron/main.ts',
      reason: 'r',
      premise: () => false,
    };
    const { kept, unused } = checkSecurity.applySuppressions([flagged], [rule]);
    expect(kept).toEqual([flagged]);
    expect(unused).toEqual([rule]);
  });
});
