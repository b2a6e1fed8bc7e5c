/**
 * Messages over the real emulator (seed `demo`): every message type, relations and nulls,
 * reactions, threads, filters, cursor walks in both directions while messages keep arriving, and
 * the upstream-call budgets.
 */
import { describe, expect, it } from 'vitest';
import { chat, dataOf, type Json } from '../support/emulator-http.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-http.js';
import { ok, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const SHOWCASE = 'cometchat-uid-1_user_cometchat-uid-2';
const HIKING = 'group_cometchat-guid-1';

/** Sends a message straight to the emulator's REST API, as another client would. */
async function sendDirect(sender: string, body: Json): Promise<Json> {
  const reply = await chat(h.emulator, 'POST', '/messages', { body, onBehalfOf: sender });
  expect(reply.status).toBe(200);
  return dataOf(reply.body);
}

const MESSAGE_FIELDS = /* GraphQL */ `
  __typename id cometchatId muid conversationId sentAt updatedAt editedAt deletedAt replyCount tags metadata
  sender { uid name }
  receiver { __typename ... on User { uid } ... on Group { guid } }
  reactions { emoji count reactedByViewer }
  ... on TextMessage { text }
  ... on MediaMessage { mediaType caption attachments { url name mimeType extension size } }
  ... on CustomMessage { customType customData }
  ... on ActionMessage {
    action actionName actor { uid } targetUser { uid } targetGroup { guid }
    targetMessage { cometchatId ... on TextMessage { text } }
  }
  ... on CallMessage { callType status statusName sessionId initiatedAt joinedAt endedAt }
  ... on InteractiveMessage { interactiveType interactiveData interactionGoal interactions allowSenderInteraction }
`;

async function conversationMessages(conversationId: string, extra = ''): Promise<Json[]> {
  const data = ok(
    await h.query<{ messages: { nodes: Json[]; pageInfo: Json } }>(
      `query($c: String!) { messages(conversationId: $c, first: 50 ${extra}) {
        nodes { ${MESSAGE_FIELDS} } pageInfo { hasNextPage } } }`,
      { c: conversationId },
    ),
  );
  return data.messages.nodes;
}

function byCometchatId(list: Json[], id: string): Json {
  const found = list.find((message) => message.cometchatId === id);
  if (!found) throw new Error(`message ${id} not in the list`);
  return found;
}

describe('message types from the demo data', () => {
  it('resolves text, media, custom and action messages of the showcase conversation', async () => {
    const list = await conversationMessages(SHOWCASE);
    expect(list.map((m) => Number(m.cometchatId))).toEqual(
      [...list.map((m) => Number(m.cometchatId))].sort((a, b) => a - b),
    );
    const types = new Set(list.map((m) => m.__typename));
    expect([...types].sort()).toEqual([
      'ActionMessage',
      'CustomMessage',
      'MediaMessage',
      'TextMessage',
    ]);

    const first = byCometchatId(list, '1');
    expect(first).toMatchObject({
      __typename: 'TextMessage',
      text: 'Hi there! How are you doing today?',
      conversationId: SHOWCASE,
      sender: { uid: U1, name: 'Andrew Joseph' },
      receiver: { __typename: 'User', uid: U2 },
      muid: null,
      editedAt: null,
      deletedAt: null,
      tags: [],
      metadata: null,
    });
    const row = h.emulator.store.messages.get(1);
    expect(first.sentAt).toBe(new Date((row?.sentAt ?? 0) * 1000).toISOString());

    expect(byCometchatId(list, '13')).toMatchObject({
      muid: 'demo-muid-1',
      tags: ['important'],
      metadata: { priority: 'high' },
    });
    expect(byCometchatId(list, '14')).toMatchObject({
      __typename: 'MediaMessage',
      mediaType: 'IMAGE',
      caption: null,
      attachments: [
        {
          url: 'https://example.com/media/sunset.jpg',
          name: 'sunset.jpg',
          mimeType: 'image/jpeg',
          extension: 'jpg',
          size: 348_211,
        },
      ],
    });
    expect(byCometchatId(list, '15')).toMatchObject({
      __typename: 'MediaMessage',
      mediaType: 'FILE',
    });
    expect(byCometchatId(list, '16')).toMatchObject({
      __typename: 'CustomMessage',
      customType: 'location',
      customData: { latitude: 37.7749, longitude: -122.4194, label: 'Trailhead' },
    });
    // An edit and a soft delete, each with the action message CometChat records for it.
    expect(byCometchatId(list, '17')).toMatchObject({
      text: 'See you at the trailhead',
      editedAt: expect.any(String),
    });
    expect(byCometchatId(list, '18')).toMatchObject({
      __typename: 'ActionMessage',
      action: 'EDITED',
      actionName: 'edited',
      actor: { uid: U1 },
      targetUser: null,
      targetGroup: null,
      targetMessage: { cometchatId: '17', text: 'See you at the trailhead' },
    });
    expect(byCometchatId(list, '19').deletedAt).toEqual(expect.any(String));
    expect(byCometchatId(list, '20')).toMatchObject({
      action: 'DELETED',
      actor: { uid: U2 },
      targetMessage: { cometchatId: '19' },
    });
  });

  it('resolves group action messages with their actor, target user and group', async () => {
    const list = await conversationMessages(HIKING, ', categories: [ACTION]');
    expect(list.map((m) => m.action)).toEqual(['ADDED', 'ADDED', 'JOINED', 'SCOPE_CHANGED']);
    expect(list[0]).toMatchObject({
      __typename: 'ActionMessage',
      actor: { uid: U1 },
      targetUser: { uid: 'cometchat-uid-7' },
      targetGroup: { guid: 'cometchat-guid-1' },
      targetMessage: null,
      receiver: { __typename: 'Group', guid: 'cometchat-guid-1' },
    });
    expect(list[3]).toMatchObject({ actor: { uid: U1 }, targetUser: { uid: U2 } });
  });

  it('resolves a custom poll and a mention', async () => {
    const polls = await conversationMessages('group_cometchat-guid-3', ', categories: [CUSTOM]');
    expect(polls).toEqual([
      expect.objectContaining({
        customType: 'extension_poll',
        customData: { question: 'Ship on Friday?', options: { '1': 'Yes', '2': 'Next week' } },
      }),
    ]);
    const data = ok(
      await h.query<{ message: Json }>(
        `{ message(id: "154") { mentions { uid name } ... on TextMessage { text } } }`,
      ),
    );
    expect(data.message).toEqual({
      mentions: [{ uid: U2, name: 'George Alan' }],
      text: `Hey <@uid:${U2}>, are you joining the hike?`,
    });
  });

  it('resolves call and interactive messages, never exposing call secrets', async () => {
    const store = h.emulator.store;
    const now = store.now();
    const call = store.addMessage({
      conversationId: SHOWCASE,
      sender: U1,
      receiver: U2,
      receiverType: 'user',
      category: 'call',
      type: 'video',
      data: { action: 'ended' },
      tags: [],
      sentAt: now,
      updatedAt: now,
      replyCount: 0,
    });
    const form = store.addMessage({
      conversationId: SHOWCASE,
      sender: U2,
      receiver: U1,
      receiverType: 'user',
      category: 'interactive',
      type: 'form',
      data: {
        interactiveData: {
          title: 'RSVP',
          formFields: [{ elementType: 'textInput', elementId: 'n' }],
        },
        interactionGoal: { type: 'anyAction', elementIds: [] },
        interactions: [{ elementId: 'n', interactedAt: now }],
        allowSenderInteraction: false,
      },
      tags: [],
      sentAt: now,
      updatedAt: now,
      replyCount: 0,
    });
    try {
      const list = await conversationMessages(SHOWCASE, ', categories: [CALL, INTERACTIVE]');
      expect(byCometchatId(list, String(call.id))).toMatchObject({
        __typename: 'CallMessage',
        callType: 'VIDEO',
        status: 'ENDED',
        statusName: 'ended',
        sessionId: null,
      });
      expect(byCometchatId(list, String(form.id))).toMatchObject({
        __typename: 'InteractiveMessage',
        interactiveType: 'form',
        interactiveData: { title: 'RSVP' },
        interactionGoal: { type: 'anyAction', elementIds: [] },
        interactions: [{ elementId: 'n', interactedAt: now }],
        allowSenderInteraction: false,
      });
    } finally {
      store.removeMessage(call.id);
      store.removeMessage(form.id);
    }

    // A call message as CometChat renders it, with the call object and its websocket secret.
    const secret = 'ws-secret-do-not-leak';
    h.emulator.injectFault({
      method: 'GET',
      path: '/v3/messages/777001',
      status: 200,
      body: {
        data: {
          id: '777001',
          conversationId: SHOWCASE,
          sender: U1,
          receiver: U2,
          receiverType: 'user',
          category: 'call',
          type: 'audio',
          data: {
            action: 'ongoing',
            entities: {
              by: { entity: { uid: U1, name: 'Andrew Joseph', createdAt: 1 }, entityType: 'user' },
              on: {
                entity: {
                  sessionid: 'v1.us.call-session-1',
                  type: 'audio',
                  status: 'ongoing',
                  sender: U1,
                  receiver: U2,
                  receiverType: 'user',
                  initiatedAt: 1735700000,
                  joinedAt: 1735700010,
                  startedAt: 1735700011,
                  wsChannel: { secret, service: 'wss://calls.example', identity: 'x' },
                },
                entityType: 'call',
              },
            },
          },
          sentAt: 1735700011,
          updatedAt: 1735700011,
        },
      },
    });
    const response = await h.query(`{ message(id: "777001") { ${MESSAGE_FIELDS} } }`);
    expect(JSON.stringify(response)).not.toContain(secret);
    expect(JSON.stringify(response)).not.toContain('wsChannel');
    expect(ok(response)).toMatchObject({
      message: {
        __typename: 'CallMessage',
        callType: 'AUDIO',
        status: 'ONGOING',
        sessionId: 'v1.us.call-session-1',
        initiatedAt: '2025-01-01T02:53:20.000Z',
        joinedAt: '2025-01-01T02:53:30.000Z',
        endedAt: null,
      },
    });
  });
});

describe('message lookups', () => {
  it('finds a message by CometChat id and by global ID, and refetches it through node', async () => {
    const byRaw = ok(await h.query<{ message: Json }>(`{ message(id: "6") { id cometchatId } }`));
    const id = byRaw.message.id as string;
    const byGlobal = ok(
      await h.query<{ message: Json }>(`query($id: String!) { message(id: $id) { cometchatId } }`, {
        id,
      }),
    );
    expect(byGlobal.message).toEqual({ cometchatId: '6' });
    const nodes = ok(
      await h.query<{ node: Json; nodes: Json[] }>(
        `query($id: ID!) { node(id: $id) { __typename ... on Message { cometchatId } }
          nodes(ids: [$id, $id]) { ... on TextMessage { text } } }`,
        { id },
      ),
    );
    expect(nodes.node).toEqual({ __typename: 'TextMessage', cometchatId: '6' });
    expect(nodes.nodes).toEqual([
      { text: 'Are we still on for Saturday?' },
      { text: 'Are we still on for Saturday?' },
    ]);
  });

  it('answers null for missing messages, without a call for ids that cannot exist', async () => {
    let response: GraphQLResponse<{ message: Json | null }> = {};
    const calls = await h.countUpstream(async () => {
      response = await h.query(`{ message(id: "not-a-message") { cometchatId } }`);
    });
    expect(ok(response).message).toBeNull();
    expect(calls).toBe(0);
    const missing = ok(await h.query<{ message: Json | null }>(`{ message(id: "999999") { id } }`));
    expect(missing.message).toBeNull();
  });

  it('gives nulls for relations that do not apply', async () => {
    const data = ok(
      await h.query<{ message: Json }>(
        `{ message(id: "1") { parent { id } editedBy { uid } deletedBy { uid } isEditedByApp
          replies { nodes { id } pageInfo { hasNextPage hasPreviousPage } } } }`,
      ),
    );
    expect(data.message).toEqual({
      parent: null,
      editedBy: null,
      deletedBy: null,
      isEditedByApp: false,
      replies: { nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } },
    });
    const edited = ok(
      await h.query<{ a: Json; b: Json }>(
        `{ a: message(id: "17") { editedBy { uid } } b: message(id: "19") { deletedBy { uid } } }`,
      ),
    );
    expect(edited).toEqual({ a: { editedBy: { uid: U1 } }, b: { deletedBy: { uid: U2 } } });
  });

  it('gives a null sender for a message the app itself sent', async () => {
    const sent = await chat(h.emulator, 'POST', '/messages', {
      body: { receiver: 'cometchat-uid-9', receiverType: 'user', data: { text: 'hi' } },
    });
    const id = dataOf(sent.body);
    expect(id.sender).toBe('app_system');
    const data = ok(
      await h.query<{ message: Json }>(
        `query($id: String!) { message(id: $id) { sender { uid } receiver { ... on User { uid } } } }`,
        { id: id.id },
      ),
    );
    expect(data.message).toEqual({ sender: null, receiver: { uid: 'cometchat-uid-9' } });
    h.emulator.store.removeMessage(Number(id.id));
  });
});

interface ReactionsView {
  reactions: Json[];
  all: {
    edges: { cursor: string; node: { emoji: string; user: Json } }[];
    pageInfo: Json & { endCursor: string };
  };
  tail: Json;
  thumbs: { nodes: Json[] };
}

describe('reactions', () => {
  it('summarises reactions per emoji and lists who reacted, both ways and per emoji', async () => {
    const data = ok(
      await h.query<{ message: ReactionsView }>(
        `{ message(id: "6") {
          reactions { emoji count reactedByViewer }
          all: reactionsConnection(first: 2) { edges { cursor node { emoji reactedAt user { uid name } } } pageInfo { hasNextPage hasPreviousPage endCursor } }
          tail: reactionsConnection(last: 1) { nodes { emoji user { uid } } pageInfo { hasNextPage hasPreviousPage } }
          thumbs: reactionsConnection(emoji: "👍") { nodes { user { uid } } }
        } }`,
      ),
    );
    const message = data.message;
    expect(message.reactions).toEqual([
      { emoji: '👍', count: 2, reactedByViewer: null },
      { emoji: '😂', count: 1, reactedByViewer: null },
    ]);
    expect(message.all.edges.map((edge) => [edge.node.emoji, edge.node.user.uid])).toEqual([
      ['👍', U1],
      ['👍', U2],
    ]);
    expect(message.all.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(message.tail).toEqual({
      nodes: [{ emoji: '😂', user: { uid: U2 } }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
    expect(message.thumbs.nodes).toEqual([{ user: { uid: U1 } }, { user: { uid: U2 } }]);

    const next = ok(
      await h.query<{ message: { reactionsConnection: Json } }>(
        `query($after: String!) { message(id: "6") { reactionsConnection(first: 5, after: $after) {
          nodes { emoji } pageInfo { hasNextPage hasPreviousPage } } } }`,
        { after: message.all.pageInfo.endCursor },
      ),
    );
    expect(next.message.reactionsConnection).toEqual({
      nodes: [{ emoji: '😂' }],
      pageInfo: { hasNextPage: false, hasPreviousPage: true },
    });
  });

  it('has no reactions on a message nobody reacted to', async () => {
    const data = ok(
      await h.query<{ message: Json }>(
        `{ message(id: "1") { reactions { emoji } reactionsConnection { nodes { emoji } } } }`,
      ),
    );
    expect(data.message).toEqual({ reactions: [], reactionsConnection: { nodes: [] } });
  });
});

describe('threads', () => {
  it('lists the replies of a message and links each reply to its parent', async () => {
    const data = ok(
      await h.query<{ message: Json }>(
        `{ message(id: "154") { replyCount
          replies(first: 2) { nodes { cometchatId sender { uid } parent { cometchatId } replyCount
            replies { nodes { id } } } pageInfo { hasNextPage hasPreviousPage } }
          lastOne: replies(last: 1) { nodes { ... on TextMessage { text } } pageInfo { hasNextPage hasPreviousPage } }
        } }`,
      ),
    );
    expect(data.message).toEqual({
      replyCount: 3,
      replies: {
        nodes: [
          {
            cometchatId: '155',
            sender: { uid: U2 },
            parent: { cometchatId: '154' },
            replyCount: 0,
            replies: { nodes: [] },
          },
          {
            cometchatId: '156',
            sender: { uid: 'cometchat-uid-3' },
            parent: { cometchatId: '154' },
            replyCount: 0,
            replies: { nodes: [] },
          },
        ],
        pageInfo: { hasNextPage: true, hasPreviousPage: false },
      },
      lastOne: {
        nodes: [{ text: 'I will bring the map.' }],
        pageInfo: { hasNextPage: false, hasPreviousPage: true },
      },
    });
  });
});

describe('message filters', () => {
  async function ids(args: string, variables: Json = {}): Promise<string[]> {
    const data = ok(
      await h.query<{ messages: { nodes: { cometchatId: string }[] } }>(
        `query${Object.keys(variables).length > 0 ? '($after: DateTime, $before: DateTime)' : ''} {
          messages(first: 100, ${args}) { nodes { cometchatId } } }`,
        variables,
      ),
    );
    return data.messages.nodes.map((node) => node.cometchatId);
  }

  it('filters by search, sender, category, type, attachments, reactions and mentions', async () => {
    expect(await ids(`conversationId: "${SHOWCASE}", search: "TRAILHEAD"`)).toEqual(['17']);
    expect(await ids(`conversationId: "${SHOWCASE}", hasAttachments: true`)).toEqual(['14', '15']);
    expect(await ids(`conversationId: "${SHOWCASE}", attachmentTypes: [IMAGE]`)).toEqual(['14']);
    expect(await ids(`conversationId: "${SHOWCASE}", types: ["location"]`)).toEqual(['16']);
    expect(await ids(`conversationId: "${SHOWCASE}", hasReactions: true`)).toEqual(['6']);
    expect(await ids(`withGroup: "cometchat-guid-1", hasMentions: true`)).toEqual(['154']);
    expect(await ids(`withGroup: "cometchat-guid-1", mentioning: ["${U2}"]`)).toEqual(['154']);
    expect(await ids(`conversationId: "${SHOWCASE}", tags: ["important"]`)).toEqual(['13']);
    const fromU2 = await ids(
      `conversationId: "${SHOWCASE}", sender: "${U2}", categories: [MESSAGE]`,
    );
    expect(fromU2).toContain('14');
    expect(fromU2).not.toContain('13');
  });

  it('hides or keeps deleted messages and replies, and filters by time', async () => {
    const all = await ids(`conversationId: "${SHOWCASE}"`);
    expect(all).toContain('19');
    expect(await ids(`conversationId: "${SHOWCASE}", onlyDeleted: true`)).toEqual(['19']);
    expect(await ids(`conversationId: "${SHOWCASE}", hideDeleted: true`)).not.toContain('19');
    const topLevel = await ids(`conversationId: "${SHOWCASE}", hideReplies: true`);
    expect(topLevel).not.toContain('22');
    expect(topLevel).toContain('21');
    const sent = ok(
      await h.query<{ a: { sentAt: string }; b: { sentAt: string } }>(
        `{ a: message(id: "3") { sentAt } b: message(id: "6") { sentAt } }`,
      ),
    );
    expect(
      await ids(`conversationId: "${SHOWCASE}", sentAfter: $after, sentBefore: $before`, {
        after: sent.a.sentAt,
        before: sent.b.sentAt,
      }),
    ).toEqual(['4', '5']);
  });

  it('reads unread messages as a user, and refuses unread without one', async () => {
    const unread = await ids(`withUser: "${U2}", uid: "${U1}", unread: true`);
    const store = h.emulator.store;
    const readUpTo = store.conversationState.get(`${U1}|${SHOWCASE}`)?.readUpTo ?? 0;
    const expected = (store.messagesByConversation.get(SHOWCASE) ?? [])
      .filter((row) => row.id > readUpTo && row.sender !== U1)
      .map((row) => String(row.id));
    expect(readUpTo).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(0);
    expect(unread).toEqual(expected);
    const refused = await h.query(`{ messages(unread: true) { nodes { id } } }`);
    expect(errorCodes(refused.errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects contradictory arguments with BAD_USER_INPUT and no upstream call', async () => {
    for (const args of [
      'last: 101',
      'first: 101',
      'first: 5, last: 5',
      'hideDeleted: true, onlyDeleted: true',
      `conversationId: "${SHOWCASE}", withGroup: "cometchat-guid-1"`,
      `withUser: "${U2}"`,
      'first: -1',
    ]) {
      let response: GraphQLResponse = {};
      const calls = await h.countUpstream(async () => {
        response = await h.query(`{ messages(${args}) { nodes { id } } }`);
      });
      expect(errorCodes(response.errors), args).toEqual(['BAD_USER_INPUT']);
      expect(calls, args).toBe(0);
    }
  });

  it('refuses a cursor taken from a list with other filters', async () => {
    const data = ok(
      await h.query<{ messages: { pageInfo: { endCursor: string } } }>(
        `{ messages(conversationId: "${SHOWCASE}", first: 2) { pageInfo { endCursor } } }`,
      ),
    );
    const response = await h.query(
      `query($after: String!) { messages(withGroup: "cometchat-guid-1", first: 2, after: $after) { nodes { id } } }`,
      { after: data.messages.pageInfo.endCursor },
    );
    expect(errorCodes(response.errors)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('upstream-call budgets', () => {
  it('reads the last 50 messages of a group with senders, roles and reactions in 2 calls', async () => {
    let response: GraphQLResponse<{ messages: { nodes: (Json & { reactions: Json[] })[] } }> = {};
    const calls = await h.countUpstream(async () => {
      response = await h.query(
        `{ messages(withGroup: "cometchat-guid-1", last: 50) { nodes { cometchatId
          sender { name role { name } } reactions { emoji count reactedByViewer } } } }`,
      );
    });
    const nodes = ok(response).messages.nodes;
    // The whole conversation of the hiking group: 49 messages.
    expect(nodes).toHaveLength(49);
    expect(nodes.some((node) => node.reactions.length > 0)).toBe(true);
    expect(nodes.find((node) => node.cometchatId === '154')).toMatchObject({
      sender: { name: 'Andrew Joseph', role: { name: 'Default Role' } },
    });
    expect(calls).toBe(2);

    const community = await h.countUpstream(async () => {
      response = await h.query(
        `{ messages(withGroup: "cometchat-guid-6", last: 50) { nodes { cometchatId
          sender { name role { name } } reactions { emoji count } } } }`,
      );
    });
    expect(ok(response).messages.nodes).toHaveLength(50);
    expect(community).toBe(2);
  });

  it('reads a reply with its parent and a thread with its senders in at most 3 calls', async () => {
    const query = (id: string) =>
      `{ message(id: "${id}") { parent { sender { name } } replies(first: 10) { nodes { sender { name } } } } }`;
    let response: GraphQLResponse<{ message: Json }> = {};
    const replyCalls = await h.countUpstream(async () => {
      response = await h.query(query('155'));
    });
    expect(ok(response).message).toEqual({
      parent: { sender: { name: 'Andrew Joseph' } },
      replies: { nodes: [] },
    });
    expect(replyCalls).toBe(2);

    const parentCalls = await h.countUpstream(async () => {
      response = await h.query(query('154'));
    });
    expect(ok(response).message).toEqual({
      parent: null,
      replies: {
        nodes: [
          { sender: { name: 'George Alan' } },
          { sender: { name: 'Nancy Grace' } },
          { sender: { name: 'Susan Marie' } },
        ],
      },
    });
    expect(parentCalls).toBe(2);
  });
});

describe('walking a conversation', () => {
  const PAGE = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

  interface Page {
    nodes: { cometchatId: string }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  }

  async function page(args: string, variables: Json): Promise<Page> {
    const data = ok(
      await h.query<{ messages: Page }>(
        `query($after: String, $before: String) { messages(conversationId: "${SHOWCASE}", after: $after, before: $before, ${args}) { nodes { cometchatId } ${PAGE} } }`,
        variables,
      ),
    );
    return data.messages;
  }

  function storeIds(): string[] {
    return (h.emulator.store.messagesByConversation.get(SHOWCASE) ?? []).map((row) =>
      String(row.id),
    );
  }

  async function sendDuringWalk(n: number): Promise<void> {
    await sendDirect(n % 2 === 0 ? U1 : U2, {
      receiver: n % 2 === 0 ? U2 : U1,
      receiverType: 'user',
      category: 'message',
      type: 'text',
      data: { text: `arrived during the walk #${n}` },
    });
  }

  it('walks forwards seeing every message exactly once, including ones sent meanwhile', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let sent = 0;
    for (let i = 0; i < 50; i++) {
      const result: Page = await page('first: 7', { after });
      seen.push(...result.nodes.map((node) => node.cometchatId));
      if (i < 3) await sendDuringWalk(sent++);
      if (!result.pageInfo.hasNextPage) break;
      expect(result.pageInfo.endCursor).not.toBeNull();
      after = result.pageInfo.endCursor;
    }
    expect(sent).toBe(3);
    expect(seen).toEqual(storeIds());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('walks backwards seeing every message exactly once while new ones arrive at the end', async () => {
    const before = storeIds();
    const seen: string[] = [];
    let cursor: string | null = null;
    let sent = 0;
    for (let i = 0; i < 50; i++) {
      const result: Page = await page('last: 7', { before: cursor });
      seen.unshift(...result.nodes.map((node) => node.cometchatId));
      if (i < 3) await sendDuringWalk(100 + sent++);
      if (!result.pageInfo.hasPreviousPage) break;
      cursor = result.pageInfo.startCursor;
    }
    expect(sent).toBe(3);
    // The walk started from the newest message of its first page and went back from there.
    expect(seen).toEqual(before);
    expect(storeIds().length).toBe(before.length + 3);
  });

  it('pages back from the end with last and forward again from a cursor', async () => {
    const tail = await page('last: 3', {});
    const ids = storeIds();
    expect(tail.nodes.map((node) => node.cometchatId)).toEqual(ids.slice(-3));
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const head = await page('first: 0', {});
    expect(head.nodes).toEqual([]);
  });
});
