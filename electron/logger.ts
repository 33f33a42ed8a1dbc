/**
 * The app's only log. It takes an event name and an error and writes what helps a
 * developer (error class, code, stack frames) but never a message: SQLite and Node put
 * values into messages, and values here are client data.
 */
export interface Logger {
  error(event: string, error: unknown): void;
  info(event: string, facts?: Record<string, string | number | boolean>): void;
}

function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    // The first stack line repeats the message; keep only the frames.
    frames: (error.stack ?? '')
      .split('\n')
      .slice(1, 8)
      .map((line) => line.trim()),
  };
}

export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  return {
    error(event, error) {
      write(
        JSON.stringify({
          level: 'error',
          at: new Date().toISOString(),
          event,
          ...safeError(error),
        }),
      );
    },
    info(event, facts = {}) {
      write(JSON.stringify({ level: 'info', at: new Date().toISOString(), event, ...facts }));
    },
  };
}
