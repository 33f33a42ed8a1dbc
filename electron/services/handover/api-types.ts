import type { HandoutStatus, InterruptedHandout } from '../continuity/handout';
import type { ContinuityPlan, KitInfo } from '../continuity/plan';
import type { ShareCheck } from '../continuity/shares';
import type { FailureDetail, HandoverFailureCode } from './errors';
import type { ImportReport, InspectReport } from './import';

/** What the handover and continuity methods return; the renderer imports these types only. */

export type HandoverJobKind =
  | 'export'
  | 'access-export'
  | 'inspect'
  | 'import'
  | 'kit'
  | 'sheet'
  | 'refresh'
  | 'drill'
  | 'recover';

export type HandoverJobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface HandoverJobProgress {
  /** 'decrypting', 'verifying', 'reading', 'writing', 'finishing', 'splitting' … */
  phase: string;
  clientsDone: number;
  clientsTotal: number;
  bytesDone: number;
  /** Null when the total is not known ahead (the size of a bundle being written). */
  bytesTotal: number | null;
}

export interface ExportJobResult {
  /** The suggested file name (no folder): for the download, or the name it was saved as. */
  fileName: string;
  bytes: number;
  clients: number;
  files: number;
  encryption: 'recipient' | 'passphrase' | 'none';
  /** True when the output is NOT encrypted: the UI must say so plainly. */
  unencrypted: boolean;
  savedTo: 'download' | 'chosen-file';
}

export interface InspectJobResult extends InspectReport {
  /** Pass to handover.import; valid until imported, discarded, or the vault locks. */
  inspectionId: string;
}

export type ImportJobResult = ImportReport;

export interface KitJobResult {
  /** The kit's public data. Its shares are not here: make each keeper's sheet with continuity.keeperSheet. */
  kit: KitInfo;
  /** The continuity bundle re-encrypted to the new key, when a folder is set. */
  refreshJobId: string | null;
}

/** One keeper's sheet: download its PDF (that keeper's code only) with handover.download. */
export interface KeeperSheetJobResult {
  kitId: string;
  number: number;
  keeper: string;
  fileName: string;
}

export interface RefreshJobResult {
  writtenAt: string;
  clients: number;
  bytes: number;
  kitId: string;
  fileName: string;
}

export interface DrillJobResult {
  drilledOn: string;
  kitId: string;
  /** The shares belong to the kit in force (not an earlier one). */
  currentKit: boolean;
  bundleCreatedAt: string;
  clients: number;
  files: number;
  /** The bundle on disk holds the vault's data as it is now. */
  bundleCurrent: boolean;
}

interface JobBase {
  jobId: string;
  state: HandoverJobState;
  progress: HandoverJobProgress;
  startedAt: string;
  finishedAt: string | null;
  error: { code: HandoverFailureCode; detail: FailureDetail } | null;
  /** A file to fetch with handover.download (chunks), when the job made one. */
  download: { fileName: string; mediaType: string; bytes: number } | null;
}

export type HandoverJob = JobBase &
  (
    | { kind: 'export' | 'access-export'; result: ExportJobResult | null }
    | { kind: 'inspect' | 'recover'; result: InspectJobResult | null }
    | { kind: 'import'; result: ImportJobResult | null }
    | { kind: 'kit'; result: KitJobResult | null }
    | { kind: 'sheet'; result: KeeperSheetJobResult | null }
    | { kind: 'refresh'; result: RefreshJobResult | null }
    | { kind: 'drill'; result: DrillJobResult | null }
  );

export type HandoverJobResult = NonNullable<HandoverJob['result']>;

export interface DownloadChunk {
  fileName: string;
  mediaType: string;
  offset: number;
  /** Bytes in this chunk. */
  length: number;
  totalBytes: number;
  done: boolean;
  chunkBase64: string;
}

export interface HandoverKey {
  /** The public age recipient to give a predecessor. */
  recipient: string;
  createdAt: string;
  /** A small text file with the recipient and how to use it. */
  fileName: string;
  fileText: string;
}

export type { HandoutStatus, InterruptedHandout } from '../continuity/handout';

export interface ContinuityStatus {
  plan: ContinuityPlan;
  kit: Omit<KitInfo, never> | null;
  /** A kit whose sheets are being made now (its shares are in memory until handed out or locked). */
  handout: HandoutStatus | null;
  /** The kit in force was being handed out when the vault locked: these keepers got no sheet. */
  handoutInterrupted: InterruptedHandout | null;
  bundle: {
    folderSet: boolean;
    /** The folder the coach chose (shown back to them). */
    folder: string | null;
    fileName: string;
    exists: boolean;
    writtenAt: string | null;
    clients: number | null;
    bytes: number | null;
    /** Encrypted to the kit in force. */
    kitCurrent: boolean;
    /** Holds the vault's data as it is now. */
    dataCurrent: boolean;
    lastFailure: { at: string; code: string; trigger: string } | null;
    /** False when the app shell did not attach the engine to the vault session. */
    refreshOnLock: boolean;
    refreshing: boolean;
  };
  lastDrill: { at: string; ok: boolean; outcome: string; kitId: string | null } | null;
}

export type { ShareCheck };

export interface LetterTemplate {
  /** The closure letter, with {{placeholders}} filled in per client. */
  template: string;
  isDefault: boolean;
  placeholders: string[];
}
