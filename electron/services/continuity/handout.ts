import { HandoverError } from '../handover/errors';
import { type HeldShare, wipeShares } from './kit';
import type { ContinuityPlan, KitInfo } from './plan';

/**
 * The shares of a kit just issued, held in the engine's memory (never in the vault, a
 * job result or a file) while the coach makes each keeper's sheet, one at a time. They
 * are wiped when the coach says every sheet is handed out, when another kit is issued,
 * and at every lock: after that only the kit's public data in the vault remains.
 */

export interface HandoutStatus {
  kitId: string;
  threshold: number;
  count: number;
  /** Each keeper, and whether their sheet was made in this hand-out. */
  keepers: { number: number; name: string; sheetMade: boolean }[];
}

/** A hand-out a lock cut short: the keepers whose sheet was never made. */
export interface InterruptedHandout {
  kitId: string;
  missing: { number: number; name: string }[];
}

interface Pending {
  kit: KitInfo;
  plan: ContinuityPlan;
  practice: { practice: string; coach: string };
  shares: HeldShare[];
  made: Set<number>;
}

export class KitHandout {
  #pending: Pending | null = null;
  #interrupted: InterruptedHandout | null = null;

  /** Starts handing out a new kit; the shares of any earlier one are wiped first. */
  hold(pending: Omit<Pending, 'made'>): void {
    this.wipe();
    this.#interrupted = null;
    this.#pending = { ...pending, made: new Set() };
  }

  /**
   * A lock wipes the shares like any end of the hand-out, but remembers (public facts
   * only) which keepers got no sheet, so the coach is told after unlocking.
   */
  wipeAtLock(): void {
    const pending = this.#pending;
    if (pending && pending.made.size < pending.shares.length) {
      this.#interrupted = {
        kitId: pending.kit.kitId,
        missing: pending.shares
          .filter((share) => !pending.made.has(share.number))
          .map((share) => ({ number: share.number, name: share.keeper })),
      };
    }
    this.wipe();
  }

  interrupted(): InterruptedHandout | null {
    return this.#interrupted;
  }

  status(): HandoutStatus | null {
    const pending = this.#pending;
    if (!pending) return null;
    return {
      kitId: pending.kit.kitId,
      threshold: pending.kit.threshold,
      count: pending.kit.count,
      keepers: pending.shares.map((share) => ({
        number: share.number,
        name: share.keeper,
        sheetMade: pending.made.has(share.number),
      })),
    };
  }

  /** One keeper's share, to print on their sheet; only while this kit is being handed out. */
  share(kitId: string, keeper: number): Omit<Pending, 'shares' | 'made'> & { share: HeldShare } {
    const pending = this.#pending;
    const share = pending?.kit.kitId === kitId ? pending.shares[keeper - 1] : undefined;
    if (!pending || !share) {
      throw new HandoverError('NOT_FOUND', 'This kit is not being handed out.', {
        what: 'kit-handout',
      });
    }
    return { kit: pending.kit, plan: pending.plan, practice: pending.practice, share };
  }

  /** True while this kit's shares are still held (a lock or a new kit may have wiped them). */
  holds(kitId: string): boolean {
    return this.#pending?.kit.kitId === kitId;
  }

  sheetMade(kitId: string, keeper: number): void {
    if (this.holds(kitId)) this.#pending?.made.add(keeper);
  }

  /** The coach has handed out every sheet: the shares go. Returns how many sheets were made. */
  finish(kitId: string): number {
    const pending = this.#pending;
    if (!pending || pending.kit.kitId !== kitId) {
      throw new HandoverError('NOT_FOUND', 'This kit is not being handed out.', {
        what: 'kit-handout',
      });
    }
    const made = pending.made.size;
    this.wipe();
    return made;
  }

  wipe(): void {
    if (this.#pending) wipeShares(this.#pending.shares);
    this.#pending = null;
  }

  /** How many share bytes are still held: what the tests look at after a wipe. */
  get heldShareBytes(): number {
    return this.#pending?.shares.reduce((sum, s) => sum + s.fields.share.length, 0) ?? 0;
  }
}
