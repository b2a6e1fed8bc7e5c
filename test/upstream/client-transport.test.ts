import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamClient, type UpstreamClientOptions } from '../../src/upstream/client.js';
import { isUpstreamError, type UpstreamError } from '../../src/upstream/errors.js';
import { getUser } from '../../src/upstream/users.js';
import { listWebhooks } from '../../src/upstream/webhooks.js';

const ORIGIN = 'http://cometchat.test';
const API_KEY = 'transport-test-api-key-0123456789abcdef';
const MGMT_SECRET = 'transport-test-mgmt-secret';

const USER = {
  uid: 'cometchat-uid-1',
  name: 'Andrew Joseph',
  status: 'available',
  role: 'default',
  createdAt: 1735689600,
};

let agent: MockAgent;
let logLines: string[];

function client(extra: Partial<UpstreamClientOptions> = {}): UpstreamClient {
  return new UpstreamClient({
    baseUrl: `${ORIGIN}/v3`,
    apiKey: API_KEY,
    dispatcher: agent,
    retryBaseDelayMs: 1,
    logger: {
      debug: (obj, msg) => logLines.push(JSON.stringify({ obj, msg })),
      warn: (obj, msg) => logLines.push(JSON.stringify({ obj, msg })),
    },
    ...extra,
  });
}

function pool() {
  return agent.get(ORIGIN);
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (isUpstreamError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function netError(code: string): Error {
  return Object.assign(new Error(`simulated ${code}`), { code });
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  logLines = [];
});

afterEach(async () => {
  agent.assertNoPendingInterceptors();
  for (const line of logLines) expect(line).not.toContain(API_KEY);
  await agent.close();
});

describe('request shape', () => {
  it('sends the apikey, onBehalfOf and a JSON body, and encodes path and query', async () => {
    let seen:
      | { path: string; method: string; headers: Record<string, string>; body: string }
      | undefined;
    pool()
      .intercept({ path: (p) => p.startsWith('/v3/users/'), method: 'PUT' })
      .reply((opts) => {
        seen = {
          path: opts.path,
          method: opts.method,
          headers: opts.headers as Record<string, string>, // MockAgent passes the plain header object we sent
          body: String(opts.body),
        };
        return { statusCode: 200, data: { data: USER } };
      });
    const c = client();
    await c.request(
      {
        method: 'PUT',
        path: '/users/{uid}',
        params: { uid: 'a b/c' },
        query: { tags: ['x', 'y'], withTags: true, page: 2, skipped: undefined },
        body: { name: 'New' },
        onBehalfOf: 'cometchat-uid-2',
      },
      (raw) => raw,
    );
    expect(seen?.path).toBe('/v3/users/a%20b%2Fc?tags=x%2Cy&withTags=true&page=2');
    expect(seen?.headers.apikey).toBe(API_KEY);
    expect(seen?.headers.onBehalfOf).toBe('cometchat-uid-2');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ name: 'New' });
    expect(c.stats.requests).toBe(1);
  });

  it('rejects an empty path parameter without sending anything', async () => {
    const c = client();
    const error = await failure(getUser(c, ''));
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('CLIENT_INVALID_ARGUMENT');
    expect(c.stats.requests).toBe(0);
  });

  it('uses key + secret (and no apikey) on the management API, filling in the app id', async () => {
    let headers: Record<string, string> = {};
    agent
      .get('http://mgmt.test')
      .intercept({ path: '/apps/my-app/webhooks', method: 'GET' })
      .reply((opts) => {
        headers = opts.headers as Record<string, string>; // plain object as sent by the client
        return {
          statusCode: 200,
          data: {
            data: [],
            meta: {
              pagination: { total: 0, count: 0, per_page: 100, current_page: 1, total_pages: 1 },
            },
          },
        };
      });
    const c = client({
      management: { baseUrl: 'http://mgmt.test', appId: 'my-app', key: 'mk', secret: MGMT_SECRET },
    });
    const page = await listWebhooks(c);
    expect(page.items).toEqual([]);
    expect(headers.key).toBe('mk');
    expect(headers.secret).toBe(MGMT_SECRET);
    expect(headers.apikey).toBeUndefined();
  });

  it('refuses management calls when management is not configured, without a request', async () => {
    const c = client();
    expect(c.hasManagement).toBe(false);
    const error = await failure(listWebhooks(c));
    expect(error.kind).toBe('unauthorized');
    expect(error.code).toBe('MGMT_NOT_CONFIGURED');
    expect(c.stats.requests).toBe(0);
  });
});

describe('error answers', () => {
  it('maps a CometChat error body by code and keeps details, without retrying a 500', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(500, {
        error: {
          code: 'ERR_BAD_REQUEST',
          message: 'Failed to validate the data sent with the request.',
          details: { uid: ['The uid field is required.'], name: 'bad' },
        },
      });
    const c = client();
    const error = await failure(getUser(c, 'x'));
    expect(error.kind).toBe('invalid');
    expect(error.status).toBe(500);
    expect(error.code).toBe('ERR_BAD_REQUEST');
    expect(error.details).toEqual({ uid: ['The uid field is required.'], name: ['bad'] });
    expect(error.method).toBe('GET');
    expect(error.path).toBe('/users/x');
    expect(c.stats.requests).toBe(1);
  });

  it('maps a non-JSON error page by status (a 502 read after its retries)', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(502, '<html>bad gateway</html>')
      .times(3);
    const c = client();
    const error = await failure(getUser(c, 'x'));
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBe(502);
    expect(error.code).toBeUndefined();
    expect(c.stats.requests).toBe(3);
  });

  it('scrubs the API key from CometChat error messages and details', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(403, {
        error: {
          code: 'AUTH_ERR_NO_ACCESS',
          message: `The key ${API_KEY} cannot be used to perform this operation.`,
          details: { apikey: [`${API_KEY} has the wrong scope`] },
        },
      });
    const error = await failure(getUser(client(), 'x'));
    expect(error.kind).toBe('forbidden');
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
      API_KEY,
    );
  });
});

describe('retries', () => {
  it('retries a GET after 429 with Retry-After: 0 and succeeds', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(
        429,
        { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'slow down' } },
        { headers: { 'retry-after': '0' } },
      );
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER });
    const c = client();
    const user = await getUser(c, 'x');
    expect(user.uid).toBe('cometchat-uid-1');
    expect(c.stats.requests).toBe(2);
    expect(logLines.some((l) => l.includes('retrying'))).toBe(true);
  });

  it('waits for a short Retry-After before retrying', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(
        429,
        { error: { code: 'ERR_TOO_MANY_REQUESTS' } },
        { headers: { 'Retry-After': '1' } },
      );
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER });
    const started = Date.now();
    await getUser(client(), 'x');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once with rate_limited when Retry-After exceeds the cap', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(
        429,
        { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'slow down' } },
        { headers: { 'Retry-After': '60' } },
      );
    const c = client();
    const error = await failure(getUser(c, 'x'));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBe(60);
    // Gave up without waiting: no second attempt was sent.
    expect(c.stats.requests).toBe(1);
    expect(c.stats.requests).toBe(1);
  });

  it('reads X-RateLimit-Reset when Retry-After is absent', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 30);
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(
        429,
        { error: { code: 'ERR_TOO_MANY_REQUESTS' } },
        { headers: { 'X-RateLimit-Reset': reset } },
      );
    const error = await failure(getUser(client(), 'x'));
    expect(error.kind).toBe('rate_limited');
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(31);
  });

  it('stops after the configured number of retries', async () => {
    for (let i = 0; i < 3; i++) {
      pool()
        .intercept({ path: '/v3/users/x', method: 'GET' })
        .reply(503, { error: { code: 'ERR_MISSION_FAILED', message: 'down' } });
    }
    const c = client({ retries: 2 });
    const error = await failure(getUser(c, 'x'));
    expect(error.kind).toBe('unavailable');
    expect(error.code).toBe('ERR_MISSION_FAILED');
    expect(c.stats.requests).toBe(3);
  });

  it('never retries a write, even on 429 or 503', async () => {
    pool()
      .intercept({ path: '/v3/users', method: 'POST' })
      .reply(
        429,
        { error: { code: 'ERR_TOO_MANY_REQUESTS' } },
        { headers: { 'retry-after': '0' } },
      );
    pool()
      .intercept({ path: '/v3/users/x', method: 'DELETE' })
      .reply(503, { error: { code: 'ERR_MISSION_FAILED' } });
    const c = client();
    const first = await failure(c.request({ method: 'POST', path: '/users', body: {} }, (r) => r));
    expect(first.kind).toBe('rate_limited');
    expect(first.outcomeUnknown).toBe(false);
    const second = await failure(c.request({ method: 'DELETE', path: '/users/x' }, (r) => r));
    expect(second.kind).toBe('unavailable');
    expect(c.stats.requests).toBe(2);
  });

  it('retries a GET after a connection reset', async () => {
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).replyWithError(netError('ECONNRESET'));
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER });
    const c = client();
    await expect(getUser(c, 'x')).resolves.toMatchObject({ uid: 'cometchat-uid-1' });
    expect(c.stats.requests).toBe(2);
  });
});

describe('transport failures', () => {
  it('marks a write whose connection reset as outcome unknown', async () => {
    pool().intercept({ path: '/v3/users', method: 'POST' }).replyWithError(netError('ECONNRESET'));
    const c = client();
    const error = await failure(
      c.request({ method: 'POST', path: '/users', body: { uid: 'a' } }, (r) => r),
    );
    expect(error.kind).toBe('unavailable');
    expect(error.outcomeUnknown).toBe(true);
    expect(error.status).toBeUndefined();
    expect(c.stats.requests).toBe(1);
  });

  it('does not mark a refused connection as outcome unknown', async () => {
    pool()
      .intercept({ path: '/v3/users', method: 'POST' })
      .replyWithError(netError('ECONNREFUSED'));
    const error = await failure(
      client().request({ method: 'POST', path: '/users', body: {} }, (r) => r),
    );
    expect(error.kind).toBe('unavailable');
    expect(error.outcomeUnknown).toBe(false);
  });

  it('times out a slow GET without retrying it', async () => {
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER }).delay(400);
    const c = client({ requestTimeoutMs: 80 });
    const error = await failure(getUser(c, 'x'));
    expect(error.kind).toBe('timeout');
    expect(error.outcomeUnknown).toBe(false);
    expect(c.stats.requests).toBe(1);
  });

  it('times out a slow write as outcome unknown', async () => {
    pool().intercept({ path: '/v3/messages', method: 'POST' }).reply(200, {}).delay(400);
    const error = await failure(
      client({ requestTimeoutMs: 80 }).request(
        { method: 'POST', path: '/messages', body: {} },
        (r) => r,
      ),
    );
    expect(error.kind).toBe('timeout');
    expect(error.outcomeUnknown).toBe(true);
  });

  it('answers bad_response for a 200 that is not JSON', async () => {
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, '{"data": ');
    const error = await failure(getUser(client(), 'x'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toContain('/users/x');
    expect(error.message).toContain('not JSON');
  });

  it('answers bad_response naming the path and first issue of a body that does not validate', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(200, { data: { ...USER, createdAt: 'yesterday' } });
    const error = await failure(getUser(client(), 'x'));
    expect(error.kind).toBe('bad_response');
    expect(error.status).toBe(200);
    expect(error.message).toContain('GET /users/x');
    expect(error.message).toContain('data.createdAt');
    expect(error.message).not.toContain(API_KEY);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive outage answers, sends nothing while open, and logs the change', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(500, { error: { code: 'ERR_MISSION_FAILED' } })
      .times(2);
    const c = client({ breakerFailures: 2, breakerCooldownMs: 60_000 });
    await failure(getUser(c, 'x'));
    await failure(getUser(c, 'x'));
    expect(c.stats.requests).toBe(2);
    const open = await failure(getUser(c, 'x'));
    expect(open.kind).toBe('unavailable');
    expect(open.code).toBe('BREAKER_OPEN');
    expect(c.stats.requests).toBe(2);
    expect(c.health().circuit?.state).toBe('open');
    expect(logLines.some((line) => line.includes('circuit opened'))).toBe(true);
  });

  it('does not count 429s or 4xx answers', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(
        429,
        { error: { code: 'ERR_TOO_MANY_REQUESTS' } },
        { headers: { 'retry-after': '60' } },
      )
      .times(3);
    pool()
      .intercept({ path: '/v3/users/y', method: 'GET' })
      .reply(404, { error: { code: 'ERR_UID_NOT_FOUND' } })
      .times(3);
    pool().intercept({ path: '/v3/users/z', method: 'GET' }).reply(200, { data: USER });
    const c = client({ breakerFailures: 2 });
    for (let i = 0; i < 3; i++) {
      expect((await failure(getUser(c, 'x'))).kind).toBe('rate_limited');
      expect((await failure(getUser(c, 'y'))).kind).toBe('not_found');
    }
    await expect(getUser(c, 'z')).resolves.toMatchObject({ uid: 'cometchat-uid-1' });
  });
});

describe('abort', () => {
  it('rejects promptly with the abort reason and does not retry', async () => {
    pool().intercept({ path: '/v3/users/x', method: 'GET' }).reply(200, { data: USER }).delay(400);
    const c = client();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(getUser(c, 'x', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(c.stats.requests).toBe(1);
  });

  it('aborts during a retry wait', async () => {
    pool()
      .intercept({ path: '/v3/users/x', method: 'GET' })
      .reply(
        429,
        { error: { code: 'ERR_TOO_MANY_REQUESTS' } },
        { headers: { 'retry-after': '1' } },
      );
    const c = client();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(getUser(c, 'x', { signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(c.stats.requests).toBe(1);
  });

  it('sends nothing for an already aborted signal', async () => {
    const c = client();
    await expect(getUser(c, 'x', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(c.stats.requests).toBe(0);
  });
});

describe('real sockets (own pooled dispatcher)', () => {
  let server: Server;
  let base: string;
  let mode: 'hang' | 'reset' | 'slow-body' | 'ok' = 'ok';

  beforeEach(async () => {
    server = createServer((req, res) => {
      if (mode === 'hang') return;
      if (mode === 'reset') {
        req.socket.destroy();
        return;
      }
      if (mode === 'slow-body') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { ...USER, apikeySeen: req.headers.apikey === API_KEY } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`; // listening on TCP, so an AddressInfo
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function realClient(extra: Partial<UpstreamClientOptions> = {}): UpstreamClient {
    return new UpstreamClient({ baseUrl: base, apiKey: API_KEY, retryBaseDelayMs: 1, ...extra });
  }

  it('talks to a real server over keep-alive', async () => {
    mode = 'ok';
    const c = realClient();
    const [a, b] = await Promise.all([getUser(c, 'x'), getUser(c, 'y')]);
    expect(a.uid).toBe('cometchat-uid-1');
    expect(b.uid).toBe('cometchat-uid-1');
    await c.close();
    const closed = await failure(getUser(c, 'x'));
    expect(closed.kind).toBe('unavailable');
  });

  it('maps a headers timeout to timeout', async () => {
    mode = 'hang';
    const c = realClient({ headersTimeoutMs: 80, retries: 0 });
    const error = await failure(c.request({ method: 'POST', path: '/users', body: {} }, (r) => r));
    expect(error.kind).toBe('timeout');
    expect(error.outcomeUnknown).toBe(true);
    await c.close();
  });

  it('maps a body timeout to timeout', async () => {
    mode = 'slow-body';
    const c = realClient({ bodyTimeoutMs: 80 });
    const error = await failure(getUser(c, 'x'));
    expect(error.kind).toBe('timeout');
    await c.close();
  });

  it('retries GETs on a socket reset, then reports unavailable', async () => {
    mode = 'reset';
    const c = realClient({ retries: 2 });
    const error = await failure(getUser(c, 'x'));
    expect(error.kind).toBe('unavailable');
    expect(error.outcomeUnknown).toBe(false);
    expect(c.stats.requests).toBe(3);
    await c.close();
  });

  it('refuses an answer larger than the cap while reading it (no Content-Length)', async () => {
    mode = 'ok';
    server.removeAllListeners('request');
    server.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":"');
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 64) {
          sent += 1;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end('"}');
      };
      pump();
    });
    const c = realClient({ maxResponseBytes: 256 * 1024 });
    const read = await failure(getUser(c, 'x'));
    expect(read.kind).toBe('bad_response');
    expect(read.message).toContain('too large');
    expect(c.stats.requests).toBe(1);
    const write = await failure(c.request({ method: 'POST', path: '/users', body: {} }, (r) => r));
    expect(write.outcomeUnknown).toBe(true);
    await c.close();
  });

  it('reports unavailable when nothing listens', async () => {
    const port = (server.address() as AddressInfo).port; // TCP server, see above
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const c = new UpstreamClient({
      baseUrl: `http://127.0.0.1:${port}/v3`,
      apiKey: API_KEY,
      retries: 0,
    });
    const error = await failure(c.request({ method: 'POST', path: '/users', body: {} }, (r) => r));
    expect(error.kind).toBe('unavailable');
    expect(error.outcomeUnknown).toBe(false);
    await c.close();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
});
