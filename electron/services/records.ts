import { randomUUID } from 'node:crypto';
import { deleteRow, getRow, insertRow, type TableSpec, updateRow } from '../../db/rows';
import { found } from './api-error';
import type { ServiceContext } from './context';
import { assertClient } from './ownership';

/**
 * Create, update and delete for the plain records of a dossier (people, guardians,
 * conflicts, ...): one mechanism, so each record type is only its schema and table spec.
 */
interface Stamped {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface RecordService<T extends Stamped, Create> {
  create(ctx: ServiceContext, input: Create): T;
  update(ctx: ServiceContext, input: { id: string } & Partial<Omit<T, 'id'>>): T;
  remove(ctx: ServiceContext, input: { id: string }): { deleted: true };
  get(ctx: ServiceContext, id: string): T;
}

export function recordService<
  T extends Stamped & { clientId?: string | null },
  Create extends object,
>(spec: TableSpec<T>, what: string): RecordService<T, Create> {
  const get = (ctx: ServiceContext, id: string): T => found(getRow(ctx.db, spec, id), what);
  return {
    get,
    create(ctx, input) {
      const owner = (input as { clientId?: string | null }).clientId;
      if (typeof owner === 'string') assertClient(ctx.db, owner);
      const at = ctx.now().toISOString();
      const record = { ...input, id: randomUUID(), createdAt: at, updatedAt: at } as unknown as T;
      insertRow(ctx.db, spec, record);
      return get(ctx, record.id);
    },
    update(ctx, input) {
      // The owner of a record never changes: the API's update schemas have no clientId.
      const { id, ...changes } = input;
      const ok = updateRow(ctx.db, spec, id, {
        ...changes,
        updatedAt: ctx.now().toISOString(),
      } as Partial<T>);
      if (!ok) get(ctx, id);
      return get(ctx, id);
    },
    remove(ctx, { id }) {
      get(ctx, id);
      deleteRow(ctx.db, spec, id);
      return { deleted: true };
    },
  };
}
