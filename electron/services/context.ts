import type { AuditDetails } from '../../db/audit';
import type { SqliteDatabase } from '../../db/connection';

/** What a service call gets: the open vault's database, the clock, and the audit log. */
export interface ServiceContext {
  readonly db: SqliteDatabase;
  /** The vault's folder, for the few services that read files beside it (backup config). */
  readonly vaultDir: string;
  readonly now: () => Date;
  /** Appends to the audit log inside the call's transaction. */
  readonly audit: (action: string, subject: string | null, details?: AuditDetails) => void;
  /** Runs after the call's transaction committed (checkpoints, file work). */
  readonly afterCommit: (work: () => void) => void;
}
