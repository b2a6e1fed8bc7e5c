/**
 * The budget of CometChat calls per operation (`GATEWAY_MAX_UPSTREAM_CALLS`): an operation whose
 * worst case is over the caller's budget is refused with QUERY_TOO_EXPENSIVE before any call (over
 * HTTP and WebSocket), end users get N and admins 10 x N, and the request's client stops any
 * request at its budget while it runs, whatever the estimate said.
 */
import { readFileSync } from 'node:fs';
import { createClient } from 'graphql-ws';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { ERROR_CODES } from '../../src/errors.js';
import { schema } from '../../src/schema/index.js';
import {
  ADMIN_TOKEN,
  type InProcessGateway,
  startQuietGateway,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';
import { errorCodes, type GraphQLResponse, postGraphQL } from '../support/graphql-http.js';

const ALIAS = (n: number) =>
  `a${n}: users(first: 100) { nodes { friends(first: 1) { totalCount } groups(first: 1) { totalCount } conversations(first: 1) { totalCount } } }`;
/** The query: 15 aliases, 2,940 CometChat calls before this budget existed. */
const FIFTEEN_ALIASES = `{ ${Array.from({ length: 15 }, (_, i) => ALIAS(i + 1)).join(' ')} }`;

/** What a frontend asks for its conversation list: partners, last messages and their senders. */
const CONVERSATIONS = `{ user(uid: "cometchat-uid-1") { conversations(first: 25) { nodes {
  with { ... on User { name } ... on Group { name } } lastMessage { sender { name } } } } } }`;

/** 1 + n calls: a page of n users and one group list each (admins). */
const usersWithGroups = (n: number) =>
  `{ users(first: ${n}) { nodes { uid groups(first: 1) { totalCount } } } }`;

/** 1 + n calls for an end user: a page of n users and their 1:1 conversation with each. */
const usersWithMessages = (n: number) =>
  `{ users(first: ${n}) { nodes { uid messages(first: 1) { nodes { id } } } } }`;

function expectRefused(response: GraphQLResponse): void {
  expect(response.data ?? undefined).toBeUndefined();
  expect(errorCodes(response.errors)).toEqual(['QUERY_TOO_EXPENSIVE']);
  // The refusal names neither the budget nor the estimate.
  expect(response.errors?.[0]?.message).not.toMatch(/\d/);
}

describe('configuration', () => {
  it('gives end users 50 calls and admins 500 by default, N and 10 x N when set', () => {
    expect(loadConfig({}).maxUpstreamCalls).toEqual({ user: 50, admin: 500 });
    expect(loadConfig({ GATEWAY_MAX_UPSTREAM_CALLS: '7' }).maxUpstreamCalls).toEqual({
      user: 7,
      admin: 70,
    });
    expect(loadConfig({ GATEWAY_MAX_UPSTREAM_CALLS: ' ' }).maxUpstreamCalls.user).toBe(50);
  });

  it.each(['0', '-1', 'abc', '1e3', '2.5', '0x10', '100001'])(
    'stops on GATEWAY_MAX_UPSTREAM_CALLS=%s with one line naming it',
    (value) => {
      let error: unknown;
      try {
        loadConfig({ GATEWAY_MAX_UPSTREAM_CALLS: value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('GATEWAY_MAX_UPSTREAM_CALLS');
      expect((error as ConfigError).message).toMatch(/positive whole number/);
    },
  );
});

describe('the error code', () => {
  it('is one of the closed list, and documented for clients and in the error policy', () => {
    expect(ERROR_CODES).toContain('QUERY_TOO_EXPENSIVE');
    for (const doc of ['README.md', 'docs/architecture.md']) {
      expect(readFileSync(new URL(`../../${doc}`, import.meta.url), 'utf8')).toContain(
        'QUERY_TOO_EXPENSIVE',
      );
    }
  });
});

describe('with the default budgets', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
  });

  async function post(
    transport: 'inProcess' | 'overHttp',
    query: string,
  ): Promise<{ status: number; body: GraphQLResponse }> {
    return postGraphQL(
      (init) => t[transport]('/graphql', init),
      { query, variables: {} },
      {
        token: ADMIN_TOKEN,
      },
    );
  }

  it.each(['inProcess', 'overHttp'] as const)(
    'refuses the 15-alias query of an admin with 400 QUERY_TOO_EXPENSIVE and no call (%s)',
    async (transport) => {
      let answer = { status: 0, body: {} as GraphQLResponse };
      const calls = await t.countUpstream(async () => {
        answer = await post(transport, FIFTEEN_ALIASES);
      });
      expect(answer.status).toBe(400);
      expectRefused(answer.body);
      expect(calls).toBe(0);
    },
  );

  it('still answers the conversation list with partners, last messages and senders', async () => {
    type Conversations = { user: { conversations: { nodes: unknown[] } } };
    for (const run of [
      () => t.query<Conversations>(CONVERSATIONS),
      () => t.asUser<Conversations>('cometchat-uid-1', CONVERSATIONS),
    ]) {
      let response: GraphQLResponse<Conversations> = {};
      const calls = await t.countUpstream(async () => {
        response = await run();
      });
      expect(response.errors).toBeUndefined();
      expect(response.data?.user.conversations.nodes.length).toBeGreaterThan(0);
      expect(calls).toBeGreaterThan(0);
      expect(calls).toBeLessThanOrEqual(50);
    }
  });

  it('refuses an end user what it lets an admin run', async () => {
    const query = usersWithGroups(60); // 61 calls at most
    let asUser: GraphQLResponse = {};
    const userCalls = await t.countUpstream(async () => {
      asUser = await t.asUser('cometchat-uid-1', query);
    });
    expectRefused(asUser);
    expect(userCalls).toBe(0);
    const asAdmin = await t.query(query);
    expect(asAdmin.errors).toBeUndefined();
  });

  it('reads `first` from the variables', async () => {
    const query =
      'query($n: Int!) { users(first: $n) { nodes { messages(first: 1) { nodes { id } } } } }';
    expectRefused(await t.asUser('cometchat-uid-1', query, { n: 60 }));
    expect((await t.asUser('cometchat-uid-1', query, { n: 10 })).errors).toBeUndefined();
  });

  it('judges a repeated document anew for each set of variables and each kind of caller', async () => {
    // The estimate is remembered per document: the same text must still get each verdict right.
    const query =
      'query Repeated($n: Int!) { users(first: $n) { nodes { uid groups(first: 1) { totalCount } } } }';
    for (let round = 0; round < 3; round++) {
      let refused: GraphQLResponse = {};
      const calls = await t.countUpstream(async () => {
        refused = await t.asUser('cometchat-uid-1', query, { n: 60 });
      });
      expectRefused(refused);
      expect(calls).toBe(0);
      // Run, not refused (a user caller's reads of other users' groups fail field by field).
      const small = await t.asUser<{ users: { nodes: unknown[] } }>('cometchat-uid-1', query, {
        n: 10,
      });
      expect(errorCodes(small.errors)).not.toContain('QUERY_TOO_EXPENSIVE');
      expect(small.data?.users.nodes).toHaveLength(10);
      expect((await t.query(query, { n: 60 })).errors).toBeUndefined();
    }
  });

  it('refuses over WebSocket too, before any call, and keeps the connection', async () => {
    const client = createClient({
      url: t.info.graphqlUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
      retryAttempts: 0,
      lazy: true,
    });
    const run = (query: string) =>
      new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query },
          { next: (data) => (value = data), error: reject, complete: () => resolve(value) },
        );
      });
    try {
      let refused: unknown;
      const calls = await t.countUpstream(async () => {
        refused = await run(FIFTEEN_ALIASES);
      });
      t.record(JSON.stringify(refused));
      expectRefused(refused as GraphQLResponse);
      expect(calls).toBe(0);
      const fine = (await run('{ users(first: 2) { nodes { uid } } }')) as GraphQLResponse;
      expect(fine.errors).toBeUndefined();
    } finally {
      await client.dispose();
    }
  });

  it('answers a valid query after 1,000 refused ones', async () => {
    const calls = await t.countUpstream(async () => {
      for (let i = 0; i < 1000; i++) {
        const { status, body } = await post('inProcess', FIFTEEN_ALIASES);
        expect(status).toBe(400);
        expect(errorCodes(body.errors)).toEqual(['QUERY_TOO_EXPENSIVE']);
      }
    });
    expect(calls).toBe(0);
    const { status, body } = await post('inProcess', '{ users(first: 3) { nodes { uid } } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });
});

describe('with GATEWAY_MAX_UPSTREAM_CALLS=5', () => {
  let gw: InProcessGateway;
  beforeAll(async () => {
    gw = await startQuietGateway({ env: { GATEWAY_MAX_UPSTREAM_CALLS: '5' } });
  });
  afterAll(async () => {
    await gw.close();
  });

  it('lets an end user spend 5 calls and an admin 50', async () => {
    expect((await gw.asUser('cometchat-uid-1', usersWithMessages(4))).errors).toBeUndefined();
    expectRefused(await gw.asUser('cometchat-uid-1', usersWithMessages(5)));
    expect((await gw.query(usersWithGroups(49))).errors).toBeUndefined();
    expectRefused(await gw.query(usersWithGroups(50)));
  });

  it('counts mutations and their payloads too', async () => {
    const block = `mutation($input: UsersBlockInput!) { usersBlock(input: $input) {
      ... on UsersBlockPayload { outcomes { user { uid } } } } }`;
    const uids = [
      'cometchat-uid-2',
      'cometchat-uid-3',
      'cometchat-uid-4',
      'cometchat-uid-5',
      'cometchat-uid-6',
    ];
    let refused: GraphQLResponse = {};
    const calls = await gw.countUpstream(async () => {
      refused = await gw.asUser('cometchat-uid-1', block, {
        input: { uid: 'cometchat-uid-1', uids },
      });
    });
    expectRefused(refused);
    expect(calls).toBe(0);
    const fine = await gw.asUser('cometchat-uid-1', block, {
      input: { uid: 'cometchat-uid-1', uids: uids.slice(0, 4) },
    });
    expect(fine.errors).toBeUndefined();
  });
});

describe('the runtime guard', () => {
  let gw: InProcessGateway;
  beforeAll(async () => {
    gw = await startQuietGateway();
  });
  afterAll(async () => {
    await gw.close();
  });

  /** The schema with the request's budget but without the estimate: only the guard holds. */
  function guardedOnly(maxUpstreamCalls: number) {
    return createYoga({
      schema,
      logging: false,
      context: () =>
        createContext({
          caller: { kind: 'admin', tokenId: 'test' },
          upstream: gw.gateway.upstream,
          signal: undefined,
          requestId: 'guard-test',
          logger: gw.gateway.logger,
          maxUpstreamCalls,
        }),
    });
  }

  /** Waits until the emulator has seen no new request for a while (late sibling fields). */
  async function settle(): Promise<void> {
    let seen = -1;
    for (let quiet = 0, rounds = 0; quiet < 3 && rounds < 400; rounds++) {
      const now = gw.emulator.requests().length;
      quiet = now === seen ? quiet + 1 : 0;
      seen = now;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('stops a request at its budget, each request with its own', async () => {
    const yoga = guardedOnly(3);
    for (let round = 0; round < 2; round++) {
      gw.emulator.clearRequests();
      const { body } = await postGraphQL(
        (init) => Promise.resolve(yoga.fetch('http://gateway/graphql', init)),
        { query: usersWithGroups(5), variables: {} },
      );
      await settle();
      // 6 calls needed: the list and 2 group lists went out, the other 3 were never sent.
      expect(gw.emulator.requests()).toHaveLength(3);
      // The first refused call nulls the (non-null) list, so one error reaches the client.
      expect(errorCodes(body.errors)).toContain('QUERY_TOO_EXPENSIVE');
      expect(new Set(errorCodes(body.errors))).toEqual(new Set(['QUERY_TOO_EXPENSIVE']));
      expect(body.errors?.[0]?.message).not.toMatch(/\d/);
    }
  });
});
