import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { z } from 'zod';
import {
  ageHeaderLength,
  type DecryptKey,
  decrypterFor,
  decryptFailure,
  toWebStream,
} from './age-io';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type EntryKind,
  type EntryRole,
  entryRole,
  type Manifest,
  type ManifestFile,
  manifestHeader,
  manifestSchema,
} from './bundle-schema';
import { HandoverError } from './errors';
import type { Limits } from './limits';

/**
 * Reads a bundle without ever writing its plaintext anywhere: a streaming, multi-pass
 * read of the encrypted file.
 *
 * A zip is read from its end (the central directory) and then at random offsets, but an
 * age file decrypts front to back. So:
 *  1. the header is opened once with the coach's key, yielding the file key (the
 *     passphrase KDF runs once); every later pass re-checks the header MAC with it;
 *  2. pass one decrypts the whole file: every 64 KiB chunk is authenticated (a changed
 *     or missing byte fails here, before anything is parsed), the plaintext size is
 *     learnt, and only the last `tailBytes` (the central directory) stay in memory;
 *  3. yauzl then reads the central directory from that tail, and every entry through a
 *     forward-only decrypting cursor: entries are read in file order, so one more pass
 *     reads them all; going back means decrypting again from the start.
 * Memory holds the tail, one 64 KiB chunk and the entry being read; what a caller keeps
 * (a parsed dossier.json) is bounded by the limits.
 */

export interface BundleSourceFile {
  readonly path: string;
}

export interface ReadProgress {
  phase: 'decrypting' | 'verifying' | 'reading';
  bytesDone: number;
  bytesTotal: number;
}

export interface BundleEntry {
  readonly name: string;
  readonly role: EntryRole;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
  readonly zipEntry: Entry;
  /** From the manifest (absent only for the manifest itself). */
  readonly expected?: ManifestFile;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function sizeLimit(kind: EntryKind, limits: Limits): number {
  switch (kind) {
    case 'manifest':
      return limits.manifestBytes;
    case 'dossier-json':
      return limits.dossierJsonBytes;
    case 'dossier-pdf':
      return limits.dossierPdfBytes;
    case 'attachment':
      return limits.attachmentBytes;
    default:
      return limits.textBytes;
  }
}

function unsafe(reason: string, detail: Record<string, string | number> = {}): HandoverError {
  return new HandoverError('BUNDLE_UNSAFE', `Unsafe entry in the bundle (${reason}).`, {
    reason,
    ...detail,
  });
}

function damaged(reason: string, cause?: unknown): HandoverError {
  return new HandoverError(
    'BUNDLE_DAMAGED',
    `The bundle is damaged (${reason}).`,
    { reason },
    {
      cause,
    },
  );
}

function tooLarge(what: string, limit: number): HandoverError {
  return new HandoverError('TOO_LARGE', `The bundle is too large (${what}).`, { what, limit });
}

function mismatch(reason: string, index?: number): HandoverError {
  return new HandoverError(
    'BUNDLE_MISMATCH',
    `The bundle does not match its manifest (${reason}).`,
    index === undefined ? { reason } : { reason, entry: index },
  );
}

/** Checks one zip entry name; the reasons are the classic ways out of the target folder. */
export function checkEntryName(raw: Buffer, index: number): string {
  let name: string;
  try {
    name = utf8Strict.decode(raw);
  } catch {
    throw unsafe('encoding', { entry: index });
  }
  if (name.includes('\\')) throw unsafe('backslash', { entry: index });
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name))
    throw unsafe('absolute-path', { entry: index });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
  if (/[\u0000-\u001f\u007f]/.test(name)) throw unsafe('control-character', { entry: index });
  const segments = name.split('/');
  if (segments.includes('..')) throw unsafe('parent-path', { entry: index });
  if (segments.some((s) => s === '' || s === '.')) {
    throw unsafe(name.endsWith('/') ? 'directory' : 'empty-segment', { entry: index });
  }
  if (name.length > 400) throw unsafe('long-name', { entry: index });
  return name;
}

/** A decrypting, forward-only view of the plaintext, shared by yauzl's reads. */
class PlaintextCursor {
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #position = 0;
  #pending: Uint8Array | undefined;
  #queue: Promise<void> = Promise.resolve();
  restarts = 0;

  constructor(private readonly open: () => Promise<ReadableStream<Uint8Array>>) {}

  async #restart(): Promise<void> {
    await this.#reader?.cancel().catch(() => undefined);
    this.#reader = (await this.open()).getReader();
    this.#position = 0;
    this.#pending = undefined;
    this.restarts += 1;
  }

  async #next(): Promise<Uint8Array> {
    if (this.#pending) {
      const chunk = this.#pending;
      this.#pending = undefined;
      return chunk;
    }
    if (!this.#reader) throw damaged('cursor');
    let result: Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>;
    try {
      result = await this.#reader.read();
    } catch (error) {
      throw decryptFailure(error);
    }
    if (result.done) throw damaged('unexpected-end');
    return result.value;
  }

  async close(): Promise<void> {
    await this.#reader?.cancel().catch(() => undefined);
    this.#reader = undefined;
  }

  /** Plaintext bytes [start, end), one caller at a time. */
  async *range(start: number, end: number): AsyncGenerator<Buffer> {
    let release = (): void => undefined;
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      if (!this.#reader || start < this.#position) await this.#restart();
      while (this.#position < end) {
        const chunk = await this.#next();
        const chunkStart = this.#position;
        const chunkEnd = chunkStart + chunk.length;
        if (chunkEnd <= start) {
          this.#position = chunkEnd;
          continue;
        }
        const from = Math.max(start, chunkStart) - chunkStart;
        const to = Math.min(end, chunkEnd) - chunkStart;
        if (to < chunk.length) this.#pending = chunk.subarray(to);
        this.#position = chunkStart + to;
        yield Buffer.from(chunk.buffer, chunk.byteOffset + from, to - from);
      }
    } finally {
      release();
    }
  }
}

class DecryptingReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly cursor: PlaintextCursor,
    private readonly tail: Buffer,
    private readonly tailStart: number,
  ) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (start >= this.tailStart) {
      return Readable.from([this.tail.subarray(start - this.tailStart, end - this.tailStart)]);
    }
    return Readable.from(this.cursor.range(start, end), { objectMode: false });
  }
}

function readEntries(zipfile: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zipfile.on('entry', (entry: Entry) => {
      entries.push(entry);
      zipfile.readEntry();
    });
    zipfile.on('end', () => resolve(entries));
    zipfile.on('error', reject);
    zipfile.readEntry();
  });
}

function readLocalHeader(zipfile: ZipFile, entry: Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zipfile.readLocalFileHeader(entry, { minimal: true }, (error, header) =>
      error ? reject(error) : resolve(header.fileDataStart),
    );
  });
}

function openData(zipfile: ZipFile, entry: Entry, dataStart: number): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zipfile.openReadStreamLowLevel(
      dataStart,
      entry.compressedSize,
      0,
      entry.compressedSize,
      entry.compressionMethod === 8,
      entry.uncompressedSize,
      (error, stream) => (error ? reject(error) : resolve(stream)),
    );
  });
}

function zipFailure(error: unknown): HandoverError {
  if (error instanceof HandoverError) return error;
  return damaged('zip', error);
}

export type EntryUse = 'skip' | 'hash' | 'content';

export class OpenedBundle {
  private constructor(
    readonly manifest: Manifest,
    /** Every entry but the manifest, in file order. */
    readonly entries: readonly BundleEntry[],
    readonly ciphertextBytes: number,
    readonly plaintextBytes: number,
    private readonly zipfile: ZipFile,
    private readonly cursor: PlaintextCursor,
    readonly fileKey: Uint8Array,
  ) {}

  /**
   * Opens, authenticates and indexes a bundle; checks the layout and the manifest
   * against the zip's own directory. Nothing of an entry's content is read yet beyond
   * the manifest, so a bundle claiming too much is refused here.
   */
  static async open(
    file: BundleSourceFile,
    key: DecryptKey,
    limits: Limits,
    options: { signal?: AbortSignal; onProgress?: (progress: ReadProgress) => void } = {},
  ): Promise<OpenedBundle> {
    const { signal, onProgress } = options;
    let stats: { size: number; mtimeMs: number };
    try {
      stats = statSync(file.path);
    } catch {
      throw new HandoverError('NOT_FOUND', 'The bundle file is not there.', { what: 'bundle' });
    }
    if (stats.size > limits.bundleBytes) throw tooLarge('bundle', limits.bundleBytes);

    const head = Buffer.alloc(Math.min(stats.size, 64 * 1024));
    const handle = await open(file.path, 'r');
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
    const headerLength = ageHeaderLength(head);
    if (headerLength === null) throw damaged('not-age');
    let fileKey: Uint8Array;
    try {
      fileKey = await decrypterFor(key).decryptHeader(head.subarray(0, headerLength));
    } catch (error) {
      throw decryptFailure(error);
    }
    const keyForPasses: DecryptKey = { kind: 'file-key', fileKey };

    const openPlaintext = async (
      count?: (bytes: number) => void,
    ): Promise<ReadableStream<Uint8Array>> => {
      const now = statSync(file.path, { throwIfNoEntry: false });
      if (!now || now.size !== stats.size || now.mtimeMs !== stats.mtimeMs) {
        throw damaged('changed-while-reading');
      }
      const raw = createReadStream(file.path, { highWaterMark: 1024 * 1024 });
      if (count) {
        let read = 0;
        raw.on('data', (chunk: Buffer | string) => {
          read += chunk.length;
          count(read);
        });
      }
      try {
        return await decrypterFor(keyForPasses).decrypt(toWebStream(raw));
      } catch (error) {
        raw.destroy();
        throw decryptFailure(error);
      }
    };

    // Pass one: authenticate everything, learn the size, keep the tail.
    const tailChunks: Uint8Array[] = [];
    let tailLength = 0;
    let plaintextBytes = 0;
    const whole = await openPlaintext((bytes) =>
      onProgress?.({ phase: 'decrypting', bytesDone: bytes, bytesTotal: stats.size }),
    );
    try {
      for await (const chunk of whole) {
        signal?.throwIfAborted();
        plaintextBytes += chunk.length;
        if (plaintextBytes > limits.totalUncompressedBytes)
          throw tooLarge('bundle', limits.totalUncompressedBytes);
        tailChunks.push(chunk);
        tailLength += chunk.length;
        while (
          tailChunks.length > 1 &&
          tailLength - (tailChunks[0]?.length ?? 0) >= limits.tailBytes
        ) {
          tailLength -= tailChunks.shift()?.length ?? 0;
        }
      }
    } catch (error) {
      if (signal?.aborted) throw new HandoverError('CANCELLED', 'Cancelled.');
      throw decryptFailure(error);
    }
    const tail = Buffer.concat(tailChunks);
    const tailStart = plaintextBytes - tail.length;

    const cursor = new PlaintextCursor(() => openPlaintext());
    const reader = new DecryptingReader(cursor, tail, tailStart);
    let zipfile: ZipFile;
    try {
      zipfile = await new Promise<ZipFile>((resolve, reject) => {
        yauzl.fromRandomAccessReader(
          reader,
          plaintextBytes,
          { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
          (error, opened) => (error ? reject(error) : resolve(opened)),
        );
      });
    } catch (error) {
      await cursor.close();
      throw zipFailure(error);
    }
    try {
      if (zipfile.entryCount > limits.entries) throw tooLarge('entries', limits.entries);
      const raw = await readEntries(zipfile).catch((error: unknown) => {
        throw zipFailure(error);
      });
      const entries = OpenedBundle.#index(raw, limits, tailStart);
      const manifestEntry = entries.find((e) => e.role.kind === 'manifest');
      if (!manifestEntry) {
        throw new HandoverError('BUNDLE_UNSUPPORTED', 'Not a Dossierkluis bundle.', {
          reason: 'no-manifest',
        });
      }
      const manifestBytes = await OpenedBundle.#content(zipfile, manifestEntry);
      const manifest = OpenedBundle.#parseManifest(manifestBytes);
      const checked = OpenedBundle.#match(entries, manifest, limits);
      return new OpenedBundle(
        manifest,
        checked,
        stats.size,
        plaintextBytes,
        zipfile,
        cursor,
        fileKey,
      );
    } catch (error) {
      zipfile.close();
      await cursor.close();
      throw error;
    }
  }

  static #index(raw: readonly Entry[], limits: Limits, tailStart: number): BundleEntry[] {
    const seen = new Set<string>();
    let total = 0;
    const entries = raw.map((entry, index): BundleEntry => {
      const name = checkEntryName(entry.fileNameRaw, index);
      // Two names that extract to one file on macOS or Windows are one name.
      const key = name.normalize('NFC').toLowerCase();
      if (seen.has(key)) throw unsafe('duplicate', { entry: index });
      seen.add(key);
      const role = entryRole(name);
      if (!role) throw unsafe('unexpected-entry', { entry: index });
      if (entry.generalPurposeBitFlag & 0x1) {
        throw new HandoverError('BUNDLE_UNSUPPORTED', 'Encrypted zip entries are not used.', {
          reason: 'zip-encryption',
        });
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw new HandoverError('BUNDLE_UNSUPPORTED', 'Unknown zip compression.', {
          reason: 'compression',
        });
      }
      const limit = sizeLimit(role.kind, limits);
      if (entry.uncompressedSize > limit) throw tooLarge(role.kind, limit);
      // Deflate cannot shrink below about 1/1032, so a tiny entry claiming a huge size is a bomb.
      if (entry.compressedSize > limit + 1024 * 1024) throw tooLarge(role.kind, limit);
      total += entry.uncompressedSize;
      if (total > limits.totalUncompressedBytes)
        throw tooLarge('bundle', limits.totalUncompressedBytes);
      return {
        name,
        role,
        compressedSize: entry.compressedSize,
        size: entry.uncompressedSize,
        offset: entry.relativeOffsetOfLocalHeader,
        zipEntry: entry,
      };
    });
    if (entries.length === 0 || tailStart < 0) throw damaged('empty');
    return entries.sort((a, b) => a.offset - b.offset);
  }

  static async #content(zipfile: ZipFile, entry: BundleEntry): Promise<Buffer> {
    const start = await readLocalHeader(zipfile, entry.zipEntry).catch((error: unknown) => {
      throw zipFailure(error);
    });
    const stream = await openData(zipfile, entry.zipEntry, start).catch((error: unknown) => {
      throw zipFailure(error);
    });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (error) {
      throw zipFailure(error);
    }
    return Buffer.concat(chunks);
  }

  static #parseManifest(bytes: Buffer): Manifest {
    let json: unknown;
    try {
      json = JSON.parse(utf8Strict.decode(bytes));
    } catch (error) {
      throw damaged('manifest', error);
    }
    const header = manifestHeader.safeParse(json);
    if (!header.success || header.data.format !== BUNDLE_FORMAT) {
      throw new HandoverError('BUNDLE_UNSUPPORTED', 'Not a Dossierkluis handover bundle.', {
        reason: 'format',
      });
    }
    if (header.data.formatVersion !== BUNDLE_FORMAT_VERSION) {
      throw new HandoverError('BUNDLE_UNSUPPORTED', 'A bundle format this app does not read.', {
        reason: 'version',
        formatVersion: header.data.formatVersion,
        supported: BUNDLE_FORMAT_VERSION,
      });
    }
    const parsed = manifestSchema.safeParse(json);
    if (!parsed.success) throw damaged('manifest', z.prettifyError(parsed.error));
    return parsed.data;
  }

  /** Every listed file present with the listed size, nothing unlisted, clients complete. */
  static #match(entries: BundleEntry[], manifest: Manifest, limits: Limits): BundleEntry[] {
    if (manifest.clients.length > limits.clients) throw tooLarge('clients', limits.clients);
    const listed = new Map<string, ManifestFile>();
    for (const file of manifest.files) {
      const role = entryRole(file.path);
      if (!role || role.kind === 'manifest') throw mismatch('listed-unknown');
      // A claim is checked before anything is compared or read: 10 GB listed is refused.
      if (file.size > sizeLimit(role.kind, limits))
        throw tooLarge(role.kind, sizeLimit(role.kind, limits));
      if (listed.has(file.path)) throw mismatch('listed-twice');
      listed.set(file.path, file);
    }
    const clientIds = new Set(manifest.clients.map((c) => c.id.toLowerCase()));
    if (clientIds.size !== manifest.clients.length) throw mismatch('clients-twice');
    const withDossier = new Set<string>();
    const checked: BundleEntry[] = [];
    entries.forEach((entry, index) => {
      if (entry.role.kind === 'manifest') return;
      const expected = listed.get(entry.name);
      if (!expected) throw mismatch('unlisted', index);
      if (expected.size !== entry.size) throw mismatch('size', index);
      listed.delete(entry.name);
      const owner = entry.role.clientId?.toLowerCase();
      if (owner !== undefined) {
        if (!clientIds.has(owner)) throw mismatch('unlisted-client', index);
        if (entry.role.kind === 'dossier-json') withDossier.add(owner);
      }
      checked.push({ ...entry, expected });
    });
    if (listed.size > 0) throw mismatch('missing');
    if (withDossier.size !== clientIds.size) throw mismatch('missing-dossier');
    return checked;
  }

  /**
   * Reads entries in file order, checking each one's SHA-256 against the manifest as it
   * streams. `use` says what to do per entry: skip it, only hash it, or hand its whole
   * content (bounded by the limits) to `onContent` once it verified.
   */
  async read(
    use: (entry: BundleEntry) => EntryUse,
    onContent: (entry: BundleEntry, content: Buffer) => void | Promise<void>,
    options: {
      signal?: AbortSignal;
      onProgress?: (progress: ReadProgress) => void;
      phase?: ReadProgress['phase'];
    } = {},
  ): Promise<void> {
    let done = 0;
    const total = this.entries.reduce((sum, e) => sum + e.compressedSize, 0);
    let previousEnd = 0;
    for (const [index, entry] of this.entries.entries()) {
      options.signal?.throwIfAborted();
      const how = use(entry);
      if (how === 'skip') continue;
      // Entries may not share bytes: overlapping entries are how zip bombs multiply.
      if (entry.offset < previousEnd) throw unsafe('overlap', { entry: index });
      const start = await readLocalHeader(this.zipfile, entry.zipEntry).catch((error: unknown) => {
        throw zipFailure(error);
      });
      previousEnd = start + entry.compressedSize;
      const stream = await openData(this.zipfile, entry.zipEntry, start).catch((error: unknown) => {
        throw zipFailure(error);
      });
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of stream) {
          const bytes = chunk as Buffer;
          hash.update(bytes);
          size += bytes.length;
          if (how === 'content') chunks.push(bytes);
        }
      } catch (error) {
        stream.destroy();
        throw zipFailure(error);
      }
      if (size !== entry.expected?.size || hash.digest('hex') !== entry.expected.sha256) {
        throw mismatch('hash', index);
      }
      done += entry.compressedSize;
      options.onProgress?.({
        phase: options.phase ?? 'verifying',
        bytesDone: done,
        bytesTotal: total,
      });
      if (how === 'content') await onContent(entry, Buffer.concat(chunks));
    }
  }

  /** How many times the file was decrypted (tests and the benchmark). */
  get decryptionPasses(): number {
    return 1 + this.cursor.restarts;
  }

  async close(): Promise<void> {
    this.zipfile.close();
    await this.cursor.close();
  }

  /** Forgets the file key (a later import opens the file again with it). */
  wipe(): void {
    this.fileKey.fill(0);
  }
}
