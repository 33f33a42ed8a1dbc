import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import { addYearsToDay, dayOf } from './clock';
import type { DossierFacts } from './compliance';

/**
 * Gathers what the compliance engine needs for many clients in a handful of grouped
 * queries, so the client list of a large practice is judged in one pass.
 */

interface ClientFactsRow {
  id: string;
  status: 'intake' | 'active' | 'ended';
  is_minor: number;
  is_vulnerable_adult: number;
  date_of_birth: string | null;
}

function byClient<T extends { client_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.client_id);
    if (list) list.push(row);
    else map.set(row.client_id, [row]);
  }
  return map;
}

/** Only the dates that are set: the engine reads an absent key as "not recorded". */
function present<T extends Record<string, string | null | undefined>>(
  values: T,
): { [K in keyof T]?: string } {
  const set: Record<string, string> = {};
  for (const key in values) {
    const value = values[key];
    if (value) set[key] = value;
  }
  return set as { [K in keyof T]?: string };
}

export function retentionUntil(
  ending: { endedOn: string; retentionUntil: string | null },
  retentionYears: number,
): string {
  return ending.retentionUntil ?? addYearsToDay(ending.endedOn, retentionYears);
}

export interface SessionStats {
  count: number;
  first: string;
  last: string;
}

/** Per client: how many sessions, the first and the last, from the (client, start) index. */
export function sessionStats(db: SqliteDatabase, clientId?: string): Map<string, SessionStats> {
  const rows = prepared(
    db,
    `SELECT client_id, count(*) AS count, min(starts_at) AS first, max(starts_at) AS last
     FROM sessions ${clientId === undefined ? '' : 'WHERE client_id = @clientId'}
     GROUP BY client_id`,
  ).all(clientId === undefined ? {} : { clientId }) as (SessionStats & { client_id: string })[];
  return new Map(rows.map((row) => [row.client_id, row]));
}

/**
 * Facts for the given clients (all when `clientId` is omitted). The client list passes the
 * session stats it shows anyway, which spares a second pass over every session.
 */
export function dossierFacts(
  db: SqliteDatabase,
  today: string,
  retentionYears: number,
  clientId?: string,
  sessions: Map<string, SessionStats> = sessionStats(db, clientId),
): Map<string, DossierFacts> {
  const filter = clientId === undefined ? '' : 'WHERE client_id = @clientId';
  const params = clientId === undefined ? {} : { clientId };
  const clients = prepared(
    db,
    `SELECT id, status, is_minor, is_vulnerable_adult, date_of_birth FROM clients
     ${clientId === undefined ? '' : 'WHERE id = @clientId'}`,
  ).all(params) as ClientFactsRow[];
  const contracts = byClient(
    prepared(
      db,
      `SELECT client_id, start_on, code_given_on, complaints_procedure_on, supervision_consent_on,
              signed_on FROM contracts ${filter}`,
    ).all(params) as {
      client_id: string;
      start_on: string | null;
      code_given_on: string | null;
      complaints_procedure_on: string | null;
      supervision_consent_on: string | null;
      signed_on: string | null;
    }[],
  );
  const confidentiality = byClient(
    prepared(
      db,
      `SELECT client_id, agreed_on, legal_duty, illegal_activity, danger_self, danger_others,
              other_exception FROM confidentiality_agreements ${filter}`,
    ).all(params) as {
      client_id: string;
      agreed_on: string | null;
      legal_duty: number;
      illegal_activity: number;
      danger_self: number;
      danger_others: number;
      other_exception: string;
    }[],
  );
  const guardians = byClient(
    prepared(db, `SELECT client_id, consent_on, review_on FROM guardians ${filter}`).all(
      params,
    ) as {
      client_id: string;
      consent_on: string | null;
      review_on: string | null;
    }[],
  );
  const conflicts = byClient(
    prepared(db, `SELECT client_id, discussed_on, resolved_on FROM conflicts ${filter}`).all(
      params,
    ) as {
      client_id: string;
      discussed_on: string | null;
      resolved_on: string | null;
    }[],
  );
  const endings = byClient(
    prepared(db, `SELECT client_id, ended_on, retention_until FROM endings ${filter}`).all(
      params,
    ) as {
      client_id: string;
      ended_on: string;
      retention_until: string | null;
    }[],
  );
  const followUps = byClient(
    prepared(db, `SELECT client_id, due_on, done_on FROM follow_ups ${filter}`).all(params) as {
      client_id: string;
      due_on: string | null;
      done_on: string | null;
    }[],
  );

  const facts = new Map<string, DossierFacts>();
  for (const client of clients) {
    const contract = contracts.get(client.id)?.[0];
    const agreement = confidentiality.get(client.id)?.[0];
    const ending = endings.get(client.id)?.[0];
    const first = sessions.get(client.id)?.first;
    const exceptions = agreement
      ? [
          agreement.legal_duty ? 'legal-duty' : '',
          agreement.illegal_activity ? 'illegal-activity' : '',
          agreement.danger_self ? 'danger-self' : '',
          agreement.danger_others ? 'danger-others' : '',
          agreement.other_exception.trim() ? 'other' : '',
        ].filter(Boolean)
      : [];
    facts.set(client.id, {
      today,
      client: {
        status: client.status,
        isMinor: client.is_minor === 1,
        isVulnerableAdult: client.is_vulnerable_adult === 1,
        ...present({ dateOfBirth: client.date_of_birth }),
      },
      ...(contract
        ? {
            contract: present({
              startOn: contract.start_on,
              codeGivenOn: contract.code_given_on,
              complaintsProcedureOn: contract.complaints_procedure_on,
              supervisionConsentOn: contract.supervision_consent_on,
              signedOn: contract.signed_on,
            }),
          }
        : {}),
      ...(agreement
        ? { confidentiality: { ...present({ agreedOn: agreement.agreed_on }), exceptions } }
        : {}),
      guardians: (guardians.get(client.id) ?? []).map((g) =>
        present({ consentOn: g.consent_on, reviewOn: g.review_on }),
      ),
      ...(first ? { firstSessionOn: dayOf(first) } : {}),
      conflicts: (conflicts.get(client.id) ?? []).map((c) =>
        present({ discussedOn: c.discussed_on, resolvedOn: c.resolved_on }),
      ),
      ...(ending
        ? {
            ending: {
              endedOn: ending.ended_on,
              followUps: (followUps.get(client.id) ?? []).map((f) =>
                present({ dueOn: f.due_on, doneOn: f.done_on }),
              ),
            },
            retentionUntil: retentionUntil(
              { endedOn: ending.ended_on, retentionUntil: ending.retention_until },
              retentionYears,
            ),
          }
        : {}),
    });
  }
  return facts;
}
