import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger, safeError } from '../../electron/logger';

/**
 * The log never holds a message: not the error's own, not the first stack line that
 * repeats it, not a message of a `cause` or of an AggregateError's errors. It keeps what a
 * developer needs: class, code, errno and frames with app-relative file names.
 */

const appRoot = join('/home', 'coach', 'Dossierkluis');

function logged(error: unknown): { line: string; entry: Record<string, unknown> } {
  const lines: string[] = [];
  createLogger((line) => lines.push(line), { appRoot }).error('test.event', error);
  expect(lines).toHaveLength(1);
  const line = lines[0] ?? '';
  return { line, entry: JSON.parse(line) as Record<string, unknown> };
}

/** Whether `text` shows up in the raw line or in any string of the parsed entry. */
function mentions(result: { line: string; entry: unknown }, text: string): boolean {
  if (result.line.includes(JSON.stringify(text).slice(1, -1))) return true;
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(result.entry);
  return strings.some((value) => value.includes(text));
}

function withStack(error: Error, frames: string[]): Error {
  error.stack = [`${error.name}: ${error.message}`, ...frames].join('\n');
  return error;
}

describe('logger (electron/logger.ts)', () => {
  it('keeps no client name from a message, a cause or an aggregate', () => {
    const inner = Object.assign(
      new Error('UNIQUE constraint failed: clients.name = Marieke Jansen'),
      {
        code: 'SQLITE_CONSTRAINT_UNIQUE',
      },
    );
    const middle = new Error('could not save dossier of Marieke Jansen', { cause: inner });
    const aggregate = new AggregateError(
      [new TypeError('Piet de Vries has no guardian'), middle],
      'two dossiers failed: Piet de Vries, Marieke Jansen',
    );
    const outer = new Error('Export for Marieke Jansen failed', { cause: aggregate });
    const result = logged(outer);
    for (const name of ['Marieke', 'Jansen', 'Piet de Vries', 'Vries']) {
      expect(mentions(result, name), name).toBe(false);
    }
    // What a developer needs is still there, all the way down the chain.
    const entry = result.entry as {
      name: string;
      frames: string[];
      cause: { name: string; errors: { name: string; cause?: { code: string } }[] };
    };
    expect(entry.name).toBe('Error');
    expect(entry.frames.length).toBeGreaterThan(0);
    expect(entry.cause.name).toBe('AggregateError');
    expect(entry.cause.errors.map((error) => error.name)).toEqual(['TypeError', 'Error']);
    expect(entry.cause.errors[1]?.cause?.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
  });

  it('drops message lines that look like frames, and lines after a multi-line message', () => {
    const error = withStack(new Error('Note about Jansen\n    at Jansen (/x/Jansen.js:1:2)'), [
      `    at saveNote (${appRoot}/out/electron/main.cjs:120:7)`,
    ]);
    const result = logged(error);
    expect(mentions(result, 'Jansen')).toBe(false);
    expect((result.entry as { frames: string[] }).frames).toEqual([
      'at saveNote (out/electron/main.cjs:120:7)',
    ]);
  });

  it('finds the frames even when the message was changed after the stack was taken', () => {
    const error = withStack(new Error('first: Bakker\nsecond line'), [
      `    at run (${appRoot}/out/electron/main.cjs:5:9)`,
    ]);
    error.message = 'something else';
    const result = logged(error);
    expect(mentions(result, 'Bakker')).toBe(false);
    expect(mentions(result, 'second line')).toBe(false);
    expect((result.entry as { frames: string[] }).frames).toEqual([
      'at run (out/electron/main.cjs:5:9)',
    ]);
  });

  it('reduces file paths to the app-relative path, a package path or a file name', () => {
    const error = withStack(new Error('boom'), [
      `    at open (${appRoot}/out/electron/main.cjs:1:2)`,
      `    at file://${appRoot}/out/electron/preload.cjs:3:4`,
      '    at Database (/home/coach/other/node_modules/better-sqlite3/lib/database.js:9:1)',
      '    at readFile (node:internal/fs/promises:12:3)',
      '    at somewhere (/home/coach/Documenten/script.js:1:1)',
      '    at Array.map (<anonymous>)',
      '    at async Promise.all (index 0)',
      '    at eval (eval at run (/a.js:1:1), <anonymous>:1:1)',
    ]);
    expect(safeError(error, { appRoot }).frames).toEqual([
      'at open (out/electron/main.cjs:1:2)',
      'at out/electron/preload.cjs:3:4',
      'at Database (node_modules/better-sqlite3/lib/database.js:9:1)',
      'at readFile (node:internal/fs/promises:12:3)',
      'at somewhere (script.js:1:1)',
      'at Array.map (<anonymous>)',
      'at async Promise.all (index 0)',
    ]);
  });

  it('keeps codes and errno only when they look like codes; never other fields', () => {
    const error = Object.assign(new Error('ENOENT: no such file, open /vault/Jansen.pdf'), {
      code: 'ENOENT',
      errno: -2,
      path: '/vault/Jansen.pdf',
      syscall: 'open',
    });
    const result = logged(error);
    expect(result.entry).toMatchObject({ name: 'Error', code: 'ENOENT', errno: -2 });
    expect(mentions(result, 'Jansen')).toBe(false);
    const odd = Object.assign(new Error('x'), { code: 'client Jansen', name: 'Jansen de Boer' });
    const oddResult = logged(odd);
    expect(mentions(oddResult, 'Jansen')).toBe(false);
    expect(oddResult.entry.name).toBe('Error');
    expect(oddResult.entry).not.toHaveProperty('code');
  });

  it('describes a thrown non-error by its type only', () => {
    expect(logged('Jansen').entry).toMatchObject({ type: 'string' });
    expect(mentions(logged('Jansen'), 'Jansen')).toBe(false);
    expect(logged({ message: 'Jansen' }).entry).toMatchObject({ type: 'object' });
    expect(logged(null).entry).toMatchObject({ type: 'null' });
  });

  it('stops at a cause cycle', () => {
    const a = new Error('a-Jansen');
    const b = new Error('b-Jansen', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const result = logged(a);
    expect(mentions(result, 'Jansen')).toBe(false);
  });

  it('never logs a random message, however it is nested', () => {
    // Long enough that it cannot show up in the log by chance (event, dates, frames).
    const message = fc
      .string({ unit: 'grapheme', minLength: 12, maxLength: 80 })
      .filter((text) => text.trim().length >= 12);
    const lines = fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 });
    fc.assert(
      fc.property(message, lines, fc.nat(3), (secret, extra, shape) => {
        // The secret as a message, with extra lines and a frame-like line of its own.
        const text = [secret, ...extra, `    at ${secret} (/a.js:1:1)`].join('\n');
        const leaf = new Error(text);
        const error =
          shape === 0
            ? leaf
            : shape === 1
              ? new Error('wrapper', { cause: leaf })
              : shape === 2
                ? new AggregateError([new RangeError('r'), leaf], 'many')
                : new Error(secret, { cause: new Error(secret) });
        const result = logged(error);
        return !mentions(result, secret);
      }),
      { numRuns: 300 },
    );
  });
});
