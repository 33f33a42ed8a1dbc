import type { AnonymisedText, Flag } from '../../../../electron/api';

/**
 * The review of an anonymised case summary, kept as plain data so it can wait in the
 * draft store across an auto-lock. The coach's decisions are applied to the text at once
 * (the same replacement as the engine's applyFlagDecisions: the flag's span replaced by
 * the suggestion or the coach's own words), so the text on screen is always the text that
 * will be stored; every flag tracks where its span now is.
 */

export type Decision =
  | { kind: 'keep' }
  | { kind: 'suggestion' }
  | { kind: 'own'; text: string }
  /** The coach typed over the flagged words in the text itself. */
  | { kind: 'edited' };

export interface ReviewFlag {
  /** Where the span is now, in `Review.text`. */
  start: number;
  end: number;
  /** The words the detector was unsure of, as they were. */
  text: string;
  reason: Flag['reason'];
  suggestion: string;
  decision: Decision | null;
}

export interface Review {
  original: string;
  text: string;
  flags: ReviewFlag[];
  /** The certain replacements, for the coach to see what was changed. */
  replaced: { original: string; placeholder: string; count: number }[];
}

export function startReview(original: string, anonymised: AnonymisedText): Review {
  const replaced = new Map<string, { original: string; placeholder: string; count: number }>();
  for (const replacement of anonymised.replacements) {
    const key = `${replacement.original}\u0000${replacement.placeholder}`;
    const entry = replaced.get(key);
    if (entry) entry.count += 1;
    else
      replaced.set(key, {
        original: replacement.original,
        placeholder: replacement.placeholder,
        count: 1,
      });
  }
  return {
    original,
    text: anonymised.text,
    flags: [...anonymised.flags]
      .sort((a, b) => a.start - b.start)
      .map((flag) => ({
        start: flag.start,
        end: flag.end,
        text: flag.text,
        reason: flag.reason,
        suggestion: flag.suggestion,
        decision: null,
      })),
    replaced: [...replaced.values()],
  };
}

/** What the flag's span reads with this decision. */
export function replacementFor(flag: ReviewFlag, decision: Decision): string {
  switch (decision.kind) {
    case 'keep':
      return flag.text;
    case 'suggestion':
      return flag.suggestion;
    case 'own':
      return decision.text;
    case 'edited':
      return flag.text;
  }
}

/** Replaces one flag's span and moves the spans after it. */
export function decide(review: Review, index: number, decision: Decision): Review {
  const flag = review.flags[index];
  if (!flag || flag.decision?.kind === 'edited' || decision.kind === 'edited') return review;
  const words = replacementFor(flag, decision);
  const delta = words.length - (flag.end - flag.start);
  const text = review.text.slice(0, flag.start) + words + review.text.slice(flag.end);
  const flags = review.flags.map((other, at) => {
    if (at === index) return { ...other, end: other.start + words.length, decision };
    if (other.start >= flag.end)
      return { ...other, start: other.start + delta, end: other.end + delta };
    return other;
  });
  return { ...review, text, flags };
}

/**
 * The coach edited the text by hand. One edit is one changed stretch (typing, pasting,
 * deleting a selection): found from the common start and end of the old and new text.
 * Spans after it move; a span it touches counts as decided by hand.
 */
export function editText(review: Review, next: string): Review {
  const before = review.text;
  if (before === next) return review;
  const shortest = Math.min(before.length, next.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === next[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before[before.length - 1 - suffix] === next[next.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const changedEnd = before.length - suffix;
  const delta = next.length - before.length;
  const flags = review.flags.map((flag): ReviewFlag => {
    if (flag.end <= prefix) return flag;
    if (flag.start >= changedEnd)
      return { ...flag, start: flag.start + delta, end: flag.end + delta };
    return {
      ...flag,
      start: Math.min(flag.start, prefix),
      end: Math.max(prefix, flag.end + delta),
      decision: { kind: 'edited' },
    };
  });
  return { ...review, text: next, flags };
}

export function undecided(review: Review): number {
  return review.flags.filter((flag) => flag.decision === null).length;
}

/** A few words either side of a flag, to judge it in its sentence. */
export function contextOf(
  review: Review,
  flag: ReviewFlag,
  width = 40,
): { before: string; words: string; after: string } {
  const from = Math.max(0, flag.start - width);
  const to = Math.min(review.text.length, flag.end + width);
  return {
    before: (from > 0 ? '…' : '') + review.text.slice(from, flag.start).replace(/\s+/g, ' '),
    words: review.text.slice(flag.start, flag.end),
    after:
      review.text.slice(flag.end, to).replace(/\s+/g, ' ') + (to < review.text.length ? '…' : ''),
  };
}

/**
 * The certain replacements by entity: every written form that became the same placeholder
 * ("Peter de Wit", "De Wit", "Peter" → [persoon 1]), so the coach sees one line per person.
 */
export function replacedByEntity(
  review: Review,
): { placeholder: string; originals: string[]; count: number }[] {
  const groups = new Map<string, { placeholder: string; originals: string[]; count: number }>();
  for (const item of review.replaced) {
    const group = groups.get(item.placeholder) ?? {
      placeholder: item.placeholder,
      originals: [],
      count: 0,
    };
    groups.set(item.placeholder, group);
    if (!group.originals.includes(item.original)) group.originals.push(item.original);
    group.count += item.count;
  }
  return [...groups.values()];
}

/**
 * Flags that stand for the same thing: the detector gives the same word the same numbered
 * suggestion ("Kees" and "Kees'" both [persoon 3]); unnumbered suggestions ([plaats]) group
 * only the same words. The coach decides once per group.
 */
function groupKey(flag: ReviewFlag): string {
  if (/\d/u.test(flag.suggestion)) return flag.suggestion;
  return `${flag.text.toLocaleLowerCase()}\u0000${flag.suggestion}`;
}

/** Indices of the flags, grouped, in order of first appearance. */
export function flagGroups(review: Review): number[][] {
  const groups = new Map<string, number[]>();
  review.flags.forEach((flag, index) => {
    const key = groupKey(flag);
    const group = groups.get(key) ?? [];
    groups.set(key, group);
    group.push(index);
  });
  return [...groups.values()];
}

/** One decision for every flag in the group of `index`; flags edited by hand stay as they are. */
export function decideGroup(review: Review, index: number, decision: Decision): Review {
  const group = flagGroups(review).find((g) => g.includes(index)) ?? [index];
  return group.reduce((current, at) => decide(current, at, decision), review);
}

/** Groups that still wait for a decision. */
export function undecidedGroups(review: Review): number {
  return flagGroups(review).filter((group) =>
    group.some((index) => review.flags[index]?.decision === null),
  ).length;
}
