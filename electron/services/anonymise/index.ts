/** Anonymisation detector: public API. */

export { anonymise, applyFlagDecisions } from './anonymise';
export { isValidBsn, isValidIban } from './checksums';
export { relativeDateTerm } from './dates';
export { WORDING } from './placeholders';
export type {
  AnonymisedText,
  AnonymiseOptions,
  DossierIdentifiers,
  Flag,
  FlagDecision,
  FlagReason,
  IdentifierKind,
  Locale,
  Replacement,
} from './types';
