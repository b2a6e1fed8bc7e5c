/**
 * The upstream client's call observer: one event per finished call, named by its path template
 * (never a filled-in id), with the last status, the outcome and the number of HTTP attempts.
 */
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type UpstreamCallEvent,
  UpstreamClient,
  type UpstreamClientOptions,
} from '../../src/upstream/client.js';
import { getUser } from '../../src/upstream/users.js';

const ORIGIN = 'http://cometchat.test';
const API_KEY = 'observer-test-api-key-0123456789abcdef';
const USER = {
  uid: 'cometchat-uid-1',
  name: 'Andrew Joseph',
  status: 'available',
  role: 'default',
  createdAt: 1735689600,
};
const TOO_MANY = { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'slow down' } };

let agent: MockAgent;
let events: UpstreamCallEvent[];

function client(extra: Partial<UpstreamClientOptions> = {}): UpstreamClient {
  return new UpstreamClient({
    baseUrl: `${ORIGIN}/v3`,
    apiKey: API_KEY,
    dispatcher: agent,
    retryBaseDelayMs: 1,
    onCall: (event) => events.push(event),
    ...extra,
  });
}

function pool() {
  return agent.get(ORIGIN);
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  events = [];
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  for (const event of events) expect(JSON.stringify(event)).not.toContain(API_KEY);
  await agent.close();
});

describe('call events', () => {
  it('names a successful call by its path template, never the uid, and says whether it acted for a user', async () => {
    pool().intercept({ path: '/v3/users/secret-uid-42', method: 'GET' }).reply(200, { data: USER });
    pool().intercept({ path: '/v3/users/secret-uid-43', method: 'GET' }).reply(200, { data: USER });
    const c = client();
    await getUser(c, 'secret-uid-42');
    await getUser(c, 'secret-uid-43', { onBehalfOf: 'cometchat-uid-2' });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      api: 'chat',
      method: 'GET',
      route: '/users/{uid}',
      status: 200,
      outcome: 'ok',
      attempts: 1,
      onBehalfOf: false,
    });
    expect(events[1]).toMatchObject({ outcome: 'ok', onBehalfOf: true });
    expect(events[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(events)).not.toMatch(/secret-uid|cometchat-uid-2/);
  });

  it('reports a call that succeeded after a retry as retried, with both attempts', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(429, TOO_MANY, { headers: { 'retry-after': '0' } });
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER });
    await getUser(client(), 'x');
    expect(events).toEqual([
      expect.objectContaining({ outcome: 'retried', attempts: 2, status: 200 }),
    ]);
  });

  it('reports a 429 that ends the call as rate-limited', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(429, TOO_MANY, { headers: { 'retry-after': '60' } });
    await expect(getUser(client(), 'x')).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(events).toEqual([
      expect.objectContaining({ outcome: 'rate-limited', status: 429, attempts: 1 }),
    ]);
  });

  it('reports a deadline as timeout, without a status', async () => {
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER }).delay(400);
    await expect(getUser(client({ requestTimeoutMs: 50 }), 'x')).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(events).toEqual([
      expect.objectContaining({ outcome: 'timeout', status: undefined, attempts: 1 }),
    ]);
  });

  it('reports other failures as error with the status, and a caller abort as aborted', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(500, { error: { code: 'ERR_INTERNAL', message: 'boom' } });
    await expect(getUser(client({ retries: 0 }), 'x')).rejects.toMatchObject({
      kind: 'unavailable',
    });
    pool().intercept({ path: '/v3/users/y', method: 'GET' }).reply(200, { data: USER }).delay(400);
    const controller = new AbortController();
    const pending = getUser(client(), 'y', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(events.map((event) => [event.outcome, event.status])).toEqual([
      ['error', 500],
      ['aborted', undefined],
    ]);
  });

  it('tells no observer about a call refused before sending', async () => {
    await expect(getUser(client(), '')).rejects.toMatchObject({ kind: 'invalid' });
    expect(events).toEqual([]);
  });

  it('keeps a call working when an observer throws, and stops telling a removed observer', async () => {
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER }).times(2);
    const c = client({
      onCall: () => {
        throw new Error('observer bug');
      },
    });
    const seen: string[] = [];
    const stop = c.onCall((event) => seen.push(event.outcome));
    expect((await getUser(c, 'x')).uid).toBe('cometchat-uid-1');
    stop();
    await getUser(c, 'x');
    expect(seen).toEqual(['ok']);
  });
});
