// Bundles the main process and the preload for Electron (CommonJS, Node platform).
// External, so required from node_modules at run time:
// - electron: Electron provides it;
// - better-sqlite3-multiple-ciphers: its JavaScript comes from node_modules, its compiled
//   addon is the Electron build that electron/shell/native-binding.ts points at;
// - pdfkit: its ES module build finds its font and colour-profile files through
//   import.meta.url, which a CommonJS bundle does not have (the bundle would throw
//   "Invalid URL" as it loads); its CommonJS build, required as is, finds them itself.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out-dir=<folder>` builds elsewhere (tests/unit/packaging-bundle.test.ts loads the result).
const outArg = process.argv.find((arg) => arg.startsWith('--out-dir='));
const outDir = outArg ? resolve(outArg.slice('--out-dir='.length)) : join(root, 'out/electron');
mkdirSync(outDir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 41 runs Node 24.
  target: 'node22',
  external: ['electron', 'better-sqlite3-multiple-ciphers', 'pdfkit'],
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

const [main, preload] = await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'electron/main.ts')],
    outfile: join(outDir, 'main.cjs'),
    sourcemap: true,
    write: false,
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
// esbuild replaces import.meta with an empty object in CommonJS and says so only for our
// own sources, not for node_modules. A dependency that bundles in and reads
// import.meta.url breaks the app at start, so the build stops here instead.
for (const file of main.outputFiles) {
  if (file.path.endsWith('.cjs') && /\bimport_meta\d*\.url\b/.test(file.text)) {
    throw new Error(
      'The main bundle reads import.meta.url, which is empty in CommonJS; add the package that does to `external`.',
    );
  }
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.contents);
}
const heavy = Object.keys(preload.metafile.inputs).filter((input) =>
  input.includes('node_modules'),
);
if (heavy.length > 0) {
  throw new Error(`The preload must stay small; it now bundles ${heavy.join(', ')}.`);
}
const shown = relative(root, outDir) || '.';
process.stdout.write(`built ${join(shown, 'main.cjs')} and ${join(shown, 'preload.cjs')}\n`);
