/** De-duplication keys and the in-process store: pure logic, no network. */
import { describe, expect, it } from 'vitest';
import {
  createMemoryDedupStore,
  DEDUP_ENTRY_BYTES,
  DEDUP_TTL_MS,
} from '../../src/webhooks/dedup.js';
import { deliveryKey, parseEnvelope } from '../../src/webhooks/events.js';
import { parsePayload } from '../../src/webhooks/payloads.js';

function keyOf(body: unknown): string {
  const envelope = parseEnvelope(body);
  return deliveryKey(envelope, parsePayload(envelope)?.natural ?? null);
}

const envelope = { appId: 'app', region: 'us', webhook: 'w' };
const sent = (id: string, updatedAt: number, lastActiveAt = 1) => ({
  ...envelope,
  trigger: 'message_sent',
  data: {
    message: {
      id,
      conversationId: 'a_user_b',
      sender: 'a',
      receiver: 'b',
      receiverType: 'user',
      category: 'message',
      type: 'text',
      data: {
        text: 'hi',
        entities: {
          sender: { entity: { uid: 'a', name: 'A', lastActiveAt }, entityType: 'user' },
        },
      },
      sentAt: 100,
      updatedAt,
    },
  },
});

describe('delivery keys', () => {
  it('name a message event by its id and time, whatever else the redelivery re-renders', () => {
    expect(keyOf(sent('1', 100))).toBe(keyOf(sent('1', 100, 999)));
    expect(keyOf(sent('1', 100))).not.toBe(keyOf(sent('1', 101)));
    expect(keyOf(sent('1', 100))).not.toBe(keyOf(sent('2', 100)));
    expect(keyOf(sent('1', 100))).not.toBe(keyOf({ ...sent('1', 100), trigger: 'user_mentioned' }));
    expect(keyOf(sent('1', 100))).not.toBe(keyOf({ ...sent('1', 100), appId: 'other' }));
  });

  it('name other events by their whole payload, key order aside', () => {
    const block = (data: Record<string, unknown>) => ({
      ...envelope,
      trigger: 'user_blocked',
      data,
    });
    const a = keyOf(block({ by: { uid: 'x' }, users: { y: { uid: 'y' } } }));
    expect(keyOf(block({ users: { y: { uid: 'y' } }, by: { uid: 'x' } }))).toBe(a);
    expect(keyOf(block({ by: { uid: 'x' }, users: { z: { uid: 'z' } } }))).not.toBe(a);
    expect(
      keyOf({
        ...block({ by: { uid: 'x' }, users: { y: { uid: 'y' } } }),
        trigger: 'user_unblocked',
      }),
    ).not.toBe(a);
  });

  it('are fixed-size', () => {
    expect(keyOf(sent('1', 100))).toHaveLength(22);
  });
});

describe('the in-process de-duplication store', () => {
  it('lets exactly one of any number of concurrent claims win', async () => {
    const store = createMemoryDedupStore();
    const claims = await Promise.all([store.claim('k'), store.claim('k'), store.claim('k')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('holds keys 24 hours by default, then forgets them', async () => {
    let now = 1_000_000;
    const store = createMemoryDedupStore({ now: () => now });
    expect(await store.claim('k')).toBe(true);
    now += DEDUP_TTL_MS - 1;
    expect(await store.claim('k')).toBe(false);
    now += 2;
    expect(await store.claim('k')).toBe(true);
  });

  it('is not bounded by a count: a flood of keys under the memory cap forgets nothing', async () => {
    const store = createMemoryDedupStore({ maxBytes: 64 * 1024 * 1024 });
    for (let i = 0; i < 50_000; i++) await store.claim(`flood-${i}`);
    expect(store.size).toBe(50_000);
    expect(store.evicted).toBe(0);
    expect(await store.claim('flood-0')).toBe(false);
  });

  it('forgets the oldest keys first once over its memory cap, and stays under it', async () => {
    const store = createMemoryDedupStore({ maxBytes: 100 * DEDUP_ENTRY_BYTES });
    for (let i = 0; i < 150; i++) await store.claim(`key-${String(i).padStart(18, '0')}`);
    expect(store.bytes).toBeLessThanOrEqual(100 * DEDUP_ENTRY_BYTES);
    expect(store.evicted).toBe(50);
    expect(await store.claim(`key-${String(149).padStart(18, '0')}`)).toBe(false);
    expect(await store.claim(`key-${String(0).padStart(18, '0')}`)).toBe(true);
  });

  it('drops expired keys as new ones arrive', async () => {
    let now = 0;
    const store = createMemoryDedupStore({ ttlMs: 1000, now: () => now });
    for (let i = 0; i < 100; i++) await store.claim(`old-${i}`);
    now = 5000;
    await store.claim('new');
    expect(store.size).toBe(1);
  });

  it('forgets a released key', async () => {
    const store = createMemoryDedupStore();
    await store.claim('k');
    await store.release('k');
    expect(await store.claim('k')).toBe(true);
  });

  it("tells a subject's repeated payload apart from a redelivery by its place in the sequence", async () => {
    const store = createMemoryDedupStore();
    const block = await store.claimNext('pair', 'block');
    expect(block).not.toBeNull();
    expect(await store.claimNext('pair', 'block')).toBeNull();
    expect(await store.claimNext('pair', 'unblock')).not.toBeNull();
    expect(await store.claimNext('pair', 'unblock')).toBeNull();
    const again = await Promise.all([
      store.claimNext('pair', 'block'),
      store.claimNext('pair', 'block'),
      store.claimNext('pair', 'block'),
    ]);
    expect(again.filter((claim) => claim !== null)).toHaveLength(1);
    expect(again.find((claim) => claim !== null)).not.toBe(block);
    // Subjects are independent.
    expect(await store.claimNext('other pair', 'block')).not.toBeNull();
  });

  it('undoes a released sequence claim, so the retry of that delivery is taken', async () => {
    const store = createMemoryDedupStore();
    await store.claimNext('pair', 'block');
    const unblock = await store.claimNext('pair', 'unblock');
    if (unblock === null) throw new Error('unblock was taken for a redelivery');
    await store.releaseNext('pair', unblock);
    // The block is the latest again: its redelivery is still a duplicate, the unblock's retry new.
    expect(await store.claimNext('pair', 'block')).toBeNull();
    expect(await store.claimNext('pair', 'unblock')).toBe(unblock);
  });

  it("forgets a subject's sequence after the time to live, and keeps its memory bounded", async () => {
    let now = 0;
    const store = createMemoryDedupStore({ ttlMs: 1000, now: () => now });
    for (let i = 0; i < 100; i++) {
      await store.claimNext('pair', 'block');
      await store.claimNext('pair', 'unblock');
    }
    const held = store.bytes;
    for (let i = 0; i < 100; i++) {
      await store.claimNext('pair', 'block');
      await store.claimNext('pair', 'unblock');
    }
    // One subject's entry costs the same however long its sequence (its claimed keys aside).
    expect(store.bytes - held).toBe(200 * DEDUP_ENTRY_BYTES);
    now = 5000;
    expect(await store.claimNext('pair', 'unblock')).not.toBeNull();
    expect(store.size).toBe(1);
  });
});
