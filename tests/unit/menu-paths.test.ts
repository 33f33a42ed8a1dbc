import { describe, expect, it } from 'vitest';
import { type MenuItemSpec, menuTemplate } from '../../electron/shell/menu-template';
import {
  type Language,
  type SourceText,
  serviceTexts,
  stringLiterals,
  translations,
} from '../support/service-texts';

/**
 * Every menu path a text names ("Praktijk › Overdracht › Dossiers overnemen", also with
 * '>' or '→') leads somewhere: its first step is a place in the sidebar or the app menu,
 * and every further step is a label the app shows (a page or section title, a tab, a
 * button). A successor who follows a path that does not exist is lost at the worst time.
 */

/**
 * Paths in files another change is rewriting, known to be wrong today. Each is reported
 * to that change; none may be added for a file that is not being rewritten.
 */
const KNOWN_WRONG = new Map<string, string>([
  // kit-pdf.ts is being rewritten on its own branch; recovery lives under
  // Praktijk › Overdracht › Herstellen met het noodpakket.
  ['electron/services/continuity/kit-pdf.ts', 'Continuïteit › Herstellen'],
]);

const SEPARATOR = /\s+(?:›|>|→)\s+/;
const EDGE_PUNCTUATION = /^[\s('"‘“«]+|[\s)'"’”».,:;!?]+$/g;

function menuLabels(language: Language): { top: string[]; all: string[] } {
  const template = menuTemplate({ language, devTools: false, platform: 'darwin' }).concat(
    menuTemplate({ language, devTools: false, platform: 'linux' }),
  );
  const all: string[] = [];
  const walk = (items: readonly MenuItemSpec[]): void => {
    for (const item of items) {
      if (item.label) all.push(item.label);
      if (item.submenu) walk(item.submenu);
    }
  };
  walk(template);
  return { top: template.flatMap((item) => (item.label ? [item.label] : [])), all };
}

interface Places {
  /** Where a path may start: the sidebar, the app menu's top level, a dossier's tabs. */
  readonly top: ReadonlySet<string>;
  /** What a later step may be: any short label the app shows. */
  readonly labels: ReadonlySet<string>;
}

function places(language: Language): Places {
  const texts = translations(language);
  const menu = menuLabels(language);
  const top = new Set(menu.top);
  for (const [key, text] of texts) {
    if (key.startsWith('nav.') && !['nav.label', 'nav.skip'].includes(key)) top.add(text);
    // Inside an open dossier, its tabs are where a path starts.
    if (/\.tabs\./.test(key)) top.add(text);
  }
  const labels = new Set([...top, ...menu.all]);
  for (const [key, text] of texts) {
    // Titles, tabs and buttons are short; sentences are not places.
    if (text.length <= 60 && !text.includes('{{') && !key.startsWith('errors.')) labels.add(text);
  }
  return { top, labels };
}

const clean = (text: string): string => text.replace(EDGE_PUNCTUATION, '').trim();

/** The longest run of words at the end (or start) of `chunk` that is one of `set`. */
function edge(chunk: string, set: ReadonlySet<string>, from: 'end' | 'start'): string | null {
  const words = chunk.trim().split(/\s+/);
  for (let n = Math.min(8, words.length); n >= 1; n -= 1) {
    const candidate = clean((from === 'end' ? words.slice(-n) : words.slice(0, n)).join(' '));
    if (set.has(candidate)) return candidate;
  }
  return null;
}

interface FoundPath {
  readonly path: string;
  readonly ok: boolean;
}

/** Every path in one text, each with whether all its steps exist. */
function pathsIn(text: string, where: Places): FoundPath[] {
  const found: FoundPath[] = [];
  for (const line of text.split(/\n/)) {
    const chunks = line.split(SEPARATOR);
    if (chunks.length < 2) continue;
    let steps: (string | null)[] = [];
    let shown: string[] = [];
    const close = () => {
      if (steps.length > 1) found.push({ path: shown.join(' › '), ok: steps.every(Boolean) });
      steps = [];
      shown = [];
    };
    chunks.forEach((chunk, index) => {
      const first = index === 0;
      const last = index === chunks.length - 1;
      if (first) {
        const start = edge(chunk, where.top, 'end');
        steps.push(start);
        shown.push(start ?? clean(chunk.split(/\s+/).at(-1) ?? chunk));
        return;
      }
      const whole = clean(chunk);
      if (!last && where.labels.has(whole)) {
        steps.push(whole);
        shown.push(whole);
        return;
      }
      // The path ends inside this chunk; a new one may start at its end.
      const end = edge(chunk, where.labels, 'start');
      steps.push(end);
      shown.push(end ?? clean(chunk.trim().split(/\s+/)[0] ?? chunk));
      close();
      if (!last) {
        const start = edge(chunk, where.top, 'end');
        steps.push(start);
        shown.push(start ?? clean(chunk.split(/\s+/).at(-1) ?? chunk));
      }
    });
    close();
  }
  return found;
}

function wrongPaths(texts: readonly SourceText[], where: Places): string[] {
  return texts.flatMap(({ where: at, text }) =>
    pathsIn(text, where)
      .filter((found) => !found.ok)
      .filter((found) => KNOWN_WRONG.get(at.replace(/:\d+$/, '')) !== found.path)
      .map((found) => `${at}: ${found.path}`),
  );
}

describe('menu paths named in texts', () => {
  const nl = places('nl');
  const en = places('en');
  const both: Places = {
    top: new Set([...nl.top, ...en.top]),
    labels: new Set([...nl.labels, ...en.labels]),
  };

  it('finds paths and tells a real one from one that leads nowhere', () => {
    expect(pathsIn('Kies Praktijk › Overdracht en dan verder.', nl)).toEqual([
      { path: 'Praktijk › Overdracht', ok: true },
    ]);
    expect(pathsIn('open Continuïteit > Herstellen: voer in', nl)).toEqual([
      { path: 'Continuïteit › Herstellen', ok: false },
    ]);
    expect(pathsIn('choose Practice > Handover > Recover from kit (every file', en)).toEqual([
      { path: 'Practice › Handover › Recover', ok: false },
    ]);
    expect(pathsIn('Ga naar Praktijk → Overdracht → Dossiers overnemen.', nl)).toEqual([
      { path: 'Praktijk › Overdracht › Dossiers overnemen', ok: true },
    ]);
  });

  it('reads literals joined across lines and inside templates', () => {
    const literals = stringLiterals(
      "const a = 'kies Praktijk › ' +\n  `Overdracht $" +
        "{x} klaar`; // it's a comment\nconst r = /'/;",
    );
    expect(literals.map((l) => l.text)).toEqual(['kies Praktijk › Overdracht … klaar']);
  });

  it('in the Dutch screens', () => {
    const texts = [...translations('nl')].map(([key, text]) => ({ where: `nl:${key}`, text }));
    expect(wrongPaths(texts, nl)).toEqual([]);
  });

  it('in the English screens', () => {
    const texts = [...translations('en')].map(([key, text]) => ({ where: `en:${key}`, text }));
    expect(wrongPaths(texts, en)).toEqual([]);
  });

  it('in LEESMIJ files, PDFs, letters and key files', () => {
    const texts = serviceTexts();
    // The scan sees the texts it should: a path every readme names is among them.
    expect(texts.some((t) => SEPARATOR.test(t.text))).toBe(true);
    expect(wrongPaths(texts, both)).toEqual([]);
  });
});
