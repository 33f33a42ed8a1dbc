import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger } from '../../../electron/logger';
import { RENDERER_DIR, startHarness } from './server';

/**
 * `npm run dev:browser`: the UI in any local browser against a development vault in
 * .vault-dev/ (git-ignored), with the real services behind the loopback harness.
 */

const logger = createLogger();
const port = Number(process.env.KLUIS_PORT ?? 5178);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  process.stderr.write(`KLUIS_PORT must be a port number, got '${process.env.KLUIS_PORT}'.\n`);
  process.exit(1);
}
if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
  process.stderr.write('out/renderer/index.html is missing: run `npm run build:renderer` first.\n');
  process.exit(1);
}

const vaultDir = resolve(process.env.KLUIS_VAULT_DIR ?? '.vault-dev/vault');
mkdirSync(vaultDir, { recursive: true, mode: 0o700 });

try {
  const harness = await startHarness({ vaultDir, port });
  process.stdout.write(
    [
      'Dossierkluis browser harness (development only, loopback only)',
      `  vault: ${vaultDir}`,
      `  open:  ${harness.url}`,
      `  token: ${harness.token}`,
      '  The token travels in the URL fragment, which the browser never sends to a server;',
      '  the injected client reads it and keeps it for this tab. Ctrl+C stops the harness.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    harness.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if ((error as { code?: unknown }).code === 'EADDRINUSE') {
    process.stderr.write(`Port ${port} is in use; set KLUIS_PORT to another port.\n`);
  } else {
    logger.error('harness.start', error);
  }
  process.exit(1);
}
