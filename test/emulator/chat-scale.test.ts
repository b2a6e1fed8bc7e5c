/**
 * Lists must cost what they return, not the size of the store (the `large` seed holds 200,000
 * messages). The store's message map is instrumented to count lookups and to flag full scans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageRow } from '../../src/emulator/store.js';
import {
  type ChatEnv,
  createGroup,
  createUsers,
  ids,
  list,
  startChat,
  T0,
} from './chat-helpers.js';

let env: ChatEnv;
let lookups = 0;
let fullScans = 0;
const USERS = Array.from({ length: 20 }, (_, i) => `s${i}`);
const TOTAL = 20_000;

beforeAll(async () => {
  env = await startChat();
  await createUsers(env, USERS);
  await createGroup(env, 'big', { members: { participants: USERS } });
  const { store } = env.emu;
  for (let i = 0; i < TOTAL; i++) {
    const sender = USERS[i % USERS.length] as string; // index within the array
    const group = i % 3 === 0;
    const receiver = group ? 'big' : (USERS[(i * 7 + 1) % USERS.length] as string); // in range
    if (!group && receiver === sender) continue;
    store.addMessage({
      conversationId: group
        ? 'group_big'
        : sender < receiver
          ? `${sender}_user_${receiver}`
          : `${receiver}_user_${sender}`,
      sender,
      receiver,
      receiverType: group ? 'group' : 'user',
      category: 'message',
      type: 'text',
      data: { text: `message ${i}` },
      tags: [],
      sentAt: T0 + i,
      updatedAt: T0 + i,
      replyCount: 0,
    });
  }
  const messages = store.messages;
  const get = messages.get.bind(messages);
  messages.get = (id: number): MessageRow | undefined => {
    lookups += 1;
    return get(id);
  };
  const scan = () => {
    fullScans += 1;
    throw new Error('full scan of all messages');
  };
  messages.values = scan;
  messages.entries = scan;
  messages.forEach = scan;
  messages[Symbol.iterator] = scan;
});
afterAll(() => env.close());

async function cost(path: string, as?: string): Promise<{ lookups: number; count: number }> {
  lookups = 0;
  const reply = await env.call('GET', path, as !== undefined ? { as } : {});
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return { lookups, count: list(reply).length };
}

describe('list cost on a big store', () => {
  it('pages the whole app message list by walking from the cursor', async () => {
    expect(await cost('/messages?limit=100')).toEqual({ lookups: expect.any(Number), count: 100 });
    // At least one lookup per item proves the instrumentation is in place.
    expect(lookups).toBeGreaterThanOrEqual(100);
    expect(lookups).toBeLessThanOrEqual(110);
    const middle = await cost('/messages?limit=100&affix=append&id=10000');
    expect(middle.count).toBe(100);
    expect(middle.lookups).toBeLessThanOrEqual(110);
    const oldest = await cost('/messages?limit=50&affix=append');
    expect(oldest.lookups).toBeLessThanOrEqual(60);
  });

  it('answers a user message list from that user conversations only', async () => {
    const mine = await cost('/messages?limit=100', 's3');
    expect(mine.count).toBe(100);
    expect(mine.lookups).toBeLessThanOrEqual(5);
    const reply = await env.call('GET', '/messages?limit=3', { as: 's3' });
    const newest = ids(reply).map(Number);
    expect(newest).toEqual([...newest].sort((a, b) => a - b));
  });

  it('lists conversations without scanning messages', async () => {
    const mine = await cost('/conversations?perPage=50', 's5');
    expect(mine.count).toBeGreaterThan(0);
    expect(mine.lookups).toBeLessThanOrEqual(5);
    const all = await cost('/conversations?perPage=20&page=2');
    expect(all.count).toBeGreaterThan(0);
    expect(all.lookups).toBeLessThanOrEqual(5);
    expect(fullScans).toBe(0);
  });
});
