import type { SqliteDatabase } from './connection';
import { prepared } from './statements';

/**
 * Moves records between the API's camelCase objects and SQL's snake_case rows, for the
 * many tables that are plain records. Column names come only from the table's spec,
 * never from input, so nothing outside this file builds SQL from data.
 */
export interface TableSpec<T> {
  readonly table: string;
  /** The primary key column's field name: 'id', or 'clientId' for one-per-client records. */
  readonly key: keyof T & string;
  /** Every field stored in a column, key included. */
  readonly fields: readonly (keyof T & string)[];
  readonly booleans?: readonly (keyof T & string)[];
  readonly json?: readonly (keyof T & string)[];
}

type SqlValue = string | number | bigint | Buffer | null;

// Every row read converts every field name; the names are few and fixed.
const columns = new Map<string, string>();

export function column(field: string): string {
  let name = columns.get(field);
  if (name === undefined) {
    name = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    columns.set(field, name);
  }
  return name;
}

function toSql<T>(spec: TableSpec<T>, field: keyof T & string, value: unknown): SqlValue {
  if (spec.booleans?.includes(field)) return value ? 1 : 0;
  if (spec.json?.includes(field)) return JSON.stringify(value);
  return (value ?? null) as SqlValue;
}

export function fromRow<T>(spec: TableSpec<T>, row: Record<string, unknown>): T {
  const record: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const value = row[column(field)];
    if (spec.booleans?.includes(field)) record[field] = value === 1;
    else if (spec.json?.includes(field)) record[field] = JSON.parse(String(value));
    else record[field] = value;
  }
  return record as T;
}

export function insertRow<T>(db: SqliteDatabase, spec: TableSpec<T>, record: T): void {
  const columns = spec.fields.map(column);
  const statement = prepared(
    db,
    `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  statement.run(...spec.fields.map((field) => toSql(spec, field, record[field])));
}

/** Replaces the row with the same key, or inserts it: for one-per-client records. */
export function upsertRow<T>(db: SqliteDatabase, spec: TableSpec<T>, record: T): void {
  const columns = spec.fields.map(column);
  const updates = columns
    .filter((name) => name !== column(spec.key))
    .map((name) => `${name} = excluded.${name}`);
  prepared(
    db,
    `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (${column(spec.key)}) DO UPDATE SET ${updates.join(', ')}`,
  ).run(...spec.fields.map((field) => toSql(spec, field, record[field])));
}

/** Updates the given fields of one row; returns false when no row has that key. */
export function updateRow<T>(
  db: SqliteDatabase,
  spec: TableSpec<T>,
  key: string,
  changes: Partial<T>,
): boolean {
  const fields = spec.fields.filter((field) => field !== spec.key && field in changes);
  if (fields.length === 0) return getRow(db, spec, key) !== undefined;
  const result = prepared(
    db,
    `UPDATE ${spec.table} SET ${fields.map((field) => `${column(field)} = ?`).join(', ')}
       WHERE ${column(spec.key)} = ?`,
  ).run(...fields.map((field) => toSql(spec, field, changes[field])), key);
  return result.changes > 0;
}

export function getRow<T>(db: SqliteDatabase, spec: TableSpec<T>, key: string): T | undefined {
  const row = prepared(db, `SELECT * FROM ${spec.table} WHERE ${column(spec.key)} = ?`).get(key) as
    | Record<string, unknown>
    | undefined;
  return row ? fromRow(spec, row) : undefined;
}

export function deleteRow<T>(db: SqliteDatabase, spec: TableSpec<T>, key: string): boolean {
  return (
    prepared(db, `DELETE FROM ${spec.table} WHERE ${column(spec.key)} = ?`).run(key).changes > 0
  );
}

/** Rows of one client, in the order given (a column list from the spec's own fields). */
export function listRows<T>(
  db: SqliteDatabase,
  spec: TableSpec<T>,
  where: { field: keyof T & string; value: string | null },
  orderBy: readonly (keyof T & string)[],
): T[] {
  const condition =
    where.value === null ? `${column(where.field)} IS NULL` : `${column(where.field)} = ?`;
  const params = where.value === null ? [] : [where.value];
  const rows = prepared(
    db,
    `SELECT * FROM ${spec.table} WHERE ${condition}
       ORDER BY ${orderBy.map(column).join(', ') || 'rowid'}`,
  ).all(...params) as Record<string, unknown>[];
  return rows.map((row) => fromRow(spec, row));
}

export function listAll<T>(
  db: SqliteDatabase,
  spec: TableSpec<T>,
  orderBy: readonly (keyof T & string)[],
): T[] {
  const rows = prepared(
    db,
    `SELECT * FROM ${spec.table} ORDER BY ${orderBy.map(column).join(', ')}`,
  ).all() as Record<string, unknown>[];
  return rows.map((row) => fromRow(spec, row));
}
