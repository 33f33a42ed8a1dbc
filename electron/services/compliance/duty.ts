import type { Duty, DutyId, DutyState, DutyTarget, IsoDate } from './types';

const ARTICLE: Record<DutyId, string> = {
  'code-given': '2.2',
  'contract-signed': '2.3',
  'confidentiality-agreed': '2.14',
  'supervision-consent': '2.16',
  'guardian-agreement': '2.17',
  'conflicts-discussed': '2.20',
  retention: '2.27b',
  'follow-ups': '2.27d',
  'continuity-plan': '2.28',
  'continuity-drill': '2.28',
  insurance: '3.12',
  'supervision-recent': '4.3',
  'backup-recent': '2.15',
};

const TARGET: Record<DutyId, DutyTarget> = {
  'code-given': { tab: 'agreements', form: 'contract' },
  'contract-signed': { tab: 'agreements', form: 'contract' },
  'confidentiality-agreed': { tab: 'agreements', form: 'confidentiality' },
  // The consent is a field of the contract (contract.supervisionConsentOn).
  'supervision-consent': { tab: 'agreements', form: 'contract' },
  'guardian-agreement': { tab: 'agreements', form: 'guardian' },
  'conflicts-discussed': { tab: 'conflicts' },
  retention: { tab: 'ending', form: 'retention' },
  'follow-ups': { tab: 'ending', form: 'follow-ups' },
  'continuity-plan': { tab: 'practice-continuity', form: 'plan' },
  'continuity-drill': { tab: 'practice-continuity', form: 'drill' },
  insurance: { tab: 'practice-profile', form: 'insurance' },
  'supervision-recent': { tab: 'practice-supervision', form: 'session' },
  'backup-recent': { tab: 'practice-backups' },
};

export interface DutyDates {
  since?: IsoDate | undefined;
  dueOn?: IsoDate | undefined;
}

/** Builds a duty; dates left undefined are omitted so the object survives IPC unchanged. */
export function duty(id: DutyId, state: DutyState, dates: DutyDates = {}): Duty {
  const result: Duty = {
    id,
    article: ARTICLE[id],
    state,
    titleKey: `duty.${id}.title`,
    target: { ...TARGET[id] },
  };
  if (dates.since !== undefined) result.since = dates.since;
  if (dates.dueOn !== undefined) result.dueOn = dates.dueOn;
  if (state !== 'done' && state !== 'not-applicable') {
    result.actionKey = `duty.${id}.action.${state}`;
  }
  return result;
}
