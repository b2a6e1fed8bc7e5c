/**
 * The read cache in Redis (`GATEWAY_CACHE=redis`) with two replicas on one emulator and a real
 * redis-server: answers one replica cached serve the other, perspectives stay apart, and a
 * webhook taken by one replica invalidates what both cached. Only replica A is registered for
 * the emulator's webhooks, so B can only learn of a change through Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import type { Gateway } from '../../src/server.js';
import { deliveriesAnswered, gatewayOn, gql, rest, upstreamCalls } from '../support/cache.js';
import { type RedisServer, redisServerBinary, startRedis } from '../support/redis.js';

const binary = redisServerBinary();
const u = (n: number) => `cometchat-uid-${n}`;

const CONVERSATIONS = `{
  conversations(first: 10) {
    totalCount
    nodes { conversationId unreadMessageCount lastMessage { cometchatId ... on TextMessage { text } } }
  }
}`;

interface Conversations {
  conversations: { nodes: { conversationId: string; lastMessage: { cometchatId: string } }[] };
}

/** The last message's id of one conversation in a conversation list. */
function lastIn(
  data: Conversations | null | undefined,
  conversationId: string,
): string | undefined {
  return data?.conversations.nodes.find((node) => node.conversationId === conversationId)
    ?.lastMessage.cometchatId;
}

describe.skipIf(binary === null)(
  `the read cache in Redis, two replicas${binary === null ? ' (skipped: redis-server is not installed; CI installs the Debian package redis-server)' : ''}`,
  () => {
    let redis: RedisServer;
    let emulator: Emulator;
    let a: Gateway;
    let b: Gateway;

    beforeAll(async () => {
      redis = await startRedis(binary ?? 'redis-server');
      emulator = await startEmulator({ port: 0, seed: 'demo', webhookRetryDelaysMs: [50, 100] });
      const env = { GATEWAY_CACHE: 'redis', REDIS_URL: redis.url, GATEWAY_CACHE_TTL_S: '3600' };
      a = await gatewayOn(emulator, env);
      b = await gatewayOn(emulator, env, { receiver: false });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await emulator?.close();
      await redis?.stop();
    });

    it("serves one replica's cached answer from the other, within one perspective only", async () => {
      const mine = await gql(a, CONVERSATIONS, {}, u(1));
      expect(mine.errors).toBeUndefined();
      const shared = await upstreamCalls(emulator, async () => {
        expect(await gql(b, CONVERSATIONS, {}, u(1))).toEqual(mine);
      });
      expect(shared).toEqual([]);
      const other = await upstreamCalls(emulator, async () => {
        const theirs = await gql(b, CONVERSATIONS, {}, u(2));
        expect(theirs).not.toEqual(mine);
      });
      expect(other.length).toBeGreaterThan(0);
      const metrics = await b.metrics.registry.metrics();
      expect(metrics).toMatch(/^gateway_cache_lookups_total\{[^}]*result="hit"[^}]*\} [1-9]/m);
    });

    it('invalidates on every replica what a webhook taken by one of them touched', async () => {
      await gql(b, CONVERSATIONS, {}, u(1));
      expect(await upstreamCalls(emulator, () => gql(b, CONVERSATIONS, {}, u(1)))).toEqual([]);
      emulator.clearDeliveries();
      const message = await rest(
        emulator,
        'POST',
        '/messages',
        {
          receiver: u(1),
          receiverType: 'user',
          category: 'message',
          type: 'text',
          data: { text: 'told to replica A only' },
        },
        u(4),
      );
      await deliveriesAnswered(emulator);
      expect(
        emulator.deliveries().filter((d) => d.trigger === 'message_sent' && d.status === 200),
      ).toHaveLength(1);
      const after = await gql<Conversations>(b, CONVERSATIONS, {}, u(1));
      expect(lastIn(after.data, `${u(1)}_user_${u(4)}`)).toBe(String(message.id));
    });

    it('invalidates on every replica what a write through one of them touched', async () => {
      await gql(a, CONVERSATIONS, {}, u(2));
      // No webhook this time: only the write's own invalidation can refresh A.
      const hooks = [...emulator.store.webhooks.values()];
      for (const hook of hooks) hook.enabled = false;
      const sent = await gql<{ messageSend: { sentMessage: { cometchatId: string } } }>(
        b,
        `mutation ($input: MessageSendInput!) {
          messageSend(input: $input) { ... on MessageSendPayload { sentMessage { cometchatId } } }
        }`,
        { input: { receiverUids: [u(2)], text: 'through replica B' } },
        u(5),
      );
      const id = sent.data?.messageSend.sentMessage.cometchatId;
      expect(id).toBeDefined();
      // B's own write bumped the tags in Redis.
      const after = await gql<Conversations>(a, CONVERSATIONS, {}, u(2));
      expect(lastIn(after.data, `${u(2)}_user_${u(5)}`)).toBe(id);
      expect(emulator.pendingDeliveries()).toBe(0);
      for (const hook of hooks) hook.enabled = true;
    });
  },
);
