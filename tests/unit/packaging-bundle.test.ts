import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The main-process bundle that Electron runs (build/build-electron.mjs) loads at all. Unit
 * tests import the TypeScript sources, so a bundle that throws while loading (a dependency
 * reading import.meta.url, which CommonJS does not have) passed every test and still could
 * not start. Here the bundle is built and required in Node with 'electron' stubbed.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the project, so the bundle's external requires resolve from its node_modules.
let outDir = '';

beforeAll(() => {
  // A clean clone has no out/ yet (it is ignored by git).
  mkdirSync(join(root, 'out'), { recursive: true });
  outDir = mkdtempSync(join(root, 'out', 'test-bundle-'));
  const built = spawnSync(
    process.execPath,
    [join(root, 'build/build-electron.mjs'), `--out-dir=${outDir}`],
    { cwd: root, encoding: 'utf8' },
  );
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

function requireWithElectronStub(file: string): {
  status: number | null;
  stdout: string;
  stderr: string;
} {
  const script = `
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request, ...rest) {
      return request === 'electron' ? {} : load.call(this, request, ...rest);
    };
    const loaded = require(${JSON.stringify(file)});
    process.stdout.write(JSON.stringify(Object.keys(loaded).sort()));
  `;
  return spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
}

describe('the Electron main bundle', () => {
  it('loads, and exports what main.ts exports', () => {
    const run = requireWithElectronStub(join(outDir, 'main.cjs'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expect.arrayContaining(['start', 'guardWebContents']));
  });

  it('keeps the native module and pdfkit external, to be required from node_modules', () => {
    const main = readFileSync(join(outDir, 'main.cjs'), 'utf8');
    expect(main).toContain('require("better-sqlite3-multiple-ciphers")');
    expect(main).toContain('require("pdfkit")');
    expect(main).not.toMatch(/\bimport_meta\d*\.url\b/);
  });
});
