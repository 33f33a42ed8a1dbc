import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where the app's files are. The vault lives in the OS's per-user app data folder
 * (README, 'Where your data lives'); `KLUIS_VAULT_DIR` points a development build at
 * another folder. A packaged build ignores it, so nothing in the environment can move
 * a coach's vault somewhere they did not choose.
 */
export function vaultDir(options: {
  userData: string;
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
}): string {
  const override = options.env.KLUIS_VAULT_DIR;
  if (!options.isPackaged && override !== undefined && override.trim() !== '') {
    return isAbsolute(override) ? override : resolve(override);
  }
  return join(options.userData, 'vault');
}

/** The built files, relative to the app's root (the project folder, or app.asar when packaged). */
export function appFiles(appPath: string): { preload: string; renderer: string } {
  return {
    preload: join(appPath, 'out/electron/preload.cjs'),
    renderer: join(appPath, 'out/renderer'),
  };
}
