import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueKit, printedShare } from '../../electron/services/continuity/kit';
import { renderKeeperSheet } from '../../electron/services/continuity/kit-pdf';
import { CONTINUITY_FILE, type ContinuityPlan } from '../../electron/services/continuity/plan';
import { SUCCESSOR_PATH } from '../../electron/services/continuity/successor-path';
import nl from '../../renderer/src/i18n/nl.json';
import { pdfPageCount, pdfProse, pdfText, shareOnSheet } from '../support/pdf-text';

/**
 * A keeper's sheet is read in an emergency, by someone who has never seen the app. It
 * holds that keeper's code only, speaks plain Dutch, and names the successor's way in
 * with the labels the app really shows, in the order they come.
 */

const ROOT = join(import.meta.dirname, '..', '..');

function plan(): ContinuityPlan {
  return {
    successors: [
      {
        id: 's1',
        name: 'Praktijk De Opvolger',
        organisation: '',
        email: 'opvolger@example.nl',
        phone: '',
        recipient: '',
        notes: '',
      },
    ],
    keepers: ['Anouk de Vries', 'Bas Jansen', 'Carla Bakker'].map((name, i) => ({
      id: `k${i}`,
      name,
      role: '',
      email: '',
      phone: `06-1234567${i}`,
      notes: '',
    })),
    custodianInstructions: 'De laptop staat in de afgesloten kast; de sleutel ligt bij Bas.',
    whoToInform: 'Cliënten met een lopend traject, en de beroepsvereniging.',
    insurer: 'Polis 123 bij Verzekeraar X.',
    bundleLocationNote: 'USB-schijf in de brandkast',
    bundleFolder: null,
    updatedAt: null,
  };
}

/** Where each label of the path comes from: its key in nl.json and the screen that shows it. */
const SOURCES: Record<keyof typeof SUCCESSOR_PATH, { key: string; file: string; text?: string }> = {
  firstScreen: { key: 'vault.create.title', file: 'renderer/src/vault/CreateVault.tsx' },
  createVault: { key: 'vault.create.submit', file: 'renderer/src/vault/CreateVault.tsx' },
  recoveryWritten: {
    key: 'vault.recovery.confirm',
    file: 'renderer/src/vault/RecoveryKeyStep.tsx',
  },
  recoveryContinue: {
    key: 'vault.recovery.continue',
    file: 'renderer/src/vault/RecoveryKeyStep.tsx',
  },
  menuHeading: { key: 'nav.practice', file: 'renderer/src/app/Shell.tsx' },
  menuItem: {
    key: 'nav.handover',
    file: 'renderer/src/app/Shell.tsx',
    // The item must lead to the page with the recovery, not just exist.
    text: "item('/practice/handover', t('nav.handover'))",
  },
  section: {
    key: 'handover.recover.title',
    file: 'renderer/src/practice/handover/HandoverPage.tsx',
  },
  chooseFile: {
    key: 'handover.chooseFile',
    file: 'renderer/src/practice/handover/HandoverPage.tsx',
  },
  codeBox: {
    key: 'continuity.shares.label',
    file: 'renderer/src/practice/continuity/SharesInput.tsx',
  },
  moreBoxes: {
    key: 'continuity.shares.add',
    file: 'renderer/src/practice/continuity/SharesInput.tsx',
  },
  open: {
    key: 'handover.recover.open',
    file: 'renderer/src/practice/handover/HandoverPage.tsx',
  },
};

function nlText(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => {
    return typeof node === 'object' && node !== null
      ? (node as Record<string, unknown>)[part]
      : undefined;
  }, nl);
}

async function sheets(
  practice = { practice: 'Praktijk Lichtpunt', coach: 'Marloes Smit' },
  p: ContinuityPlan = plan(),
) {
  const issued = await issueKit({ plan: p, threshold: 2, issuedAt: new Date('2026-11-23T10:00Z') });
  const pdfs = await Promise.all(
    issued.shares.map((share) => renderKeeperSheet({ kit: issued.kit, share, plan: p, practice })),
  );
  return { issued, pdfs };
}

describe("a keeper's sheet", () => {
  it('is one page with that keeper’s code and no other', async () => {
    const { issued, pdfs } = await sheets();
    pdfs.forEach((pdf, index) => {
      expect(pdfPageCount(pdf)).toBe(1);
      const own = issued.shares[index];
      if (!own) throw new Error('no share');
      expect(shareOnSheet(pdf)).toBe(printedShare(own).text);
      const text = pdfText(pdf);
      expect(text).toContain(`Blad voor ${own.keeper} (bewaarder ${index + 1} van 3)`);
      for (const other of issued.shares.filter((s) => s !== own)) {
        for (const group of printedShare(other).groups.slice(3)) {
          expect(text).not.toContain(`${group.slice(0, 3)} ${group.slice(3)}`);
        }
      }
    });
  });

  it('names the successor’s way in with the app’s own labels, in order', async () => {
    const { pdfs } = await sheets();
    const prose = pdfProse(pdfs[0] ?? Buffer.alloc(0));
    expect(prose).not.toContain('Continuïteit > Herstellen');
    expect(prose).toContain(CONTINUITY_FILE);
    expect(prose).toContain('USB-schijf in de brandkast');
    let from = 0;
    for (const [name, label] of Object.entries(SUCCESSOR_PATH)) {
      const source = SOURCES[name as keyof typeof SUCCESSOR_PATH];
      // The label as the app shows it (the code boxes are numbered: 'Deel 1').
      const shown = name === 'codeBox' ? `${label} {{number}}` : label;
      expect(nlText(source.key), `${name}: ${source.key}`).toBe(shown);
      const code = readFileSync(join(ROOT, source.file), 'utf8');
      expect(code, `${source.file} shows ${source.key}`).toContain(
        source.text ?? `t('${source.key}'`,
      );
      const quoted = name === 'codeBox' ? `‘${label} 1’` : `‘${label}’`;
      const at = prose.indexOf(toLatin1Quotes(quoted), from);
      expect(at, `${quoted} on the sheet after what comes before it`).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });

  it('says so when no practice name was filled in, instead of "Praktijk: de praktijk"', async () => {
    const { pdfs } = await sheets({ practice: '', coach: '' });
    const prose = pdfProse(pdfs[0] ?? Buffer.alloc(0));
    expect(prose).toContain('Praktijk: (geen praktijknaam ingevuld)');
    expect(prose).not.toMatch(/Praktijk: de praktijk/i);
    const named = pdfProse((await sheets()).pdfs[0] ?? Buffer.alloc(0));
    expect(named).toContain('Praktijk: Praktijk Lichtpunt (Marloes Smit)');
  });

  it('gives the coach’s note on where the bundle lies a sentence of its own', async () => {
    const p = { ...plan(), bundleLocationNote: 'de USB-stick in de kluis op kantoor' };
    const prose = pdfProse((await sheets(undefined, p)).pdfs[0] ?? Buffer.alloc(0));
    expect(prose).toContain(
      `het bestand ${CONTINUITY_FILE}. Waar de bundel ligt: De USB-stick in de kluis op kantoor.`,
    );
    expect(prose).not.toContain('te vinden:');
    const without = { ...plan(), bundleLocationNote: '  ' };
    const plain = pdfProse((await sheets(undefined, without)).pdfs[0] ?? Buffer.alloc(0));
    expect(plain).toContain(`het bestand ${CONTINUITY_FILE}. `);
    expect(plain).not.toContain('Waar de bundel ligt');
  });

  it('speaks of keepers, sheets and codes, not of the machinery', async () => {
    const { pdfs } = await sheets();
    for (const pdf of pdfs) {
      const prose = pdfProse(pdf);
      const body = prose.slice(0, prose.indexOf('Technische details:'));
      expect(body.length).toBeGreaterThan(1000);
      const words = body.replaceAll(CONTINUITY_FILE, '');
      for (const jargon of [
        /\bage1?\b/i,
        /kit-code/i,
        /threshold/i,
        /\bshares?\b/i,
        /\bbytes?\b/i,
        /\bhash\b/i,
        /deelsleutel/i,
        /\bkenmerk\b/i,
        /\bkit\b/i,
      ]) {
        expect(words, String(jargon)).not.toMatch(jargon);
      }
      expect(body).toContain('minstens 2 van de 3 bewaarders');
      expect(body).toContain('De code op dit blad');
      expect(body).toContain('Dit blad alleen opent niets');
    }
  });
});

/** The sheet's text comes back in WinAnsi: its curly quotes are bytes 0x91 and 0x92. */
function toLatin1Quotes(text: string): string {
  return text.replaceAll('‘', '\x91').replaceAll('’', '\x92');
}
