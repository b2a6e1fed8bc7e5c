/**
 * Subscribers who would get the same answer share one execution per event: the same document and
 * variables, as the same perspective (the app for admins, a user for that user). Counted at the
 * emulator: an event's upstream calls do not grow with such subscribers, while subscribers of
 * different perspectives still get their own, viewer-relative answers.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../src/config.js';
import { chat } from '../support/emulator-http.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  JWT_SECRET,
  type Recorded,
  subscribed,
  subscribeWs,
  unsubscribed,
  userToken,
  wsClient,
} from '../support/realtime.js';

let t: TestGateway;
const clients: Client[] = [];

beforeAll(async () => {
  t = await startTestGateway({ mode: 'embedded', env: { GATEWAY_JWT_SECRET: JWT_SECRET } });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await t?.close();
});

async function clientFor(uid: string | null): Promise<Client> {
  const client = wsClient(t.info.graphqlUrl, uid === null ? DEV_ADMIN_TOKEN : await userToken(uid));
  clients.push(client);
  return client;
}

async function subscribeAs<T>(personas: (string | null)[], query: string) {
  const base = t.gateway.realtime.bus.active;
  const subs: Recorded<T>[] = [];
  for (const uid of personas) subs.push(subscribeWs<T>(await clientFor(uid), query));
  await subscribed(t.gateway, base, personas.length);
  return {
    subs,
    async close() {
      const open = t.gateway.realtime.bus.active;
      for (const sub of subs) await sub.close();
      await unsubscribed(t.gateway, open - subs.length);
    },
  };
}

async function sendToGroup(text: string): Promise<void> {
  const reply = await chat(t.emulator, 'POST', '/messages', {
    onBehalfOf: 'cometchat-uid-1',
    body: {
      receiver: 'cometchat-guid-1',
      receiverType: 'group',
      category: 'message',
      type: 'text',
      data: { text },
    },
  });
  expect(reply.status).toBe(200);
}

/** Reads answered by joining an identical read in flight for another operation, so far. */
async function readsSharedInFlight(): Promise<number> {
  const text = await (await t.overHttp('/metrics')).text();
  let total = 0;
  for (const match of text.matchAll(
    /^gateway_upstream_shared_reads_total\{[^}]*scope="in-flight"[^}]*\} (\d+)$/gm,
  )) {
    total += Number(match[1]);
  }
  return total;
}

/** Upstream calls from sending one group message until every subscriber in `subs` has it. */
async function callsForOneEvent(subs: Recorded<unknown>[], text: string): Promise<number> {
  const before = subs.map((sub) => sub.events.length);
  return t.countUpstream(async () => {
    await sendToGroup(text);
    await Promise.all(subs.map((sub, i) => sub.waitFor((before[i] ?? 0) + 1)));
  });
}

type Counted = { messageSent: { message: { sender: { groups: { totalCount: number } } } } };
const COUNTED =
  'subscription { messageSent(guid: "cometchat-guid-1") { message { sender { groups(first: 1) { totalCount } } } } }';

describe('one execution per event for subscribers with the same answer', () => {
  it('costs the same upstream calls for six admin subscribers of a group as for one', async () => {
    const one = await subscribeAs<Counted>([null], COUNTED);
    let single: number;
    try {
      single = await callsForOneEvent(one.subs, 'for one subscriber');
    } finally {
      await one.close();
    }
    const six = await subscribeAs<Counted>([null, null, null, null, null, null], COUNTED);
    try {
      const joinedBefore = await readsSharedInFlight();
      const shared = await callsForOneEvent(six.subs, 'for six subscribers');
      // The send itself is one call; the selection costs at least one more.
      expect(single).toBeGreaterThan(1);
      // Not six executions whose identical reads met in flight: one execution, one set of reads.
      expect(shared).toBe(single);
      expect(await readsSharedInFlight()).toBe(joinedBefore);
      const counts = six.subs.map(
        (sub) => sub.events.at(-1)?.messageSent.message.sender.groups.totalCount,
      );
      expect(new Set(counts).size).toBe(1);
      expect(counts[0]).toBeGreaterThan(0);
    } finally {
      await six.close();
    }
  });

  it('executes per perspective: each user gets their own viewer-relative answer', async () => {
    type Scoped = {
      messageSent: { message: { receiver: { viewerMembership: { scope: string } | null } } };
    };
    // In the Hiking Group uid-2 is a moderator, uid-3 a participant; an admin is no member.
    const { subs, close } = await subscribeAs<Scoped>(
      ['cometchat-uid-2', 'cometchat-uid-3', 'cometchat-uid-2', null, 'cometchat-uid-3'],
      'subscription { messageSent(guid: "cometchat-guid-1") { message { receiver { ... on Group { viewerMembership { scope } } } } } }',
    );
    try {
      await sendToGroup('whose scope?');
      const scopes = await Promise.all(
        subs.map(async (sub) => {
          const [event] = await sub.waitFor(1);
          return event?.messageSent.message.receiver.viewerMembership?.scope ?? null;
        }),
      );
      expect(scopes).toEqual(['MODERATOR', 'PARTICIPANT', 'MODERATOR', null, 'PARTICIPANT']);
    } finally {
      await close();
    }
  });

  it('keeps variables apart: the same document with other variables executes on its own', async () => {
    type Named = { messageSent: { message: { sender: { name: string } } } };
    const query =
      'subscription ($guid: String) { messageSent(guid: $guid) { message { sender { name } } } }';
    const base = t.gateway.realtime.bus.active;
    const client = await clientFor(null);
    const toGroup = subscribeWs<Named>(client, query, { guid: 'cometchat-guid-1' });
    const toAll = subscribeWs<Named>(client, query, {});
    await subscribed(t.gateway, base, 2);
    try {
      await sendToGroup('variables');
      const [a] = await toGroup.waitFor(1);
      const [b] = await toAll.waitFor(1);
      expect(a).toEqual(b);
      expect(a?.messageSent.message.sender.name).toBeTruthy();
    } finally {
      await toGroup.close();
      await toAll.close();
      await unsubscribed(t.gateway, base);
    }
  });
});
