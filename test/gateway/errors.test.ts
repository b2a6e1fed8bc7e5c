/**
 * What clients see when things go wrong: upstream outages mapped to the closed list of codes, no
 * stack traces, query limits, and the API key nowhere in responses or logs (the support harness
 * checks every captured log line and body on close, with the logger's value scrubbing off).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, secretScrubber, yogaLogger } from '../../src/logger.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { UserByUidQuery, UsersPageQuery } from './operations.js';

let t: TestGateway;
beforeAll(async () => {
  // Development mode: masking must hold there too.
  t = await startTestGateway({ env: { NODE_ENV: 'development' } });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.emulator.clearFaults();
});

describe('upstream failures', () => {
  it.each([
    [503, 'UPSTREAM_UNAVAILABLE'],
    [500, 'UPSTREAM_UNAVAILABLE'],
    [429, 'RATE_LIMITED'],
  ])('maps an upstream %i to %s on the failing field, without internals', async (status, code) => {
    t.emulator.injectFault({
      path: '/v3/users',
      status,
      times: 10,
      headers: status === 429 ? { 'retry-after': '30' } : {},
      body: {
        error: {
          code: status === 429 ? 'ERR_TOO_MANY_REQUESTS' : 'ERR_MISSION_FAILED',
          message: `upstream trouble, key ${t.emulator.apiKey}`,
        },
      },
    });
    const { status: httpStatus, body } = await t.execute(UsersPageQuery, { first: 3 });
    expect(httpStatus).toBe(200);
    expect(body.data).toEqual({ users: null });
    const error = body.errors?.[0];
    expect(error?.extensions?.code).toBe(code);
    expect(error?.path).toEqual(['users']);
    expect(JSON.stringify(body)).not.toMatch(/stack|127\.0\.0\.1|\/v3|apikey/i);
    if (code === 'RATE_LIMITED') expect(error?.extensions?.retryAfterSeconds).toBe(30);
  });

  it('maps a refused API key to UPSTREAM_UNAVAILABLE with a hint to check credentials', async () => {
    t.emulator.injectFault({
      path: '/v3/users/*',
      status: 401,
      body: { error: { code: 'AUTH_ERR_APIKEY_NOT_FOUND', message: 'The apiKey is invalid.' } },
    });
    const { body } = await t.execute(UserByUidQuery, { uid: 'cometchat-uid-1' });
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(body.errors?.[0]?.message).toMatch(/credentials/);
    expect(body.data?.user).toBeNull();
  });

  it('maps a connection reset on a read to UPSTREAM_UNAVAILABLE', async () => {
    t.emulator.injectFault({ path: '/v3/users/*', mode: 'reset', times: 10 });
    const { body } = await t.execute(UserByUidQuery, { uid: 'cometchat-uid-2' });
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('reports an unreadable answer as UPSTREAM_UNAVAILABLE without a stack trace, even in development', async () => {
    t.emulator.injectFault({ path: '/v3/users/*', status: 200, body: { data: 'not a user' } });
    const { body } = await t.execute(UserByUidQuery, { uid: 'cometchat-uid-3' });
    const error = body.errors?.[0];
    expect(error?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error?.message).not.toMatch(/GET|\/users|zod|data\./);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+/);
  });
});

describe('query limits', () => {
  async function run(query: string) {
    const response = await t.inProcess('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.config.adminTokens[0]}`,
      },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: await response.json() };
  }

  it('answers a malformed or invalid document with 400 BAD_USER_INPUT', async () => {
    for (const query of ['{ users(first: 1) { nope } }', '{ users(', '{ user { uid } }']) {
      const result = await run(query);
      expect([200, 400], query).toContain(result.status);
      expect(result.body.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses too many aliases before calling CometChat', async () => {
    t.emulator.clearRequests();
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: user(uid: "u${i}") { uid }`).join(
      ' ',
    );
    const { body } = await run(`{ ${aliases} }`);
    expect(body.errors?.[0]?.message).toMatch(/alias/i);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(t.emulator.requests()).toHaveLength(0);
  });

  it('refuses a too deep query before running it', async () => {
    t.emulator.clearRequests();
    const deep = `{ viewer { ${'user { '.repeat(14)}uid${' }'.repeat(14)} } }`;
    const { body } = await run(deep);
    expect(body.data).toBeUndefined();
    expect(body.errors.map((error: { message: string }) => error.message).join('\n')).toMatch(
      /depth/i,
    );
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(t.emulator.requests()).toHaveLength(0);
  });

  it('refuses a query whose pages multiply beyond the cost limit, before calling CometChat', async () => {
    t.emulator.clearRequests();
    const page = 'users(first: 100) { edges { cursor node { id uid name } } }';
    const aliases = Array.from({ length: 20 }, (_, i) => `p${i}: ${page}`).join(' ');
    const { body } = await run(`{ ${aliases} }`);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/too expensive/);
    expect(t.emulator.requests()).toHaveLength(0);
    const one = await run(`{ ${page} }`);
    expect(one.body.errors).toBeUndefined();
  });
});

describe('logging', () => {
  it('scrubs configured secrets from every line and redacts credential fields', () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'trace',
      secrets: ['super-secret-api-key'],
      destination: { write: (line) => lines.push(line) },
    });
    logger.info(
      { apikey: 'x1', headers: { authorization: 'Bearer y2' }, password: 'z3' },
      'fields',
    );
    logger.error(new Error('upstream said super-secret-api-key is wrong'));
    yogaLogger(logger).warn('yoga says super-secret-api-key', { extra: 1 });
    const all = lines.join('\n');
    expect(all).not.toContain('super-secret-api-key');
    expect(all).not.toMatch(/x1|y2|z3/);
    expect(all).toContain('[redacted]');
    expect(lines).toHaveLength(3);
  });

  it('leaves short or empty values alone', () => {
    expect(secretScrubber(['', 'ab'])('ab cd')).toBe('ab cd');
  });
});
