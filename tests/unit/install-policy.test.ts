import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { fetchElectronBinary, installedElectronBinary } from '../../build/electron-binary.mjs';

// Issue: a fresh install must not depend on Electron's download host, and every dependency
// install script is reviewed (package.json `allowScripts`).
const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  allowScripts: Record<string, boolean>;
  scripts: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean; version?: string }>;
};

function packagesWithInstallScripts(): string[] {
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

describe('install scripts', () => {
  it('every dependency with an install script has a reviewed allowScripts entry', () => {
    const withScripts = packagesWithInstallScripts();
    expect(withScripts.length).toBeGreaterThan(0);
    const unreviewed = withScripts.filter((name) => !(name in manifest.allowScripts));
    expect(unreviewed).toEqual([]);
  });

  it('lets only the native drivers and esbuild run theirs; never Electron’s download', () => {
    const allowed = Object.entries(manifest.allowScripts)
      .filter(([, allow]) => allow)
      .map(([name]) => name)
      .sort();
    expect(allowed).toEqual([
      '@journeyapps/sqlcipher',
      'better-sqlite3-multiple-ciphers',
      'esbuild',
    ]);
    expect(manifest.allowScripts.electron).toBe(false);
  });

  it('names no package that is not installed', () => {
    const withScripts = new Set(packagesWithInstallScripts());
    expect(Object.keys(manifest.allowScripts).filter((name) => !withScripts.has(name))).toEqual([]);
  });
});

/** A copy of the electron package without its binary, beside the real node_modules. */
function electronPackageWithoutBinary(): { dir: string; packageDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dk-electron-'));
  const modules = join(dir, 'node_modules');
  const packageDir = join(modules, 'electron');
  mkdirSync(packageDir, { recursive: true });
  for (const file of ['package.json', 'install.js', 'checksums.json', 'index.js']) {
    cpSync(join(root, 'node_modules', 'electron', file), join(packageDir, file));
  }
  mkdirSync(join(modules, '@electron'));
  symlinkSync(join(root, 'node_modules', '@electron', 'get'), join(modules, '@electron', 'get'));
  symlinkSync(join(root, 'node_modules', 'extract-zip'), join(modules, 'extract-zip'));
  return { dir, packageDir };
}

function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, text] of Object.entries(files)) {
    zip.addBuffer(Buffer.from(text), name, { mode: 0o100755 });
  }
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

async function mirrorServing(
  files: Record<string, Buffer>,
): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    asked.push(path);
    const body = files[path];
    response.writeHead(body ? 200 : 404).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/`, asked };
}

describe('the Electron binary is fetched by `npm start`, not by the install', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('says why when the download host cannot be reached, even where the skip flag is set', async () => {
    const { dir, packageDir } = electronPackageWithoutBinary();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(dir, 'cache'),
    };
    const result = await fetchElectronBinary(packageDir, env, 60_000);
    expect(result.binary).toBeNull();
    // Only a real download attempt fails this way: the skip flag would have exited quietly.
    expect(result.error).toMatch(/ECONNREFUSED/);
  });

  it('downloads, checks and unpacks the binary from a reachable mirror', async () => {
    const { dir, packageDir } = electronPackageWithoutBinary();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    const platformName = process.platform === 'win32' ? 'electron.exe' : 'electron';
    const fileName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
    const zip = await zipOf({ [platformName]: '#!/bin/sh\n', version: `v${version}` });
    const sum = createHash('sha256').update(zip).digest('hex');
    const mirror = await mirrorServing({
      [`/v${version}/${fileName}`]: zip,
      [`/v${version}/SHASUMS256.txt`]: Buffer.from(`${sum} *${fileName}\n`),
    });
    cleanups.push(() => mirror.server.close());
    const env = {
      ...process.env,
      ELECTRON_MIRROR: mirror.url,
      // The package pins the real release's checksums; this fake release has its own.
      electron_use_remote_checksums: '1',
      electron_config_cache: join(dir, 'cache'),
    };
    expect(installedElectronBinary(packageDir, env)).toBeNull();
    const result = await fetchElectronBinary(packageDir, env, 60_000);
    expect(result.error).toBeNull();
    expect(result.binary).toBe(join(packageDir, 'dist', platformName));
    expect(mirror.asked).toContain(`/v${version}/${fileName}`);
  });
});
