/**
 * How mutations behave as a whole: root mutations of one operation run one after another in
 * document order, a refused one neither rolls back nor hides the others, and every write is sent
 * to CometChat exactly once, even when CometChat fails; a write whose answer is lost is reported
 * as UPSTREAM_OUTCOME_UNKNOWN.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';

type Data = Record<string, Record<string, unknown> | null>;

const USER_ERROR = '... on UserError { message path code }';

const CREATE_USER = `mutation ($uid: String!, $name: String!) {
  userCreate(input: { uid: $uid, name: $name }) {
    __typename
    ... on UserCreatePayload { user { uid name } }
    ${USER_ERROR}
  }
}`;

describe('several root mutations in one operation', () => {
  const h = useHarness();
  beforeEach(() => {
    h.emulator.reset();
  });

  it('run in document order; a refused one neither rolls back nor hides the others', async () => {
    const result = await h.query<Data>(`mutation {
      created: userCreate(input: { uid: "order-a", name: "A" }) {
        __typename
        ... on UserCreatePayload { user { uid name } }
        ${USER_ERROR}
      }
      duplicate: userCreate(input: { uid: "ORDER-A", name: "A again" }) {
        __typename
        ${USER_ERROR}
      }
      updated: userUpdate(input: { uid: "order-a", name: "A updated" }) {
        __typename
        ... on UserUpdatePayload { user { uid name } }
        ${USER_ERROR}
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data ?? {})).toEqual(['created', 'duplicate', 'updated']);
    expect(result.data?.created).toEqual({
      __typename: 'UserCreatePayload',
      user: { uid: 'order-a', name: 'A' },
    });
    expect(result.data?.duplicate).toMatchObject({
      __typename: 'ConflictError',
      code: 'ERR_UID_ALREADY_EXISTS',
    });
    expect(result.data?.updated).toEqual({
      __typename: 'UserUpdatePayload',
      user: { uid: 'order-a', name: 'A updated' },
    });

    const writes = h.emulator
      .requests()
      .filter((entry) => entry.method !== 'GET')
      .map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
    expect(writes).toEqual([
      'POST /v3/users 200',
      'POST /v3/users 409',
      'PUT /v3/users/order-a 200',
    ]);

    const after = await h.query<Data>('{ user(uid: "order-a") { name } }');
    expect(after.data?.user).toEqual({ name: 'A updated' });
  });

  it('each sees the state the previous ones left, across resources', async () => {
    const result = await h.query<Data>(`mutation {
      hook: webhookCreate(input: { webhookId: "orderhook", name: "First", url: "https://hooks.example.com/a" }) {
        __typename
      }
      renamed: webhookUpdate(input: { webhookId: "orderhook", name: "Second" }) {
        __typename
        ... on WebhookUpdatePayload { webhook { name } }
      }
      gone: webhookDelete(input: { webhookId: "orderhook" }) { __typename }
      again: webhookUpdate(input: { webhookId: "orderhook", name: "Third" }) {
        __typename
        ${USER_ERROR}
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      hook: { __typename: 'WebhookCreatePayload' },
      renamed: { __typename: 'WebhookUpdatePayload', webhook: { name: 'Second' } },
      gone: { __typename: 'WebhookDeletePayload' },
      again: expect.objectContaining({ __typename: 'NotFoundError', path: ['input', 'webhookId'] }),
    });
  });
});

describe('exactly once', () => {
  const h = useHarness();
  beforeEach(() => {
    h.emulator.reset();
  });

  it('sends a write once when CometChat answers 503, and says CometChat is unavailable', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/users', status: 503, times: 5 });
    const result = await h.query<Data>(CREATE_USER, { uid: 'once-a', name: 'Once' });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(h.requestCount('POST', '/v3/users')).toBe(1);

    const after = await h.query<Data>('{ user(uid: "once-a") { uid } }');
    expect(after.data?.user).toBeNull();
  });

  it('sends a write once when CometChat rate-limits it, with the wait in the error', async () => {
    h.emulator.injectFault({
      method: 'POST',
      path: '/users',
      status: 429,
      headers: { 'retry-after': '7' },
      times: 5,
    });
    const result = await h.query<Data>(CREATE_USER, { uid: 'once-b', name: 'Once' });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 7,
    });
    expect(h.requestCount('POST', '/v3/users')).toBe(1);
  });

  it('sends a Management API write once when it fails', async () => {
    const path = `/apps/${h.emulator.appId}/webhooks`;
    h.emulator.injectFault({ method: 'POST', path, status: 503, times: 5 });
    const result = await h.query<Data>(`mutation {
      webhookCreate(input: { webhookId: "oncehook", name: "Once", url: "https://hooks.example.com/" }) {
        __typename
      }
    }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(h.requestCount('POST', path)).toBe(1);
  });

  it('retries a read with the same fault, which shows the single write is deliberate', async () => {
    h.emulator.injectFault({ method: 'GET', path: '/users/cometchat-uid-1', status: 503 });
    const result = await h.query<Data>('{ user(uid: "cometchat-uid-1") { uid } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.user).toEqual({ uid: 'cometchat-uid-1' });
    expect(h.requestCount('GET', '/v3/users/cometchat-uid-1')).toBe(2);
  });

  it('reports UPSTREAM_OUTCOME_UNKNOWN when the connection breaks after the write was sent', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/users', mode: 'reset' });
    const result = await h.query<Data>(CREATE_USER, { uid: 'once-c', name: 'Once' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(result.errors?.[0]?.message).toMatch(/check the current state/);
    expect(h.requestCount('POST', '/v3/users')).toBe(1);
  });
});

describe('a write that gets no answer in time', () => {
  const h = useHarness({}, { client: { requestTimeoutMs: 300 } });
  beforeEach(() => {
    h.emulator.reset();
  });

  it('is reported as UPSTREAM_OUTCOME_UNKNOWN, sent once', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/users', mode: 'hang' });
    const result = await h.query<Data>(CREATE_USER, { uid: 'slow-a', name: 'Slow' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(h.requestCount('POST', '/v3/users')).toBe(1);
  });

  it('is unknown on the Management API too', async () => {
    const path = `/apps/${h.emulator.appId}/webhooks/slowhook`;
    h.emulator.injectFault({ method: 'DELETE', path, mode: 'hang' });
    const result = await h.query<Data>(`mutation {
      webhookDelete(input: { webhookId: "slowhook" }) { __typename }
    }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(h.requestCount('DELETE', path)).toBe(1);
  });

  it('while a read that times out is just UPSTREAM_TIMEOUT', async () => {
    h.emulator.injectFault({ method: 'GET', path: '/users/cometchat-uid-2', mode: 'hang' });
    const result = await h.query<Data>('{ user(uid: "cometchat-uid-2") { uid } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(result.data?.user).toBeNull();
  });
});
