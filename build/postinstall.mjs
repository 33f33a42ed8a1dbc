// Runs after `npm install` / `npm ci` in this project. Says in one line whether the desktop
// app can start yet; never fails the install (build/electron-binary.mjs says why).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, installedElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = electronPackageDir(root);
if (!packageDir || !installedElectronBinary(packageDir)) {
  process.stdout.write(
    'Dossierkluis: installed without the Electron app binary; the first `npm start` downloads it (internet needed once). `npm test` and `npm run dev:browser` work as they are.\n',
  );
}
