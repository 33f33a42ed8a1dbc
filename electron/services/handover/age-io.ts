import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Decrypter, Encrypter, type Identity, type Stanza } from 'age-encryption';
import { fsyncDirectory } from '../../../db/atomic-file';
import { isDiskFull } from '../../../db/errors';
import { HandoverError } from './errors';
import { notePlaintextWrite } from './plaintext-journal';

/**
 * age encryption and decryption as streams (age-encryption, the reference TypeScript
 * implementation; the format is https://age-encryption.org/v1), and the atomic file
 * write every bundle goes through: a hidden sibling, fsync, rename, fsync the folder.
 * No plaintext byte reaches the disk unless the coach chose an unencrypted export.
 */

/**
 * The scrypt work factor (log2 N) of the passphrase bundles this app writes, age's own
 * default, and the most it accepts when reading one: a bundle's header is untrusted and
 * may ask for logN 20 (1 GiB, many seconds; age-encryption stops only above 20).
 */
export const AGE_SCRYPT_LOG_N = 18;

export type Protection =
  | { readonly kind: 'recipient'; readonly recipient: string }
  | { readonly kind: 'passphrase'; readonly passphrase: string; readonly scryptLogN?: number }
  | { readonly kind: 'none' };

/** A Node stream as a pull-based web stream: nothing is read before age asks for it. */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = (await iterator.next()) as { value: Buffer; done: boolean };
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      async cancel(reason) {
        source.destroy(reason instanceof Error ? reason : undefined);
        await iterator.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

export async function encryptStream(
  plaintext: Readable,
  protection: Exclude<Protection, { kind: 'none' }>,
): Promise<ReadableStream<Uint8Array>> {
  const encrypter = new Encrypter();
  if (protection.kind === 'recipient') encrypter.addRecipient(protection.recipient);
  else {
    encrypter.setPassphrase(protection.passphrase);
    if (protection.scryptLogN !== undefined) encrypter.setScryptWorkFactor(protection.scryptLogN);
  }
  return encrypter.encrypt(toWebStream(plaintext));
}

/** Where an output goes: a file (atomically) or memory (unencrypted exports for download). */
export type OutputTarget =
  | {
      readonly kind: 'file';
      readonly path: string;
      /**
       * For plaintext only: the vault folder whose journal notes the temp file while it
       * is written, so a crash's leftover is removed at the next start (plaintext-journal.ts).
       */
      readonly plaintextJournal?: string;
    }
  | { readonly kind: 'memory' };

export interface WrittenOutput {
  bytes: number;
  /** Only for memory targets. */
  content?: Buffer;
}

/**
 * For tests: runs before each write, to fail one half-way as a full disk or a pulled drive
 * would, or to hold one while something else happens.
 */
export type WriteHook = (bytesSoFar: number) => void | Promise<void>;

function targetFailure(error: unknown): HandoverError {
  if (error instanceof HandoverError) return error;
  if (isDiskFull(error)) {
    return new HandoverError('DISK_FULL', 'The disk is full.', {}, { cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new HandoverError(
    'TARGET_UNAVAILABLE',
    'The target could not be written.',
    typeof code === 'string' ? { reason: code } : {},
    { cause: error },
  );
}

/**
 * Writes every chunk of `content` to `target`. For a file: into a hidden temp file beside
 * it, renamed over the target only when complete and synced, so a cancelled or failed
 * write leaves no partial file and the previous file stays valid until then.
 */
export async function writeOutput(
  content: AsyncIterable<Uint8Array>,
  target: OutputTarget,
  options: { signal?: AbortSignal; onBytes?: (bytes: number) => void; hook?: WriteHook } = {},
): Promise<WrittenOutput> {
  const { signal, onBytes, hook } = options;
  let bytes = 0;
  if (target.kind === 'memory') {
    const chunks: Buffer[] = [];
    for await (const chunk of content) {
      signal?.throwIfAborted();
      chunks.push(Buffer.from(chunk));
      bytes += chunk.length;
      onBytes?.(bytes);
    }
    return { bytes, content: Buffer.concat(chunks) };
  }
  const dir = dirname(target.path);
  const temp = join(dir, `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  let renamed = false;
  const ended = target.plaintextJournal
    ? notePlaintextWrite(target.plaintextJournal, temp)
    : undefined;
  try {
    try {
      handle = await open(temp, 'wx', 0o600);
    } catch (error) {
      throw targetFailure(error);
    }
    for await (const chunk of content) {
      signal?.throwIfAborted();
      try {
        await hook?.(bytes);
        signal?.throwIfAborted();
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
      } catch (error) {
        throw targetFailure(error);
      }
      bytes += chunk.length;
      onBytes?.(bytes);
    }
    signal?.throwIfAborted();
    try {
      await handle.sync();
      await handle.close();
      handle = undefined;
    } catch (error) {
      throw targetFailure(error);
    }
    // A flush to a slow drive can outlast a cancel; a cancelled write must not land.
    signal?.throwIfAborted();
    try {
      await rename(temp, target.path);
      renamed = true;
      fsyncDirectory(dir);
    } catch (error) {
      throw targetFailure(error);
    }
    return { bytes };
  } finally {
    await handle?.close().catch(() => undefined);
    if (!renamed) await rm(temp, { force: true }).catch(() => undefined);
    ended?.();
  }
}

/**
 * What opens a bundle: the vault's (or a rebuilt continuity) identity, a passphrase, or
 * a file key already recovered from this file's header (see `FileKeyIdentity`).
 */
export type DecryptKey =
  | { readonly kind: 'identity'; readonly identity: string }
  | { readonly kind: 'passphrase'; readonly passphrase: string }
  | { readonly kind: 'file-key'; readonly fileKey: Uint8Array };

/**
 * Hands age-encryption a file key recovered earlier with `Decrypter.decryptHeader` from
 * the same file, so a bundle read in several passes runs the (slow) passphrase KDF once.
 * age still checks the header MAC with it on every pass, so a file changed between
 * passes, or another file, does not open.
 */
class FileKeyIdentity implements Identity {
  constructor(private readonly fileKey: Uint8Array) {}
  unwrapFileKey(): Uint8Array {
    return this.fileKey;
  }
}

/**
 * Looks at the header's scrypt stanza before any passphrase is tried and refuses a work
 * factor above AGE_SCRYPT_LOG_N. It must be added before the passphrase: age-encryption
 * asks its identities one after another, in the order added (Decrypter.unwrapFileKey), so
 * a throw here means scrypt never runs. Malformed stanzas are left to age to refuse.
 */
class ScryptWorkFactorCap implements Identity {
  unwrapFileKey(stanzas: Stanza[]): null {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== 'scrypt') continue;
      const logN = Number(stanza.args[2]);
      if (logN > AGE_SCRYPT_LOG_N) {
        throw new HandoverError(
          'KDF_TOO_COSTLY',
          'The bundle asks for more passphrase work than Dossierkluis uses.',
          { limit: AGE_SCRYPT_LOG_N },
        );
      }
    }
    return null;
  }
}

export function decrypterFor(key: DecryptKey): Decrypter {
  const decrypter = new Decrypter();
  if (key.kind === 'identity') decrypter.addIdentity(key.identity);
  else if (key.kind === 'passphrase') {
    decrypter.addIdentity(new ScryptWorkFactorCap());
    decrypter.addPassphrase(key.passphrase);
  } else decrypter.addIdentity(new FileKeyIdentity(key.fileKey));
  return decrypter;
}

/** Maps what age-encryption throws to what the coach can act on. */
export function decryptFailure(error: unknown): HandoverError {
  if (error instanceof HandoverError) return error;
  const message = error instanceof Error ? error.message : '';
  // A changed header MAC means the key was right and the file was altered: damaged.
  if (/no identity matched|incorrect passphrase/i.test(message)) {
    return new HandoverError(
      'BUNDLE_WRONG_KEY',
      'The key does not open this bundle.',
      {},
      {
        cause: error,
      },
    );
  }
  return new HandoverError(
    'BUNDLE_DAMAGED',
    'The bundle is damaged or not an age file.',
    {},
    {
      cause: error,
    },
  );
}

/** The bytes of an age header, up to and including its MAC line (`--- …\n`). */
export function ageHeaderLength(head: Uint8Array): number | null {
  const text = Buffer.from(head).toString('latin1');
  if (!text.startsWith('age-encryption.org/v1\n')) return null;
  const macLine = text.indexOf('\n---');
  if (macLine < 0) return null;
  const end = text.indexOf('\n', macLine + 1);
  return end < 0 ? null : end + 1;
}
