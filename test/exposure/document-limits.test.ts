/**
 * Parser limits: a 10,000-deep document or a flood of tokens is a 400 `BAD_USER_INPUT` that names
 * the limit (not "Syntax Error"), over POST, GET and graphql-ws, never a stack overflow, an
 * INTERNAL error or a stack trace in the log; armor's depth rule still applies to what parses.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WS_MAX_PAYLOAD_BYTES } from '../../src/server.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import type { GraphQLResponse } from '../support/graphql-http.js';
import { postRawBody } from './raw-http.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

const DEPTH = 10_000;
const HOSTILE: Record<string, string> = {
  'nested selections': `{${'a{'.repeat(DEPTH)}b${'}'.repeat(DEPTH)}}`,
  'unclosed braces': '{'.repeat(DEPTH),
  'nested lists': `{ user(uid: ${'['.repeat(DEPTH)}"x"${']'.repeat(DEPTH)}) { uid } }`,
  'nested input objects': `{ user(uid: ${'{a:'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}) { uid } }`,
  'nested variable types': `query (${'$v'}: ${'['.repeat(DEPTH)}String${']'.repeat(DEPTH)}) { __typename }`,
  'a flood of tokens': `{ ${'__typename '.repeat(50_000)}}`,
  'a flood of aliases': `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
};

interface Answer {
  status: number;
  body: GraphQLResponse;
}

async function post(query: string, accept = 'application/json'): Promise<Answer> {
  const response = await t.overHttp('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

async function get(query: string, transport: 'inProcess' | 'overHttp'): Promise<Answer> {
  const response = await t[transport](`/graphql?query=${encodeURIComponent(query)}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return { status: response.status, body: await response.json() };
}

function expectLimitError({ status, body }: Answer, limit: RegExp): void {
  expect(status).toBe(400);
  expect(body.data).toBeUndefined();
  expect(body.errors).toHaveLength(1);
  const [error] = body.errors ?? [];
  expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error?.message).toMatch(limit);
  expect(error?.message).not.toMatch(/syntax error/i);
}

function expectCleanLogs(): void {
  const bad = t.logs.filter((line) => /call stack|RangeError|"level":50|"stack"/.test(line));
  expect(bad).toEqual([]);
}

const LIMIT_MESSAGE = /nested too deeply|more tokens than/;

describe('document limits over HTTP', () => {
  it.each(Object.entries(HOSTILE))(
    'refuses %s (POST) with a 400 naming the limit',
    async (_, query) => {
      expectLimitError(await post(query), LIMIT_MESSAGE);
      expectLimitError(await post(query, 'application/graphql-response+json'), LIMIT_MESSAGE);
      expectCleanLogs();
    },
  );

  it('names which limit was hit', async () => {
    expectLimitError(await post(HOSTILE['nested selections'] ?? ''), /nested too deeply/);
    expectLimitError(await post(HOSTILE['a flood of tokens'] ?? ''), /more tokens than/);
  });

  it('refuses them over GET too', async () => {
    for (const query of Object.values(HOSTILE)) {
      expectLimitError(await get(query, 'inProcess'), LIMIT_MESSAGE);
    }
    // Over a socket the URL must stay under node's header limit: an unclosed 4,000-deep list.
    expectLimitError(await get(`{ user(uid: ${'['.repeat(4000)}`, 'overHttp'), /nested too deeply/);
    expectCleanLogs();
  });

  it('refuses variables and extensions nested 10,000 deep', async () => {
    // Written by hand: JSON.stringify itself overflows on a value this deep.
    const deep = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
    for (const body of [
      `{"query":"query ($v: [String]) { __typename }","variables":{"v":${deep}}}`,
      `{"query":"{ __typename }","extensions":{"x":${deep}}}`,
    ]) {
      const response = await t.overHttp('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body,
      });
      expectLimitError(
        { status: response.status, body: await response.json() },
        /(variables|extensions) are nested too deeply/,
      );
    }
    expectCleanLogs();
  });

  it('still applies the depth rule after parsing, to documents within the nesting limit', async () => {
    const deep = `{ viewer { ${'user { '.repeat(20)}uid${' }'.repeat(20)} } }`;
    const { status, body } = await post(deep);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('words the depth, alias and cost refusals as limits, never as a "Syntax Error"', async () => {
    const deep = `{ viewer { ${'user { '.repeat(20)}uid${' }'.repeat(20)} } }`;
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `u${i}: user(uid: "x") { uid }`).join(' ')} }`;
    const costly = `{ users(first: 100) { nodes { groups(first: 100) { nodes { members(first: 100) { nodes { uid } } } } } } }`;
    for (const [query, words] of [
      [deep, /depth limit of 12/i],
      [aliases, /aliases limit of 30/i],
      [costly, /cost limit/i],
    ] as const) {
      const { status, body } = await post(query);
      expect(status, query).toBe(400);
      expect(body.errors?.length, query).toBeGreaterThan(0);
      for (const error of body.errors ?? []) {
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        expect(error.message).not.toMatch(/Syntax Error/);
      }
      expect(body.errors?.map((error) => error.message).join(' ')).toMatch(words);
    }
  });

  it('keeps ordinary syntax errors as they were', async () => {
    const { body } = await post('{ users(');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/Syntax Error/);
  });
});

describe('document limits over graphql-ws', () => {
  it('answers a deep document with an error message, keeping the connection', async () => {
    const client = createClient({
      url: t.info.graphqlUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
      retryAttempts: 0,
      lazy: true,
    });
    const run = (query: string, variables?: Record<string, unknown>) =>
      new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query, ...(variables ? { variables } : {}) },
          { next: (data) => (value = data), error: resolve, complete: () => resolve(value) },
        );
        setTimeout(() => reject(new Error('no answer over the socket')), 30_000).unref();
      });
    try {
      // A WebSocket message is at most WS_MAX_PAYLOAD_BYTES (larger frames close the socket with
      // 1009, see test/realtime/websocket.test.ts): the floods are sized to fit in one.
      const overSocket = [
        ...Object.values(HOSTILE).filter((query) => query.length < WS_MAX_PAYLOAD_BYTES - 1024),
        `{ ${'__typename '.repeat(5001)}}`,
        `{ ${Array.from({ length: 1700 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
      ];
      expect(overSocket.length).toBe(Object.keys(HOSTILE).length);
      for (const query of overSocket) {
        expect(query.length).toBeLessThan(WS_MAX_PAYLOAD_BYTES - 1024);
        const errors = await run(query);
        expect(errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
        const message = (errors as { message: string }[])[0]?.message;
        expect(message).toMatch(LIMIT_MESSAGE);
        expect(message).not.toMatch(/syntax error/i);
      }
      // As deep as the client can serialise.
      const deepVariables = JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`);
      expect(await run('query ($v: [String]) { __typename }', { v: deepVariables })).toMatchObject([
        { extensions: { code: 'BAD_USER_INPUT' } },
      ]);
      expect(await run('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await client.dispose();
    }
    expectCleanLogs();
  });
});

describe('after many refusals', () => {
  it('still answers a valid query after 1,000 rejected ones', async () => {
    const rejected = [
      `{${'a{'.repeat(200)}`,
      `{ user(uid: ${'['.repeat(200)}`,
      `{ ${'__typename '.repeat(5001)}}`,
    ];
    for (let i = 0; i < 1000; i++) {
      // Distinct documents, so no cache answers for the parser.
      const query = `# ${i}\n${rejected[i % rejected.length]}`;
      const response = await t.inProcess('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(400);
      await response.arrayBuffer();
    }
    const { data, errors } = await t.query('{ users(first: 2) { nodes { uid } } }');
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({ users: { nodes: [{ uid: expect.any(String) }, {}] } });
    // And over a new connection (a pooled one may have timed out during the loop).
    const overSocket = await postRawBody(t.info.url, {
      sendBytes: 100,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(overSocket.status).toBe(200);
    expect(JSON.parse(overSocket.body)).toEqual({ data: { __typename: 'Query' } });
    expectCleanLogs();
  });
});
