import { getRow, upsertRow } from '../../db/rows';
import { prepared } from '../../db/statements';
import {
  confidentialityTable,
  contractsTable,
  type EndingRow,
  endingsTable,
} from '../../db/tables';
import type { Confidentiality, Contract, Ending } from '../contract/records';
import { ApiError, found } from './api-error';
import type { ServiceContext } from './context';
import { retentionUntil } from './dossier-facts';
import { assertClient } from './ownership';
import { getSettings } from './settings';

/** The one-per-dossier records: contract (2.2/2.3), confidentiality (2.14), ending (2.25-2.27). */

export function saveContract(ctx: ServiceContext, input: Omit<Contract, 'updatedAt'>): Contract {
  assertClient(ctx.db, input.clientId);
  if (input.signedCopyId !== null) {
    const owner = prepared(ctx.db, 'SELECT client_id FROM attachments WHERE id = ?').get(
      input.signedCopyId,
    ) as { client_id: string | null } | undefined;
    if (owner?.client_id !== input.clientId) {
      throw new ApiError('CONFLICT', 'The signed copy must be a document of this dossier.');
    }
  }
  upsertRow(ctx.db, contractsTable, { ...input, updatedAt: ctx.now().toISOString() });
  return found(getRow(ctx.db, contractsTable, input.clientId), 'contract');
}

export function saveConfidentiality(
  ctx: ServiceContext,
  input: Omit<Confidentiality, 'updatedAt'>,
): Confidentiality {
  assertClient(ctx.db, input.clientId);
  upsertRow(ctx.db, confidentialityTable, { ...input, updatedAt: ctx.now().toISOString() });
  return found(getRow(ctx.db, confidentialityTable, input.clientId), 'confidentiality');
}

export function endingOf(ctx: ServiceContext, row: EndingRow): Ending {
  return {
    ...row,
    effectiveRetentionUntil: retentionUntil(row, getSettings(ctx.db).retentionYears),
  };
}

/** Recording the end also closes the dossier's status, so lists and duties agree. */
export function saveEnding(ctx: ServiceContext, input: Omit<EndingRow, 'updatedAt'>): Ending {
  assertClient(ctx.db, input.clientId);
  const at = ctx.now().toISOString();
  upsertRow(ctx.db, endingsTable, { ...input, updatedAt: at });
  prepared(ctx.db, "UPDATE clients SET status = 'ended', updated_at = ? WHERE id = ?").run(
    at,
    input.clientId,
  );
  return endingOf(ctx, found(getRow(ctx.db, endingsTable, input.clientId), 'ending'));
}

export function removeEnding(ctx: ServiceContext, clientId: string): { deleted: true } {
  assertClient(ctx.db, clientId);
  found(getRow(ctx.db, endingsTable, clientId), 'ending');
  prepared(ctx.db, 'DELETE FROM endings WHERE client_id = ?').run(clientId);
  prepared(ctx.db, "UPDATE clients SET status = 'active', updated_at = ? WHERE id = ?").run(
    ctx.now().toISOString(),
    clientId,
  );
  return { deleted: true };
}
