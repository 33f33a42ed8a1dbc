import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import type { HandoverJob } from '../../../electron/api';
import { TRANSFER_CHUNK_BYTES } from '../../../electron/services/handover/contract';
import { errorMessage } from './errors';
import { kluis } from './kluis';

/**
 * Long handover and continuity work runs as a job in the main process: the call returns
 * a job id at once; the UI asks for progress until the job ends, may cancel it, and
 * fetches its file in chunks. Progress is asked for only while the job runs (every call
 * counts as activity for the idle lock, so nothing polls when idle).
 */

const POLL_MS = 300;

export const jobKey = (jobId: string) => ['handover-job', jobId] as const;

export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: jobKey(jobId ?? 'none'),
    queryFn: () => kluis().handover.progress({ jobId: jobId ?? '' }),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? POLL_MS : false),
  });
}

/** Forgets a finished job on both sides: its file in the main process, its progress here. */
export function useDiscardJob() {
  const queryClient = useQueryClient();
  return useCallback(
    async (jobId: string) => {
      queryClient.removeQueries({ queryKey: jobKey(jobId) });
      await kluis()
        .handover.discard({ jobId })
        .catch(() => undefined);
    },
    [queryClient],
  );
}

/** What a failed job says, translated like any other failure. */
export function jobErrorMessage(t: TFunction, job: HandoverJob): string {
  const error = job.error ?? { code: 'INTERNAL', detail: {} };
  return errorMessage(t, {
    code: error.code,
    messageKey: `errors.${error.code}`,
    detail: error.detail,
  });
}

/**
 * Waits for a short job the screen started on a button press (a keeper's sheet), asking
 * for progress while it runs. A job that does not finish throws its failure, shaped as
 * any other, for errorMessage.
 */
export async function waitForJob(jobId: string): Promise<HandoverJob> {
  for (;;) {
    const job = await kluis().handover.progress({ jobId });
    if (job.state === 'done') return job;
    if (job.state !== 'running') {
      const error = job.error ?? { code: 'INTERNAL', detail: {} };
      throw { code: error.code, messageKey: `errors.${error.code}`, detail: error.detail };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let at = 0; at < bytes.length; at += step) {
    binary += String.fromCharCode(...bytes.subarray(at, at + step));
  }
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let at = 0; at < binary.length; at += 1) bytes[at] = binary.charCodeAt(at);
  return bytes;
}

/** Fetches a job's file in chunks and hands it to the browser's download. */
export async function downloadJobFile(jobId: string): Promise<string> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  let fileName = 'dossierkluis';
  let mediaType = 'application/octet-stream';
  for (;;) {
    const chunk = await kluis().handover.download({
      jobId,
      offset,
      length: TRANSFER_CHUNK_BYTES,
    });
    fileName = chunk.fileName;
    mediaType = chunk.mediaType;
    parts.push(base64ToBytes(chunk.chunkBase64));
    offset += chunk.length;
    if (chunk.done || chunk.length === 0) break;
  }
  saveBlob(fileName, new Blob(parts, { type: mediaType }));
  return fileName;
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** Sends a bundle the coach picked to the main process in chunks; ciphertext only. */
export async function uploadBundle(
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<string> {
  const { uploadId, chunkBytes } = await kluis().handover.uploadBegin({ totalBytes: file.size });
  try {
    let offset = 0;
    onProgress(0, file.size);
    while (offset < file.size) {
      signal?.throwIfAborted();
      const slice = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      await kluis().handover.uploadChunk({
        uploadId,
        offset,
        chunkBase64: bytesToBase64(slice),
      });
      offset += slice.length;
      onProgress(offset, file.size);
    }
    return uploadId;
  } catch (error) {
    await kluis()
      .handover.uploadDiscard({ uploadId })
      .catch(() => undefined);
    throw error;
  }
}
