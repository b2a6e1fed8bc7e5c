/**
 * The naming pass (docs/schema-conventions.md) through the public surface: the new names answer,
 * the old ones still answer the same value as deprecated aliases, and an input that gets both
 * forms of the same thing is refused with a clear error before any upstream call.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { mgmt } from '../support/emulator-http.js';
import { errorCodes } from '../support/graphql-http.js';
import { mutationDocument, ok, useHarness, VIOLATION_FIELDS } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const G1 = 'cometchat-guid-1';
const C12 = 'cometchat-uid-1_user_cometchat-uid-2';
// A payload's `message` (a Message) and UserError's `message` (a String) cannot share a response
// name in one selection: the error text is selected under an alias (docs/schema-conventions.md).
const ERRORS = `... on UserError { __typename errorMessage: message path code } ${VIOLATION_FIELDS}`;

type Json = Record<string, unknown>;

const SEND = mutationDocument(
  'messageSend',
  `message { cometchatId } sentMessage { cometchatId }
   outcomes { uid guid isOk ok user { uid } group { guid } message { cometchatId } }`,
  ERRORS,
);

describe('payload fields named after their object', () => {
  it('messageSend answers `message`, with the deprecated `sentMessage` the same, and receivers as objects', async () => {
    const { result } = await h.mutate<Json>(
      SEND,
      { input: { receiverUids: [U2], receiverGuids: [G1], text: 'named after the object' } },
      { as: U1 },
    );
    const message = result.message as Json;
    expect(message.cometchatId).toEqual(expect.any(String));
    expect(result.sentMessage).toEqual(message);
    expect(result.outcomes).toEqual([
      expect.objectContaining({
        uid: U2,
        guid: null,
        isOk: true,
        ok: true,
        user: { uid: U2 },
        group: null,
      }),
      expect.objectContaining({
        uid: null,
        guid: G1,
        isOk: true,
        ok: true,
        user: null,
        group: { guid: G1 },
      }),
    ]);
  });

  it('messageReply, messageEdit and messageDelete answer `message` (and `isPermanent`)', async () => {
    const sent = await h.mutate<Json>(
      SEND,
      { input: { receiverUids: [U2], text: 'parent' } },
      { as: U1 },
    );
    const parentId = (sent.result.message as Json).cometchatId as string;
    const reply = await h.mutate<Json>(
      mutationDocument(
        'messageReply',
        'message { cometchatId } reply { cometchatId } messageEdge { cursor } replyEdge { cursor }',
        ERRORS,
      ),
      { input: { parentMessageId: parentId, text: 'a reply' } },
      { as: U2 },
    );
    expect(reply.result.reply).toEqual(reply.result.message);
    expect(reply.result.replyEdge).toEqual(reply.result.messageEdge);
    const edit = await h.mutate<Json>(
      mutationDocument(
        'messageEdit',
        '... on MessageEditPayload { message { ... on TextMessage { text } } editedMessage { cometchatId } }',
        ERRORS,
      ),
      { input: { messageId: parentId, text: 'edited' } },
      { as: U1 },
    );
    expect(edit.result.message).toEqual({ text: 'edited' });
    const del = await h.mutate<Json>(
      mutationDocument(
        'messageDelete',
        'isPermanent message { cometchatId deletedAt } deletedMessage { cometchatId }',
        ERRORS,
      ),
      { input: { messageId: parentId, isPermanent: false } },
      { as: U1 },
    );
    expect(del.result).toMatchObject({ isPermanent: false, message: { cometchatId: parentId } });
    expect(del.result.deletedMessage).toEqual({ cometchatId: parentId });
  });

  it('refuses `isPermanent` and its deprecated name `permanent` when they disagree, without calling CometChat', async () => {
    const { result, calls } = await h.mutate<Json>(
      mutationDocument('messageDelete', 'isPermanent', ERRORS),
      { input: { messageId: '1', isPermanent: true, permanent: false } },
      { as: U1 },
    );
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'isPermanent'] });
    expect(calls).toBe(0);
  });
});

describe('webhook(id:) and Webhook.id', () => {
  it('takes the global ID a webhook reports as its `id`, and still its CometChat id', async () => {
    const created = await mgmt(h.emulator, 'POST', '/webhooks', {
      body: {
        id: 'naming-hook',
        name: 'Naming',
        webhookURL: 'https://hooks.example.com/n',
        enabled: true,
      },
    });
    expect(created.status).toBe(200);
    const query =
      'query ($id: String!) { webhook(id: $id) { id webhookId isEnabled enabled hasRetryOnFailure hasBasicAuth } }';
    const global = encodeGlobalID('Webhook', 'naming-hook');
    const byGlobal = ok(await h.query<{ webhook: Json }>(query, { id: global }));
    expect(byGlobal.webhook).toMatchObject({
      id: global,
      webhookId: 'naming-hook',
      isEnabled: true,
      enabled: true,
    });
    const byKey = ok(await h.query<{ webhook: Json }>(query, { id: 'naming-hook' }));
    expect(byKey.webhook).toEqual(byGlobal.webhook);
  });
});

describe('message lists take one MessageFilter', () => {
  const LIST = `query ($filter: MessageFilter, $search: String) {
    messages(conversationId: "${C12}", filter: $filter, search: $search) { nodes { ... on TextMessage { text } } }
  }`;

  it('filters with `filter` as with the deprecated flat arguments', async () => {
    await h.mutate(
      SEND,
      { input: { receiverUids: [U2], text: 'needle in the filter' } },
      { as: U1 },
    );
    const withFilter = ok(
      await h.query<{ messages: { nodes: Json[] } }>(LIST, { filter: { search: 'needle in the' } }),
    );
    const flat = ok(
      await h.query<{ messages: { nodes: Json[] } }>(LIST, { search: 'needle in the' }),
    );
    expect(withFilter.messages.nodes).toEqual([{ text: 'needle in the filter' }]);
    expect(flat.messages.nodes).toEqual(withFilter.messages.nodes);
  });

  it('refuses `filter` together with a flat filter argument', async () => {
    const response = await h.query(LIST, { filter: { search: 'a' }, search: 'b' });
    expect(errorCodes(response.errors)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]?.message).toContain('`filter`');
  });
});

describe('one conversation named exactly one way (@oneOf ConversationSelector)', () => {
  const CONVERSATION =
    'query ($by: ConversationSelector) { conversation(by: $by) { id conversationId } }';

  it('finds a conversation by its partner, its CometChat id and its global ID', async () => {
    await h.mutate(SEND, { input: { receiverUids: [U2], text: 'for the selector' } }, { as: U1 });
    const byUser = ok(
      await h.asUser<{ conversation: Json }>(U1, CONVERSATION, { by: { withUser: U2 } }),
    );
    expect(byUser.conversation.conversationId).toBe(C12);
    const byKey = ok(
      await h.asUser<{ conversation: Json }>(U1, CONVERSATION, { by: { conversationId: C12 } }),
    );
    const byId = ok(
      await h.asUser<{ conversation: Json }>(U1, CONVERSATION, {
        by: { id: byUser.conversation.id },
      }),
    );
    expect(byKey.conversation).toEqual(byUser.conversation);
    expect(byId.conversation).toEqual(byUser.conversation);
  });

  it("refuses two ways at once (validation of @oneOf) and another user's Conversation ID", async () => {
    const two = await h.asUser(U1, CONVERSATION, { by: { withUser: U2, conversationId: C12 } });
    expect(two.data ?? null).toBeNull();
    expect(two.errors?.[0]?.message).toContain('Exactly one key must be specified');
    const mine = ok(
      await h.asUser<{ conversation: Json }>(U2, CONVERSATION, { by: { withUser: U1 } }),
    );
    const theirs = await h.asUser(U1, CONVERSATION, { by: { id: mine.conversation.id } });
    expect(errorCodes(theirs.errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('conversation mutations take `conversation`, and refuse it beside the deprecated flat fields', async () => {
    const sent = await h.mutate<Json>(
      SEND,
      { input: { receiverUids: [U2], text: 'mark me' } },
      { as: U1 },
    );
    const messageId = (sent.result.message as Json).cometchatId;
    const MARK = mutationDocument(
      'conversationMarkRead',
      'conversation { conversationId }',
      ERRORS,
    );
    const marked = await h.mutate<Json>(
      MARK,
      { input: { conversation: { withUser: U1 }, messageId } },
      { as: U2 },
    );
    expect(marked.result).toEqual({
      __typename: 'ConversationMarkReadPayload',
      conversation: { conversationId: C12 },
    });
    const both = await h.mutate<Json>(
      MARK,
      { input: { conversation: { withUser: U1 }, withUser: U1, messageId } },
      { as: U2 },
    );
    expect(both.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'conversation'],
    });
    expect(both.calls).toBe(0);
  });
});
