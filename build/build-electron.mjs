// Bundles the main process and the preload for Electron (CommonJS, Node platform).
// Native modules and Electron itself stay external: Electron provides one, the other is
// loaded from node_modules (rebuilt for Electron's ABI when packaging).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out/electron');
mkdirSync(outDir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 41 runs Node 24.
  target: 'node22',
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  legalComments: 'none',
  logLevel: 'warning',
};

// The preload needs only the method names of the contract, not its zod schemas (750 kB of
// zod in every page's isolated world). The names are read from electron/api.ts itself at
// build time, so they cannot drift from the contract the main process validates.
const { methodNames } = await tsImport('../electron/api.ts', import.meta.url);
const contractNamesOnly = {
  name: 'contract-names-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/api$/ }, (args) =>
      args.importer.endsWith(join('electron', 'client.ts'))
        ? { path: 'method-names', namespace: 'contract-names' }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({
      contents: `export const methodNames = ${JSON.stringify(methodNames)};`,
      loader: 'js',
    }));
  },
};

const [, preload] = await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'electron/main.ts')],
    outfile: join(outDir, 'main.cjs'),
    sourcemap: true,
  }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    // A sandboxed preload cannot read files, and a map would only show the page our sources.
    sourcemap: false,
    plugins: [contractNamesOnly],
    metafile: true,
  }),
]);
const heavy = Object.keys(preload.metafile.inputs).filter((input) =>
  input.includes('node_modules'),
);
if (heavy.length > 0) {
  throw new Error(`The preload must stay small; it now bundles ${heavy.join(', ')}.`);
}
process.stdout.write('built out/electron/main.cjs and out/electron/preload.cjs\n');
