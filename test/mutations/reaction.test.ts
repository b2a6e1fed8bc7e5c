/**
 * Reaction mutations over the real emulator (seed `demo`): add and remove as a user, the message
 * with its new reactions in the payload and in later queries, validation without upstream calls,
 * and CometChat's refusals as typed errors.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../support/emulator-http.js';
import { mutationDocument, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';
const U9 = 'cometchat-uid-9';

interface Summary {
  emoji: string;
  count: number;
}

interface ReactionResult {
  __typename: string;
  reactedMessage?: { cometchatId: string; reactions: Summary[] };
  message?: string;
  path?: string[];
  code?: string | null;
}

const REACTED = 'reactedMessage { cometchatId reactions { emoji count } }';
const ADD = mutationDocument('messageReactionAdd', REACTED);
const REMOVE = mutationDocument('messageReactionRemove', REACTED);

/** Runs `text` with `input` as its one argument; returns the result and the upstream calls. */
function mutate(text: string, input: Json) {
  return h.mutate<ReactionResult>(text, { input });
}

async function newMessage(): Promise<{ cometchatId: string; id: string }> {
  const response = await h.query<{
    messageSend: { sentMessage: { cometchatId: string; id: string } };
  }>(
    `mutation { messageSend(input: { senderUid: "${U1}", receiverUids: ["${U2}"], text: "React to me" }) {
      ... on MessageSendPayload { sentMessage { cometchatId id } } } }`,
  );
  expect(response.errors).toBeUndefined();
  const sent = response.data?.messageSend.sentMessage;
  if (!sent) throw new Error('not sent');
  return sent;
}

async function reactionsOf(id: string): Promise<{ reactions: Summary[]; who: Json[] }> {
  const response = await h.query<{
    message: { reactions: Summary[]; reactionsConnection: { nodes: Json[] } };
  }>(
    `query($id: String!) { message(id: $id) {
      reactions { emoji count }
      reactionsConnection { nodes { emoji user { uid } } }
    } }`,
    { id },
  );
  expect(response.errors).toBeUndefined();
  const message = response.data?.message;
  if (!message) throw new Error('no message');
  return { reactions: message.reactions, who: message.reactionsConnection.nodes };
}

describe('messageReactionAdd', () => {
  it('reacts as a user and returns the message with its new reactions', async () => {
    const { cometchatId } = await newMessage();
    const first = await mutate(ADD, { messageId: cometchatId, emoji: '👍', uid: U2 });
    expect(first.calls).toBe(1);
    expect(first.result).toEqual({
      __typename: 'MessageReactionAddPayload',
      reactedMessage: { cometchatId, reactions: [{ emoji: '👍', count: 1 }] },
    });
    const second = await mutate(ADD, { messageId: cometchatId, emoji: '👍', uid: U1 });
    expect(second.result.reactedMessage?.reactions).toEqual([{ emoji: '👍', count: 2 }]);
    const state = await reactionsOf(cometchatId);
    expect(state.reactions).toEqual([{ emoji: '👍', count: 2 }]);
    expect(state.who).toEqual([
      { emoji: '👍', user: { uid: U2 } },
      { emoji: '👍', user: { uid: U1 } },
    ]);
    const log = h.emulator.requests().filter((r) => r.method === 'POST');
    expect(log.at(-1)?.onBehalfOf).toBe(U1);
  });

  it('accepts a global ID', async () => {
    const { cometchatId, id } = await newMessage();
    const { result } = await mutate(ADD, { messageId: id, emoji: '🎉', uid: U2 });
    expect(result.reactedMessage).toEqual({ cometchatId, reactions: [{ emoji: '🎉', count: 1 }] });
  });

  it.each([
    ['no reacting user', { messageId: '1', emoji: '👍' }, ['input', 'uid']],
    ['empty emoji', { messageId: '1', emoji: ' ', uid: U2 }, ['input', 'emoji']],
    ['long emoji', { messageId: '1', emoji: 'x'.repeat(46), uid: U2 }, ['input', 'emoji']],
    ['bad message id', { messageId: 'abc', emoji: '👍', uid: U2 }, ['input', 'messageId']],
    ['bad uid', { messageId: '1', emoji: '👍', uid: 'no such!' }, ['input', 'uid']],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await mutate(ADD, input);
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path, code: null });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const missing = await mutate(ADD, { messageId: '999999', emoji: '👍', uid: U2 });
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
    const { cometchatId } = await newMessage();
    const outsider = await mutate(ADD, { messageId: cometchatId, emoji: '👍', uid: U9 });
    expect(outsider.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_MESSAGE_NO_ACCESS',
    });
    const ghost = await mutate(ADD, { messageId: cometchatId, emoji: '👍', uid: 'ghost-user' });
    expect(ghost.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });

  it('lets a user caller react only as themselves', async () => {
    const { cometchatId } = await newMessage();
    const run = async (input: Json) =>
      (await h.asUser<{ messageReactionAdd: ReactionResult }>(U2, ADD, { input })).data
        ?.messageReactionAdd;
    expect(await run({ messageId: cometchatId, emoji: '👍', uid: U3 })).toMatchObject({
      __typename: 'PermissionDeniedError',
      path: ['input', 'uid'],
    });
    expect(await run({ messageId: cometchatId, emoji: '👍' })).toMatchObject({
      reactedMessage: { reactions: [{ emoji: '👍', count: 1 }] },
    });
  });
});

describe('messageReactionRemove', () => {
  it("takes a user's reaction back and returns the message without it", async () => {
    const { cometchatId } = await newMessage();
    await mutate(ADD, { messageId: cometchatId, emoji: '❤️', uid: U1 });
    await mutate(ADD, { messageId: cometchatId, emoji: '😂', uid: U2 });
    const { result, calls } = await mutate(REMOVE, {
      messageId: cometchatId,
      emoji: '❤️',
      uid: U1,
    });
    expect(calls).toBe(1);
    expect(result).toEqual({
      __typename: 'MessageReactionRemovePayload',
      reactedMessage: { cometchatId, reactions: [{ emoji: '😂', count: 1 }] },
    });
    const state = await reactionsOf(cometchatId);
    expect(state.reactions).toEqual([{ emoji: '😂', count: 1 }]);
    expect(state.who).toEqual([{ emoji: '😂', user: { uid: U2 } }]);
  });

  it('refuses bad input before calling CometChat', async () => {
    const { result, calls } = await mutate(REMOVE, { messageId: '1', emoji: '', uid: U1 });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'emoji'] });
  });

  it('maps CometChat refusals to typed errors', async () => {
    const { result } = await mutate(REMOVE, { messageId: '999999', emoji: '👍', uid: U1 });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
  });
});
