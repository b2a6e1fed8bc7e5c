/**
 * GATEWAY_MAX_BODY_BYTES over a real socket: a declared length over the limit is refused from the
 * headers alone, a chunked body is cut off once it crosses the limit while it is still streaming,
 * the answer is a GraphQL error body (413, PAYLOAD_TOO_LARGE), and the gateway keeps serving.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { completeLength, postRawBody, type RawOutcome } from './raw-http.js';

const MiB = 1024 * 1024;
const LIMIT = 64 * 1024;

let t: TestGateway;
let big: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    env: {
      GATEWAY_MAX_BODY_BYTES: String(LIMIT),
      WEBHOOK_USERNAME: 'hooks',
      WEBHOOK_PASSWORD: 'hookspassword1',
    },
  });
  big = await startTestGateway();
});
afterAll(async () => {
  await t.close();
  await big.close();
});

function expectRefused(outcome: RawOutcome): void {
  expect(outcome.status).toBe(413);
  expect(outcome.headers['content-type']).toMatch(/json/);
  const body = JSON.parse(outcome.body);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  expect(body.errors[0].message).toMatch(/body is larger/);
}

function admin(gateway: TestGateway): Record<string, string> {
  return { authorization: `Bearer ${gateway.config.adminTokens[0]}` };
}

async function typename(gateway: TestGateway): Promise<unknown> {
  return (await gateway.query('{ __typename }')).data;
}

describe('request body limit', () => {
  it('refuses a declared Content-Length over the limit at once, before any body byte', async () => {
    const outcome = await postRawBody(t.info.url, {
      contentLength: LIMIT + 1,
      sendBytes: 0,
      holdOpen: true,
    });
    expectRefused(outcome);
    expect(outcome.bytesSent).toBe(0);
    expect(await typename(t)).toEqual({ __typename: 'Query' });
  });

  it('refuses it without authentication and without reading the document', async () => {
    const outcome = await postRawBody(t.info.url, {
      contentLength: 16 * MiB,
      sendBytes: 0,
      holdOpen: true,
      headers: { authorization: 'Bearer wrong' },
    });
    expectRefused(outcome);
  });

  it('refuses it before Yoga looks at the request (whatever its content type)', async () => {
    const outcome = await postRawBody(t.info.url, {
      contentLength: LIMIT + 1,
      sendBytes: 0,
      holdOpen: true,
      headers: { 'content-type': 'text/plain' },
    });
    expectRefused(outcome);
  });

  it('refuses a client that asks first (Expect: 100-continue) before it sends the body', async () => {
    const ask = (length: number, body: string) =>
      new Promise<{ continued: boolean; status: number; text: string }>((resolve, reject) => {
        let continued = false;
        const req = request(`${t.info.url}/graphql`, {
          method: 'POST',
          agent: false,
          headers: {
            'content-type': 'application/json',
            'content-length': String(length),
            expect: '100-continue',
            authorization: `Bearer ${t.config.adminTokens[0]}`,
          },
        });
        req.on('continue', () => {
          continued = true;
          req.end(body);
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
          });
          res.on('end', () => {
            resolve({ continued, status: res.statusCode ?? 0, text });
            req.destroy();
          });
        });
        req.on('error', reject);
        req.flushHeaders();
      });
    const refused = await ask(16 * MiB, '');
    expect(refused.continued).toBe(false);
    expectRefused({
      status: refused.status,
      headers: { 'content-type': 'application/json' },
      body: refused.text,
      bytesSent: 0,
    });
    const body = JSON.stringify({ query: '{ __typename }' });
    const accepted = await ask(Buffer.byteLength(body), body);
    expect(accepted.continued).toBe(true);
    expect(accepted.status).toBe(200);
    expect(JSON.parse(accepted.text)).toEqual({ data: { __typename: 'Query' } });
  });

  it('cuts off a chunked body without a length while it is still streaming', async () => {
    // The body never ends: only a gateway that counts while reading can answer.
    const outcome = await postRawBody(t.info.url, {
      sendBytes: 3 * LIMIT,
      holdOpen: true,
      headers: admin(t),
    });
    expectRefused(outcome);
  });

  it('refuses an anonymous chunked body (401) without reading it', async () => {
    // Authentication comes first, on the headers: the body never ends and is never needed.
    const outcome = await postRawBody(t.info.url, { sendBytes: 3 * LIMIT, holdOpen: true });
    expect(outcome.status).toBe(401);
    expect(JSON.parse(outcome.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a body at the limit and answers it normally', async () => {
    const sendBytes = LIMIT - 8;
    const outcome = await postRawBody(t.info.url, {
      contentLength: completeLength(sendBytes),
      sendBytes,
      headers: { authorization: `Bearer ${t.config.adminTokens[0]}` },
    });
    expect(outcome.status).toBe(200);
    expect(JSON.parse(outcome.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers the same way in process (a chunked body over Yoga)', async () => {
    const padding = 'a'.repeat(LIMIT);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"query":"{ __typename }","x":"${padding}"}`));
        controller.close();
      },
    });
    const response = await t.inProcess('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin(t) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('leaves the webhook receiver to its own limit', async () => {
    const outcome = await postRawBody(t.info.url, {
      path: '/webhooks/cometchat',
      contentLength: completeLength(2 * LIMIT),
      sendBytes: 2 * LIMIT,
      headers: { authorization: `Basic ${Buffer.from('hooks:hookspassword1').toString('base64')}` },
    });
    // Read whole by the receiver (its own limit is larger), and refused as no webhook payload.
    expect(outcome.status).toBe(400);
    expect(JSON.parse(outcome.body)).toHaveProperty('error');
  });

  it('defaults to 1 MiB', async () => {
    expect(big.config.maxBodyBytes).toBe(MiB);
    expectRefused(
      await postRawBody(big.info.url, { contentLength: MiB + 1, sendBytes: 0, holdOpen: true }),
    );
    expectRefused(
      await postRawBody(big.info.url, {
        sendBytes: MiB + 1024,
        holdOpen: true,
        headers: admin(big),
      }),
    );
  });

  it('keeps memory flat under 20 concurrent 16 MB bodies, declared and chunked, then still answers', async () => {
    const before = process.memoryUsage().rss;
    const sends: Promise<RawOutcome>[] = [];
    for (let i = 0; i < 20; i++) {
      sends.push(
        postRawBody(big.info.url, {
          contentLength: completeLength(16 * MiB),
          sendBytes: 16 * MiB,
        }),
        postRawBody(big.info.url, { sendBytes: 16 * MiB, headers: admin(big) }),
      );
    }
    const outcomes = await Promise.all(sends);
    for (const outcome of outcomes) expectRefused(outcome);
    const grownMb = (process.memoryUsage().rss - before) / MiB;
    // Held whole, these bodies are 640 MB; cut at the limit they are at most 40 MB. The bound
    // leaves room for garbage a loaded machine has not collected yet (the process has no forced GC).
    expect(grownMb).toBeLessThan(400);
    expect(await typename(big)).toEqual({ __typename: 'Query' });
  });
});
