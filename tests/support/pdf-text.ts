import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF the app wrote with pdfkit (compressed content streams, standard
 * fonts, WinAnsi hex strings in TJ arrays): one line per text run, in drawing order.
 * Enough to read back what a sheet says, and to search a file for a secret.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  // pdfkit ends a stream with "\nendstream"; a compressed stream's own last byte may be a
  // "\r" (1 in 256), so "\r" before that newline is data, not part of the delimiter.
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue; // not a Flate stream (none in the app's PDFs, but not text either)
    }
    for (const run of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      const hex = [...(run[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

/** The text as one paragraph: wrapped lines joined with spaces, runs of space collapsed. */
export function pdfProse(pdf: Buffer): string {
  return pdfText(pdf).replace(/\s+/g, ' ');
}

export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

/** The code printed on a keeper's sheet: its 14 groups, in order, dash-separated. */
export function shareOnSheet(pdf: Buffer): string {
  const groups = pdfText(pdf)
    .split('\n')
    .filter((line) => /^[0-9A-Z]{3} [0-9A-Z]{3}$/.test(line))
    .map((line) => line.replace(' ', ''));
  if (groups.length !== 14)
    throw new Error(`expected 14 groups on the sheet, found ${groups.length}`);
  return groups.join('-');
}
