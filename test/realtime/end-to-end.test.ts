import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../src/config.js';
import { RECEIVER_TRIGGERS } from '../../src/webhooks/triggers.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { postGraphQL } from '../support/graphql-http.js';
import {
  subscribed,
  subscribeGraphqlSse,
  subscribeWs,
  subscribeYogaSse,
  unsubscribed,
  wsClient,
} from '../support/realtime.js';
import { waitFor } from '../support/wait.js';

const SEND = `mutation ($input: MessageSendInput!) {
  messageSend(input: $input) {
    __typename
    ... on MessageSendPayload { sentMessage { id cometchatId } }
    ... on UserError { message }
  }
}`;

interface Sent {
  id: string;
  cometchatId: string;
}

describe('emulator mode end to end: a mutation reaches a subscriber through the webhook', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ mode: 'embedded' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function send(text: string): Promise<Sent> {
    const { body } = await postGraphQL<{ messageSend: { sentMessage?: Sent } }>(
      (init) => t.overHttp('/graphql', init),
      {
        query: SEND,
        variables: {
          input: { senderUid: 'cometchat-uid-1', receiverUids: ['cometchat-uid-2'], text },
        },
      },
      { token: DEV_ADMIN_TOKEN },
    );
    const sent = body.data?.messageSend.sentMessage;
    if (!sent) throw new Error(`messageSend failed: ${JSON.stringify(body)}`);
    return sent;
  }

  it('over graphql-ws, exactly as `subscription { messageSent { message { id } } }`', async () => {
    const client = wsClient(t.info.graphqlUrl, DEV_ADMIN_TOKEN);
    const base = t.gateway.realtime.bus.active;
    const sub = subscribeWs<{ messageSent: { message: { id: string } } }>(
      client,
      'subscription { messageSent { message { id } } }',
    );
    try {
      await subscribed(t.gateway, base);
      const metrics = await (await t.overHttp('/metrics')).text();
      expect(metrics).toMatch(/^gateway_subscriptions_active 1$/m);
      const sent = await send('hello over graphql-ws');
      const [event] = await sub.waitFor(1);
      expect(event).toEqual({ messageSent: { message: { id: sent.id } } });
      t.record(JSON.stringify(sub.events));
    } finally {
      await sub.close();
      await client.dispose();
      await unsubscribed(t.gateway, base);
    }
  });

  it("over Yoga's SSE on /graphql", async () => {
    const base = t.gateway.realtime.bus.active;
    const sub = await subscribeYogaSse<{
      messageSent: { message: { id: string; sender: { name: string } } };
    }>(
      t.info.graphqlUrl,
      DEV_ADMIN_TOKEN,
      'subscription { messageSent { message { id sender { name } } } }',
    );
    try {
      expect(sub.status).toBe(200);
      await subscribed(t.gateway, base);
      const sent = await send('hello over SSE');
      const [event] = await sub.waitFor(1);
      expect(event?.messageSent.message).toEqual({
        id: sent.id,
        sender: { name: 'Andrew Joseph' },
      });
    } finally {
      await sub.close();
      await unsubscribed(t.gateway, base);
    }
  });

  for (const singleConnection of [false, true]) {
    it(`over the GraphQL-over-SSE protocol on /graphql/stream (${singleConnection ? 'single connection' : 'distinct connections'} mode)`, async () => {
      const base = t.gateway.realtime.bus.active;
      const sub = subscribeGraphqlSse<{ messageSent: { message: { id: string } } }>(
        `${t.info.url}/graphql/stream`,
        DEV_ADMIN_TOKEN,
        singleConnection,
        'subscription { messageSent { message { id } } }',
      );
      try {
        await subscribed(t.gateway, base);
        const sent = await send(`hello over graphql-sse ${singleConnection}`);
        const [event] = await sub.waitFor(1);
        expect(event).toEqual({ messageSent: { message: { id: sent.id } } });
      } finally {
        await sub.close();
        await unsubscribed(t.gateway, base);
      }
    });
  }

  it('registered its receiver with the emulator at start-up, with generated credentials', async () => {
    const credentials = t.gateway.webhookCredentials;
    expect(credentials).not.toBeNull();
    t.secrets.push(credentials?.password ?? '');
    const hooks = [...t.emulator.store.webhooks.values()];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      webhookURL: `${t.info.url}/webhooks/cometchat`,
      useBasicAuth: true,
      username: credentials?.username,
      enabled: true,
    });
    expect([...(hooks[0]?.triggers ?? [])].sort()).toEqual([...RECEIVER_TRIGGERS].sort());
    // A delivery's log entry gets its status once the answer is in: wait for it (generously).
    const delivered = await waitFor(
      () =>
        t.emulator
          .deliveries()
          .find((entry) => entry.trigger === 'message_sent' && entry.status !== undefined),
      20_000,
    );
    expect(delivered.status).toBe(200);
  });

  it('authenticates SSE subscribers as HTTP requests (401 without a valid token)', async () => {
    for (const token of [null, 'wrong-token']) {
      const sub = await subscribeYogaSse(
        t.info.graphqlUrl,
        token,
        'subscription { messageSent { message { id } } }',
      );
      expect(sub.status, String(token)).toBe(401);
      const stream = subscribeGraphqlSse(
        `${t.info.url}/graphql/stream`,
        token ?? '',
        false,
        'subscription { messageSent { message { id } } }',
      );
      await expect.poll(() => stream.done, { timeout: 15_000 }).toBe(true);
      expect(stream.events).toEqual([]);
      expect(JSON.stringify(stream.errors)).toMatch(/401|UNAUTHENTICATED|Authentication|not valid/);
      await stream.close();
    }
  });
});
