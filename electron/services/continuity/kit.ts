import { identityToRecipient } from 'age-encryption';
import { combine, split } from 'shamir-secret-sharing';
import { HandoverError } from '../handover/errors';
import { identityFromSecret, identitySecret, newX25519KeyPair } from '../handover/keys';
import type { ContinuityPlan, KitInfo } from './plan';
import { encodeShare, kitIdOf, MAX_SHARES, parseShare, type ShareFields } from './shares';

/**
 * The emergency kit (DESIGN.md, 'Continuity'): a fresh age X25519 identity whose 32-byte
 * secret is split with Shamir's scheme (shamir-secret-sharing, audited) into one share
 * per keeper, k needed. Only the public half and the kit's metadata are kept; the
 * secret is wiped as soon as it is split. The shares are held as bytes (so they can be
 * wiped) by the engine's hand-out (./handout.ts) while the coach makes each keeper's
 * sheet, one at a time, and nowhere else. Issuing again makes a new key: shares of an
 * earlier kit open nothing written after.
 */

/** One keeper's share, as raw bytes until the moment its sheet is printed. */
export interface HeldShare {
  readonly number: number;
  readonly keeper: string;
  readonly fields: ShareFields;
}

export interface IssuedKit {
  kit: KitInfo;
  shares: HeldShare[];
}

/** The printed form of one held share: 14 groups of 6 characters. */
export function printedShare(held: HeldShare): { text: string; groups: string[] } {
  return encodeShare(held.fields);
}

/** Overwrites the share bytes; the held shares are useless afterwards. */
export function wipeShares(shares: readonly HeldShare[]): void {
  for (const held of shares) held.fields.share.fill(0);
}

export async function issueKit(options: {
  plan: ContinuityPlan;
  threshold: number;
  issuedAt: Date;
}): Promise<IssuedKit> {
  const { plan, threshold } = options;
  const count = plan.keepers.length;
  if (count < 2) {
    throw new HandoverError('CONTINUITY_NOT_READY', 'A kit needs at least two keepers.', {
      missing: 'keepers',
    });
  }
  if (count > MAX_SHARES || threshold < 2 || threshold > count) {
    throw new HandoverError('VALIDATION', 'The kit needs 2 ≤ k ≤ n ≤ 10.', {
      field: 'threshold',
    });
  }
  const pair = newX25519KeyPair();
  const kitId = kitIdOf(pair.recipient);
  const secret = identitySecret(pair.identity);
  let raw: Uint8Array[] = [];
  try {
    raw = await split(secret, count, threshold);
  } finally {
    secret.fill(0);
  }
  const shares: HeldShare[] = raw.map((share, index) => ({
    number: index + 1,
    keeper: plan.keepers[index]?.name ?? '',
    fields: { kitId, threshold, count, number: index + 1, share },
  }));
  const kit: KitInfo = {
    kitId,
    recipient: pair.recipient,
    threshold,
    count,
    keepers: shares.map((s) => ({ number: s.number, name: s.keeper })),
    issuedAt: options.issuedAt.toISOString(),
  };
  return { kit, shares };
}

export interface RebuiltKey {
  identity: string;
  recipient: string;
  kitId: string;
  threshold: number;
  count: number;
  numbers: number[];
}

/** Reads the typed shares; every problem names the share (1-based, as entered) and its group. */
export function parseShares(texts: readonly string[]): ShareFields[] {
  const shares = texts.map((text, index) => parseShare(text, index + 1));
  const first = shares[0];
  if (!first) {
    throw new HandoverError('SHARES_INSUFFICIENT', 'No shares were entered.', { have: 0, need: 2 });
  }
  shares.forEach((share, index) => {
    if (
      share.kitId !== first.kitId ||
      share.threshold !== first.threshold ||
      share.count !== first.count
    ) {
      throw new HandoverError('SHARES_MISMATCH', 'The shares belong to different kits.', {
        reason: 'different-kits',
        share: index + 1,
      });
    }
    const earlier = shares.findIndex((other) => other.number === share.number);
    if (earlier !== index) {
      throw new HandoverError('SHARE_INVALID', 'The same share was entered twice.', {
        share: index + 1,
        reason: 'duplicate',
        sameAs: earlier + 1,
      });
    }
  });
  if (shares.length < first.threshold) {
    throw new HandoverError('SHARES_INSUFFICIENT', 'Not enough shares to open the kit.', {
      have: shares.length,
      need: first.threshold,
    });
  }
  return shares;
}

/**
 * Rebuilds the continuity identity from k (or more) shares, and proves it is the kit's
 * own key: its public half must have the kit id every share carries.
 */
export async function rebuildKey(texts: readonly string[]): Promise<RebuiltKey> {
  const shares = parseShares(texts);
  const first = shares[0];
  if (!first) throw new HandoverError('SHARES_INSUFFICIENT', 'No shares.', { have: 0, need: 2 });
  let secret: Uint8Array | undefined;
  try {
    secret = await combine(shares.map((s) => s.share));
    const identity = identityFromSecret(secret);
    const recipient = await identityToRecipient(identity);
    if (kitIdOf(recipient) !== first.kitId) {
      throw new HandoverError('SHARES_MISMATCH', 'The shares do not rebuild the kit key.', {
        reason: 'key',
      });
    }
    return {
      identity,
      recipient,
      kitId: first.kitId,
      threshold: first.threshold,
      count: first.count,
      numbers: shares.map((s) => s.number),
    };
  } finally {
    secret?.fill(0);
    for (const share of shares) share.share.fill(0);
  }
}
