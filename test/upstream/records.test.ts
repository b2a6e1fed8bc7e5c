/** CometChat's documented quirks, accepted at the edge and normalised into records. */
import { describe, expect, it } from 'vitest';
import { ackSchema, cursorPageOf, dataOf, pageOf } from '../../src/upstream/records/common.js';
import {
  conversationSchema,
  singleConversationSchema,
} from '../../src/upstream/records/conversations.js';
import { groupSchema } from '../../src/upstream/records/groups.js';
import {
  editedMessageSchema,
  messageSchema,
  reactionSchema,
} from '../../src/upstream/records/messages.js';
import { userSchema } from '../../src/upstream/records/users.js';
import { singleWebhookSchema, webhookSchema } from '../../src/upstream/records/webhooks.js';

const user = {
  uid: 'cometchat-uid-1',
  name: 'Andrew Joseph',
  status: 'online',
  role: 'default',
  createdAt: 1638354015,
};
const pagination = { total: 0, count: 1, per_page: 100, current_page: 1, total_pages: 1 };

describe('records', () => {
  it('turns epoch seconds into Dates and reads online as available', () => {
    const record = userSchema.parse({ ...user, lastActiveAt: '1638354100', metadata: { a: 1 } });
    expect(record).toMatchObject({ kind: 'user', status: 'available', avatar: null, tags: [] });
    expect(record.createdAt.toISOString()).toBe('2021-12-01T10:20:15.000Z');
    expect(record.lastActiveAt?.getTime()).toBe(1638354100_000);
    expect(userSchema.parse({ ...user, status: undefined }).status).toBe('offline');
  });

  it('accepts both ack spellings, with or without the data wrapper', () => {
    expect(ackSchema.parse({ data: { success: true, message: 'ok' } })).toEqual({
      success: true,
      message: 'ok',
    });
    expect(ackSchema.parse({ data: { success: true, Message: 'Marked' } })).toEqual({
      success: true,
      message: 'Marked',
    });
    expect(ackSchema.parse({ success: true, message: 'bare' })).toEqual({
      success: true,
      message: 'bare',
    });
  });

  it('reads meta.cursor inside meta or at the top level, and keeps the page info', () => {
    const page = pageOf(userSchema);
    const inside = page.parse({
      data: [user],
      meta: { pagination, cursor: { affix: 'prepend', updatedAt: 1 } },
    });
    const top = page.parse({
      data: [user],
      meta: { pagination },
      cursor: { affix: 'prepend', id: 1786 },
    });
    expect(inside.cursor).toEqual({ affix: 'prepend', updatedAt: 1 });
    expect(top.cursor).toEqual({ affix: 'prepend', id: 1786 });
    expect(top.pagination).toEqual({
      total: 0,
      count: 1,
      perPage: 100,
      currentPage: 1,
      totalPages: 1,
    });
  });

  it('normalises message ids and cursors (numbers or strings, reactions without sentAt, empty objects)', () => {
    const message = {
      id: 69,
      conversationId: 'a_user_b',
      sender: 'a',
      receiver: 'b',
      receiverType: 'user',
      category: 'message',
      type: 'text',
      data: { text: 'hi' },
      sentAt: 1640171302,
      parentId: 3,
    };
    const page = cursorPageOf(messageSchema).parse({
      data: [message],
      meta: {
        current: { limit: 100, count: 1 },
        next: { affix: 'append', sentAt: 1640171302, id: 69 },
        previous: {},
      },
    });
    expect(page.items[0]?.id).toBe('69');
    expect(page.items[0]?.parentId).toBe('3');
    expect(page.next).toEqual({ affix: 'append', id: '69', sentAt: 1640171302 });
    expect(page.previous).toBeNull();
    const reactions = cursorPageOf(reactionSchema).parse({
      data: [
        {
          id: '1',
          messageId: '2',
          reaction: '😅',
          uid: 'a',
          reactedAt: 1700655536,
          reactedBy: { uid: 'a', name: 'A' },
        },
      ],
      meta: { current: { limit: 100, count: 1 }, next: { affix: 'append', id: '5' } },
    });
    expect(reactions.next).toEqual({ affix: 'append', id: '5', sentAt: null });
    // reactedBy without createdAt is not a full user record.
    expect(reactions.items[0]?.reactedBy).toBeNull();
  });

  it('drops the call channel secret and keeps the call as a record', () => {
    const record = messageSchema.parse({
      id: '7',
      conversationId: 'a_user_b',
      sender: 'a',
      receiver: 'b',
      receiverType: 'user',
      category: 'call',
      type: 'audio',
      data: {
        action: 'initiated',
        entities: {
          on: {
            entity: {
              type: 'audio',
              status: 'initiated',
              sessionid: 'v1.us.abc',
              initiatedAt: 1640171302,
              wsChannel: { secret: 'TOP-SECRET', service: 'x', identity: 'y' },
            },
            entityType: 'call',
          },
        },
      },
      sentAt: 1640171302,
    });
    expect(record.call).toMatchObject({
      kind: 'call',
      sessionId: 'v1.us.abc',
      status: 'initiated',
    });
    expect(JSON.stringify(record)).not.toContain('TOP-SECRET');
  });

  it('extracts the edited message from an edit action message', () => {
    const edited = editedMessageSchema.parse({
      data: {
        id: '402',
        conversationId: 'a_user_b',
        sender: 'a',
        receiverType: 'user',
        receiver: 'b',
        category: 'action',
        type: 'message',
        data: {
          action: 'edited',
          entities: {
            by: {
              entity: {
                uid: 'a',
                name: 'A',
                status: 'offline',
                role: 'default',
                createdAt: 1639448370,
              },
              entityType: 'user',
            },
            on: {
              entity: {
                id: '69',
                conversationId: 'a_user_b',
                sender: 'a',
                receiverType: 'user',
                receiver: 'b',
                category: 'message',
                type: 'text',
                data: { text: 'hello spider' },
                sentAt: 1640171302,
                editedAt: 1641477338,
                editedBy: 'app_system',
                tags: ['t6'],
              },
              entityType: 'message',
            },
          },
        },
        sentAt: 1641477338,
      },
    });
    expect(edited.message).toMatchObject({
      id: '69',
      text: 'hello spider',
      editedBy: 'app_system',
      tags: ['t6'],
    });
    expect(edited.action.entities.by).toMatchObject({ uid: 'a' });
  });

  it('coerces unreadMessageCount and unwraps a one-element conversation array', () => {
    const conversation = {
      conversationId: 'group_g',
      conversationType: 'group',
      unreadMessageCount: '4',
      conversationWith: {
        guid: 'g',
        name: 'G',
        type: 'protected',
        membersCount: 4,
        createdAt: 1630071341,
        hasJoined: true,
        scope: 'participant',
      },
    };
    const record = conversationSchema.parse(conversation);
    expect(record.unreadMessageCount).toBe(4);
    expect(record.conversationWith).toMatchObject({
      kind: 'group',
      type: 'password',
      conversationId: 'group_g',
    });
    expect(singleConversationSchema.parse({ data: [conversation] }).conversationId).toBe('group_g');
    expect(singleConversationSchema.parse({ data: conversation }).conversationId).toBe('group_g');
  });

  it('unwraps the management spec webhook shapes and never keeps the password', () => {
    const hook = {
      id: 'w1',
      name: 'W',
      webhookURL: 'https://x',
      password: 'hunter2',
      useBasicAuth: true,
      username: 'u',
    };
    for (const body of [{ data: hook }, [{ data: hook }], { data: [{ data: hook }] }]) {
      const record = singleWebhookSchema.parse(body);
      expect(record).toMatchObject({
        id: 'w1',
        url: 'https://x',
        enabled: true,
        retryOnFailure: false,
      });
      expect(JSON.stringify(record)).not.toContain('hunter2');
    }
    expect(webhookSchema.parse(hook).username).toBe('u');
  });

  it('rejects what does not validate, with a path', () => {
    const result = dataOf(groupSchema).safeParse({
      data: { guid: 'g', name: 'G', type: 'secret', membersCount: 1, createdAt: 1 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['data', 'type']);
  });

  it('reads the tolerant fields of a record and refuses each wrong shape with its path', () => {
    const record = userSchema.parse({
      ...user,
      createdAt: '1638354015.5',
      updatedAt: 0,
      lastActiveAt: '',
      tags: ['a', 'b'],
      statusMessage: '',
      blockedByMe: false,
    });
    expect(record.createdAt.getTime()).toBe(1638354015_500);
    expect(record).toMatchObject({ updatedAt: null, lastActiveAt: null, tags: ['a', 'b'] });
    expect(record).toMatchObject({ statusMessage: null, blockedByMe: false, hasBlockedMe: null });
    const wrong: [string, unknown][] = [
      ['createdAt', 'yesterday'],
      ['createdAt', undefined],
      ['createdAt', Number.NaN],
      ['lastActiveAt', true],
      ['avatar', 12],
      ['metadata', ['not', 'an', 'object']],
      ['tags', ['a', 1]],
      ['blockedByMe', 'yes'],
    ];
    for (const [key, value] of wrong) {
      const result = userSchema.safeParse({ ...user, [key]: value });
      expect(result.success, `${key}: ${String(value)}`).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([key]);
      expect(result.error?.issues[0]?.message).toMatch(/^Invalid input: expected /);
    }
  });
});
