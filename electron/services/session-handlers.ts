import { assessPassphrase } from '../../db/passphrase-policy';
import type { MethodInput, MethodName, MethodOutput } from '../api';
import { afterUnlock, settleUnreadableLedger } from './backups/after-unlock';
import {
  backupStatus,
  findBackups,
  purgeErasedFromBackups,
  restoreFromBackup,
  runBackup,
  setBackupFolder,
  verifyBackup,
} from './backups/backup-service';
import { markExported, renderSummary } from './case-summaries';
import { inTransaction } from './transaction';
import type { VaultSession } from './vault-session';

/**
 * Methods that act on the vault session or on files rather than inside one database
 * transaction: unlocking, locking, backups. They may be asynchronous (KDF, hashing) and
 * run outside the dispatcher's transaction (VACUUM cannot run inside one).
 */
export type SessionMethod = Extract<
  MethodName,
  `vault.${string}` | `backups.${string}` | 'summaries.export'
>;

export interface SessionEnv {
  readonly session: VaultSession;
  readonly now: () => Date;
}

type SessionHandler<M extends MethodName> = (
  env: SessionEnv,
  input: MethodInput<M>,
) => Promise<MethodOutput<M>>;
export type SessionHandlers = { [M in SessionMethod]: SessionHandler<M> };

export const sessionHandlers: SessionHandlers = {
  'vault.status': async ({ session }) => ({ state: session.state }),
  'vault.assessPassphrase': async (_env, input) => assessPassphrase(input.passphrase),
  'vault.create': async ({ session, now }, input) => {
    const created = await session.create(input.passphrase);
    try {
      afterUnlock(session.dir, session.db, now());
    } catch {
      // A new vault has nothing to re-apply, and its recovery key must reach the coach;
      // the ledger's key is made again at the first erasure or unlock.
    }
    return created;
  },
  'vault.unlock': async ({ session, now }, input) => {
    const wasUnlocked = session.state === 'unlocked';
    await session.unlock(input);
    if (!wasUnlocked) {
      try {
        afterUnlock(session.dir, session.db, now(), session.carriedLedgerKey);
        session.forgetCarriedLedgerKey();
      } catch (error) {
        // Erasures the vault must forget again come before the coach sees it.
        session.lock('user');
        throw error;
      }
    }
    return { state: session.state };
  },
  'vault.lock': async ({ session }) => {
    session.lock('user');
    return { state: session.state };
  },
  'vault.changePassphrase': async ({ session }, input) => {
    await session.changePassphrase(input.current, input.next);
    return { changed: true };
  },
  'vault.rotateKeys': async ({ session }, input) =>
    session.rotateKeys(input.passphrase, input.next),
  'vault.resetPassphrase': async ({ session }, input) => {
    await session.resetPassphrase(input.recoveryKey, input.next);
    return { changed: true };
  },

  'backups.status': async ({ session, now }) => backupStatus(session, now()),
  'backups.setFolder': async ({ session, now }, input) => setBackupFolder(session, input, now()),
  'backups.find': async ({ session }, input) => findBackups(session, input),
  'backups.run': async ({ session, now }) => runBackup(session, now()),
  'backups.verify': async ({ session }, input) => verifyBackup(session, input.id),
  // Queued with unlock, create and key rotation: a restore swaps the vault's files.
  'backups.restore': async ({ session, now }, input) => ({
    ...(await session.exclusive(() => restoreFromBackup(session, input, now()))),
    state: session.state,
  }),
  'backups.purgeErased': async ({ session, now }) => purgeErasedFromBackups(session, now()),
  'backups.settleErasures': async ({ session, now }) => ({
    settled: settleUnreadableLedger(session.dir, session.db, now()),
  }),

  // Recorded in a transaction first; the PDF is then rendered outside it, asynchronously.
  'summaries.export': async ({ session, now }, input) => {
    const summary = inTransaction(session.db, session.dir, now, (ctx) =>
      markExported(ctx, input.id),
    );
    return renderSummary(summary, input.format, now());
  },
};

export function isSessionMethod(method: MethodName): method is SessionMethod {
  return (
    method.startsWith('vault.') || method.startsWith('backups.') || method === 'summaries.export'
  );
}
