import PDFDocument from 'pdfkit';

/**
 * Shared PDF plumbing. Only the standard PDF fonts (Helvetica, Courier) are used: every
 * reader has them, nothing is embedded, and their WinAnsi encoding covers Dutch (ë, é,
 * ï, ü, €). Text outside WinAnsi is folded to its base letters (ş → s, ł → l) or '?', so
 * a name never turns into unreadable glyphs; dossier.json keeps the exact text.
 */

// Windows-1252 beyond Latin-1: the characters WinAnsiEncoding places at 0x80-0x9F.
const CP1252_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
const FOLD: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  ŀ: 'l',
  Ŀ: 'L',
  ŋ: 'n',
  Ŋ: 'N',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2032': "'",
  '\u2033': '"',
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    char === '\n' ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    CP1252_EXTRA.has(char)
  );
}

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (isWinAnsi(char)) {
      out += char;
      continue;
    }
    const folded = FOLD[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    out += folded !== '' && [...folded].every(isWinAnsi) ? folded : '?';
  }
  return out;
}

export type Pdf = PDFKit.PDFDocument;

/** A new A4 document and a promise of its bytes once `end()` is called. */
export function newPdf(info: { title: string; subject?: string }): {
  doc: Pdf;
  bytes: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    compress: true,
    info: {
      Title: toWinAnsi(info.title),
      ...(info.subject ? { Subject: toWinAnsi(info.subject) } : {}),
      Creator: 'Dossierkluis',
      Producer: 'Dossierkluis',
    },
    // Creation date is in the text; leaving it out of the metadata keeps output stable.
    bufferPages: false,
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

export function title(doc: Pdf, text: string): void {
  doc.font(BOLD).fontSize(18).fillColor('black').text(toWinAnsi(text));
  doc.moveDown(0.3);
}

export function heading(doc: Pdf, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(13).fillColor('black').text(toWinAnsi(text));
  doc.moveDown(0.2);
}

export function subheading(doc: Pdf, text: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
  doc.moveDown(0.3);
  doc.font(BOLD).fontSize(10.5).fillColor('black').text(toWinAnsi(text));
}

/** 'Label: value' on one line (wrapping as needed); empty values print as '-'. */
export function field(doc: Pdf, label: string, value: string | number | null | undefined): void {
  const shown = value === null || value === undefined || value === '' ? '–' : String(value);
  doc
    .font(BOLD)
    .fontSize(9.5)
    .text(`${toWinAnsi(label)}: `, { continued: true })
    .font(FONT)
    .text(toWinAnsi(shown));
}

export function paragraph(doc: Pdf, text: string, options: { muted?: boolean } = {}): void {
  if (text.trim() === '') return;
  doc
    .font(FONT)
    .fontSize(9.5)
    .fillColor(options.muted ? '#444444' : 'black')
    .text(toWinAnsi(text));
  doc.fillColor('black');
}

export function note(doc: Pdf, text: string): void {
  doc.font('Helvetica-Oblique').fontSize(9).fillColor('#444444').text(toWinAnsi(text));
  doc.fillColor('black');
}

export function monospace(doc: Pdf, text: string, size = 12): void {
  doc.font('Courier-Bold').fontSize(size).fillColor('black').text(toWinAnsi(text));
}
