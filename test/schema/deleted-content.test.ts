/**
 * A soft-deleted message keeps its facts (sender, times, `deletedAt`) but no longer shows its
 * content through the gateway, although CometChat (and the emulator) still return it.
 */
import { expect, it } from 'vitest';
import { useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

it('hides the text and metadata of a soft-deleted message', async () => {
  const sent = await h.asUser<{ messageSend: { sentMessage: { cometchatId: string } } }>(
    'cometchat-uid-1',
    `mutation { messageSend(input: { receiverUids: ["cometchat-uid-2"], text: "secret plan",
      metadata: { note: "private" } }) { ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
  );
  const id = sent.data?.messageSend.sentMessage.cometchatId ?? '';
  const read = () =>
    h.asUser<{ message: { text: string | null; metadata: unknown; deletedAt: string | null } }>(
      'cometchat-uid-2',
      'query($id: String!) { message(id: $id) { deletedAt metadata ... on TextMessage { text } } }',
      { id },
    );
  expect((await read()).data?.message).toMatchObject({ text: 'secret plan', deletedAt: null });
  const deleted = await h.asUser(
    'cometchat-uid-1',
    `mutation { messageDelete(input: { messageId: "${id}" }) { __typename } }`,
  );
  expect(deleted.errors).toBeUndefined();
  // The emulator still holds the text, as CometChat retains soft-deleted messages.
  expect(h.emulator.store.messages.get(Number(id))?.data.text).toBe('secret plan');
  const after = (await read()).data?.message;
  expect(after?.deletedAt).toEqual(expect.any(String));
  expect(after?.text).toBeNull();
  expect(after?.metadata).toBeNull();
});
