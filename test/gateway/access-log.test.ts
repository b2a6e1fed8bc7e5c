/**
 * Request-scoped logs: one access line per request (operation, type, status, duration, upstream
 * calls, caller kind), and the request id (and the client's trace id) on every line written while
 * the request is served; never the token or the Authorization value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import { subscribed, subscribeWs, wsClient } from '../support/realtime.js';
import { waitFor } from '../support/wait.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

interface Line {
  level: number;
  msg?: string;
  requestId?: string;
  traceId?: string;
  [key: string]: unknown;
}

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

/** Sends one request and returns it with the log lines written while it was served. */
async function served(
  path: string,
  init: RequestInit,
): Promise<{ response: Response; lines: Line[] }> {
  const from = t.logs.length;
  const response = await t.inProcess(path, init);
  await response.text();
  const lines = t.logs.slice(from).map((line) => JSON.parse(line) as Line); // pino JSON lines
  return { response, lines };
}

function graphql(query: string, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  };
}

function accessLines(lines: Line[]): Line[] {
  return lines.filter((line) => line.msg === 'request');
}

describe('the access line', () => {
  it('is written once per request with operation, status, duration, upstream calls and caller kind', async () => {
    const { response, lines } = await served(
      '/graphql?debug=secretqueryvalue',
      graphql(
        'query ProfileAndRoles { user(uid: "cometchat-uid-1") { name } roles(first: 1) { totalCount } }',
        { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-request-id': 'client-req-17' },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client-req-17');
    const access = accessLines(lines);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 30,
      requestId: 'client-req-17',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'ProfileAndRoles',
      operationType: 'query',
      upstreamCalls: 2,
      callerKind: 'admin',
    });
    expect(access[0]?.durationMs).toEqual(expect.any(Number));
    expect(JSON.stringify(lines)).not.toContain('secretqueryvalue');
  });

  it('is written for requests over a real socket too', async () => {
    const from = t.logs.length;
    const response = await t.overHttp(
      '/graphql',
      graphql('query OverSocket { user(uid: "cometchat-uid-1") { name } }', {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'x-request-id': 'socket-req-1',
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('socket-req-1');
    await response.text();
    const lines = t.logs.slice(from).map((line) => JSON.parse(line) as Line); // pino JSON lines
    expect(accessLines(lines)).toEqual([
      expect.objectContaining({
        requestId: 'socket-req-1',
        operationName: 'OverSocket',
        upstreamCalls: 1,
        status: 200,
      }),
    ]);
    const upstreamLines = lines.filter((entry) => entry.component === 'upstream');
    expect(upstreamLines.length).toBeGreaterThan(0);
    for (const line of upstreamLines) {
      expect(line.requestId).toBe('socket-req-1');
      // Logged through the request's context logger, which names the caller.
      expect(line).toMatchObject({ caller: expect.stringMatching(/^admin:/) });
    }
  });

  it('names an unauthenticated caller anonymous, with status 401 and no upstream call', async () => {
    const { response, lines } = await served(
      '/graphql',
      graphql('query Sneaky { users(first: 1) { totalCount } }', {
        authorization: 'Bearer not-a-valid-token-4242',
      }),
    );
    expect(response.status).toBe(401);
    expect(accessLines(lines)).toEqual([
      expect.objectContaining({ status: 401, callerKind: 'anonymous', upstreamCalls: 0 }),
    ]);
    for (const line of lines) expect(line.requestId).toEqual(expect.any(String));
    const text = JSON.stringify(lines);
    expect(text).not.toContain('not-a-valid-token-4242');
    expect(text).not.toMatch(/Bearer/);
  });

  it('gives a request without an id a fresh one, returned in x-request-id', async () => {
    const { response, lines } = await served(
      '/graphql',
      graphql('{ __typename }', { authorization: `Bearer ${ADMIN_TOKEN}` }),
    );
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{20,}$/);
    expect(accessLines(lines)[0]?.requestId).toBe(id);
  });

  it('logs health checks at debug level only', async () => {
    const { lines } = await served('/health', {});
    expect(accessLines(lines)).toEqual([expect.objectContaining({ level: 20, path: '/health' })]);
  });
});

describe('every line of a request', () => {
  it('carries its request id and the client trace id, upstream failures included', async () => {
    t.emulator.injectFault({ path: '/v3/users/cometchat-uid-2', status: 500, times: 3 });
    const { lines } = await served(
      '/graphql',
      graphql('query Failing { user(uid: "cometchat-uid-2") { name } }', {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'x-request-id': 'req-with-failure',
        traceparent: TRACEPARENT,
      }),
    );
    t.emulator.clearFaults();
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line).toMatchObject({ requestId: 'req-with-failure', traceId: TRACE_ID });
    }
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'upstream call failed',
        component: 'upstream',
        route: '/users/{uid}',
        status: 500,
      }),
    );
    expect(JSON.stringify(lines)).not.toContain(ADMIN_TOKEN);
  });

  it('keeps concurrent requests apart', async () => {
    const from = t.logs.length;
    await Promise.all(
      ['a', 'b', 'c'].map(async (suffix, index) => {
        const response = await t.inProcess(
          '/graphql',
          graphql(`query Parallel${suffix} { user(uid: "cometchat-uid-${index + 1}") { name } }`, {
            authorization: `Bearer ${ADMIN_TOKEN}`,
            'x-request-id': `parallel-${suffix}`,
          }),
        );
        await response.text();
      }),
    );
    const lines = t.logs.slice(from).map((line) => JSON.parse(line) as Line); // pino JSON lines
    for (const suffix of ['a', 'b', 'c']) {
      const access = accessLines(lines).filter((line) => line.requestId === `parallel-${suffix}`);
      expect(access).toEqual([
        expect.objectContaining({ operationName: `Parallel${suffix}`, upstreamCalls: 1 }),
      ]);
    }
    const upstreamLines = lines.filter((line) => line.component === 'upstream');
    expect(upstreamLines.length).toBeGreaterThanOrEqual(3);
    for (const line of upstreamLines) {
      const suffix = String(line.requestId).slice(-1);
      const uid = `cometchat-uid-${['a', 'b', 'c'].indexOf(suffix) + 1}`;
      expect(line.path).toBe(`/users/${uid}`);
    }
  });
});

describe('over WebSocket (graphql-transport-ws)', () => {
  it('writes one access line per operation, with its own request id on its upstream lines', async () => {
    t.emulator.injectFault({ path: '/v3/users/cometchat-uid-3', status: 500, times: 3 });
    const from = t.logs.length;
    const client = wsClient(t.info.graphqlUrl, ADMIN_TOKEN);
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let data: unknown;
        client.subscribe(
          {
            query:
              'query OverWs { user(uid: "cometchat-uid-1") { name } other: user(uid: "cometchat-uid-3") { name } }',
          },
          { next: (value) => (data = value), error: reject, complete: () => resolve(data) },
        );
      });
      expect(result).toMatchObject({ data: { user: { name: expect.any(String) } } });
    } finally {
      t.emulator.clearFaults();
      await client.dispose();
    }
    const lines = await waitFor(() => {
      const parsed = t.logs.slice(from).map((line) => JSON.parse(line) as Line); // pino JSON lines
      return parsed.some((line) => line.msg === 'websocket closed') ? parsed : undefined;
    }, 10_000);
    const access = accessLines(lines);
    expect(access).toEqual([
      expect.objectContaining({
        level: 30,
        transport: 'websocket',
        operationName: 'OverWs',
        operationType: 'query',
        outcome: 'complete',
        callerKind: 'admin',
      }),
    ]);
    // uid-1 once, uid-3 at least once more (a failing call, retried or not, is counted per attempt)
    expect(access[0]?.upstreamCalls).toBeGreaterThanOrEqual(2);
    const requestId = access[0]?.requestId;
    expect(requestId).toEqual(expect.any(String));
    const failed = lines.filter((line) => line.msg === 'upstream call failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const line of failed) expect(line.requestId).toBe(requestId);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'websocket closed', operations: 1, closeCode: 1000 }),
    );
    expect(JSON.stringify(lines)).not.toContain(ADMIN_TOKEN);
  });

  it('ends a subscription line when the client completes it, with the events sent', async () => {
    const from = t.logs.length;
    const client = wsClient(t.info.graphqlUrl, ADMIN_TOKEN);
    const base = t.gateway.realtime.bus.active;
    const sub = subscribeWs(client, 'subscription Watching { messageSent { message { id } } }');
    await subscribed(t.gateway, base);
    await sub.close();
    const lines = await waitFor(() => {
      const parsed = t.logs.slice(from).map((line) => JSON.parse(line) as Line); // pino JSON lines
      const access = accessLines(parsed);
      return access.length > 0 ? access : undefined;
    }, 10_000);
    expect(lines).toEqual([
      expect.objectContaining({
        transport: 'websocket',
        operationName: 'Watching',
        operationType: 'subscription',
        events: 0,
        callerKind: 'admin',
      }),
    ]);
    await client.dispose();
  });

  it('answers a refused document with an error and still writes the line', async () => {
    const from = t.logs.length;
    const client = wsClient(t.info.graphqlUrl, ADMIN_TOKEN);
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'query Broken { noSuchField }' },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      );
    });
    expect(errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('noSuchField') }),
    ]);
    await client.dispose();
    const access = await waitFor(() => {
      const found = accessLines(t.logs.slice(from).map((line) => JSON.parse(line) as Line));
      return found.length > 0 ? found : undefined;
    }, 10_000);
    expect(access).toEqual([
      expect.objectContaining({ transport: 'websocket', outcome: 'error', upstreamCalls: 0 }),
    ]);
  });
});

describe('lines from modules without the request logger', () => {
  it('carry the request id too (the webhook receiver refusing a delivery)', async () => {
    const hooks = await startTestGateway({
      env: { WEBHOOK_USERNAME: 'hookuser', WEBHOOK_PASSWORD: 'hookpassword123' },
    });
    try {
      const from = hooks.logs.length;
      const response = await hooks.inProcess('/webhooks/cometchat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'hook-req-1' },
        body: '{}',
      });
      expect(response.status).toBe(401);
      const lines = hooks.logs.slice(from).map((line) => JSON.parse(line) as Line); // pino JSON lines
      expect(lines).toContainEqual(
        expect.objectContaining({ component: 'webhooks', level: 40, requestId: 'hook-req-1' }),
      );
      expect(accessLines(lines)).toEqual([
        expect.objectContaining({
          requestId: 'hook-req-1',
          path: '/webhooks/cometchat',
          status: 401,
        }),
      ]);
      for (const line of lines) expect(line.requestId).toBe('hook-req-1');
    } finally {
      await hooks.close();
    }
  });
});
