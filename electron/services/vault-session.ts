import { type AuditDetails, appendAudit } from '../../db/audit';
import type { SqliteDatabase } from '../../db/connection';
import { VaultError } from '../../db/errors';
import {
  type deferredLockReasons,
  keepPendingAudit,
  pendingAuditKey,
  reservePendingAudit,
  signPendingEntry,
} from '../../db/pending-audit';
import {
  createVault,
  openVault,
  resetPassphrase,
  type UnlockSecret,
  type Vault,
  type VaultOptions,
  vaultExists,
} from '../../db/vault';
import type { VaultState } from '../api';

type LockListener = (reason: LockReason) => void;
export type LockReason = 'user' | 'idle' | 'screen-locked' | 'suspend' | 'quit' | 'restore';
// A lock deferred to the pending-audit file is replayed only with a reason it knows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const deferredReasonsMatch: Same<LockReason, (typeof deferredLockReasons)[number]> = true;
void deferredReasonsMatch;

/**
 * The one vault this app instance works on: its folder, and the open vault when
 * unlocked. Lock listeners let the shell return to the unlock screen and later features
 * (continuity bundle, backups) act on every lock.
 *
 * Operations that replace the vault or its keys (create, unlock, change, reset, rotate,
 * restore) run one at a time through `exclusive`: two creates racing on one folder, or an unlock
 * during a restore, would otherwise act on each other's half-made files.
 */
export class VaultSession {
  #vault: Vault | undefined;
  readonly #listeners = new Set<LockListener>();
  #changedSinceBackup = false;
  #queue: Promise<unknown> = Promise.resolve();
  /** Counts locks, so an unlock that was under way when a lock came does not undo it. */
  #locks = 0;
  /** Today's erasure-ledger key, carried across a restore for the restored vault's first unlock. */
  #carriedLedgerKey: Buffer | undefined;

  constructor(
    readonly dir: string,
    private readonly options: VaultOptions = {},
  ) {}

  get state(): VaultState {
    if (this.#vault) return 'unlocked';
    return vaultExists(this.dir) ? 'locked' : 'none';
  }

  get db(): SqliteDatabase {
    if (!this.#vault) throw new VaultError('VAULT_LOCKED', 'The vault is locked.');
    return this.#vault.db;
  }

  /**
   * Runs `operation` after every session operation queued before it has settled. Backup
   * restore goes through here too (see session-handlers.ts). Not re-entrant: an operation
   * must not call another queued method of this session.
   */
  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  create(passphrase: string): Promise<{ recoveryKey: string }> {
    // Counted at the call, not when the queue reaches it: a lock in between also counts.
    const locksBefore = this.#locks;
    return this.exclusive(async () => {
      if (this.#vault) throw new VaultError('VAULT_EXISTS', 'A vault is already open.');
      const { vault, recoveryKey } = await createVault(this.dir, passphrase, this.options);
      this.#adopt(vault, locksBefore);
      return { recoveryKey };
    });
  }

  unlock(secret: UnlockSecret): Promise<void> {
    const locksBefore = this.#locks;
    return this.exclusive(async () => {
      if (this.#vault) return;
      this.#adopt(await openVault(this.dir, secret, this.options), locksBefore);
    });
  }

  /** A lock that came while the vault was being opened wins: the new vault closes at once. */
  #adopt(vault: Vault, locksBefore: number): void {
    if (this.#locks !== locksBefore) {
      vault.lock();
      return;
    }
    this.#vault = vault;
    this.#reserveAuditRoom(vault);
  }

  /** Room for the lock's audit entry while the disk has some (see db/pending-audit.ts). */
  #reserveAuditRoom(vault: Vault): void {
    try {
      reservePendingAudit(this.dir, vault.vaultId);
    } catch {
      // The lock then tries to make the file itself; the vault works the same.
    }
  }

  /** Queued too: it rewrites the key file, which a rotation replaces under it. */
  changePassphrase(current: string, next: string): Promise<void> {
    return this.exclusive(async () => {
      if (!this.#vault) throw new VaultError('VAULT_LOCKED', 'The vault is locked.');
      await this.#vault.changePassphrase(current, next);
    });
  }

  /** A new passphrase from the recovery key; the vault stays locked (or unlocked) as it was. */
  resetPassphrase(recoveryKey: string, next: string): Promise<void> {
    return this.exclusive(async () => {
      const locked = !this.#vault;
      await resetPassphrase(this.dir, recoveryKey, next, { ...this.options, auditLater: locked });
      // The new passphrase is in place: a full disk must not make it look as if it failed.
      if (this.#vault) this.#auditOrKeep(this.#vault, 'vault.passphrase-reset', {});
    });
  }

  /** A new data key, key slots and recovery key; see db/key-rotation.ts. */
  rotateKeys(passphrase: string, next?: string): Promise<{ recoveryKey: string }> {
    return this.exclusive(async () => {
      if (!this.#vault) throw new VaultError('VAULT_LOCKED', 'The vault is locked.');
      return this.#vault.rotateKeys(passphrase, next);
    });
  }

  /**
   * Always locks, also on a full disk, and at once, never queued: a lock for an idle
   * timeout or a locked screen must not wait behind a key derivation. Operations under way
   * notice it (`#adopt`, and a rotation finds the vault locked before it writes anything).
   * The listeners run (each on its own, so one that fails cannot stop the rest), the audit
   * entry is written if the disk takes it, and the database closes whatever happened
   * before. An entry the disk refused waits in a small file beside the vault for the next
   * unlock.
   */
  lock(reason: LockReason = 'user'): void {
    this.#locks += 1;
    const vault = this.#vault;
    if (!vault) return;
    try {
      for (const listener of this.#listeners) {
        try {
          listener(reason);
        } catch {
          // A listener's own failure is its to report; the lock goes on.
        }
      }
      this.#auditOrKeep(vault, 'vault.locked', { reason });
    } finally {
      this.#vault = undefined;
      vault.lock();
    }
  }

  /** Writes an audit entry, or keeps it for the next unlock when the disk refuses it. */
  #auditOrKeep(vault: Vault, action: string, details: AuditDetails): void {
    const at = new Date();
    try {
      appendAudit(vault.db, action, null, details, at);
    } catch {
      try {
        const entry = { at: at.toISOString(), action, details: { ...details, deferred: true } };
        // Reading the key needs no free space; unsigned, the entry is dropped at replay.
        const key = pendingAuditKey(vault.db);
        keepPendingAudit(
          this.dir,
          vault.vaultId,
          key ? signPendingEntry(key, vault.vaultId, entry) : entry,
        );
      } catch {
        // Not even the reserved file took it: what happened still happens, unrecorded.
      }
    }
  }

  /**
   * Keeps today's erasure-ledger key in memory for the first unlock after a restore,
   * for a restored database that could not be given it on disk (see restore-ledger-key.ts).
   */
  carryLedgerKey(key: Buffer | undefined): void {
    this.forgetCarriedLedgerKey();
    this.#carriedLedgerKey = key;
  }

  get carriedLedgerKey(): Buffer | undefined {
    return this.#carriedLedgerKey;
  }

  /** Called once an unlock has stored the carried key in the restored database. */
  forgetCarriedLedgerKey(): void {
    this.#carriedLedgerKey?.fill(0);
    this.#carriedLedgerKey = undefined;
  }

  /** Something was written since the last backup: a backup on quit is worth making. */
  get changedSinceBackup(): boolean {
    return this.#changedSinceBackup;
  }

  markChanged(): void {
    this.#changedSinceBackup = true;
  }

  markBackedUp(): void {
    this.#changedSinceBackup = false;
  }

  onLock(listener: LockListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
