import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GatewayEvent,
  parseWebhookDelivery,
  RECEIVER_TRIGGERS,
} from '../../src/webhooks/events.js';
import type { GatewayPubSub } from '../../src/webhooks/pubsub.js';
import { createDeduplicator } from '../../src/webhooks/receiver.js';
import { chat } from '../support/emulator-http.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { waitFor } from '../support/wait.js';

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Collects every event published on the catch-all channel until `stop()`. */
function collect(pubsub: GatewayPubSub) {
  const events: GatewayEvent[] = [];
  const iterator = pubsub.subscribe('event')[Symbol.asyncIterator]();
  const pump = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      events.push(next.value);
    }
  })();
  return {
    events,
    async stop() {
      await iterator.return?.();
      await pump;
    },
  };
}

const delivery = {
  trigger: 'message_sent',
  appId: 'app',
  region: 'us',
  webhook: 'hook1',
  data: {
    message: {
      id: '77',
      conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
      sender: 'cometchat-uid-1',
      receiver: 'cometchat-uid-2',
      receiverType: 'user',
      category: 'message',
      type: 'text',
      data: { text: 'hi' },
      sentAt: 1735689700,
      updatedAt: 1735689700,
    },
  },
};

describe('the webhook receiver', () => {
  let t: TestGateway;
  const credentials = { username: 'hookuser', password: 'hookpassword123' };
  beforeAll(async () => {
    t = await startTestGateway({
      env: { WEBHOOK_USERNAME: credentials.username, WEBHOOK_PASSWORD: credentials.password },
    });
    t.secrets.push(credentials.password);
  });
  afterAll(async () => {
    await t.close();
  });

  function deliver(body: string, authorization?: string) {
    return t.inProcess('/webhooks/cometchat', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      },
      body,
    });
  }

  it('refuses deliveries without or with wrong credentials (401)', async () => {
    for (const authorization of [
      undefined,
      basic(credentials.username, 'wrong'),
      basic('someone', credentials.password),
      `Bearer ${credentials.password}`,
      'Basic !!!',
    ]) {
      const response = await deliver(JSON.stringify(delivery), authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
  });

  it('refuses malformed JSON and bodies that are not webhook deliveries (400)', async () => {
    const auth = basic(credentials.username, credentials.password);
    expect((await deliver('{not json', auth)).status).toBe(400);
    for (const body of [
      {},
      { trigger: 'message_sent' },
      { ...delivery, data: [] },
      { ...delivery, trigger: 'Bad Trigger' },
    ]) {
      const response = await deliver(JSON.stringify(body), auth);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error).toMatch(/^Not a CometChat webhook delivery/);
    }
  });

  it('only takes POST', async () => {
    const response = await t.inProcess('/webhooks/cometchat', {
      headers: { authorization: basic(credentials.username, credentials.password) },
    });
    expect(response.status).toBe(405);
  });

  it('acknowledges a delivery, publishes it once, and drops its retries', async () => {
    const collector = collect(t.gateway.pubsub);
    try {
      const auth = basic(credentials.username, credentials.password);
      const first = await deliver(JSON.stringify(delivery), auth);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: true, duplicate: false });
      // A retry carries the same payload, possibly with its keys in another order.
      const reordered = {
        data: delivery.data,
        webhook: 'hook1',
        region: 'us',
        appId: 'app',
        trigger: 'message_sent',
      };
      const retry = await deliver(JSON.stringify(reordered), auth);
      expect(await retry.json()).toEqual({ received: true, duplicate: true });

      const event = await waitFor(() => collector.events[0]);
      expect(event).toMatchObject({
        topic: 'message',
        trigger: 'message_sent',
        appId: 'app',
        webhookId: 'hook1',
        messageId: '77',
        conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
      });
      expect(event.uids).toEqual(expect.arrayContaining(['cometchat-uid-1', 'cometchat-uid-2']));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(collector.events).toHaveLength(1);
    } finally {
      await collector.stop();
    }
  });

  it('counts deliveries in the metrics', async () => {
    const text = await (await t.inProcess('/metrics')).text();
    expect(text).toMatch(/gateway_webhook_deliveries_total\{.*outcome="accepted".*\} 1/);
    expect(text).toMatch(/gateway_webhook_deliveries_total\{.*outcome="duplicate".*\} 1/);
  });
});

describe('without webhook credentials outside emulator mode', () => {
  it('keeps the receiver off (404)', async () => {
    const t = await startTestGateway();
    try {
      const response = await t.inProcess('/webhooks/cometchat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(delivery),
      });
      expect(response.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('in emulator mode', () => {
  it('registers its receiver with the emulator and receives real deliveries', async () => {
    const t = await startTestGateway({ mode: 'embedded' });
    const collector = collect(t.gateway.pubsub);
    try {
      const credentials = t.gateway.webhookCredentials;
      expect(credentials).not.toBeNull();
      t.secrets.push(credentials?.password ?? '');
      const hooks = [...t.emulator.store.webhooks.values()];
      expect(hooks).toHaveLength(1);
      expect(hooks[0]).toMatchObject({
        webhookURL: `${t.info.url}/webhooks/cometchat`,
        useBasicAuth: true,
        enabled: true,
      });
      expect([...(hooks[0]?.triggers ?? [])].sort()).toEqual([...RECEIVER_TRIGGERS].sort());

      const sent = await chat(t.emulator, 'POST', '/messages', {
        onBehalfOf: 'cometchat-uid-1',
        body: {
          receiver: 'cometchat-uid-2',
          receiverType: 'user',
          category: 'message',
          type: 'text',
          data: { text: 'hello from the test' },
        },
      });
      expect(sent.status).toBe(200);
      const event = await waitFor(() => collector.events.find((e) => e.trigger === 'message_sent'));
      expect(event.topic).toBe('message');
      expect(event.uids).toContain('cometchat-uid-1');
      // The delivery's log entry gets its status when the answer is in; wait for that, not for
      // the entry alone (on a loaded machine the event can arrive first).
      const delivered = await waitFor(() =>
        t.emulator.deliveries().find((d) => d.trigger === 'message_sent' && d.status !== undefined),
      );
      expect(delivered.status).toBe(200);
    } finally {
      await collector.stop();
      await t.close();
    }
  });
});

describe('delivery parsing and de-duplication', () => {
  it('classifies triggers by topic and keeps unknown ones', () => {
    const now = new Date();
    const group = parseWebhookDelivery(
      {
        trigger: 'group_member_added',
        appId: 'a',
        data: { group: { guid: 'g1' }, members: { u1: { uid: 'u1' } }, by: { uid: 'u2' } },
      },
      now,
    );
    expect(group).toMatchObject({ topic: 'group', guid: 'g1', region: null, webhookId: null });
    expect(group.uids.sort()).toEqual(['u1', 'u2']);
    const other = parseWebhookDelivery({ trigger: 'call_started', appId: 'a', data: {} }, now);
    expect(other.topic).toBe('other');
  });

  it('gives retries the same key and different events different keys', () => {
    const now = new Date();
    const a = parseWebhookDelivery(
      {
        trigger: 'user_blocked',
        appId: 'a',
        data: { by: { uid: 'x' }, users: { y: { uid: 'y' } } },
      },
      now,
    );
    const b = parseWebhookDelivery(
      {
        appId: 'a',
        data: { users: { y: { uid: 'y' } }, by: { uid: 'x' } },
        trigger: 'user_blocked',
      },
      now,
    );
    const c = parseWebhookDelivery(
      {
        trigger: 'user_unblocked',
        appId: 'a',
        data: { by: { uid: 'x' }, users: { y: { uid: 'y' } } },
      },
      now,
    );
    expect(a.dedupKey).toBe(b.dedupKey);
    expect(c.dedupKey).not.toBe(a.dedupKey);
  });

  it('forgets keys after their time to live and bounds its memory', () => {
    const dedup = createDeduplicator(1000, 3);
    expect(dedup.seen('a', 0)).toBe(false);
    expect(dedup.seen('a', 500)).toBe(true);
    expect(dedup.seen('a', 1500)).toBe(false);
    for (const key of ['b', 'c', 'd', 'e']) dedup.seen(key, 1600);
    expect(dedup.size).toBeLessThanOrEqual(3);
  });
});
