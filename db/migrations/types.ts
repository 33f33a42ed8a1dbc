import type { SqliteDatabase } from '../connection';

export interface Migration {
  /** Numbered in steps of 10, so a hotfix can go between two released ones. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: SqliteDatabase) => void;
}
