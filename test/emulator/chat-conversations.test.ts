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
const m: Record<string, string> = {};

beforeAll(async () => {
  env = await startChat();
  await createUsers(env, ['u1', 'u2', 'u3', 'u4']);
  await env.call('PUT', '/users/u3', { body: { tags: ['vip'] } });
  await createGroup(env, 'g', { as: 'u1', members: { participants: ['u2', 'u3'] } });
  await env.call('PUT', '/groups/g', { body: { tags: ['team'] } });
  env.tick(10);
  m.a = await sendText(env, 'u1', 'u2', 'first to u2');
  m.b = await sendText(env, 'u1', 'u2', 'second to u2');
  env.tick(10);
  m.c = await sendText(env, 'u3', 'u1', 'from u3');
  env.tick(10);
  m.d = await sendText(env, 'u2', 'g', 'group hello', 'group');
});
afterAll(() => env.close());

const conversations = async (as: string, query = '') =>
  list(await env.call('GET', `/conversations${query}`, { as }));

describe('GET /conversations with onBehalfOf', () => {
  it('lists the user conversations newest first with viewer-relative fields', async () => {
    const items = await conversations('u1');
    expect(items.map((c) => c.conversationId)).toEqual(['group_g', 'u1_user_u3', 'u1_user_u2']);
    expect(items[0]).toMatchObject({
      conversationType: 'group',
      unreadMessageCount: '1',
      updatedAt: env.now(),
      lastMessage: { id: m.d, data: { text: 'group hello' } },
      conversationWith: { guid: 'g', scope: 'admin', hasJoined: true, membersCount: 3 },
    });
    expect(items[1]).toMatchObject({
      conversationType: 'user',
      unreadMessageCount: '1',
      conversationWith: { uid: 'u3', conversationId: 'u1_user_u3', blockedByMe: false },
    });
    expect(items[2]).toMatchObject({ unreadMessageCount: '0', lastMessage: { id: m.b } });
    expect(typeof items[0]?.createdAt).toBe('number');
  });

  it('counts unread messages per user and follows read marks', async () => {
    const asU2 = await conversations('u2');
    expect(asU2.map((c) => [c.conversationId, c.unreadMessageCount])).toEqual([
      ['group_g', '0'],
      ['u1_user_u2', '2'],
    ]);
    const read = await env.call('POST', '/users/u1/conversation/read', {
      as: 'u2',
      body: { messageId: Number(m.a) },
    });
    expect(data(read)).toEqual({
      success: true,
      Message: 'All the messages from the user u1 are marked as read for the user u2.',
    });
    expect(
      data(await env.call('GET', '/users/u1/conversation', { as: 'u2' })).unreadMessageCount,
    ).toBe('1');
    await env.call('POST', '/users/u1/conversation/read', { as: 'u2' });
    expect(
      data(await env.call('GET', '/users/u1/conversation', { as: 'u2' })).unreadMessageCount,
    ).toBe('0');
    const unread = await env.call('DELETE', '/users/u1/conversation/read', {
      as: 'u2',
      body: { messageId: Number(m.a) },
    });
    expect(data(unread)).toMatchObject({ success: true });
    expect(
      data(await env.call('GET', '/users/u1/conversation', { as: 'u2' })).unreadMessageCount,
    ).toBe('2');
    const group = await env.call('POST', '/groups/g/conversation/delivered', { as: 'u1' });
    expect(data(group)).toEqual({
      success: true,
      message: 'All the messages in group g are marked as delivered for the user u1.',
    });
    const foreign = await env.call('POST', '/users/u1/conversation/read', {
      as: 'u2',
      body: { messageId: Number(m.c) },
    });
    expect(code(foreign)).toBe('ERR_MESSAGE_ID_NOT_FOUND');
  });

  it('filters by type, search, unread, tags and the other party tags', async () => {
    expect(
      (await conversations('u1', '?conversationType=user')).map((c) => c.conversationId),
    ).toEqual(['u1_user_u3', 'u1_user_u2']);
    expect(
      (await conversations('u1', '?searchKey=NAME%20U3')).map((c) => c.conversationId),
    ).toEqual(['u1_user_u3']);
    expect((await conversations('u1', '?unread=true')).map((c) => c.conversationId)).toEqual([
      'group_g',
      'u1_user_u3',
    ]);
    const tagged = await env.call('PUT', '/users/u2/conversation', {
      as: 'u1',
      body: { tags: ['fav'] },
    });
    expect(data(tagged)).toMatchObject({ conversationId: 'u1_user_u2', tags: ['fav'] });
    expect(await conversations('u1', '?tags=fav&withTags=true')).toEqual([
      expect.objectContaining({ conversationId: 'u1_user_u2', tags: ['fav'] }),
    ]);
    expect(await conversations('u2', '?tags=fav')).toEqual([]);
    const userTags = await conversations('u1', '?userTags=vip&withUserAndGroupTags=true');
    expect(userTags.map((c) => c.conversationId)).toEqual(['group_g', 'u1_user_u3']);
    expect(pick(userTags[1], 'conversationWith', 'tags')).toEqual(['vip']);
    const groupTags = await conversations('u1', '?groupTags=nope');
    expect(groupTags.map((c) => c.conversationId)).toEqual(['u1_user_u3', 'u1_user_u2']);
    expect(code(await env.call('GET', '/conversations?conversationType=room', { as: 'u1' }))).toBe(
      'ERR_BAD_REQUEST',
    );
  });

  it('drops lastMessage when the last message is deleted and ignores edit notes', async () => {
    env.tick();
    await env.call('PUT', `/messages/${m.c}`, { as: 'u3', body: { data: { text: 'edited' } } });
    const edited = (await conversations('u1')).find((c) => c.conversationId === 'u1_user_u3');
    expect(edited?.lastMessage).toMatchObject({ id: m.c, data: { text: 'edited' } });
    await env.call('DELETE', `/messages/${m.c}`, { as: 'u3' });
    const deleted = (await conversations('u1')).find((c) => c.conversationId === 'u1_user_u3');
    expect(deleted).toBeDefined();
    expect(deleted).not.toHaveProperty('lastMessage');
  });
});

describe('single conversations', () => {
  it('needs onBehalfOf, an existing party and messages', async () => {
    expect(code(await env.call('GET', '/users/u2/conversation'))).toBe('ERR_BAD_REQUEST');
    expect(code(await env.call('GET', '/users/ghost/conversation', { as: 'u1' }))).toBe(
      'ERR_UID_NOT_FOUND',
    );
    expect(code(await env.call('GET', '/users/u4/conversation', { as: 'u1' }))).toBe(
      'ERR_CONVERSATION_NOT_ACCESSIBLE',
    );
    expect(code(await env.call('GET', '/groups/g/conversation', { as: 'u4' }))).toBe(
      'ERR_CONVERSATION_NOT_ACCESSIBLE',
    );
    const group = data(await env.call('GET', '/groups/g/conversation', { as: 'u3' }));
    expect(group).toMatchObject({ conversationId: 'group_g', unreadMessageCount: '1', tags: [] });
  });

  it('supports the deprecated conversation id routes', async () => {
    const byId = await env.call('GET', '/conversations/u1_user_u2', { as: 'u2' });
    expect(data(byId)).toMatchObject({
      conversationId: 'u1_user_u2',
      conversationWith: { uid: 'u1' },
    });
    expect(code(await env.call('GET', '/conversations/u1_user_u2', { as: 'u3' }))).toBe(
      'ERR_CONVERSATION_NOT_FOUND',
    );
    expect(code(await env.call('GET', '/conversations/group_g', { as: 'u4' }))).toBe(
      'ERR_CONVERSATION_NOT_FOUND',
    );
  });

  it('resets a conversation for one user only', async () => {
    const reset = await env.call('DELETE', '/users/u2/conversation', {
      as: 'u1',
      body: { conversationWith: 'u2' },
    });
    expect(data(reset)).toEqual({
      success: true,
      message: 'The conversation u1_user_u2 has been deleted successfully for UID u1.',
    });
    expect((await conversations('u1')).map((c) => c.conversationId)).not.toContain('u1_user_u2');
    expect((await conversations('u2')).map((c) => c.conversationId)).toContain('u1_user_u2');
    expect(ids(await env.call('GET', '/users/u2/messages', { as: 'u1' }))).toEqual([]);
    env.tick();
    const fresh = await sendText(env, 'u2', 'u1', 'after reset');
    expect(ids(await env.call('GET', '/users/u2/messages', { as: 'u1' }))).toEqual([fresh]);
    const back = (await conversations('u1')).find((c) => c.conversationId === 'u1_user_u2');
    expect(back).toMatchObject({ unreadMessageCount: '1', lastMessage: { id: fresh } });
  });

  it('deletes messages permanently on request', async () => {
    await sendText(env, 'u3', 'u4', 'short-lived');
    const reply = await env.call('DELETE', '/users/u4/conversation', {
      as: 'u3',
      body: { deleteMessagesPermanently: true },
    });
    expect(reply.status).toBe(200);
    expect(code(await env.call('GET', '/users/u3/conversation', { as: 'u4' }))).toBe(
      'ERR_CONVERSATION_NOT_ACCESSIBLE',
    );
    expect(env.emu.store.messagesByConversation.has('u3_user_u4')).toBe(false);
  });
});

describe('GET /conversations without onBehalfOf', () => {
  it('lists every user conversation ordered by uid with page meta', async () => {
    const reply = await env.call('GET', '/conversations?perPage=3');
    const pagination = pick(reply.body, 'meta', 'pagination');
    const all = list(await env.call('GET', '/conversations?perPage=100'));
    expect(pagination).toMatchObject({ count: 3, per_page: 3, total: all.length });
    const owners = all.map((c) => {
      const other = pick(c, 'conversationWith', 'uid') ?? pick(c, 'conversationWith', 'guid');
      return `${String(c.conversationId)}>${String(other)}`;
    });
    // Per uid, newest first: the u1/u2 chat holds the newest message (sent after u1's reset);
    // u3's chat with u1 lost its last message to a delete but keeps that message's time.
    expect(owners).toEqual([
      'u1_user_u2>u2',
      'group_g>g',
      'u1_user_u3>u3',
      'u1_user_u2>u1',
      'group_g>g',
      'group_g>g',
      'u1_user_u3>u1',
    ]);
    const second = list(await env.call('GET', '/conversations?perPage=3&page=2'));
    expect(second.map((c) => c.conversationId)).toEqual(
      all.slice(3, 6).map((c) => c.conversationId),
    );
  });

  it('resets for everyone through the deprecated delete', async () => {
    const reply = await env.call('DELETE', '/conversations/group_g', { as: 'u2' });
    expect(data(reply).message).toBe(
      'The conversation group_g has been deleted successfully for all the users.',
    );
    for (const uid of ['u1', 'u2', 'u3']) {
      expect((await conversations(uid)).map((c) => c.conversationId)).not.toContain('group_g');
    }
  });
});

describe('blocked users', () => {
  it('shows block markers and hides blocked senders on request', async () => {
    await env.call('POST', '/users/u1/blockedusers', { body: { blockedUids: ['u3'] } });
    const mid = await sendText(env, 'u3', 'g', 'from a blocked user', 'group');
    const withU3 = (await conversations('u1')).find((c) => c.conversationId === 'u1_user_u3');
    expect(withU3?.conversationWith).toMatchObject({
      uid: 'u3',
      blockedByMe: true,
      hasBlockedMe: false,
    });
    const asU3 = (await conversations('u3')).find((c) => c.conversationId === 'u1_user_u3');
    expect(asU3?.conversationWith).toMatchObject({
      uid: 'u1',
      blockedByMe: false,
      hasBlockedMe: true,
    });
    expect(ids(await env.call('GET', '/groups/g/messages', { as: 'u1' }))).toEqual([mid]);
    const hidden = await env.call('GET', '/groups/g/messages?hideMessagesFromBlockedUsers=true', {
      as: 'u1',
    });
    expect(ids(hidden)).toEqual([]);
  });
});
