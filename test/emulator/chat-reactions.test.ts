import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pick } from '../support/emulator-http.js';
import {
  type ChatEnv,
  code,
  createUsers,
  data,
  ids,
  list,
  sendText,
  startChat,
} from './chat-helpers.js';

let env: ChatEnv;
let id: string;
const THUMB = encodeURIComponent('👍');
const HEART = encodeURIComponent('❤️');

beforeAll(async () => {
  env = await startChat();
  await createUsers(env, ['r1', 'r2', 'r3', 'r4']);
  id = await sendText(env, 'r1', 'r2', 'react to me');
});
afterAll(() => env.close());

describe('reactions', () => {
  it('requires onBehalfOf to react', async () => {
    const reply = await env.call('POST', `/messages/${id}/reactions/${THUMB}`);
    expect(reply.status).toBe(400);
    expect(code(reply)).toBe('ERR_BAD_REQUEST');
    const outsider = await env.call('POST', `/messages/${id}/reactions/${THUMB}`, { as: 'r3' });
    expect(code(outsider)).toBe('ERR_MESSAGE_NO_ACCESS');
    const missing = await env.call('POST', `/messages/424242/reactions/${THUMB}`, { as: 'r1' });
    expect(code(missing)).toBe('ERR_MESSAGE_ID_NOT_FOUND');
  });

  it('adds reactions and answers the message with counts and reactedByMe', async () => {
    await env.call('POST', `/messages/${id}/reactions/${THUMB}`, { as: 'r1' });
    env.tick();
    await env.call('POST', `/messages/${id}/reactions/${HEART}`, { as: 'r1' });
    const reply = await env.call('POST', `/messages/${id}/reactions/${THUMB}`, { as: 'r2' });
    expect(data(reply)).toMatchObject({ id, data: { text: 'react to me' } });
    expect(pick(data(reply), 'data', 'reactions')).toEqual([
      { reaction: '👍', count: 2, reactedByMe: true },
      { reaction: '❤️', count: 1, reactedByMe: false },
    ]);
    const again = await env.call('POST', `/messages/${id}/reactions/${THUMB}`, { as: 'r2' });
    expect(pick(data(again), 'data', 'reactions', 0, 'count')).toBe(2);
  });

  it('lists who reacted with cursor meta, optionally per reaction', async () => {
    const all = await env.call('GET', `/messages/${id}/reactions?limit=2&affix=append`);
    expect(list(all).map((r) => [r.reaction, r.uid])).toEqual([
      ['👍', 'r1'],
      ['❤️', 'r1'],
    ]);
    expect(list(all)[0]).toMatchObject({
      id: expect.any(String),
      messageId: id,
      reactedAt: env.now() - 1,
      reactedBy: { uid: 'r1', name: 'Name r1' },
    });
    expect(all.body.meta).toEqual({
      current: { limit: 2, count: 2 },
      next: { affix: 'append', id: String(list(all)[1]?.id) },
    });
    const rest = await env.call(
      'GET',
      `/messages/${id}/reactions?limit=2&affix=append&id=${String(list(all)[1]?.id)}`,
    );
    expect(list(rest).map((r) => r.uid)).toEqual(['r2']);
    expect(pick(rest.body, 'meta', 'previous')).toEqual({ affix: 'prepend', id: ids(rest)[0] });
    const thumbs = await env.call('GET', `/messages/${id}/reactions/${THUMB}`, { as: 'r1' });
    expect(list(thumbs).map((r) => r.uid)).toEqual(['r1', 'r2']);
  });

  it('removes a reaction and shows it in message lists', async () => {
    const reply = await env.call('DELETE', `/messages/${id}/reactions/${THUMB}`, { as: 'r1' });
    expect(pick(data(reply), 'data', 'reactions')).toEqual([
      { reaction: '❤️', count: 1, reactedByMe: true },
      { reaction: '👍', count: 1, reactedByMe: false },
    ]);
    const listed = list(
      await env.call('GET', '/users/r1/messages?hasReactions=true', { as: 'r2' }),
    );
    expect(pick(listed[0], 'data', 'reactions')).toEqual([
      { reaction: '❤️', count: 1, reactedByMe: false },
      { reaction: '👍', count: 1, reactedByMe: true },
    ]);
    const anonymous = await env.call('DELETE', `/messages/${id}/reactions/${THUMB}`);
    expect(code(anonymous)).toBe('ERR_BAD_REQUEST');
  });

  it('limits a message to 25 distinct reactions', async () => {
    const target = await sendText(env, 'r3', 'r4', 'many');
    for (let i = 0; i < 25; i++) {
      const reply = await env.call('POST', `/messages/${target}/reactions/r${i}`, { as: 'r3' });
      expect(reply.status).toBe(200);
    }
    const over = await env.call('POST', `/messages/${target}/reactions/extra`, { as: 'r4' });
    expect(code(over)).toBe('ERR_BAD_REQUEST');
  });
});
