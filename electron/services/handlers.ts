import { listAudit, verifyAuditChain } from '../../db/audit';
import { listAll } from '../../db/rows';
import {
  conflictsTable,
  developmentTable,
  disclosuresTable,
  feedbackTable,
  followUpsTable,
  guardiansTable,
  peopleTable,
  referralsTable,
} from '../../db/tables';
import type { MethodInput, MethodName, MethodOutput } from '../api';
import type {
  Conflict,
  Development,
  Disclosure,
  Feedback,
  FollowUp,
  Guardian,
  Person,
  Referral,
} from '../contract/records';
import { removeEnding, saveConfidentiality, saveContract, saveEnding } from './agreements';
import { attachmentContent, deleteAttachment, listAttachments } from './attachments';
import { deleteSummary, finalizeSummary, listSummaries, prepareSummary } from './case-summaries';
import { listClients } from './client-list';
import type { ServiceContext } from './context';
import { createClient, eraseClient, getDossier, updateClient } from './dossiers';
import { handoverHandlers } from './handover/handlers';
import { addLinkedAttachment } from './linked-uploads';
import { pseudonymOf } from './ownership';
import { getPractice, practiceCompliance, setCodeDocument, updatePractice } from './practice';
import { recordService } from './records';
import type { SessionMethod } from './session-handlers';
import {
  createSession,
  deleteSession,
  getSession,
  searchSessions,
  updateSession,
} from './sessions';
import { getSettings, updateSettings } from './settings';
import {
  createMeeting,
  deleteMeeting,
  eligibleClients,
  listMeetings,
  updateMeeting,
} from './supervision';
import { clientsNamedIn } from './supervision-names';

/**
 * Every data method of the contract, bound to its service. Session methods (unlock, lock,
 * backups) are in session-handlers.ts. The mapped type makes a missing method a type error.
 */
export type DataMethod = Exclude<MethodName, SessionMethod>;
type Handler<M extends MethodName> = (
  ctx: ServiceContext,
  input: MethodInput<M>,
) => MethodOutput<M>;
export type Handlers = { [M in DataMethod]: Handler<M> };

type Create<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt'>;

const people = recordService<Person, Create<Person>>(peopleTable, 'person');
const disclosures = recordService<Disclosure, Create<Disclosure>>(disclosuresTable, 'disclosure');
const guardians = recordService<Guardian, Create<Guardian>>(guardiansTable, 'guardian');
const conflicts = recordService<Conflict, Create<Conflict>>(conflictsTable, 'conflict');
const referrals = recordService<Referral, Create<Referral>>(referralsTable, 'referral');
const followUps = recordService<FollowUp, Create<FollowUp>>(followUpsTable, 'follow-up');
const development = recordService<Development, Create<Development>>(
  developmentTable,
  'development',
);
const feedback = recordService<Feedback, Create<Feedback>>(feedbackTable, 'feedback');

/** A disclosure (2.14) is always audited, with the pseudonym and no content. */
function auditDisclosure(ctx: ServiceContext, record: Disclosure, action: string): Disclosure {
  ctx.audit(action, pseudonymOf(ctx.db, record.clientId), {
    disclosedOn: record.disclosedOn,
    clientInformed: record.clientInformedOn !== null,
  });
  return record;
}

export const handlers: Handlers = {
  'practice.get': (ctx) => ({ practice: getPractice(ctx.db), duties: practiceCompliance(ctx) }),
  'practice.update': (ctx, input) => updatePractice(ctx, input),
  'practice.setCodeDocument': (ctx, input) => setCodeDocument(ctx, input.attachmentId),
  'settings.get': (ctx) => getSettings(ctx.db),
  'settings.update': (ctx, input) => updateSettings(ctx, input),

  'clients.list': (ctx, input) => listClients(ctx, input),
  'clients.get': (ctx, input) => getDossier(ctx, input.id),
  'clients.create': (ctx, input) => createClient(ctx, input),
  'clients.update': (ctx, input) => updateClient(ctx, input),
  'clients.erase': (ctx, input) => eraseClient(ctx, input),

  'people.create': (ctx, input) => people.create(ctx, input),
  'people.update': (ctx, input) => people.update(ctx, input),
  'people.delete': (ctx, input) => people.remove(ctx, input),

  'contract.save': (ctx, input) => saveContract(ctx, input),
  'confidentiality.save': (ctx, input) => saveConfidentiality(ctx, input),

  'disclosures.create': (ctx, input) =>
    auditDisclosure(ctx, disclosures.create(ctx, input), 'disclosure.recorded'),
  'disclosures.update': (ctx, input) =>
    auditDisclosure(ctx, disclosures.update(ctx, input), 'disclosure.changed'),

  'guardians.create': (ctx, input) => guardians.create(ctx, input),
  'guardians.update': (ctx, input) => guardians.update(ctx, input),
  'guardians.delete': (ctx, input) => guardians.remove(ctx, input),

  'sessions.get': (ctx, input) => getSession(ctx.db, input.id),
  'sessions.create': (ctx, input) => createSession(ctx, input),
  'sessions.update': (ctx, input) => updateSession(ctx, input),
  'sessions.delete': (ctx, input) => deleteSession(ctx, input.id),
  'sessions.search': (ctx, input) => searchSessions(ctx.db, input),

  'conflicts.create': (ctx, input) => conflicts.create(ctx, input),
  'conflicts.update': (ctx, input) => conflicts.update(ctx, input),
  'conflicts.delete': (ctx, input) => conflicts.remove(ctx, input),

  'referrals.create': (ctx, input) => referrals.create(ctx, input),
  'referrals.update': (ctx, input) => referrals.update(ctx, input),
  'referrals.delete': (ctx, input) => referrals.remove(ctx, input),

  'ending.save': (ctx, input) => saveEnding(ctx, input),
  'ending.remove': (ctx, input) => removeEnding(ctx, input.clientId),
  'followUps.create': (ctx, input) => followUps.create(ctx, input),
  'followUps.update': (ctx, input) => followUps.update(ctx, input),
  'followUps.delete': (ctx, input) => followUps.remove(ctx, input),

  'development.list': (ctx) => listAll(ctx.db, developmentTable, ['activityOn']).reverse(),
  'development.create': (ctx, input) => development.create(ctx, input),
  'development.update': (ctx, input) => development.update(ctx, input),
  'development.delete': (ctx, input) => development.remove(ctx, input),

  'feedback.list': (ctx) => listAll(ctx.db, feedbackTable, ['receivedOn']).reverse(),
  'feedback.create': (ctx, input) => feedback.create(ctx, input),
  'feedback.update': (ctx, input) => feedback.update(ctx, input),
  'feedback.delete': (ctx, input) => feedback.remove(ctx, input),

  'attachments.add': (ctx, input) => addLinkedAttachment(ctx, input),
  'attachments.list': (ctx, input) => listAttachments(ctx.db, input.clientId),
  'attachments.content': (ctx, input) => attachmentContent(ctx, input.id),
  'attachments.delete': (ctx, input) => deleteAttachment(ctx, input.id),

  'supervision.list': (ctx) => listMeetings(ctx.db),
  'supervision.eligibleClients': (ctx) => eligibleClients(ctx.db),
  'supervision.findNames': (ctx, input) => clientsNamedIn(ctx.db, input.texts),
  'supervision.create': (ctx, input) => createMeeting(ctx, input),
  'supervision.update': (ctx, input) => updateMeeting(ctx, input),
  'supervision.delete': (ctx, input) => deleteMeeting(ctx, input.id),

  'summaries.prepare': (ctx, input) => prepareSummary(ctx, input),
  'summaries.finalize': (ctx, input) => finalizeSummary(ctx, input),
  'summaries.list': (ctx, input) => listSummaries(ctx.db, input.clientId),
  'summaries.delete': (ctx, input) => deleteSummary(ctx, input.id),

  'audit.list': (ctx, input) => listAudit(ctx.db, input),
  'audit.verify': (ctx) => verifyAuditChain(ctx.db),

  ...handoverHandlers,
};
