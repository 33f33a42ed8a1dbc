import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's only log. It takes an event name and an error and writes what helps a
 * developer (error class, code, errno, stack frames) but never a message: SQLite and Node
 * put values into messages, and values here are client data. That holds for every error
 * in a `cause` chain and inside an AggregateError too.
 */
export interface Logger {
  error(event: string, error: unknown): void;
  info(event: string, facts?: Record<string, string | number | boolean>): void;
}

export interface LoggerOptions {
  /** app.getAppPath(): frames name files relative to it, so no home folder reaches a log. */
  readonly appRoot?: string;
}

const MAX_FRAMES = 8;
const MAX_CAUSE_DEPTH = 4;
const MAX_AGGREGATED = 10;

/** Class names are code; anything else in `name` (a value someone assigned) is dropped. */
const NAME = /^[A-Za-z_$][\w$]{0,63}$/;
/** SQLITE_CONSTRAINT_UNIQUE, ENOENT, ERR_INVALID_ARG_TYPE, VAULT_LOCKED... */
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
/** A function name as V8 prints it: `fn`, `Foo.bar`, `new Foo`, `async fn`, `x [as y]`. */
const FUNCTION = /^[\w$.<> [\]]{1,120}$/;
/** `fn (file:line:col)`, or `file:line:col` for an anonymous top-level frame. */
const FRAME_WITH_NAME = /^at (.+?) \((.+):(\d+):(\d+)\)$/;
const FRAME_BARE = /^at (.+):(\d+):(\d+)$/;
/** Frames with no file: `Array.map (<anonymous>)`, `async Promise.all (index 0)`. */
const FRAME_NATIVE = /^at (.+?) \((<anonymous>|native|index \d{1,4})\)$/;
/** Paths printed in frames: letters, digits and the punctuation of file names only. */
const CODE_PATH = /^[\w$@.:/+-]{1,300}$/;

export interface SafeError {
  readonly name?: string;
  readonly type?: string;
  readonly code?: string;
  readonly errno?: number;
  readonly frames?: readonly string[];
  readonly cause?: SafeError;
  readonly errors?: readonly SafeError[];
}

function isError(value: unknown): value is Error {
  // Errors from another realm (a vm context, a worker) fail instanceof but are errors.
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

function ownString(error: Error, key: 'message' | 'stack'): string {
  try {
    const value = (error as unknown as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

function shortPath(file: string, appRoot: string | undefined): string | null {
  let path = file;
  if (path.startsWith('file://')) {
    try {
      path = fileURLToPath(path);
    } catch {
      return null;
    }
  }
  if (path.startsWith('node:')) return CODE_PATH.test(path) ? path : null;
  if (appRoot !== undefined && isAbsolute(path)) {
    const inside = relative(appRoot, path);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
      return inside.split(sep).join('/');
    }
  }
  // Outside the app: keep the package part of a dependency, never the folders above it.
  const normalised = path.split('\\').join('/');
  const modules = normalised.lastIndexOf('/node_modules/');
  if (modules >= 0) return normalised.slice(modules + 1);
  const base = normalised.slice(normalised.lastIndexOf('/') + 1);
  return base === '' ? null : base;
}

/** One stack line as `at fn (file:line:col)` with an app-relative file, or null to drop it. */
function safeFrame(line: string, appRoot: string | undefined): string | null {
  const text = line.trim();
  const native = FRAME_NATIVE.exec(text);
  if (native) {
    const [, fn = '', where = ''] = native;
    return FUNCTION.test(fn) ? `at ${fn} (${where})` : null;
  }
  const named = FRAME_WITH_NAME.exec(text);
  const bare = named ? null : FRAME_BARE.exec(text);
  const fn = named ? (named[1] ?? '') : '';
  const file = named ? named[2] : bare?.[1];
  const lineNo = named ? named[3] : bare?.[2];
  const column = named ? named[4] : bare?.[3];
  if (file === undefined || lineNo === undefined || column === undefined) return null;
  if (named && !FUNCTION.test(fn)) return null;
  const path = shortPath(file, appRoot);
  if (path === null || !CODE_PATH.test(path)) return null;
  const where = `${path}:${lineNo}:${column}`;
  return named ? `at ${fn} (${where})` : `at ${where}`;
}

/**
 * The frames of `error.stack`. V8 starts a stack with `Name: message`, and a message can
 * span lines that look like frames, so everything up to the end of the message is cut
 * first; what is left must parse as a frame, and a frame that still holds a message of
 * the chain is dropped.
 */
function safeFrames(error: Error, messages: readonly string[], appRoot?: string): string[] {
  const stack = ownString(error, 'stack');
  const message = ownString(error, 'message');
  let rest = stack;
  const at = message === '' ? -1 : stack.indexOf(message);
  if (at >= 0) rest = stack.slice(at + message.length);
  else {
    // The message was changed after the stack was taken: the header ends at the first frame.
    const firstFrame = stack.search(/\n\s+at /);
    rest = firstFrame >= 0 ? stack.slice(firstFrame) : '';
  }
  const frames: string[] = [];
  for (const line of rest.split('\n')) {
    if (frames.length === MAX_FRAMES) break;
    const frame = safeFrame(line, appRoot);
    if (frame === null) continue;
    if (messages.some((text) => text !== '' && frame.includes(text))) continue;
    frames.push(frame);
  }
  return frames;
}

/** Every message in the error's cause chain and aggregate, to keep them out of frames. */
function collectMessages(error: unknown, into: string[], depth: number): string[] {
  if (!isError(error) || depth > MAX_CAUSE_DEPTH) return into;
  into.push(ownString(error, 'message'));
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  collectMessages(cause, into, depth + 1);
  if (Array.isArray(errors)) {
    for (const inner of errors.slice(0, MAX_AGGREGATED)) collectMessages(inner, into, depth + 1);
  }
  return into;
}

function describe(
  error: unknown,
  messages: readonly string[],
  appRoot: string | undefined,
  depth: number,
): SafeError {
  if (!isError(error)) return { type: error === null ? 'null' : typeof error };
  const { code, errno, cause, errors } = error as {
    code?: unknown;
    errno?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const name = typeof error.name === 'string' && NAME.test(error.name) ? error.name : 'Error';
  const described: {
    -readonly [K in keyof SafeError]: SafeError[K];
  } = { name };
  if (typeof code === 'string' && CODE.test(code)) described.code = code;
  if (typeof errno === 'number' && Number.isInteger(errno)) described.errno = errno;
  described.frames = safeFrames(error, messages, appRoot);
  if (depth < MAX_CAUSE_DEPTH && cause !== undefined) {
    described.cause = describe(cause, messages, appRoot, depth + 1);
  }
  if (depth < MAX_CAUSE_DEPTH && Array.isArray(errors)) {
    described.errors = errors
      .slice(0, MAX_AGGREGATED)
      .map((inner) => describe(inner, messages, appRoot, depth + 1));
  }
  return described;
}

/** What a log line may say about an error: class, codes and frames, never a message. */
export function safeError(error: unknown, options: LoggerOptions = {}): SafeError {
  return describe(error, collectMessages(error, [], 0), options.appRoot, 0);
}

export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  options: LoggerOptions = {},
): Logger {
  return {
    error(event, error) {
      write(
        JSON.stringify({
          level: 'error',
          at: new Date().toISOString(),
          event,
          ...safeError(error, options),
        }),
      );
    },
    info(event, facts = {}) {
      write(JSON.stringify({ level: 'info', at: new Date().toISOString(), event, ...facts }));
    },
  };
}
