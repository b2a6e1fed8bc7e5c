/**
 * The fault matrix: each CometChat failure the emulator can inject, against a single lookup, a
 * list read through a loader batch, and a mutation. Each cell checks how many requests reached
 * CometChat (reads are retried on 429/502/503/504, resets and attempt timeouts; writes never are),
 * the code the client gets and where, that sibling fields keep their data, what the log says, and
 * that nothing was left as an unhandled rejection. Timeouts are short here through the same
 * settings an operator uses.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  t = await startTestGateway({
    env: {
      COMETCHAT_ATTEMPT_TIMEOUT_MS: '300',
      COMETCHAT_REQUEST_TIMEOUT_MS: '5000',
      // The breaker has its own tests; here every cell must reach the emulator.
      COMETCHAT_BREAKER_FAILURES: '1000',
    },
  });
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

describe('a mutation (messageSend), sent exactly once', () => {
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
    }`);
    expect(t.requestCount('POST', path)).toBe(cell.write.attempts);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['messageSend']);
    expect(body.errors?.[0]?.extensions?.code).toBe(cell.write.code);
    expect(body.errors?.[0]?.message).not.toMatch(/POST|\/messages|\/v3|127\.0\.0\.1/);
    expect(body.data?.messageSend).toBeNull();
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
