import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './tests/e2e/chromium';

/**
 * End-to-end tests: the built renderer in Debian's Chromium through the loopback harness
 * (tests/e2e/fixtures.ts), and the packaged shell through Playwright's `_electron` where
 * an Electron binary exists (tests/e2e/electron-app.spec.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  // Two cores, and every test unlocks a real vault: one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    screenshot: 'on',
    trace: 'retain-on-failure',
    serviceWorkers: 'block',
    launchOptions: CHROMIUM_LAUNCH,
  },
});
