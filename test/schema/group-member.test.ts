import { beforeEach, describe, expect, it } from 'vitest';
import { demoGuid as g, demoUid as u } from '../../src/emulator/seed-demo.js';
import { chat, pick } from '../support/emulator-http.js';
import type { GraphQLResponse } from '../support/graphql-http.js';
import { useHarness } from '../support/harness.js';

const h = useHarness();
beforeEach(() => {
  h.emulator.clearRequests();
});

interface MemberNode {
  id: string;
  scope: string;
  joinedAt: string;
  user: { uid: string; name: string };
  group: { guid: string; name: string } | null;
}

const MEMBER_FIELDS = 'id scope joinedAt user { uid name } group { guid name }';

/** The members of a group as listed through the gateway, by uid. */
async function membersOf(guid: string): Promise<Map<string, MemberNode>> {
  const result = await h.query<{ group: { members: { nodes: MemberNode[] } } }>(
    `query ($guid: String!) { group(guid: $guid) { members { nodes { ${MEMBER_FIELDS} } } } }`,
    { guid },
  );
  expect(result.errors).toBeUndefined();
  return new Map((result.data?.group.members.nodes ?? []).map((m) => [m.user.uid, m]));
}

interface RestMember {
  uid: string;
  scope: string;
  joinedAt: number;
}

async function restMembers(guid: string): Promise<RestMember[]> {
  const reply = await chat(h.emulator, 'GET', `/groups/${guid}/members?perPage=1000`);
  return pick(reply.body, 'data') as RestMember[]; // CometChat list envelope
}

describe('GroupMember in a member list', () => {
  it('carries the user, the group, the scope and the join time CometChat reports', async () => {
    const members = await membersOf(g(3));
    const rest = await restMembers(g(3));
    expect([...members.keys()]).toEqual(rest.map((m) => m.uid));
    for (const expected of rest) {
      const member = members.get(expected.uid);
      expect(member?.scope).toBe(expected.scope.toUpperCase());
      expect(member?.joinedAt).toBe(new Date(expected.joinedAt * 1000).toISOString());
      expect(member?.group).toEqual({ guid: g(3), name: 'Project Phoenix' });
    }
    expect(members.get(u(5))?.user.uid).toBe(u(5));
    expect(members.get(u(5))?.scope).toBe('MODERATOR');
  });

  it('gives each membership its own global ID, distinct from the user and the group IDs', async () => {
    const result = await h.query<{
      group: { id: string; members: { nodes: { id: string; user: { id: string } }[] } };
    }>(`{ group(guid: "${g(1)}") { id members { nodes { id user { id } } } } }`);
    const nodes = result.data?.group.members.nodes ?? [];
    const ids = new Set(nodes.map((m) => m.id));
    expect(ids.size).toBe(nodes.length);
    for (const member of nodes) {
      expect(member.id).not.toBe(member.user.id);
      expect(member.id).not.toBe(result.data?.group.id);
    }
  });
});

describe('GroupMember through node(id)', () => {
  it('loads a membership by its ID with 2 upstream calls (the group as the member, and the user)', async () => {
    const member = (await membersOf(g(1))).get(u(4));
    if (!member) throw new Error('uid-4 should be a member of guid-1');
    let result: GraphQLResponse<{ node: MemberNode & { __typename: string } }> | undefined;
    const calls = await h.countUpstream(async () => {
      result = await h.query(
        `query ($id: ID!) { node(id: $id) { __typename ... on GroupMember { ${MEMBER_FIELDS} } } }`,
        { id: member.id },
      );
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?.node).toEqual({ __typename: 'GroupMember', ...member });
    expect(calls).toBe(2);
    const groupCall = h.emulator.requests().find((r) => r.path === `/v3/groups/${g(1)}`);
    expect(groupCall?.onBehalfOf).toBe(u(4));
  });

  it('keeps order and length in nodes(ids), loading each distinct membership once', async () => {
    const members = await membersOf(g(2));
    const ids = [u(2), u(4), u(1)].map((uid) => members.get(uid)?.id);
    let result:
      | GraphQLResponse<{ nodes: ({ scope: string; user: { uid: string } } | null)[] }>
      | undefined;
    const calls = await h.countUpstream(async () => {
      result = await h.query(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on GroupMember { scope user { uid } } } }',
        { ids: [ids[0], ids[1], ids[0], ids[2]] },
      );
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?.nodes).toEqual([
      { scope: 'ADMIN', user: { uid: u(2) } },
      { scope: 'MODERATOR', user: { uid: u(4) } },
      { scope: 'ADMIN', user: { uid: u(2) } },
      { scope: 'PARTICIPANT', user: { uid: u(1) } },
    ]);
    expect(calls).toBe(6);
  });

  it('is null once the user has left the group, and once the group is gone', async () => {
    const created = await chat(h.emulator, 'POST', '/groups', {
      body: {
        guid: 'short-lived',
        name: 'Short lived',
        type: 'public',
        owner: u(1),
        members: { participants: [u(6), u(7)] },
      },
    });
    expect(created.status).toBe(200);
    const members = await membersOf('short-lived');
    const kicked = members.get(u(6))?.id;
    const other = members.get(u(7))?.id;
    expect(kicked && other).toBeTruthy();

    const kick = await chat(h.emulator, 'DELETE', `/groups/short-lived/members/${u(6)}`);
    expect(kick.status).toBe(200);
    const afterKick = await h.query<{ a: unknown; b: { scope: string } | null }>(
      'query ($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { ... on GroupMember { scope } } }',
      { a: kicked, b: other },
    );
    expect(afterKick.errors).toBeUndefined();
    expect(afterKick.data).toEqual({ a: null, b: { scope: 'PARTICIPANT' } });

    const removed = await chat(h.emulator, 'DELETE', '/groups/short-lived');
    expect(removed.status).toBe(200);
    const afterDelete = await h.query('query ($b: ID!) { node(id: $b) { id } }', { b: other });
    expect(afterDelete.errors).toBeUndefined();
    expect(afterDelete.data).toEqual({ node: null });
  });
});

describe('GroupMember for a user caller', () => {
  it('hides memberships of a private group the caller is not in', async () => {
    const target = (await membersOf(g(3))).get(u(6))?.id;
    const query =
      'query ($id: ID!) { node(id: $id) { ... on GroupMember { scope user { uid } } } }';
    const outsider = await h.asUser(u(20), query, { id: target });
    expect(outsider.errors).toBeUndefined();
    expect(outsider.data).toEqual({ node: null });
    const insider = await h.asUser(u(5), query, { id: target });
    expect(insider.errors).toBeUndefined();
    expect(insider.data).toEqual({ node: { scope: 'PARTICIPANT', user: { uid: u(6) } } });
    const self = await h.asUser(u(6), query, { id: target });
    expect(self.data).toEqual({ node: { scope: 'PARTICIPANT', user: { uid: u(6) } } });
  });
});
