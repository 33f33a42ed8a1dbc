import type { Attachment } from '../../../electron/api';
import { MAX_ATTACHMENT_BYTES } from '../../../electron/contract/records';
import { kluis } from './kluis';

const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

/** A file's bytes as base64, the way the contract carries attachments. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Thrown before sending a file the vault would refuse anyway. */
export const tooLarge = {
  code: 'TOO_LARGE',
  messageKey: 'errors.TOO_LARGE',
  issues: [],
  detail: {},
};

export type UploadLink = 'signed-copy' | 'code-document';

/** Stores a file in the vault; with `linkAs`, also links it to its record in the same call. */
export async function uploadFile(
  file: File,
  owner: { clientId: string | null; sessionId: string | null },
  linkAs?: UploadLink,
): Promise<Attachment> {
  if (file.size > MAX_ATTACHMENT_BYTES) throw tooLarge;
  const contentBase64 = await readAsBase64(file);
  return kluis().attachments.add({
    ...owner,
    name: file.name.slice(0, 200) || 'bestand',
    mediaType: MEDIA_TYPE.test(file.type) ? file.type : 'application/octet-stream',
    contentBase64,
    ...(linkAs ? { linkAs } : {}),
  });
}

/** Saves a document from the vault to where the coach chooses, through the browser's download. */
export async function downloadAttachment(id: string): Promise<void> {
  const content = await kluis().attachments.content({ id });
  saveDownload(content.name, content.mediaType, content.contentBase64);
}

/** Hands bytes the main process produced (an export) to the browser's download. */
export function saveDownload(name: string, mediaType: string, contentBase64: string): void {
  const bytes = Uint8Array.from(atob(contentBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the download a moment to start before the bytes are let go.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
