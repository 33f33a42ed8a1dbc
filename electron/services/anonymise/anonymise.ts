/**
 * Entry point: replace every certain identifier in a session note or case summary with a
 * placeholder, and flag uncertain candidates for the coach.
 *
 * Offsets: `replacements[].start/end` refer to the ORIGINAL input; `flags[].start/end` refer to
 * the ANONYMISED `text`.
 */

import { detectStatedAges } from './ages';
import { findFlags } from './candidates';
import { detectAttachedAges, detectDates } from './dates';
import { detectKnown } from './known-identifiers';
import {
  detectAddresses,
  detectBsns,
  detectEmails,
  detectIbans,
  detectLicencePlates,
  detectPhones,
  detectPostcodes,
  detectUrls,
} from './patterns';
import { FIRST_OTHER_ORGANISATION_NUMBER, WORDING } from './placeholders';
import { foldKey } from './text';
import type {
  AnonymisedText,
  AnonymiseOptions,
  Detection,
  DossierIdentifiers,
  FlagDecision,
  Replacement,
} from './types';

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Keep the longest detection where detections overlap: an e-mail address beats the name inside
 * it, an IBAN beats the phone-like digits inside it, "Jan de Vries" beats "Jan". Equal lengths
 * fall back to priority (dossier-known before patterns, client before other people).
 */
export function resolveOverlaps(detections: Detection[]): Detection[] {
  const byStrength = [...detections].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.priority - b.priority || a.start - b.start,
  );
  const chosen: Detection[] = [];
  for (const detection of byStrength) {
    if (!chosen.some((c) => overlaps(c, detection))) chosen.push(detection);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

export function anonymise(
  input: string,
  known: DossierIdentifiers,
  options: AnonymiseOptions = {},
): AnonymisedText {
  const locale = options.locale ?? 'nl';
  const words = WORDING[locale];
  const detected = resolveOverlaps([
    ...detectKnown(input, known, locale),
    ...detectEmails(input),
    ...detectUrls(input),
    ...detectPhones(input, locale),
    ...detectIbans(input),
    ...detectBsns(input),
    ...detectPostcodes(input),
    ...detectAddresses(input),
    ...detectLicencePlates(input),
    ...detectDates(input, known, locale),
    ...detectStatedAges(input, locale),
  ]);
  // Ages are only identifying next to a birth date that is actually being replaced.
  const birthDates = detected.filter((d) => d.kind === 'date-of-birth');
  const ages = detectAttachedAges(input, birthDates, locale).filter(
    (age) => !detected.some((d) => overlaps(d, age)),
  );
  const chosen = [...detected, ...ages].sort((a, b) => a.start - b.start);

  // Numbers by first appearance, so "[persoon 1]" is whoever the reader meets first.
  const personNumbers = new Map<string, number>();
  const organisationNumbers = new Map<string, number>();
  const placeholderFor = (d: Detection): string => {
    if (d.placeholder !== undefined) return d.placeholder;
    const entity = d.entity;
    if (entity?.type === 'client') return words.client;
    if (entity?.type === 'person') {
      const n = personNumbers.get(entity.id) ?? personNumbers.size + 1;
      personNumbers.set(entity.id, n);
      return words.person(n);
    }
    if (entity?.type === 'organisation') {
      if (entity.sponsor) return words.sponsorOrganisation;
      const n =
        organisationNumbers.get(entity.id) ??
        organisationNumbers.size + FIRST_OTHER_ORGANISATION_NUMBER;
      organisationNumbers.set(entity.id, n);
      return words.organisation(n);
    }
    if (d.kind === 'client-name' || d.kind === 'person' || d.kind === 'organisation') {
      // Name detections are built with their entity; reaching this is a bug, not a text.
      throw new Error(`Detection of kind ${d.kind} without entity`);
    }
    return words.fixed[d.kind];
  };

  let text = '';
  let cursor = 0;
  const replacements: Replacement[] = [];
  const placeholderRanges: { start: number; end: number }[] = [];
  for (const d of chosen) {
    const placeholder = placeholderFor(d);
    text += input.slice(cursor, d.start);
    placeholderRanges.push({ start: text.length, end: text.length + placeholder.length });
    text += placeholder;
    cursor = d.end;
    replacements.push({
      start: d.start,
      end: d.end,
      original: input.slice(d.start, d.end),
      placeholder,
      kind: d.kind,
      certain: true,
    });
  }
  text += input.slice(cursor);

  const flags = findFlags(text, {
    locale,
    placeholders: placeholderRanges,
    nextPersonNumber: personNumbers.size + 1,
    nextOrganisationNumber: organisationNumbers.size + FIRST_OTHER_ORGANISATION_NUMBER,
  }).map((flag) => {
    // A flagged word written elsewhere as part of a known entity belongs to that entity: the
    // suggestion is its placeholder, not a new "[persoon n]".
    const known = replacements.find(
      (r) => r.kind !== 'date' && foldKey(r.original) === foldKey(flag.text),
    );
    return known === undefined ? flag : { ...flag, suggestion: known.placeholder };
  });
  return { text, replacements, flags };
}

/**
 * Apply the coach's decisions on flags: 'keep' leaves the text, 'replace' puts in the given
 * replacement (or the flag's suggestion). Flags without a decision keep their text; the UI is
 * expected to ask for a decision on every flag before anything leaves the vault. An unknown or
 * repeated index is a programming error and throws, rather than silently leaking a name.
 */
export function applyFlagDecisions(result: AnonymisedText, decisions: FlagDecision[]): string {
  const seen = new Set<number>();
  const edits: { start: number; end: number; text: string }[] = [];
  for (const decision of decisions) {
    const flag = result.flags[decision.index];
    if (flag === undefined) throw new RangeError(`No flag with index ${decision.index}`);
    if (seen.has(decision.index)) throw new RangeError(`Two decisions for flag ${decision.index}`);
    seen.add(decision.index);
    if (decision.action === 'replace') {
      edits.push({
        start: flag.start,
        end: flag.end,
        text: decision.replacement ?? flag.suggestion,
      });
    }
  }
  // From the end backwards, so earlier offsets stay valid.
  edits.sort((a, b) => b.start - a.start);
  let text = result.text;
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}
