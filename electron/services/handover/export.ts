import { rm } from 'node:fs/promises';
import { accessReadme, type ClientLanguage, retentionText } from './access-texts';
import {
  encryptStream,
  type OutputTarget,
  type Protection,
  type WriteHook,
  writeOutput,
} from './age-io';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleKind,
  type DossierDocument,
  dossierJsonPath,
  dossierPdfPath,
  type HandoverReason,
  letterPath,
  MANIFEST_PATH,
  type Manifest,
  README_EN_PATH,
  README_NL_PATH,
  RETENTION_EN_PATH,
  RETENTION_PATH,
} from './bundle-schema';
import { renderDossierPdf } from './dossier-pdf';
import type { DossierSource, DossierWithFiles } from './dossier-read';
import { HandoverError } from './errors';
import {
  type BundleTexts,
  DEFAULT_CLOSURE_LETTER,
  readmeEn,
  readmeNl,
  renderLetter,
  retentionRow,
} from './texts';
import { BundleZip } from './zip-writer';

/**
 * Writes a bundle end to end as one stream: dossiers are read one at a time, turned into
 * zip entries (yazl), encrypted (age), and written to a hidden temp file that is renamed
 * over the target only when complete. Memory holds about one dossier at a time; the
 * plaintext zip exists only in memory, chunk by chunk.
 */

export const APP = { name: 'Dossierkluis', version: '0.1.0' } as const;

export interface ExportProgress {
  phase: 'writing' | 'finishing';
  clientsDone: number;
  clientsTotal: number;
  /** Bytes written to the target (ciphertext, unless unencrypted). */
  bytesWritten: number;
}

export interface WriteBundleOptions {
  readonly source: DossierSource;
  readonly kind: BundleKind;
  readonly reason: HandoverReason;
  readonly to: string;
  readonly protection: Protection;
  readonly target: OutputTarget;
  readonly createdAt: Date;
  /** Closure only; the built-in template when absent. */
  readonly letterTemplate?: string | null;
  readonly signal?: AbortSignal;
  /**
   * When cancelled after the file was already complete: true removes it (an export the
   * coach stopped, or one the audit log will not record), false keeps it (a continuity
   * bundle, which replaced the previous valid one and is valid itself).
   */
  readonly removeWhenCancelled: boolean;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Test seam: runs before each write to the target (see age-io.ts). */
  readonly writeHook?: WriteHook;
  /**
   * A client's access copy: the readme and retention schedule in the client's language,
   * and the coach's private reflections only when the coach chose to give them.
   */
  readonly forClient?: { readonly language: ClientLanguage; readonly includeReflections: boolean };
}

export interface BundleResult {
  bytes: number;
  /** For memory targets: the file itself. */
  content?: Buffer;
  clients: { id: string; pseudonym: string }[];
  files: number;
  /** Bytes inside the zip, before compression. */
  plaintextBytes: number;
}

// Text compresses well; PDFs, images and office files are compressed already.
function compressible(mediaType: string): boolean {
  return (
    mediaType.startsWith('text/') ||
    /^application\/(json|xml|rtf|x-yaml|csv)$/.test(mediaType) ||
    mediaType.endsWith('+xml') ||
    mediaType.endsWith('+json')
  );
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/** A client's copy leaves the coach's reflections out unless the coach chose otherwise. */
function withoutReflections(
  document: DossierDocument,
  forClient: WriteBundleOptions['forClient'],
): DossierDocument {
  if (!forClient || forClient.includeReflections) return document;
  return {
    ...document,
    sessions: document.sessions.map((session) => ({ ...session, reflection: '' })),
  };
}

function abortedError(): HandoverError {
  return new HandoverError('CANCELLED', 'The export was cancelled.');
}

export async function writeBundle(options: WriteBundleOptions): Promise<BundleResult> {
  const { source, signal } = options;
  const createdAt = options.createdAt.toISOString();
  const zip = new BundleZip();
  const written: { id: string; pseudonym: string }[] = [];
  const retention: ReturnType<typeof retentionRow>[] = [];
  const clientsTotal = source.clientIds.length;
  let clientsDone = 0;
  let bytesWritten = 0;
  let plaintextBytes = 0;
  const report = (phase: ExportProgress['phase']): void =>
    options.onProgress?.({ phase, clientsDone, clientsTotal, bytesWritten });

  const texts: BundleTexts = {
    kind: options.kind,
    reason: options.reason,
    createdAt,
    practice: source.practice,
    to: options.to,
    recipient:
      options.protection.kind === 'recipient'
        ? 'key'
        : options.protection.kind === 'passphrase'
          ? 'passphrase'
          : 'none',
    clients: clientsTotal,
  };
  const add = (path: string, produce: () => Buffer | Promise<Buffer>, compress: boolean): number =>
    zip.add(
      path,
      async () => {
        const bytes = await produce();
        plaintextBytes += bytes.length;
        return bytes;
      },
      { compress },
    );

  const forClient = options.forClient;
  function registerClient(dossier: DossierWithFiles): number {
    const stored = withoutReflections(dossier.document, forClient);
    const id = stored.client.id;
    const entries: number[] = [];
    for (const attachment of stored.attachments) {
      entries.push(
        add(
          attachment.path,
          () => {
            const content = dossier.content(attachment.id);
            if (!content) {
              throw new HandoverError('CONFLICT', 'A document was removed during the export.');
            }
            return content;
          },
          compressible(attachment.mediaType),
        ),
      );
    }
    // The documents are written first, so the dossier can vouch for the bytes that were.
    let final: DossierDocument | undefined;
    const document = (): DossierDocument => {
      final ??= {
        ...stored,
        attachments: stored.attachments.map((attachment) => {
          const file = zip.file(attachment.path);
          return file ? { ...attachment, size: file.size, sha256: file.sha256 } : attachment;
        }),
      };
      return final;
    };
    entries.push(
      add(
        dossierJsonPath(id),
        () => {
          written.push({ id, pseudonym: stored.client.pseudonym });
          retention.push(retentionRow(stored));
          return utf8(`${JSON.stringify(document(), null, 2)}\n`);
        },
        true,
      ),
    );
    const isClosure = options.reason === 'closure';
    entries.push(
      add(
        dossierPdfPath(id),
        async () => {
          const pdf = await renderDossierPdf(document(), {
            practice: source.practice.practice,
            coach: source.practice.coach,
            createdAt,
            reason: options.reason,
          });
          if (!isClosure) {
            clientsDone += 1;
            report('writing');
          }
          return pdf;
        },
        false,
      ),
    );
    if (isClosure) {
      entries.push(
        add(
          letterPath(id),
          () => {
            clientsDone += 1;
            report('writing');
            return utf8(
              renderLetter(
                options.letterTemplate ?? DEFAULT_CLOSURE_LETTER,
                document(),
                source.practice,
                options.to,
                createdAt,
              ),
            );
          },
          true,
        ),
      );
    }
    return entries[0] ?? -1;
  }

  async function feed(): Promise<void> {
    if (forClient) {
      const readme = accessReadme({
        language: forClient.language,
        createdAt,
        practice: source.practice,
        to: options.to,
        includeReflections: forClient.includeReflections,
      });
      add(forClient.language === 'en' ? README_EN_PATH : README_NL_PATH, () => utf8(readme), true);
    } else {
      add(README_NL_PATH, () => utf8(readmeNl(texts)), true);
      add(README_EN_PATH, () => utf8(readmeEn(texts)), true);
    }
    let previousFirst = -1;
    for (const id of source.clientIds) {
      if (signal?.aborted) throw abortedError();
      // Pace the reading to the writing: the next dossier is read once the zip reached
      // the one before, so memory holds about one dossier whatever the practice's size.
      if (previousFirst >= 0) await zip.started(previousFirst);
      if (signal?.aborted) throw abortedError();
      const dossier = source.read(id);
      if (!dossier) continue;
      previousFirst = registerClient(dossier);
    }
    const language = forClient?.language ?? 'nl';
    add(
      language === 'en' ? RETENTION_EN_PATH : RETENTION_PATH,
      () => utf8(retentionText(createdAt, retention, language)),
      true,
    );
    add(
      MANIFEST_PATH,
      () => {
        report('finishing');
        const manifest: Manifest = {
          format: BUNDLE_FORMAT,
          formatVersion: BUNDLE_FORMAT_VERSION,
          createdAt,
          kind: options.kind,
          reason: options.reason,
          from: {
            practice: source.practice.practice.slice(0, 200),
            coach: source.practice.coach.slice(0, 200),
            licenceNumber: source.practice.licenceNumber.slice(0, 200),
            email: source.practice.email.slice(0, 200),
            phone: source.practice.phone.slice(0, 200),
          },
          to: options.to.slice(0, 500),
          app: { ...APP },
          clients: written,
          files: [...zip.files],
        };
        return utf8(`${JSON.stringify(manifest, null, 2)}\n`);
      },
      true,
    );
    zip.end();
  }

  async function write(): Promise<{ bytes: number; content?: Buffer }> {
    const content =
      options.protection.kind === 'none'
        ? zip.output
        : await encryptStream(zip.output, options.protection);
    return writeOutput(content, options.target, {
      ...(signal ? { signal } : {}),
      ...(options.writeHook ? { hook: options.writeHook } : {}),
      onBytes: (bytes) => {
        bytesWritten = bytes;
      },
    });
  }

  const onAbort = (): void => zip.fail(abortedError());
  signal?.addEventListener('abort', onAbort, { once: true });
  report('writing');
  try {
    const feeding = feed().catch((error: unknown) => {
      zip.fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    const writing = write().catch((error: unknown) => {
      zip.fail(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    // Wait for both, so the temp file is gone before a failure is reported.
    const [fed, wrote] = await Promise.allSettled([feeding, writing]);
    if (signal?.aborted) {
      if (wrote.status === 'fulfilled' && options.removeWhenCancelled) {
        if (options.target.kind === 'file') await rm(options.target.path, { force: true });
      }
      throw abortedError();
    }
    if (wrote.status === 'rejected' && wrote.reason instanceof HandoverError) throw wrote.reason;
    if (fed.status === 'rejected') throw fed.reason;
    if (wrote.status === 'rejected') throw wrote.reason;
    return {
      bytes: wrote.value.bytes,
      ...(wrote.value.content ? { content: wrote.value.content } : {}),
      clients: written,
      files: zip.files.length,
      plaintextBytes,
    };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
