/**
 * `/metrics` as an operator scrapes it: bounded labels whatever clients send (operation names,
 * URLs, query strings), CometChat calls by path template and outcome, webhook deliveries by
 * trigger and outcome, and access only with `METRICS_TOKEN` or on the loopback `METRICS_PORT`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  type InProcessGateway,
  startQuietGateway,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** Series lines (name and labels) outside the process/runtime defaults, which vary on their own. */
function gatewaySeries(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.slice(0, line.lastIndexOf(' ')))
    .filter((series) => !/^(process_|nodejs_)/.test(series));
}

function post(t: InProcessGateway, query: string, path = '/graphql') {
  return t.inProcess(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query }),
  });
}

async function scrape(t: InProcessGateway, authorization?: string): Promise<string> {
  const response = await t.inProcess('/metrics', {
    headers: authorization ? { authorization } : {},
  });
  expect(response.status).toBe(200);
  return response.text();
}

function sample(text: string, pattern: RegExp): number | undefined {
  const line = text.split('\n').find((entry) => pattern.test(entry));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('operation names', () => {
  // Quiet (no log capture): 20,000 requests in process.
  let t: InProcessGateway;
  beforeAll(async () => {
    t = await startQuietGateway({ deps: { operationNames: { known: ['KnownDashboard'] } } });
  });
  afterAll(() => t.close());

  it('keeps the series count flat over 20,000 requests with distinct operation names', async () => {
    const send = async (from: number, to: number) => {
      for (let start = from; start < to; start += 50) {
        const batch: Promise<Response>[] = [];
        for (let i = start; i < Math.min(start + 50, to); i++) {
          batch.push(post(t, `query Flood${i} { __typename }`));
        }
        for (const response of await Promise.all(batch)) {
          expect(response.status).toBe(200);
          await response.arrayBuffer();
        }
      }
    };
    await send(0, 1_000);
    const early = gatewaySeries(await scrape(t));
    await send(1_000, 20_000);
    const text = await scrape(t);
    const late = gatewaySeries(text);
    expect(late.length).toBe(early.length);
    expect(late.length).toBeLessThan(10_000);
    // The first names keep their label; the rest share one bucket.
    expect(text).toContain('operationName="Flood0"');
    expect(text).not.toContain('operationName="Flood19999"');
    const others = sample(text, /^graphql_envelop_request\{operationName="other"/);
    expect(others).toBeGreaterThan(18_000);
  }, 600_000);

  it('keeps a known name in its own series even after the limit is reached', async () => {
    expect((await post(t, 'query KnownDashboard { __typename }')).status).toBe(200);
    expect((await post(t, 'query LateStranger { __typename }')).status).toBe(200);
    const text = await scrape(t);
    expect(sample(text, /^graphql_envelop_request\{operationName="KnownDashboard"/)).toBe(1);
    expect(text).not.toContain('LateStranger');
  });

  it('puts over-long names in the other bucket from the start', async () => {
    const fresh = await startTestGateway();
    try {
      const long = `Q${'x'.repeat(200)}`;
      await post(fresh, `query ${long} { __typename }`);
      const text = await scrape(fresh);
      expect(text).not.toContain(long);
      expect(sample(text, /^graphql_envelop_request\{operationName="other"/)).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('labels', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('never holds a URL or a query-string value', async () => {
    const get = await t.inProcess(
      `/graphql?query=${encodeURIComponent('query ByGet { __typename }')}&access_token=qsvalue111`,
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}`, accept: 'application/json' } },
    );
    expect(get.status).toBe(200);
    expect((await post(t, '{ __typename }', '/graphql?token=qsvalue222&x=qsvalue333')).status).toBe(
      200,
    );
    await t.overHttp('/graphql?token=qsvalue444', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const text = await scrape(t);
    expect(text).not.toMatch(/qsvalue|access_token|http:\/\/|url="/);
    expect(text).toContain('graphql_yoga_http_duration');
    expect(text).toMatch(/operationName="ByGet"/);
  });

  it('labels CometChat calls by path template and outcome, never by id', async () => {
    const answer = await post(
      t,
      '{ user(uid: "cometchat-uid-3") { name } roles(first: 1) { totalCount } }',
    );
    expect(answer.status).toBe(200);
    t.emulator.injectFault({
      path: '/v3/users/cometchat-uid-4',
      status: 429,
      headers: { 'retry-after': '0' },
    });
    await post(t, '{ user(uid: "cometchat-uid-4") { name } }');
    t.emulator.injectFault({
      path: '/v3/users/cometchat-uid-5',
      status: 429,
      headers: { 'retry-after': '3600' },
    });
    await post(t, '{ user(uid: "cometchat-uid-5") { name } }');
    const text = await scrape(t);
    const series = (outcome: string, statusClass: string) =>
      sample(
        text,
        new RegExp(
          `^gateway_upstream_request_duration_seconds_count\\{route="/users/\\{uid\\}",method="GET",status_class="${statusClass}",outcome="${outcome}"\\}`,
        ),
      );
    expect(series('ok', '2xx')).toBeGreaterThanOrEqual(1);
    expect(series('retried', '2xx')).toBe(1);
    expect(series('rate-limited', '4xx')).toBe(1);
    expect(text).toMatch(/gateway_upstream_request_duration_seconds_count\{route="\/roles"/);
    expect(
      sample(text, /^gateway_upstream_attempts_total\{route="\/users\/\{uid\}"/),
    ).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain('cometchat-uid');
  });

  it('counts webhook deliveries by known trigger and outcome only', async () => {
    const bad = await t.inProcess('/webhooks/cometchat', { method: 'POST', body: '{}' });
    expect(bad.status).toBe(404); // the receiver is off without credentials: nothing counted
    const text = await scrape(t);
    expect(text).toContain('# TYPE gateway_webhook_deliveries_total counter');
  });

  it('exposes the subscription gauge and the event-loop lag', async () => {
    const text = await scrape(t);
    expect(text).toMatch(/^gateway_subscriptions_active 0$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});

describe('a gateway with a timing-out upstream', () => {
  it('reports the call as timeout', async () => {
    const t = await startTestGateway({ client: { requestTimeoutMs: 300 } });
    try {
      t.emulator.injectFault({ path: '/v3/users/cometchat-uid-1', mode: 'hang' });
      await post(t, '{ user(uid: "cometchat-uid-1") { name } }');
      const text = await scrape(t);
      expect(text).toMatch(
        /^gateway_upstream_request_duration_seconds_count\{route="\/users\/\{uid\}",method="GET",status_class="none",outcome="timeout"\} 1$/m,
      );
    } finally {
      await t.close();
    }
  });
});

describe('webhook deliveries', () => {
  it('count accepted, duplicate and rejected deliveries with bounded trigger labels', async () => {
    const credentials = { username: 'hookuser', password: 'hookpassword123' };
    const t = await startTestGateway({
      env: { WEBHOOK_USERNAME: credentials.username, WEBHOOK_PASSWORD: credentials.password },
    });
    try {
      const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      const deliver = (body: unknown, authorization = auth) =>
        t.inProcess('/webhooks/cometchat', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify(body),
        });
      const known = {
        trigger: 'user_blocked',
        appId: t.emulator.appId,
        region: 'us',
        webhook: 'hook1',
        data: { users: { b: { uid: 'b', name: 'B' } }, by: { uid: 'a', name: 'A' } },
      };
      expect((await deliver(known)).status).toBe(200);
      expect((await deliver(known)).status).toBe(200);
      for (let i = 0; i < 5; i++) {
        await deliver({ ...known, trigger: `made_up_trigger_${'x'.repeat(i)}` });
      }
      expect((await deliver(known, 'Basic d3Jvbmc6d3Jvbmc=')).status).toBe(401);
      const text = await scrape(t);
      expect(text).toMatch(
        /gateway_webhook_deliveries_total\{trigger="user_blocked",outcome="accepted"\} 1/,
      );
      expect(text).toMatch(
        /gateway_webhook_deliveries_total\{trigger="user_blocked",outcome="duplicate"\} 1/,
      );
      expect(text).toMatch(
        /gateway_webhook_deliveries_total\{trigger="none",outcome="rejected"\} 1/,
      );
      expect(text).not.toContain('made_up_trigger');
    } finally {
      await t.close();
    }
  });
});

describe('access to /metrics', () => {
  it('with METRICS_TOKEN set, answers 401 unless the bearer token matches', async () => {
    const t = await startTestGateway({ env: { METRICS_TOKEN } });
    try {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        `Bearer ${METRICS_TOKEN}x`,
        `Basic ${METRICS_TOKEN}`,
        `Bearer ${ADMIN_TOKEN}`,
      ]) {
        const response = await t.overHttp('/metrics', {
          headers: authorization ? { authorization } : {},
        });
        expect(response.status).toBe(401);
        expect(await response.text()).not.toContain('process_cpu');
      }
      const ok = await t.overHttp('/metrics', {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('process_cpu_user_seconds_total');
      expect(t.logs.join('\n')).not.toContain(METRICS_TOKEN);
    } finally {
      await t.close();
    }
  });

  it('with METRICS_PORT set, serves metrics on loopback there and not on the main port', async () => {
    const t = await startTestGateway({ env: { METRICS_PORT: '0' } });
    try {
      expect((await t.overHttp('/metrics')).status).toBe(404);
      const url = t.info.metricsUrl;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const response = await fetch(url as string);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('graphql_envelop');
      expect((await fetch((url as string).replace('/metrics', '/graphql'))).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('with both set, the metrics port also needs the token', async () => {
    const t = await startTestGateway({ env: { METRICS_PORT: '0', METRICS_TOKEN } });
    try {
      const url = t.info.metricsUrl as string;
      expect((await fetch(url)).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(ok.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
