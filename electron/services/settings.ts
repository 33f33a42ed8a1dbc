import type { SqliteDatabase } from '../../db/connection';
import { prepared } from '../../db/statements';
import { DEFAULT_SETTINGS, type Settings, settingsFields } from '../contract/records';
import type { ServiceContext } from './context';

export function getSettings(db: SqliteDatabase): Settings {
  const rows = prepared(db, 'SELECT key, value FROM settings').all() as {
    key: string;
    value: string;
  }[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) stored[row.key] = JSON.parse(row.value);
  // A value a later version wrote that this one does not understand falls back to the default.
  const merged = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const parsed = settingsFields.shape[key].safeParse(stored[key]);
    if (parsed.success) Object.assign(merged, { [key]: parsed.data });
  }
  return merged;
}

export function updateSettings(ctx: ServiceContext, changes: Partial<Settings>): Settings {
  const upsert = prepared(
    ctx.db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const at = ctx.now().toISOString();
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) upsert.run(key, JSON.stringify(value), at);
  }
  return getSettings(ctx.db);
}
