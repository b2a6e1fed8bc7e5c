import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick } from '../support/emulator-http.js';
import {
  type ChatEnv,
  code,
  createGroup,
  createUsers,
  data,
  ids,
  list,
  sendText,
  startChat,
} from './chat-helpers.js';

let env: ChatEnv;

beforeAll(async () => {
  env = await startChat();
  await createUsers(env, ['amy', 'ben', 'cid', 'dan', 'bot-1']);
  await createGroup(env, 'crew', { as: 'amy', members: { participants: ['ben'] } });
});
afterAll(() => env.close());

describe('POST /messages', () => {
  it('sends a 1:1 text message with entities, muid, tags and metadata', async () => {
    env.tick();
    const reply = await env.call('POST', '/messages', {
      as: 'ben',
      body: {
        receiver: 'AMY',
        receiverType: 'user',
        category: 'message',
        type: 'text',
        muid: 'client-1',
        data: { text: 'hello', metadata: { k: 'v' } },
        tags: ['greeting'],
      },
    });
    expect(reply.status).toBe(200);
    expect(data(reply)).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      muid: 'client-1',
      conversationId: 'amy_user_ben',
      sender: 'ben',
      receiver: 'amy',
      receiverType: 'user',
      category: 'message',
      type: 'text',
      tags: ['greeting'],
      sentAt: env.now(),
      updatedAt: env.now(),
      data: {
        text: 'hello',
        metadata: { k: 'v' },
        entities: {
          sender: { entity: { uid: 'ben', name: 'Name ben' }, entityType: 'user' },
          receiver: {
            entity: { uid: 'amy', conversationId: 'amy_user_ben' },
            entityType: 'user',
          },
        },
      },
    });
  });

  it('sends as app_system without onBehalfOf, and as a bot', async () => {
    const reply = await env.call('POST', '/messages', {
      body: { receiver: 'crew', receiverType: 'group', data: { text: 'announcement' } },
    });
    expect(data(reply)).toMatchObject({
      sender: 'app_system',
      conversationId: 'group_crew',
      category: 'message',
      type: 'text',
      data: { entities: { receiver: { entityType: 'group', entity: { guid: 'crew' } } } },
    });
    const bot = await env.call('POST', '/bots/bot-1/messages', {
      body: { receiver: 'amy', receiverType: 'user', data: { text: 'beep' } },
    });
    expect(data(bot)).toMatchObject({ sender: 'bot-1', conversationId: 'amy_user_bot-1' });
    const noBot = await env.call('POST', '/bots/ghost/messages', {
      body: { receiver: 'amy', receiverType: 'user', data: { text: 'beep' } },
    });
    expect(code(noBot)).toBe('ERR_BOT_NOT_FOUND');
  });

  it('sends media and custom messages', async () => {
    const image = await env.call('POST', '/messages', {
      as: 'amy',
      body: {
        receiver: 'ben',
        receiverType: 'user',
        type: 'image',
        data: {
          attachments: [
            {
              url: 'https://x.io/a.png',
              name: 'a.png',
              mimeType: 'image/png',
              extension: 'png',
              size: '10',
            },
          ],
        },
      },
    });
    expect(data(image)).toMatchObject({ type: 'image', data: { url: 'https://x.io/a.png' } });
    const custom = await env.call('POST', '/messages', {
      as: 'amy',
      body: {
        receiver: 'ben',
        receiverType: 'user',
        category: 'custom',
        type: 'location',
        data: { customData: { lat: 1, lng: 2 } },
      },
    });
    expect(data(custom)).toMatchObject({ category: 'custom', type: 'location' });
  });

  it.each([
    ['ERR_EMPTY_RECEIVER', { receiverType: 'user', data: { text: 'x' } }],
    ['ERR_INVALID_RECEIVER_TYPE', { receiver: 'amy', receiverType: 'room', data: { text: 'x' } }],
    [
      'ERR_INVALID_MESSAGE_CATEGORY',
      { receiver: 'amy', receiverType: 'user', category: 'action', data: {} },
    ],
    ['ERR_INVALID_MESSAGE_TYPE', { receiver: 'amy', receiverType: 'user', type: 'gif', data: {} }],
    ['ERR_EMPTY_MESSAGE_TEXT', { receiver: 'amy', receiverType: 'user', data: { text: '' } }],
    ['ERR_EMPTY_MESSAGE_FILE', { receiver: 'amy', receiverType: 'user', type: 'file', data: {} }],
    [
      'ERR_EMPTY_CUSTOM_DATA',
      { receiver: 'amy', receiverType: 'user', category: 'custom', type: 'x', data: {} },
    ],
    [
      'ERR_INVALID_METADATA',
      { receiver: 'amy', receiverType: 'user', data: { text: 'x', metadata: 3 } },
    ],
    [
      'ERR_BAD_REQUEST',
      { receiver: 'amy', receiverType: 'user', data: { text: 'x'.repeat(70_000) } },
    ],
    ['ERR_UID_NOT_FOUND', { receiver: 'ghost', receiverType: 'user', data: { text: 'x' } }],
    ['ERR_GUID_NOT_FOUND', { receiver: 'ghost', receiverType: 'group', data: { text: 'x' } }],
    ['ERR_NOT_A_MEMBER', { receiver: 'crew', receiverType: 'group', data: { text: 'x' } }],
  ])('rejects a bad send with %s (case %#)', async (expected, body) => {
    const reply = await env.call('POST', '/messages', { as: 'cid', body });
    expect(code(reply)).toBe(expected);
    expect(reply.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses messages across a block in either direction', async () => {
    await env.call('POST', '/users/dan/blockedusers', { body: { blockedUids: ['cid'] } });
    const fromBlocker = await env.call('POST', '/messages', {
      as: 'dan',
      body: { receiver: 'cid', receiverType: 'user', data: { text: 'x' } },
    });
    expect(code(fromBlocker)).toBe('ERR_BLOCKED_RECEIVER');
    const toBlocker = await env.call('POST', '/messages', {
      as: 'cid',
      body: { receiver: 'dan', receiverType: 'user', data: { text: 'x' } },
    });
    expect(code(toBlocker)).toBe('ERR_BLOCKED_SENDER');
  });

  it('renders mentions in data.mentions', async () => {
    const reply = await env.call('POST', '/messages', {
      as: 'amy',
      body: {
        receiver: 'crew',
        receiverType: 'group',
        data: { text: 'hi <@uid:ben> and <@uid:ghost>' },
      },
    });
    expect(pick(data(reply), 'data', 'mentions')).toEqual({
      ben: expect.objectContaining({ uid: 'ben', name: 'Name ben' }),
    });
  });

  it('sends to multiple receivers with a result per receiver', async () => {
    const reply = await env.call('POST', '/messages', {
      as: 'amy',
      body: {
        multipleReceivers: { uids: ['ben', 'ghost'], guids: ['crew', 'nogroup'] },
        data: { text: 'to all' },
      },
    });
    const result = data(reply);
    expect(pick(result, 'uids', 'ben', 'conversationId')).toBe('amy_user_ben');
    expect(pick(result, 'uids', 'ghost', 'error', 'code')).toBe('ERR_UID_NOT_FOUND');
    expect(pick(result, 'guids', 'crew', 'receiver')).toBe('crew');
    expect(pick(result, 'guids', 'nogroup', 'error', 'code')).toBe('ERR_GUID_NOT_FOUND');
  });
});

describe('cursor lists', () => {
  const sent: string[] = [];

  beforeAll(async () => {
    await createUsers(env, ['p', 'q']);
    for (let i = 0; i < 7; i++) {
      env.tick(10);
      sent.push(await sendText(env, i % 2 === 0 ? 'p' : 'q', i % 2 === 0 ? 'q' : 'p', `m${i}`));
    }
  });

  it('prepends the newest items by default, ascending, with previous meta', async () => {
    const reply = await env.call('GET', '/users/q/messages?limit=3', { as: 'p' });
    expect(ids(reply)).toEqual(sent.slice(4));
    const meta = reply.body.meta;
    expect(pick(meta, 'current')).toEqual({ limit: 3, count: 3 });
    expect(pick(meta, 'previous')).toEqual({
      affix: 'prepend',
      sentAt: env.now() - 20,
      id: sent[4],
    });
    expect(meta).not.toHaveProperty('next');
  });

  it('pages backwards and forwards with an exclusive id', async () => {
    const back = await env.call('GET', `/users/q/messages?limit=3&affix=prepend&id=${sent[4]}`, {
      as: 'p',
    });
    expect(ids(back)).toEqual(sent.slice(1, 4));
    expect(pick(back.body, 'meta', 'next', 'id')).toBe(sent[3]);
    expect(pick(back.body, 'meta', 'previous', 'id')).toBe(sent[1]);
    const first = await env.call('GET', `/users/q/messages?limit=3&affix=prepend&id=${sent[1]}`, {
      as: 'p',
    });
    expect(ids(first)).toEqual(sent.slice(0, 1));
    expect(first.body.meta).not.toHaveProperty('previous');
    const forward = await env.call('GET', `/users/q/messages?limit=4&affix=append&id=${sent[0]}`, {
      as: 'p',
    });
    expect(ids(forward)).toEqual(sent.slice(1, 5));
    expect(pick(forward.body, 'meta', 'next')).toEqual({
      affix: 'append',
      sentAt: env.now() - 20,
      id: sent[4],
    });
    const oldest = await env.call('GET', '/users/q/messages?limit=2&affix=append', { as: 'p' });
    expect(ids(oldest)).toEqual(sent.slice(0, 2));
  });

  it('uses sentAt when no id is given', async () => {
    const at3 = env.now() - 30;
    const after = await env.call('GET', `/users/q/messages?affix=append&sentAt=${at3}`, {
      as: 'p',
    });
    expect(ids(after)).toEqual(sent.slice(3));
    const before = await env.call('GET', `/users/q/messages?affix=prepend&sentAt=${at3}&limit=2`, {
      as: 'p',
    });
    expect(ids(before)).toEqual(sent.slice(2, 4));
  });

  it('validates limit, affix and id', async () => {
    for (const query of ['limit=0', 'limit=1001', 'affix=sideways', 'id=abc']) {
      const reply = await env.call('GET', `/messages?${query}`);
      expect(code(reply), query).toBe('ERR_BAD_REQUEST');
    }
  });

  it('limits GET /messages to the onBehalfOf user conversations', async () => {
    const all = ids(await env.call('GET', '/messages?limit=1000'));
    const mine = ids(await env.call('GET', '/messages?limit=1000', { as: 'p' }));
    expect(mine).toEqual(sent);
    expect(all.length).toBeGreaterThan(mine.length);
    const pq = ids(await env.call('GET', '/messages?conversationId=p_user_q&limit=2'));
    expect(pq).toEqual(sent.slice(5));
    const notMine = ids(await env.call('GET', '/messages?conversationId=p_user_q', { as: 'amy' }));
    expect(notMine).toEqual([]);
  });

  it('lists a group conversation for members only', async () => {
    const reply = await env.call('GET', '/groups/crew/messages?limit=100', { as: 'ben' });
    expect(list(reply).every((m) => m.conversationId === 'group_crew')).toBe(true);
    const outsider = await env.call('GET', '/groups/crew/messages', { as: 'p' });
    expect(code(outsider)).toBe('ERR_NOT_A_MEMBER');
  });
});

describe('filters', () => {
  let linkId: string;
  let replyId: string;
  let deletedId: string;

  beforeAll(async () => {
    await createUsers(env, ['f1', 'f2']);
    env.tick();
    await sendText(env, 'f1', 'f2', 'plain one', 'user', { tags: ['t1'] });
    linkId = await sendText(env, 'f2', 'f1', 'see https://example.com now');
    await sendText(env, 'f1', 'f2', 'hey <@uid:f2>');
    await env.call('POST', '/messages', {
      as: 'f1',
      body: {
        receiver: 'f2',
        receiverType: 'user',
        type: 'file',
        data: { attachments: [{ url: 'https://x.io/f.pdf', name: 'f.pdf' }] },
      },
    });
    const reply = await env.call('POST', `/messages/${linkId}/thread`, {
      as: 'f1',
      body: { data: { text: 'threaded' } },
    });
    replyId = String(data(reply).id);
    deletedId = await sendText(env, 'f2', 'f1', 'to delete');
    await env.call('DELETE', `/messages/${deletedId}`, { as: 'f2' });
    await env.call('POST', `/messages/${linkId}/reactions/%F0%9F%91%8D`, { as: 'f1' });
  });

  const texts = async (query: string, as = 'f1') =>
    list(
      await env.call('GET', `/users/${as === 'f1' ? 'f2' : 'f1'}/messages?${query}`, { as }),
    ).map((m) =>
      m.category === 'action'
        ? `action:${String(pick(m, 'data', 'action'))}`
        : (pick(m, 'data', 'text') ?? m.type),
    );

  it('filters by content', async () => {
    expect(await texts('hasLinks=true')).toEqual(['see https://example.com now']);
    expect(await texts('hasMentions=true')).toEqual(['hey <@uid:f2>']);
    expect(await texts('mentionedUids=f2')).toEqual(['hey <@uid:f2>']);
    expect(await texts('myMentionsOnly=true', 'f2')).toEqual(['hey <@uid:f2>']);
    expect(await texts('myMentionsOnly=true')).toEqual([]);
    expect(await texts('hasAttachments=true')).toEqual(['file']);
    expect(await texts('attachmentTypes=image')).toEqual([]);
    expect(await texts('hasReactions=true')).toEqual(['see https://example.com now']);
    expect(await texts('searchKey=PLAIN')).toEqual(['plain one']);
    expect(await texts('tags=t1')).toEqual(['plain one']);
    expect(await texts('sender=f2&categories=message')).toEqual([
      'see https://example.com now',
      'to delete',
    ]);
  });

  it('filters by kind, deletion and threads', async () => {
    expect(await texts('category=action')).toEqual(['action:deleted']);
    expect(await texts('types=file,text&hideDeleted=true&hideReplies=true')).toEqual([
      'plain one',
      'see https://example.com now',
      'hey <@uid:f2>',
      'file',
    ]);
    expect(await texts('onlyDeleted=true')).toEqual(['to delete']);
    const withReply = await texts('category=message');
    expect(withReply).toContain('threaded');
    const plain = list(
      await env.call('GET', '/users/f2/messages?withTags=true&limit=1&affix=append', { as: 'f1' }),
    );
    expect(plain[0]?.tags).toEqual(['t1']);
    expect(replyId).not.toBe(linkId);
  });

  it('filters unread messages of the onBehalfOf user and by time', async () => {
    await env.call('POST', '/users/f1/conversation/read', {
      as: 'f2',
      body: { messageId: Number(linkId) },
    });
    expect(await texts('unread=true&hideDeleted=true', 'f2')).toEqual([
      'hey <@uid:f2>',
      'file',
      'threaded',
    ]);
    const from = env.now();
    expect(await texts(`fromTimestamp=${from + 1}`)).toEqual([]);
    expect((await texts(`fromTimestamp=${from}&toTimestamp=${from}`)).length).toBeGreaterThan(0);
  });
});

describe('GET /messages/:id, edit and delete', () => {
  let id: string;

  beforeAll(async () => {
    id = await sendText(env, 'amy', 'ben', 'original');
  });

  it('keeps a message private to its participants', async () => {
    expect(data(await env.call('GET', `/messages/${id}`, { as: 'ben' })).id).toBe(id);
    expect(code(await env.call('GET', `/messages/${id}`, { as: 'cid' }))).toBe(
      'ERR_MESSAGE_NO_ACCESS',
    );
    const missing = await env.call('GET', '/messages/999999');
    expect(missing.status).toBe(404);
    expect(code(missing)).toBe('ERR_MESSAGE_ID_NOT_FOUND');
  });

  it('edits and answers the edited action message', async () => {
    env.tick();
    const notSender = await env.call('PUT', `/messages/${id}`, {
      as: 'ben',
      body: { data: { text: 'x' } },
    });
    expect(code(notSender)).toBe('ERR_MESSAGE_NOT_A_SENDER');
    const reply = await env.call('PUT', `/messages/${id}`, {
      as: 'amy',
      body: { data: { text: 'edited', metadata: { v: 2 } }, tags: ['e'] },
    });
    const action = data(reply);
    expect(action).toMatchObject({
      category: 'action',
      type: 'message',
      sender: 'amy',
      receiver: 'ben',
      conversationId: 'amy_user_ben',
      data: {
        action: 'edited',
        entities: {
          by: { entity: { uid: 'amy' }, entityType: 'user' },
          for: { entity: { uid: 'ben' }, entityType: 'user' },
          on: {
            entityType: 'message',
            entity: {
              id,
              editedAt: env.now(),
              editedBy: 'amy',
              tags: ['e'],
              data: { text: 'edited', metadata: { v: 2 } },
            },
          },
        },
      },
    });
    const byApp = await env.call('PUT', `/messages/${id}`, { body: { data: { text: 'by app' } } });
    expect(pick(data(byApp), 'data', 'entities', 'on', 'entity', 'editedBy')).toBe('app_system');
    const onAction = await env.call('PUT', `/messages/${String(action.id)}`, {
      body: { data: { text: 'x' } },
    });
    expect(code(onAction)).toBe('ERR_MESSAGE_ACTION_NOT_ALLOWED');
  });

  it('soft deletes, then deletes permanently', async () => {
    env.tick();
    const other = await env.call('DELETE', `/messages/${id}`, { as: 'ben' });
    expect(code(other)).toBe('ERR_MESSAGE_NOT_A_SENDER');
    const soft = await env.call('DELETE', `/messages/${id}`, { as: 'amy' });
    expect(data(soft)).toMatchObject({
      category: 'action',
      type: 'message',
      data: {
        action: 'deleted',
        entities: { on: { entity: { id, deletedAt: env.now(), deletedBy: 'amy' } } },
      },
    });
    const kept = data(await env.call('GET', `/messages/${id}`));
    expect(kept).toMatchObject({ deletedAt: env.now(), deletedBy: 'amy' });
    const hard = await env.call('DELETE', `/messages/${id}`, { body: { permanent: true } });
    expect(pick(data(hard), 'data', 'entities', 'on', 'entity', 'deletedBy')).toBe('app_system');
    expect(code(await env.call('GET', `/messages/${id}`))).toBe('ERR_MESSAGE_ID_NOT_FOUND');
    const actionId = String(data(hard).id);
    expect(code(await env.call('DELETE', `/messages/${actionId}`))).toBe(
      'ERR_MESSAGE_ACTION_NOT_ALLOWED',
    );
  });

  it('lets group moderators delete members messages', async () => {
    const mine = await sendText(env, 'ben', 'crew', 'oops', 'group');
    const byAdmin = await env.call('DELETE', `/messages/${mine}`, { as: 'amy' });
    expect(pick(data(byAdmin), 'data', 'entities', 'for', 'entityType')).toBe('group');
  });
});

describe('threads', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await sendText(env, 'amy', 'crew', 'thread root', 'group');
  });

  it('requires onBehalfOf and a reachable parent', async () => {
    const anonymous = await env.call('POST', `/messages/${parent}/thread`, {
      body: { data: { text: 'x' } },
    });
    expect(code(anonymous)).toBe('ERR_BAD_REQUEST');
    const outsider = await env.call('POST', `/messages/${parent}/thread`, {
      as: 'cid',
      body: { data: { text: 'x' } },
    });
    expect(code(outsider)).toBe('ERR_MESSAGE_NO_ACCESS');
  });

  it('replies with parentId, counts replies and refuses nesting', async () => {
    const reply = await env.call('POST', `/messages/${parent}/thread`, {
      as: 'ben',
      body: { receiver: 'crew', receiverType: 'group', data: { text: 'first reply' } },
    });
    expect(data(reply)).toMatchObject({ parentId: parent, receiver: 'crew', sender: 'ben' });
    const second = await env.call('POST', `/messages/${parent}/thread`, {
      as: 'amy',
      body: { data: { text: 'second reply' } },
    });
    const nested = await env.call('POST', `/messages/${String(data(reply).id)}/thread`, {
      as: 'amy',
      body: { data: { text: 'nested' } },
    });
    expect(code(nested)).toBe('ERR_MESSAGE_THREAD_NESTING');
    const wrong = await env.call('POST', `/messages/${parent}/thread`, {
      as: 'amy',
      body: { receiver: 'ben', receiverType: 'user', data: { text: 'x' } },
    });
    expect(code(wrong)).toBe('ERR_WRONG_MESSAGE_THREAD');
    const thread = await env.call('GET', `/messages/${parent}/thread?limit=1`, { as: 'ben' });
    expect(ids(thread)).toEqual([String(data(second).id)]);
    expect(pick(thread.body, 'meta', 'previous', 'id')).toBe(String(data(second).id));
    const earlier = await env.call(
      'GET',
      `/messages/${parent}/thread?limit=1&id=${String(data(second).id)}`,
      { as: 'ben' },
    );
    expect(ids(earlier)).toEqual([String(data(reply).id)]);
    expect(data(await env.call('GET', `/messages/${parent}`)).replyCount).toBe(2);
  });
});
