import { daysBetween, plusDays, plusMonths } from './dates';
import { duty } from './duty';
import type { Duty, IsoDate, PracticeFacts } from './types';

const INSURANCE_WARNING_DAYS = 30;
const DEFAULT_DRILL_MAX_MONTHS = 12;

/**
 * A duty renewed at most every `maxMonths` months: `last + maxMonths` is the last day still in
 * time (a supervision exactly six months ago is within the last six months).
 */
function recurring(
  id: 'supervision-recent' | 'continuity-drill',
  today: IsoDate,
  last: IsoDate,
  maxMonths: number,
): Duty {
  const dueOn = plusMonths(last, maxMonths);
  if (daysBetween(today, dueOn) < 0) {
    return duty(id, 'overdue', { since: plusDays(dueOn, 1), dueOn });
  }
  return duty(id, 'done', { since: last, dueOn });
}

function continuityPlan(facts: PracticeFacts): Duty {
  const plan = facts.continuityPlan;
  // 2.28 needs someone to hand over to and someone holding the key; a plan naming neither
  // could not be carried out.
  if (plan === undefined || plan.keepers < 1 || plan.successors < 1) {
    return duty('continuity-plan', 'missing');
  }
  // The keeper sheets tell the successor to open the bundle; without one the kit opens nothing.
  if (!plan.bundleWritten) {
    return {
      ...duty('continuity-plan', 'missing'),
      actionKey: 'duty.continuity-plan.action.no-bundle',
    };
  }
  return duty('continuity-plan', 'done', { since: plan.updatedOn });
}

function continuityDrill(facts: PracticeFacts): Duty {
  const lastDrill = facts.continuityPlan?.lastDrillOn;
  if (lastDrill === undefined) return duty('continuity-drill', 'missing');
  const maxMonths = facts.continuityDrillMaxMonths ?? DEFAULT_DRILL_MAX_MONTHS;
  return recurring('continuity-drill', facts.today, lastDrill, maxMonths);
}

function insurance(facts: PracticeFacts): Duty {
  const expiresOn = facts.insurance?.expiresOn;
  if (expiresOn === undefined) return duty('insurance', 'missing');
  // The policy no longer covers on its expiry date.
  const daysLeft = daysBetween(facts.today, expiresOn);
  if (daysLeft <= 0) return duty('insurance', 'overdue', { since: expiresOn, dueOn: expiresOn });
  if (daysLeft <= INSURANCE_WARNING_DAYS) {
    return duty('insurance', 'due-soon', { dueOn: expiresOn });
  }
  return duty('insurance', 'done', { dueOn: expiresOn });
}

function supervisionRecent(facts: PracticeFacts): Duty {
  const last = facts.lastSupervisionOn;
  if (last === undefined) return duty('supervision-recent', 'missing');
  return recurring('supervision-recent', facts.today, last, facts.supervisionMaxMonths);
}

/**
 * Records kept safe (2.15): a vault on one laptop is one theft or disk failure away from
 * losing every dossier, so a recent verified backup in an available folder is a duty.
 */
function backupRecent(facts: PracticeFacts): Duty | undefined {
  const backup = facts.backup;
  if (backup === undefined) return undefined;
  if (!backup.folderSet || backup.lastGoodOn === undefined) return duty('backup-recent', 'missing');
  if (!backup.folderAvailable) return duty('backup-recent', 'overdue', { since: facts.today });
  const dueOn = plusDays(backup.lastGoodOn, backup.warnDays);
  if (daysBetween(facts.today, dueOn) < 0) {
    return duty('backup-recent', 'overdue', { since: plusDays(dueOn, 1), dueOn });
  }
  return duty('backup-recent', 'done', { since: backup.lastGoodOn, dueOn });
}

/** The practice's own duties under the code, in the order of the articles. */
export function practiceDuties(facts: PracticeFacts): Duty[] {
  const backup = backupRecent(facts);
  return [
    ...(backup ? [backup] : []),
    continuityPlan(facts),
    continuityDrill(facts),
    insurance(facts),
    supervisionRecent(facts),
  ];
}
