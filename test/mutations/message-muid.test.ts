/**
 * messageSend is idempotent by `muid` after an unknown outcome: the send reached CometChat but its
 * answer was lost, the client sends again with the same `muid`, and CometChat ends up with one
 * message, which the second call returns.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  t.emulator.clearFaults();
});

interface SendBody {
  data?: {
    messageSend: null | {
      __typename: string;
      sentMessage?: { cometchatId: string; muid: string | null; text: string | null };
    };
  } | null;
  errors?: { extensions?: { code?: string } }[];
}

async function send(input: string): Promise<SendBody> {
  const response = await t.inProcess('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      query: `mutation { messageSend(input: { ${input} }) {
        __typename
        ... on MessageSendPayload { sentMessage { cometchatId muid ... on TextMessage { text } } }
      } }`,
    }),
  });
  return (await response.json()) as SendBody;
}

function storedWithMuid(muid: string): number {
  return [...t.emulator.store.messages.values()].filter((message) => message.muid === muid).length;
}

describe('messageSend with a muid after an unknown outcome', () => {
  it('returns the message that reached CometChat instead of sending it again (1:1)', async () => {
    const input =
      'senderUid: "cometchat-uid-1", receiverUids: ["cometchat-uid-2"], text: "exactly once", muid: "muid-once-1"';
    t.emulator.injectFault({ method: 'POST', path: '/v3/messages', mode: 'reset-after' });
    t.emulator.clearRequests();
    const first = await send(input);
    expect(first.errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(storedWithMuid('muid-once-1')).toBe(1);

    const second = await send(input);
    expect(second.errors).toBeUndefined();
    expect(second.data?.messageSend?.sentMessage).toMatchObject({
      muid: 'muid-once-1',
      text: 'exactly once',
    });
    expect(storedWithMuid('muid-once-1')).toBe(1);
    expect(t.requestCount('POST', '/v3/messages')).toBe(1);

    // The outcome is known now: a third send with that muid is a new message, as CometChat allows.
    const third = await send(input);
    expect(third.errors).toBeUndefined();
    expect(storedWithMuid('muid-once-1')).toBe(2);
  });

  it('does the same for a group', async () => {
    const input =
      'senderUid: "cometchat-uid-1", receiverGuids: ["cometchat-guid-1"], text: "to the group", muid: "muid-once-2"';
    t.emulator.injectFault({ method: 'POST', path: '/v3/messages', mode: 'reset-after' });
    expect((await send(input)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    const again = await send(input);
    expect(again.errors).toBeUndefined();
    expect(again.data?.messageSend?.sentMessage?.muid).toBe('muid-once-2');
    expect(storedWithMuid('muid-once-2')).toBe(1);
  });

  it('sends when the earlier attempt never reached CometChat', async () => {
    const input =
      'senderUid: "cometchat-uid-1", receiverUids: ["cometchat-uid-3"], text: "late", muid: "muid-once-3"';
    t.emulator.injectFault({ method: 'POST', path: '/v3/messages', status: 504 });
    expect((await send(input)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    expect(storedWithMuid('muid-once-3')).toBe(0);
    t.emulator.clearRequests();
    const again = await send(input);
    expect(again.errors).toBeUndefined();
    expect(storedWithMuid('muid-once-3')).toBe(1);
    expect(t.requestCount('POST', '/v3/messages')).toBe(1);
  });

  it('sends nothing when the check itself fails', async () => {
    const input =
      'senderUid: "cometchat-uid-1", receiverUids: ["cometchat-uid-4"], text: "careful", muid: "muid-once-4"';
    t.emulator.injectFault({ method: 'POST', path: '/v3/messages', mode: 'reset-after' });
    expect((await send(input)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    t.emulator.injectFault({
      method: 'GET',
      path: '/v3/messages',
      status: 500,
    });
    t.emulator.clearRequests();
    const failed = await send(input);
    expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(t.requestCount('POST', '/v3/messages')).toBe(0);
    expect(storedWithMuid('muid-once-4')).toBe(1);
  });
});

describe('messageByMuid: looking a message up by its muid in a conversation', () => {
  async function lookup(args: string): Promise<{
    data?: { messageByMuid: { cometchatId: string; muid: string | null } | null } | null;
    errors?: { path?: (string | number)[]; extensions?: { code?: string } }[];
  }> {
    const response = await t.inProcess('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: `{ messageByMuid(${args}) { cometchatId muid } }` }),
    });
    return (await response.json()) as never;
  }

  it('finds a message whose send had an unknown outcome, in one upstream call', async () => {
    const input =
      'senderUid: "cometchat-uid-1", receiverUids: ["cometchat-uid-5"], text: "did it land?", muid: "muid-lookup-1"';
    t.emulator.injectFault({ method: 'POST', path: '/v3/messages', mode: 'reset-after' });
    expect((await send(input)).errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    const stored = [...t.emulator.store.messages.values()].find((m) => m.muid === 'muid-lookup-1');

    t.emulator.clearRequests();
    const byUser = await lookup(
      'muid: "muid-lookup-1", by: { withUser: "cometchat-uid-5" }, uid: "cometchat-uid-1"',
    );
    expect(byUser.errors).toBeUndefined();
    expect(byUser.data?.messageByMuid).toEqual({
      cometchatId: String(stored?.id),
      muid: 'muid-lookup-1',
    });
    expect(t.emulator.requests()).toHaveLength(1);

    const byId = await lookup(
      'muid: "muid-lookup-1", by: { conversationId: "cometchat-uid-1_user_cometchat-uid-5" }',
    );
    expect(byId.data?.messageByMuid?.muid).toBe('muid-lookup-1');
  });

  it('answers null for a muid the conversation does not hold', async () => {
    const body = await lookup('muid: "never-sent", by: { withGroup: "cometchat-guid-1" }');
    expect(body.errors).toBeUndefined();
    expect(body.data?.messageByMuid).toBeNull();
  });

  it('refuses a lookup without exactly one valid conversation, calling nothing', async () => {
    t.emulator.clearRequests();
    for (const args of [
      'muid: "m"',
      'muid: "m", by: { withGroup: "cometchat-guid-1", conversationId: "group_cometchat-guid-1" }',
      'muid: "m", by: { withUser: "cometchat-uid-2" }',
      'muid: "m", by: { id: "bm90LWEtY29udmVyc2F0aW9u" }',
      'muid: "  ", by: { withGroup: "cometchat-guid-1" }',
    ]) {
      const body = await lookup(args);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.data?.messageByMuid ?? null).toBeNull();
    }
    expect(t.emulator.requests()).toHaveLength(0);
  });

  it('fails alone when the conversation cannot be read', async () => {
    t.emulator.injectFault({ method: 'GET', path: '/v3/messages', status: 500 });
    const response = await t.inProcess('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({
        query:
          '{ messageByMuid(muid: "m", by: { withGroup: "cometchat-guid-1" }) { muid } viewer { kind } }',
      }),
    });
    const body = (await response.json()) as {
      data: { messageByMuid: unknown; viewer: { kind: string } };
      errors: { path: string[]; extensions: { code: string } }[];
    };
    expect(body.data.messageByMuid).toBeNull();
    expect(body.data.viewer.kind).toBe('ADMIN');
    expect(body.errors[0]?.path).toEqual(['messageByMuid']);
    expect(body.errors[0]?.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});
