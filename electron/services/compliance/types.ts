/** A calendar date, 'YYYY-MM-DD', without time or zone. */
export type IsoDate = string;

export type DutyState = 'done' | 'missing' | 'overdue' | 'due-soon' | 'not-applicable';

export type DutyId =
  | 'code-given'
  | 'contract-signed'
  | 'confidentiality-agreed'
  | 'supervision-consent'
  | 'guardian-agreement'
  | 'conflicts-discussed'
  | 'retention'
  | 'follow-ups'
  | 'continuity-plan'
  | 'continuity-drill'
  | 'insurance'
  | 'supervision-recent'
  | 'backup-recent';

export type DutyTab =
  | 'overview'
  | 'agreements'
  | 'sessions'
  | 'ending'
  | 'conflicts'
  | 'documents'
  | 'practice-profile'
  | 'practice-supervision'
  | 'practice-continuity'
  | 'practice-backups';

export interface DutyTarget {
  tab: DutyTab;
  form?: string;
}

export interface Duty {
  id: DutyId;
  article: string;
  state: DutyState;
  /** First day on which `state` held, when the facts tell. */
  since?: IsoDate;
  /** The date the duty falls due: deadline, review date, expiry, end of retention. */
  dueOn?: IsoDate;
  /** i18n key 'duty.<id>.title'. */
  titleKey: string;
  /** i18n key 'duty.<id>.action.<state>'; absent when done or not applicable. */
  actionKey?: string;
  /** Where the UI sends the coach to act on the duty. */
  target: DutyTarget;
}

export type ConfidentialityException =
  | 'legal-duty'
  | 'illegal-activity'
  | 'danger-self'
  | 'danger-others'
  | 'other';

export interface DossierFacts {
  today: IsoDate;
  client: {
    status: 'intake' | 'active' | 'ended';
    isMinor: boolean;
    isVulnerableAdult: boolean;
    dateOfBirth?: IsoDate;
  };
  contract?: {
    startOn?: IsoDate;
    codeGivenOn?: IsoDate;
    complaintsProcedureOn?: IsoDate;
    supervisionConsentOn?: IsoDate;
    signedOn?: IsoDate;
  };
  // Kept as string[] so a newer exception id from the API never breaks this layer.
  confidentiality?: { agreedOn?: IsoDate; exceptions: string[] };
  guardians: { consentOn?: IsoDate; reviewOn?: IsoDate }[];
  firstSessionOn?: IsoDate;
  conflicts: { discussedOn?: IsoDate; resolvedOn?: IsoDate }[];
  ending?: { endedOn: IsoDate; followUps: { dueOn?: IsoDate; doneOn?: IsoDate }[] };
  /** Computed by the caller from the practice default or the dossier's override. */
  retentionUntil?: IsoDate;
}

export interface PracticeFacts {
  today: IsoDate;
  insurance?: { expiresOn?: IsoDate };
  lastSupervisionOn?: IsoDate;
  /** Where the records are kept safe (2.15): the newest verified backup, if any. */
  backup?: { folderSet: boolean; folderAvailable: boolean; lastGoodOn?: IsoDate; warnDays: number };
  /** Longest allowed gap between two supervisions; the app's default is 6. */
  supervisionMaxMonths: number;
  continuityPlan?: {
    updatedOn: IsoDate;
    lastDrillOn?: IsoDate;
    keepers: number;
    successors: number;
    /** Whether a continuity bundle was ever written: the keeper sheets send the successor to it. */
    bundleWritten: boolean;
  };
  /** Longest allowed gap between two handover rehearsals; 12 when absent. */
  continuityDrillMaxMonths?: number;
}

export interface DutySummary {
  /** Duties that ask for action: missing, overdue or due soon. */
  open: number;
  overdue: number;
  done: number;
  worst: DutyState;
}
