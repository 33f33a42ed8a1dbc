import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Which SQLite addon the main process loads. better-sqlite3 is a native module, and a
 * native module is built for one ABI: the copy in node_modules is built for the Node that
 * runs `npm test`, and cannot load in Electron. build/rebuild-native.mjs builds a second
 * copy for Electron's ABI into its own folder, and the main process hands that path to
 * better-sqlite3 (its `nativeBinding` option, through db/connection.ts). So tests and the
 * app never fight over one binary.
 *
 *   packaged:    <resources>/native/better_sqlite3.node    (electron-builder's extraResources)
 *   from source: <project>/out/native/electron-<version>-<platform>-<arch>/better_sqlite3.node
 *
 * The folder name must match build/native-target.cjs (a unit test checks it).
 */

export const NATIVE_FILE = 'better_sqlite3.node';

export interface NativeBindingContext {
  /** process.versions.electron: undefined in plain Node (vitest, bench). */
  readonly electronVersion: string | undefined;
  readonly isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  readonly resourcesPath: string;
  /** app.getAppPath(): the project folder when run from source. */
  readonly appPath: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

export function nativeDirName(target: {
  electronVersion: string;
  platform: string;
  arch: string;
}): string {
  return `electron-${target.electronVersion}-${target.platform}-${target.arch}`;
}

/** The addon for this Electron, or undefined outside Electron (the package's own build). */
export function nativeBindingPath(context: NativeBindingContext): string | undefined {
  const { electronVersion } = context;
  if (electronVersion === undefined) return undefined;
  if (context.isPackaged) return join(context.resourcesPath, 'native', NATIVE_FILE);
  return join(
    context.appPath,
    'out',
    'native',
    nativeDirName({ electronVersion, platform: context.platform, arch: context.arch }),
    NATIVE_FILE,
  );
}

export class NativeBindingMissingError extends Error {
  constructor(readonly path: string) {
    super(
      [
        `Dossierkluis cannot find its SQLite module for Electron at ${path}.`,
        'From source: run `node build/rebuild-native.mjs` (`npm start` does this for you).',
        'In an installed app: reinstall Dossierkluis.',
      ].join('\n'),
    );
    this.name = 'NativeBindingMissingError';
  }
}

/**
 * The path for `setNativeBinding`, checked at startup: a missing addon would otherwise
 * surface only at unlock, as an error the log strips of its message.
 */
export function electronNativeBinding(
  context: NativeBindingContext,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const path = nativeBindingPath(context);
  if (path !== undefined && !exists(path)) throw new NativeBindingMissingError(path);
  return path;
}

export class NativeBindingLoadError extends Error {
  constructor(
    readonly path: string,
    options: { cause: unknown },
  ) {
    super(`Dossierkluis cannot load its SQLite module for Electron at ${path}.`, options);
    this.name = 'NativeBindingLoadError';
  }
}

/**
 * Loads the addon the way better-sqlite3 will (`require` of the same absolute path, so
 * Node's module cache hands better-sqlite3 this very load later).
 */
function requireAddon(path: string): void {
  createRequire(path)(path);
}

/**
 * The path for `setNativeBinding`, proven at startup: the file exists and loads in this
 * process. A missing, truncated or wrong-ABI addon then stops the app before it takes the
 * single-instance lock and opens a window, instead of at the first unlock.
 */
export function loadNativeBinding(
  context: NativeBindingContext,
  options: { exists?: (path: string) => boolean; load?: (path: string) => void } = {},
): string | undefined {
  const path = electronNativeBinding(context, options.exists);
  if (path === undefined) return undefined;
  try {
    (options.load ?? requireAddon)(path);
  } catch (error) {
    throw new NativeBindingLoadError(path, { cause: error });
  }
  return path;
}
