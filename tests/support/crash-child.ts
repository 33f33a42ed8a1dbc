import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const TSX = fileURLToPath(import.meta.resolve('tsx'));

/** Starts a TypeScript fixture in its own Node process, as the app would run. */
export function spawnFixture(script: string, env: Record<string, string>): ChildProcess {
  const path = fileURLToPath(new URL(`../fixtures/${script}`, import.meta.url));
  return spawn(process.execPath, ['--import', TSX, path], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects stdout lines and resolves when `until` first returns true for one of them. */
export function watchLines(
  child: ChildProcess,
  until: (line: string, all: string[]) => boolean,
): Promise<string[]> {
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      partial += chunk.toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (until(line, lines)) resolve(lines);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL')
        reject(new Error(`fixture exited (${code ?? signal}): ${stderr.slice(0, 2000)}`));
      else resolve(lines);
    });
  });
}

export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
