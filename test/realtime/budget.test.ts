/**
 * The upstream-call budget on subscriptions: a subscription is costed as one event before it
 * starts, and each delivery gets the whole budget afresh, so a long-lived subscription is never
 * refused for the calls of earlier events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  JWT_SECRET,
  postDelivery,
  subscribed,
  subscribeWs,
  unsubscribed,
  userToken,
  wsClient,
} from '../support/realtime.js';

const credentials = { username: 'hookuser', password: 'hookpassword123' };
const DIRECT = 'cometchat-uid-1_user_cometchat-uid-2';
const T = 1796400000;
const andrew = { uid: 'cometchat-uid-1', name: 'Andrew (as the payload says)', role: 'default' };
const george = { uid: 'cometchat-uid-2', name: 'George Alan', role: 'default' };

function message(id: string) {
  return {
    id,
    conversationId: DIRECT,
    sender: 'cometchat-uid-1',
    receiverType: 'user',
    receiver: 'cometchat-uid-2',
    category: 'message',
    type: 'text',
    data: {
      text: `budget ${id}`,
      entities: {
        sender: { entity: andrew, entityType: 'user' },
        receiver: { entity: george, entityType: 'user' },
      },
    },
    sentAt: T,
    updatedAt: T,
  };
}

describe('with GATEWAY_MAX_UPSTREAM_CALLS=2, subscriptions', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      env: {
        WEBHOOK_USERNAME: credentials.username,
        WEBHOOK_PASSWORD: credentials.password,
        GATEWAY_JWT_SECRET: JWT_SECRET,
        GATEWAY_MAX_UPSTREAM_CALLS: '2',
      },
    });
    t.secrets.push(credentials.password);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuse a selection whose one event would cost more than the budget, before listening', async () => {
    const client = wsClient(t.info.graphqlUrl, await userToken('cometchat-uid-2'));
    const base = t.gateway.realtime.bus.active;
    const sub = subscribeWs(
      client,
      'subscription { messageSent { message { sender { name } mentions { name } } } }',
    );
    try {
      await expect.poll(() => sub.done, { timeout: 15_000 }).toBe(true);
      expect(sub.events).toEqual([]);
      // graphql-ws hands the refusal over as a result with errors or as an `error` message.
      const codes = sub.errors
        .flat()
        .map((error) => (error as { extensions?: { code?: string } }).extensions?.code);
      expect(codes).toEqual(['QUERY_TOO_EXPENSIVE']);
      expect(t.gateway.realtime.bus.active).toBe(base);
    } finally {
      await sub.close();
      await client.dispose();
    }
  });

  it('give every delivery the whole budget: the third event is enriched like the first', async () => {
    const client = wsClient(t.info.graphqlUrl, await userToken('cometchat-uid-2'));
    const base = t.gateway.realtime.bus.active;
    // One call per event for an end user: the sender, read in their own view.
    const sub = subscribeWs<{ messageSent: { message: { sender: { name: string } | null } } }>(
      client,
      'subscription { messageSent { message { sender { name } } } }',
    );
    try {
      await subscribed(t.gateway, base);
      for (const id of ['9301', '9302', '9303', '9304']) {
        const response = await postDelivery(t.info.url, credentials, {
          trigger: 'message_sent',
          appId: t.emulator.appId,
          region: 'us',
          webhook: 'hook1',
          data: { message: message(id) },
        });
        expect(response.status).toBe(200);
      }
      await sub.waitFor(4);
      expect(sub.errors).toEqual([]);
      expect(sub.events.map((event) => event.messageSent.message.sender?.name)).toEqual([
        'Andrew Joseph',
        'Andrew Joseph',
        'Andrew Joseph',
        'Andrew Joseph',
      ]);
    } finally {
      await sub.close();
      await client.dispose();
      await unsubscribed(t.gateway, base);
    }
  });
});
