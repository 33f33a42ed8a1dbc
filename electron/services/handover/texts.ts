import { type RetentionRow, retentionText } from './access-texts';
import type { BundleKind, DossierDocument, HandoverReason } from './bundle-schema';
import { dutchDay, REASON_LABEL } from './dossier-pdf';
import type { PracticeInfo } from './dossier-read';

/**
 * The plain texts inside a bundle: how to open it (Dutch and English), the retention
 * schedule, and for a closure the letter to each client from a template the coach edits.
 */

export interface BundleTexts {
  kind: BundleKind;
  reason: HandoverReason;
  createdAt: string;
  practice: PracticeInfo;
  to: string;
  recipient: 'key' | 'passphrase' | 'none';
  clients: number;
}

export function readmeNl(t: BundleTexts): string {
  const opening =
    t.recipient === 'passphrase'
      ? [
          '  age -d -o bundel.zip <bestand>.age',
          '  (age vraagt om het wachtwoord dat u apart van dit bestand heeft gekregen)',
        ]
      : t.recipient === 'key'
        ? [
            '  age -d -i sleutel.txt -o bundel.zip <bestand>.age',
            '  (sleutel.txt bevat de geheime sleutel AGE-SECRET-KEY-1... van de ontvanger)',
          ]
        : ['  (deze export is niet versleuteld)'];
  return [
    'DOSSIERKLUIS — OVERDRACHTSBUNDEL',
    '================================',
    '',
    `Gemaakt op:  ${t.createdAt}`,
    `Praktijk:    ${t.practice.practice || '-'}`,
    `Coach:       ${t.practice.coach || '-'}${t.practice.licenceNumber ? ` (registratie ${t.practice.licenceNumber})` : ''}`,
    `Contact:     ${[t.practice.email, t.practice.phone].filter(Boolean).join(', ') || '-'}`,
    `Bestemd voor: ${t.to || '-'}`,
    `Reden:       ${REASON_LABEL[t.reason] ?? t.reason}`,
    `Cliënten:    ${t.clients}`,
    '',
    'Deze bundel bevat vertrouwelijke cliëntdossiers (ethische code TotalBalance, art.',
    '2.13–2.15 en 2.28). Bewaar hem versleuteld; pak hem alleen uit op een computer die',
    'u vertrouwt, en verwijder de uitgepakte bestanden zodra u ze niet meer nodig heeft.',
    '',
    'OPENEN MET DOSSIERKLUIS',
    ...(t.kind === 'continuity'
      ? [
          '  Kies in Dossierkluis Praktijk › Overdracht › Herstellen met het noodpakket, kies',
          '  dit bestand en laat de bewaarders hun deel van de noodsleutel intypen (zoveel als',
          '  op hun pagina staat). Dossierkluis controleert elk bestand en toont wat er wordt',
          '  ingelezen voordat er iets verandert.',
        ]
      : [
          '  Kies in Dossierkluis Praktijk › Overdracht › Dossiers overnemen en kies dit',
          '  bestand. Dossierkluis controleert elk bestand en toont wat er wordt ingelezen',
          '  voordat er iets verandert.',
        ]),
    '',
    'INHOUD',
    '  manifest.json                    overzicht: wie, waarom, welke cliënten en een',
    '                                   controlewaarde van elk bestand',
    '  bewaartermijnen.txt              tot wanneer elk dossier bewaard moet worden',
    '  clients/<nummer>/dossier.pdf     het dossier, leesbaar',
    '  clients/<nummer>/dossier.json    het dossier, volledig en exact (voor import)',
    '  clients/<nummer>/attachments/    documenten van het dossier',
    ...(t.reason === 'closure'
      ? ['  clients/<nummer>/kennisgeving.txt  brief aan de cliënt over de beëindiging']
      : []),
    '',
    'TECHNISCHE DETAILS',
    '  Openen zonder Dossierkluis kan met het programma age (https://age-encryption.org):',
    ...opening,
    '  Daarna uitpakken met elk zip-programma, bijvoorbeeld: unzip bundel.zip',
    '  Controleren: de sha256sum van elk bestand moet gelijk zijn aan de waarde in',
    '  manifest.json.',
    '',
  ].join('\n');
}

export function readmeEn(t: BundleTexts): string {
  const opening =
    t.recipient === 'passphrase'
      ? ['  age -d -o bundle.zip <file>.age        (age asks for the passphrase)']
      : t.recipient === 'key'
        ? [
            '  age -d -i key.txt -o bundle.zip <file>.age   (key.txt: the AGE-SECRET-KEY-1... identity)',
          ]
        : ['  (this export is not encrypted)'];
  return [
    'DOSSIERKLUIS — HANDOVER BUNDLE',
    '==============================',
    '',
    `Created:   ${t.createdAt}`,
    `Practice:  ${t.practice.practice || '-'} (${t.practice.coach || '-'})`,
    `For:       ${t.to || '-'}`,
    `Reason:    ${t.reason}`,
    `Clients:   ${t.clients}`,
    '',
    'Confidential client records. To open them in Dossierkluis, choose',
    ...(t.kind === 'continuity'
      ? ['Practice › Handover › Recover with the emergency kit and choose this file.']
      : ['Practice › Handover › Take dossiers over and choose this file.']),
    'Every file is checked before anything is written. dossier.pdf is the readable record,',
    'dossier.json the complete one.',
    '',
    'TECHNICAL DETAILS',
    '  Without Dossierkluis, with age (https://age-encryption.org):',
    ...opening.map((line) => `  ${line.trimStart()}`),
    '  then unzip it with any zip tool. manifest.json lists every file with its SHA-256 and',
    '  size; dossier.json is the import format, schema "dossierkluis-dossier" version 1.',
    '',
  ].join('\n');
}

/** The successor's retention schedule: Dutch, like the rest of a handover. */
export function retentionSchedule(createdAt: string, rows: readonly RetentionRow[]): string {
  return retentionText(createdAt, rows, 'nl');
}

export function retentionRow(dossier: DossierDocument): RetentionRow {
  return {
    pseudonym: dossier.client.pseudonym,
    name: `${dossier.client.firstName} ${dossier.client.lastName}`.trim(),
    status: dossier.client.status,
    endedOn: dossier.ending?.endedOn ?? null,
    until: dossier.ending?.effectiveRetentionUntil ?? null,
  };
}

/** The placeholders a letter template may use, each replaced per client. */
export const LETTER_PLACEHOLDERS = [
  'voornaam',
  'achternaam',
  'naam',
  'coach',
  'praktijk',
  'contact',
  'opvolger',
  'datum',
  'bewaren_tot',
] as const;

export const DEFAULT_CLOSURE_LETTER = `{{praktijk}}
{{datum}}

Beste {{voornaam}},

Met deze brief laat ik u weten dat ik mijn coachpraktijk beëindig. Ik dank u voor het
vertrouwen dat u mij heeft gegeven.

Uw dossier wordt, zoals de ethische code van TotalBalance vraagt (art. 2.28), vertrouwelijk
overgedragen aan {{opvolger}}. Wilt u dat niet, of wilt u uw dossier inzien of laten
vernietigen, laat het mij dan weten via {{contact}}. Uw dossier wordt bewaard tot
{{bewaren_tot}} en daarna vernietigd.

Wilt u uw traject voortzetten, dan kunt u contact opnemen met {{opvolger}}.

Met vriendelijke groet,

{{coach}}
`;

export function renderLetter(
  template: string,
  dossier: DossierDocument,
  practice: PracticeInfo,
  to: string,
  createdAt: string,
): string {
  const values: Record<(typeof LETTER_PLACEHOLDERS)[number], string> = {
    voornaam: dossier.client.firstName,
    achternaam: dossier.client.lastName,
    naam: `${dossier.client.firstName} ${dossier.client.lastName}`.trim(),
    coach: practice.coach || practice.practice,
    praktijk: practice.practice || practice.coach,
    contact: [practice.email, practice.phone].filter(Boolean).join(' of ') || practice.coach,
    opvolger: to || 'mijn opvolger',
    datum: dutchDay(createdAt.slice(0, 10)),
    bewaren_tot: dossier.ending
      ? dutchDay(dossier.ending.effectiveRetentionUntil)
      : `${practice.retentionYears} jaar na het einde van uw traject`,
  };
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, key: string) =>
    key in values ? values[key as keyof typeof values] : whole,
  );
}
