/**
 * OpenTelemetry traces as an operator receives them: a tiny OTLP/HTTP receiver on loopback gets a
 * span per GraphQL operation, under the client's `traceparent`, and a span per CometChat call under
 * it, with method, path template, status, attempts and whether it acted for a user; never an id,
 * the API key or a token. The request's log lines carry the same trace id.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
  boolValue?: boolean;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
  status?: { code?: number };
}

interface Receiver {
  endpoint: string;
  bodies: string[];
  spans(): OtlpSpan[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        bodies.push(Buffer.concat(chunks).toString('utf8'));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listening on a TCP port
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bodies,
    spans: () =>
      bodies.flatMap((body) => {
        // OTLP/HTTP JSON: resourceSpans -> scopeSpans -> spans
        const parsed = JSON.parse(body) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        return parsed.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function attribute(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  if (!value) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue;
}

const CLIENT_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_SPAN = 'b7ad6b7169203331';
const WS_TRACE = '5b8efff798038103d269b633813fc60c';
const WS_SPAN = 'eee19b7ec3c1b174';

describe('traces', () => {
  let receiver: Receiver;
  let t: TestGateway;
  let spans: OtlpSpan[];
  let logs: string[];

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestGateway({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } });
    const send = (query: string, headers: Record<string, string>) =>
      t.inProcess('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...headers,
        },
        body: JSON.stringify({ query }),
      });
    const traced = await send(
      'query TwoCalls { user(uid: "cometchat-uid-1") { name } roles(first: 1) { totalCount } }',
      { traceparent: `00-${CLIENT_TRACE}-${CLIENT_SPAN}-01`, 'x-request-id': 'traced-request' },
    );
    expect(traced.status).toBe(200);
    expect(await traced.text()).not.toContain('errors');
    const untraced = await send('query NoParent { __typename }', {});
    expect(untraced.status).toBe(200);
    const client = createClient({
      url: t.info.graphqlUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        traceparent: `00-${WS_TRACE}-${WS_SPAN}-01`,
      },
      retryAttempts: 0,
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: 'query OverSocket { roles(first: 1) { totalCount } }' },
          { next: (next) => (value = next), error: reject, complete: () => resolve(value) },
        );
      });
      expect(JSON.stringify(result)).toContain('totalCount');
    } finally {
      await client.dispose();
    }
    logs = [...t.logs];
    await t.close(); // flushes the spans to the receiver
    spans = receiver.spans();
  });
  afterAll(() => receiver.close());

  it('exports one operation span under the client span and one span per CometChat call under it', () => {
    const operation = spans.find((span) => span.name === 'query TwoCalls');
    expect(operation).toBeDefined();
    expect(operation).toMatchObject({ traceId: CLIENT_TRACE, parentSpanId: CLIENT_SPAN });
    expect(attribute(operation as OtlpSpan, 'graphql.operation.type')).toBe('query');
    expect(attribute(operation as OtlpSpan, 'graphql.operation.name')).toBe('TwoCalls');

    // The user comes through the users loader: its call sits under that loader's batch span.
    const children = spans.filter((span) => span.parentSpanId === operation?.spanId);
    expect(children.map((span) => span.name).sort()).toEqual([
      'cometchat GET /roles',
      'dataloader.batch users',
    ]);
    const batch = children.find((span) => span.name === 'dataloader.batch users') as OtlpSpan;
    expect(attribute(batch, 'dataloader.batch_size')).toBe(1);
    const calls = [
      ...children.filter((span) => span.name.startsWith('cometchat ')),
      ...spans.filter((span) => span.parentSpanId === batch.spanId),
    ];
    expect(calls.map((span) => span.name).sort()).toEqual([
      'cometchat GET /roles',
      'cometchat GET /users/{uid}',
    ]);
    for (const call of calls) {
      expect(call.traceId).toBe(CLIENT_TRACE);
      expect(attribute(call, 'http.request.method')).toBe('GET');
      expect(attribute(call, 'http.response.status_code')).toBe(200);
      expect(attribute(call, 'cometchat.attempts')).toBe(1);
      expect(attribute(call, 'cometchat.on_behalf_of')).toBe(false);
      expect(attribute(call, 'cometchat.outcome')).toBe('ok');
    }
    expect(attribute(calls.find((c) => c.name.endsWith('{uid}')) as OtlpSpan, 'url.template')).toBe(
      '/users/{uid}',
    );
  });

  it('traces a WebSocket operation under the traceparent sent as a connection parameter', () => {
    const operation = spans.find((span) => span.name === 'query OverSocket');
    expect(operation).toMatchObject({ traceId: WS_TRACE, parentSpanId: WS_SPAN });
    const calls = spans.filter((span) => span.parentSpanId === operation?.spanId);
    expect(calls.map((span) => span.name)).toEqual(['cometchat GET /roles']);
  });

  it('starts a new trace for a request without traceparent', () => {
    const operation = spans.find((span) => span.name === 'query NoParent');
    expect(operation).toBeDefined();
    expect(operation?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(operation?.traceId).not.toBe(CLIENT_TRACE);
    expect(operation?.parentSpanId ?? '').toBe('');
  });

  it('exports no id, key or token', () => {
    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain('cometchat-uid-1');
    expect(exported).not.toContain(ADMIN_TOKEN);
    for (const secret of t.secrets) expect(exported).not.toContain(secret);
  });

  it("puts the trace id on the request's log lines", () => {
    const lines = logs
      .map((line) => JSON.parse(line) as { requestId?: string; traceId?: string }) // pino JSON lines
      .filter((line) => line.requestId === 'traced-request');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.traceId).toBe(CLIENT_TRACE);
  });
});
