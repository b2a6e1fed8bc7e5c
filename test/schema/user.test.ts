import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeEach, describe, expect, it } from 'vitest';
import { communityUid, demoUid as u } from '../../src/emulator/seed-demo.js';
import { chat, pick } from '../support/emulator-http.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-http.js';
import { useHarness } from '../support/harness.js';

const h = useHarness();
beforeEach(() => {
  h.emulator.clearRequests();
});

interface RestUser {
  uid: string;
  name: string;
  role: string;
  status: string;
  tags?: string[];
}

/** The app's active users straight from the emulator's REST API, in CometChat's order. */
async function restUsers(query = ''): Promise<RestUser[]> {
  const reply = await chat(h.emulator, 'GET', `/users?perPage=1000&withTags=true${query}`);
  return pick(reply.body, 'data') as RestUser[]; // CometChat's list envelope
}

interface UserPage {
  totalCount: number;
  edges: { cursor: string; node: { uid: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

describe('user(uid)', () => {
  it('returns the profile, status, role, metadata, tags and dates of a user', async () => {
    const result = await h.query<{ user: Record<string, unknown> }>(
      `query ($uid: String!) {
        user(uid: $uid) {
          id uid name avatar link status statusMessage metadata tags
          createdAt updatedAt lastActiveAt deactivatedAt isDeactivated
          blockedByViewer hasBlockedViewer
          role { role name }
        }
      }`,
      { uid: ` ${u(5).toUpperCase()} ` },
    );
    expect(result.errors).toBeUndefined();
    const user = result.data?.user;
    expect(user).toMatchObject({
      uid: u(5),
      name: 'John Paul',
      avatar: `https://example.com/avatars/${u(5)}.png`,
      link: `https://example.com/profiles/${u(5)}`,
      status: 'ONLINE',
      statusMessage: 'In a meeting',
      metadata: {
        '@private': { email: `${u(5)}@example.com`, contactNumber: '+1555000105' },
        department: 'general',
      },
      tags: [],
      updatedAt: null,
      deactivatedAt: null,
      isDeactivated: false,
      blockedByViewer: null,
      hasBlockedViewer: null,
      role: { role: 'default', name: 'Default Role' },
    });
    expect(typeof user?.id).toBe('string');
    expect(user?.id).not.toContain(u(5));
    expect(new Date(String(user?.createdAt)).getTime()).toBeGreaterThan(0);
    expect(new Date(String(user?.lastActiveAt)).getTime()).toBeGreaterThan(0);
  });

  it('maps the status enum and optional fields of other users', async () => {
    const result = await h.query<Record<string, Record<string, unknown>>>(
      `{
        a: user(uid: "${u(3)}") { status link statusMessage metadata tags role { role } }
        b: user(uid: "${u(4)}") { status tags role { role } }
      }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.a).toEqual({
      status: 'OFFLINE',
      link: null,
      statusMessage: null,
      metadata: expect.objectContaining({ department: 'sales' }),
      tags: ['sales'],
      role: { role: 'manager' },
    });
    expect(result.data?.b).toEqual({
      status: 'ONLINE',
      tags: ['engineering', 'lead'],
      role: { role: 'default' },
    });
  });

  it('is null for a user that does not exist, without an error', async () => {
    const result = await h.query('{ user(uid: "nobody-here") { uid } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ user: null });
  });

  it('rejects an empty uid without calling upstream', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.query('{ user(uid: "   ") { uid } }');
      expect(errorCodes(result.errors)).toEqual(['BAD_USER_INPUT']);
    });
    expect(calls).toBe(0);
  });

  it("hides the `@private` part of another user's metadata from a user caller", async () => {
    const other = await h.asUser<{ user: { metadata: Record<string, unknown> } }>(
      u(2),
      `{ user(uid: "${u(1)}") { metadata } }`,
    );
    expect(other.errors).toBeUndefined();
    expect(other.data?.user.metadata).toEqual({ department: 'engineering' });
    const self = await h.asUser<{ user: { metadata: Record<string, unknown> } }>(
      u(1),
      `{ user(uid: "${u(1)}") { metadata } }`,
    );
    expect(self.data?.user.metadata).toHaveProperty('@private');
  });

  it('reports block state relative to the viewer', async () => {
    const blocker = await h.asUser<{ user: Record<string, unknown> }>(
      u(4),
      `{ user(uid: "${u(9)}") { blockedByViewer hasBlockedViewer } }`,
    );
    expect(blocker.errors).toBeUndefined();
    expect(blocker.data?.user).toEqual({ blockedByViewer: true, hasBlockedViewer: false });
    const blocked = await h.asUser<{ user: Record<string, unknown> }>(
      u(9),
      `{ user(uid: "${u(4)}") { blockedByViewer hasBlockedViewer } }`,
    );
    expect(blocked.data?.user).toEqual({ blockedByViewer: false, hasBlockedViewer: true });
  });
});

describe('node(id) and nodes(ids) for users', () => {
  it('resolves a user by global ID and is null for a missing one', async () => {
    const result = await h.query<{
      found: { __typename: string; uid: string } | null;
      missing: { __typename: string } | null;
    }>(
      `query ($found: ID!, $missing: ID!) {
        found: node(id: $found) { __typename ... on User { uid } }
        missing: node(id: $missing) { __typename }
      }`,
      { found: encodeGlobalID('User', u(7)), missing: encodeGlobalID('User', 'nobody-here') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ found: { __typename: 'User', uid: u(7) }, missing: null });
  });

  it('fetches each distinct user once, keeping order and length, null for a missing one', async () => {
    const uids = [u(1), u(2), u(3), u(1), u(4), 'nobody-here', u(2), u(5), u(6), u(1)];
    expect(new Set(uids).size).toBe(7);
    let result: GraphQLResponse<{ nodes: ({ uid: string } | null)[] }> = {};
    const calls = await h.countUpstream(async () => {
      result = await h.query(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on User { uid } } }`, {
        ids: uids.map((uid) => encodeGlobalID('User', uid)),
      });
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes).toEqual(uids.map((uid) => (uid === 'nobody-here' ? null : { uid })));
    expect(calls).toBe(7);
  });
});

describe('users', () => {
  it('walks the whole list with first: 7, every user exactly once, in CometChat order', async () => {
    const expected = (await restUsers()).map((user) => user.uid);
    expect(expected.length).toBeGreaterThan(50);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: GraphQLResponse<{ users: UserPage }> = await h.query(
        `query ($after: String) {
          users(first: 7, after: $after) {
            totalCount
            edges { cursor node { uid } }
            pageInfo { hasNextPage hasPreviousPage endCursor }
          }
        }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data?.users;
      if (!page) throw new Error('no page');
      expect(page.totalCount).toBe(expected.length);
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...page.edges.map((edge) => edge.node.uid));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      expect(page.edges).toHaveLength(7);
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  it('answers 100 users with their role names in 2 upstream calls', async () => {
    let result: GraphQLResponse<{
      users: { edges: { node: { name: string; role: { name: string } | null } }[] };
    }> = {};
    const calls = await h.countUpstream(async () => {
      result = await h.query('{ users(first: 100) { edges { node { name role { name } } } } }');
    });
    expect(result.errors).toBeUndefined();
    const rest = await restUsers();
    const roleNames: Record<string, string> = {
      default: 'Default Role',
      moderator: 'Moderator',
      manager: 'Manager',
    };
    expect(result.data?.users.edges.map((edge) => edge.node)).toEqual(
      rest.slice(0, 100).map((user) => ({ name: user.name, role: { name: roleNames[user.role] } })),
    );
    expect(calls).toBe(2);
  });

  it('lists users with their tags in one upstream call', async () => {
    let result: GraphQLResponse<{ users: { nodes: { uid: string; tags: string[] }[] } }> = {};
    const calls = await h.countUpstream(async () => {
      result = await h.query('{ users(first: 100) { nodes { uid tags } } }');
    });
    expect(result.errors).toBeUndefined();
    const rest = await restUsers();
    expect(result.data?.users.nodes).toEqual(
      rest.slice(0, 100).map((user) => ({ uid: user.uid, tags: user.tags ?? [] })),
    );
    expect(calls).toBe(1);
  });

  it('rejects first: 101 with BAD_USER_INPUT and no upstream call', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.query('{ users(first: 101) { nodes { uid } } }');
      expect(errorCodes(result.errors)).toEqual(['BAD_USER_INPUT']);
      expect(result.data).toEqual({ users: null });
    });
    expect(calls).toBe(0);
  });

  it('filters by search, searchIn, status, role, roles and tags', async () => {
    const result = await h.query<Record<string, { totalCount: number; nodes: { uid: string }[] }>>(
      `{
        search: users(search: "cometchat-uid-1", first: 100) { totalCount nodes { uid } }
        byName: users(search: "Susan", searchIn: [NAME], first: 100) { totalCount nodes { uid } }
        uidOnly: users(search: "Susan", searchIn: [UID], first: 100) { totalCount nodes { uid } }
        online: users(status: ONLINE, first: 100) { totalCount nodes { uid } }
        role: users(role: "MODERATOR", first: 100) { totalCount nodes { uid } }
        roles: users(roles: ["moderator", "manager"], first: 100) { totalCount nodes { uid } }
        tags: users(tags: ["lead", "volunteer"], first: 100) { totalCount nodes { uid } }
      }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data ?? {};
    const uids = (key: string) => (data[key]?.nodes ?? []).map((node) => node.uid).sort();
    const rest = await restUsers();
    expect(uids('search')).toEqual(
      rest
        .filter((user) => user.uid.startsWith('cometchat-uid-1'))
        .map((user) => user.uid)
        .sort(),
    );
    expect(uids('search')).toHaveLength(11);
    expect(uids('byName')).toEqual([u(4)]);
    expect(uids('uidOnly')).toEqual([]);
    expect(uids('online')).toEqual(
      rest
        .filter((user) => user.status === 'available')
        .map((user) => user.uid)
        .sort(),
    );
    expect(uids('role')).toEqual([u(2), u(7)].sort());
    expect(uids('roles')).toEqual([u(10), u(2), u(3), u(7)].sort());
    expect(uids('tags')).toEqual(
      rest
        .filter((user) => (user.tags ?? []).some((tag) => tag === 'lead' || tag === 'volunteer'))
        .map((user) => user.uid)
        .sort(),
    );
    expect(uids('tags')).toContain(communityUid(10));
    for (const key of Object.keys(data)) expect(data[key]?.totalCount).toBe(uids(key).length);
  });

  it('leaves deactivated users out unless asked, and can list only them', async () => {
    const row = h.emulator.store.users.get(u(8));
    if (!row) throw new Error('seed changed');
    row.deactivatedAt = Math.floor(Date.now() / 1000);
    try {
      const result = await h.query<
        Record<string, { totalCount: number; nodes: { uid: string }[] }>
      >(
        `{
          active: users(first: 100) { totalCount nodes { uid } }
          all: users(first: 100, includeDeactivated: true) { totalCount nodes { uid } }
          only: users(first: 100, onlyDeactivated: true) {
            totalCount nodes { uid isDeactivated deactivatedAt }
          }
        }`,
      );
      expect(result.errors).toBeUndefined();
      const active = result.data?.active?.nodes.map((node) => node.uid) ?? [];
      const all = result.data?.all?.nodes.map((node) => node.uid) ?? [];
      expect(active).not.toContain(u(8));
      expect(all).toContain(u(8));
      expect(all).toHaveLength(active.length + 1);
      expect(result.data?.only?.nodes).toEqual([
        { uid: u(8), isDeactivated: true, deactivatedAt: expect.any(String) },
      ]);
    } finally {
      delete row.deactivatedAt;
    }
  });

  it('rejects a cursor taken from a list with other filters', async () => {
    const first = await h.query<{ users: UserPage }>(
      '{ users(first: 2, role: "moderator") { edges { cursor node { uid } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } }',
    );
    const cursor = first.data?.users.pageInfo.endCursor;
    expect(cursor).toBeTruthy();
    const calls = await h.countUpstream(async () => {
      const result = await h.query(
        'query ($after: String) { users(first: 2, after: $after) { nodes { uid } } }',
        {
          after: cursor,
        },
      );
      expect(errorCodes(result.errors)).toEqual(['BAD_USER_INPUT']);
    });
    expect(calls).toBe(0);
  });
});

describe('User.friends', () => {
  it("lists a user's friends with a total, searchable", async () => {
    const result = await h.query<{
      user: {
        friends: { totalCount: number; nodes: { uid: string; tags: string[] }[] };
        named: { totalCount: number; nodes: { uid: string }[] };
      };
    }>(
      `{
        user(uid: "${u(1)}") {
          friends { totalCount nodes { uid tags } }
          named: friends(search: "nancy") { totalCount nodes { uid } }
        }
      }`,
    );
    expect(result.errors).toBeUndefined();
    const friends = result.data?.user.friends;
    expect(friends?.totalCount).toBe(4);
    expect(friends?.nodes.map((node) => node.uid).sort()).toEqual([u(2), u(3), u(4), u(5)].sort());
    // Friend lists carry no tags upstream; the gateway fetches the full profile instead.
    const tagsOf = Object.fromEntries(friends?.nodes.map((node) => [node.uid, node.tags]) ?? []);
    expect(tagsOf[u(2)]).toEqual(['design', 'remote']);
    expect(tagsOf[u(4)]).toEqual(['engineering', 'lead']);
    expect(result.data?.user.named).toEqual({ totalCount: 1, nodes: [{ uid: u(3) }] });
  });

  it('pages through friends with first/after', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const result: GraphQLResponse<{ user: { friends: UserPage } }> = await h.query(
        `query ($after: String) {
          user(uid: "${u(1)}") {
            friends(first: 3, after: $after) {
              totalCount edges { cursor node { uid } } pageInfo { hasNextPage hasPreviousPage endCursor }
            }
          }
        }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data?.user.friends;
      seen.push(...(page?.edges.map((edge) => edge.node.uid) ?? []));
      if (!page?.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual([u(2), u(3), u(4), u(5)].sort());
  });

  it('is empty for a user without friends', async () => {
    const result = await h.query<{ user: { friends: { totalCount: number; nodes: unknown[] } } }>(
      `{ user(uid: "${u(20)}") { friends { totalCount nodes { uid } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.user.friends).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('User.blockedUsers', () => {
  it('lists whom a user blocked, with when, for an admin', async () => {
    const result = await h.query<{
      user: {
        blockedUsers: {
          totalCount: number;
          edges: { blockedAt: string | null; node: Record<string, unknown> }[];
        };
      };
    }>(
      `{
        user(uid: "${u(4)}") {
          blockedUsers { totalCount edges { blockedAt node { uid name blockedByViewer } } }
        }
      }`,
    );
    expect(result.errors).toBeUndefined();
    const blocked = result.data?.user.blockedUsers;
    expect(blocked?.totalCount).toBe(1);
    expect(blocked?.edges[0]?.node).toEqual({
      uid: u(9),
      name: 'Liam Byrne',
      // An admin has no viewer: the list owner's block state is not passed off as the caller's.
      blockedByViewer: null,
    });
    expect(new Date(String(blocked?.edges[0]?.blockedAt)).getTime()).toBeGreaterThan(0);
  });

  it('is readable by the user themself and FORBIDDEN to other users', async () => {
    const own = await h.asUser<{ user: { blockedUsers: { nodes: Record<string, unknown>[] } } }>(
      u(1),
      `{ user(uid: "${u(1)}") { blockedUsers { nodes { uid blockedByViewer } } } }`,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.user.blockedUsers.nodes).toEqual([{ uid: u(25), blockedByViewer: true }]);

    const calls = await h.countUpstream(async () => {
      const other = await h.asUser<{ user: { uid: string } | null }>(
        u(2),
        `{ user(uid: "${u(1)}") { uid blockedUsers { nodes { uid } } } }`,
      );
      expect(errorCodes(other.errors)).toEqual(['FORBIDDEN']);
      expect(other.errors?.[0]?.path).toEqual(['user', 'blockedUsers']);
    });
    // The user lookup only; the blocked list itself is never fetched.
    expect(calls).toBe(1);
  });
});
