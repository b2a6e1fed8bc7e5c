import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/webhooks/events.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  basicAuth,
  postDelivery,
  quietPeriod,
  subscribed,
  subscribeWs,
  unsubscribed,
  wsClient,
} from '../support/realtime.js';
import { waitFor } from '../support/wait.js';

const credentials = { username: 'hookuser', password: 'hookpassword123' };

let sequence = 1000;

/** A `message_sent` delivery as CometChat documents it, for the emulator's app, with a fresh id. */
function messageSent(overrides: Record<string, unknown> = {}) {
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
        data: { text: `hi ${sequence}` },
        sentAt: 1735689700 + sequence,
        updatedAt: 1735689700 + sequence,
      },
    },
    ...overrides,
  };
}

describe('the webhook receiver', () => {
  let t: TestGateway;
  const published: Delivery[] = [];
  let watcher: AsyncIterableIterator<Delivery>;

  beforeAll(async () => {
    t = await startTestGateway({
      env: { WEBHOOK_USERNAME: credentials.username, WEBHOOK_PASSWORD: credentials.password },
    });
    t.secrets.push(credentials.password);
    // Everything the receiver publishes on the bus, whatever the trigger.
    watcher = t.gateway.realtime.bus.subscribe(['message_sent', 'user_blocked', 'call_started']);
    void (async () => {
      for await (const delivery of watcher) published.push(delivery);
    })();
  });
  afterAll(async () => {
    await watcher.return?.();
    await t.close();
  });

  function post(body: unknown, headers: Record<string, string> = {}) {
    return postDelivery(t.info.url, credentials, body, headers);
  }

  /** Posts, and checks that nothing reaches the bus meanwhile. */
  async function expectNothingPublished(run: () => Promise<void>): Promise<void> {
    const before = published.length;
    await run();
    await quietPeriod(200);
    expect(published.length).toBe(before);
  }

  it('acknowledges a delivery and publishes it once', async () => {
    const before = published.length;
    const response = await post(messageSent());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, duplicate: false });
    await waitFor(() => (published.length > before ? true : undefined));
    expect(published[before]).toMatchObject({ trigger: 'message_sent', appId: 'emulator' });
  });

  it('refuses missing or wrong credentials with 401 and publishes nothing', async () => {
    await expectNothingPublished(async () => {
      for (const authorization of [
        undefined,
        basicAuth(credentials.username, 'wrong'),
        basicAuth('someone', credentials.password),
        basicAuth(credentials.username, `${credentials.password}x`),
        `Bearer ${credentials.password}`,
        'Basic !!!',
        'Basic',
      ]) {
        const response = await fetch(`${t.info.url}/webhooks/cometchat`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(authorization === undefined ? {} : { authorization }),
          },
          body: JSON.stringify(messageSent()),
        });
        expect(response.status, String(authorization)).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
      }
    });
  });

  it('takes JSON only (415 otherwise)', async () => {
    await expectNothingPublished(async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/jsonp',
        '',
      ]) {
        const response = await post(messageSent(), { 'content-type': contentType });
        expect(response.status, contentType).toBe(415);
      }
    });
    const charset = await post(messageSent(), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(200);
  });

  it('refuses a body declared larger than the limit (413)', async () => {
    const big = JSON.stringify(messageSent({ padding: 'x'.repeat(1024 * 1024 + 10) }));
    await expectNothingPublished(async () => {
      const response = await post(big);
      expect(response.status).toBe(413);
    });
  });

  it('cuts off a chunked body when it crosses the limit (413), without reading the rest', async () => {
    const url = new URL(`${t.info.url}/webhooks/cometchat`);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const totalChunks = 1024; // 64 MiB if the server read it all
    const outcome = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      let written = 0;
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
            authorization: basicAuth(credentials.username, credentials.password),
          },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, written });
          req.destroy();
        },
      );
      req.on('error', (error) => {
        // The server closing the connection mid-upload is expected once it answered.
        if (written < totalChunks) resolve({ status: -1, written });
        else reject(error);
      });
      const pump = () => {
        while (written < totalChunks) {
          written++;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      req.write('{"trigger":"message_sent","data":"');
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(outcome.written).toBeLessThan(totalChunks);
  });

  it('refuses malformed JSON and bodies that are not the envelope with 400 and a reason', async () => {
    await expectNothingPublished(async () => {
      const bad = await post('{not json');
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/not valid JSON/);
      const delivery = messageSent();
      for (const [body, reason] of [
        [{}, /trigger/],
        [{ trigger: 'message_sent' }, /data/],
        [{ ...delivery, data: [] }, /data/],
        [{ ...delivery, trigger: 'Bad Trigger' }, /trigger/],
        [{ ...delivery, appId: undefined }, /appId/],
        [{ ...delivery, region: undefined }, /region/],
        [{ ...delivery, webhook: undefined }, /webhook/],
        [[delivery], /body/],
      ] as const) {
        const response = await post(JSON.stringify(body));
        expect(response.status, JSON.stringify(body)).toBe(400);
        const { error } = await response.json();
        expect(error).toMatch(/^Not a CometChat webhook delivery/);
        expect(error).toMatch(reason);
      }
    });
  });

  it('refuses a known trigger whose data is not its documented payload (400 naming the field)', async () => {
    await expectNothingPublished(async () => {
      const delivery = messageSent();
      const response = await post({ ...delivery, data: { message: { id: '5' } } });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/data\.message\./);
    });
  });

  it('refuses deliveries for another app with 403 and never publishes them', async () => {
    await expectNothingPublished(async () => {
      const response = await post(messageSent({ appId: 'another-app' }));
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(/another CometChat app/);
    });
  });

  it('acknowledges triggers it does not publish (200, not published), and logs them', async () => {
    await expectNothingPublished(async () => {
      for (const trigger of ['after_campaign_completed', 'some_future_trigger']) {
        const response = await post({ ...messageSent(), trigger, data: { anything: true } });
        expect(response.status, trigger).toBe(200);
        expect(await response.json()).toEqual({ received: true, ignored: true });
      }
    });
    expect(
      t.logs.some((line) => line.includes('some_future_trigger') && line.includes('ignored')),
    ).toBe(true);
  });

  it('only takes POST (405)', async () => {
    const response = await fetch(`${t.info.url}/webhooks/cometchat`, {
      headers: { authorization: basicAuth(credentials.username, credentials.password) },
    });
    expect(response.status).toBe(405);
  });

  it('turns three sequential deliveries of one event into one event for a subscriber', async () => {
    const client = wsClient(t.info.graphqlUrl, ADMIN_TOKEN);
    const base = t.gateway.realtime.bus.active;
    const sub = subscribeWs<{ messageSent: { message: { cometchatId: string } } }>(
      client,
      'subscription { messageSent { message { cometchatId } } }',
    );
    try {
      await subscribed(t.gateway, base);
      const delivery = messageSent();
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await (await post(delivery)).json());
      expect(answers).toEqual([
        { received: true, duplicate: false },
        { received: true, duplicate: true },
        { received: true, duplicate: true },
      ]);
      // A redelivery with its keys in another order is the same delivery.
      const { trigger, data, appId, region, webhook } = delivery;
      const reordered = await post({ webhook, region, appId, data, trigger });
      expect(await reordered.json()).toEqual({ received: true, duplicate: true });
      // A later, different event shows the first one was the only one delivered.
      const next = messageSent();
      await post(next);
      const events = await sub.waitFor(2);
      await quietPeriod(200);
      expect(sub.events.map((event) => event.messageSent.message.cometchatId)).toEqual([
        delivery.data.message.id,
        next.data.message.id,
      ]);
      expect(events).toHaveLength(2);
    } finally {
      await sub.close();
      await client.dispose();
      await unsubscribed(t.gateway, base);
    }
  });

  it('turns three concurrent deliveries of one event into one event', async () => {
    const client = wsClient(t.info.graphqlUrl, ADMIN_TOKEN);
    const base = t.gateway.realtime.bus.active;
    const sub = subscribeWs<{ messageSent: { message: { cometchatId: string } } }>(
      client,
      'subscription { messageSent { message { cometchatId } } }',
    );
    try {
      await subscribed(t.gateway, base);
      const delivery = messageSent();
      const body = JSON.stringify(delivery);
      const answers = await Promise.all(
        [post(body), post(body), post(body)].map(async (r) => (await r).json()),
      );
      expect(answers.filter((answer) => answer.duplicate === false)).toHaveLength(1);
      expect(answers.filter((answer) => answer.duplicate === true)).toHaveLength(2);
      const next = messageSent();
      await post(next);
      await sub.waitFor(2);
      await quietPeriod(200);
      expect(sub.events.map((event) => event.messageSent.message.cometchatId)).toEqual([
        delivery.data.message.id,
        next.data.message.id,
      ]);
    } finally {
      await sub.close();
      await client.dispose();
      await unsubscribed(t.gateway, base);
    }
  });

  it('counts deliveries by outcome in the metrics', async () => {
    const text = await (await t.overHttp('/metrics')).text();
    for (const outcome of ['accepted', 'duplicate', 'rejected']) {
      expect(text, outcome).toMatch(
        new RegExp(`gateway_webhook_deliveries_total\\{[^}]*outcome="${outcome}"`),
      );
    }
  });
});

describe('without webhook credentials outside emulator mode', () => {
  it('keeps the receiver off (404)', async () => {
    const t = await startTestGateway();
    try {
      const response = await t.overHttp('/webhooks/cometchat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageSent()),
      });
      expect(response.status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
