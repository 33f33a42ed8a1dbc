import { dutchDay } from '../handover/dossier-pdf';
import { newPdf, toWinAnsi } from '../handover/pdf-text';
import type { IssuedShare } from './kit';
import { CONTINUITY_FILE, type ContinuityPlan, type KitInfo } from './plan';

/**
 * The emergency kit on paper: one A4 page per keeper with their share, who they are, the
 * practice, the date, k of n, the kit id, and in Dutch what the share is for, how to
 * keep it and what to do when the coach can no longer act. Standard fonts only; the
 * share in Courier, numbered groups, so it can be read aloud and typed back.
 */

function clip(text: string, max: number): string {
  const flat = text.trim();
  return flat.length <= max
    ? flat
    : `${flat.slice(0, max - 1).trimEnd()}… (zie het continuïteitsplan)`;
}

export function renderKitPdf(options: {
  kit: KitInfo;
  shares: readonly IssuedShare[];
  plan: ContinuityPlan;
  practice: { practice: string; coach: string };
}): Promise<Buffer> {
  const { kit, shares, plan, practice } = options;
  const practiceName = practice.practice || practice.coach || 'de praktijk';
  const { doc, bytes } = newPdf({
    title: `Noodpakket ${practiceName}`,
    subject: 'Deelsleutels continuïteit (art. 2.28)',
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const successors = plan.successors
    .map((s) => [s.name, s.organisation, s.phone || s.email].filter(Boolean).join(', '))
    .join('; ');

  shares.forEach((share, index) => {
    if (index > 0) doc.addPage();
    const others = plan.keepers
      .filter((_, i) => i !== index)
      .map((k) => [k.name, k.phone || k.email].filter(Boolean).join(', '))
      .join('; ');
    doc.font('Helvetica-Bold').fontSize(16).text(toWinAnsi('Noodpakket Dossierkluis'));
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(toWinAnsi(`Deelsleutel ${share.number} van ${kit.count} — voor ${share.keeper}`));
    doc.moveDown(0.4);
    doc.font('Helvetica').fontSize(9.5);
    const facts: [string, string][] = [
      [
        'Praktijk',
        `${practiceName}${practice.coach && practice.practice ? ` (${practice.coach})` : ''}`,
      ],
      ['Uitgegeven op', dutchDay(kit.issuedAt.slice(0, 10))],
      ['Kit', kit.kitId],
      ['Nodig', `${kit.threshold} van de ${kit.count} deelsleutels`],
    ];
    for (const [label, value] of facts) {
      doc.font('Helvetica-Bold').text(toWinAnsi(`${label}: `), { continued: true });
      doc.font('Helvetica').text(toWinAnsi(value));
    }
    doc.moveDown(0.6);

    // The share: 14 numbered groups in two columns, large and unambiguous.
    const top = doc.y;
    const boxHeight = 7 * 24 + 16;
    doc.rect(left, top, width, boxHeight).lineWidth(1).stroke();
    share.groups.forEach((group, g) => {
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
    doc.y = top + boxHeight + 10;

    const section = (title: string, text: string): void => {
      doc.moveDown(0.3);
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor('black')
        .text(toWinAnsi(title), left, doc.y, {
          width,
        });
      doc.font('Helvetica').fontSize(8.8).text(toWinAnsi(text), { width });
    };
    section(
      'Wat is dit?',
      `U bent een van de ${kit.count} bewaarders van de noodsleutel van ${practiceName}. ` +
        `De cliëntdossiers van de praktijk worden versleuteld bewaard in een continuïteitsbundel. ` +
        `Met ${kit.threshold} deelsleutels samen kan een opvolger die bundel openen als de coach ` +
        'dat zelf niet meer kan (ziekte, ongeval, overlijden). Eén deelsleutel alleen onthult niets.',
    );
    section(
      'Bewaren',
      'Bewaar deze pagina op een veilige plek, zoals een kluis of afgesloten la. Maak geen foto of ' +
        'kopie en typ de code nergens in, behalve in Dossierkluis bij een herstel of oefening. Kwijt ' +
        'of gestolen? Meld het de coach: die geeft een nieuw noodpakket uit, waarna deze pagina niet ' +
        'meer werkt voor nieuwe bundels.',
    );
    section(
      'Wanneer en hoe gebruiken',
      `Alleen als de coach niet meer zelf kan handelen. Neem contact op met de andere bewaarders` +
        `${others ? ` (${others})` : ''} en met de opvolger${successors ? ` (${successors})` : ''}. ` +
        `De opvolger opent Dossierkluis, kiest Continuïteit > Herstellen en kiest het bestand ` +
        `${CONTINUITY_FILE}${plan.bundleLocationNote ? ` (te vinden: ${plan.bundleLocationNote})` : ''}. ` +
        `Daarna voeren ${kit.threshold} bewaarders hun deelsleutel in: hoofdletters, spaties en ` +
        'streepjes maken niet uit, O en 0, I en 1 ook niet. Bij een typefout noemt Dossierkluis het ' +
        'nummer van het groepje dat niet klopt. Controleer ook dat de kit-code gelijk is.',
    );
    if (plan.whoToInform.trim()) section('Wie informeren', clip(plan.whoToInform, 500));
    if (plan.custodianInstructions.trim()) {
      section('Instructies van de coach', clip(plan.custodianInstructions, 700));
    }
    if (plan.insurer.trim())
      section('Beroepsaansprakelijkheidsverzekering', clip(plan.insurer, 200));
  });
  doc.end();
  return bytes;
}
