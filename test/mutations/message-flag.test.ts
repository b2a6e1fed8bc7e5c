/**
 * Flagging a message for moderation over the emulator (seed `demo`): as the viewing user with one
 * of the app's reasons, validation before the network, CometChat's refusals, and who may flag.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../support/emulator-http.js';
import { mutationDocument, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U9 = 'cometchat-uid-9';

interface FlagResult {
  __typename: string;
  flaggedMessage?: { cometchatId: string };
  path?: string[];
  code?: string | null;
}

const FLAG = mutationDocument('messageFlag', 'flaggedMessage { cometchatId }');

function mutate(input: Json, as?: string) {
  return h.mutate<FlagResult>(FLAG, { input }, as === undefined ? {} : { as });
}

async function send(): Promise<string> {
  const response = await h.asUser<{ messageSend: { sentMessage: { cometchatId: string } } }>(
    U1,
    `mutation { messageSend(input: { receiverUids: ["${U2}"], text: "Buy now!" }) {
      ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
  );
  const id = response.data?.messageSend.sentMessage.cometchatId;
  if (!id) throw new Error('not sent');
  return id;
}

describe('messageFlag', () => {
  it("reports a message as the viewing user with the app's reason and a remark", async () => {
    const id = await send();
    const { result, writes } = await mutate(
      { messageId: id, reasonId: 'spam', remark: 'Promotional content' },
      U2,
    );
    expect(result).toEqual({
      __typename: 'MessageFlagPayload',
      flaggedMessage: { cometchatId: id },
    });
    expect(writes).toBeGreaterThan(0);
    const post = h.emulator.requests().find((r) => r.path.endsWith('/flagged'));
    expect(post?.onBehalfOf).toBe(U2);
    expect(h.emulator.store.flags.at(-1)).toMatchObject({
      messageId: Number(id),
      uid: U2,
      reasonId: 'spam',
      remark: 'Promotional content',
    });
  });

  it.each([
    ['a bad message id', { messageId: 'x', reasonId: 'spam' }, ['input', 'messageId']],
    ['an empty reason', { messageId: '1', reasonId: '  ' }, ['input', 'reasonId']],
    [
      'a long remark',
      { messageId: '1', reasonId: 'spam', remark: 'x'.repeat(1001) },
      ['input', 'remark'],
    ],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await mutate(input, U2);
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path });
  });

  it('flags only as the viewing user: an admin without X-Act-As is refused before the network', async () => {
    const { result, calls } = await mutate({ messageId: '1', reasonId: 'spam' });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
  });

  it("maps CometChat's refusals to typed errors", async () => {
    const id = await send();
    const reason = await mutate({ messageId: id, reasonId: 'not-a-reason' }, U2);
    expect(reason.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'reasonId'],
    });
    const outsider = await mutate({ messageId: id, reasonId: 'spam' }, U9);
    expect(outsider.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_MESSAGE_NO_ACCESS',
    });
    const missing = await mutate({ messageId: '999999', reasonId: 'spam' }, U2);
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
  });
});
