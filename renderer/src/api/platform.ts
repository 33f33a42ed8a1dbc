/**
 * The operating system the shell reports on `window.kluis.platform` (process.platform:
 * 'linux', 'darwin', 'win32'), or null in a browser without one. It only steers wording.
 */
export function shellPlatform(): string | null {
  return window.kluis.platform ?? null;
}
