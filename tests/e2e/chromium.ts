/**
 * How Debian's Chromium is launched for the e2e tests (playwright.config.ts) and the UI
 * benchmark (bench/ui.bench.ts), so the benchmark measures the browser the tests use.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
