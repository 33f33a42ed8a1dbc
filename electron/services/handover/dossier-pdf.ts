import type { DossierDocument } from './bundle-schema';
import { field, heading, newPdf, note, paragraph, subheading, title } from './pdf-text';

/**
 * dossier.pdf: the dossier as a person reads it without Dossierkluis, in Dutch: client,
 * contract and agreements (2.2–2.17), disclosures, conflicts, referrals, every session
 * with its notes and reflection, the ending with the retention date, open follow-ups
 * (2.27d), feedback, and the list of documents that travel beside it in the bundle.
 */

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** '2026-03-12' → '12 maart 2026'. */
export function dutchDay(day: string | null | undefined): string {
  if (!day) return '–';
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  const name = MONTHS[(month ?? 0) - 1];
  if (!year || !name || !date) return day;
  return `${date} ${name} ${year}`;
}

/** A moment as it was entered, in its own offset: '12 maart 2026, 14:00'. */
export function dutchMoment(moment: string): string {
  return `${dutchDay(moment.slice(0, 10))}, ${moment.slice(11, 16)}`;
}

function yesNo(value: boolean): string {
  return value ? 'ja' : 'nee';
}

const STATUS: Record<string, string> = {
  intake: 'Intake',
  active: 'Lopend',
  ended: 'Afgesloten',
};
const FORM: Record<string, string> = {
  'in-person': 'Op locatie',
  video: 'Video',
  phone: 'Telefoon',
  walking: 'Wandelcoaching',
  other: 'Anders',
};
const INITIATOR: Record<string, string> = {
  client: 'Cliënt',
  coach: 'Coach',
  mutual: 'In overleg',
  sponsor: 'Opdrachtgever',
};
const FEEDBACK_SOURCE: Record<string, string> = {
  client: 'Cliënt',
  sponsor: 'Opdrachtgever',
  peer: 'Collega',
  supervisor: 'Supervisor',
  other: 'Anders',
};

export const REASON_LABEL: Record<string, string> = {
  closure: 'Beëindiging van de praktijk',
  incapacity: 'Arbeidsongeschiktheid of overlijden van de coach',
  transfer: 'Overdracht aan een opvolger',
  'client-move': 'Overstap van de cliënt naar een andere coach',
  continuity: 'Continuïteitsbundel (noodpakket)',
  'access-request': 'Inzageverzoek van de cliënt (AVG art. 15)',
};

/** A file size in words a reader knows: kB and MB, never a count of bytes. */
function kib(bytes: number): string {
  if (bytes < 1024) return 'minder dan 1 kB';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

export interface DossierPdfContext {
  practice: string;
  coach: string;
  createdAt: string;
  reason: string;
}

/**
 * pdfkit lays text out synchronously, about 1 ms per hundred words; a dossier of 200
 * long sessions would hold the main process for most of a second. So rendering yields
 * to the event loop every few milliseconds: the UI stays responsive during an export.
 */
const SLICE_MS = 15;

function yielder(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  };
}

export async function renderDossierPdf(
  dossier: DossierDocument,
  context: DossierPdfContext,
): Promise<Buffer> {
  const pause = yielder();
  const { client } = dossier;
  const name = `${client.firstName} ${client.lastName}`.trim();
  const { doc, bytes } = newPdf({ title: `Dossier ${name}`, subject: 'Cliëntdossier' });

  title(doc, `Dossier ${name}`);
  note(
    doc,
    `Pseudoniem ${client.pseudonym} · cliëntnummer ${client.id}\n` +
      `Uit Dossierkluis van ${context.practice || context.coach || 'de praktijk'}, ${dutchMoment(context.createdAt)}. ` +
      `Reden: ${REASON_LABEL[context.reason] ?? context.reason}.\n` +
      'Vertrouwelijk. Dit document geeft het dossier leesbaar weer; dossier.json in dezelfde map is de volledige, exacte versie.',
  );

  heading(doc, 'Cliënt');
  field(doc, 'Naam', name);
  field(doc, 'Geboortedatum', dutchDay(client.dateOfBirth));
  field(doc, 'Minderjarig', yesNo(client.isMinor));
  field(doc, 'Kwetsbare volwassene', yesNo(client.isVulnerableAdult));
  field(doc, 'E-mail', client.email);
  field(doc, 'Telefoon', client.phone);
  field(doc, 'Adres', client.address);
  field(doc, 'Status', STATUS[client.status] ?? client.status);
  field(doc, 'In dossier sinds', dutchMoment(client.createdAt));
  if (client.sponsorOrganisation || client.sponsorContact) {
    field(doc, 'Opdrachtgever', client.sponsorOrganisation);
    field(doc, 'Contactpersoon opdrachtgever', client.sponsorContact);
    field(doc, 'E-mail opdrachtgever', client.sponsorEmail);
    field(doc, 'Telefoon opdrachtgever', client.sponsorPhone);
  }
  if (client.notes) {
    subheading(doc, 'Aantekeningen');
    paragraph(doc, client.notes);
  }

  if (dossier.people.length > 0) {
    heading(doc, 'Betrokkenen');
    for (const person of dossier.people) {
      field(doc, person.name, person.relation);
      paragraph(doc, person.notes, { muted: true });
    }
  }

  heading(doc, 'Overeenkomst (art. 2.2, 2.3, 2.6, 2.16)');
  const contract = dossier.contract;
  if (!contract) {
    paragraph(doc, 'Geen overeenkomst vastgelegd.');
  } else {
    field(doc, 'Start', dutchDay(contract.startOn));
    field(doc, 'Geplande duur', contract.plannedDuration);
    field(doc, 'Geplande sessies', contract.plannedSessions);
    field(doc, 'Ethische code gegeven op', dutchDay(contract.codeGivenOn));
    field(doc, 'Klachtenprocedure gegeven op', dutchDay(contract.complaintsProcedureOn));
    field(doc, 'Toestemming supervisie op', dutchDay(contract.supervisionConsentOn));
    field(doc, 'Ondertekend op', dutchDay(contract.signedOn));
    const signedCopy = dossier.attachments.find((a) => a.id === contract.signedCopyId);
    if (signedCopy) field(doc, 'Getekend exemplaar', signedCopy.path);
    for (const [label, text] of [
      ['Doelen', contract.goals],
      ['Tarieven', contract.fees],
      ['Betalingsvoorwaarden', contract.paymentTerms],
      ['Praktische afspraken', contract.logistics],
      ['Vertrouwelijkheid', contract.confidentialityTerms],
      ['Rapportage aan opdrachtgever', contract.sponsorReporting],
    ] as const) {
      if (!text) continue;
      subheading(doc, label);
      paragraph(doc, text);
    }
  }

  heading(doc, 'Vertrouwelijkheidsafspraak (art. 2.13, 2.14)');
  const agreement = dossier.confidentiality;
  if (!agreement) {
    paragraph(doc, 'Geen afspraak vastgelegd.');
  } else {
    field(doc, 'Afgesproken op', dutchDay(agreement.agreedOn));
    field(doc, 'Afgesproken met', agreement.agreedWith);
    const exceptions = [
      agreement.legalDuty ? 'wettelijke plicht' : '',
      agreement.illegalActivity ? 'illegale activiteiten' : '',
      agreement.dangerSelf ? 'gevaar voor de cliënt zelf' : '',
      agreement.dangerOthers ? 'gevaar voor anderen' : '',
      agreement.otherException ? `anders: ${agreement.otherException}` : '',
    ].filter(Boolean);
    field(doc, 'Uitzonderingen', exceptions.join('; ') || 'geen');
    paragraph(doc, agreement.notes, { muted: true });
  }

  if (dossier.guardians.length > 0) {
    heading(doc, 'Wettelijk vertegenwoordigers (art. 2.17)');
    for (const guardian of dossier.guardians) {
      subheading(doc, `${guardian.name}${guardian.relation ? ` (${guardian.relation})` : ''}`);
      field(doc, 'Contact', [guardian.email, guardian.phone].filter(Boolean).join(', '));
      field(doc, 'Toestemming op', dutchDay(guardian.consentOn));
      field(doc, 'Herzien op', dutchDay(guardian.reviewOn));
      field(doc, 'Wordt gedeeld', guardian.shared);
      field(doc, 'Wordt niet gedeeld', guardian.notShared);
    }
  }

  if (dossier.disclosures.length > 0) {
    heading(doc, 'Doorbreking van vertrouwelijkheid (art. 2.14)');
    for (const disclosure of dossier.disclosures) {
      subheading(doc, `${dutchDay(disclosure.disclosedOn)} aan ${disclosure.recipient}`);
      field(doc, 'Grond', disclosure.legalBasis);
      field(doc, 'Wat gedeeld', disclosure.whatShared);
      field(doc, 'Cliënt geïnformeerd op', dutchDay(disclosure.clientInformedOn));
      paragraph(doc, disclosure.notes, { muted: true });
    }
  }

  if (dossier.conflicts.length > 0) {
    heading(doc, 'Belangenconflicten (art. 2.20–2.24)');
    for (const conflict of dossier.conflicts) {
      subheading(doc, `Vastgesteld ${dutchDay(conflict.identifiedOn)}`);
      paragraph(doc, conflict.description);
      field(doc, 'Besproken op', dutchDay(conflict.discussedOn));
      field(doc, 'Opgelost op', dutchDay(conflict.resolvedOn));
      paragraph(doc, conflict.resolution, { muted: true });
    }
  }

  if (dossier.referrals.length > 0) {
    heading(doc, 'Verwijzingen (art. 2.26, 4.1)');
    for (const referral of dossier.referrals) {
      subheading(doc, `${dutchDay(referral.referredOn)} naar ${referral.referredTo}`);
      field(doc, 'Cliënt akkoord', yesNo(referral.clientAgreed));
      paragraph(doc, referral.reason);
      paragraph(doc, referral.notes, { muted: true });
    }
  }

  heading(doc, `Sessies (${dossier.sessions.length})`);
  if (dossier.sessions.length === 0) paragraph(doc, 'Geen sessies vastgelegd.');
  for (const session of dossier.sessions) {
    await pause();
    const duration = session.durationMinutes ? `, ${session.durationMinutes} min` : '';
    subheading(
      doc,
      `${dutchMoment(session.startsAt)} · ${FORM[session.form] ?? session.form}${duration}`,
    );
    if (session.tags.length > 0) field(doc, 'Labels', session.tags.join(', '));
    paragraph(doc, session.notes);
    if (session.reflection) {
      note(doc, 'Reflectie van de coach:');
      paragraph(doc, session.reflection, { muted: true });
    }
    const files = dossier.attachments.filter((a) => a.sessionId === session.id);
    for (const file of files) field(doc, 'Bijlage', file.path);
  }

  heading(doc, 'Afsluiting (art. 2.25–2.27)');
  const ending = dossier.ending;
  if (!ending) {
    paragraph(doc, 'Het traject is niet afgesloten.');
  } else {
    field(doc, 'Beëindigd op', dutchDay(ending.endedOn));
    field(doc, 'Op initiatief van', INITIATOR[ending.initiatedBy] ?? ending.initiatedBy);
    field(doc, 'Bewaren tot', dutchDay(ending.effectiveRetentionUntil));
    if (ending.reason) {
      subheading(doc, 'Reden');
      paragraph(doc, ending.reason);
    }
    if (ending.summary) {
      subheading(doc, 'Samenvatting');
      paragraph(doc, ending.summary);
    }
  }

  const open = dossier.followUps.filter((f) => f.doneOn === null);
  const done = dossier.followUps.filter((f) => f.doneOn !== null);
  heading(doc, 'Openstaande toezeggingen (art. 2.27d)');
  if (open.length === 0) paragraph(doc, 'Geen.');
  for (const followUp of open) {
    field(doc, `Uiterlijk ${dutchDay(followUp.dueOn)}`, followUp.description);
  }
  if (done.length > 0) {
    subheading(doc, 'Afgerond');
    for (const followUp of done) {
      field(doc, `Gedaan ${dutchDay(followUp.doneOn)}`, followUp.description);
    }
  }

  if (dossier.feedback.length > 0) {
    heading(doc, 'Feedback (art. 4.8)');
    for (const item of dossier.feedback) {
      subheading(
        doc,
        `${dutchDay(item.receivedOn)} · ${FEEDBACK_SOURCE[item.source] ?? item.source}`,
      );
      paragraph(doc, item.summary);
      paragraph(doc, item.actions, { muted: true });
    }
  }

  heading(doc, `Documenten (${dossier.attachments.length})`);
  if (dossier.attachments.length === 0) paragraph(doc, 'Geen.');
  for (const file of dossier.attachments) {
    field(doc, file.name, `${kib(file.size)}, ${file.path}`);
  }

  doc.end();
  return await bytes;
}
