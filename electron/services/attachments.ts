import { createHash, randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import { type Attachment, MAX_ATTACHMENT_BYTES } from '../contract/records';
import { ApiError, found } from './api-error';
import type { ServiceContext } from './context';
import { assertClient, pseudonymOf } from './ownership';

interface AttachmentRow {
  id: string;
  client_id: string | null;
  session_id: string | null;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

const COLUMNS = 'id, client_id, session_id, name, media_type, size, sha256, created_at';

function fromRow(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    clientId: row.client_id,
    sessionId: row.session_id,
    name: row.name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

export function listAttachments(db: SqliteDatabase, clientId: string | null): Attachment[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM attachments WHERE client_id IS @clientId ORDER BY created_at DESC`,
  ).all({ clientId }) as AttachmentRow[];
  return rows.map(fromRow);
}

/** Strips folders and control characters so a stored name can never steer a later save. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'bestand' : cleaned.slice(0, 200);
}

export function addAttachment(
  ctx: ServiceContext,
  input: {
    clientId: string | null;
    sessionId: string | null;
    name: string;
    mediaType: string;
    contentBase64: string;
  },
): Attachment {
  let clientId = input.clientId;
  if (input.sessionId !== null) {
    const session = found(
      prepared(ctx.db, 'SELECT client_id FROM sessions WHERE id = ?').get(input.sessionId) as
        | { client_id: string }
        | undefined,
      'session',
    );
    if (clientId !== null && clientId !== session.client_id) {
      throw new ApiError('CONFLICT', 'The session belongs to another client.');
    }
    clientId = session.client_id;
  }
  if (clientId !== null) assertClient(ctx.db, clientId);
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length > MAX_ATTACHMENT_BYTES) {
    throw new ApiError('TOO_LARGE', 'The file is larger than 50 MB.', {
      limit: MAX_ATTACHMENT_BYTES,
    });
  }
  const row: AttachmentRow = {
    id: randomUUID(),
    client_id: clientId,
    session_id: input.sessionId,
    name: safeFileName(input.name),
    media_type: input.mediaType,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    created_at: ctx.now().toISOString(),
  };
  prepared(
    ctx.db,
    `INSERT INTO attachments (${COLUMNS}, content)
     VALUES (@id, @client_id, @session_id, @name, @media_type, @size, @sha256, @created_at, @content)`,
  ).run({ ...row, content });
  return fromRow(row);
}

export function attachmentContent(
  ctx: ServiceContext,
  id: string,
): { name: string; mediaType: string; contentBase64: string } {
  const row = found(
    prepared(
      ctx.db,
      'SELECT client_id, name, media_type, content FROM attachments WHERE id = ?',
    ).get(id) as
      | { client_id: string | null; name: string; media_type: string; content: Buffer }
      | undefined,
    'attachment',
  );
  // A document leaving the vault is an export (2.15): the log says which dossier, not what.
  ctx.audit('attachment.exported', pseudonymOf(ctx.db, row.client_id), {
    size: row.content.length,
  });
  return {
    name: row.name,
    mediaType: row.media_type,
    contentBase64: row.content.toString('base64'),
  };
}

export function deleteAttachment(ctx: ServiceContext, id: string): { deleted: true } {
  found(prepared(ctx.db, 'SELECT id FROM attachments WHERE id = ?').get(id), 'attachment');
  prepared(ctx.db, 'DELETE FROM attachments WHERE id = ?').run(id);
  return { deleted: true };
}
