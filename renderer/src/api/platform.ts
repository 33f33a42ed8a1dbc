/**
 * The operating system the shell reports on `window.kluis.platform` (process.platform:
 * 'linux', 'darwin', 'win32'), or null in a browser without one. Read without widening
 * the bridge's declared type: the value is optional and only steers wording.
 */
export function shellPlatform(): string | null {
  const bridge: object = window.kluis;
  const value: unknown = 'platform' in bridge ? bridge.platform : undefined;
  return typeof value === 'string' ? value : null;
}
