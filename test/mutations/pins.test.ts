/**
 * Message pins and saves over the emulator (seed `demo`): pinning for a conversation (as a user or
 * as the app), the pinned messages of a conversation, private saves and the viewer's saved
 * messages, validation without upstream calls, CometChat's refusals as typed errors, and the
 * per-viewer rules. `isPinned`/`isSaved` on a message list cost no extra upstream call.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../support/emulator-http.js';
import { mutationDocument, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';
const U9 = 'cometchat-uid-9';
const G1 = 'cometchat-guid-1'; // u1 admin, u2 moderator, u3 participant

interface MarkResult {
  __typename: string;
  message?: string;
  path?: string[];
  code?: string | null;
  [field: string]: unknown;
}

const FIELDS = 'cometchatId isPinned isPinnedByApp pinnedAt pinnedBy { uid } isSaved savedAt';
const PIN = mutationDocument('messagePin', `pinnedMessage { ${FIELDS} }`);
const UNPIN = mutationDocument('messageUnpin', `unpinnedMessage { ${FIELDS} }`);
const SAVE = mutationDocument('messageSave', `savedMessage { ${FIELDS} }`);
const UNSAVE = mutationDocument('messageUnsave', `unsavedMessage { ${FIELDS} }`);

async function send(as: string, to: { receiverUids?: string[]; receiverGuids?: string[] }) {
  const response = await h.asUser<{ messageSend: { sentMessage: { cometchatId: string } } }>(
    as,
    `mutation($input: MessageSendInput!) { messageSend(input: $input) {
      ... on MessageSendPayload { sentMessage { cometchatId } } } }`,
    { input: { ...to, text: 'Pin or save me' } },
  );
  expect(response.errors).toBeUndefined();
  const id = response.data?.messageSend.sentMessage.cometchatId;
  if (!id) throw new Error('not sent');
  return id;
}

function mutate(text: string, input: Json, as?: string) {
  return h.mutate<MarkResult>(text, { input }, as === undefined ? {} : { as });
}

async function pinnedIn(as: string, other: string): Promise<string[]> {
  const response = await h.asUser<{
    conversation: { messages: { nodes: { cometchatId: string }[] } } | null;
  }>(
    as,
    `query($with: String!) { conversation(withUser: $with) {
      messages(pinnedOnly: true, first: 50) { nodes { cometchatId } } } }`,
    { with: other },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.conversation?.messages.nodes.map((n) => n.cometchatId) ?? [];
}

async function savedOf(as: string): Promise<string[]> {
  const response = await h.asUser<{
    viewer: { savedMessages: { nodes: { cometchatId: string; isSaved: boolean }[] } };
  }>(as, '{ viewer { savedMessages(first: 50) { nodes { cometchatId isSaved } } } }');
  expect(response.errors).toBeUndefined();
  const nodes = response.data?.viewer.savedMessages.nodes ?? [];
  for (const node of nodes) expect(node.isSaved).toBe(true);
  return nodes.map((n) => n.cometchatId);
}

describe('messagePin / messageUnpin', () => {
  it('pins for the whole conversation as the user caller, and unpins', async () => {
    const id = await send(U1, { receiverUids: [U2] });
    const pinned = await mutate(PIN, { messageId: id }, U1);
    expect(pinned.calls).toBe(1);
    expect(pinned.result).toMatchObject({
      __typename: 'MessagePinPayload',
      pinnedMessage: {
        cometchatId: id,
        isPinned: true,
        isPinnedByApp: false,
        pinnedBy: { uid: U1 },
      },
    });
    expect(h.emulator.requests().at(-1)).toMatchObject({ method: 'POST', onBehalfOf: U1 });
    // The other participant sees the pin too.
    expect(await pinnedIn(U2, U1)).toContain(id);
    const unpinned = await mutate(UNPIN, { messageId: id }, U2);
    expect(unpinned.result).toMatchObject({
      __typename: 'MessageUnpinPayload',
      unpinnedMessage: { cometchatId: id, isPinned: false, pinnedAt: null, pinnedBy: null },
    });
    expect(await pinnedIn(U1, U2)).not.toContain(id);
  });

  it('pins as the app for an admin caller', async () => {
    const id = await send(U1, { receiverGuids: [G1] });
    const { result } = await mutate(PIN, { messageId: id });
    expect(result).toMatchObject({
      pinnedMessage: { isPinned: true, isPinnedByApp: true, pinnedBy: null, isSaved: null },
    });
    expect(h.emulator.requests().at(-1)?.onBehalfOf).toBeUndefined();
  });

  it.each([
    ['a bad message id', { messageId: 'abc' }, ['input', 'messageId']],
    ['an empty message id', { messageId: ' ' }, ['input', 'messageId']],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await mutate(PIN, input, U1);
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path, code: null });
  });

  it("maps CometChat's refusals to typed errors", async () => {
    const missing = await mutate(PIN, { messageId: '999999' }, U1);
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'messageId'],
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
    const id = await send(U1, { receiverGuids: [G1] });
    const participant = await mutate(PIN, { messageId: id }, U3);
    expect(participant.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_GROUP_NO_SCOPE_CLEARANCE',
    });
    const moderator = await mutate(PIN, { messageId: id }, U2);
    expect(moderator.result).toMatchObject({ pinnedMessage: { isPinned: true } });
    const outsider = await mutate(UNPIN, { messageId: id }, U9);
    expect(outsider.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_MESSAGE_NO_ACCESS',
    });
  });

  it('refuses the 101st pin of a conversation with a ConflictError', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 101; i++) ids.push(await send(U3, { receiverUids: [U9] }));
    for (const id of ids.slice(0, 100)) {
      expect((await mutate(PIN, { messageId: id }, U3)).result.__typename).toBe(
        'MessagePinPayload',
      );
    }
    const over = await mutate(PIN, { messageId: ids[100] ?? '' }, U3);
    expect(over.result).toMatchObject({
      __typename: 'ConflictError',
      code: 'ERR_PINNED_MESSAGES_LIMIT_EXCEEDED',
    });
  });
});

describe('messageSave / messageUnsave', () => {
  it("saves privately for the viewing user and lists the viewer's saved messages", async () => {
    const id = await send(U1, { receiverUids: [U2] });
    const saved = await mutate(SAVE, { messageId: id }, U2);
    expect(saved.calls).toBe(1);
    expect(saved.result).toMatchObject({
      __typename: 'MessageSavePayload',
      savedMessage: { cometchatId: id, isSaved: true },
    });
    expect(saved.result.savedMessage).toMatchObject({ savedAt: expect.any(String) });
    expect(h.emulator.requests().at(-1)).toMatchObject({ method: 'POST', onBehalfOf: U2 });
    expect(await savedOf(U2)).toContain(id);
    // Private: the sender neither sees it as saved nor lists it.
    expect(await savedOf(U1)).not.toContain(id);
    const seen = await h.asUser<{ message: { isSaved: boolean } }>(
      U1,
      'query($id: String!) { message(id: $id) { isSaved } }',
      { id },
    );
    expect(seen.data?.message.isSaved).toBe(false);

    const unsaved = await mutate(UNSAVE, { messageId: id }, U2);
    expect(unsaved.result).toMatchObject({
      __typename: 'MessageUnsavePayload',
      unsavedMessage: { cometchatId: id, isSaved: false, savedAt: null },
    });
    expect(await savedOf(U2)).not.toContain(id);
  });

  it('acts only as the viewing user: an admin without X-Act-As is refused before the network', async () => {
    const id = await send(U1, { receiverUids: [U2] });
    const { result, calls } = await mutate(SAVE, { messageId: id });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
    const list = await h.query<{ viewer: { savedMessages: unknown } }>(
      '{ viewer { savedMessages { nodes { cometchatId } } } }',
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.viewer.savedMessages).toEqual({ nodes: [] });
  });

  it('refuses a bad id before calling CometChat, and maps refusals', async () => {
    const bad = await mutate(SAVE, { messageId: 'x1' }, U2);
    expect(bad.calls).toBe(0);
    expect(bad.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'messageId'],
    });
    const id = await send(U1, { receiverUids: [U2] });
    const outsider = await mutate(SAVE, { messageId: id }, U9);
    expect(outsider.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_MESSAGE_NO_ACCESS',
    });
    const missing = await mutate(UNSAVE, { messageId: '999999' }, U2);
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      code: 'ERR_MESSAGE_ID_NOT_FOUND',
    });
  });
});

describe('isPinned and isSaved on message lists', () => {
  it('come with the messages: no extra upstream call per page', async () => {
    const a = await send(U1, { receiverUids: [U2] });
    const b = await send(U2, { receiverUids: [U1] });
    await mutate(PIN, { messageId: a }, U1);
    await mutate(SAVE, { messageId: b }, U1);
    const list = (fields: string) =>
      `query { conversation(withUser: "${U2}") { messages(last: 25) { nodes { cometchatId ${fields} } } } }`;
    const plain = await h.countUpstream(() => h.asUser(U1, list('')));
    let response: Awaited<ReturnType<typeof h.asUser>> | undefined;
    const marked = await h.countUpstream(async () => {
      response = await h.asUser(U1, list('isPinned isSaved pinnedBy { uid }'));
    });
    expect(response?.errors).toBeUndefined();
    expect(marked).toBe(plain);
    const nodes = (response?.data as { conversation: { messages: { nodes: Json[] } } } | undefined)
      ?.conversation.messages.nodes;
    expect(nodes).toContainEqual({
      cometchatId: a,
      isPinned: true,
      isSaved: false,
      pinnedBy: { uid: U1 },
    });
    expect(nodes).toContainEqual({
      cometchatId: b,
      isPinned: false,
      isSaved: true,
      pinnedBy: null,
    });
  });
});
