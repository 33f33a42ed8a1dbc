// Replaced by vite (vite.config.ts `define`) with package.json's version at build time.
declare const __DOSSIERKLUIS_VERSION__: string;

export const appVersion: string =
  typeof __DOSSIERKLUIS_VERSION__ === 'string' ? __DOSSIERKLUIS_VERSION__ : '';
