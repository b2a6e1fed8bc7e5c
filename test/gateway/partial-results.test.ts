/**
 * Partial results: a field that needs its own CometChat call fails alone. Its value is null, its
 * error carries its path, and its siblings, its parent and the other items of its list keep their
 * data (docs/architecture.md, "Partial results"). Default timeouts: only the injected faults fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
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

describe('partial results: one failing call nulls only its own field', () => {
  it("keeps the roles and every other user's friends when one user's friends fail", async () => {
    t.emulator.injectFault({
      method: 'GET',
      path: '/v3/users/cometchat-uid-1/friends',
      status: 500,
      times: 100,
    });
    const body = await run(
      '{ roles(first: 1) { totalCount } users(first: 20) { nodes { uid friends(first: 1) { totalCount } } } }',
    );
    const nodes =
      (body.data?.users as { nodes: { uid: string; friends: unknown }[] } | undefined)?.nodes ?? [];
    const failed = nodes.findIndex((node) => node.uid === 'cometchat-uid-1');
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(nodes.length).toBeGreaterThan(1);
    expect(body.data?.roles).toEqual({ totalCount: expect.any(Number) });
    expect(body.errors?.map((error) => error.path)).toEqual([
      ['users', 'nodes', failed, 'friends'],
    ]);
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    for (const [index, node] of nodes.entries()) {
      if (index === failed) expect(node.friends).toBeNull();
      else expect(node.friends).toEqual({ totalCount: expect.any(Number) });
    }
  });

  it('keeps `groups` when `users` is rate-limited', async () => {
    t.emulator.injectFault({
      method: 'GET',
      path: '/v3/users',
      status: 429,
      headers: { 'Retry-After': '60' },
      times: 100,
    });
    const body = await run('{ users(first: 2) { totalCount } groups(first: 2) { totalCount } }');
    expect(body.data).toEqual({ users: null, groups: { totalCount: expect.any(Number) } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.path).toEqual(['users']);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 60,
    });
  });

  it('answers a malformed id in `nodes` with a null item and an error at its index', async () => {
    const found = await run('{ user(uid: "cometchat-uid-1") { id } }');
    const id = (found.data?.user as { id: string } | undefined)?.id ?? '';
    const missing = Buffer.from('User:nobody-here').toString('base64');
    const roleType = Buffer.from('PageInfo:x').toString('base64');
    t.emulator.clearRequests();
    const body = await run(
      `{ nodes(ids: ["garbage", "${id}", "${missing}", "${roleType}"]) { id ... on User { uid } } }`,
    );
    expect(body.data?.nodes).toEqual([null, { id, uid: 'cometchat-uid-1' }, null, null]);
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['nodes', 0], 'BAD_USER_INPUT'],
      [['nodes', 3], 'BAD_USER_INPUT'],
    ]);
  });

  it('nulls only the items of a type whose lookups fail in `nodes`', async () => {
    const found = await run(
      '{ user(uid: "cometchat-uid-1") { id } group(guid: "cometchat-guid-1") { id } }',
    );
    const userId = (found.data?.user as { id: string } | undefined)?.id ?? '';
    const groupId = (found.data?.group as { id: string } | undefined)?.id ?? '';
    t.emulator.injectFault({
      method: 'GET',
      path: '/v3/groups/cometchat-guid-1',
      status: 500,
      times: 100,
    });
    const body = await run(`{ nodes(ids: ["${groupId}", "${userId}"]) { id } }`);
    expect(body.data?.nodes).toEqual([null, { id: userId }]);
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['nodes', 0], 'UPSTREAM_UNAVAILABLE'],
    ]);
  });
});
