import { appendAudit } from '../../../db/audit';
import type { SqliteDatabase } from '../../../db/connection';
import type { Logger } from '../../logger';
import type { Recorder } from '../continuity/plan';
import type { WriteHook } from './age-io';
import type { JobRegistry } from './jobs';
import type { Limits } from './limits';

export interface EngineHost {
  readonly dir: string;
  /** The open database; throws VAULT_LOCKED when locked. */
  db(): SqliteDatabase;
  unlocked(): boolean;
}

/** What the parts of one engine share: its vault, its settings and its jobs. */
export interface EngineContext {
  readonly host: EngineHost;
  readonly jobs: JobRegistry;
  readonly now: () => Date;
  readonly limits: Limits;
  /** age scrypt work factor for passphrase bundles. */
  readonly scryptLogN: number;
  readonly logger: Logger | undefined;
  /** Test seam: runs before each write of a bundle to its target. */
  readonly writeHook: WriteHook | undefined;
}

export function recorder(db: SqliteDatabase, now: Date): Recorder {
  return {
    db,
    now,
    audit: (action, subject, details = {}) => appendAudit(db, action, subject, details, now),
  };
}
