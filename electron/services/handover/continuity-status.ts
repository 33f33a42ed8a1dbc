import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SqliteDatabase } from '../../../db/connection';
import {
  bundleState,
  CONTINUITY_FILE,
  currentKit,
  dataFingerprint,
  getPlan,
  lastDrill,
} from '../continuity/plan';
import type { ContinuityStatus, HandoutStatus, InterruptedHandout } from './api-types';

/** What `continuity.get` reports: the plan, the kit, the bundle on disk, the last drill. */
export function continuityStatus(
  db: SqliteDatabase,
  engine: {
    refreshOnLock: boolean;
    refreshing: boolean;
    handout: HandoutStatus | null;
    interrupted: InterruptedHandout | null;
  },
): ContinuityStatus {
  const plan = getPlan(db);
  const kit = currentKit(db);
  const state = bundleState(db);
  const drill = lastDrill(db);
  const folder = plan.bundleFolder;
  const exists = folder !== null && existsSync(join(folder, CONTINUITY_FILE));
  return {
    plan,
    kit,
    // Only the kit in force is handed out; one replaced meanwhile has nothing left to give.
    handout: engine.handout && engine.handout.kitId === kit?.kitId ? engine.handout : null,
    handoutInterrupted:
      engine.interrupted && engine.interrupted.kitId === kit?.kitId ? engine.interrupted : null,
    bundle: {
      folderSet: folder !== null,
      folder,
      fileName: CONTINUITY_FILE,
      exists,
      writtenAt: state.writtenAt,
      clients: state.clients,
      bytes: state.bytes,
      kitCurrent: exists && kit !== null && state.kitId === kit.kitId,
      dataCurrent: exists && kit !== null && state.fingerprint === dataFingerprint(db, kit.kitId),
      lastFailure:
        state.failedAt && state.failure
          ? { at: state.failedAt, code: state.failure, trigger: state.failureTrigger ?? '' }
          : null,
      refreshOnLock: engine.refreshOnLock,
      refreshing: engine.refreshing,
    },
    lastDrill: drill
      ? { at: drill.at, ok: drill.ok, outcome: drill.outcome, kitId: drill.kitId }
      : null,
  };
}
