/**
 * Two gateway replicas sharing events and de-duplication through a real redis-server: a delivery
 * taken by either replica reaches the subscribers of both exactly once, however it is redelivered.
 */
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createGateway } from '../../src/server.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  postDelivery,
  quietPeriod,
  type Recorded,
  subscribeWs,
  wsClient,
} from '../support/realtime.js';
import { type RedisServer, redisServerBinary, startRedis } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

const binary = redisServerBinary();
const credentials = { username: 'hookuser', password: 'hookpassword123' };

let sequence = 5000;
function messageSent() {
  sequence++;
  return {
    trigger: 'message_sent',
    appId: 'emulator',
    region: 'us',
    webhook: 'hook1',
    data: {
      message: {
        id: String(sequence),
        conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
        sender: 'cometchat-uid-1',
        receiver: 'cometchat-uid-2',
        receiverType: 'user',
        category: 'message',
        type: 'text',
        data: { text: `replicated ${sequence}` },
        sentAt: 1735689700 + sequence,
        updatedAt: 1735689700 + sequence,
      },
    },
  };
}

type Sent = { messageSent: { message: { cometchatId: string } } };

describe.skipIf(binary === null)(
  `two replicas through Redis${binary === null ? ' (skipped: redis-server is not installed; CI installs the Debian package redis-server)' : ''}`,
  () => {
    let redis: RedisServer;
    let probe: Redis;
    let a: TestGateway;
    let b: TestGateway;
    const clients: Client[] = [];
    let onA: Recorded<Sent>;
    let onB: Recorded<Sent>;

    beforeAll(async () => {
      redis = await startRedis(binary ?? 'redis-server');
      probe = new Redis(redis.url);
      const options = {
        env: {
          REDIS_URL: redis.url,
          WEBHOOK_USERNAME: credentials.username,
          WEBHOOK_PASSWORD: credentials.password,
        },
      };
      a = await startTestGateway(options);
      b = await startTestGateway(options);
      for (const t of [a, b]) t.secrets.push(credentials.password);
      const query = 'subscription { messageSent { message { cometchatId } } }';
      const clientA = wsClient(a.info.graphqlUrl, ADMIN_TOKEN);
      const clientB = wsClient(b.info.graphqlUrl, ADMIN_TOKEN);
      clients.push(clientA, clientB);
      onA = subscribeWs<Sent>(clientA, query);
      onB = subscribeWs<Sent>(clientB, query);
      // Both replicas' Redis connections have subscribed to the channel.
      await waitFor(async () => {
        const counts = (await probe.pubsub(
          'NUMSUB',
          'cometchat-gateway:emulator:message_sent',
        )) as [string, number];
        return counts[1] >= 2 ? true : undefined;
      }, 15_000);
    });

    afterAll(async () => {
      await onA?.close();
      await onB?.close();
      for (const client of clients) await client.dispose();
      await a?.close();
      await b?.close();
      probe?.disconnect();
      await redis?.stop();
    });

    const ids = (sub: Recorded<Sent>) =>
      sub.events.map((event) => event.messageSent.message.cometchatId);

    it('delivers a delivery taken by A to the subscribers of B (and of A) exactly once', async () => {
      const delivery = messageSent();
      const response = await postDelivery(a.info.url, credentials, delivery);
      expect(await response.json()).toEqual({ received: true, duplicate: false });
      await onB.waitFor(1);
      await onA.waitFor(1);
      await quietPeriod(300);
      expect(ids(onB)).toEqual([delivery.data.message.id]);
      expect(ids(onA)).toEqual([delivery.data.message.id]);
    });

    it('turns the same delivery posted to A and B (at once, then again) into one event', async () => {
      const before = { a: onA.events.length, b: onB.events.length };
      const delivery = messageSent();
      const answers = await Promise.all(
        [a, b, a, b].map(async (t) =>
          (await postDelivery(t.info.url, credentials, delivery)).json(),
        ),
      );
      expect(answers.filter((answer) => answer.duplicate === false)).toHaveLength(1);
      for (const t of [b, a, b]) {
        expect(await (await postDelivery(t.info.url, credentials, delivery)).json()).toEqual({
          received: true,
          duplicate: true,
        });
      }
      // A later event shows the first was the only one delivered.
      const next = messageSent();
      await postDelivery(b.info.url, credentials, next);
      await onA.waitFor(before.a + 2);
      await onB.waitFor(before.b + 2);
      await quietPeriod(300);
      expect(ids(onA).slice(before.a)).toEqual([delivery.data.message.id, next.data.message.id]);
      expect(ids(onB).slice(before.b)).toEqual([delivery.data.message.id, next.data.message.id]);
    });

    it("tells a repeated payload from a redelivery by its subject's sequence, across replicas", async () => {
      const delivery = (trigger: string) => ({
        trigger,
        appId: 'emulator',
        region: 'us',
        webhook: 'hook1',
        data: {
          users: { 'cometchat-uid-21': { uid: 'cometchat-uid-21', name: 'B' } },
          by: { uid: 'cometchat-uid-20', name: 'A' },
        },
      });
      const post = async (t: TestGateway, body: unknown) =>
        (
          (await (await postDelivery(t.info.url, credentials, body)).json()) as {
            duplicate?: boolean;
          }
        ).duplicate;
      const block = delivery('user_blocked');
      const unblock = delivery('user_unblocked');
      expect(await post(a, block)).toBe(false);
      expect(await post(b, block)).toBe(true);
      expect(await post(b, unblock)).toBe(false);
      expect(await post(a, unblock)).toBe(true);
      // Blocked again: the same payload as the first block, a new event; redelivered to both at once.
      const again = await Promise.all([post(a, block), post(b, block), post(a, block)]);
      expect(again.filter((duplicate) => duplicate === false)).toHaveLength(1);
      expect(await post(b, block)).toBe(true);
      expect(await post(a, unblock)).toBe(false);
    });

    it('keeps de-duplication keys in Redis for 24 hours (SET NX EX)', async () => {
      const keys = await probe.keys('cometchat-gateway:emulator:dedup:*');
      expect(keys.length).toBeGreaterThan(0);
      const ttl = await probe.ttl(keys[0] ?? '');
      expect(ttl).toBeGreaterThan(24 * 3600 - 600);
      expect(ttl).toBeLessThanOrEqual(24 * 3600);
    });
  },
);

describe.skipIf(binary === null)('a gateway whose Redis is unreachable', () => {
  it('refuses to start, saying Redis could not be reached (and never printing the URL)', async () => {
    const url = 'redis://:s3cretpass@127.0.0.1:1';
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      REDIS_URL: url,
      COMETCHAT_BASE_URL: 'http://127.0.0.1:9/v3',
      COMETCHAT_API_KEY: 'k',
      GATEWAY_ADMIN_TOKENS: 'admin',
    });
    const lines: string[] = [];
    const gateway = createGateway(config, {
      logger: createLogger({ level: 'trace', destination: { write: (line) => lines.push(line) } }),
    });
    try {
      await expect(gateway.listen()).rejects.toThrow(/Could not connect to Redis \(REDIS_URL\)/);
    } finally {
      await gateway.close();
    }
    expect(lines.join('\n')).not.toContain('s3cretpass');
  });

  it('answers 503 when Redis goes away, so CometChat retries the delivery', async () => {
    const redis = await startRedis(binary ?? 'redis-server');
    const t = await startTestGateway({
      env: {
        REDIS_URL: redis.url,
        WEBHOOK_USERNAME: credentials.username,
        WEBHOOK_PASSWORD: credentials.password,
      },
    });
    t.secrets.push(credentials.password);
    try {
      const delivery = messageSent();
      await redis.stop();
      const response = await postDelivery(t.info.url, credentials, delivery);
      expect(response.status).toBe(503);
    } finally {
      await t.close();
      await redis.stop();
    }
  });
});
