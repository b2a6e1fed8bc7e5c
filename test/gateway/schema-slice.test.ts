import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UsersPageQuery as UsersPage, UsersPageQueryVariables } from '../gql/graphql.js';
import { chat, pick } from '../support/emulator-http.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import type { GraphQLResponse } from '../support/graphql-http.js';
import {
  FirstFiveUsersQuery,
  NodeByIdQuery,
  NodesByIdsQuery,
  UserByUidQuery,
  UsersPageQuery,
} from './operations.js';

let t: TestGateway;
/** The app's users straight from the emulator's REST API, in CometChat's order. */
let restUsers: { uid: string; name: string; status: string; role: string }[];

beforeAll(async () => {
  t = await startTestGateway();
  const reply = await chat(t.emulator, 'GET', '/users?perPage=1000');
  restUsers = pick(reply.body, 'data') as typeof restUsers; // CometChat list envelope
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.emulator.clearRequests();
});

describe.each(['inProcess', 'overHttp'] as const)('users (%s)', (transport) => {
  it('answers the quick-start query with demo users from the emulator', async () => {
    const { status, body } = await t.execute(FirstFiveUsersQuery, {}, { transport });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const users = body.data?.users;
    expect(users?.totalCount).toBe(restUsers.length);
    expect(users?.edges.map((edge) => edge.node.uid)).toEqual(
      restUsers.slice(0, 5).map((user) => user.uid),
    );
    expect(users?.edges.map((edge) => edge.node.name)).toEqual(
      restUsers.slice(0, 5).map((user) => user.name),
    );
    expect(users?.pageInfo.hasNextPage).toBe(true);
    expect(users?.pageInfo.endCursor).toBe(users?.edges[4]?.cursor);
    for (const edge of users?.edges ?? []) {
      expect(edge.node.id).not.toContain(edge.node.uid);
      expect(edge.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });
});

describe('the users connection', () => {
  it('walks the whole list with first/after, every user exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const variables: UsersPageQueryVariables = { first: 7, after };
      const { body }: { body: GraphQLResponse<UsersPage> } = await t.execute(
        UsersPageQuery,
        variables,
      );
      expect(body.errors).toBeUndefined();
      const page = body.data?.users;
      if (!page) throw new Error('no page');
      seen.push(...page.edges.map((edge) => edge.node.uid));
      expect(page.nodes.map((node) => node.uid)).toEqual(page.edges.map((edge) => edge.node.uid));
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(50);
    }
    expect(seen).toEqual(restUsers.map((user) => user.uid));
    expect(pages).toBe(Math.ceil(restUsers.length / 7));
  });

  it('makes one upstream call for a page of 100', async () => {
    const { body } = await t.execute(UsersPageQuery, { first: 100 });
    expect(body.data?.users?.edges).toHaveLength(Math.min(100, restUsers.length));
    expect(t.emulator.requests().filter((r) => r.path === '/v3/users')).toHaveLength(1);
  });

  it('filters by search, status and role', async () => {
    const search = await t.execute(UsersPageQuery, { search: 'andrew' });
    expect(search.body.data?.users?.nodes.map((node) => node.uid)).toContain('cometchat-uid-1');

    const online = await t.execute(UsersPageQuery, { first: 100, status: 'ONLINE' });
    const onlineUsers = online.body.data?.users?.edges ?? [];
    expect(onlineUsers.length).toBe(restUsers.filter((u) => u.status === 'available').length);
    expect(onlineUsers.every((edge) => edge.node.status === 'ONLINE')).toBe(true);

    const moderators = await t.execute(UsersPageQuery, { first: 100, role: 'moderator' });
    expect(moderators.body.data?.users?.nodes.map((node) => node.uid).sort()).toEqual(
      restUsers
        .filter((u) => u.role === 'moderator')
        .map((u) => u.uid)
        .sort(),
    );
    expect(moderators.body.data?.users?.totalCount).toBe(
      restUsers.filter((u) => u.role === 'moderator').length,
    );
  });

  it('refuses first > 100 and negative first before calling CometChat', async () => {
    for (const first of [101, -1]) {
      const { body } = await t.execute(UsersPageQuery, { first });
      expect(body.data).toEqual({ users: null });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(t.emulator.requests()).toHaveLength(0);
  });

  it('refuses a malformed cursor and a cursor from another list', async () => {
    const bad = await t.execute(UsersPageQuery, { after: 'not-a-cursor' });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const moderators = await t.execute(UsersPageQuery, { first: 1, role: 'moderator' });
    const foreign = moderators.body.data?.users?.pageInfo.endCursor ?? null;
    const other = await t.execute(UsersPageQuery, { first: 1, after: foreign });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('user(uid)', () => {
  it('returns the user with its profile', async () => {
    const { body } = await t.execute(UserByUidQuery, { uid: 'cometchat-uid-1' });
    expect(body.errors).toBeUndefined();
    const user = body.data?.user;
    expect(user).toMatchObject({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' });
    expect(['ONLINE', 'OFFLINE']).toContain(user?.status);
    expect(Array.isArray(user?.tags)).toBe(true);
    expect(new Date(user?.createdAt ?? '').toISOString()).toBe(user?.createdAt);
  });

  it('finds the user whatever the case of the uid (CometChat lowercases uids)', async () => {
    const { body } = await t.execute(UserByUidQuery, { uid: 'CometChat-UID-2' });
    expect(body.data?.user?.uid).toBe('cometchat-uid-2');
  });

  it('is null, not an error, for a user that does not exist', async () => {
    const { body } = await t.execute(UserByUidQuery, { uid: 'nobody-here' });
    expect(body.errors).toBeUndefined();
    expect(body.data?.user).toBeNull();
  });

  it('refuses an empty uid', async () => {
    const { body } = await t.execute(UserByUidQuery, { uid: ' ' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(t.emulator.requests()).toHaveLength(0);
  });
});

describe('node and nodes', () => {
  async function idOf(uid: string): Promise<string> {
    const { body } = await t.execute(UserByUidQuery, { uid });
    const id = body.data?.user?.id;
    if (!id) throw new Error(`no user ${uid}`);
    return id;
  }

  it('resolves a user by its global ID', async () => {
    const id = await idOf('cometchat-uid-3');
    const { body } = await t.execute(NodeByIdQuery, { id });
    expect(body.data?.node).toEqual({
      __typename: 'User',
      id,
      uid: 'cometchat-uid-3',
      name: 'Nancy Grace',
    });
  });

  it('is null for an ID whose object no longer exists', async () => {
    const id = await idOf('cometchat-uid-4');
    const deleted = await chat(t.emulator, 'DELETE', '/users/cometchat-uid-4', {
      body: { permanent: true },
    });
    expect(deleted.status).toBe(200);
    const { body } = await t.execute(NodeByIdQuery, { id });
    expect(body.errors).toBeUndefined();
    expect(body.data?.node).toBeNull();
  });

  it('refuses IDs this API did not issue', async () => {
    for (const id of [
      '%%%',
      Buffer.from('Nope:1').toString('base64'),
      Buffer.from('no-colon').toString('base64'),
    ]) {
      const { body } = await t.execute(NodeByIdQuery, { id });
      expect(body.errors?.[0]?.extensions?.code, id).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps order and length, null for missing objects, one upstream call per distinct user', async () => {
    const a = await idOf('cometchat-uid-5');
    const b = await idOf('cometchat-uid-6');
    const missing = Buffer.from('User:nobody-here').toString('base64');
    t.emulator.clearRequests();
    const { body } = await t.execute(NodesByIdsQuery, { ids: [b, a, missing, b, a] });
    expect(body.errors).toBeUndefined();
    expect(body.data?.nodes.map((node) => (node && 'uid' in node ? node.uid : null))).toEqual([
      'cometchat-uid-6',
      'cometchat-uid-5',
      null,
      'cometchat-uid-6',
      'cometchat-uid-5',
    ]);
    expect(t.emulator.requests().filter((r) => r.path.startsWith('/v3/users/'))).toHaveLength(3);
  });

  it('refuses more than 100 IDs', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => Buffer.from(`User:u${i}`).toString('base64'));
    const { body } = await t.execute(NodesByIdsQuery, { ids });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(t.emulator.requests()).toHaveLength(0);
  });
});
