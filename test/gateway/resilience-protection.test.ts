/**
 * How the gateway protects CometChat and itself: a storm of queries against a failing upstream is
 * not amplified (bounded retries, then a circuit that fails fast and probes), a burst over the
 * rate budget is refused locally instead of earning 429s, readiness does not flip on rate limits,
 * and an abandoned request is no error in the log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { InProcessGateway, TestGateway } from '../support/gateway.js';
import { ADMIN_TOKEN, startQuietGateway, startTestGateway } from '../support/gateway.js';
import { until } from '../support/wait.js';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((gateway) => gateway.close()));
});

async function quiet(options: Parameters<typeof startQuietGateway>[0]) {
  const gateway = await startQuietGateway(options);
  opened.push(gateway);
  return gateway;
}

async function run(g: InProcessGateway, query: string, token = ADMIN_TOKEN): Promise<GraphQLBody> {
  const response = await g.inProcess('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as GraphQLBody;
}

const LOOKUP = '{ user(uid: "cometchat-uid-1") { uid } }';
const USER_PATH = '/v3/users/cometchat-uid-1';
/**
 * Lookups of distinct users: identical concurrent reads share one call (in-flight
 * de-duplication), so storms and bursts that must reach the budget and the breaker ask for
 * different users.
 */
const distinctLookup = (i: number) => `{ user(uid: "storm-user-${i}") { uid } }`;
const userLookups = (g: InProcessGateway) =>
  g.emulator.requests().filter((entry) => entry.path.startsWith('/v3/users/')).length;

function codesOf(bodies: GraphQLBody[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const body of bodies) {
    const code = String(body.errors?.[0]?.extensions?.code ?? 'ok');
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

/**
 * Every query failed as an outage. On a busy machine some of a thousand concurrent calls wait in
 * the connection pool past their deadline: those say UPSTREAM_TIMEOUT, which is right too.
 */
function expectOutage(bodies: GraphQLBody[]): void {
  const codes = codesOf(bodies);
  expect(
    Object.keys(codes).filter((code) => !/^UPSTREAM_(UNAVAILABLE|TIMEOUT)$/.test(code)),
  ).toEqual([]);
  expect((codes.UPSTREAM_UNAVAILABLE ?? 0) + (codes.UPSTREAM_TIMEOUT ?? 0)).toBe(bodies.length);
}

describe('a storm against an upstream answering 503', () => {
  it('sends at most 3 requests per query, and about none once the circuit is open', async () => {
    const g = await quiet({
      env: { COMETCHAT_BREAKER_FAILURES: '5', COMETCHAT_BREAKER_COOLDOWN_MS: '600000' },
    });
    g.emulator.injectFault({ path: '/v3/users/*', status: 503, times: 1_000_000 });
    g.emulator.clearRequests();

    const first = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => run(g, distinctLookup(i))),
    );
    const firstCalls = userLookups(g);
    expect(firstCalls).toBeLessThanOrEqual(3000);
    expectOutage(first);

    g.emulator.clearRequests();
    const second = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => run(g, distinctLookup(1000 + i))),
    );
    expectOutage(second);
    // The circuit is open: no request reaches CometChat (well under 1.2 per query).
    expect(userLookups(g)).toBeLessThanOrEqual(1200);
    expect(userLookups(g)).toBe(0);
    // Two storms of 1,000 queries each: generous on a loaded machine.
  }, 240_000);

  it('sends one call (with its retries) for 1,000 identical concurrent queries', async () => {
    // Identical concurrent reads share their call (in-flight de-duplication).
    const g = await quiet({});
    g.emulator.injectFault({ path: USER_PATH, status: 503, times: 1_000_000 });
    g.emulator.clearRequests();
    expectOutage(await Promise.all(Array.from({ length: 1000 }, () => run(g, LOOKUP))));
    expect(g.requestCount('GET', USER_PATH)).toBeLessThanOrEqual(3);
  }, 240_000);
});

describe('the circuit breaker', () => {
  it('opens on consecutive 5xx, fails without calling CometChat, probes once, and closes', async () => {
    const g = await quiet({
      env: { COMETCHAT_BREAKER_FAILURES: '3', COMETCHAT_BREAKER_COOLDOWN_MS: '1000' },
    });
    g.emulator.injectFault({ path: USER_PATH, status: 500, times: 1_000_000 });
    g.emulator.clearRequests();
    for (let i = 0; i < 3; i++) await run(g, LOOKUP);
    expect(g.requestCount('GET', USER_PATH)).toBe(3);

    // Open: a query fails at once with UPSTREAM_UNAVAILABLE and nothing is sent, whatever its field.
    g.emulator.clearRequests();
    const open = await run(g, LOOKUP);
    expect(open.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    const roles = await run(g, '{ roles(first: 1) { totalCount } }');
    expect(roles.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(g.emulator.requests()).toHaveLength(0);

    // After the cool-down one probe goes through; it fails, so the concurrent queries fail fast.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    g.emulator.clearRequests();
    const probing = await Promise.all(Array.from({ length: 20 }, () => run(g, LOOKUP)));
    expect(codesOf(probing)).toEqual({ UPSTREAM_UNAVAILABLE: 20 });
    expect(g.emulator.requests()).toHaveLength(1);

    // CometChat is back: the next probe succeeds and the circuit closes.
    g.emulator.clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const healed = await run(g, LOOKUP);
    expect(healed.errors).toBeUndefined();
    const after = await Promise.all(Array.from({ length: 5 }, () => run(g, LOOKUP)));
    expect(codesOf(after)).toEqual({ ok: 5 });
  });

  it('is never opened by 429s', async () => {
    const g = await quiet({ env: { COMETCHAT_BREAKER_FAILURES: '2' } });
    g.emulator.injectFault({
      path: USER_PATH,
      status: 429,
      headers: { 'retry-after': '60' },
      times: 5,
    });
    for (let i = 0; i < 5; i++) {
      const body = await run(g, LOOKUP);
      expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
    g.emulator.clearRequests();
    const body = await run(g, LOOKUP);
    expect(body.errors).toBeUndefined();
    expect(g.requestCount('GET', USER_PATH)).toBe(1);
  });
});

describe('the rate budget', () => {
  it('keeps a burst of 600 reads within a 500/min upstream: no 429 reaches CometChat', async () => {
    // As `npm start` runs it: the embedded emulator, whose limit also counts the gateway's own
    // Management API calls (registering its webhook receiver at start-up).
    const g = await quiet({
      mode: 'embedded',
      emulator: { rateLimitPerMin: 500 },
      // Generous timeouts: this is about the budget, and a busy machine must not turn it into one
      // about timeouts.
      env: {
        COMETCHAT_RATE_LIMIT_PER_MIN: '500',
        COMETCHAT_ATTEMPT_TIMEOUT_MS: '60000',
        COMETCHAT_REQUEST_TIMEOUT_MS: '60000',
      },
    });
    await g.gateway.listen();
    const startup = g.emulator.requests().length;
    expect(startup).toBeGreaterThan(0);
    g.emulator.clearRequests();
    const bodies = await Promise.all(
      Array.from({ length: 600 }, (_, i) => run(g, distinctLookup(i), g.config.adminTokens[0])),
    );
    const statuses = g.emulator.requests().map((entry) => entry.status);
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(statuses.length).toBeLessThanOrEqual(500 - startup);
    const codes = codesOf(bodies);
    expect(Object.keys(codes).sort()).toEqual(['RATE_LIMITED', 'ok']);
    expect(codes.ok).toBe(statuses.length);
    expect(codes.RATE_LIMITED).toBeGreaterThanOrEqual(100);
    for (const body of bodies) {
      const error = body.errors?.[0];
      if (!error) continue;
      expect(error.path).toEqual(['user']);
      expect(error.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it('stops at the budget even when CometChat would allow more', async () => {
    const g = await quiet({ env: { COMETCHAT_RATE_LIMIT_PER_MIN: '10' } });
    g.emulator.clearRequests();
    const bodies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => run(g, distinctLookup(i))),
    );
    const codes = codesOf(bodies);
    expect(g.emulator.requests().length).toBe(codes.ok);
    expect(codes.ok).toBeGreaterThanOrEqual(10);
    expect(codes.ok).toBeLessThan(30);
    expect(codes.RATE_LIMITED).toBe(30 - (codes.ok ?? 0));
  });

  it('sends nothing more once CometChat says its window is used up', async () => {
    const g = await quiet({ emulator: { rateLimitPerMin: 3 } });
    for (let i = 0; i < 3; i++) expect((await run(g, LOOKUP)).errors).toBeUndefined();
    g.emulator.clearRequests();
    const bodies = await Promise.all(Array.from({ length: 20 }, () => run(g, LOOKUP)));
    expect(codesOf(bodies)).toEqual({ RATE_LIMITED: 20 });
    expect(g.emulator.requests()).toHaveLength(0);
  });
});

describe('readiness', () => {
  it('stays ready while CometChat rate-limits', async () => {
    const g = await quiet({ deps: { readyCacheMs: 0 } });
    g.emulator.injectFault({
      path: '/v3/roles',
      status: 429,
      headers: { 'retry-after': '60' },
      times: 100,
    });
    for (let i = 0; i < 3; i++) {
      const response = await g.inProcess('/ready');
      expect(response.status).toBe(200);
    }
    g.emulator.injectFault({
      path: '/v3/*',
      status: 429,
      headers: { 'retry-after': '60', 'x-ratelimit-remaining': '0' },
      times: 100,
    });
    await run(g, LOOKUP);
    expect((await g.inProcess('/ready')).status).toBe(200);
  });

  it('stays ready through a short outage, and is not ready once the circuit stays open', async () => {
    const g = await quiet({
      env: { COMETCHAT_BREAKER_FAILURES: '2', COMETCHAT_BREAKER_COOLDOWN_MS: '600000' },
      deps: {
        readyCacheMs: 0,
        readiness: { circuitGraceMs: 2000, unreachableMs: 60_000 },
      },
    });
    expect((await g.inProcess('/ready')).status).toBe(200);
    g.emulator.injectFault({ path: '/v3/*', status: 503, times: 1_000_000 });
    await run(g, LOOKUP);
    // The circuit has just opened and CometChat answered recently: still ready.
    expect((await g.inProcess('/ready')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const response = await g.inProcess('/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      reason: 'upstream circuit open',
    });
  });

  it('is not ready when CometChat has not answered for a while', async () => {
    const g = await quiet({ deps: { readyCacheMs: 0, readiness: { unreachableMs: 1 } } });
    g.emulator.injectFault({ path: '/v3/roles', status: 503, times: 1_000_000 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const response = await g.inProcess('/ready');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'unavailable',
      reason: 'upstream unavailable',
    });
  });
});

describe('a client that goes away', () => {
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('cancels its upstream call and is logged at debug, not as an error', async () => {
    t = await startTestGateway();
    const gateway = t;
    gateway.emulator.injectFault({ path: USER_PATH, mode: 'hang' });
    const controller = new AbortController();
    const pending = gateway
      .overHttp('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query: LOOKUP }),
        signal: controller.signal,
      })
      .catch((error: unknown) => error);
    await until(() => gateway.requestCount('GET', USER_PATH) === 1);
    const logStart = gateway.logs.length;
    controller.abort();
    await pending;
    await until(() =>
      gateway.logs.slice(logStart).some((line) => line.includes('abandoned by its client')),
    );
    const lines = gateway.logs.slice(logStart).map((line) => JSON.parse(line) as { level: number });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(gateway.logs.slice(logStart).some((line) => line.includes('"stack"'))).toBe(false);
    // Nothing was retried after the client left.
    expect(gateway.requestCount('GET', USER_PATH)).toBe(1);
  });
});
