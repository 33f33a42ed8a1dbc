import { appendAudit } from '../../db/audit';
import type { SqliteDatabase } from '../../db/connection';
import { VaultError } from '../../db/errors';
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
    return { recoveryKey };
  }

  async unlock(secret: UnlockSecret): Promise<void> {
    if (this.#vault) return;
    this.#vault = await openVault(this.dir, secret, this.options);
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    if (!this.#vault) throw new VaultError('VAULT_LOCKED', 'The vault is locked.');
    await this.#vault.changePassphrase(current, next);
  }

  /** A new passphrase from the recovery key; the vault stays locked (or unlocked) as it was. */
  async resetPassphrase(recoveryKey: string, next: string): Promise<void> {
    await resetPassphrase(this.dir, recoveryKey, next, this.options);
    if (this.#vault) appendAudit(this.#vault.db, 'vault.passphrase-reset');
  }

  lock(reason: LockReason = 'user'): void {
    const vault = this.#vault;
    if (!vault) return;
    for (const listener of this.#listeners) listener(reason);
    appendAudit(vault.db, 'vault.locked', null, { reason });
    this.#vault = undefined;
    vault.lock();
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
