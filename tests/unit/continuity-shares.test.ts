import { randomBytes } from 'node:crypto';
import { identityToRecipient } from 'age-encryption';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type HeldShare,
  issueKit,
  parseShares,
  printedShare,
  rebuildKey,
  wipeShares,
} from '../../electron/services/continuity/kit';
import type { ContinuityPlan } from '../../electron/services/continuity/plan';
import {
  checkShare,
  encodeShare,
  kitIdOf,
  normaliseShare,
  parseShare,
  SHARE_GROUPS,
  SHARE_TEXT_SYMBOLS,
  type ShareFields,
} from '../../electron/services/continuity/shares';
import { isHandoverError } from '../../electron/services/handover/errors';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function sample(overrides: Partial<ShareFields> = {}): ShareFields {
  return {
    kitId: kitIdOf(`age1${'q'.repeat(58)}`),
    threshold: 2,
    count: 3,
    number: 1,
    share: randomBytes(33),
    ...overrides,
  };
}

function problem(text: string): ReturnType<typeof checkShare> {
  return checkShare(text);
}

const plan = (keepers: string[]): ContinuityPlan => ({
  successors: [
    {
      id: 'e2b5c1a8-5e0f-4c0a-9f7e-3f5d8f0f3b11',
      name: 'Praktijk De Opvolger',
      organisation: '',
      email: 'opvolger@example.nl',
      phone: '',
      recipient: '',
      notes: '',
    },
  ],
  keepers: keepers.map((name, i) => ({
    id: `e2b5c1a8-5e0f-4c0a-9f7e-3f5d8f0f3b2${i}`,
    name,
    role: 'bewaarder',
    email: '',
    phone: `06-1234567${i}`,
    notes: '',
  })),
  custodianInstructions: 'Laptop in de kast; agenda op papier.',
  whoToInform: 'Cliënten, beroepsvereniging.',
  insurer: 'Voorbeeld Verzekeringen, polis 123',
  bundleLocationNote: 'NAS in de praktijk',
  bundleFolder: null,
  updatedAt: null,
});

describe('share encoding', () => {
  it('prints 14 groups of 6 Crockford characters and reads them back', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 33, maxLength: 33 }),
        fc.integer({ min: 2, max: 10 }),
        (bytes, count) => {
          const fields = sample({ share: bytes, count, threshold: 2, number: count });
          const { text, groups } = encodeShare(fields);
          expect(groups).toHaveLength(SHARE_GROUPS);
          expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{6}-){13}[0-9A-HJKMNP-TV-Z]{6}$/);
          const back = parseShare(text, 1);
          expect(Buffer.from(back.share).equals(Buffer.from(bytes))).toBe(true);
          expect(back).toMatchObject({ kitId: fields.kitId, threshold: 2, count, number: count });
        },
      ),
    );
  });

  it('ignores case, spaces, dashes and dots, and reads O, I and L as 0, 1 and 1', () => {
    const fields = sample();
    const { text } = encodeShare(fields);
    const sloppy = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(normaliseShare(sloppy)).toBe(text.replace(/-/g, ''));
    expect(Buffer.from(parseShare(sloppy, 1).share).equals(Buffer.from(fields.share))).toBe(true);
  });

  it('catches every single wrong character and names its group', () => {
    const { text } = encodeShare(sample());
    const symbols = text.replace(/-/g, '');
    expect(symbols).toHaveLength(SHARE_TEXT_SYMBOLS);
    for (let position = 0; position < symbols.length; position += 1) {
      for (const replacement of ALPHABET) {
        if (replacement === symbols[position]) continue;
        const typo = symbols.slice(0, position) + replacement + symbols.slice(position + 1);
        const result = problem(typo);
        expect(result.ok, `${position} ${replacement}`).toBe(false);
        if (!result.ok) {
          expect(result.problem).toBe('group-checksum');
          expect(result.group).toBe(Math.floor(position / 6) + 1);
        }
      }
    }
  });

  it('catches every swap of neighbours within a group, and groups typed in the wrong place', () => {
    const { groups } = encodeShare(sample());
    const symbols = groups.join('');
    for (let position = 0; position < symbols.length - 1; position += 1) {
      if (symbols[position] === symbols[position + 1]) continue;
      const swapped =
        symbols.slice(0, position) +
        symbols[position + 1] +
        symbols[position] +
        symbols.slice(position + 2);
      expect(problem(swapped).ok, String(position)).toBe(false);
    }
    const reordered = [...groups];
    [reordered[2], reordered[3]] = [reordered[3] ?? '', reordered[2] ?? ''];
    expect(problem(reordered.join(''))).toMatchObject({
      ok: false,
      problem: 'group-checksum',
      group: 3,
    });
  });

  it('locates a dropped character at its group, and says when characters are foreign', () => {
    const { groups } = encodeShare(sample());
    const symbols = groups.join('');
    const dropped = symbols.slice(0, 40) + symbols.slice(41);
    expect(problem(dropped)).toMatchObject({ ok: false, problem: 'length', group: 7 });
    expect(problem(symbols.slice(0, 60))).toMatchObject({
      ok: false,
      problem: 'length',
      group: 11,
    });
    expect(problem(`${symbols.slice(0, 13)}U${symbols.slice(14)}`)).toMatchObject({
      ok: false,
      problem: 'characters',
      group: 3,
    });
    expect(problem('')).toMatchObject({ ok: false, problem: 'empty' });
  });

  it('throws a typed error that names the share and the group', () => {
    const { groups } = encodeShare(sample());
    const wrong = [...groups];
    wrong[4] = `${wrong[4]?.slice(0, 5)}${wrong[4]?.[5] === 'A' ? 'B' : 'A'}`;
    try {
      parseShare(wrong.join('-'), 2);
      throw new Error('expected a failure');
    } catch (error) {
      expect(isHandoverError(error, 'SHARE_INVALID')).toBe(true);
      if (isHandoverError(error)) {
        expect(error.detail).toMatchObject({ share: 2, reason: 'group-checksum', group: 5 });
      }
    }
  });
});

function text(share: HeldShare | undefined): string {
  return share ? printedShare(share).text : '';
}

describe('the emergency kit', () => {
  it('splits a fresh age key 2 of 3; any two shares rebuild it, one does not', async () => {
    const issued = await issueKit({
      plan: plan(['Anouk', 'Bas', 'Carla']),
      threshold: 2,
      issuedAt: new Date('2026-11-23T10:00:00Z'),
    });
    expect(issued.kit).toMatchObject({
      threshold: 2,
      count: 3,
      kitId: kitIdOf(issued.kit.recipient),
    });
    expect(issued.kit.keepers.map((k) => k.name)).toEqual(['Anouk', 'Bas', 'Carla']);
    const texts = issued.shares.map((s) => printedShare(s).text);
    for (const pair of [
      [0, 1],
      [0, 2],
      [2, 1],
    ]) {
      const rebuilt = await rebuildKey(pair.map((i) => texts[i] ?? ''));
      expect(rebuilt.recipient).toBe(issued.kit.recipient);
      expect(await identityToRecipient(rebuilt.identity)).toBe(issued.kit.recipient);
    }
    expect((await rebuildKey(texts)).recipient).toBe(issued.kit.recipient);
    expect(() => parseShares([texts[0] ?? ''])).toThrow(
      expect.objectContaining({ code: 'SHARES_INSUFFICIENT', detail: { have: 1, need: 2 } }),
    );
    expect(() => parseShares([texts[0] ?? '', texts[0] ?? ''])).toThrow(
      expect.objectContaining({
        code: 'SHARE_INVALID',
        detail: expect.objectContaining({ share: 2, reason: 'duplicate' }),
      }),
    );
  });

  it('wipes held shares: after wiping, no two of them rebuild the key', async () => {
    const issued = await issueKit({
      plan: plan(['Anouk', 'Bas', 'Carla']),
      threshold: 2,
      issuedAt: new Date(),
    });
    wipeShares(issued.shares);
    for (const held of issued.shares) expect(held.fields.share.every((b) => b === 0)).toBe(true);
    await expect(rebuildKey(issued.shares.slice(0, 2).map(text))).rejects.toBeTruthy();
  });

  it('refuses shares of two different kits, and a re-issued kit is a different key', async () => {
    const options = {
      plan: plan(['Anouk', 'Bas', 'Carla']),
      threshold: 2,
      issuedAt: new Date(),
    };
    const first = await issueKit(options);
    const second = await issueKit(options);
    expect(second.kit.recipient).not.toBe(first.kit.recipient);
    expect(second.kit.kitId).not.toBe(first.kit.kitId);
    expect(() => parseShares([text(first.shares[0]), text(second.shares[1])])).toThrow(
      expect.objectContaining({ code: 'SHARES_MISMATCH' }),
    );
  });

  it('needs 2 ≤ k ≤ n ≤ 10 keepers', async () => {
    const base = { issuedAt: new Date() };
    await expect(issueKit({ ...base, plan: plan(['Anouk']), threshold: 2 })).rejects.toMatchObject({
      code: 'CONTINUITY_NOT_READY',
    });
    await expect(issueKit({ ...base, plan: plan(['A', 'B']), threshold: 3 })).rejects.toMatchObject(
      {
        code: 'VALIDATION',
      },
    );
    const ten = await issueKit({
      ...base,
      plan: plan(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'].map((n) => `Bewaarder ${n}`)),
      threshold: 10,
    });
    expect((await rebuildKey(ten.shares.map(text))).recipient).toBe(ten.kit.recipient);
    await expect(rebuildKey(ten.shares.slice(0, 9).map(text))).rejects.toMatchObject({
      code: 'SHARES_INSUFFICIENT',
    });
  });
});
