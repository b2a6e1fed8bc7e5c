/**
 * The fault matrix: each CometChat failure the emulator can inject, against a single lookup, a
 * list read through a loader batch, a nested connection beside a sibling root field, a mutation,
 * and the enrichment of a subscription event. Each cell checks how many requests reached
 * CometChat (reads are retried on 429/502/503/504, resets and attempt timeouts; writes never are),
 * the code the client gets and where, that sibling fields keep their data, what the log says, and
 * that nothing was left as an unhandled rejection. Timeouts are short here through the same
 * settings an operator uses; that they took effect shows in the attempt counts (a hanging
 * CometChat is asked three times, then the request completes), never in measured durations.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  postDelivery,
  type Recorded,
  subscribed,
  subscribeWs,
  unsubscribed,
  wsClient,
} from '../support/realtime.js';

const credentials = { username: 'faultuser', password: 'faultpassword123' };

let t: TestGateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await startTestGateway({
    env: {
      // Attempts short enough for three hanging ones per cell, long enough for a busy machine's
      // real answers; a deadline that never cuts a cell's retries short on a loaded machine.
      COMETCHAT_ATTEMPT_TIMEOUT_MS: '2000',
      COMETCHAT_REQUEST_TIMEOUT_MS: '30000',
      WEBHOOK_USERNAME: credentials.username,
      WEBHOOK_PASSWORD: credentials.password,
      // The breaker has its own tests; here every cell must reach the emulator.
      COMETCHAT_BREAKER_FAILURES: '1000',
    },
  });
  t.secrets.push(credentials.password);
  // A first request warms the gateway up, so no cell pays for a cold start.
  await run('{ user(uid: "cometchat-uid-1") { uid } roles(first: 1) { totalCount } }');
});
afterAll(async () => {
  await t.close();
  process.off('unhandledRejection', onUnhandled);
});
afterEach(() => {
  t.emulator.clearFaults();
});

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function run(query: string): Promise<GraphQLBody> {
  const response = await t.inProcess('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as GraphQLBody;
}

/** pino's numeric levels. */
const WARN = 40;
const ERROR = 50;

function linesSince(start: number): { level: number; msg: string; text: string }[] {
  return t.logs.slice(start).map((text) => {
    const line = JSON.parse(text) as { level: number; msg?: string };
    return { level: line.level, msg: line.msg ?? '', text };
  });
}

type Code =
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_OUTCOME_UNKNOWN'
  | 'RATE_LIMITED'
  | null;

interface Cell {
  name: string;
  fault: Record<string, unknown>;
  read: { attempts: number; code: Code };
  write: { attempts: number; code: Code };
  /** A log line at this level (and with this text) is expected. */
  log?: { level: number; text: RegExp };
}

const MANY = { times: 100 };
const CELLS: Cell[] = [
  {
    name: '500',
    fault: { status: 500, ...MANY },
    read: { attempts: 1, code: 'UPSTREAM_UNAVAILABLE' },
    write: { attempts: 1, code: 'UPSTREAM_UNAVAILABLE' },
    log: { level: WARN, text: /server error/ },
  },
  {
    name: '502',
    fault: { status: 502, ...MANY },
    read: { attempts: 3, code: 'UPSTREAM_UNAVAILABLE' },
    write: { attempts: 1, code: 'UPSTREAM_OUTCOME_UNKNOWN' },
    log: { level: WARN, text: /server error/ },
  },
  {
    name: '503',
    fault: { status: 503, ...MANY },
    read: { attempts: 3, code: 'UPSTREAM_UNAVAILABLE' },
    write: { attempts: 1, code: 'UPSTREAM_UNAVAILABLE' },
    log: { level: WARN, text: /server error/ },
  },
  {
    name: '504',
    fault: { status: 504, ...MANY },
    read: { attempts: 3, code: 'UPSTREAM_UNAVAILABLE' },
    write: { attempts: 1, code: 'UPSTREAM_OUTCOME_UNKNOWN' },
    log: { level: WARN, text: /server error/ },
  },
  {
    name: '429 with Retry-After: 1 (once)',
    fault: { status: 429, headers: { 'Retry-After': '1' }, times: 1 },
    read: { attempts: 2, code: null },
    write: { attempts: 1, code: 'RATE_LIMITED' },
  },
  {
    name: '429 with Retry-After: 60',
    fault: { status: 429, headers: { 'Retry-After': '60' }, ...MANY },
    read: { attempts: 1, code: 'RATE_LIMITED' },
    write: { attempts: 1, code: 'RATE_LIMITED' },
  },
  {
    name: 'a hang past the attempt timeout',
    fault: { mode: 'hang', ...MANY },
    read: { attempts: 3, code: 'UPSTREAM_TIMEOUT' },
    write: { attempts: 1, code: 'UPSTREAM_OUTCOME_UNKNOWN' },
    log: { level: WARN, text: /timed out/ },
  },
  {
    name: 'a reset in the middle of the body',
    fault: { mode: 'truncate', ...MANY },
    read: { attempts: 3, code: 'UPSTREAM_UNAVAILABLE' },
    write: { attempts: 1, code: 'UPSTREAM_OUTCOME_UNKNOWN' },
    log: { level: WARN, text: /request failed/ },
  },
  {
    name: 'a 200 with malformed JSON',
    fault: { status: 200, rawBody: '{"data": {"uid": ', ...MANY },
    read: { attempts: 1, code: 'UPSTREAM_UNAVAILABLE' },
    write: { attempts: 1, code: 'UPSTREAM_OUTCOME_UNKNOWN' },
  },
  {
    name: '401 (the API key refused)',
    fault: {
      status: 401,
      body: { error: { code: 'AUTH_ERR_APIKEY_NOT_FOUND', message: 'The apiKey is invalid.' } },
      ...MANY,
    },
    read: { attempts: 1, code: 'UPSTREAM_UNAVAILABLE' },
    write: { attempts: 1, code: 'UPSTREAM_UNAVAILABLE' },
    log: { level: ERROR, text: /refused the API key/ },
  },
];

function expectLog(cell: Cell, start: number): void {
  const lines = linesSince(start);
  if (cell.log) {
    const { level, text } = cell.log;
    expect(lines.some((line) => line.level === level && text.test(line.msg))).toBe(true);
  }
  // Nothing but a refused key is an error-level event; none carries a stack trace.
  const errors = lines.filter((line) => line.level >= ERROR);
  expect(errors.every((line) => /refused the API key/.test(line.msg))).toBe(true);
  expect(lines.some((line) => /"stack"/.test(line.text))).toBe(false);
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
}

describe('a single lookup beside a sibling root field', () => {
  it.each(CELLS)('$name', async (cell) => {
    const path = '/v3/users/cometchat-uid-1';
    t.emulator.injectFault({ method: 'GET', path, ...cell.fault });
    t.emulator.clearRequests();
    const logStart = t.logs.length;
    const body = await run(
      '{ user(uid: "cometchat-uid-1") { uid name } roles(first: 1) { totalCount } }',
    );
    expect(t.requestCount('GET', path)).toBe(cell.read.attempts);
    const roles = body.data?.roles as { totalCount?: unknown } | undefined;
    expect(typeof roles?.totalCount).toBe('number');
    if (cell.read.code === null) {
      expect(body.errors).toBeUndefined();
      expect(body.data?.user).toMatchObject({ uid: 'cometchat-uid-1' });
    } else {
      expect(body.data?.user).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.path).toEqual(['user']);
      expect(body.errors?.[0]?.extensions?.code).toBe(cell.read.code);
      expect(body.errors?.[0]?.message).not.toMatch(/GET|\/users|\/v3|127\.0\.0\.1/);
      if (cell.read.code === 'RATE_LIMITED') {
        expect(body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(60);
      }
    }
    expectLog(cell, logStart);
    await settle();
  });
});

describe('a list read through a loader batch (roles of a page of users)', () => {
  it.each(CELLS)('$name', async (cell) => {
    const path = '/v3/roles';
    t.emulator.injectFault({ method: 'GET', path, ...cell.fault });
    t.emulator.clearRequests();
    const logStart = t.logs.length;
    const body = await run('{ users(first: 3) { nodes { uid role { role name } } } }');
    // One list call serves the whole batch, whatever the number of users.
    expect(t.requestCount('GET', path)).toBe(cell.read.attempts);
    const users = body.data?.users as { nodes: { uid: string; role: unknown }[] } | undefined;
    const nodes = users?.nodes ?? [];
    expect(nodes).toHaveLength(3);
    for (const node of nodes) expect(typeof node.uid).toBe('string');
    if (cell.read.code === null) {
      expect(body.errors).toBeUndefined();
      for (const node of nodes) expect(node.role).not.toBeNull();
    } else {
      for (const node of nodes) expect(node.role).toBeNull();
      expect(body.errors).toHaveLength(3);
      expect(body.errors?.map((error) => error.path)).toEqual([
        ['users', 'nodes', 0, 'role'],
        ['users', 'nodes', 1, 'role'],
        ['users', 'nodes', 2, 'role'],
      ]);
      for (const error of body.errors ?? []) {
        expect(error.extensions?.code).toBe(cell.read.code);
      }
    }
    expectLog(cell, logStart);
    await settle();
  });
});

describe('a nested connection beside a sibling root field (a user and their friends)', () => {
  it.each(CELLS)('$name', async (cell) => {
    const path = '/v3/users/cometchat-uid-1/friends';
    t.emulator.injectFault({ method: 'GET', path, ...cell.fault });
    t.emulator.clearRequests();
    const logStart = t.logs.length;
    const body = await run(
      '{ roles(first: 1) { totalCount } user(uid: "cometchat-uid-1") { uid name friends(first: 1) { totalCount } } }',
    );
    expect(t.requestCount('GET', path)).toBe(cell.read.attempts);
    const roles = body.data?.roles as { totalCount?: unknown } | undefined;
    expect(typeof roles?.totalCount).toBe('number');
    const user = body.data?.user as { uid: string; name: string; friends: unknown } | undefined;
    expect(user).toMatchObject({ uid: 'cometchat-uid-1', name: expect.any(String) });
    if (cell.read.code === null) {
      expect(body.errors).toBeUndefined();
      expect(user?.friends).toEqual({ totalCount: expect.any(Number) });
    } else {
      expect(user?.friends).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.path).toEqual(['user', 'friends']);
      expect(body.errors?.[0]?.extensions?.code).toBe(cell.read.code);
      expect(body.errors?.[0]?.message).not.toMatch(/GET|\/users|\/v3|127\.0\.0\.1/);
    }
    expectLog(cell, logStart);
    await settle();
  });
});

describe("a subscription event's enrichment (the sender's friends of a sent message)", () => {
  type Event = {
    messageSent: {
      message: {
        cometchatId: string;
        sender: { uid: string; friends: { totalCount: number } | null } | null;
      };
    };
  };
  let client: ReturnType<typeof wsClient>;
  let delivery = 0;
  beforeAll(() => {
    client = wsClient(t.info.graphqlUrl, ADMIN_TOKEN);
  });
  afterAll(async () => {
    await client.dispose();
  });

  it.each(CELLS)('$name', async (cell) => {
    const path = '/v3/users/cometchat-uid-1/friends';
    const base = t.gateway.realtime.bus.active;
    const sub: Recorded<Event> = subscribeWs<Event>(
      client,
      'subscription { messageSent { message { cometchatId sender { uid friends(first: 1) { totalCount } } } } }',
    );
    try {
      await subscribed(t.gateway, base);
      t.emulator.injectFault({ method: 'GET', path, ...cell.fault });
      t.emulator.clearRequests();
      const logStart = t.logs.length;
      delivery += 1;
      const id = String(880_000 + delivery);
      const response = await postDelivery(t.info.url, credentials, {
        trigger: 'message_sent',
        appId: t.emulator.appId,
        region: 'us',
        webhook: 'fault-matrix',
        data: {
          message: {
            id,
            conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
            sender: 'cometchat-uid-1',
            receiverType: 'user',
            receiver: 'cometchat-uid-2',
            category: 'message',
            type: 'text',
            data: {
              text: 'fault matrix',
              entities: {
                sender: {
                  entity: { uid: 'cometchat-uid-1', name: 'Andrew Joseph', status: 'available' },
                  entityType: 'user',
                },
                receiver: {
                  entity: { uid: 'cometchat-uid-2', name: 'George Alan', status: 'offline' },
                  entityType: 'user',
                },
              },
            },
            sentAt: 1796400000,
            updatedAt: 1796400000,
          },
        },
      });
      expect(response.status).toBe(200);
      const [event] = await sub.waitFor(1);
      expect(t.requestCount('GET', path)).toBe(cell.read.attempts);
      // The event and its other fields arrive whatever happened to the enrichment.
      expect(event?.messageSent.message.cometchatId).toBe(id);
      expect(event?.messageSent.message.sender?.uid).toBe('cometchat-uid-1');
      const errors = sub.errors as {
        message: string;
        path?: (string | number)[];
        extensions?: Record<string, unknown>;
      }[];
      if (cell.read.code === null) {
        expect(errors).toEqual([]);
        expect(event?.messageSent.message.sender?.friends).toEqual({
          totalCount: expect.any(Number),
        });
      } else {
        expect(event?.messageSent.message.sender?.friends).toBeNull();
        expect(errors).toHaveLength(1);
        expect(errors[0]?.path).toEqual(['messageSent', 'message', 'sender', 'friends']);
        expect(errors[0]?.extensions?.code).toBe(cell.read.code);
        expect(errors[0]?.message).not.toMatch(/GET|\/users|\/v3|127\.0\.0\.1/);
      }
      expectLog(cell, logStart);
      await settle();
    } finally {
      await sub.close();
      await unsubscribed(t.gateway, base);
    }
  });
});

describe('a mutation (messageSend) beside a sibling mutation, sent exactly once', () => {
  it.each(CELLS)('$name', async (cell) => {
    const path = '/v3/messages';
    t.emulator.injectFault({ method: 'POST', path, ...cell.fault });
    t.emulator.clearRequests();
    const logStart = t.logs.length;
    const body = await run(`mutation {
      messageSend(input: { senderUid: "cometchat-uid-1", receiverUids: ["cometchat-uid-2"], text: "fault matrix" }) {
        __typename
        ... on MessageSendPayload { sentMessage { id } }
      }
      sibling: userUpdate(input: { uid: "cometchat-uid-3", statusMessage: "after a fault" }) {
        __typename
        ... on UserUpdatePayload { user { statusMessage } }
      }
    }`);
    expect(t.requestCount('POST', path)).toBe(cell.write.attempts);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['messageSend']);
    expect(body.errors?.[0]?.extensions?.code).toBe(cell.write.code);
    expect(body.errors?.[0]?.message).not.toMatch(/POST|\/messages|\/v3|127\.0\.0\.1/);
    expect(body.data?.messageSend).toBeNull();
    // A later mutation of the same operation still runs, and its result is kept.
    expect(body.data?.sibling).toEqual({
      __typename: 'UserUpdatePayload',
      user: { statusMessage: 'after a fault' },
    });
    expectLog(cell, logStart);
    await settle();
  });
});

describe('refusals of a read are client errors, not INTERNAL', () => {
  it('maps a 400 to BAD_USER_INPUT and keeps CometChat code', async () => {
    t.emulator.injectFault({
      method: 'GET',
      path: '/v3/users/cometchat-uid-1',
      status: 400,
      body: { error: { code: 'ERR_BAD_REQUEST', message: 'The uid is invalid.' } },
    });
    const body = await run('{ user(uid: "cometchat-uid-1") { uid } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      upstreamCode: 'ERR_BAD_REQUEST',
    });
    expect(body.errors?.[0]?.path).toEqual(['user']);
  });

  it('maps a 409 on a read to BAD_USER_INPUT with CometChat code', async () => {
    t.emulator.injectFault({
      method: 'GET',
      path: '/v3/users/cometchat-uid-1',
      status: 409,
      body: { error: { code: 'ERR_ALREADY_JOINED', message: 'Already a member.' } },
    });
    const body = await run('{ user(uid: "cometchat-uid-1") { uid } }');
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      upstreamCode: 'ERR_ALREADY_JOINED',
    });
  });

  it('answers null for a lookup CometChat does not know', async () => {
    const body = await run('{ user(uid: "nobody-here") { uid } }');
    expect(body.errors).toBeUndefined();
    expect(body.data?.user).toBeNull();
  });

  it('refuses a malformed argument with BAD_USER_INPUT and no upstream call', async () => {
    t.emulator.clearRequests();
    const body = await run('{ groups(first: 5, memberUid: "a b") { totalCount } }');
    expect(t.emulator.requests()).toHaveLength(0);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).not.toMatch(/CometChat GET|\/v3/);
  });
});
