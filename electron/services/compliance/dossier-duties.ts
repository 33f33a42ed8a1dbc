import { daysBetween, earliest, isMinorOn, latest, plusDays } from './dates';
import { duty } from './duty';
import type { DossierFacts, Duty, DutyId, IsoDate } from './types';

const GUARDIAN_REVIEW_WARNING_DAYS = 30;
const FOLLOW_UP_WARNING_DAYS = 14;
const RETENTION_WARNING_DAYS = 30;

/** What every rule needs to know about where the dossier stands. */
interface Frame {
  today: IsoDate;
  ended: boolean;
  /**
   * The day the duties of the working relationship are judged on: today, or the end date
   * once the dossier has ended, so that the end freezes them as history instead of letting
   * time alone turn them overdue (a session planned after the end never took place, a
   * guardian agreement due for review after the end needs no review).
   */
  asOf: IsoDate;
  firstSessionOn?: IsoDate;
  sessionHeld: boolean;
}

function frameOf(facts: DossierFacts): Frame {
  const endedOn = facts.ending?.endedOn;
  const ended = facts.client.status === 'ended' || facts.ending !== undefined;
  const asOf =
    ended && endedOn !== undefined && daysBetween(facts.today, endedOn) < 0 ? endedOn : facts.today;
  const first = facts.firstSessionOn;
  return {
    today: facts.today,
    ended,
    asOf,
    firstSessionOn: first,
    sessionHeld: first !== undefined && daysBetween(first, asOf) >= 0,
  };
}

/**
 * The duties the code places before the work starts (2.2, 2.3, 2.14, 2.16). `doneOn` is the
 * day the duty was fulfilled, undefined while it is not.
 */
function beforeFirstSession(id: DutyId, frame: Frame, doneOn: IsoDate | undefined): Duty {
  if (doneOn !== undefined) return duty(id, 'done', { since: doneOn });
  if (frame.sessionHeld) return duty(id, 'overdue', { since: frame.firstSessionOn });
  // A planned first session is the deadline; after the end there is none left to plan for.
  return duty(id, 'missing', { dueOn: frame.ended ? undefined : frame.firstSessionOn });
}

function codeGiven(facts: DossierFacts, frame: Frame): Duty {
  const given = facts.contract?.codeGivenOn;
  const complaints = facts.contract?.complaintsProcedureOn;
  const first = frame.firstSessionOn;
  // 2.2 is about timing, not only about record: a late hand-over does not fulfil it.
  const inTime = (date: IsoDate): boolean => first === undefined || daysBetween(date, first) >= 0;
  const doneOn =
    given !== undefined && complaints !== undefined && inTime(given) && inTime(complaints)
      ? latest([given, complaints])
      : undefined;
  return beforeFirstSession('code-given', frame, doneOn);
}

function contractSigned(facts: DossierFacts, frame: Frame): Duty {
  return beforeFirstSession('contract-signed', frame, facts.contract?.signedOn);
}

function confidentialityAgreed(facts: DossierFacts, frame: Frame): Duty {
  const agreement = facts.confidentiality;
  // 2.14 asks for the conditions themselves; a date with no exception agreed names none.
  const doneOn =
    agreement !== undefined && agreement.exceptions.length > 0 ? agreement.agreedOn : undefined;
  return beforeFirstSession('confidentiality-agreed', frame, doneOn);
}

function supervisionConsent(facts: DossierFacts, frame: Frame): Duty {
  return beforeFirstSession('supervision-consent', frame, facts.contract?.supervisionConsentOn);
}

function guardianAgreement(facts: DossierFacts, frame: Frame): Duty {
  const { client } = facts;
  const minor =
    client.isMinor ||
    (client.dateOfBirth !== undefined && isMinorOn(client.dateOfBirth, frame.asOf));
  if (!minor && !client.isVulnerableAdult) return duty('guardian-agreement', 'not-applicable');

  const consented = facts.guardians.filter((g) => g.consentOn !== undefined);
  if (consented.length === 0) return duty('guardian-agreement', 'missing');

  // A review date is the last day the agreement holds unreviewed; without one it never lapses.
  const lapsed: IsoDate[] = [];
  const upcoming: IsoDate[] = [];
  let openEnded = false;
  for (const { reviewOn } of consented) {
    if (reviewOn === undefined) openEnded = true;
    else if (daysBetween(frame.asOf, reviewOn) < 0) lapsed.push(reviewOn);
    else upcoming.push(reviewOn);
  }

  const lastLapsed = latest(lapsed);
  if (!openEnded && upcoming.length === 0 && lastLapsed !== undefined) {
    return duty('guardian-agreement', 'overdue', {
      since: plusDays(lastLapsed, 1),
      dueOn: lastLapsed,
    });
  }
  const nextReview = earliest(upcoming);
  if (frame.ended) {
    return duty('guardian-agreement', 'done', { since: latest(consented.map((g) => g.consentOn)) });
  }
  if (
    nextReview !== undefined &&
    daysBetween(frame.asOf, nextReview) <= GUARDIAN_REVIEW_WARNING_DAYS
  ) {
    return duty('guardian-agreement', 'due-soon', { dueOn: nextReview });
  }
  return duty('guardian-agreement', 'done', {
    since: latest(consented.map((g) => g.consentOn)),
    dueOn: nextReview,
  });
}

function conflictsDiscussed(facts: DossierFacts): Duty {
  if (facts.conflicts.length === 0) return duty('conflicts-discussed', 'not-applicable');
  if (facts.conflicts.some((c) => c.discussedOn === undefined)) {
    return duty('conflicts-discussed', 'missing');
  }
  return duty('conflicts-discussed', 'done', {
    since: latest(facts.conflicts.map((c) => c.discussedOn)),
  });
}

function retention(facts: DossierFacts, frame: Frame): Duty {
  if (!frame.ended) return duty('retention', 'not-applicable');
  const until = facts.retentionUntil;
  if (until === undefined) return duty('retention', 'missing', { since: facts.ending?.endedOn });
  // retentionUntil is exclusive: on that day the records must be erased or the term extended.
  const daysLeft = daysBetween(frame.today, until);
  if (daysLeft <= 0) return duty('retention', 'overdue', { since: until, dueOn: until });
  if (daysLeft <= RETENTION_WARNING_DAYS) return duty('retention', 'due-soon', { dueOn: until });
  return duty('retention', 'done', { dueOn: until });
}

function followUps(facts: DossierFacts, frame: Frame): Duty {
  if (!frame.ended) return duty('follow-ups', 'not-applicable');
  const all = facts.ending?.followUps ?? [];
  const open = all.filter((f) => f.doneOn === undefined);
  if (open.length === 0) {
    return duty('follow-ups', 'done', { since: latest(all.map((f) => f.doneOn)) });
  }
  // A due date is the last day still in time, so a follow-up due today is not late yet.
  const dueDates = open.flatMap((f) => (f.dueOn === undefined ? [] : [f.dueOn]));
  const daysLeft = (date: IsoDate): number => daysBetween(frame.today, date);
  const firstLate = earliest(dueDates.filter((d) => daysLeft(d) < 0));
  if (firstLate !== undefined) {
    return duty('follow-ups', 'overdue', { since: plusDays(firstLate, 1), dueOn: firstLate });
  }
  const nextDue = earliest(dueDates);
  if (nextDue !== undefined && daysLeft(nextDue) <= FOLLOW_UP_WARNING_DAYS) {
    return duty('follow-ups', 'due-soon', { dueOn: nextDue });
  }
  return duty('follow-ups', 'missing', { dueOn: nextDue });
}

/** The dossier's duties under the code, in the order of the articles. */
export function dossierDuties(facts: DossierFacts): Duty[] {
  const frame = frameOf(facts);
  return [
    codeGiven(facts, frame),
    contractSigned(facts, frame),
    confidentialityAgreed(facts, frame),
    supervisionConsent(facts, frame),
    guardianAgreement(facts, frame),
    conflictsDiscussed(facts),
    retention(facts, frame),
    followUps(facts, frame),
  ];
}
