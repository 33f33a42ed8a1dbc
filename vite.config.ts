import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const { version } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

/**
 * The renderer bundle, loaded by Electron from app://kluis/ and by the browser harness
 * from 127.0.0.1. Its output must hold under the CSP in electron/shell/window-options.ts:
 * no inline scripts or styles, no eval, nothing inlined as data: except images.
 */
export default defineConfig({
  root: 'renderer',
  // Relative asset URLs work under app://kluis/ and under the harness alike.
  base: './',
  plugins: [react()],
  // Help › About shows the version the app was built from.
  define: { __DOSSIERKLUIS_VERSION__: JSON.stringify(version) },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Electron 41 ships Chromium 146; Debian's Chromium in the e2e tests is newer.
    target: 'chrome146',
    // Chromium has native modulepreload; the polyfill would be extra script for nothing.
    modulePreload: { polyfill: false },
    // Small fonts or scripts inlined as data: URLs would break font-src/script-src 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    // Read from local disk, never downloaded: one large chunk costs nothing worth a warning.
    chunkSizeWarningLimit: 4096,
  },
  server: { strictPort: true },
});
