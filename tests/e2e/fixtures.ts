import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { FAST } from '../support/vault-fixture';
import { type Harness, startHarness } from './harness/server';

/**
 * The e2e fixtures: every test gets its own empty vault folder and its own harness (real
 * dispatcher and services behind loopback HTTP), and `appPage`, a page with the app
 * loaded and listening for pushed events. Journey specs import `test` and `expect` from
 * here.
 *
 * A spec that needs the Electron file / folder dialog opts in with
 * `test.use({ chooser: true })`: the page then has `window.kluis.chooseFile`, answered from
 * `harness.answerNextChoice(path)`. Off by default, so other specs see the browser UI.
 *
 * `appPage` fails the test on an uncaught page error or any Content-Security-Policy
 * violation: the harness serves the app protocol's CSP, so a violation here is a broken
 * feature in the Electron app.
 */

export interface KluisOptions {
  /** Offer the stand-in for Electron's file and folder dialog (see HarnessOptions.chooser). */
  chooser: boolean;
  /** The operating system the page is told it runs on (HarnessOptions.platform). */
  platform: 'linux' | 'darwin' | 'win32' | undefined;
}

export interface KluisFixtures {
  harness: Harness;
  appPage: Page;
}

export const test = base.extend<KluisFixtures & KluisOptions>({
  chooser: [false, { option: true }],
  platform: [undefined, { option: true }],

  harness: async ({ chooser, platform }, use) => {
    const vaultDir = mkdtempSync(join(tmpdir(), 'dossierkluis-e2e-'));
    // The KDF is tested in the vault's own tests; the UI tests need not wait for it.
    const harness = await startHarness({
      vaultDir,
      vaultOptions: FAST,
      chooser,
      ...(platform === undefined ? {} : { platform }),
    });
    try {
      await use(harness);
    } finally {
      await harness.close();
      rmSync(vaultDir, { recursive: true, force: true });
    }
  },

  appPage: async ({ page, harness }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`);
      }
    });
    await page.goto(harness.url);
    await harness.waitForEventStream();
    await use(page);
    expect(problems, 'the page raised errors or CSP violations').toEqual([]);
  },
});

export type { Harness };
export { expect };
