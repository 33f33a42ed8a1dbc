import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import type { SupervisionMeeting } from '../contract/records';
import { ApiError, found } from './api-error';
import type { ServiceContext } from './context';
import { assertClient } from './ownership';

/** The supervision log (4.3-4.5). Cases are linked by id and shown by pseudonym only. */

type MeetingInput = Omit<SupervisionMeeting, 'id' | 'cases' | 'createdAt' | 'updatedAt'> & {
  clientIds: string[];
};

interface MeetingRow {
  id: string;
  held_on: string;
  form: SupervisionMeeting['form'];
  with_whom: string;
  duration_minutes: number | null;
  topics: string;
  dilemmas: string;
  outcomes: string;
  created_at: string;
  updated_at: string;
}

function casesOf(db: SqliteDatabase, meetingId: string): SupervisionMeeting['cases'] {
  return prepared(
    db,
    `SELECT c.id AS clientId, c.pseudonym FROM supervision_cases s JOIN clients c ON c.id = s.client_id
     WHERE s.meeting_id = ? ORDER BY c.pseudonym`,
  ).all(meetingId) as SupervisionMeeting['cases'];
}

function fromRow(db: SqliteDatabase, row: MeetingRow): SupervisionMeeting {
  return {
    id: row.id,
    heldOn: row.held_on,
    form: row.form,
    withWhom: row.with_whom,
    durationMinutes: row.duration_minutes,
    topics: row.topics,
    dilemmas: row.dilemmas,
    outcomes: row.outcomes,
    cases: casesOf(db, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A case may only be discussed when the client was told it may be, anonymously (2.16):
 * the consent date on the contract. Refused with the pseudonym, so the UI can say whose
 * consent is missing without naming anyone.
 */
export function assertSupervisionConsent(db: SqliteDatabase, clientId: string): string {
  const pseudonym = assertClient(db, clientId);
  const row = prepared(db, 'SELECT supervision_consent_on FROM contracts WHERE client_id = ?').get(
    clientId,
  ) as { supervision_consent_on: string | null } | undefined;
  if (!row?.supervision_consent_on) {
    throw new ApiError('CONSENT_MISSING', 'The client has not agreed to anonymous supervision.', {
      pseudonym,
    });
  }
  return pseudonym;
}

function linkCases(ctx: ServiceContext, meetingId: string, clientIds: readonly string[]): void {
  prepared(ctx.db, 'DELETE FROM supervision_cases WHERE meeting_id = ?').run(meetingId);
  const link = prepared(
    ctx.db,
    'INSERT INTO supervision_cases (meeting_id, client_id) VALUES (?, ?)',
  );
  for (const clientId of new Set(clientIds)) {
    assertSupervisionConsent(ctx.db, clientId);
    link.run(meetingId, clientId);
  }
}

export function getMeeting(db: SqliteDatabase, id: string): SupervisionMeeting {
  const row = prepared(db, 'SELECT * FROM supervision_meetings WHERE id = ?').get(id) as
    | MeetingRow
    | undefined;
  return fromRow(db, found(row, 'supervision meeting'));
}

export function listMeetings(db: SqliteDatabase): SupervisionMeeting[] {
  const rows = prepared(
    db,
    'SELECT * FROM supervision_meetings ORDER BY held_on DESC, created_at DESC',
  ).all() as MeetingRow[];
  return rows.map((row) => fromRow(db, row));
}

export function createMeeting(ctx: ServiceContext, input: MeetingInput): SupervisionMeeting {
  const at = ctx.now().toISOString();
  const id = randomUUID();
  prepared(
    ctx.db,
    `INSERT INTO supervision_meetings (id, held_on, form, with_whom, duration_minutes, topics, dilemmas,
       outcomes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.heldOn,
    input.form,
    input.withWhom,
    input.durationMinutes,
    input.topics,
    input.dilemmas,
    input.outcomes,
    at,
    at,
  );
  linkCases(ctx, id, input.clientIds);
  return getMeeting(ctx.db, id);
}

export function updateMeeting(
  ctx: ServiceContext,
  input: { id: string } & Partial<MeetingInput>,
): SupervisionMeeting {
  const current = getMeeting(ctx.db, input.id);
  const next = { ...current, ...input };
  prepared(
    ctx.db,
    `UPDATE supervision_meetings SET held_on = ?, form = ?, with_whom = ?, duration_minutes = ?, topics = ?,
       dilemmas = ?, outcomes = ?, updated_at = ? WHERE id = ?`,
  ).run(
    next.heldOn,
    next.form,
    next.withWhom,
    next.durationMinutes,
    next.topics,
    next.dilemmas,
    next.outcomes,
    ctx.now().toISOString(),
    input.id,
  );
  if (input.clientIds) linkCases(ctx, input.id, input.clientIds);
  return getMeeting(ctx.db, input.id);
}

export function deleteMeeting(ctx: ServiceContext, id: string): { deleted: true } {
  getMeeting(ctx.db, id);
  prepared(ctx.db, 'DELETE FROM supervision_meetings WHERE id = ?').run(id);
  return { deleted: true };
}

export interface EligibleClient {
  clientId: string;
  pseudonym: string;
  /** The coach picks by real name; only the pseudonym is stored with the meeting. */
  firstName: string;
  lastName: string;
  consentOn: string;
}

/** Clients that may be brought to supervision, for the case picker. */
export function eligibleClients(db: SqliteDatabase): EligibleClient[] {
  return prepared(
    db,
    `SELECT c.id AS clientId, c.pseudonym, c.first_name AS firstName, c.last_name AS lastName,
       k.supervision_consent_on AS consentOn
     FROM clients c JOIN contracts k ON k.client_id = c.id
     WHERE k.supervision_consent_on IS NOT NULL ORDER BY c.last_name, c.first_name, c.pseudonym`,
  ).all() as EligibleClient[];
}

export function lastSupervisionOn(db: SqliteDatabase): string | undefined {
  const row = prepared(db, 'SELECT max(held_on) AS last FROM supervision_meetings').get() as {
    last: string | null;
  };
  return row.last ?? undefined;
}
