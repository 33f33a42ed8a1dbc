import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorCodes, type MethodName, methodNames } from '../../electron/api';
import { aClient, openTestApi, type TestApi } from '../support/api-fixture';
import { removeTempDirs } from '../support/vault-fixture';

let api: TestApi;
let clientId: string;
let sessionId: string;

beforeAll(async () => {
  api = await openTestApi();
  const client = await api.kluis.clients.create(aClient);
  clientId = client.id;
  const session = await api.kluis.sessions.create({
    clientId,
    startsAt: '2026-11-01T10:00:00+01:00',
    durationMinutes: 60,
    form: 'video',
    notes: 'notitie',
    reflection: '',
    tags: [],
  });
  sessionId = session.id;
});

afterAll(() => {
  api.session.lock('quit');
  removeTempDirs();
});

function fingerprint(): string {
  return createHash('sha256').update(api.session.db.serialize()).digest('hex');
}

/** Methods that would end the test's session or its secret; fuzzed separately below. */
const sessionMethods = new Set<MethodName>([
  'vault.lock',
  'vault.create',
  'vault.unlock',
  'vault.changePassphrase',
]);
const dataMethods = methodNames.filter((m) => !sessionMethods.has(m));

const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString())),
  fc.constantFrom(
    '2026-02-30',
    '9999-99-99',
    '',
    ' ',
    '\u0000',
    'a'.repeat(300),
    '../../etc/passwd',
  ),
);

/** Inputs of the right shape with wrong values, wrong shapes, and plain junk. */
function inputs(): fc.Arbitrary<unknown> {
  const known = fc.constantFrom(
    'id',
    'clientId',
    'sessionId',
    'name',
    'query',
    'firstName',
    'startsAt',
    'status',
    'override',
    'contentBase64',
    'limit',
    'passphrase',
  );
  const idLike = fc.oneof(fc.constant(clientId), fc.constant(sessionId), fc.uuid(), fc.string());
  return fc.oneof(
    fc.anything(),
    fc.dictionary(known, fc.oneof(scalar, idLike, fc.anything()), { maxKeys: 6 }),
    fc.record({ id: idLike }),
    fc.record({ clientId: idLike, name: scalar }),
    fc.record({ ...Object.fromEntries(Object.keys(aClient).map((k) => [k, scalar])) }),
  );
}

describe('every API method under random input', () => {
  it('answers with a value or a typed error, never crashes, and a refused call changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...dataMethods), inputs(), async (method, input) => {
        const before = fingerprint();
        const result = await api.dispatch(method, input);
        if (result.ok) return;
        expect(apiErrorCodes).toContain(result.error.code);
        expect(result.error.code).not.toBe('INTERNAL');
        expect(result.error.messageKey).toBe(`errors.${result.error.code}`);
        expect(fingerprint()).toBe(before);
      }),
      {
        numRuns: Number(process.env.KLUIS_FUZZ_RUNS ?? 2000),
        seed: Number(process.env.KLUIS_FUZZ_SEED ?? 20261123),
      },
    );
  });

  it('refuses unknown method names and keeps going', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.anything(), async (method, input) => {
        fc.pre(!(methodNames as string[]).includes(method));
        const result = await api.dispatch(method, input);
        expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      }),
      { numRuns: 100 },
    );
    expect(await api.kluis.clients.list({})).toHaveLength(1);
  });

  it('keeps the vault usable through malformed vault calls', async () => {
    const before = fingerprint();
    for (const method of sessionMethods) {
      for (const input of [
        42,
        'x',
        [],
        { passphrase: 7 },
        { current: '', next: '' },
        { recoveryKey: {} },
        { extra: true },
      ]) {
        const result = await api.dispatch(method, input);
        if (!result.ok) expect(apiErrorCodes).toContain(result.error.code);
      }
    }
    expect(api.session.state).toBe('unlocked');
    expect(fingerprint()).toBe(before);
  });
});
