import { z } from 'zod';
import { mediumText, recordId, requiredShortText, shortText } from '../../contract/fields';

/**
 * The input schemas of the `handover.*` and `continuity.*` methods of the contract
 * (electron/api.ts declares the methods with these). No Node imports: the renderer may
 * use these schemas for its forms.
 */

const none = z.object({}).strict();
/** The closure letter template: one text for every client, also checked by its editor. */
export const LETTER_TEMPLATE_MAX_LENGTH = 20_000;
const letterTemplate = z.string().max(LETTER_TEMPLATE_MAX_LENGTH);
const jobId = z.uuid();
/** A path chosen in the shell's native dialog, as the opaque token the shell gave the page. */
const fileToken = z.string().regex(/^[A-Za-z0-9_-]{24}$/);
const passphrase = z.string().min(1).max(1024);
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** 8 MiB per call, as base64. */
export const TRANSFER_CHUNK_BYTES = 8 * 1024 * 1024;

export const clientSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  /** Intake and active clients: whose work a successor takes over. */
  z.object({ kind: z.literal('active') }).strict(),
  z.object({ kind: z.literal('selected'), ids: z.array(recordId).min(1).max(20_000) }).strict(),
]);

/** Where an export goes: kept for download in chunks, or a file the coach chose in the shell. */
export const exportOutput = z.union([
  z.object({ download: z.literal(true) }).strict(),
  z.object({ fileToken }).strict(),
]);

/** Where a bundle to import comes from: uploaded in chunks, or a file chosen in the shell. */
export const bundleSource = z.union([
  z.object({ uploadId: z.uuid() }).strict(),
  z.object({ fileToken }).strict(),
]);

const shares = z.array(z.string().max(400)).min(1).max(10);
/** A kit's id: 8 Crockford base32 symbols (continuity/shares.ts, kitIdOf). */
const kitId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{8}$/);

export const successorFields = z.object({
  id: recordId.optional(),
  name: requiredShortText,
  organisation: shortText,
  email: shortText,
  phone: shortText,
  /** The successor's Dossierkluis handover key (`age1…`), or '' when not known yet. */
  recipient: z.string().max(4096),
  notes: mediumText,
});

export const keeperFields = z.object({
  id: recordId.optional(),
  name: requiredShortText,
  /** Successor, the network's office, a trusted person: who they are to the practice. */
  role: shortText,
  email: shortText,
  phone: shortText,
  notes: mediumText,
});

export const continuityPlanFields = z.object({
  successors: z.array(successorFields.strict()).max(10),
  keepers: z.array(keeperFields.strict()).max(10),
  /** For the custodian: where things are (laptop, agenda, paper files), what to do first. */
  custodianInstructions: mediumText,
  /** Who to inform: clients, sponsors, the professional association, the insurer. */
  whoToInform: mediumText,
  /** Professional liability insurer and policy, for the custodian (3.12). */
  insurer: mediumText,
  /** Where the continuity bundle can be found, in words the keepers understand. */
  bundleLocationNote: shortText,
});
export type ContinuityPlanFields = z.infer<typeof continuityPlanFields>;

export const handoverInputs = {
  key: none,
  export: z
    .object({
      clients: clientSelection,
      reason: z.enum(['closure', 'incapacity', 'transfer', 'client-move']),
      /** Who receives it: free text for the manifest and the letters. */
      to: z.string().max(500),
      recipient: z.discriminatedUnion('kind', [
        /** A successor's handover key (`age1…`), or the text of their key file. */
        z.object({ kind: z.literal('key'), recipient: z.string().min(1).max(4096) }).strict(),
        /** A passphrase given out of band; same strength rule as the vault's. */
        z.object({ kind: z.literal('passphrase'), passphrase }).strict(),
      ]),
      /** Closure: the letter template for this export (the stored one when absent). */
      letterTemplate: letterTemplate.optional(),
      output: exportOutput,
    })
    .strict(),
  accessExport: z
    .object({
      clientId: recordId,
      protection: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('passphrase'), passphrase }).strict(),
        /** Only when the coach explicitly chose an unencrypted export. */
        z.object({ kind: z.literal('none'), acknowledgeUnencrypted: z.literal(true) }).strict(),
      ]),
      /** The language of the client's LEESMIJ and retention file. */
      language: z.enum(['nl', 'en']).default('nl'),
      /**
       * The coach's private reflections stay out unless the coach chose, with the
       * explanation on screen, to give them too.
       */
      includeReflections: z.boolean().default(false),
      output: exportOutput,
    })
    .strict(),
  progress: z.object({ jobId }).strict(),
  jobs: none,
  cancel: z.object({ jobId }).strict(),
  discard: z.object({ jobId }).strict(),
  download: z
    .object({
      jobId,
      offset: z.number().int().min(0),
      length: z.number().int().min(1).max(TRANSFER_CHUNK_BYTES),
    })
    .strict(),
  uploadBegin: z
    .object({ totalBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) })
    .strict(),
  uploadChunk: z
    .object({
      uploadId: z.uuid(),
      offset: z.number().int().min(0),
      chunkBase64: z
        .string()
        .max(Math.ceil(TRANSFER_CHUNK_BYTES / 3) * 4)
        .regex(base64),
    })
    .strict(),
  uploadDiscard: z.object({ uploadId: z.uuid() }).strict(),
  inspect: z
    .object({
      source: bundleSource,
      key: z.discriminatedUnion('kind', [
        /** This vault's own handover key. */
        z.object({ kind: z.literal('vault') }).strict(),
        z.object({ kind: z.literal('passphrase'), passphrase }).strict(),
      ]),
    })
    .strict(),
  import: z
    .object({
      inspectionId: z.uuid(),
      /** For clients already in this vault: skip them, or import them with new ids. */
      existing: z.enum(['skip', 'new']),
      choices: z
        .array(z.object({ clientId: recordId, action: z.enum(['import', 'new', 'skip']) }).strict())
        .max(20_000)
        .optional(),
    })
    .strict(),
  discardInspection: z.object({ inspectionId: z.uuid() }).strict(),
  letterTemplate: none,
  saveLetterTemplate: z.object({ template: letterTemplate.nullable() }).strict(),
} as const;

export const continuityInputs = {
  get: none,
  savePlan: continuityPlanFields.strict(),
  setBundleFolder: z.object({ folderToken: fileToken.nullable() }).strict(),
  /** Live feedback while a keeper types a share. */
  checkShare: z.object({ text: z.string().max(400) }).strict(),
  issueKit: z.object({ threshold: z.number().int().min(2).max(10) }).strict(),
  /** One keeper's sheet of the kit being handed out (a job; its PDF holds that keeper's code only). */
  keeperSheet: z.object({ kitId, keeper: z.number().int().min(1).max(10) }).strict(),
  /** Every sheet is handed out: the shares held in memory are wiped. */
  finishHandout: z.object({ kitId }).strict(),
  refresh: none,
  drill: z.object({ shares }).strict(),
  recover: z.object({ shares, source: bundleSource }).strict(),
} as const;
