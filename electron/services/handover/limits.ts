import { MAX_ATTACHMENT_BYTES } from '../../contract/records';

/**
 * The bounds an incoming bundle must respect, checked against what the zip's central
 * directory and the manifest CLAIM before a byte of the entry is read, and again while
 * reading (yauzl counts the inflated bytes). A bundle claiming more is refused without
 * being read into memory.
 *
 * Import is a streaming, multi-pass read (see bundle-reader.ts), so memory does not grow
 * with the bundle: the caps below bound single entries we must hold (a dossier.json is
 * parsed whole) and keep a hostile bundle from running for hours.
 */
export const LIMITS = {
  /** The .age file on disk or uploaded: 4 GiB. A practice larger than this hands over in parts. */
  bundleBytes: 4 * 1024 ** 3,
  /** All entries together, inflated. */
  totalUncompressedBytes: 8 * 1024 ** 3,
  /** One dossier.json, parsed in memory: 128 MiB (far above 1,000 long session notes). */
  dossierJsonBytes: 128 * 1024 ** 2,
  /** One dossier.pdf, only hashed (streamed), never held. */
  dossierPdfBytes: 1024 ** 3,
  /** An attachment: the vault's own limit for one file. */
  attachmentBytes: MAX_ATTACHMENT_BYTES,
  /** manifest.json, parsed in memory. */
  manifestBytes: 32 * 1024 ** 2,
  /** LEESMIJ.txt, README.txt, letters, the retention schedule. */
  textBytes: 4 * 1024 ** 2,
  /** Zip entries in one bundle. */
  entries: 200_000,
  /** Clients in one bundle. */
  clients: 20_000,
  /** The decrypted tail kept in memory to read the zip's central directory: 32 MiB. */
  tailBytes: 32 * 1024 ** 2,
} as const;

export type Limits = { readonly [K in keyof typeof LIMITS]: number };
