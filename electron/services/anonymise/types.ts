/**
 * Public and internal types of the anonymisation detector.
 *
 * Offsets: `Replacement.start/end` are UTF-16 offsets into the ORIGINAL input; `Flag.start/end`
 * are offsets into the ANONYMISED text (`AnonymisedText.text`), because the coach reviews flags
 * in the text that will actually leave the vault.
 */

export interface DossierIdentifiers {
  client: {
    firstName: string;
    lastName: string;
    otherNames?: string[];
    pseudonym: string;
    /** YYYY-MM-DD */
    dateOfBirth?: string;
    email?: string;
    phone?: string;
    address?: string;
  };
  sponsor?: { organisation?: string; contactPerson?: string; email?: string; phone?: string };
  guardians?: { name: string; relation?: string; email?: string; phone?: string }[];
  /** People in the client's story. */
  people?: { name: string; relation?: string }[];
  organisations?: string[];
  /** Towns and villages that point to the client (a guardian's town, a minor's school town). */
  places?: string[];
  /** Dates that anchor relative terms: session dates in order, and the engagement start. */
  sessionDates?: string[];
  engagementStart?: string;
}

export type IdentifierKind =
  | 'client-name'
  | 'person'
  | 'organisation'
  | 'email'
  | 'phone'
  | 'iban'
  | 'bsn'
  | 'postcode'
  | 'address'
  /** A town or village known to the dossier (the client's own address). */
  | 'place'
  | 'url'
  | 'licence-plate'
  | 'date'
  | 'age'
  | 'date-of-birth';

export interface Replacement {
  /** Offset in the original input. */
  start: number;
  /** Offset in the original input (exclusive). */
  end: number;
  original: string;
  placeholder: string;
  kind: IdentifierKind;
  certain: true;
}

export type FlagReason = 'capitalised-word' | 'possible-place' | 'job-title' | 'number';

export interface Flag {
  /** Offset in the anonymised text. */
  start: number;
  /** Offset in the anonymised text (exclusive). */
  end: number;
  text: string;
  reason: FlagReason;
  suggestion: string;
}

export interface AnonymisedText {
  text: string;
  replacements: Replacement[];
  /** Offsets in the ANONYMISED text. */
  flags: Flag[];
}

export type Locale = 'nl' | 'en';

export interface AnonymiseOptions {
  locale?: Locale;
}

export interface FlagDecision {
  index: number;
  action: 'keep' | 'replace';
  replacement?: string;
}

/** Which dossier entity a detection belongs to, so every mention shares one placeholder. */
export type EntityRef =
  | { type: 'client' }
  | { type: 'person'; id: string }
  | { type: 'organisation'; id: string; sponsor: boolean };

/** A span found in the original input, before overlaps are resolved. */
export interface Detection {
  start: number;
  end: number;
  kind: IdentifierKind;
  entity?: EntityRef;
  /** Set when the replacement depends on the matched value (dates, ages). */
  placeholder?: string;
  /** Lower wins when two detections cover the same span length. */
  priority: number;
}
