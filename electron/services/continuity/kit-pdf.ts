import { dutchDay } from '../handover/dossier-pdf';
import { newPdf, toWinAnsi } from '../handover/pdf-text';
import { type HeldShare, printedShare } from './kit';
import { CONTINUITY_FILE, type ContinuityPlan, type KitInfo } from './plan';
import { SUCCESSOR_PATH as P } from './successor-path';

/**
 * One keeper's sheet of the emergency kit: a PDF of its own with that keeper's code and
 * nothing of anyone else's, so a sheet that ends up in a synced folder, a print queue
 * or a print shop's inbox opens nothing by itself. It says in plain Dutch what the
 * sheet is for, how to keep it and, step by step with the app's own labels, what the
 * successor does when the coach can no longer act. Standard fonts only; the code in
 * Courier, in numbered groups, so it can be read aloud and typed back.
 */

function clip(text: string, max: number): string {
  const flat = text.trim();
  return flat.length <= max
    ? flat
    : `${flat.slice(0, max - 1).trimEnd()}… (zie het continuïteitsplan)`;
}

function quoted(label: string): string {
  return `‘${label}’`;
}

/** The coach's free text as a sentence of its own: a capital at the start, a full stop at the end. */
function asSentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** The successor's way in, as numbered steps; exported for the test that checks the labels. */
export function successorSteps(options: {
  threshold: number;
  bundleLocationNote: string;
}): string[] {
  const where = options.bundleLocationNote.trim();
  return [
    'Installeer Dossierkluis op de computer van de opvolger en open het. Gebruikt de opvolger ' +
      'Dossierkluis al? Open het dan met de eigen wachtwoordzin en ga naar stap 3.',
    `Op het eerste scherm, ${quoted(P.firstScreen)}: kies een wachtwoordzin, typ die nog een keer ` +
      `en kies ${quoted(P.createVault)}. Schrijf de herstelsleutel op die dan verschijnt, vink ` +
      `${quoted(P.recoveryWritten)} aan en kies ${quoted(P.recoveryContinue)}.`,
    `Kies in het menu links, onder ${quoted(P.menuHeading)}, de knop ${quoted(P.menuItem)}. ` +
      `Ga op die pagina naar het deel ${quoted(P.section)}.`,
    `Kies ${quoted(P.chooseFile)} en kies het bestand ${CONTINUITY_FILE}.` +
      (where ? ` Waar de bundel ligt: ${asSentence(clip(where, 160))}` : ''),
    `Typ de code van dit blad in het vak ${quoted(`${P.codeBox} 1`)}, de code van de volgende ` +
      `bewaarder in ${quoted(`${P.codeBox} 2`)}, enzovoort, tot minstens ${options.threshold} ` +
      `bewaarders hun code hebben ingetypt (meer vakken: ${quoted(P.moreBoxes)}). Spaties, ` +
      'streepjes en hoofdletters maken niet uit; O en 0, I en 1 ook niet. Bij een typefout ' +
      'zegt Dossierkluis welk groepje niet klopt.',
    `Kies ${quoted(P.open)}. Daarna ziet de opvolger de dossiers en kiest wat er wordt ` +
      'overgenomen.',
  ];
}

export function renderKeeperSheet(options: {
  kit: KitInfo;
  share: HeldShare;
  plan: ContinuityPlan;
  practice: { practice: string; coach: string };
}): Promise<Buffer> {
  const { kit, share, plan, practice } = options;
  const named = practice.practice || practice.coach;
  const practiceName = named || 'de praktijk';
  const { doc, bytes } = newPdf({
    title: `Noodpakket${named ? ` ${named}` : ''}: blad voor ${share.keeper}`,
    subject: 'Noodpakket, blad van één bewaarder (art. 2.28)',
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const successors = plan.successors
    .map((s) => [s.name, s.organisation, s.phone || s.email].filter(Boolean).join(', '))
    .join('; ');
  const others = plan.keepers
    .filter((_, i) => i !== share.number - 1)
    .map((k) => [k.name, k.phone || k.email].filter(Boolean).join(', '))
    .join('; ');
  const { groups } = printedShare(share);

  doc.font('Helvetica-Bold').fontSize(16).text(toWinAnsi('Noodpakket Dossierkluis'));
  doc
    .font('Helvetica-Bold')
    .fontSize(12)
    .text(toWinAnsi(`Blad voor ${share.keeper} (bewaarder ${share.number} van ${kit.count})`));
  doc.moveDown(0.4);
  doc.font('Helvetica').fontSize(9.5);
  const facts: [string, string][] = [
    [
      'Praktijk',
      // "Praktijk: de praktijk" tells a keeper nothing; say the name was never filled in.
      named
        ? `${named}${practice.coach && practice.practice ? ` (${practice.coach})` : ''}`
        : '(geen praktijknaam ingevuld)',
    ],
    ['Gemaakt op', dutchDay(kit.issuedAt.slice(0, 10))],
    [
      'Nodig om de dossiers te openen',
      `minstens ${kit.threshold} van de ${kit.count} bewaarders, elk met de code op het eigen blad`,
    ],
  ];
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').text(toWinAnsi(`${label}: `), { continued: true });
    doc.font('Helvetica').text(toWinAnsi(value));
  }
  doc.moveDown(0.5);
  doc.font('Helvetica-Bold').fontSize(10).text(toWinAnsi('De code op dit blad'));
  doc.moveDown(0.2);

  // The code: 14 numbered groups in two columns, large and unambiguous.
  const top = doc.y;
  const boxHeight = 7 * 24 + 16;
  doc.rect(left, top, width, boxHeight).lineWidth(1).stroke();
  groups.forEach((group, g) => {
    const column = g < 7 ? 0 : 1;
    const row = g % 7;
    const x = left + 20 + column * (width / 2);
    const y = top + 10 + row * 24;
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#555555')
      .text(String(g + 1).padStart(2, '0'), x, y + 4, { lineBreak: false });
    doc
      .font('Courier-Bold')
      .fontSize(17)
      .fillColor('black')
      .text(`${group.slice(0, 3)} ${group.slice(3)}`, x + 24, y, { lineBreak: false });
  });
  doc.x = left;
  doc.y = top + boxHeight + 8;

  const section = (title: string, text: string): void => {
    doc.moveDown(0.3);
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('black')
      .text(toWinAnsi(title), left, doc.y, { width });
    doc.font('Helvetica').fontSize(8.6).text(toWinAnsi(text), { width });
  };
  section(
    'Wat is dit?',
    `U bent een van de ${kit.count} bewaarders van het noodpakket van ${practiceName}. De ` +
      'cliëntdossiers van de praktijk staan versleuteld in een bestand dat alleen opengaat met ' +
      `de codes van minstens ${kit.threshold} bewaarders samen. Dat is nodig als de coach zelf ` +
      'niet meer kan (ziekte, ongeval, overlijden). Dit blad alleen opent niets; daarom heeft ' +
      'elke bewaarder een eigen blad en staat er nooit meer dan één blad in één bestand.',
  );
  section(
    'Bewaren',
    'Bewaar dit blad op een veilige plek, zoals een kluis of een afgesloten la, en niet bij de ' +
      'bladen van andere bewaarders. Maak geen foto of kopie, stuur het niet door en typ de code ' +
      'nergens in, behalve in Dossierkluis als het nodig is of als de coach met u oefent. Kwijt ' +
      'of gestolen? Zeg het de coach: die maakt een nieuw noodpakket en dit blad werkt dan niet ' +
      'meer voor wat daarna wordt bewaard.',
  );
  section(
    'Wanneer gebruiken',
    'Alleen als de coach niet meer zelf kan handelen. Neem dan contact op met de andere ' +
      `bewaarders${others ? ` (${others})` : ''} en met de opvolger` +
      `${successors ? ` (${successors})` : ''}. Met minstens ${kit.threshold} bewaarders samen ` +
      'doet de opvolger het volgende:',
  );
  doc.moveDown(0.15);
  successorSteps({ threshold: kit.threshold, bundleLocationNote: plan.bundleLocationNote }).forEach(
    (step, index) => {
      doc
        .font('Helvetica')
        .fontSize(8.6)
        .text(toWinAnsi(`${index + 1}. ${step}`), left + 10, doc.y, { width: width - 10 });
    },
  );
  doc.x = left;
  if (plan.whoToInform.trim()) section('Wie informeren', clip(plan.whoToInform, 500));
  if (plan.custodianInstructions.trim()) {
    section('Instructies van de coach', clip(plan.custodianInstructions, 700));
  }
  if (plan.insurer.trim()) section('Beroepsaansprakelijkheidsverzekering', clip(plan.insurer, 200));
  doc.moveDown(0.5);
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor('#555555')
    .text(
      toWinAnsi(
        `Technische details: noodpakket ${kit.kitId}, blad ${share.number} van ${kit.count}.`,
      ),
      left,
      doc.y,
      { width },
    );
  doc.end();
  return bytes;
}
