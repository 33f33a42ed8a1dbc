import { z } from 'zod';
import { isoDate, isoDateTime, recordId } from '../../contract/fields';
import {
  client,
  confidentiality,
  conflict,
  contract,
  disclosure,
  endingFields,
  feedback,
  followUp,
  guardian,
  person,
  referral,
  session,
} from '../../contract/records';

/**
 * The handover bundle format, version 1: what Dossierkluis writes and the only thing its
 * import reads. A bundle is one age file (https://age-encryption.org/v1) whose plaintext
 * is a zip archive:
 *
 *   LEESMIJ.txt                      how to open this (Dutch)
 *   README.txt                       the same in English
 *   bewaartermijnen.txt              retention schedule: every client and the date their
 *                                    dossier may be erased (article 2.27b)
 *
 * A client's access copy (kind 'access') holds one readme in the client's language
 * instead (LEESMIJ.txt or README.txt, written for the client), and for English its
 * retention schedule as retention.txt.
 *   clients/<client id>/dossier.json the complete dossier, machine-readable: the import
 *                                    format, schema `dossierkluis-dossier` below
 *   clients/<client id>/dossier.pdf  the same, readable by a person without the app
 *   clients/<client id>/kennisgeving.txt
 *                                    closure only: the letter informing the client
 *   clients/<client id>/attachments/<attachment id>-<name>
 *                                    each document of the dossier, byte for byte
 *   manifest.json                    written last: format, version, who, why, the
 *                                    clients, and the SHA-256 and size of every other file
 *
 * Names are UTF-8, relative, with forward slashes only; nothing else may be in the zip.
 * Import refuses a bundle unless every listed file is present with its hash and size,
 * nothing unlisted is present, and every dossier.json passes the schema below.
 *
 * Ids are the vault's own (random UUIDs), so records keep their identity across vaults.
 * Dates are ISO: 'YYYY-MM-DD' for days, full ISO 8601 with offset for moments.
 */

export const BUNDLE_FORMAT = 'dossierkluis-handover';
export const BUNDLE_FORMAT_VERSION = 1;
export const DOSSIER_SCHEMA = 'dossierkluis-dossier';
export const DOSSIER_SCHEMA_VERSION = 1;

export const MANIFEST_PATH = 'manifest.json';
export const README_NL_PATH = 'LEESMIJ.txt';
export const README_EN_PATH = 'README.txt';
export const RETENTION_PATH = 'bewaartermijnen.txt';
/** The retention schedule of an access copy for a client who reads English. */
export const RETENTION_EN_PATH = 'retention.txt';

export function dossierJsonPath(clientId: string): string {
  return `clients/${clientId}/dossier.json`;
}
export function dossierPdfPath(clientId: string): string {
  return `clients/${clientId}/dossier.pdf`;
}
export function letterPath(clientId: string): string {
  return `clients/${clientId}/kennisgeving.txt`;
}
export function attachmentPath(clientId: string, attachmentId: string, safeName: string): string {
  return `clients/${clientId}/attachments/${attachmentId}-${safeName}`;
}

/** Why a bundle was made. 'client-move' is one client moving to another coach. */
export const handoverReason = z.enum([
  'closure',
  'incapacity',
  'transfer',
  'client-move',
  'continuity',
  'access-request',
]);
export type HandoverReason = z.infer<typeof handoverReason>;

/** 'handover' to a successor, 'continuity' for the emergency kit, 'access' for the client (AVG art. 15). */
export const bundleKind = z.enum(['handover', 'continuity', 'access']);
export type BundleKind = z.infer<typeof bundleKind>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const text200 = z.string().max(200);

export const manifestFile = z
  .object({
    path: z.string().min(1).max(400),
    sha256: sha256Hex,
    /** Bytes of the file as extracted. Checked against the limits before reading. */
    size: z.number().int().min(0),
  })
  .strict();

export const manifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    createdAt: isoDateTime,
    kind: bundleKind,
    reason: handoverReason,
    /** The practice handing over (article 2.28): who to ask about this bundle. */
    from: z
      .object({
        practice: text200,
        coach: text200,
        licenceNumber: text200,
        email: text200,
        phone: text200,
      })
      .strict(),
    /** Free text: the successor, the client (access request), 'continuity plan'. */
    to: z.string().max(500),
    app: z.object({ name: text200, version: text200 }).strict(),
    /** By id and pseudonym only: the manifest is what a custodian reads first. */
    clients: z.array(z.object({ id: recordId, pseudonym: text200 }).strict()),
    files: z.array(manifestFile),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof manifestFile>;

/** Read first, loosely, so a newer version is named as such instead of 'damaged'. */
export const manifestHeader = z.object({
  format: z.string().max(100),
  formatVersion: z.number(),
});

export const bundleAttachment = z
  .object({
    id: recordId,
    sessionId: recordId.nullable(),
    name: z.string().min(1).max(200),
    mediaType: z
      .string()
      .max(200)
      .regex(/^[\w.+-]+\/[\w.+-]+$/),
    size: z.number().int().min(0),
    sha256: sha256Hex,
    createdAt: isoDateTime,
    /** Where the bytes are in the zip. */
    path: z.string().min(1).max(400),
  })
  .strict();
export type BundleAttachment = z.infer<typeof bundleAttachment>;

/** The stored ending; `effectiveRetentionUntil` is informative (the source vault's rule). */
export const bundleEnding = endingFields
  .extend({
    clientId: recordId,
    updatedAt: isoDateTime,
    effectiveRetentionUntil: isoDate,
  })
  .strict();

const list = <T extends z.ZodType>(item: T) => z.array(item).max(100_000);

/**
 * dossier.json: one client's complete dossier, every record the vault holds for it,
 * session notes and reflections included. Every record carries the client's id.
 */
export const dossierDocument = z
  .object({
    schema: z.literal(DOSSIER_SCHEMA),
    schemaVersion: z.literal(DOSSIER_SCHEMA_VERSION),
    exportedAt: isoDateTime,
    client: client.extend({ pseudonym: z.string().min(1).max(200) }).strict(),
    people: list(person.strict()),
    contract: contract.strict().nullable(),
    confidentiality: confidentiality.strict().nullable(),
    disclosures: list(disclosure.strict()),
    guardians: list(guardian.strict()),
    sessions: list(session.strict()),
    conflicts: list(conflict.strict()),
    referrals: list(referral.strict()),
    ending: bundleEnding.nullable(),
    followUps: list(followUp.strict()),
    feedback: list(feedback.strict()),
    attachments: list(bundleAttachment),
  })
  .strict();
export type DossierDocument = z.infer<typeof dossierDocument>;

/** The record lists of a dossier that carry their own id (for id collisions and renumbering). */
export const recordLists = [
  'people',
  'disclosures',
  'guardians',
  'sessions',
  'conflicts',
  'referrals',
  'followUps',
  'feedback',
  'attachments',
] as const;
export type RecordList = (typeof recordLists)[number];

/** Zip names the format allows; `(?<id>)` must match the manifest's client ids. */
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export type EntryKind =
  | 'manifest'
  | 'readme'
  | 'retention'
  | 'dossier-json'
  | 'dossier-pdf'
  | 'letter'
  | 'attachment';

export interface EntryRole {
  kind: EntryKind;
  clientId?: string;
  attachmentId?: string;
}

const clientEntry = new RegExp(
  `^clients/(${UUID})/(dossier\\.json|dossier\\.pdf|kennisgeving\\.txt)$`,
);
const attachmentEntry = new RegExp(`^clients/(${UUID})/attachments/(${UUID})-[^/]{1,200}$`);

/** The role of a zip entry in the layout, or null when the format has no such file. */
export function entryRole(path: string): EntryRole | null {
  if (path === MANIFEST_PATH) return { kind: 'manifest' };
  if (path === README_NL_PATH || path === README_EN_PATH) return { kind: 'readme' };
  if (path === RETENTION_PATH || path === RETENTION_EN_PATH) return { kind: 'retention' };
  const inClient = clientEntry.exec(path);
  if (inClient) {
    const [, clientId, file] = inClient;
    const kind: EntryKind =
      file === 'dossier.json' ? 'dossier-json' : file === 'dossier.pdf' ? 'dossier-pdf' : 'letter';
    return { kind, ...(clientId ? { clientId } : {}) };
  }
  const attachment = attachmentEntry.exec(path);
  if (attachment) {
    const [, clientId, attachmentId] = attachment;
    return {
      kind: 'attachment',
      ...(clientId ? { clientId } : {}),
      ...(attachmentId ? { attachmentId } : {}),
    };
  }
  return null;
}
