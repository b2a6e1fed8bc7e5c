/**
 * Events whose payload repeats exactly for a later, different event (CometChat's `user_blocked` is
 * `{users, by}`, a member event `{group, members, by}`, with no time): block, unblock, block again
 * is two blocks for subscribers, not one block and a redelivery. Over the emulator's own webhook
 * deliveries, and over posted redeliveries of the same payloads.
 */
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN_TOKEN } from '../../src/config.js';
import { chat } from '../support/emulator-http.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  postDelivery,
  quietPeriod,
  type Recorded,
  subscribed,
  subscribeWs,
  unsubscribed,
  wsClient,
} from '../support/realtime.js';

const credentials = { username: 'hookuser', password: 'hookpassword123' };

let t: TestGateway;
let client: Client;

beforeAll(async () => {
  t = await startTestGateway({
    mode: 'embedded',
    env: { WEBHOOK_USERNAME: credentials.username, WEBHOOK_PASSWORD: credentials.password },
  });
  t.secrets.push(credentials.password);
  client = wsClient(t.info.graphqlUrl, DEV_ADMIN_TOKEN);
});
afterAll(async () => {
  await client?.dispose();
  await t?.close();
});

async function subscribe<T>(query: string): Promise<Recorded<T>> {
  const base = t.gateway.realtime.bus.active;
  const sub = subscribeWs<T>(client, query);
  await subscribed(t.gateway, base);
  return sub;
}

async function closeAll(...subs: Recorded<unknown>[]): Promise<void> {
  const open = t.gateway.realtime.bus.active;
  for (const sub of subs) await sub.close();
  await unsubscribed(t.gateway, open - subs.length);
}

function expectOk(reply: { status: number; body: unknown }): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

type Blocked = { userBlocked: { by: { uid: string }; users: { uid: string }[] } };
type Unblocked = { userUnblocked: { by: { uid: string } } };

describe('repeated payloads from the emulator', () => {
  it('delivers block, unblock, block again as two blocks and one unblock', async () => {
    const blocked = await subscribe<Blocked>(
      'subscription { userBlocked(uid: "cometchat-uid-6") { by { uid } users { uid } } }',
    );
    const unblocked = await subscribe<Unblocked>(
      'subscription { userUnblocked(uid: "cometchat-uid-6") { by { uid } } }',
    );
    try {
      const path = '/users/cometchat-uid-6/blockedusers';
      const body = { blockedUids: ['cometchat-uid-7'] };
      expectOk(await chat(t.emulator, 'POST', path, { body }));
      await blocked.waitFor(1);
      expectOk(await chat(t.emulator, 'DELETE', path, { body }));
      await unblocked.waitFor(1);
      expectOk(await chat(t.emulator, 'POST', path, { body }));
      await blocked.waitFor(2);
      await quietPeriod(300);
      const expected = { by: { uid: 'cometchat-uid-6' }, users: [{ uid: 'cometchat-uid-7' }] };
      expect(blocked.events).toEqual([{ userBlocked: expected }, { userBlocked: expected }]);
      expect(unblocked.events).toHaveLength(1);
    } finally {
      await closeAll(blocked, unblocked);
      await chat(t.emulator, 'DELETE', '/users/cometchat-uid-6/blockedusers', {
        body: { blockedUids: ['cometchat-uid-7'] },
      });
    }
  });

  it('delivers add, kick, add again of a member as two additions', async () => {
    type Added = { groupMemberAdded: { group: { guid: string } } };
    const added = await subscribe<Added>(
      'subscription { groupMemberAdded(guid: "cometchat-guid-1") { group { guid } } }',
    );
    const kicked = await subscribe<unknown>(
      'subscription { groupMemberKicked(guid: "cometchat-guid-1") { group { guid } } }',
    );
    try {
      const members = '/groups/cometchat-guid-1/members';
      const add = { body: { participants: ['cometchat-uid-9'] } };
      expectOk(await chat(t.emulator, 'POST', members, add));
      await added.waitFor(1);
      expectOk(await chat(t.emulator, 'DELETE', `${members}/cometchat-uid-9`, {}));
      await kicked.waitFor(1);
      expectOk(await chat(t.emulator, 'POST', members, add));
      await added.waitFor(2);
      await quietPeriod(300);
      expect(added.events).toHaveLength(2);
      expect(kicked.events).toHaveLength(1);
    } finally {
      await closeAll(added, kicked);
      await chat(t.emulator, 'DELETE', '/groups/cometchat-guid-1/members/cometchat-uid-9', {});
    }
  });
});

describe('redeliveries of repeated payloads', () => {
  const delivery = (trigger: string, by: string, blockedUid: string) => ({
    trigger,
    appId: 'emulator',
    region: 'us',
    webhook: 'hook1',
    data: { users: { [blockedUid]: { uid: blockedUid, name: 'B' } }, by: { uid: by, name: 'A' } },
  });
  const post = async (body: unknown) =>
    (await (await postDelivery(t.info.url, credentials, body)).json()) as { duplicate?: boolean };

  it('still drops a redelivery of the latest event about a subject, sequential or concurrent', async () => {
    const block = delivery('user_blocked', 'cometchat-uid-10', 'cometchat-uid-11');
    const unblock = delivery('user_unblocked', 'cometchat-uid-10', 'cometchat-uid-11');
    expect((await post(block)).duplicate).toBe(false);
    expect((await post(block)).duplicate).toBe(true);
    expect((await post(unblock)).duplicate).toBe(false);
    expect((await post(unblock)).duplicate).toBe(true);
    // The same payload again after an unblock: a new block, redelivered three times at once.
    const answers = await Promise.all([post(block), post(block), post(block)]);
    expect(answers.filter((answer) => answer.duplicate === false)).toHaveLength(1);
    expect((await post(block)).duplicate).toBe(true);
    // Another pair is another subject: its first block is new.
    const other = delivery('user_blocked', 'cometchat-uid-10', 'cometchat-uid-12');
    expect((await post(other)).duplicate).toBe(false);
    // A pair's sequence goes on: unblock, block, unblock again are each new.
    expect((await post(unblock)).duplicate).toBe(false);
    expect((await post(block)).duplicate).toBe(false);
    expect((await post(unblock)).duplicate).toBe(false);
    expect((await post(unblock)).duplicate).toBe(true);
  });
});
