/**
 * Thread subscriptions over the emulator (seed `demo`): follow and mute a thread as the viewing
 * user, `isThreadSubscribed` on the parent (automatic for the starter), validation before the
 * network, CometChat's refusals as typed errors, and the per-viewer rules.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../support/emulator-http.js';
import { mutationDocument, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U9 = 'cometchat-uid-9';

interface FollowResult {
  __typename: string;
  parentMessage?: { cometchatId: string; isThreadSubscribed: boolean | null };
  path?: string[];
  code?: string | null;
}

const SELECTION = 'parentMessage { cometchatId isThreadSubscribed }';
const SUBSCRIBE = mutationDocument('messageThreadSubscribe', SELECTION);
const UNSUBSCRIBE = mutationDocument('messageThreadUnsubscribe', SELECTION);

function mutate(text: string, input: Json, as?: string) {
  return h.mutate<FollowResult>(text, { input }, as === undefined ? {} : { as });
}

async function send(as: string, to: string): Promise<string> {
  const response = await h.asUser<{ messageSend: { sentMessage: { cometchatId: string } } }>(
    as,
    `mutation($input: MessageSendInput!) { messageSend(input: $input) {
      ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
    { input: { receiverUids: [to], text: 'Start a thread here' } },
  );
  const id = response.data?.messageSend.sentMessage.cometchatId;
  if (!id) throw new Error('not sent');
  return id;
}

async function followed(as: string, id: string): Promise<boolean | null> {
  const response = await h.asUser<{ message: { isThreadSubscribed: boolean | null } }>(
    as,
    'query($id: String!) { message(id: $id) { isThreadSubscribed } }',
    { id },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.message.isThreadSubscribed ?? null;
}

describe('messageThreadSubscribe / messageThreadUnsubscribe', () => {
  it('follows and mutes a thread as the viewing user only', async () => {
    const id = await send(U1, U2);
    expect(await followed(U2, id)).toBe(false);
    const on = await mutate(SUBSCRIBE, { messageId: id }, U2);
    expect(on.result).toEqual({
      __typename: 'MessageThreadSubscribePayload',
      parentMessage: { cometchatId: id, isThreadSubscribed: true },
    });
    expect(on.writes).toBeGreaterThan(0);
    const write = h.emulator
      .requests()
      .find((r) => r.method === 'POST' && r.path.endsWith('/thread/subscription'));
    expect(write?.onBehalfOf).toBe(U2);
    // Private to U2: the sender has not followed a thread without replies.
    expect(await followed(U1, id)).toBe(false);
    const off = await mutate(UNSUBSCRIBE, { messageId: id }, U2);
    expect(off.result).toMatchObject({ parentMessage: { isThreadSubscribed: false } });
    expect(await followed(U2, id)).toBe(false);
  });

  it('the starter follows a thread once it has a reply, and may mute it', async () => {
    const id = await send(U1, U2);
    const reply = await h.asUser(
      U2,
      `mutation { messageReply(input: { parentMessageId: "${id}", text: "A reply" }) { __typename } }`,
    );
    expect(reply.errors).toBeUndefined();
    expect(await followed(U1, id)).toBe(true);
    expect(await followed(U2, id)).toBe(true);
    await mutate(UNSUBSCRIBE, { messageId: id }, U1);
    expect(await followed(U1, id)).toBe(false);
  });

  it('refuses bad input and an admin without X-Act-As before the network', async () => {
    const bad = await mutate(SUBSCRIBE, { messageId: 'nope' }, U1);
    expect(bad.calls).toBe(0);
    expect(bad.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'messageId'],
    });
    const admin = await mutate(SUBSCRIBE, { messageId: '1' });
    expect(admin.calls).toBe(0);
    expect(admin.result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
    const isNull = await h.query<{ message: { isThreadSubscribed: unknown } }>(
      '{ message(id: "1") { isThreadSubscribed } }',
    );
    expect(isNull.data?.message.isThreadSubscribed).toBeNull();
  });

  it("maps CometChat's refusals to typed errors", async () => {
    const missing = await mutate(SUBSCRIBE, { messageId: '999999' }, U1);
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
    const id = await send(U1, U2);
    const outsider = await mutate(SUBSCRIBE, { messageId: id }, U9);
    expect(outsider.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_MESSAGE_NO_ACCESS',
    });
  });
});
