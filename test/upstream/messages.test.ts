import { beforeAll, describe, expect, it } from 'vitest';
import { createGroup } from '../../src/upstream/groups.js';
import {
  cursorQuery,
  deleteMessage,
  editMessage,
  getMessage,
  listGroupMessages,
  listMessages,
  listThreadMessages,
  listUserMessages,
  sendBotMessage,
  sendMessage,
  sendMessageToMany,
  sendThreadReply,
} from '../../src/upstream/messages.js';
import type { MessageRecord } from '../../src/upstream/records.js';
import { createUser } from '../../src/upstream/users.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('none');
let alice = '';
let bob = '';
let guid = '';
const sent: MessageRecord[] = [];

beforeAll(async () => {
  alice = (await createUser(h.client, { uid: uniqueId('alice'), name: 'Alice' })).uid;
  bob = (await createUser(h.client, { uid: uniqueId('bob'), name: 'Bob' })).uid;
  guid = uniqueId('msg-group').toLowerCase();
  await createGroup(h.client, {
    guid,
    name: 'Chatters',
    type: 'public',
    owner: alice,
    members: { admins: [alice], participants: [bob] },
  });
  for (let i = 1; i <= 5; i++) {
    sent.push(
      await sendMessage(
        h.client,
        { receiver: bob, receiverType: 'user', type: 'text', data: { text: `hello ${i}` } },
        { onBehalfOf: alice },
      ),
    );
  }
});

describe('messages against the emulator', () => {
  it('sends a text message as a user, with entities, tags and the muid echoed', async () => {
    const message = await sendMessage(
      h.client,
      {
        receiver: guid,
        receiverType: 'group',
        type: 'text',
        data: { text: 'hi group', metadata: { lang: 'en' } },
        muid: 'client-1',
        tags: ['greeting'],
      },
      { onBehalfOf: bob },
    );
    expect(message).toMatchObject({
      kind: 'message',
      sender: bob,
      receiver: guid,
      receiverType: 'group',
      conversationId: `group_${guid}`,
      category: 'message',
      text: 'hi group',
      metadata: { lang: 'en' },
      muid: 'client-1',
      tags: ['greeting'],
    });
    expect(message.id).toMatch(/^\d+$/);
    expect(message.entities.sender).toMatchObject({ kind: 'user', uid: bob });
    expect(message.entities.receiver).toMatchObject({ kind: 'group', guid });
  });

  it('sends media and custom messages', async () => {
    const media = await sendMessage(
      h.client,
      {
        receiver: bob,
        receiverType: 'user',
        type: 'image',
        data: {
          attachments: [
            {
              url: 'https://example.com/cat.png',
              name: 'cat.png',
              mimeType: 'image/png',
              extension: 'png',
              size: 1234,
            },
          ],
        },
      },
      { onBehalfOf: alice },
    );
    expect(media.attachments).toEqual([
      {
        url: 'https://example.com/cat.png',
        name: 'cat.png',
        mimeType: 'image/png',
        extension: 'png',
        size: 1234,
      },
    ]);
    const custom = await sendMessage(
      h.client,
      {
        receiver: bob,
        receiverType: 'user',
        category: 'custom',
        type: 'location',
        data: { customData: { lat: 1, lng: 2 } },
      },
      { onBehalfOf: alice },
    );
    expect(custom).toMatchObject({
      category: 'custom',
      type: 'location',
      customData: { lat: 1, lng: 2 },
    });
  });

  it('pages a 1:1 conversation backwards and forwards with cursors', async () => {
    const newest = await listUserMessages(h.client, bob, { limit: 2 }, { onBehalfOf: alice });
    expect(newest.limit).toBe(2);
    expect(newest.items).toHaveLength(2);
    expect(newest.previous).toMatchObject({ affix: 'prepend' });
    const ids = newest.items.map((m) => Number(m.id));
    expect(ids[0]).toBeLessThan(ids[1] ?? 0);

    const older = await listUserMessages(
      h.client,
      bob,
      cursorQuery(newest.previous ?? { affix: 'prepend', id: null, sentAt: null }, 2),
      { onBehalfOf: alice },
    );
    expect(older.items.every((m) => Number(m.id) < (ids[0] ?? 0))).toBe(true);

    const first = await listUserMessages(
      h.client,
      bob,
      { affix: 'append', limit: 2 },
      { onBehalfOf: alice },
    );
    expect(first.items.map((m) => m.id)).toEqual([sent[0]?.id, sent[1]?.id]);
    expect(first.next).toMatchObject({ affix: 'append', id: sent[1]?.id });
    const second = await listUserMessages(
      h.client,
      bob,
      cursorQuery(first.next ?? { affix: 'append', id: null, sentAt: null }, 2),
      {
        onBehalfOf: alice,
      },
    );
    expect(second.items.map((m) => m.id)).toEqual([sent[2]?.id, sent[3]?.id]);
  });

  it('lists app-wide and group messages with filters', async () => {
    const all = await listMessages(h.client, { limit: 100, receiverType: 'group' });
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((m) => m.receiverType === 'group')).toBe(true);
    const group = await listGroupMessages(
      h.client,
      guid,
      { limit: 50, category: 'message' },
      { onBehalfOf: alice },
    );
    expect(
      group.items.every((m) => m.conversationId === `group_${guid}` && m.category === 'message'),
    ).toBe(true);
  });

  it('answers invalid for a limit out of range', async () => {
    await expectFailure(h, listMessages(h.client, { limit: 5000 }), 'invalid', 'ERR_BAD_REQUEST');
  });

  it('gets a message and answers not_found (ERR_MESSAGE_ID_NOT_FOUND) for an unknown id', async () => {
    const message = await getMessage(h.client, sent[0]?.id ?? '');
    expect(message.text).toBe('hello 1');
    expect(message.sentAt).toBeInstanceOf(Date);
    await expectFailure(
      h,
      getMessage(h.client, '99999999'),
      'not_found',
      'ERR_MESSAGE_ID_NOT_FOUND',
    );
  });

  it('edits a message: returns the edited message and the action message', async () => {
    const target = sent[4]?.id ?? '';
    const edited = await editMessage(
      h.client,
      target,
      { data: { text: 'hello five' }, tags: ['edited'] },
      { onBehalfOf: alice },
    );
    expect(edited.message).toMatchObject({ id: target, text: 'hello five', editedBy: alice });
    expect(edited.message.editedAt).toBeInstanceOf(Date);
    expect(edited.action).toMatchObject({ category: 'action', type: 'message', action: 'edited' });
  });

  it('refuses an edit by someone other than the sender (forbidden)', async () => {
    await expectFailure(
      h,
      editMessage(h.client, sent[0]?.id ?? '', { data: { text: 'not mine' } }, { onBehalfOf: bob }),
      'forbidden',
      'ERR_MESSAGE_NOT_A_SENDER',
    );
  });

  it('soft-deletes a message and reports the deleted message', async () => {
    const target = sent[3]?.id ?? '';
    const deleted = await deleteMessage(h.client, target, {}, { onBehalfOf: alice });
    expect(deleted.action).toMatchObject({ category: 'action', action: 'deleted' });
    expect(deleted.message?.id ?? target).toBe(target);
    const again = await getMessage(h.client, target);
    expect(again.deletedAt).toBeInstanceOf(Date);
  });

  it('replies in a thread and lists the thread', async () => {
    const parent = sent[0]?.id ?? '';
    const reply = await sendThreadReply(
      h.client,
      parent,
      { type: 'text', data: { text: 'in thread' } },
      { onBehalfOf: bob },
    );
    expect(reply.parentId).toBe(parent);
    const thread = await listThreadMessages(h.client, parent, { limit: 10 });
    expect(thread.items.map((m) => m.id)).toEqual([reply.id]);
    expect((await getMessage(h.client, parent)).replyCount).toBe(1);
  });

  it('refuses nested threads (invalid) and a thread reply without a user', async () => {
    const parent = sent[1]?.id ?? '';
    const reply = await sendThreadReply(
      h.client,
      parent,
      { type: 'text', data: { text: 'r' } },
      { onBehalfOf: bob },
    );
    await expectFailure(
      h,
      sendThreadReply(
        h.client,
        reply.id,
        { type: 'text', data: { text: 'nested' } },
        { onBehalfOf: bob },
      ),
      'invalid',
      'ERR_MESSAGE_THREAD_NESTING',
    );
    await expectFailure(
      h,
      sendThreadReply(h.client, parent, { type: 'text', data: { text: 'x' } }),
      'invalid',
      'CLIENT_INVALID_ARGUMENT',
    );
  });

  it('sends as a bot and to several receivers at once', async () => {
    const bot = await sendBotMessage(h.client, alice, {
      receiver: bob,
      receiverType: 'user',
      type: 'text',
      data: { text: 'beep' },
    });
    expect(bot.sender).toBe(alice);
    await expectFailure(
      h,
      sendBotMessage(h.client, 'no-such-bot', {
        receiver: bob,
        receiverType: 'user',
        type: 'text',
        data: { text: 'x' },
      }),
      'not_found',
      'ERR_BOT_NOT_FOUND',
    );

    const many = await sendMessageToMany(
      h.client,
      {
        type: 'text',
        data: { text: 'broadcast' },
        multipleReceivers: { uids: [bob, 'no-such-user'], guids: [guid] },
      },
      { onBehalfOf: alice },
    );
    expect(many.users[bob]).toMatchObject({
      success: true,
      data: { receiver: bob, text: 'broadcast' },
    });
    expect(many.groups[guid]?.data?.receiverType).toBe('group');
    expect(many.users['no-such-user']).toMatchObject({ success: false, code: 'ERR_UID_NOT_FOUND' });
  });
});
