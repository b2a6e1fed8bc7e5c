/**
 * Look-ahead from the selection set: a root lookup starts its child connection's upstream read
 * (and the roles read, when `User.role` is selected) together with its own, so the two are in
 * flight at the same time. Proven on the emulator's request log: every call's arrival and end,
 * with a 50 ms delay on every answer, overlap; the calls, their queries and their `onBehalfOf`
 * are the ones the gateway made before, no more. And what a viewer may not read stays unread.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoGuid as g, demoUid as u } from '../../src/emulator/seed-demo.js';
import type { EmulatorRequestLogEntry } from '../../src/emulator/server.js';
import { errorCodes } from '../support/graphql-http.js';
import { ok, useHarness } from '../support/harness.js';

const LATENCY_MS = 50;
const h = useHarness({ latencyMs: LATENCY_MS });
beforeEach(() => {
  h.emulator.clearRequests();
});

/** The calls of the last operation, as `METHOD path`. */
function calls(): string[] {
  return h.emulator.requests().map((r) => `${r.method} ${r.path}`);
}

/** The logged call `METHOD path` (exactly one). */
function callTo(call: string): EmulatorRequestLogEntry {
  const found = h.emulator.requests().filter((r) => `${r.method} ${r.path}` === call);
  expect(found, call).toHaveLength(1);
  return found[0] as EmulatorRequestLogEntry;
}

/** Whether two requests were in flight at the same time at the emulator. */
function overlapped(a: EmulatorRequestLogEntry, b: EmulatorRequestLogEntry): boolean {
  return a.at < b.finishedAt && b.at < a.finishedAt;
}

function expectOverlap(first: string, second: string): void {
  const a = callTo(first);
  const b = callTo(second);
  // Each took at least the emulator's delay, so calls made one after the other cannot overlap.
  expect(a.finishedAt - a.at).toBeGreaterThanOrEqual(LATENCY_MS - 1);
  expect(
    overlapped(a, b),
    `${first} [${a.at}, ${a.finishedAt}] and ${second} [${b.at}, ${b.finishedAt}]`,
  ).toBe(true);
}

const MEMBERS = `query ($guid: String!, $first: Int) {
  group(guid: $guid) {
    name
    members(first: $first) { edges { node { scope user { name status } } } }
  }
}`;

describe('group(guid) { members }', () => {
  it('reads the group and its first page of members at the same time, with the same 2 calls', async () => {
    const data = ok(
      await h.query<{ group: { name: string; members: { edges: unknown[] } } }>(MEMBERS, {
        guid: g(6),
        first: 50,
      }),
    );
    expect(data.group.name).toBe('Community');
    expect(data.group.members.edges).toHaveLength(50);
    expect(calls().sort()).toEqual([`GET /v3/groups/${g(6)}`, `GET /v3/groups/${g(6)}/members`]);
    expect(callTo(`GET /v3/groups/${g(6)}/members`).query).toBe('page=1&perPage=51');
    expectOverlap(`GET /v3/groups/${g(6)}`, `GET /v3/groups/${g(6)}/members`);
  });

  it('serves each aliased page from its own early read, and looks through fragments', async () => {
    const data = ok(
      await h.query<{ group: { few: { edges: unknown[] }; many: { edges: unknown[] } } }>(
        `query ($guid: String!) {
          group(guid: $guid) { ...Pages }
        }
        fragment Pages on Group {
          few: members(first: 5) { edges { node { scope } } }
          ... on Group { many: members(first: 30) { edges { node { scope } } } }
        }`,
        { guid: g(6) },
      ),
    );
    expect(data.group.few.edges).toHaveLength(5);
    expect(data.group.many.edges).toHaveLength(30);
    const lists = h.emulator.requests().filter((r) => r.path.endsWith('/members'));
    expect(lists.map((r) => r.query).sort()).toEqual(['page=1&perPage=31', 'page=1&perPage=6']);
    expect(calls()).toHaveLength(3);
    for (const list of lists) expect(overlapped(callTo(`GET /v3/groups/${g(6)}`), list)).toBe(true);
  });

  it('starts nothing for a child that is skipped, and nothing for arguments the field refuses', async () => {
    ok(
      await h.query(
        `query ($guid: String!, $skip: Boolean!) {
          group(guid: $guid) { name members(first: 5) @skip(if: $skip) { edges { cursor } } }
        }`,
        { guid: g(6), skip: true },
      ),
    );
    expect(calls()).toEqual([`GET /v3/groups/${g(6)}`]);

    h.emulator.clearRequests();
    const refused = await h.query(MEMBERS, { guid: g(6), first: 500 });
    expect(errorCodes(refused.errors)).toEqual(['BAD_USER_INPUT']);
    expect(calls()).not.toContain(`GET /v3/groups/${g(6)}/members`);
  });

  it("answers a missing group null within the query's 2 calls", async () => {
    const data = ok(
      await h.query<{ group: unknown }>(MEMBERS, { guid: 'no-such-group', first: 10 }),
    );
    expect(data.group).toBeNull();
    expect(calls().length).toBeLessThanOrEqual(2);
  });

  it('reports a failed early read on the members field, as the members read always did', async () => {
    h.emulator.injectFault({ method: 'GET', path: `/v3/groups/${g(6)}/members`, status: 500 });
    const result = await h.query<{ group: { name: string; members: unknown } | null }>(MEMBERS, {
      guid: g(6),
      first: 10,
    });
    expect(errorCodes(result.errors)).toEqual(['UPSTREAM_UNAVAILABLE']);
    expect(result.errors?.[0]?.path).toEqual(['group', 'members']);
    // members is nullable: the group keeps its own data.
    expect(result.data?.group).toMatchObject({ members: null });
    expect(typeof result.data?.group?.name).toBe('string');
    expect(calls().filter((c) => c.endsWith('/members'))).toHaveLength(1);
  });
});

describe('per-viewer rules hold with the look-ahead', () => {
  it('reads the members of a private group as its member, both calls on their behalf and at once', async () => {
    const data = ok(
      await h.asUser<{ group: { members: { edges: unknown[] } } | null }>(u(1), MEMBERS, {
        guid: g(3),
        first: 10,
      }),
    );
    expect(data.group?.members.edges).toHaveLength(5);
    expect(h.emulator.requests().every((r) => r.onBehalfOf === u(1))).toBe(true);
    expectOverlap(`GET /v3/groups/${g(3)}`, `GET /v3/groups/${g(3)}/members`);
  });

  it('shows a non-member a private group as null and nothing of its members', async () => {
    const result = await h.asUser<{ group: unknown; member: unknown }>(
      u(2),
      `query ($guid: String!) {
        group(guid: $guid) { name members(first: 10) { edges { node { user { uid } } } } }
      }`,
      { guid: g(3) },
    );
    expect(result).toEqual({ data: { group: null } });
    expect(calls().length).toBeLessThanOrEqual(2);
    expect(h.emulator.requests().every((r) => r.onBehalfOf === u(2))).toBe(true);
  });

  it("refuses an end user another user's conversations without asking CometChat for them", async () => {
    const result = await h.asUser<{ user: unknown }>(
      u(2),
      `query ($uid: String!) {
        user(uid: $uid) { name conversations(first: 5) { nodes { conversationId } } }
      }`,
      { uid: u(1) },
    );
    expect(errorCodes(result.errors)).toEqual(['FORBIDDEN']);
    expect(calls()).toEqual([`GET /v3/users/${u(1)}`]);
    expect(h.emulator.requests().every((r) => r.onBehalfOf === u(2))).toBe(true);
  });
});

describe('user(uid) { conversations }', () => {
  const CONVERSATIONS = `query ($uid: String!) {
    user(uid: $uid) {
      name
      conversations(first: 25) {
        nodes { with { __typename ... on User { name } ... on Group { name } } lastMessage { sender { name } } }
      }
    }
  }`;

  it("reads the user and their conversations (on the user's behalf) at the same time", async () => {
    const data = ok(
      await h.query<{ user: { conversations: { nodes: unknown[] } } }>(CONVERSATIONS, {
        uid: u(1),
      }),
    );
    expect(data.user.conversations.nodes.length).toBeGreaterThan(0);
    expect(calls().sort()).toEqual(['GET /v3/conversations', `GET /v3/users/${u(1)}`]);
    expect(callTo('GET /v3/conversations').onBehalfOf).toBe(u(1));
    expect(callTo(`GET /v3/users/${u(1)}`).onBehalfOf).toBeUndefined();
    expectOverlap(`GET /v3/users/${u(1)}`, 'GET /v3/conversations');
  });

  it('adds the roles read at the same time when senders select their role', async () => {
    ok(
      await h.query(CONVERSATIONS.replace('sender { name }', 'sender { name role { name } }'), {
        uid: u(1),
      }),
    );
    expect(calls()).toHaveLength(3);
    expectOverlap(`GET /v3/users/${u(1)}`, 'GET /v3/conversations');
    expectOverlap(`GET /v3/users/${u(1)}`, 'GET /v3/roles');
    expectOverlap('GET /v3/conversations', 'GET /v3/roles');
  });
});

describe('roles alongside lists', () => {
  it('reads users(first: 100) and the roles of their role field at the same time', async () => {
    const data = ok(
      await h.query<{ users: { nodes: { role: { name: string } | null }[] } }>(
        '{ users(first: 100) { nodes { name role { name } } } }',
      ),
    );
    expect(data.users.nodes.length).toBeGreaterThan(0);
    expect(data.users.nodes.every((user) => typeof user.role?.name === 'string')).toBe(true);
    expect(calls().sort()).toEqual(['GET /v3/roles', 'GET /v3/users']);
    expectOverlap('GET /v3/users', 'GET /v3/roles');
  });

  it("reads a group's last messages and their senders' roles at the same time", async () => {
    const data = ok(
      await h.query<{ messages: { nodes: unknown[] } }>(
        `query ($guid: String!) {
          messages(withGroup: $guid, last: 50) { nodes { sender { name role { name } } } }
        }`,
        { guid: g(1) },
      ),
    );
    expect(data.messages.nodes.length).toBeGreaterThan(0);
    expect(calls().sort()).toEqual(['GET /v3/messages', 'GET /v3/roles']);
    expectOverlap('GET /v3/messages', 'GET /v3/roles');
  });

  it('reads no roles for a list asked for no items, as the cost table counts none', async () => {
    ok(await h.query('{ users(first: 0) { nodes { name role { name } } } }'));
    expect(calls()).toEqual(['GET /v3/users']);

    h.emulator.clearRequests();
    ok(
      await h.query(
        `query ($guid: String!, $n: Int!) {
          group(guid: $guid) { members(first: $n) { nodes { user { role { name } } } } }
        }`,
        { guid: g(6), n: 0 },
      ),
    );
    expect(calls()).not.toContain('GET /v3/roles');
  });

  it('reads no roles when no role is selected', async () => {
    ok(await h.query('{ users(first: 10) { nodes { name } } }'));
    expect(calls()).toEqual(['GET /v3/users']);
  });
});

describe('message(id) { replies }', () => {
  let parentId = '';
  let replyId = '';
  beforeAll(() => {
    for (const [parent, replies] of h.emulator.store.repliesByParent) {
      const first = replies[0];
      if (first) {
        parentId = String(parent);
        replyId = String(first.id);
        break;
      }
    }
    expect(parentId).not.toBe('');
  });

  it('reads a message and its thread at the same time', async () => {
    const data = ok(
      await h.query<{ message: { replies: { nodes: { id: string }[] } } }>(
        'query ($id: String!) { message(id: $id) { id replies(first: 10) { nodes { id } } } }',
        { id: parentId },
      ),
    );
    expect(data.message.replies.nodes.length).toBeGreaterThan(0);
    expect(calls().sort()).toEqual([
      `GET /v3/messages/${parentId}`,
      `GET /v3/messages/${parentId}/thread`,
    ]);
    expectOverlap(`GET /v3/messages/${parentId}`, `GET /v3/messages/${parentId}/thread`);
  });

  it('leaves the thread unread for a selection that also asks for the parent (a likely reply)', async () => {
    const data = ok(
      await h.query<{ message: { parent: { id: string }; replies: { nodes: unknown[] } } }>(
        `query ($id: String!) {
          message(id: $id) { parent { id } replies(first: 10) { nodes { id } } }
        }`,
        { id: replyId },
      ),
    );
    expect(data.message.replies.nodes).toEqual([]);
    expect(calls()).toEqual([`GET /v3/messages/${replyId}`, `GET /v3/messages/${parentId}`]);
  });
});
