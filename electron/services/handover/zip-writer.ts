import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ManifestFile } from './bundle-schema';

/**
 * The zip side of an export, built on yazl. Every entry is registered lazily: its bytes
 * are produced only when yazl reaches it, hashed for the manifest, and streamed through
 * yazl's pipe, which honours backpressure from the encrypter and the disk. With the
 * caller waiting for `started(n)` before registering more, at most about one dossier is
 * held in memory, however many clients the practice has.
 */

// One fixed timestamp for every entry: the zip says nothing about when a file was read,
// and two exports of the same data differ only where the data does.
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');

export class BundleZip {
  readonly #zip = new ZipFile();
  readonly #files: ManifestFile[] = [];
  readonly #byPath = new Map<string, ManifestFile>();
  readonly #waiters = new Map<number, () => void>();
  #registered = 0;
  #started = 0;
  #failed: Error | undefined;

  /** The zip's bytes, in order; ends after `end()` once every entry is written. */
  readonly output: Readable;

  constructor() {
    this.output = this.#zip.outputStream as Readable;
    this.#zip.on('error', (error: Error) => this.fail(error));
  }

  /** Files written so far, with the SHA-256 and size of their bytes, in zip order. */
  get files(): readonly ManifestFile[] {
    return this.#files;
  }

  /** The file written at `path`, once yazl has reached it. */
  file(path: string): ManifestFile | undefined {
    return this.#byPath.get(path);
  }

  get registered(): number {
    return this.#registered;
  }

  /**
   * Registers an entry; `produce` runs when yazl reaches it. Returns the entry's number,
   * for `started()`.
   */
  add(
    path: string,
    produce: () => Buffer | Promise<Buffer>,
    options: { compress: boolean },
  ): number {
    const number = this.#registered;
    this.#registered += 1;
    this.#zip.addReadStreamLazy(
      path,
      { compress: options.compress, mtime: ENTRY_TIME, mode: 0o100600 },
      (callback) => {
        this.#started = Math.max(this.#started, number + 1);
        for (const [at, resolve] of this.#waiters) {
          if (at < this.#started) {
            this.#waiters.delete(at);
            resolve();
          }
        }
        Promise.resolve()
          .then(produce)
          .then(
            (bytes) => {
              const file: ManifestFile = {
                path,
                sha256: createHash('sha256').update(bytes).digest('hex'),
                size: bytes.length,
              };
              this.#files.push(file);
              this.#byPath.set(path, file);
              callback(null, Readable.from([bytes], { objectMode: false }));
            },
            (error: unknown) =>
              callback(
                error instanceof Error ? error : new Error(String(error)),
                Readable.from([]),
              ),
          );
      },
    );
    return number;
  }

  /** Resolves once yazl began writing entry `number` (or failed). */
  started(number: number): Promise<void> {
    if (this.#failed || number < this.#started) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.#waiters.get(number);
      this.#waiters.set(number, () => {
        previous?.();
        resolve();
      });
    });
  }

  end(): void {
    this.#zip.end();
  }

  /** Stops the zip: the output stream errors, so whoever reads it stops too. */
  fail(error: Error): void {
    if (this.#failed) return;
    this.#failed = error;
    for (const resolve of this.#waiters.values()) resolve();
    this.#waiters.clear();
    this.output.destroy(error);
  }
}
