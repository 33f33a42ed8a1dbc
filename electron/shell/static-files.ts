import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/**
 * Serves the built renderer folder to the app protocol and to the browser harness. A
 * request may name only a file inside that folder: no `..`, no encoded separators, no
 * dotfiles, no symlink out of it.
 */

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names inside `root`, or null when the path tries to leave it. `/`
 * names index.html. The URL parser has already folded plain `..` segments; this also
 * refuses what it leaves alone: encoded slashes and backslashes, NUL, dot segments.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded === '' || decoded === '/') decoded = '/index.html';
  if (!decoded.startsWith('/')) return null;
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  if (!full.startsWith(base + sep)) return null;
  return full;
}

export type StaticResult =
  | { readonly status: 200; readonly body: Buffer; readonly contentType: string }
  | { readonly status: 403 | 404 };

export async function readStatic(root: string, urlPath: string): Promise<StaticResult> {
  const path = resolveStaticPath(root, urlPath);
  if (path === null) return { status: 403 };
  try {
    const [real, realRoot] = await Promise.all([realpath(path), realpath(root)]);
    if (!real.startsWith(realRoot + sep)) return { status: 403 };
    if (!(await stat(real)).isFile()) return { status: 404 };
    return { status: 200, body: await readFile(real), contentType: contentTypeOf(real) };
  } catch {
    return { status: 404 };
  }
}
