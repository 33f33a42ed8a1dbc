export { isMinorOn } from './dates';
export { dossierDuties } from './dossier-duties';
export { practiceDuties } from './practice-duties';
export { summarise } from './summarise';
export type {
  ConfidentialityException,
  DossierFacts,
  Duty,
  DutyId,
  DutyState,
  DutySummary,
  DutyTab,
  DutyTarget,
  IsoDate,
  PracticeFacts,
} from './types';
