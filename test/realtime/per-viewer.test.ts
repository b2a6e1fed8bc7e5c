/**
 * Who receives what: an end user only events about what they may read (their 1:1 conversations,
 * the groups they are in, public groups' own events), an admin everything. Personas from the demo
 * seed: uid-1 and uid-2 share a 1:1 conversation; uid-3 is in the private group guid-3 with uid-1,
 * but not in their 1:1; uid-9 is in neither, nor in the public group guid-1.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../src/config.js';
import { chat } from '../support/emulator-http.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  JWT_SECRET,
  quietPeriod,
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
  t = await startTestGateway({
    mode: 'embedded',
    env: { GATEWAY_JWT_SECRET: JWT_SECRET },
  });
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await t.close();
});

async function clientFor(uid: string | null): Promise<Client> {
  const client = wsClient(t.info.graphqlUrl, uid === null ? DEV_ADMIN_TOKEN : await userToken(uid));
  clients.push(client);
  return client;
}

/** Opens one subscription per persona and waits until all are live. */
async function subscribeAll<T>(
  personas: (string | null)[],
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ subs: Map<string, Recorded<T>>; close: () => Promise<void> }> {
  const base = t.gateway.realtime.bus.active;
  const subs = new Map<string, Recorded<T>>();
  for (const uid of personas) {
    subs.set(uid ?? 'admin', subscribeWs<T>(await clientFor(uid), query, variables));
  }
  await subscribed(t.gateway, base, personas.length);
  return {
    subs,
    async close() {
      const open = t.gateway.realtime.bus.active;
      for (const sub of subs.values()) await sub.close();
      await unsubscribed(t.gateway, open - personas.length);
    },
  };
}

async function sendText(sender: string, to: { uid?: string; guid?: string }, text: string) {
  const reply = await chat(t.emulator, 'POST', '/messages', {
    onBehalfOf: sender,
    body: {
      receiver: to.uid ?? to.guid,
      receiverType: to.uid ? 'user' : 'group',
      category: 'message',
      type: 'text',
      data: { text },
    },
  });
  expect(reply.status).toBe(200);
  return String((reply.body as { data: { id: string | number } }).data.id);
}

function get<T>(subs: Map<string, Recorded<T>>, key: string): Recorded<T> {
  const sub = subs.get(key);
  if (!sub) throw new Error(`no subscription for ${key}`);
  return sub;
}

type Sent = { messageSent: { message: { cometchatId: string; conversationId: string } } };

describe('messageSent per viewer', () => {
  it('delivers 1:1 messages to their two users only, and group messages to members only', async () => {
    const { subs, close } = await subscribeAll<Sent>(
      [null, 'cometchat-uid-2', 'cometchat-uid-3', 'cometchat-uid-9'],
      'subscription { messageSent { message { cometchatId conversationId } } }',
    );
    try {
      const direct = await sendText('cometchat-uid-1', { uid: 'cometchat-uid-2' }, 'private hello');
      const privateGroup = await sendText(
        'cometchat-uid-1',
        { guid: 'cometchat-guid-3' },
        'members only',
      );
      const publicGroup = await sendText(
        'cometchat-uid-1',
        { guid: 'cometchat-guid-1' },
        'hikers only',
      );
      // Markers, one per persona, sent last: once each has arrived the earlier events were decided.
      const toTwo = await sendText('cometchat-uid-1', { uid: 'cometchat-uid-2' }, 'marker 2');
      const toThree = await sendText('cometchat-uid-1', { uid: 'cometchat-uid-3' }, 'marker 3');
      const toNine = await sendText('cometchat-uid-1', { uid: 'cometchat-uid-9' }, 'marker 9');

      const ids = (key: string) =>
        get(subs, key).events.map((event) => event.messageSent.message.cometchatId);
      const admin = get(subs, 'admin');
      await admin.waitFor(6);
      expect(ids('admin').sort()).toEqual(
        [direct, privateGroup, publicGroup, toTwo, toThree, toNine].sort(),
      );
      await get(subs, 'cometchat-uid-2').waitFor(3);
      await get(subs, 'cometchat-uid-3').waitFor(2);
      await get(subs, 'cometchat-uid-9').waitFor(1);
      await quietPeriod(500);
      // uid-2: their 1:1 messages and the public group they belong to.
      expect(ids('cometchat-uid-2').sort()).toEqual([direct, publicGroup, toTwo].sort());
      // uid-3: the private group (a member) and their own 1:1, never uid-1 and uid-2's 1:1.
      expect(ids('cometchat-uid-3').sort()).toEqual([privateGroup, publicGroup, toThree].sort());
      // uid-9: only their own 1:1 message.
      expect(ids('cometchat-uid-9')).toEqual([toNine]);
    } finally {
      await close();
    }
  });

  it('filters by conversation, group and sender, and a filter never widens what a user sees', async () => {
    const direct = 'cometchat-uid-1_user_cometchat-uid-2';
    const { subs: byConversation, close: closeA } = await subscribeAll<Sent>(
      ['cometchat-uid-2', 'cometchat-uid-9'],
      'subscription ($c: String) { messageSent(conversationId: $c) { message { cometchatId conversationId } } }',
      { c: direct },
    );
    const { subs: byGroup, close: closeB } = await subscribeAll<Sent>(
      [null],
      'subscription { messageSent(guid: "cometchat-guid-3", senderUid: "cometchat-uid-3") { message { cometchatId conversationId } } }',
    );
    try {
      const first = await sendText('cometchat-uid-1', { uid: 'cometchat-uid-2' }, 'filtered in');
      await sendText('cometchat-uid-1', { uid: 'cometchat-uid-9' }, 'other conversation');
      await sendText('cometchat-uid-1', { guid: 'cometchat-guid-3' }, 'wrong sender');
      const fromThree = await sendText(
        'cometchat-uid-3',
        { guid: 'cometchat-guid-3' },
        'right sender',
      );
      const second = await sendText(
        'cometchat-uid-2',
        { uid: 'cometchat-uid-1' },
        'filtered in too',
      );
      await get(byConversation, 'cometchat-uid-2').waitFor(2);
      await get(byGroup, 'admin').waitFor(1);
      await quietPeriod(500);
      expect(
        get(byConversation, 'cometchat-uid-2').events.map((e) => e.messageSent.message.cometchatId),
      ).toEqual([first, second]);
      expect(get(byConversation, 'cometchat-uid-9').events).toEqual([]);
      expect(get(byGroup, 'admin').events.map((e) => e.messageSent.message.cometchatId)).toEqual([
        fromThree,
      ]);
    } finally {
      await closeA();
      await closeB();
    }
  });
});

describe('other events per viewer', () => {
  it('keeps edits, reactions and read receipts of a 1:1 conversation from outsiders', async () => {
    const id = await sendText('cometchat-uid-1', { uid: 'cometchat-uid-2' }, 'to be edited');
    const query = `subscription {
      messageEdited { messageCometchatId }
    }`;
    const edited = await subscribeAll<{ messageEdited: { messageCometchatId: string } }>(
      [null, 'cometchat-uid-2', 'cometchat-uid-9'],
      query,
    );
    const reacted = await subscribeAll<{ reactionAdded: { reaction: { emoji: string } } }>(
      [null, 'cometchat-uid-2', 'cometchat-uid-9'],
      'subscription { reactionAdded { reaction { emoji } messageCometchatId } }',
    );
    const read = await subscribeAll<{ messageRead: { messageCometchatId: string } }>(
      [null, 'cometchat-uid-1', 'cometchat-uid-9'],
      'subscription { messageRead { messageCometchatId user { uid } } }',
    );
    try {
      expect(
        (
          await chat(t.emulator, 'PUT', `/messages/${id}`, {
            onBehalfOf: 'cometchat-uid-1',
            body: { data: { text: 'edited' } },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await chat(t.emulator, 'POST', `/messages/${id}/reactions/${encodeURIComponent('👍')}`, {
            onBehalfOf: 'cometchat-uid-2',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await chat(t.emulator, 'POST', '/users/cometchat-uid-1/conversation/read', {
            onBehalfOf: 'cometchat-uid-2',
            body: { messageId: Number(id) },
          })
        ).status,
      ).toBe(200);
      for (const key of ['admin', 'cometchat-uid-2']) {
        await get(edited.subs, key).waitFor(1);
        await get(reacted.subs, key).waitFor(1);
      }
      for (const key of ['admin', 'cometchat-uid-1']) await get(read.subs, key).waitFor(1);
      await quietPeriod(500);
      expect(get(edited.subs, 'cometchat-uid-2').events).toEqual([
        { messageEdited: { messageCometchatId: id } },
      ]);
      expect(get(reacted.subs, 'cometchat-uid-2').events).toEqual([
        { reactionAdded: { reaction: { emoji: '👍' }, messageCometchatId: id } },
      ]);
      expect(get(read.subs, 'cometchat-uid-1').events).toEqual([
        { messageRead: { messageCometchatId: id, user: { uid: 'cometchat-uid-2' } } },
      ]);
      expect(get(edited.subs, 'cometchat-uid-9').events).toEqual([]);
      expect(get(reacted.subs, 'cometchat-uid-9').events).toEqual([]);
      expect(get(read.subs, 'cometchat-uid-9').events).toEqual([]);
    } finally {
      await edited.close();
      await reacted.close();
      await read.close();
    }
  });

  it("shows a private group's events to members and to the users they name only", async () => {
    const { subs, close } = await subscribeAll<{ groupUpdated: { guid: string } }>(
      [null, 'cometchat-uid-3', 'cometchat-uid-9'],
      'subscription { groupUpdated { guid group { name } } }',
    );
    const added = await subscribeAll<{ groupMemberAdded: { users: { uid: string }[] } }>(
      ['cometchat-uid-12', 'cometchat-uid-9'],
      'subscription { groupMemberAdded(guid: "cometchat-guid-3") { users { uid } } }',
    );
    try {
      expect(
        (await chat(t.emulator, 'PUT', '/groups/cometchat-guid-3', { body: { name: 'Renamed' } }))
          .status,
      ).toBe(200);
      expect(
        (
          await chat(t.emulator, 'POST', '/groups/cometchat-guid-3/members', {
            body: { participants: ['cometchat-uid-12'] },
          })
        ).status,
      ).toBe(200);
      await get(subs, 'admin').waitFor(1);
      await get(subs, 'cometchat-uid-3').waitFor(1);
      await get(added.subs, 'cometchat-uid-12').waitFor(1);
      await quietPeriod(500);
      expect(get(subs, 'cometchat-uid-3').events).toEqual([
        { groupUpdated: { guid: 'cometchat-guid-3', group: { name: 'Renamed' } } },
      ]);
      expect(get(subs, 'cometchat-uid-9').events).toEqual([]);
      expect(get(added.subs, 'cometchat-uid-12').events).toEqual([
        { groupMemberAdded: { users: [{ uid: 'cometchat-uid-12' }] } },
      ]);
      expect(get(added.subs, 'cometchat-uid-9').events).toEqual([]);
    } finally {
      await close();
      await added.close();
    }
  });

  it('shows a block to the blocker and the blocked user only', async () => {
    const { subs, close } = await subscribeAll<{ userBlocked: { by: { uid: string } } }>(
      [null, 'cometchat-uid-4', 'cometchat-uid-5', 'cometchat-uid-9'],
      'subscription { userBlocked { by { uid } users { uid } } }',
    );
    try {
      expect(
        (
          await chat(t.emulator, 'POST', '/users/cometchat-uid-4/blockedusers', {
            body: { blockedUids: ['cometchat-uid-5'] },
          })
        ).status,
      ).toBe(200);
      for (const key of ['admin', 'cometchat-uid-4', 'cometchat-uid-5']) {
        await get(subs, key).waitFor(1);
      }
      await quietPeriod(500);
      expect(get(subs, 'cometchat-uid-5').events).toEqual([
        { userBlocked: { by: { uid: 'cometchat-uid-4' }, users: [{ uid: 'cometchat-uid-5' }] } },
      ]);
      expect(get(subs, 'cometchat-uid-9').events).toEqual([]);
    } finally {
      await close();
    }
  });

  it("updates a user's conversation list: their own, or the one an admin names", async () => {
    const { subs, close } = await subscribeAll<{
      conversationUpdated: {
        conversationId: string;
        reason: string;
        conversation: { unreadMessageCount: number } | null;
      };
    }>(
      ['cometchat-uid-2', 'cometchat-uid-9'],
      'subscription { conversationUpdated { conversationId reason conversation { unreadMessageCount lastMessage { ... on TextMessage { text } } } } }',
    );
    const watched = await subscribeAll<{ conversationUpdated: { conversationId: string } }>(
      [null],
      'subscription { conversationUpdated(uid: "cometchat-uid-2") { conversationId reason } }',
    );
    try {
      await sendText('cometchat-uid-1', { uid: 'cometchat-uid-2' }, 'new in your list');
      const [event] = await get(subs, 'cometchat-uid-2').waitFor(1);
      expect(event?.conversationUpdated).toMatchObject({
        conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
        reason: 'MESSAGE_SENT',
        conversation: { lastMessage: { text: 'new in your list' } },
      });
      expect(event?.conversationUpdated.conversation?.unreadMessageCount).toBeGreaterThan(0);
      await get(watched.subs, 'admin').waitFor(1);
      await quietPeriod(300);
      expect(get(subs, 'cometchat-uid-9').events).toEqual([]);
    } finally {
      await close();
      await watched.close();
    }
  });

  it("refuses an admin's conversationUpdated without uid, and a user naming someone else", async () => {
    const admin = subscribeWs(
      await clientFor(null),
      'subscription { conversationUpdated { conversationId } }',
    );
    const user = subscribeWs(
      await clientFor('cometchat-uid-9'),
      'subscription { conversationUpdated(uid: "cometchat-uid-1") { conversationId } }',
    );
    await expect.poll(() => admin.errors.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => user.errors.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(admin.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(user.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
