import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createGateway } from '../../src/server.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ deps: { readyCacheMs: 0 } });
});
afterAll(async () => {
  await t.close();
});

describe('/health and /ready', () => {
  it('answers liveness without calling CometChat', async () => {
    t.emulator.clearRequests();
    const response = await t.overHttp('/health');
    expect(response.status).toBe(200);
    expect(t.emulator.requests()).toHaveLength(0);
  });

  it('is ready when CometChat answers, with one cheap upstream call', async () => {
    t.emulator.clearRequests();
    const response = await t.overHttp('/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
    const calls = t.emulator.requests();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/v3/roles' });
    expect(calls[0]?.query).toContain('perPage=1');
  });

  it('is not ready (503) while CometChat fails, and says why without details', async () => {
    t.emulator.injectFault({ path: '/v3/roles', status: 401, times: 10 });
    try {
      const response = await t.inProcess('/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'unavailable',
        reason: 'upstream unauthorized',
      });
    } finally {
      t.emulator.clearFaults();
    }
    expect((await t.inProcess('/ready')).status).toBe(200);
  });

  it('reuses a readiness answer for a while', async () => {
    const cached = await startTestGateway({ deps: { readyCacheMs: 60_000 } });
    try {
      expect((await cached.inProcess('/ready')).status).toBe(200);
      cached.emulator.clearRequests();
      expect((await cached.inProcess('/ready')).status).toBe(200);
      expect((await cached.inProcess('/ready')).status).toBe(200);
      expect(cached.emulator.requests()).toHaveLength(0);
    } finally {
      await cached.close();
    }
  });
});

describe('/metrics', () => {
  it('serves Prometheus metrics, including GraphQL requests and upstream calls', async () => {
    await t.inProcess('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: '{ users(first: 1) { totalCount } }' }),
    });
    const response = await t.overHttp('/metrics');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('graphql_envelop_request');
    expect(text).toMatch(/gateway_upstream_requests \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('GraphiQL', () => {
  const browserHeaders = { accept: 'text/html', 'accept-encoding': 'gzip, deflate' };

  it('is where the root redirects a browser', async () => {
    const response = await t.overHttp('/', { headers: browserHeaders, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphql');
    const other = await t.overHttp('/nothing-here', { redirect: 'manual' });
    expect(other.status).toBe(404);
  });

  it('serves the page compressed, cacheable, without any CDN reference', async () => {
    const response = await t.overHttp('/graphql', { headers: browserHeaders });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    // fetch decompresses; the raw size shows the page went out gzip-compressed.
    const html = await response.text();
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(html).toContain('CometChat GraphQL Gateway');
    expect(html).not.toMatch(/https?:\/\/(unpkg\.com|cdn\.jsdelivr\.net|esm\.sh|cdnjs\.)/);

    const raw = await t.inProcess('/graphql', { headers: browserHeaders });
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    const compressed = new Uint8Array(await raw.arrayBuffer());
    expect(compressed.byteLength).toBeLessThan(html.length / 2);
    expect(gunzipSync(compressed).toString('utf8')).toBe(html);

    const revalidated = await t.inProcess('/graphql', {
      headers: { ...browserHeaders, 'if-none-match': etag ?? '' },
    });
    expect(revalidated.status).toBe(304);
  });

  it('is pre-filled with the example query but not with a real admin token', async () => {
    const html = await (await t.inProcess('/graphql', { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('users(first: 5)');
    expect(html).not.toContain(ADMIN_TOKEN);
    expect(html).toContain('Bearer <token>');
  });

  it('is off, with introspection, in production unless GRAPHIQL=true', async () => {
    const base = {
      COMETCHAT_BASE_URL: t.emulator.baseUrl,
      COMETCHAT_API_KEY: t.emulator.apiKey,
      GATEWAY_ADMIN_TOKENS: ADMIN_TOKEN,
      NODE_ENV: 'production',
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` };
    const introspection = JSON.stringify({ query: '{ __schema { queryType { name } } }' });

    const off = createGateway(loadConfig(base), { logger: silentLogger() });
    try {
      const page = await off.yoga.fetch('http://gateway/graphql', {
        headers: { accept: 'text/html' },
      });
      expect(page.headers.get('content-type') ?? '').not.toContain('text/html');
      const result = await (
        await off.yoga.fetch('http://gateway/graphql', {
          method: 'POST',
          headers,
          body: introspection,
        })
      ).json();
      expect(result.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await off.close();
    }

    const on = createGateway(loadConfig({ ...base, GRAPHIQL: 'true' }), { logger: silentLogger() });
    try {
      const page = await on.yoga.fetch('http://gateway/graphql', {
        headers: { accept: 'text/html' },
      });
      expect(page.headers.get('content-type')).toContain('text/html');
      const result = await (
        await on.yoga.fetch('http://gateway/graphql', {
          method: 'POST',
          headers,
          body: introspection,
        })
      ).json();
      expect(result.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await on.close();
    }
  });
});
