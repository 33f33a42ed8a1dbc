// Types for build/electron-binary.mjs, which `npm start` runs as plain JavaScript.
export interface FetchResult {
  binary: string | null;
  error: string | null;
}
export function electronPackageDir(projectDir: string): string | null;
export function installedElectronBinary(packageDir: string, env?: NodeJS.ProcessEnv): string | null;
export function fetchElectronBinary(
  packageDir: string,
  env?: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<FetchResult>;
