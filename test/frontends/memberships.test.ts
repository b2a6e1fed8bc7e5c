/**
 * `User.groupMemberships` over the emulator (seed `demo`): a user's groups as `GroupMember` edges
 * with scope and join date, one upstream call per page (the groups come with it), read as the user
 * themself or an admin; another end user is refused; a bad page size costs no call; CometChat's
 * refusal is an error.
 */
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';
import { overHttp } from './support.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const G1 = 'cometchat-guid-1'; // u1 admin, u2 moderator, u3 participant

const QUERY = `query($uid: String!, $first: Int) { user(uid: $uid) { groupMemberships(first: $first) {
  totalCount edges { cursor node { scope joinedAt user { uid } group { guid name } } } } } }`;

interface Data {
  user: {
    groupMemberships: {
      totalCount: number;
      edges: {
        node: { scope: string; joinedAt: string; user: { uid: string }; group: { guid: string } };
      }[];
    };
  };
}

describe('User.groupMemberships', () => {
  it('lists the user’s own memberships with scope and join date in one call', async () => {
    let response!: Awaited<ReturnType<typeof h.asUser<Data>>>;
    const calls = await h.countUpstream(async () => {
      response = await h.asUser<Data>(U2, QUERY, { uid: U2, first: 50 });
    });
    expect(response.errors).toBeUndefined();
    // The user lookup, then one page of groups (each group comes with it).
    expect(calls).toBe(2);
    const g1 = response.data?.user.groupMemberships.edges.find((e) => e.node.group.guid === G1);
    expect(g1?.node).toMatchObject({ scope: 'MODERATOR', user: { uid: U2 } });
    expect(Number.isNaN(Date.parse(g1?.node.joinedAt ?? ''))).toBe(false);
    const expected = [...(h.emulator.store.groupsByUser.get(U2) ?? [])].sort();
    expect(response.data?.user.groupMemberships.totalCount).toBe(expected.length);
    const listed = h.emulator.requests().find((r) => r.path.startsWith('/v3/groups'));
    expect(listed).toMatchObject({ method: 'GET', onBehalfOf: U2 });
  });

  it('lets an admin read anyone’s memberships, as that user', async () => {
    const response = await h.query<Data>(QUERY, { uid: U1, first: 50 });
    expect(response.errors).toBeUndefined();
    const g1 = response.data?.user.groupMemberships.edges.find((e) => e.node.group.guid === G1);
    expect(g1?.node.scope).toBe('ADMIN');
  });

  it('refuses another end user without a call for the list', async () => {
    h.emulator.clearRequests();
    const response = await overHttp<Data>(h, U2, QUERY, { uid: U1, first: 5 });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.emulator.requests().some((r) => r.path.startsWith('/v3/groups'))).toBe(false);
  });

  it('refuses a bad page size before calling CometChat for the list', async () => {
    h.emulator.clearRequests();
    const response = await overHttp<Data>(h, U1, QUERY, { uid: U1, first: -3 });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.emulator.requests().some((r) => r.path.startsWith('/v3/groups'))).toBe(false);
  });

  it("maps CometChat's refusal to an error", async () => {
    h.emulator.injectFault({
      method: 'GET',
      path: '/v3/groups',
      status: 403,
      body: { error: { code: 'ERR_NOT_A_MEMBER', message: 'Not allowed.' } },
    });
    const response = await overHttp<Data>(h, U1, QUERY, { uid: U1, first: 5 });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
