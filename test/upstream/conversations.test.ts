import { beforeAll, describe, expect, it } from 'vitest';
import {
  deleteConversation,
  getConversation,
  getGroupConversation,
  getUserConversation,
  listConversations,
  markGroupConversationDelivered,
  markGroupConversationRead,
  markUserConversationDelivered,
  markUserConversationRead,
  markUserConversationUnread,
  resetGroupConversation,
  resetUserConversation,
  updateGroupConversationTags,
  updateUserConversationTags,
} from '../../src/upstream/conversations.js';
import { createGroup } from '../../src/upstream/groups.js';
import { sendMessage } from '../../src/upstream/messages.js';
import type { MessageRecord } from '../../src/upstream/records.js';
import { createUser } from '../../src/upstream/users.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('none');
let alice = '';
let bob = '';
let carol = '';
let guid = '';
const toBob: MessageRecord[] = [];
let inGroup: MessageRecord | undefined;

beforeAll(async () => {
  alice = (await createUser(h.client, { uid: uniqueId('ca'), name: 'Alice' })).uid;
  bob = (await createUser(h.client, { uid: uniqueId('cb'), name: 'Bob' })).uid;
  carol = (await createUser(h.client, { uid: uniqueId('cc'), name: 'Carol' })).uid;
  guid = uniqueId('conv-group').toLowerCase();
  await createGroup(h.client, {
    guid,
    name: 'Conversation Group',
    type: 'public',
    owner: alice,
    members: { admins: [alice], participants: [bob] },
  });
  for (const text of ['one', 'two', 'three']) {
    toBob.push(
      await sendMessage(
        h.client,
        { receiver: bob, receiverType: 'user', type: 'text', data: { text } },
        { onBehalfOf: alice },
      ),
    );
  }
  inGroup = await sendMessage(
    h.client,
    { receiver: guid, receiverType: 'group', type: 'text', data: { text: 'hello group' } },
    { onBehalfOf: alice },
  );
});

describe('conversations against the emulator', () => {
  it("lists a user's conversations with unread counts, last message and the other side", async () => {
    const page = await listConversations(h.client, { perPage: 10 }, { onBehalfOf: bob });
    const direct = page.items.find((c) => c.conversationType === 'user');
    expect(direct?.unreadMessageCount).toBe(3);
    expect(direct?.lastMessage?.text).toBe('three');
    expect(direct?.conversationWith).toMatchObject({ kind: 'user', uid: alice });
    const group = page.items.find((c) => c.conversationType === 'group');
    expect(group?.conversationWith).toMatchObject({ kind: 'group', guid });
    expect(group?.conversationId).toBe(`group_${guid}`);

    const onlyGroups = await listConversations(
      h.client,
      { conversationType: 'group' },
      { onBehalfOf: bob },
    );
    expect(onlyGroups.items.every((c) => c.conversationType === 'group')).toBe(true);
  });

  it('marks read, delivered and unread (accepting the capital-M ack)', async () => {
    const last = toBob[2]?.id ?? '';
    const delivered = await markUserConversationDelivered(h.client, alice, last, {
      onBehalfOf: bob,
    });
    expect(delivered.success).toBe(true);
    const read = await markUserConversationRead(h.client, alice, last, { onBehalfOf: bob });
    expect(read.success).toBe(true);
    expect(read.message).toContain('marked as read');
    expect(
      (await getUserConversation(h.client, alice, { onBehalfOf: bob })).unreadMessageCount,
    ).toBe(0);

    await markUserConversationUnread(h.client, alice, toBob[1]?.id ?? '', { onBehalfOf: bob });
    expect(
      (await getUserConversation(h.client, alice, { onBehalfOf: bob })).unreadMessageCount,
    ).toBe(2);
  });

  it('marks a group conversation delivered and read', async () => {
    const id = inGroup?.id ?? '';
    expect(
      (await markGroupConversationDelivered(h.client, guid, id, { onBehalfOf: bob })).success,
    ).toBe(true);
    expect((await markGroupConversationRead(h.client, guid, id, { onBehalfOf: bob })).success).toBe(
      true,
    );
    const conversation = await getGroupConversation(h.client, guid, { onBehalfOf: bob });
    expect(conversation.unreadMessageCount).toBe(0);
    expect(conversation.lastMessage?.id).toBe(id);
  });

  it('tags conversations per user', async () => {
    const tagged = await updateUserConversationTags(h.client, alice, ['vip'], { onBehalfOf: bob });
    expect(tagged.tags).toEqual(['vip']);
    const groupTagged = await updateGroupConversationTags(h.client, guid, ['team'], {
      onBehalfOf: bob,
    });
    expect(groupTagged.tags).toEqual(['team']);
    const withTags = await listConversations(
      h.client,
      { withTags: true, tags: ['vip'] },
      { onBehalfOf: bob },
    );
    expect(withTags.items.map((c) => c.conversationId)).toEqual([tagged.conversationId]);
  });

  it('reads and deletes through the deprecated conversation-id routes', async () => {
    const direct = await getUserConversation(h.client, alice, { onBehalfOf: bob });
    const same = await getConversation(h.client, direct.conversationId, { onBehalfOf: bob });
    expect(same.conversationId).toBe(direct.conversationId);
    expect(
      (await deleteConversation(h.client, direct.conversationId, { onBehalfOf: bob })).success,
    ).toBe(true);
  });

  it('resets conversations for one user', async () => {
    const m = await sendMessage(
      h.client,
      { receiver: carol, receiverType: 'user', type: 'text', data: { text: 'hey carol' } },
      { onBehalfOf: alice },
    );
    expect(m.receiver).toBe(carol);
    expect((await resetUserConversation(h.client, alice, {}, { onBehalfOf: carol })).success).toBe(
      true,
    );
    expect((await resetGroupConversation(h.client, guid, { onBehalfOf: bob })).success).toBe(true);
  });

  it('requires onBehalfOf locally and maps a missing conversation to not_found', async () => {
    const before = h.client.stats.requests;
    await expectFailure(
      h,
      getUserConversation(h.client, alice),
      'invalid',
      'CLIENT_INVALID_ARGUMENT',
    );
    expect(h.client.stats.requests).toBe(before);
    // Bob and Carol never talked: CometChat answers ERR_CONVERSATION_NOT_ACCESSIBLE.
    await expectFailure(h, getUserConversation(h.client, carol, { onBehalfOf: bob }), 'not_found');
    await expectFailure(
      h,
      markGroupConversationRead(h.client, guid, '99999999', { onBehalfOf: alice }),
      'not_found',
      'ERR_MESSAGE_ID_NOT_FOUND',
    );
  });
});
