/**
 * Which backup folders the app accepts: an absolute path on a disk of this computer.
 * A network share (`\\host\share`, `//host/share`) or a Windows device path (`\\?\`,
 * `\\.\`) would send the vault's copies off the machine or past the normal path rules,
 * and a relative path would depend on where the app happened to start. A USB stick or
 * external disk mounted as a drive or under /media is local in this sense.
 */
export type FolderPathProblem = 'relative' | 'network' | 'device';

/** The part of node:path's `posix` / `win32` this needs (the contract also runs in the page). */
export interface PathFlavour {
  readonly sep: string;
  isAbsolute(path: string): boolean;
}

const win32: PathFlavour = {
  sep: '\\',
  isAbsolute: (p) => /^[\\/]/.test(p) || /^[A-Za-z]:[\\/]/.test(p),
};
const posix: PathFlavour = { sep: '/', isAbsolute: (p) => p.startsWith('/') };
const platform = (globalThis as { process?: { platform?: string } }).process?.platform;
const here = platform === 'win32' ? win32 : posix;

const DEVICE = /^[\\/]{2}[?.][\\/]/;
const DOUBLE_SEPARATOR = /^[\\/]{2}/;

export function folderPathProblem(
  folder: string,
  api: PathFlavour = here,
): FolderPathProblem | null {
  if (DEVICE.test(folder)) return 'device';
  // On Windows `\\host\share` and `//host/share` are UNC; POSIX leaves a leading `//`
  // to the system (some map it to the network), and a typed `\\host` means a share too.
  if (DOUBLE_SEPARATOR.test(folder)) return 'network';
  if (!api.isAbsolute(folder)) return 'relative';
  // Windows calls `\folder` absolute, but it means "on whichever drive is current".
  if (api.sep === '\\' && !/^[A-Za-z]:[\\/]/.test(folder)) return 'relative';
  return null;
}
