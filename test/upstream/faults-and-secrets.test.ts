/**
 * The client against the emulator's failure modes (rate limit, injected 503s, resets, hangs) and
 * the rule that no credential appears in any error or log line the client produces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { UpstreamClient } from '../../src/upstream/client.js';
import { isUpstreamError } from '../../src/upstream/errors.js';
import { getGroup } from '../../src/upstream/groups.js';
import { sendMessage } from '../../src/upstream/messages.js';
import { createUser, getUser, listUsers } from '../../src/upstream/users.js';
import { listWebhooks } from '../../src/upstream/webhooks.js';
import { expectFailure, TEST_API_KEY, useEmulator } from './harness.js';

const h = useEmulator('demo', { requestTimeoutMs: 1_000 });

describe('emulator faults seen through the client', () => {
  it('retries an injected 503 on a GET and succeeds', async () => {
    h.emulator.injectFault({ method: 'GET', path: '/users/cometchat-uid-1', status: 503 });
    const before = h.client.stats.requests;
    const user = await getUser(h.client, 'cometchat-uid-1');
    expect(user.uid).toBe('cometchat-uid-1');
    expect(h.client.stats.requests - before).toBe(2);
  });

  it('does not retry a POST after an injected 503', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/messages', status: 503 });
    const before = h.client.stats.requests;
    await expectFailure(
      h,
      sendMessage(h.client, {
        receiver: 'cometchat-uid-2',
        receiverType: 'user',
        type: 'text',
        data: { text: 'x' },
      }),
      'unavailable',
    );
    expect(h.client.stats.requests - before).toBe(1);
  });

  it('reports a reset write as outcome unknown', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/users', mode: 'reset' });
    const error = await expectFailure(
      h,
      createUser(h.client, { uid: 'reset-victim', name: 'R' }),
      'unavailable',
    );
    expect(error.outcomeUnknown).toBe(true);
  });

  it('times out a hanging GET within the call deadline', async () => {
    h.emulator.injectFault({ method: 'GET', path: '/groups/cometchat-guid-1', mode: 'hang' });
    const error = await expectFailure(h, getGroup(h.client, 'cometchat-guid-1'), 'timeout');
    expect(error.outcomeUnknown).toBe(false);
  });
});

describe('the emulator rate limit', () => {
  let limited: Emulator;
  let client: UpstreamClient;

  beforeAll(async () => {
    limited = await startEmulator({
      port: 0,
      seed: 'none',
      apiKey: TEST_API_KEY,
      rateLimitPerMin: 2,
    });
    client = new UpstreamClient({
      baseUrl: limited.baseUrl,
      apiKey: TEST_API_KEY,
      maxRetryWaitMs: 500,
    });
  });
  afterAll(async () => {
    await client.close();
    await limited.close();
  });

  it('stops sending once CometChat says the window is used up, with the wait until its reset', async () => {
    await listUsers(client);
    await listUsers(client);
    limited.clearRequests();
    const error = await expectFailure(h, listUsers(client), 'rate_limited', 'GATEWAY_RATE_LIMITED');
    expect(limited.requests()).toHaveLength(0);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(61);
  });

  it('maps a 429 to rate_limited with Retry-After, without waiting longer than the cap', async () => {
    const fresh = new UpstreamClient({
      baseUrl: limited.baseUrl,
      apiKey: TEST_API_KEY,
      maxRetryWaitMs: 500,
    });
    try {
      limited.clearRequests();
      const error = await expectFailure(
        h,
        listUsers(fresh),
        'rate_limited',
        'ERR_TOO_MANY_REQUESTS',
      );
      expect(limited.requests()).toHaveLength(1);
      expect(error.status).toBe(429);
      expect(error.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    } finally {
      await fresh.close();
    }
  });
});

describe('credentials never leak', () => {
  it('keeps a wrong API key out of the error and the logs', async () => {
    const wrongKey = 'wrong-api-key-4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c';
    const lines: string[] = [];
    const wrong = new UpstreamClient({
      baseUrl: h.emulator.baseUrl,
      apiKey: wrongKey,
      logger: {
        debug: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
        warn: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
      },
    });
    const error = await expectFailure(
      h,
      getUser(wrong, 'cometchat-uid-1'),
      'unauthorized',
      'AUTH_ERR_APIKEY_NOT_FOUND',
    );
    const everything = [
      ...lines,
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      JSON.stringify(error.details ?? {}),
    ].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain(TEST_API_KEY);
    await wrong.close();
  });

  it('keeps the real key out of every error of a mixed run', async () => {
    const calls: Promise<unknown>[] = [
      getUser(h.client, 'missing-user'),
      getGroup(h.client, 'missing-group'),
      createUser(h.client, { uid: 'bad uid', name: '' }),
      listWebhooks(new UpstreamClient({ baseUrl: h.emulator.baseUrl, apiKey: TEST_API_KEY })),
      h.client.request({ method: 'GET', path: '/no/such/endpoint' }, (raw) => raw),
    ];
    const results = await Promise.allSettled(calls);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      if (result.status !== 'rejected') continue;
      expect(isUpstreamError(result.reason)).toBe(true);
      const text = `${String(result.reason)}\n${JSON.stringify(result.reason)}\n${result.reason.stack}`;
      expect(text).not.toContain(TEST_API_KEY);
      h.output.push(text);
    }
    const notFound = results[4];
    expect(notFound?.status === 'rejected' && notFound.reason.kind).toBe('unavailable');
  });
});
