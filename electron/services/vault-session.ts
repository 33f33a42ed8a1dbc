import { type AuditDetails, appendAudit } from '../../db/audit';
import type { SqliteDatabase } from '../../db/connection';
import { VaultError } from '../../db/errors';
import { keepPendingAudit, reservePendingAudit } from '../../db/pending-audit';
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

/**
 * The one vault this app instance works on: its folder, and the open vault when
 * unlocked. Lock listeners let the shell return to the unlock screen and later features
 * (continuity bundle, backups) act on every lock.
 */
export class VaultSession {
  #vault: Vault | undefined;
  readonly #listeners = new Set<LockListener>();
  #changedSinceBackup = false;

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

  async create(passphrase: string): Promise<{ recoveryKey: string }> {
    if (this.#vault) throw new VaultError('VAULT_EXISTS', 'A vault is already open.');
    const { vault, recoveryKey } = await createVault(this.dir, passphrase, this.options);
    this.#vault = vault;
    this.#reserveAuditRoom(vault);
    return { recoveryKey };
  }

  async unlock(secret: UnlockSecret): Promise<void> {
    if (this.#vault) return;
    const vault = await openVault(this.dir, secret, this.options);
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

  async changePassphrase(current: string, next: string): Promise<void> {
    if (!this.#vault) throw new VaultError('VAULT_LOCKED', 'The vault is locked.');
    await this.#vault.changePassphrase(current, next);
  }

  /** A new passphrase from the recovery key; the vault stays locked (or unlocked) as it was. */
  async resetPassphrase(recoveryKey: string, next: string): Promise<void> {
    await resetPassphrase(this.dir, recoveryKey, next, this.options);
    // The new passphrase is in place: a full disk must not make it look as if it failed.
    if (this.#vault) this.#auditOrKeep(this.#vault, 'vault.passphrase-reset', {});
  }

  /**
   * Always locks, also on a full disk: the listeners run (each on its own, so one that
   * fails cannot stop the rest), the audit entry is written if the disk takes it, and the
   * database closes whatever happened before. An entry the disk refused waits in a small
   * file beside the vault for the next unlock.
   */
  lock(reason: LockReason = 'user'): void {
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
        keepPendingAudit(this.dir, vault.vaultId, {
          at: at.toISOString(),
          action,
          details: { ...details, deferred: true },
        });
      } catch {
        // Not even the reserved file took it: what happened still happens, unrecorded.
      }
    }
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
