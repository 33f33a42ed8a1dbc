import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The texts people read outside the app's screens (LEESMIJ files, PDFs, letters, key
 * files), taken from their sources, and the app's translations, for the tests that hold
 * every such text to the same standard as the screens.
 */

const ROOT = join(import.meta.dirname, '..', '..');

/** Every source file that writes text for a coach, successor, keeper or client. */
export const SERVICE_TEXT_FILES = [
  'electron/services/handover/texts.ts',
  'electron/services/handover/access-texts.ts',
  'electron/services/handover/continuity-bundle.ts',
  'electron/services/handover/continuity-kit.ts',
  'electron/services/handover/dossier-pdf.ts',
  'electron/services/handover/keys.ts',
  'electron/services/continuity/kit-pdf.ts',
  'electron/services/continuity/plan.ts',
] as const;

export interface SourceText {
  /** Where it came from: a file and line, or a translation key. */
  readonly where: string;
  readonly text: string;
}

/**
 * The string literals of a TypeScript file, with `${…}` shown as '…' and literals joined
 * by `+` read as one text. A small scanner rather than a parser: these files are ours and
 * plain; it knows comments, the three quotes, nested templates and regex literals.
 */
export function stringLiterals(source: string): { line: number; text: string }[] {
  const found: { start: number; end: number; text: string }[] = [];
  let i = 0;

  function skipQuoted(quote: string): string {
    let text = '';
    i += 1;
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\') {
        text += source[i + 1] === 'n' ? '\n' : (source[i + 1] ?? '');
        i += 2;
      } else {
        text += source[i];
        i += 1;
      }
    }
    i += 1;
    return text;
  }

  function template(): string {
    let text = '';
    i += 1;
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source[i + 1] === 'n' ? '\n' : (source[i + 1] ?? '');
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        i += 2;
        code(true);
        text += '…';
      } else {
        text += source[i];
        i += 1;
      }
    }
    i += 1;
    return text;
  }

  function regexAllowed(): boolean {
    for (let j = i - 1; j >= 0; j -= 1) {
      const c = source[j] ?? '';
      if (/\s/.test(c)) continue;
      return (
        '(,=:[!&|?{};+'.includes(c) || /\breturn$/.test(source.slice(Math.max(0, j - 6), j + 1))
      );
    }
    return true;
  }

  function code(untilBrace: boolean): void {
    let depth = 0;
    while (i < source.length) {
      const c = source[i];
      const next = source[i + 1];
      if (c === '/' && next === '/') {
        while (i < source.length && source[i] !== '\n') i += 1;
      } else if (c === '/' && next === '*') {
        i = source.indexOf('*/', i + 2);
        i = i < 0 ? source.length : i + 2;
      } else if (c === "'" || c === '"') {
        const start = i;
        const text = skipQuoted(c);
        found.push({ start, end: i, text });
      } else if (c === '`') {
        const start = i;
        const text = template();
        found.push({ start, end: i, text });
      } else if (c === '/' && regexAllowed()) {
        i += 1;
        let inClass = false;
        while (i < source.length && (inClass || source[i] !== '/')) {
          if (source[i] === '\\') i += 1;
          else if (source[i] === '[') inClass = true;
          else if (source[i] === ']') inClass = false;
          i += 1;
        }
        i += 1;
      } else if (c === '{') {
        depth += 1;
        i += 1;
      } else if (c === '}') {
        if (untilBrace && depth === 0) {
          i += 1;
          return;
        }
        depth -= 1;
        i += 1;
      } else {
        i += 1;
      }
    }
  }

  code(false);
  found.sort((a, b) => a.start - b.start);
  const joined: { start: number; end: number; text: string }[] = [];
  for (const literal of found) {
    const last = joined.at(-1);
    if (last && /^\s*\+\s*$/.test(source.slice(last.end, literal.start))) {
      last.text += literal.text;
      last.end = literal.end;
    } else {
      joined.push({ ...literal });
    }
  }
  return joined.map((literal) => ({
    line: source.slice(0, literal.start).split('\n').length,
    text: literal.text,
  }));
}

export function serviceTexts(): SourceText[] {
  return SERVICE_TEXT_FILES.flatMap((file) =>
    stringLiterals(readFileSync(join(ROOT, file), 'utf8')).map((literal) => ({
      where: `${file}:${literal.line}`,
      text: literal.text,
    })),
  );
}

export type Language = 'nl' | 'en';

/** Every translation as `key → text`, flattened with dots. */
export function translations(language: Language): Map<string, string> {
  const json = JSON.parse(
    readFileSync(join(ROOT, 'renderer', 'src', 'i18n', `${language}.json`), 'utf8'),
  ) as unknown;
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    }
  };
  walk(json, '');
  return out;
}
