import { beforeEach, describe, expect, it } from 'vitest';
import { communityUid, demoGuid as g, demoUid as u } from '../../src/emulator/seed-demo.js';
import { chat } from '../support/emulator-http.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-http.js';
import { useHarness } from '../support/harness.js';

const h = useHarness();
beforeEach(() => {
  h.emulator.clearRequests();
});

interface GroupNode {
  guid: string;
  name: string;
}
interface Page<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('group(guid)', () => {
  it('returns the fields of a group, with its owner and no viewer membership for an admin', async () => {
    const result = await h.query<{ group: Record<string, unknown> }>(
      `query ($guid: String!) {
        group(guid: $guid) {
          id guid name type description icon membersCount metadata tags createdAt updatedAt
          owner { uid name }
          viewerMembership { scope }
        }
      }`,
      { guid: ` ${g(3).toUpperCase()} ` },
    );
    expect(result.errors).toBeUndefined();
    const group = result.data?.group;
    expect(group).toMatchObject({
      guid: g(3),
      name: 'Project Phoenix',
      type: 'PRIVATE',
      description: 'Planning and status of Project Phoenix.',
      icon: `https://example.com/icons/${g(3)}.png`,
      membersCount: 5,
      metadata: { budgetCode: 'PX-42' },
      tags: ['work', 'project'],
      updatedAt: null,
      owner: { uid: u(3) },
      viewerMembership: null,
    });
    expect(typeof group?.id).toBe('string');
    expect(group?.id).not.toContain(g(3));
    expect(new Date(String(group?.createdAt)).getTime()).toBeGreaterThan(0);
  });

  it('maps every group type', async () => {
    const result = await h.query<Record<string, { type: string }>>(
      `{ a: group(guid: "${g(1)}") { type } b: group(guid: "${g(2)}") { type } c: group(guid: "${g(5)}") { type } }`,
    );
    expect(result.data).toEqual({
      a: { type: 'PUBLIC' },
      b: { type: 'PASSWORD' },
      c: { type: 'PRIVATE' },
    });
  });

  it('is null for a group that does not exist, without an error', async () => {
    const result = await h.query(`{ group(guid: "no-such-group") { guid } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ group: null });
  });

  it('rejects an empty guid without calling upstream', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.query(`{ group(guid: "  ") { guid } }`);
      expect(errorCodes(result.errors)).toEqual(['BAD_USER_INPUT']);
    });
    expect(calls).toBe(0);
  });

  it('resolves through node(id) and nodes(ids)', async () => {
    const ids = await h.query<{ groups: { nodes: { id: string; guid: string }[] } }>(
      '{ groups(first: 3) { nodes { id guid } } }',
    );
    const [first, second] = ids.data?.groups.nodes ?? [];
    const result = await h.query<{
      node: { __typename: string; guid: string } | null;
      nodes: ({ guid: string } | null)[];
    }>(
      `query ($id: ID!, $ids: [ID!]!) {
        node(id: $id) { __typename ... on Group { guid } }
        nodes(ids: $ids) { ... on Group { guid } }
      }`,
      { id: first?.id, ids: [second?.id, first?.id, second?.id] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.node).toEqual({ __typename: 'Group', guid: first?.guid });
    expect(result.data?.nodes).toEqual([
      { guid: second?.guid },
      { guid: first?.guid },
      { guid: second?.guid },
    ]);
  });

  it('answers the group-with-members budget query with exactly 2 upstream calls', async () => {
    let result:
      | GraphQLResponse<{
          group: {
            members: {
              edges: { node: { scope: string; user: { name: string; status: string } } }[];
            };
          };
        }>
      | undefined;
    const calls = await h.countUpstream(async () => {
      result = await h.query(
        `query ($guid: String!) {
          group(guid: $guid) { name members(first: 50) { edges { node { scope user { name status } } } } }
        }`,
        { guid: g(6) },
      );
    });
    expect(result?.errors).toBeUndefined();
    const edges = result?.data?.group.members.edges ?? [];
    expect(edges).toHaveLength(50);
    expect(edges[0]?.node).toEqual({
      scope: 'ADMIN',
      user: { name: expect.any(String), status: expect.stringMatching(/^(ONLINE|OFFLINE)$/) },
    });
    expect(calls).toBe(2);
  });
});

describe('groups', () => {
  const listQuery = `query ($first: Int, $after: String, $search: String, $searchIn: [GroupSearchField!],
      $types: [GroupType!], $tags: [String!], $orderBy: GroupOrder, $joinedOnly: Boolean, $memberUid: String) {
    groups(first: $first, after: $after, search: $search, searchIn: $searchIn, types: $types, tags: $tags,
           orderBy: $orderBy, joinedOnly: $joinedOnly, memberUid: $memberUid) {
      totalCount nodes { guid name } pageInfo { hasNextPage endCursor }
    }
  }`;
  const list = async (variables: Record<string, unknown>) => {
    const result = await h.query<{ groups: Page<GroupNode> }>(listQuery, variables);
    expect(result.errors).toBeUndefined();
    return result.data?.groups as Page<GroupNode>;
  };
  const guids = (page: Page<GroupNode>) => page.nodes.map((group) => group.guid);

  it('lists every group with a total, in one upstream call', async () => {
    let page: Page<GroupNode> | undefined;
    const calls = await h.countUpstream(async () => {
      page = await list({});
    });
    expect(calls).toBe(1);
    expect(page?.totalCount).toBe(6);
    expect(page && guids(page)).toEqual([1, 2, 3, 4, 5, 6].map(g));
    expect(page?.pageInfo.hasNextPage).toBe(false);
  });

  it('walks the groups two at a time, each exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: Page<GroupNode> = await list({ first: 2, after });
      seen.push(...guids(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6].map(g));
  });

  it('filters by type, tag and search', async () => {
    expect(guids(await list({ types: ['PRIVATE'] }))).toEqual([g(3), g(5)]);
    expect(guids(await list({ types: ['PASSWORD', 'PRIVATE'] }))).toEqual([g(2), g(3), g(5)]);
    expect(guids(await list({ tags: ['work'] }))).toEqual([g(3), g(5)]);
    expect(guids(await list({ tags: ['books', 'photos'] }))).toEqual([g(2), g(4)]);
    const search = await list({ search: 'Pho' });
    expect(guids(search)).toEqual([g(2)]);
    expect(search.totalCount).toBe(1);
    expect(guids(await list({ search: g(1), searchIn: ['NAME'] }))).toEqual([]);
    expect(guids(await list({ search: g(1), searchIn: ['GUID'] }))).toEqual([g(1)]);
  });

  it('sends the filters to CometChat rather than filtering locally', async () => {
    await list({ types: ['PUBLIC'], tags: ['community'], search: 'Com', searchIn: ['NAME'] });
    const [request] = h.emulator.requests();
    const query = new URLSearchParams(request?.query);
    expect(request?.path).toBe('/v3/groups');
    expect(query.get('types')).toBe('public');
    expect(query.get('tags')).toBe('community');
    expect(query.get('searchKey')).toBe('Com');
    expect(query.get('searchIn')).toBe('name');
  });

  it('sorts by name or creation time, both ways', async () => {
    const byName = await list({ orderBy: { field: 'NAME' } });
    const names = byName.nodes.map((group) => group.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names[0]).toBe('Book Club');
    const newestFirst = await list({ orderBy: { field: 'CREATED_AT', direction: 'DESC' } });
    expect(guids(newestFirst)).toEqual([6, 5, 4, 3, 2, 1].map(g));
  });

  it('lists the groups a user joined when an admin passes memberUid', async () => {
    const page = await list({ memberUid: u(1) });
    expect(guids(page)).toEqual([g(1), g(2), g(3), g(5), g(6)]);
    const [request] = h.emulator.requests();
    expect(request?.onBehalfOf).toBe(u(1));
    expect(new URLSearchParams(request?.query).get('hasJoined')).toBe('true');
    expect(guids(await list({ memberUid: u(1), joinedOnly: true, types: ['PRIVATE'] }))).toEqual([
      g(3),
      g(5),
    ]);
  });

  it('gives an empty list for a memberUid that names no user', async () => {
    const page = await list({ memberUid: 'nobody-here' });
    expect(page.nodes).toEqual([]);
    expect(page.totalCount).toBe(0);
  });

  it('rejects joinedOnly for an admin without memberUid, and bad sizes, without calling upstream', async () => {
    const calls = await h.countUpstream(async () => {
      for (const variables of [
        { joinedOnly: true },
        { memberUid: u(1), joinedOnly: false },
        { first: 101 },
        { first: -1 },
        { after: 'not-a-cursor' },
      ]) {
        const result = await h.query(listQuery, variables);
        expect(errorCodes(result.errors)).toEqual(['BAD_USER_INPUT']);
      }
    });
    expect(calls).toBe(0);
  });

  it('rejects a cursor taken from the same list with other filters', async () => {
    const page = await list({ first: 1 });
    const result = await h.query(listQuery, {
      first: 1,
      after: page.pageInfo.endCursor,
      types: ['PUBLIC'],
    });
    expect(errorCodes(result.errors)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Group relations', () => {
  it('lists members with scopes and totals, filtered by scope and status', async () => {
    const result = await h.query<{
      all: { members: { totalCount: number; nodes: { scope: string; user: { uid: string } }[] } };
      staff: { members: { totalCount: number; nodes: { scope: string; user: { uid: string } }[] } };
      online: { members: { nodes: { user: { uid: string; status: string } }[] } };
    }>(
      `{
        all: group(guid: "${g(1)}") { members { totalCount nodes { scope user { uid } } } }
        staff: group(guid: "${g(1)}") { members(scopes: [ADMIN, MODERATOR]) { totalCount nodes { scope user { uid } } } }
        online: group(guid: "${g(6)}") { members(first: 100, status: ONLINE) { nodes { user { uid status } } } }
      }`,
    );
    expect(result.errors).toBeUndefined();
    const all = result.data?.all.members;
    expect(all?.totalCount).toBe(8);
    expect(all?.nodes.map((m) => m.user.uid)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(u));
    expect(all?.nodes.slice(0, 3).map((m) => m.scope)).toEqual([
      'ADMIN',
      'MODERATOR',
      'PARTICIPANT',
    ]);
    const staff = result.data?.staff.members;
    expect(staff?.totalCount).toBe(2);
    expect(staff?.nodes).toEqual([
      { scope: 'ADMIN', user: { uid: u(1) } },
      { scope: 'MODERATOR', user: { uid: u(2) } },
    ]);
    const online = result.data?.online.members.nodes ?? [];
    expect(online.length).toBeGreaterThan(0);
    expect(online.length).toBeLessThan(65);
    expect(online.every((m) => m.user.status === 'ONLINE')).toBe(true);
  });

  it('walks all members of the large group with first: 7, each exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const result: Awaited<
        ReturnType<
          typeof h.query<{
            group: {
              membersCount: number;
              members: Page<{ user: { uid: string } }>;
            };
          }>
        >
      > = await h.query(
        `query ($after: String) {
          group(guid: "${g(6)}") { membersCount members(first: 7, after: $after) {
            totalCount nodes { user { uid } } pageInfo { hasNextPage endCursor } } }
        }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const members = result.data?.group.members;
      if (!members) throw new Error('no members page');
      expect(members.nodes.length).toBeLessThanOrEqual(7);
      total = members.totalCount;
      expect(total).toBe(result.data?.group.membersCount);
      seen.push(...members.nodes.map((m) => m.user.uid));
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor;
    }
    expect(total).toBe(65);
    expect(seen).toHaveLength(65);
    expect(new Set(seen).size).toBe(65);
    expect(seen).toContain(communityUid(40));
    expect(seen).toContain(u(1));
  });

  it('resolves the owner, and null for a group the app owns', async () => {
    const created = await chat(h.emulator, 'POST', '/groups', {
      body: { guid: 'app-owned', name: 'App owned', type: 'public' },
    });
    expect(created.status).toBe(200);
    const result = await h.query<Record<string, { owner: { uid: string } | null }>>(
      `{ a: group(guid: "${g(2)}") { owner { uid name } } b: group(guid: "app-owned") { owner { uid } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.a?.owner?.uid).toBe(u(2));
    expect(result.data?.b).toEqual({ owner: null });
    await chat(h.emulator, 'DELETE', '/groups/app-owned');
  });

  it('lists banned users', async () => {
    const result = await h.query<{
      a: { bannedUsers: { totalCount: number; nodes: { uid: string }[] } };
      b: { bannedUsers: { totalCount: number; nodes: { uid: string }[] } };
    }>(
      `{ a: group(guid: "${g(3)}") { bannedUsers { totalCount nodes { uid } } }
         b: group(guid: "${g(1)}") { bannedUsers { totalCount nodes { uid } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.a.bannedUsers).toEqual({ totalCount: 1, nodes: [{ uid: u(11) }] });
    expect(result.data?.b.bannedUsers).toEqual({ totalCount: 0, nodes: [] });
  });

  it("lists a user's joined groups through User.groups, acting as that user", async () => {
    const result = await h.query<{
      user: { groups: { totalCount: number; nodes: { guid: string; viewerMembership: null }[] } };
    }>(
      `{ user(uid: "${u(2)}") { groups { totalCount nodes { guid viewerMembership { scope } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.user.groups.nodes.map((group) => group.guid)).toEqual([
      g(1),
      g(2),
      g(4),
      g(5),
      g(6),
    ]);
    expect(result.data?.user.groups.totalCount).toBe(5);
    expect(result.data?.user.groups.nodes.every((group) => group.viewerMembership === null)).toBe(
      true,
    );
    const list = h.emulator.requests().find((request) => request.path === '/v3/groups');
    expect(list?.onBehalfOf).toBe(u(2));
  });
});

describe('as a user caller', () => {
  it("gives the caller's own membership, and null where they are not a member", async () => {
    const result = await h.asUser<{
      a: { viewerMembership: { scope: string; joinedAt: string } | null };
      b: { viewerMembership: { scope: string } | null };
      c: { viewerMembership: { scope: string } | null };
    }>(
      u(9),
      `{ a: group(guid: "${g(6)}") { viewerMembership { scope joinedAt } }
         b: group(guid: "${g(2)}") { viewerMembership { scope } }
         c: group(guid: "${g(1)}") { viewerMembership { scope } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.a.viewerMembership?.scope).toBe('PARTICIPANT');
    expect(new Date(String(result.data?.a.viewerMembership?.joinedAt)).getTime()).toBeGreaterThan(
      0,
    );
    expect(result.data?.b.viewerMembership).toEqual({ scope: 'PARTICIPANT' });
    expect(result.data?.c.viewerMembership).toBeNull();
  });

  it('lists only joined groups with joinedOnly, acting as the caller', async () => {
    const result = await h.asUser<{
      groups: { nodes: { guid: string; viewerMembership: { scope: string } }[] };
    }>(u(5), '{ groups(joinedOnly: true) { nodes { guid viewerMembership { scope } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.groups.nodes).toEqual([
      { guid: g(1), viewerMembership: { scope: 'PARTICIPANT' } },
      { guid: g(2), viewerMembership: { scope: 'PARTICIPANT' } },
      { guid: g(3), viewerMembership: { scope: 'MODERATOR' } },
      { guid: g(6), viewerMembership: { scope: 'PARTICIPANT' } },
    ]);
    expect(h.emulator.requests().map((request) => request.path)).toEqual(['/v3/groups']);
  });

  it("refuses another user's memberUid", async () => {
    const result = await h.asUser(u(5), `{ groups(memberUid: "${u(1)}") { nodes { guid } } }`);
    expect(errorCodes(result.errors)).toEqual(['FORBIDDEN']);
  });

  it("refuses another user's group list: an end user lists only their own groups", async () => {
    h.emulator.clearRequests();
    const result = await h.asUser(u(9), `{ user(uid: "${u(1)}") { groups { nodes { guid } } } }`);
    expect(errorCodes(result.errors)).toEqual(['FORBIDDEN']);
    expect(h.emulator.requests().every((call) => call.onBehalfOf === u(9))).toBe(true);
  });

  it('answers null for a private group the caller is not in, as for one that does not exist', async () => {
    const query = (guid: string) => `{ group(guid: "${guid}") { name members { totalCount } } }`;
    const outsider = await h.asUser<{ group: unknown }>(u(20), query(g(3)));
    const missing = await h.asUser<{ group: unknown }>(u(20), query('no-such-group'));
    expect(outsider).toEqual({ data: { group: null } });
    expect(outsider).toEqual(missing);
    const member = await h.asUser<{ group: { name: string } | null }>(u(6), query(g(3)));
    expect(member.data?.group?.name).toBe('Project Phoenix');
  });
});
