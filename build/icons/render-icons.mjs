// Renders the app icon from icon.svg into what electron-builder reads: 512x512.png and
// 256x256.png (Linux, picked up by size from this folder), icon.ico (Windows, the window,
// the installer and the uninstaller) and icon.icns (macOS). The images are committed, so
// packaging needs none of these tools; run this only after changing icon.svg.
//
// Needs rsvg-convert (Debian: librsvg2-bin) and ImageMagick's convert (Debian: imagemagick)
// on PATH, or their paths in RSVG_CONVERT / IMAGEMAGICK_CONVERT.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const svg = join(here, 'icon.svg');
const rsvg = process.env.RSVG_CONVERT ?? 'rsvg-convert';
const convert = process.env.IMAGEMAGICK_CONVERT ?? 'convert';
const work = mkdtempSync(join(tmpdir(), 'dossierkluis-icons-'));

function png(size) {
  const file = join(work, `${size}.png`);
  execFileSync(rsvg, ['--width', String(size), '--height', String(size), svg, '--output', file]);
  return file;
}

/**
 * An .icns is a 'icns' header and one chunk per image: 4-byte type, 4-byte big-endian
 * length (header included), PNG bytes. macOS reads PNG in every type below (10.7+).
 * Written here because ImageMagick has no ICNS writer and png2icns is not in every distro.
 */
function icns(entries) {
  const chunks = entries.map(([type, file]) => {
    const data = readFileSync(file);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

try {
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  const files = Object.fromEntries(sizes.map((size) => [size, png(size)]));
  writeFileSync(join(here, '512x512.png'), readFileSync(files[512]));
  writeFileSync(join(here, '256x256.png'), readFileSync(files[256]));
  // ImageMagick stores the small sizes as bitmaps and 256 as PNG, the form every Windows
  // tool in the chain (rcedit, NSIS) accepts.
  execFileSync(convert, [
    ...[16, 24, 32, 48, 64, 128, 256].map((size) => files[size]),
    join(here, 'icon.ico'),
  ]);
  writeFileSync(
    join(here, 'icon.icns'),
    icns([
      ['icp4', files[16]],
      ['icp5', files[32]],
      ['ic11', files[32]],
      ['icp6', files[64]],
      ['ic12', files[64]],
      ['ic07', files[128]],
      ['ic08', files[256]],
      ['ic13', files[256]],
      ['ic09', files[512]],
      ['ic14', files[512]],
      ['ic10', files[1024]],
    ]),
  );
  process.stdout.write('wrote 512x512.png, 256x256.png, icon.ico and icon.icns in build/icons\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
