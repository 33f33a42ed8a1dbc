import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_DIR } from './harness/server';

const CHROMIUM = '/usr/bin/chromium';

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Fails early, with what to do, instead of forty tests timing out on a blank page. */
// biome-ignore lint/style/noDefaultExport: Playwright loads globalSetup through its default export.
export default function globalSetup(): void {
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) {
    throw new Error(
      'out/renderer/index.html is missing. The e2e tests serve the built renderer: ' +
        'run `npm run build:renderer` (or `npm run build`) first.',
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing. The e2e tests drive Debian's Chromium: apt-get install chromium.`,
    );
  }
  const sources = join(RENDERER_DIR, '../../renderer');
  if (existsSync(sources) && newestIn(sources) > statSync(index).mtimeMs) {
    process.stderr.write(
      'Note: renderer/ has changed since out/renderer was built; run `npm run build:renderer` ' +
        'to test the current UI.\n',
    );
  }
}
