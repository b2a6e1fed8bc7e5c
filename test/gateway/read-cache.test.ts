/**
 * The read cache (`GATEWAY_CACHE=memory`) and shared reads, through the public surface: two
 * gateways on one emulator, `cached` with the cache on and `plain` with it off, both registered
 * for the emulator's webhooks. Counts are the emulator's own request log; waits are for the
 * emulator's deliveries to be answered by the receivers, never for time.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import type { Gateway } from '../../src/server.js';
import { deliveriesAnswered, gatewayOn, gql, rest, upstreamCalls } from '../support/cache.js';

const u = (n: number) => `cometchat-uid-${n}`;

type Op =
  | { kind: 'send'; through: string; from: string; to: string; text: string }
  | { kind: 'react' | 'edit' | 'delete'; pick: number; emoji: string }
  | { kind: 'add' | 'kick'; uid: string };

const CONVERSATIONS = `{
  conversations(first: 10) {
    totalCount
    nodes {
      conversationId unreadMessageCount
      lastMessage { cometchatId deletedAt ... on TextMessage { text } reactions { emoji count } }
    }
  }
}`;

const DIRECT_MESSAGES = `query ($with: String!) {
  conversation(withUser: $with) {
    conversationId
    messages(last: 5) { nodes { cometchatId deletedAt ... on TextMessage { text } reactions { emoji count } } }
  }
}`;

const SEND = `mutation ($input: MessageSendInput!) {
  messageSend(input: $input) {
    __typename
    ... on MessageSendPayload { sentMessage { cometchatId } }
  }
}`;

let emulator: Emulator;
let cached: Gateway;
let plain: Gateway;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo', webhookRetryDelaysMs: [50, 100] });
  // A long time to live: anything fresh in these tests came from an invalidation.
  cached = await gatewayOn(emulator, { GATEWAY_CACHE: 'memory', GATEWAY_CACHE_TTL_S: '3600' });
  plain = await gatewayOn(emulator);
});
afterAll(async () => {
  await cached?.close();
  await plain?.close();
  await emulator?.close();
});
beforeEach(async () => {
  emulator.updateSettings({ latencyMs: 0 });
  await deliveriesAnswered(emulator);
});

async function metric(gateway: Gateway, pattern: RegExp): Promise<number> {
  const text = await gateway.metrics.registry.metrics();
  return text
    .split('\n')
    .filter((line) => pattern.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('the read cache', () => {
  it('answers a conversation list reloaded after no change without any CometChat call', async () => {
    const first = await gql(cached, CONVERSATIONS, {}, u(1));
    expect(first.errors).toBeUndefined();
    const calls = await upstreamCalls(emulator, async () => {
      const again = await gql(cached, CONVERSATIONS, {}, u(1));
      expect(again).toEqual(first);
    });
    expect(calls).toEqual([]);
    // The uncached gateway asks CometChat every time, and answers the same.
    const uncachedCalls = await upstreamCalls(emulator, async () => {
      expect(await gql(plain, CONVERSATIONS, {}, u(1))).toEqual(first);
    });
    expect(uncachedCalls.length).toBeGreaterThan(0);
    expect(await metric(cached, /^gateway_cache_lookups_total\{.*result="hit"/)).toBeGreaterThan(0);
  });

  it('shows a message sent through the gateway on the next read, without waiting for its webhook', async () => {
    await gql(cached, CONVERSATIONS, {}, u(1));
    await gql(cached, DIRECT_MESSAGES, { with: u(2) }, u(1));
    const sent = await gql<{ messageSend: { sentMessage: { cometchatId: string } } }>(
      cached,
      SEND,
      { input: { receiverUids: [u(2)], text: 'through the cached gateway' } },
      u(1),
    );
    const id = sent.data?.messageSend.sentMessage.cometchatId;
    expect(id).toBeDefined();
    const list = await gql<{
      conversations: { nodes: { conversationId: string; lastMessage: { cometchatId: string } }[] };
    }>(cached, CONVERSATIONS, {}, u(1));
    const withTwo = list.data?.conversations.nodes.find((node) =>
      node.conversationId.includes(u(2)),
    );
    expect(withTwo?.lastMessage.cometchatId).toBe(id);
    const messages = await gql<{
      conversation: { messages: { nodes: { cometchatId: string }[] } };
    }>(cached, DIRECT_MESSAGES, { with: u(2) }, u(1));
    expect(messages.data?.conversation.messages.nodes.at(-1)?.cometchatId).toBe(id);
  });

  it('shows a message sent straight to CometChat once its message_sent webhook was answered', async () => {
    const before = await gql(cached, CONVERSATIONS, {}, u(1));
    expect(await upstreamCalls(emulator, () => gql(cached, CONVERSATIONS, {}, u(1)))).toEqual([]);
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
        data: { text: 'straight to the emulator' },
      },
      u(3),
    );
    await deliveriesAnswered(emulator);
    const delivered = emulator
      .deliveries()
      .filter((entry) => entry.trigger === 'message_sent' && entry.status === 200);
    expect(delivered.length).toBeGreaterThanOrEqual(2); // one per gateway
    const after = await gql<{
      conversations: {
        nodes: { conversationId: string; lastMessage: { cometchatId: string; text?: string } }[];
      };
    }>(cached, CONVERSATIONS, {}, u(1));
    expect(after).not.toEqual(before);
    const withThree = after.data?.conversations.nodes.find(
      (node) => node.conversationId === `${u(1)}_user_${u(3)}`,
    );
    expect(withThree?.lastMessage).toMatchObject({
      cometchatId: String(message.id),
      text: 'straight to the emulator',
    });
    expect(after).toEqual(await gql(plain, CONVERSATIONS, {}, u(1)));
  });

  it("never serves one user's cached answer to another user, or to the app", async () => {
    const queries = [
      CONVERSATIONS,
      '{ groups(first: 20) { totalCount nodes { guid viewerMembership { scope } } } }',
      '{ user(uid: "cometchat-uid-4") { uid name blockedByViewer } }',
    ];
    for (const query of queries) {
      const one = await gql(cached, query, {}, u(1));
      expect(one.errors).toBeUndefined();
      for (const viewer of [u(2), u(6), undefined]) {
        const calls = await upstreamCalls(emulator, async () => {
          const answer = await gql(cached, query, {}, viewer);
          expect(answer).toEqual(await gql(plain, query, {}, viewer));
        });
        // The other perspective's first read goes to CometChat: it is never user 1's entry.
        expect(
          calls.filter((call) => call.startsWith('GET')).length,
          `${viewer ?? 'app'}: ${query}`,
        ).toBeGreaterThan(0);
      }
    }
    const mine = await gql(cached, CONVERSATIONS, {}, u(1));
    const theirs = await gql(cached, CONVERSATIONS, {}, u(2));
    expect(theirs).not.toEqual(mine);
  });

  it('answers like the uncached gateway after every write, once its webhooks were answered', async () => {
    const GROUP = 'cometchat-guid-1';
    const READS: { query: string; variables?: Record<string, unknown>; as?: string }[] = [
      { query: CONVERSATIONS, as: u(1) },
      { query: CONVERSATIONS, as: u(2) },
      { query: DIRECT_MESSAGES, variables: { with: u(2) }, as: u(1) },
      {
        query: `{ group(guid: "${GROUP}") { membersCount members(first: 50) { totalCount nodes { user { uid } scope } }
          messages(first: 50) { nodes { cometchatId deletedAt reactions { emoji count } ... on TextMessage { text } } } } }`,
      },
      { query: CONVERSATIONS },
    ];
    const sentIds: string[] = [];
    const through = fc.constantFrom('cached', 'plain', 'direct');
    const write = fc.oneof(
      fc.record({
        kind: fc.constant('send' as const),
        through,
        from: fc.constantFrom(u(1), u(2), u(3)),
        to: fc.constantFrom(u(1), u(2), `group:${GROUP}`),
        text: fc.string({ minLength: 1, maxLength: 12 }),
      }),
      fc.record({
        kind: fc.constantFrom('react' as const, 'edit' as const, 'delete' as const),
        pick: fc.nat(),
        emoji: fc.constantFrom('👍', '🎉'),
      }),
      fc.record({
        kind: fc.constantFrom('add' as const, 'kick' as const),
        uid: fc.constantFrom(u(7), u(8)),
      }),
    );

    async function apply(op: Op): Promise<void> {
      if (op.kind === 'send') {
        const toGroup = op.to.startsWith('group:');
        const receiver = toGroup ? GROUP : op.to;
        if (!toGroup && receiver === op.from) return;
        if (op.through === 'direct') {
          const data = await rest(
            emulator,
            'POST',
            '/messages',
            {
              receiver,
              receiverType: toGroup ? 'group' : 'user',
              category: 'message',
              type: 'text',
              data: { text: op.text },
            },
            op.from,
          );
          sentIds.push(String(data.id));
        } else {
          const answer = await gql<{ messageSend: { sentMessage?: { cometchatId: string } } }>(
            op.through === 'cached' ? cached : plain,
            SEND,
            {
              input: {
                ...(toGroup ? { receiverGuids: [receiver] } : { receiverUids: [receiver] }),
                text: op.text,
              },
            },
            op.from,
          );
          const id = answer.data?.messageSend.sentMessage?.cometchatId;
          if (id) sentIds.push(id);
        }
        return;
      }
      if ('uid' in op) {
        await rest(
          emulator,
          op.kind === 'add' ? 'POST' : 'DELETE',
          op.kind === 'add' ? `/groups/${GROUP}/members` : `/groups/${GROUP}/members/${op.uid}`,
          op.kind === 'add' ? { participants: [op.uid] } : undefined,
        ).catch(() => undefined);
        return;
      }
      if (!('pick' in op)) return;
      const id = sentIds[op.pick % Math.max(1, sentIds.length)];
      if (id === undefined) return;
      if (op.kind === 'react') {
        await rest(
          emulator,
          'POST',
          `/messages/${id}/reactions/${encodeURIComponent(op.emoji)}`,
          undefined,
          u(2),
        ).catch(() => undefined);
      } else if (op.kind === 'edit') {
        await rest(emulator, 'PUT', `/messages/${id}`, { data: { text: `edited ${id}` } }).catch(
          () => undefined,
        );
      } else {
        await rest(emulator, 'DELETE', `/messages/${id}`).catch(() => undefined);
      }
    }

    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const op of ops) {
          // Reads first, so the cached gateway holds answers the write makes stale.
          for (const read of READS) await gql(cached, read.query, read.variables, read.as);
          await apply(op);
          await deliveriesAnswered(emulator);
          for (const read of READS) {
            const expected = await gql(plain, read.query, read.variables, read.as);
            const actual = await gql(cached, read.query, read.variables, read.as);
            expect(actual, `${JSON.stringify(op)} then ${read.query}`).toEqual(expected);
          }
        }
      }),
      { seed: 20_261_121, numRuns: 8 },
    );
  }, 300_000);
});

describe('shared reads', () => {
  it('sends one CometChat call for two concurrent identical queries of one perspective', async () => {
    const query = '{ user(uid: "cometchat-uid-5") { uid name } }';
    emulator.updateSettings({ latencyMs: 2_000 });
    const calls = await upstreamCalls(emulator, async () => {
      // Both start together; the emulator takes 2 s to answer, so the second finds the first in flight.
      const [a, b] = await Promise.all([gql(plain, query, {}, u(1)), gql(plain, query, {}, u(1))]);
      expect(a).toEqual(b);
      expect(a.errors).toBeUndefined();
    });
    expect(calls.filter((call) => call.endsWith(`/users/${u(5)}`))).toHaveLength(1);
    expect(
      await metric(plain, /^gateway_upstream_shared_reads_total\{.*scope="in-flight"/),
    ).toBeGreaterThan(0);
  });

  it('never shares a read across perspectives, nor a write', async () => {
    emulator.updateSettings({ latencyMs: 300 });
    const query = '{ user(uid: "cometchat-uid-5") { uid name blockedByViewer } }';
    const calls = await upstreamCalls(emulator, () =>
      Promise.all([gql(plain, query, {}, u(1)), gql(plain, query, {}, u(2))]),
    );
    expect(calls.filter((call) => call.endsWith(`/users/${u(5)}`))).toHaveLength(2);
    const input = { receiverUids: [u(4)], text: 'twice, on purpose' };
    const sends = await upstreamCalls(emulator, () =>
      Promise.all([gql(plain, SEND, { input }, u(3)), gql(plain, SEND, { input }, u(3))]),
    );
    expect(
      sends.filter((call) => call.startsWith('POST') && call.endsWith('/messages')),
    ).toHaveLength(2);
  });

  it('fetches each distinct friends list once per request', async () => {
    const query =
      '{ messages(first: 100) { nodes { sender { uid friends(first: 1) { totalCount } } } } }';
    let senders = new Set<string>();
    const calls = await upstreamCalls(emulator, async () => {
      const answer = await gql<{ messages: { nodes: { sender: { uid: string } | null }[] } }>(
        plain,
        query,
      );
      expect(answer.errors).toBeUndefined();
      senders = new Set(
        (answer.data?.messages.nodes ?? []).flatMap((node) =>
          node.sender ? [node.sender.uid] : [],
        ),
      );
      expect((answer.data?.messages.nodes.length ?? 0) > senders.size).toBe(true);
    });
    const friendLists = calls.filter((call) => call.startsWith('GET') && call.endsWith('/friends'));
    expect(friendLists).toHaveLength(senders.size);
    expect(new Set(friendLists).size).toBe(senders.size);
  });
});
