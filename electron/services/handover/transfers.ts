import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isDiskFull } from '../../../db/errors';
import type { DownloadChunk } from './api-types';
import { TRANSFER_CHUNK_BYTES } from './contract';
import type { EngineContext } from './engine-context';
import { HandoverError } from './errors';
import { redeemPath } from './file-grants';
import type { Output } from './jobs';

/**
 * Bundles in and out over the API in chunks: uploads (the browser path for bundles:
 * ciphertext only, in the vault's folder) and downloads of a job's file.
 */

const MAX_UPLOADS = 3;
/** One call's worth of a transfer, as the contract allows (base64 in JSON over IPC). */
export const UPLOAD_CHUNK_BYTES = TRANSFER_CHUNK_BYTES;
export const DOWNLOAD_CHUNK_BYTES = TRANSFER_CHUNK_BYTES;
const WORK_FOLDER = '.handover';

export function workDir(vaultDir: string): string {
  const dir = join(vaultDir, WORK_FOLDER);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Only ciphertext ever lands here (uploaded bundles, bundles waiting to be downloaded). */
export function clearWorkFolder(vaultDir: string): void {
  const dir = join(vaultDir, WORK_FOLDER);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true, recursive: true });
}

interface Upload {
  id: string;
  path: string;
  total: number;
  received: number;
}

export type BundleSourceInput = { readonly uploadId: string } | { readonly fileToken: string };

export class Uploads {
  readonly #engine: EngineContext;
  readonly #uploads = new Map<string, Upload>();

  constructor(engine: EngineContext) {
    this.#engine = engine;
  }

  begin(totalBytes: number): { uploadId: string; chunkBytes: number } {
    if (this.#uploads.size >= MAX_UPLOADS) {
      throw new HandoverError('CONFLICT', 'Finish or discard an earlier upload first.', {
        reason: 'busy',
      });
    }
    if (totalBytes > this.#engine.limits.bundleBytes) {
      throw new HandoverError('TOO_LARGE', 'The bundle is too large.', {
        what: 'bundle',
        limit: this.#engine.limits.bundleBytes,
      });
    }
    const id = randomUUID();
    const path = join(workDir(this.#engine.host.dir), `${id}.upload`);
    closeSync(openSync(path, 'wx', 0o600));
    this.#uploads.set(id, { id, path, total: totalBytes, received: 0 });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  chunk(
    uploadId: string,
    offset: number,
    chunkBase64: string,
  ): { received: number; complete: boolean } {
    const upload = this.#uploads.get(uploadId);
    if (!upload) throw new HandoverError('NOT_FOUND', 'No such upload.', { what: 'upload' });
    if (offset !== upload.received) {
      throw new HandoverError('CONFLICT', 'Chunks must arrive in order.', {
        reason: 'offset',
        expected: upload.received,
      });
    }
    const chunk = Buffer.from(chunkBase64, 'base64');
    if (upload.received + chunk.length > upload.total) {
      throw new HandoverError('TOO_LARGE', 'More bytes than announced.', {
        what: 'upload',
        limit: upload.total,
      });
    }
    const fd = openSync(upload.path, 'a');
    try {
      let written = 0;
      while (written < chunk.length) written += writeSync(fd, chunk, written);
    } catch (error) {
      throw isDiskFull(error) ? new HandoverError('DISK_FULL', 'The disk is full.') : error;
    } finally {
      closeSync(fd);
    }
    upload.received += chunk.length;
    return { received: upload.received, complete: upload.received === upload.total };
  }

  discard(uploadId: string): { discarded: true } {
    const upload = this.#uploads.get(uploadId);
    if (upload) rmSync(upload.path, { force: true });
    this.#uploads.delete(uploadId);
    return { discarded: true };
  }

  discardAll(): void {
    for (const upload of [...this.#uploads.keys()]) this.discard(upload);
  }

  /** The file a bundle is read from: a complete upload, or the file the coach chose. */
  source(source: BundleSourceInput): { path: string; uploadId: string | null } {
    if ('uploadId' in source) {
      const upload = this.#uploads.get(source.uploadId);
      if (!upload) throw new HandoverError('NOT_FOUND', 'No such upload.', { what: 'upload' });
      if (upload.received !== upload.total) {
        throw new HandoverError('CONFLICT', 'The upload is not complete.', {
          reason: 'incomplete',
        });
      }
      return { path: upload.path, uploadId: upload.id };
    }
    return { path: redeemPath(source.fileToken, 'open-bundle'), uploadId: null };
  }
}

export function readChunk(output: Output, offset: number, length: number): DownloadChunk {
  const total = output.kind === 'file' ? output.bytes : output.content.length;
  if (offset > total)
    throw new HandoverError('VALIDATION', 'Offset past the end.', { field: 'offset' });
  const size = Math.min(length, DOWNLOAD_CHUNK_BYTES, total - offset);
  let chunk: Buffer;
  if (output.kind === 'memory') {
    chunk = output.content.subarray(offset, offset + size);
  } else {
    chunk = Buffer.alloc(size);
    const fd = openSync(output.path, 'r');
    try {
      let read = 0;
      while (read < size) {
        const n = readSync(fd, chunk, read, size - read, offset + read);
        if (n === 0) break;
        read += n;
      }
    } finally {
      closeSync(fd);
    }
  }
  return {
    fileName: output.fileName,
    mediaType: output.mediaType,
    offset,
    length: chunk.length,
    totalBytes: total,
    done: offset + chunk.length >= total,
    chunkBase64: chunk.toString('base64'),
  };
}
