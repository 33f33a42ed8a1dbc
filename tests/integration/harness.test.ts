import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/shell/window-options';
import { type Harness, startHarness } from '../e2e/harness/server';
import { FAST, PASSPHRASE, removeTempDirs, tempDir } from '../support/vault-fixture';

/**
 * The loopback harness the e2e tests drive the UI through: it must answer only its own
 * page (token, Host, Origin), serve only the built renderer, and carry calls to the real
 * dispatcher unchanged.
 */

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch normalises paths and will not send a foreign Host. */
function raw(
  harness: Harness,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    noHost?: boolean;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: harness.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.noHost
          ? { ...options.headers }
          : { host: `127.0.0.1:${harness.port}`, ...options.headers },
        setHost: !options.noHost,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(harness: Harness, method: string, input: unknown, token = harness.token) {
  return raw(harness, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', 'x-kluis-token': token },
    body: JSON.stringify(input),
  });
}

let harness: Harness;
let rendererDir: string;

beforeAll(async () => {
  const root = tempDir('dossierkluis-harness-');
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><html lang="nl"><head><title>t</title>' +
      '<script type="module" crossorigin src="./assets/app.js"></script></head>' +
      '<body><div id="root"></div></body></html>',
  );
  writeFileSync(join(rendererDir, 'assets/app.js'), 'export const app = 1;');
  writeFileSync(join(root, 'secret.txt'), 'SECRET-OUTSIDE-RENDERER');
  symlinkSync(join(root, 'secret.txt'), join(rendererDir, 'assets/link.txt'));
  harness = await startHarness({ vaultDir: tempDir(), vaultOptions: FAST, rendererDir });
});

afterAll(async () => {
  await harness.close();
  removeTempDirs();
});

describe('token', () => {
  it('refuses a call without the token', async () => {
    const response = await raw(harness, { method: 'POST', path: '/api/vault.status', body: '{}' });
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('"ok"');
  });

  it('refuses a wrong token, a truncated one and one of another length', async () => {
    for (const token of [
      'f'.repeat(64),
      harness.token.slice(0, 63),
      `${harness.token}0`,
      harness.token.toUpperCase(),
      '',
    ]) {
      expect((await api(harness, 'vault.status', {}, token)).status, token).toBe(403);
    }
  });

  it('guards the event stream and the harness controls too', async () => {
    expect((await raw(harness, { path: '/api/events' })).status).toBe(403);
    expect(
      (await raw(harness, { method: 'POST', path: '/harness/idle-lock?advanceMinutes=11' })).status,
    ).toBe(403);
  });

  it('is a fresh random 256-bit value per harness', async () => {
    const other = await startHarness({ vaultDir: tempDir(), rendererDir });
    try {
      expect(other.token).toMatch(/^[0-9a-f]{64}$/);
      expect(other.token).not.toBe(harness.token);
      expect((await api(other, 'vault.status', {}, harness.token)).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});

describe('Host and Origin', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
  });

  it('refuses a non-loopback Host header (DNS rebinding), even with the token', async () => {
    for (const host of [
      `evil.example:${harness.port}`,
      'evil.example',
      `127.0.0.1.nip.io:${harness.port}`,
      `127.0.0.1:${harness.port + 1}`,
      `[::1]:${harness.port}`,
    ]) {
      const response = await raw(harness, {
        method: 'POST',
        path: '/api/vault.status',
        headers: { host, 'x-kluis-token': harness.token },
        body: '{}',
      });
      expect(response.status, host).toBe(403);
      const page = await raw(harness, { path: '/', headers: { host } });
      expect(page.status, host).toBe(403);
    }
  });

  it('refuses a request without a Host header', async () => {
    const response = await raw(harness, {
      method: 'POST',
      path: '/api/vault.status',
      headers: { 'x-kluis-token': harness.token },
      body: '{}',
      noHost: true,
    });
    // Node's HTTP server already answers 400 to an HTTP/1.1 request without Host.
    expect([400, 403]).toContain(response.status);
    expect(response.body).not.toContain('"ok"');
  });

  it('accepts localhost as well as 127.0.0.1', async () => {
    const response = await raw(harness, {
      path: '/',
      headers: { host: `localhost:${harness.port}` },
    });
    expect(response.status).toBe(200);
  });

  it('refuses a call from another origin, even with the token', async () => {
    const response = await raw(harness, {
      method: 'POST',
      path: '/api/vault.status',
      headers: { origin: 'https://evil.example', 'x-kluis-token': harness.token },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });
});

describe('calls', () => {
  it('round-trips through the real dispatcher', async () => {
    const first = await api(harness, 'vault.status', {});
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ ok: true, value: { state: 'none' } });

    const created = JSON.parse(
      (await api(harness, 'vault.create', { passphrase: PASSPHRASE })).body,
    );
    expect(created.ok).toBe(true);
    expect(typeof created.value.recoveryKey).toBe('string');

    const client = JSON.parse(
      (
        await api(harness, 'clients.create', {
          firstName: 'Annemieke',
          lastName: 'van der Berg',
          dateOfBirth: '1984-03-12',
          isMinor: false,
          isVulnerableAdult: false,
          email: '',
          phone: '',
          address: '',
          sponsorOrganisation: '',
          sponsorContact: '',
          sponsorEmail: '',
          sponsorPhone: '',
          status: 'intake',
          notes: '',
        })
      ).body,
    );
    expect(client.ok).toBe(true);
    const list = JSON.parse((await api(harness, 'clients.list', {})).body);
    expect(list.value.map((row: { id: string }) => row.id)).toEqual([client.value.id]);
  });

  it('returns typed errors from the dispatcher as they are', async () => {
    expect(JSON.parse((await api(harness, 'clients.get', { id: 'x' })).body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', messageKey: 'errors.VALIDATION' },
    });
    expect(JSON.parse((await api(harness, 'no.such', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('answers a body that is not JSON with 400, and GET on a method with 405', async () => {
    const bad = await raw(harness, {
      method: 'POST',
      path: '/api/vault.status',
      headers: { 'x-kluis-token': harness.token },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    const get = await raw(harness, {
      path: '/api/vault.status',
      headers: { 'x-kluis-token': harness.token },
    });
    expect(get.status).toBe(405);
  });
});

describe('locks', () => {
  it('locks through the idle policy and pushes the event to the page', async () => {
    await api(harness, 'vault.unlock', { passphrase: PASSPHRASE });
    const events: string[] = [];
    const stream = request({
      host: '127.0.0.1',
      port: harness.port,
      path: '/api/events',
      headers: { host: `127.0.0.1:${harness.port}`, 'x-kluis-token': harness.token },
    });
    const received = new Promise<void>((resolve) => {
      stream.on('response', (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        res.on('data', (chunk: Buffer) => {
          events.push(chunk.toString('utf8'));
          if (events.join('').includes('"locked"')) resolve();
        });
      });
    });
    stream.end();
    await harness.waitForEventStream();

    const control = (minutes: number) =>
      raw(harness, {
        method: 'POST',
        path: `/harness/idle-lock?advanceMinutes=${minutes}`,
        headers: { 'x-kluis-token': harness.token },
      });
    expect(JSON.parse((await control(9)).body)).toEqual({ locked: false, state: 'unlocked' });
    // A call is activity: the 9 minutes so far no longer count.
    await api(harness, 'vault.status', {});
    expect(JSON.parse((await control(9)).body)).toEqual({ locked: false, state: 'unlocked' });
    expect(JSON.parse((await control(2)).body)).toEqual({ locked: true, state: 'locked' });
    await received;
    expect(events.join('')).toContain('data: {"type":"locked","reason":"idle"}');
    stream.destroy();
  });

  it('plays screen lock and suspend like powerMonitor', async () => {
    await api(harness, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(harness.powerEvent('lock-screen')).toEqual({ locked: true });
    expect(JSON.parse((await api(harness, 'vault.status', {})).body).value.state).toBe('locked');
    await api(harness, 'vault.unlock', { passphrase: PASSPHRASE });
    expect(harness.powerEvent('suspend')).toEqual({ locked: true });
    expect(harness.powerEvent('suspend')).toEqual({ locked: false });
  });
});

describe('chooser', () => {
  const choose = (target: Harness, body: unknown, headers: Record<string, string>) =>
    raw(target, {
      method: 'POST',
      path: '/harness/choose-file',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('is not there unless a harness is started with it', async () => {
    const page = await raw(harness, { path: '/' });
    expect(page.body).not.toContain('data-chooser');
    const response = await choose(
      harness,
      { purpose: 'bundle-folder' },
      { 'x-kluis-token': harness.token },
    );
    expect(response.status).toBe(404);
    expect(() => harness.answerNextChoice(tempDir())).toThrow(/chooser/);
  });

  it('answers only its own page: token and Origin, and never hands out a path', async () => {
    const chooser = await startHarness({
      vaultDir: tempDir(),
      vaultOptions: FAST,
      rendererDir,
      chooser: true,
    });
    try {
      const folder = tempDir();
      const page = await raw(chooser, { path: '/' });
      expect(page.body).toContain('<script src="/harness-client.js" data-chooser="on"></script>');

      // Refused without the token, with another harness's, and from another origin; none of
      // these uses up the queued answer.
      chooser.answerNextChoice(folder);
      expect((await choose(chooser, { purpose: 'bundle-folder' }, {})).status).toBe(403);
      expect(
        (await choose(chooser, { purpose: 'bundle-folder' }, { 'x-kluis-token': harness.token }))
          .status,
      ).toBe(403);
      expect(
        (
          await choose(
            chooser,
            { purpose: 'bundle-folder' },
            { 'x-kluis-token': chooser.token, origin: 'https://evil.example' },
          )
        ).status,
      ).toBe(403);
      expect(chooser.choiceRequests).toEqual([]);

      const ok = await choose(
        chooser,
        { purpose: 'bundle-folder' },
        { 'x-kluis-token': chooser.token },
      );
      expect(ok.status).toBe(200);
      const answer = JSON.parse(ok.body) as { token: string; name: string };
      expect(answer.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(answer.name).toBe(basename(folder));
      expect(ok.body).not.toContain(folder);
      expect(chooser.choiceRequests).toEqual([{ purpose: 'bundle-folder', defaultName: '' }]);

      // The grant is the one the services redeem: the folder is set from the token alone.
      await api(chooser, 'vault.create', { passphrase: PASSPHRASE }, chooser.token);
      const set = JSON.parse(
        (
          await api(
            chooser,
            'continuity.setBundleFolder',
            { folderToken: answer.token },
            chooser.token,
          )
        ).body,
      );
      expect(set).toMatchObject({ ok: true, value: { bundle: { folder, folderSet: true } } });

      // Nothing queued is a cancelled dialog; an unknown purpose is refused.
      const cancelled = await choose(
        chooser,
        { purpose: 'open-bundle', defaultName: 'x.age' },
        { 'x-kluis-token': chooser.token },
      );
      expect([cancelled.status, cancelled.body]).toEqual([200, 'null']);
      expect(
        (await choose(chooser, { purpose: '/etc' }, { 'x-kluis-token': chooser.token })).status,
      ).toBe(400);
      expect(() => chooser.answerNextChoice('relative/path')).toThrow(/absolute/);
    } finally {
      await chooser.close();
    }
  });
});

describe('static files', () => {
  it('serves index.html with the app CSP and the harness client before the app script', async () => {
    const page = await raw(harness, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const client = page.body.indexOf('<script src="/harness-client.js"></script>');
    expect(client).toBeGreaterThan(0);
    expect(client).toBeLessThan(page.body.indexOf('./assets/app.js'));
    expect(page.body).not.toContain(harness.token);
  });

  it('builds the injected client from the shared bridge, without the token in it', async () => {
    const script = await raw(harness, { path: '/harness-client.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(script.body).toContain('vault.status');
    expect(script.body).toContain('kluis-token');
    expect(script.body).not.toContain(harness.token);
  });

  it('serves assets with their type and the CSP', async () => {
    const asset = await raw(harness, { path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/^text\/javascript/);
    expect(asset.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses path traversal in every spelling', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/..\\secret.txt',
      '/assets/link.txt',
      '/%00/../secret.txt',
      '//secret.txt',
      '/.%2e/secret.txt',
    ]) {
      const response = await raw(harness, { path });
      expect(response.body, path).not.toContain('SECRET');
      expect(response.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses writes to static paths', async () => {
    expect((await raw(harness, { method: 'PUT', path: '/index.html', body: 'x' })).status).toBe(
      405,
    );
  });
});
