/**
 * Conversation mutations over the real emulator (seed `demo`): mark read, delivered and unread,
 * tags and reset, for 1:1 and group conversations, each acting as the user whose view changes.
 * Success visible through queries, validation without upstream calls, refusals as typed errors.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { conversationKey } from '../../src/loaders/keys.js';
import type { Json } from '../support/emulator-http.js';
import { mutationDocument, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';
const U4 = 'cometchat-uid-4';
const U6 = 'cometchat-uid-6';
const U9 = 'cometchat-uid-9';
const G1 = 'cometchat-guid-1';
const C13 = 'cometchat-uid-1_user_cometchat-uid-3';

interface Result {
  __typename: string;
  conversation?: {
    id: string;
    conversationId: string;
    unreadMessageCount: number;
    tags: string[];
    viewedBy: { uid: string } | null;
  };
  conversationId?: string;
  deletedConversationId?: string;
  viewedBy?: { uid: string } | null;
  message?: string;
  path?: string[];
  code?: string | null;
}

const CONVERSATION = 'conversation { id conversationId unreadMessageCount tags viewedBy { uid } }';

const MARK_READ = mutationDocument('conversationMarkRead', CONVERSATION);
const MARK_DELIVERED = mutationDocument('conversationMarkDelivered', CONVERSATION);
const MARK_UNREAD = mutationDocument('conversationMarkUnread', CONVERSATION);
const TAGS = mutationDocument('conversationTagsUpdate', CONVERSATION);
const RESET = mutationDocument(
  'conversationReset',
  'conversationId deletedConversationId viewedBy { uid }',
);

/** Runs `text` with `input` as its one argument; returns the result and the upstream calls. */
function mutate(text: string, input: Json) {
  return h.mutate<Result>(text, { input });
}

interface View {
  id: string;
  unreadMessageCount: number;
  tags: string[];
  lastMessage: { cometchatId: string } | null;
}

async function view(uid: string, selector: Json): Promise<View | null> {
  const response = await h.query<{ conversation: View | null }>(
    `query($uid: String!, $withUser: String, $withGroup: String, $conversationId: String) {
      conversation(uid: $uid, withUser: $withUser, withGroup: $withGroup, conversationId: $conversationId) {
        id unreadMessageCount tags lastMessage { cometchatId }
      }
    }`,
    { uid, ...selector },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.conversation ?? null;
}

/** Sends `count` texts from `sender` to a user or group; returns their ids, oldest first. */
async function sendMany(sender: string, to: Json, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await h.query<{ messageSend: { sentMessage: { cometchatId: string } } }>(
      `mutation($input: MessageSendInput!) { messageSend(input: $input) {
        ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
      { input: { senderUid: sender, text: `message ${i}`, ...to } },
    );
    expect(response.errors).toBeUndefined();
    const id = response.data?.messageSend.sentMessage.cometchatId;
    if (!id) throw new Error('not sent');
    ids.push(id);
  }
  return ids;
}

describe('conversationMarkRead', () => {
  it('marks a 1:1 conversation read up to a message, as that user', async () => {
    const ids = await sendMany(U1, { receiverUids: [U3] }, 3);
    expect((await view(U3, { withUser: U1 }))?.unreadMessageCount).toBeGreaterThanOrEqual(3);
    const { result } = await mutate(MARK_READ, { uid: U3, withUser: U1, messageId: ids[1] });
    expect(result).toMatchObject({
      __typename: 'ConversationMarkReadPayload',
      conversation: { conversationId: C13, unreadMessageCount: 1, viewedBy: { uid: U3 } },
    });
    const onBehalfOf = h.emulator.requests().find((r) => r.path.endsWith('/conversation/read'));
    expect(onBehalfOf?.onBehalfOf).toBe(U3);
    expect((await view(U3, { withUser: U1 }))?.unreadMessageCount).toBe(1);
  });

  it('marks a group conversation read, named by its id', async () => {
    const ids = await sendMany(U1, { receiverGuids: [G1] }, 2);
    expect((await view(U4, { withGroup: G1 }))?.unreadMessageCount).toBeGreaterThanOrEqual(2);
    const { result } = await mutate(MARK_READ, {
      uid: U4,
      conversationId: `group_${G1}`,
      messageId: ids[1],
    });
    expect(result.conversation).toMatchObject({
      conversationId: `group_${G1}`,
      unreadMessageCount: 0,
    });
    expect((await view(U4, { withGroup: G1 }))?.unreadMessageCount).toBe(0);
  });

  it.each([
    ['no conversation named', { uid: U3, messageId: '1' }, ['input', 'conversationId']],
    [
      'two conversations named',
      { uid: U3, withUser: U1, withGroup: G1, messageId: '1' },
      ['input', 'withGroup'],
    ],
    ['no viewing user (admin)', { withUser: U1, messageId: '1' }, ['input', 'uid']],
    [
      'a conversation with oneself',
      { uid: U3, withUser: U3, messageId: '1' },
      ['input', 'withUser'],
    ],
    [
      "someone else's conversation id",
      { uid: U3, conversationId: 'cometchat-uid-4_user_cometchat-uid-5', messageId: '1' },
      ['input', 'conversationId'],
    ],
    [
      'a malformed message id',
      { uid: U3, withUser: U1, messageId: 'last' },
      ['input', 'messageId'],
    ],
    ['a malformed uid', { uid: 'not a uid', withUser: U1, messageId: '1' }, ['input', 'uid']],
    [
      'a malformed uid in `conversation` (reported at its flat field)',
      { uid: U3, conversation: { withUser: 'not a uid' }, messageId: '1' },
      ['input', 'withUser'],
    ],
    [
      'the conversation named in both forms',
      { uid: U3, conversation: { withUser: U1 }, withUser: U1, messageId: '1' },
      ['input', 'conversation'],
    ],
    [
      "a global ID of someone else's view",
      {
        uid: U3,
        conversation: { id: encodeGlobalID('Conversation', conversationKey(U1, C13)) },
        messageId: '1',
      },
      ['input', 'conversation', 'id'],
    ],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await mutate(MARK_READ, input);
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path, code: null });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const missing = await mutate(MARK_READ, { uid: U3, withUser: U1, messageId: '999999' });
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
    const outsider = await mutate(MARK_READ, { uid: U9, withGroup: G1, messageId: '1' });
    expect(outsider.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'withGroup'],
      code: 'ERR_CONVERSATION_NOT_ACCESSIBLE',
    });
  });
});

describe('conversationMarkDelivered', () => {
  it('marks a conversation delivered up to a message, as that user', async () => {
    const ids = await sendMany(U2, { receiverUids: [U4] }, 2);
    const last = ids[1] ?? '';
    const { result, calls } = await mutate(MARK_DELIVERED, {
      uid: U4,
      withUser: U2,
      messageId: last,
    });
    expect(result).toMatchObject({
      __typename: 'ConversationMarkDeliveredPayload',
      conversation: { conversationId: 'cometchat-uid-2_user_cometchat-uid-4' },
    });
    expect(calls).toBeGreaterThanOrEqual(1);
    // CometChat exposes delivery marks only as receipts; the emulator's state shows the mark.
    const state = h.emulator.store.conversationState.get(
      `${U4}|cometchat-uid-2_user_cometchat-uid-4`,
    );
    expect(state?.deliveredUpTo).toBe(Number(last));
    const request = h.emulator.requests().find((r) => r.path.endsWith('/conversation/delivered'));
    expect(request).toMatchObject({ method: 'POST', onBehalfOf: U4 });
  });

  it('refuses a missing message id before calling CometChat', async () => {
    const { result, calls } = await mutate(MARK_DELIVERED, {
      uid: U4,
      withGroup: G1,
      messageId: '',
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'messageId'] });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const { result } = await mutate(MARK_DELIVERED, {
      uid: U4,
      withUser: 'nobody-here',
      messageId: '1',
    });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'withUser'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});

describe('conversationMarkUnread', () => {
  it('marks a 1:1 conversation unread from a message on', async () => {
    const ids = await sendMany(U1, { receiverUids: [U3] }, 3);
    await mutate(MARK_READ, { uid: U3, withUser: U1, messageId: ids[2] });
    expect((await view(U3, { withUser: U1 }))?.unreadMessageCount).toBe(0);
    const { result } = await mutate(MARK_UNREAD, { uid: U3, withUser: U1, messageId: ids[1] });
    expect(result).toMatchObject({
      __typename: 'ConversationMarkUnreadPayload',
      conversation: { conversationId: C13, unreadMessageCount: 2 },
    });
    expect((await view(U3, { withUser: U1 }))?.unreadMessageCount).toBe(2);
  });

  it('marks a group conversation unread from a message on', async () => {
    const ids = await sendMany(U1, { receiverGuids: [G1] }, 3);
    await mutate(MARK_READ, { uid: U4, withGroup: G1, messageId: ids[2] });
    expect((await view(U4, { withGroup: G1 }))?.unreadMessageCount).toBe(0);
    const { result, calls } = await mutate(MARK_UNREAD, {
      uid: U4,
      withGroup: G1,
      messageId: ids[1],
    });
    expect(result).toMatchObject({
      __typename: 'ConversationMarkUnreadPayload',
      conversation: { conversationId: `group_${G1}`, unreadMessageCount: 2 },
    });
    expect(calls).toBeGreaterThanOrEqual(1);
    const unread = h.emulator
      .requests()
      .find((r) => r.method === 'DELETE' && r.path.endsWith(`/groups/${G1}/conversation/read`));
    expect(unread?.onBehalfOf).toBe(U4);
  });

  it('refuses bad input before calling CometChat', async () => {
    const { result, calls } = await mutate(MARK_UNREAD, { withUser: U1, messageId: '5' });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const { result } = await mutate(MARK_UNREAD, { uid: U3, withUser: U1, messageId: '999999' });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
  });
});

describe('conversationTagsUpdate', () => {
  it("replaces the tags of a user's view, for 1:1 and group conversations", async () => {
    const { result, calls } = await mutate(TAGS, {
      uid: U1,
      withUser: U3,
      tags: ['pinned', 'work'],
    });
    expect(calls).toBe(1);
    expect(result.conversation).toMatchObject({ conversationId: C13, tags: ['pinned', 'work'] });
    const group = await mutate(TAGS, { uid: U1, conversationId: `group_${G1}`, tags: ['pinned'] });
    expect(group.result.conversation).toMatchObject({ tags: ['pinned'] });

    const response = await h.query<{ conversations: { nodes: Json[] } }>(
      `{ conversations(uid: "${U1}", tags: ["pinned"], first: 50) { nodes { conversationId tags } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.conversations.nodes).toEqual(
      expect.arrayContaining([
        { conversationId: C13, tags: ['pinned', 'work'] },
        { conversationId: `group_${G1}`, tags: ['pinned'] },
      ]),
    );
    // The other participant's view keeps its own tags.
    expect((await view(U3, { withUser: U1 }))?.tags).toEqual([]);
    const cleared = await mutate(TAGS, { uid: U1, withUser: U3, tags: [] });
    expect(cleared.result.conversation?.tags).toEqual([]);
  });

  it.each([
    [
      'too many tags',
      { uid: U1, withUser: U3, tags: Array.from({ length: 26 }, (_, i) => `t${i}`) },
      ['input', 'tags'],
    ],
    ['a tag too long', { uid: U1, withUser: U3, tags: ['x'.repeat(101)] }, ['input', 'tags', '0']],
    ['an empty tag', { uid: U1, withUser: U3, tags: [''] }, ['input', 'tags', '0']],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await mutate(TAGS, input);
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const { result } = await mutate(TAGS, { uid: U9, withGroup: G1, tags: ['x'] });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'withGroup'],
      code: 'ERR_CONVERSATION_NOT_ACCESSIBLE',
    });
  });
});

describe('conversationReset', () => {
  it('resets a 1:1 conversation for one user only', async () => {
    const before = await view(U3, { withUser: U2 });
    expect(before).not.toBeNull();
    const { result } = await mutate(RESET, { uid: U3, withUser: U2 });
    const deletes = h.emulator.requests().filter((r) => r.method === 'DELETE');
    expect(deletes).toMatchObject([
      { path: `/v3/users/${U2}/conversation`, onBehalfOf: U3, status: 200 },
    ]);
    expect(result).toEqual({
      __typename: 'ConversationResetPayload',
      conversationId: 'cometchat-uid-2_user_cometchat-uid-3',
      deletedConversationId: before?.id,
      viewedBy: { uid: U3 },
    });
    expect(await view(U3, { withUser: U2 })).toBeNull();
    expect(await view(U2, { withUser: U3 })).not.toBeNull();
  });

  it('resets a group conversation for one member', async () => {
    await sendMany(U1, { receiverGuids: [G1] }, 1);
    const { result } = await mutate(RESET, { uid: U4, withGroup: G1 });
    expect(result).toMatchObject({ conversationId: `group_${G1}`, viewedBy: { uid: U4 } });
    expect(await view(U4, { withGroup: G1 })).toBeNull();
    expect(await view(U1, { withGroup: G1 })).not.toBeNull();
  });

  it('deletes the messages of a 1:1 conversation for good when asked', async () => {
    const ids = await sendMany(U6, { receiverUids: [U9] }, 2);
    const { result } = await mutate(RESET, {
      uid: U6,
      withUser: U9,
      deleteMessagesPermanently: true,
    });
    expect(result.__typename).toBe('ConversationResetPayload');
    expect(await view(U9, { withUser: U6 })).toBeNull();
    const gone = await h.query<{ message: Json | null }>(
      'query($id: String!) { message(id: $id) { cometchatId } }',
      { id: ids[0] },
    );
    expect(gone.data?.message).toBeNull();
  });

  it('refuses bad input before calling CometChat', async () => {
    const group = await mutate(RESET, { uid: U4, withGroup: G1, deleteMessagesPermanently: true });
    expect(group.calls).toBe(0);
    expect(group.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'deleteMessagesPermanently'],
    });
    const none = await mutate(RESET, { uid: U4 });
    expect(none.calls).toBe(0);
    expect(none.result).toMatchObject({ __typename: 'ValidationError' });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const ghost = await mutate(RESET, { uid: 'ghost-user', withUser: U1 });
    expect(ghost.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});
