/**
 * Conversations over the real emulator (seed `demo`): a user's list with partners and last
 * messages, the app-wide list, lookups, the message relations of users, groups and conversations,
 * the upstream-call budgets, and what a user caller (not an admin) may see.
 */
import { describe, expect, it } from 'vitest';
import { unreadCount } from '../../src/emulator/conversation-view.js';
import type { Json } from '../support/emulator-http.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-http.js';
import { ok, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const SHOWCASE = 'cometchat-uid-1_user_cometchat-uid-2';

function lastIds(conversationId: string, count: number): string[] {
  const rows = h.emulator.store.messagesByConversation.get(conversationId) ?? [];
  return rows.slice(-count).map((row) => String(row.id));
}

describe('upstream-call budgets', () => {
  const CONVERSATIONS = (extra: string) => /* GraphQL */ `{ user(uid: "${U1}") { name
    conversations(first: 25) { edges { node {
      with { ... on User { name avatar } ... on Group { name icon } }
      lastMessage { sender { name ${extra} } }
      unreadMessageCount } } } } }`;

  it("reads a user's conversations with partners, last messages and senders in 2 calls", async () => {
    let response: GraphQLResponse<{
      user: { name: string; conversations: { edges: { node: Json }[] } };
    }> = {};
    const calls = await h.countUpstream(async () => {
      response = await h.query(CONVERSATIONS(''));
    });
    const user = ok(response).user;
    expect(user.name).toBe('Andrew Joseph');
    const nodes = user.conversations.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(10);
    expect(nodes).toContainEqual(
      expect.objectContaining({
        with: { name: 'George Alan', avatar: `https://example.com/avatars/${U2}.png` },
      }),
    );
    expect(nodes).toContainEqual(
      expect.objectContaining({
        with: { name: 'Hiking Group', icon: 'https://example.com/icons/cometchat-guid-1.png' },
        lastMessage: { sender: { name: 'John Paul' } },
      }),
    );
    expect(calls).toBe(2);
  });

  it('adds one call for the roles of the senders', async () => {
    let response: GraphQLResponse<{
      user: { conversations: { edges: { node: { lastMessage: { sender: Json } } }[] } };
    }> = {};
    const calls = await h.countUpstream(async () => {
      response = await h.query(CONVERSATIONS('role { name }'));
    });
    const nodes = ok(response).user.conversations.edges.map((edge) => edge.node);
    const senders = nodes.map((node) => node.lastMessage.sender);
    expect(senders).toContainEqual({ name: 'Nancy Grace', role: { name: 'Manager' } });
    expect(senders).toContainEqual({ name: 'John Paul', role: { name: 'Default Role' } });
    expect(calls).toBe(3);
  });
});

describe("a user's conversations", () => {
  it('gives each conversation its partner, last message, unread count, tags and dates', async () => {
    const data = ok(
      await h.query<{
        user: { conversations: { totalCount: number; nodes: (Json & { with: Json })[] } };
      }>(
        `{ user(uid: "${U1}") { conversations(first: 25) { totalCount nodes {
          id conversationId type unreadMessageCount tags createdAt updatedAt
          viewedBy { uid }
          with { __typename ... on User { uid } ... on Group { guid } }
          lastMessage { cometchatId } } } } }`,
      ),
    );
    const { totalCount, nodes } = data.user.conversations;
    expect(totalCount).toBe(10);
    const showcase = nodes.find((node) => node.conversationId === SHOWCASE);
    expect(showcase).toMatchObject({
      type: 'USER',
      tags: ['favourite'],
      viewedBy: { uid: U1 },
      with: { __typename: 'User', uid: U2 },
      lastMessage: { cometchatId: lastIds(SHOWCASE, 1)[0] },
      unreadMessageCount: unreadCount(h.emulator.store, U1, SHOWCASE),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(showcase?.unreadMessageCount).toBeGreaterThan(0);
    const groups = nodes.filter((node) => node.type === 'GROUP');
    expect(groups.map((node) => node.with.guid).sort()).toEqual([
      'cometchat-guid-1',
      'cometchat-guid-2',
      'cometchat-guid-3',
      'cometchat-guid-5',
      'cometchat-guid-6',
    ]);
    // Newest first.
    const times = nodes.map((node) => Date.parse(node.updatedAt as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by type, unread, partner name and tags, and pages with first/after', async () => {
    const count = async (args: string) =>
      ok(
        await h.query<{ user: { conversations: { totalCount: number; nodes: Json[] } } }>(
          `{ user(uid: "${U1}") { conversations(${args}) { totalCount nodes { conversationId } } } }`,
        ),
      ).user.conversations;
    expect((await count('type: GROUP')).totalCount).toBe(5);
    expect((await count('type: USER')).totalCount).toBe(5);
    expect((await count('search: "george"')).nodes).toEqual([{ conversationId: SHOWCASE }]);
    expect((await count('tags: ["favourite"]')).nodes).toEqual([{ conversationId: SHOWCASE }]);
    const unread = await count('unread: true');
    expect(unread.nodes).toContainEqual({ conversationId: SHOWCASE });
    expect(unread.totalCount).toBeLessThan(10);

    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const data: { user: { conversations: { nodes: Json[]; pageInfo: Json } } } = ok(
        await h.query(
          `query($after: String) { user(uid: "${U1}") { conversations(first: 3, after: $after) {
            nodes { conversationId } pageInfo { hasNextPage endCursor } } } }`,
          { after },
        ),
      );
      seen.push(...data.user.conversations.nodes.map((node) => node.conversationId as string));
      if (!data.user.conversations.pageInfo.hasNextPage) break;
      after = data.user.conversations.pageInfo.endCursor as string;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
  });

  it('lists conversations app-wide, one per participant, or as a given user', async () => {
    const data = ok(
      await h.query<{ all: { totalCount: number; nodes: Json[] }; mine: { totalCount: number } }>(
        `{ all: conversations(first: 12) { totalCount nodes { id conversationId viewedBy { uid } } }
           mine: conversations(uid: "${U1}") { totalCount } }`,
      ),
    );
    expect(data.mine.totalCount).toBe(10);
    expect(data.all.totalCount).toBeGreaterThan(10);
    // Ordered by participant: cometchat-uid-1's ten conversations come first.
    const direct = data.all.nodes.find((node) => node.conversationId === SHOWCASE);
    expect(direct?.viewedBy).toEqual({ uid: U1 });
    const group = data.all.nodes.find((node) => node.conversationId === 'group_cometchat-guid-1');
    expect(group?.viewedBy).toBeNull();
    // A 1:1 view refetches by its ID; an app-wide group view has no participant to ask as.
    const refetched = ok(
      await h.query<{ a: Json | null; b: Json | null }>(
        `query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Conversation { conversationId viewedBy { uid } } }
          b: node(id: $b) { id } }`,
        { a: direct?.id, b: group?.id },
      ),
    );
    expect(refetched).toEqual({ a: { conversationId: SHOWCASE, viewedBy: { uid: U1 } }, b: null });
  });
});

describe('conversation lookups', () => {
  it('finds a view by conversation id, partner user or group, and refetches it by ID', async () => {
    const data = ok(
      await h.query<{ a: Json; b: Json; c: Json; d: Json | null }>(
        `{ a: conversation(conversationId: "${SHOWCASE}", uid: "${U1}") { id conversationId unreadMessageCount }
           b: conversation(withUser: "${U1}", uid: "${U2}") { conversationId viewedBy { uid } unreadMessageCount }
           c: conversation(withGroup: "cometchat-guid-1", uid: "${U2}") { conversationId with { ... on Group { name } } }
           d: conversation(withGroup: "cometchat-guid-4", uid: "${U1}") { id } }`,
      ),
    );
    expect(data.a).toMatchObject({
      conversationId: SHOWCASE,
      unreadMessageCount: unreadCount(h.emulator.store, U1, SHOWCASE),
    });
    expect(data.b).toEqual({
      conversationId: SHOWCASE,
      viewedBy: { uid: U2 },
      unreadMessageCount: unreadCount(h.emulator.store, U2, SHOWCASE),
    });
    expect(data.c).toEqual({
      conversationId: 'group_cometchat-guid-1',
      with: { name: 'Hiking Group' },
    });
    expect(data.d).toBeNull();
    const node = ok(
      await h.query<{ node: Json }>(
        `query($id: ID!) { node(id: $id) { ... on Conversation { conversationId viewedBy { uid } } } }`,
        { id: data.a.id },
      ),
    );
    expect(node.node).toEqual({ conversationId: SHOWCASE, viewedBy: { uid: U1 } });
  });

  it('is null for a user who takes no part, and needs exactly one selector and a uid', async () => {
    const missing = ok(
      await h.query<{ conversation: Json | null }>(
        `{ conversation(conversationId: "${SHOWCASE}", uid: "cometchat-uid-9") { id } }`,
      ),
    );
    expect(missing.conversation).toBeNull();
    for (const args of [
      `conversationId: "${SHOWCASE}"`,
      `uid: "${U1}"`,
      `withUser: "${U2}", withGroup: "cometchat-guid-1", uid: "${U1}"`,
    ]) {
      let response: GraphQLResponse = {};
      const calls = await h.countUpstream(async () => {
        response = await h.query(`{ conversation(${args}) { id } }`);
      });
      expect(errorCodes(response.errors), args).toEqual(['BAD_USER_INPUT']);
      expect(calls).toBe(0);
    }
  });
});

describe('message relations', () => {
  it("pages a conversation's messages as its participant sees them", async () => {
    const data = ok(
      await h.query<{ conversation: { messages: { nodes: Json[]; pageInfo: Json } } }>(
        `{ conversation(conversationId: "${SHOWCASE}", uid: "${U1}") {
          messages(last: 3) { nodes { cometchatId } pageInfo { hasPreviousPage hasNextPage } } } }`,
      ),
    );
    expect(data.conversation.messages.nodes.map((node) => node.cometchatId)).toEqual(
      lastIds(SHOWCASE, 3),
    );
    expect(data.conversation.messages.pageInfo).toEqual({
      hasPreviousPage: true,
      hasNextPage: false,
    });
  });

  it("gives a user's 1:1 conversation with withUser, and a group's messages and conversation", async () => {
    const data = ok(
      await h.query<{ user: Json; group: Json }>(
        `{ user(uid: "${U2}") { messages(withUser: "${U1}", last: 2) { nodes { cometchatId } } }
           group(guid: "cometchat-guid-1") {
             messages(first: 2) { nodes { __typename cometchatId } }
             conversation(uid: "${U1}") { conversationId unreadMessageCount viewedBy { uid } } } }`,
      ),
    );
    expect(data.user).toEqual({
      messages: { nodes: lastIds(SHOWCASE, 2).map((cometchatId) => ({ cometchatId })) },
    });
    expect(data.group).toEqual({
      messages: {
        nodes: [
          { __typename: 'ActionMessage', cometchatId: '111' },
          { __typename: 'ActionMessage', cometchatId: '112' },
        ],
      },
      conversation: {
        conversationId: 'group_cometchat-guid-1',
        unreadMessageCount: unreadCount(h.emulator.store, U1, 'group_cometchat-guid-1'),
        viewedBy: { uid: U1 },
      },
    });
    const refused = await h.query(
      `{ user(uid: "${U2}") { messages { nodes { id } } } group(guid: "cometchat-guid-1") { conversation { id } } }`,
    );
    expect(errorCodes(refused.errors)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });

  it('links a message to its conversation, as its sender sees it (admin)', async () => {
    const data = ok(
      await h.query<{ message: { conversation: Json } }>(
        `{ message(id: "2") { conversation { conversationId viewedBy { uid } } } }`,
      ),
    );
    expect(data.message.conversation).toEqual({ conversationId: SHOWCASE, viewedBy: { uid: U2 } });
  });
});

describe('a user caller', () => {
  it('sees their own conversations and may not list anyone else’s', async () => {
    const mine = await h.asUser(
      U1,
      `{ conversations(first: 25) { totalCount nodes { viewedBy { uid } } } }`,
    );
    expect(mine.errors).toBeUndefined();
    type Selected = { totalCount: number; nodes: { viewedBy: Json }[] };
    const connection = mine.data?.conversations as Selected; // the shape selected above
    expect(connection.totalCount).toBe(10);
    expect(connection.nodes.every((node) => node.viewedBy.uid === U1)).toBe(true);
    const other = await h.asUser(U1, `{ conversations(uid: "${U2}") { totalCount } }`);
    expect(errorCodes(other.errors)).toEqual(['FORBIDDEN']);
    const viaUser = await h.asUser(U1, `{ user(uid: "${U2}") { conversations { totalCount } } }`);
    expect(errorCodes(viaUser.errors)).toEqual(['FORBIDDEN']);
  });

  it('reads the 1:1 conversation with another user, and its own reactions', async () => {
    const result = await h.asUser(
      U1,
      `{ user(uid: "${U2}") { messages(last: 2) { nodes { cometchatId } } }
         message(id: "6") { reactions { emoji reactedByViewer } conversation { viewedBy { uid } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      user: { messages: { nodes: lastIds(SHOWCASE, 2).map((cometchatId) => ({ cometchatId })) } },
      message: {
        reactions: [
          { emoji: '👍', reactedByViewer: true },
          { emoji: '😂', reactedByViewer: false },
        ],
        conversation: { viewedBy: { uid: U1 } },
      },
    });
  });

  it('gets null or an empty list for messages outside their conversations', async () => {
    const bookClub = (h.emulator.store.messagesByConversation.get('group_cometchat-guid-4') ??
      [])[0];
    const result = await h.asUser(
      U1,
      `{ message(id: "${bookClub?.id}") { id }
         group(guid: "cometchat-guid-4") { messages(first: 5) { nodes { id } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ message: null, group: { messages: { nodes: [] } } });
  });
});
