import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { SqliteDatabase } from '../../db/connection';
import { getRow, listRows } from '../../db/rows';
import { prepared } from '../../db/statements';
import { clientsTable, contractsTable, guardiansTable, peopleTable } from '../../db/tables';
import { type AnonymisedText, anonymise, type DossierIdentifiers } from './anonymise';
import { ApiError, found } from './api-error';
import { dayOf } from './clock';
import type { ServiceContext } from './context';
import { getSettings } from './settings';
import { assertSupervisionConsent } from './supervision';

/**
 * Anonymised case summaries for supervision (2.16, 4.3-4.5). The coach picks sessions or
 * writes a text; the detector replaces what the dossier knows and flags what it cannot be
 * sure of; the coach reviews; only the reviewed text is stored and can be exported. On
 * finalising, the text is checked again, so an identifier typed back in during review
 * is caught before it can leave.
 */

export interface CaseSummary {
  id: string;
  clientId: string;
  title: string;
  anonymisedText: string;
  reviewedAt: string;
  exportedAt: string | null;
}

function nonEmpty(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

export function dossierIdentifiers(db: SqliteDatabase, clientId: string): DossierIdentifiers {
  const client = found(getRow(db, clientsTable, clientId), 'client');
  const byClient = { field: 'clientId', value: clientId } as const;
  const sessionDates = (
    prepared(db, 'SELECT starts_at FROM sessions WHERE client_id = ? ORDER BY starts_at').all(
      clientId,
    ) as {
      starts_at: string;
    }[]
  ).map((row) => dayOf(row.starts_at));
  const contract = getRow(db, contractsTable, clientId);
  const sponsor = {
    organisation: nonEmpty(client.sponsorOrganisation),
    contactPerson: nonEmpty(client.sponsorContact),
    email: nonEmpty(client.sponsorEmail),
    phone: nonEmpty(client.sponsorPhone),
  };
  return {
    client: {
      firstName: client.firstName,
      lastName: client.lastName,
      pseudonym: client.pseudonym,
      ...(client.dateOfBirth ? { dateOfBirth: client.dateOfBirth } : {}),
      ...(nonEmpty(client.email) ? { email: client.email } : {}),
      ...(nonEmpty(client.phone) ? { phone: client.phone } : {}),
      ...(nonEmpty(client.address) ? { address: client.address } : {}),
    },
    sponsor: Object.fromEntries(Object.entries(sponsor).filter(([, v]) => v !== undefined)),
    guardians: listRows(db, guardiansTable, byClient, ['createdAt']).map((g) => ({
      name: g.name,
      relation: g.relation,
      ...(nonEmpty(g.email) ? { email: g.email } : {}),
      ...(nonEmpty(g.phone) ? { phone: g.phone } : {}),
    })),
    people: listRows(db, peopleTable, byClient, ['createdAt']).map((p) => ({
      name: p.name,
      relation: p.relation,
    })),
    sessionDates,
    ...(contract?.startOn ? { engagementStart: contract.startOn } : {}),
  };
}

export function prepareSummary(
  ctx: ServiceContext,
  input: { clientId: string; sessionIds: string[]; text: string },
): { original: string; anonymised: AnonymisedText } {
  assertSupervisionConsent(ctx.db, input.clientId);
  const parts: string[] = [];
  if (input.sessionIds.length > 0) {
    const rows = prepared(
      ctx.db,
      `SELECT id, starts_at, notes FROM sessions WHERE client_id = ? ORDER BY starts_at`,
    ).all(input.clientId) as { id: string; starts_at: string; notes: string }[];
    const wanted = new Set(input.sessionIds);
    const picked = rows.filter((row) => wanted.has(row.id));
    if (picked.length !== wanted.size)
      throw new ApiError('NOT_FOUND', 'No such session.', { what: 'session' });
    for (const row of picked) parts.push(`## ${dayOf(row.starts_at)}\n\n${row.notes.trim()}`);
  }
  if (input.text.trim()) parts.push(input.text.trim());
  const original = parts.join('\n\n');
  const locale = getSettings(ctx.db).language;
  return {
    original,
    anonymised: anonymise(original, dossierIdentifiers(ctx.db, input.clientId), { locale }),
  };
}

export function finalizeSummary(
  ctx: ServiceContext,
  input: { clientId: string; title: string; text: string },
): CaseSummary {
  const pseudonym = assertSupervisionConsent(ctx.db, input.clientId);
  const known = dossierIdentifiers(ctx.db, input.clientId);
  const recheck = anonymise(`${input.title}\n\n${input.text}`, known);
  if (recheck.replacements.length > 0) {
    const kinds = [...new Set(recheck.replacements.map((r) => r.kind))].sort().join(',');
    throw new ApiError('IDENTIFIERS_REMAIN', 'The reviewed text still identifies someone.', {
      count: recheck.replacements.length,
      kinds,
    });
  }
  const summary: CaseSummary = {
    id: randomUUID(),
    clientId: input.clientId,
    title: input.title,
    anonymisedText: input.text,
    reviewedAt: ctx.now().toISOString(),
    exportedAt: null,
  };
  prepared(
    ctx.db,
    `INSERT INTO case_summaries (id, client_id, title, anonymised_text, reviewed_at, exported_at)
     VALUES (@id, @clientId, @title, @anonymisedText, @reviewedAt, @exportedAt)`,
  ).run(summary);
  ctx.audit('summary.reviewed', pseudonym);
  return summary;
}

interface SummaryRow {
  id: string;
  client_id: string;
  title: string;
  anonymised_text: string;
  reviewed_at: string;
  exported_at: string | null;
}

function fromRow(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    clientId: row.client_id,
    title: row.title,
    anonymisedText: row.anonymised_text,
    reviewedAt: row.reviewed_at,
    exportedAt: row.exported_at,
  };
}

export function listSummaries(db: SqliteDatabase, clientId: string): CaseSummary[] {
  const rows = prepared(
    db,
    'SELECT * FROM case_summaries WHERE client_id = ? ORDER BY reviewed_at DESC',
  ).all(clientId) as SummaryRow[];
  return rows.map(fromRow);
}

export function deleteSummary(ctx: ServiceContext, id: string): { deleted: true } {
  found(prepared(ctx.db, 'SELECT id FROM case_summaries WHERE id = ?').get(id), 'summary');
  prepared(ctx.db, 'DELETE FROM case_summaries WHERE id = ?').run(id);
  return { deleted: true };
}

/**
 * A PDF with nothing but the reviewed text: no author, no subject, no keywords, and the
 * title is the reviewed title. Uncompressed, so anyone (and our tests) can check its text.
 */
function summaryPdf(title: string, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      compress: false,
      size: 'A4',
      margin: 56,
      info: { Title: title, Creator: 'Dossierkluis', Producer: 'Dossierkluis' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(16).text(title);
    doc.moveDown();
    doc
      .font('Helvetica')
      .fontSize(11)
      .text(text.replace(/^#+\s*/gm, ''), { lineGap: 3 });
    doc.end();
  });
}

export async function renderSummary(
  summary: Pick<CaseSummary, 'title' | 'anonymisedText'>,
  format: 'markdown' | 'pdf',
  now: Date,
): Promise<{ fileName: string; mediaType: string; contentBase64: string }> {
  const fileName = `casus-supervisie-${dayOf(now.toISOString())}.${format === 'pdf' ? 'pdf' : 'md'}`;
  const content =
    format === 'pdf'
      ? await summaryPdf(summary.title, summary.anonymisedText)
      : Buffer.from(`# ${summary.title}\n\n${summary.anonymisedText}\n`, 'utf8');
  return {
    fileName,
    mediaType: format === 'pdf' ? 'application/pdf' : 'text/markdown',
    contentBase64: content.toString('base64'),
  };
}

/** Marks the summary exported (audited by pseudonym) and returns what to render. */
export function markExported(ctx: ServiceContext, id: string): CaseSummary {
  const row = found(
    prepared(ctx.db, 'SELECT * FROM case_summaries WHERE id = ?').get(id) as SummaryRow | undefined,
    'summary',
  );
  const exportedAt = ctx.now().toISOString();
  prepared(ctx.db, 'UPDATE case_summaries SET exported_at = ? WHERE id = ?').run(exportedAt, id);
  const { pseudonym } = prepared(ctx.db, 'SELECT pseudonym FROM clients WHERE id = ?').get(
    row.client_id,
  ) as {
    pseudonym: string;
  };
  ctx.audit('summary.exported', pseudonym);
  return { ...fromRow(row), exportedAt };
}
