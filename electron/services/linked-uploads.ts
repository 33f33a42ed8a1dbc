import { updateRow, upsertRow } from '../../db/rows';
import { contractsTable } from '../../db/tables';
import type { Attachment, Contract } from '../contract/records';
import { ApiError } from './api-error';
import { addAttachment, deleteAttachment } from './attachments';
import type { ServiceContext } from './context';
import { getPractice, setCodeDocument } from './practice';

/**
 * Uploads that belong to a record: the file and the record's link to it are stored in one
 * transaction (the dispatcher's), so no link ever waits in an unsaved form. Before this a
 * signed contract copy was stored but linked only when the coach saved the contract form
 * again; quitting in between left an orphan document and an unsigned-looking contract.
 */
export type UploadLink = 'signed-copy' | 'code-document';

type AddInput = Parameters<typeof addAttachment>[1];

/** A contract with nothing filled in yet but its signed copy. */
function contractWithCopy(clientId: string, copyId: string, at: string): Contract {
  return {
    clientId,
    startOn: null,
    plannedDuration: '',
    plannedSessions: null,
    goals: '',
    fees: '',
    paymentTerms: '',
    logistics: '',
    confidentialityTerms: '',
    sponsorReporting: '',
    codeGivenOn: null,
    complaintsProcedureOn: null,
    supervisionConsentOn: null,
    signedOn: null,
    signedCopyId: copyId,
    updatedAt: at,
  };
}

function linkSignedCopy(ctx: ServiceContext, attachment: Attachment): void {
  const clientId = attachment.clientId;
  if (clientId === null || attachment.sessionId !== null) {
    throw new ApiError('CONFLICT', 'A signed copy must be a document of the dossier itself.');
  }
  const at = ctx.now().toISOString();
  // Only the link changes: the contract's other fields stay as last saved.
  const updated = updateRow(ctx.db, contractsTable, clientId, {
    signedCopyId: attachment.id,
    updatedAt: at,
  });
  if (!updated) {
    upsertRow(ctx.db, contractsTable, contractWithCopy(clientId, attachment.id, at));
  }
}

function linkCodeDocument(ctx: ServiceContext, attachment: Attachment): void {
  if (attachment.clientId !== null || attachment.sessionId !== null) {
    throw new ApiError('CONFLICT', 'The code document must be a practice document.');
  }
  const previous = getPractice(ctx.db).codeDocumentId;
  setCodeDocument(ctx, attachment.id);
  // One code document at a time: the old version is replaced, not kept beside it.
  if (previous !== null && previous !== attachment.id) deleteAttachment(ctx, previous);
}

export function addLinkedAttachment(
  ctx: ServiceContext,
  input: AddInput & { linkAs?: UploadLink | undefined },
): Attachment {
  const { linkAs, ...file } = input;
  const attachment = addAttachment(ctx, file);
  if (linkAs === 'signed-copy') linkSignedCopy(ctx, attachment);
  else if (linkAs === 'code-document') linkCodeDocument(ctx, attachment);
  return attachment;
}
