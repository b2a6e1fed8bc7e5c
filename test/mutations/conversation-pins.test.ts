/**
 * Conversation pins over the emulator (seed `demo`): a user pins and unpins 1:1 and group
 * conversations in their own list, `isPinned` and the pinned-first order of conversation lists,
 * `pinnedOnly`, validation before the network, CometChat's refusals, and the per-viewer rules.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../support/emulator-http.js';
import { mutationDocument, useHarness } from '../support/harness.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const U3 = 'cometchat-uid-3';
const U9 = 'cometchat-uid-9';
const G1 = 'cometchat-guid-1';

interface PinResult {
  __typename: string;
  conversation?: { conversationId: string; isPinned: boolean; pinnedAt: string | null };
  path?: string[];
  code?: string | null;
}

const SELECTION = 'conversation { conversationId isPinned pinnedAt isPinnedByApp }';
const PIN = mutationDocument('conversationPin', SELECTION);
const UNPIN = mutationDocument('conversationUnpin', SELECTION);

function mutate(text: string, input: Json, as?: string) {
  return h.mutate<PinResult>(text, { input }, as === undefined ? {} : { as });
}

interface Listed {
  conversationId: string;
  isPinned: boolean;
}

async function listOf(as: string, args = ''): Promise<Listed[]> {
  const response = await h.asUser<{ conversations: { nodes: Listed[] } }>(
    as,
    `{ conversations(first: 50${args}) { nodes { conversationId isPinned } } }`,
  );
  expect(response.errors).toBeUndefined();
  return response.data?.conversations.nodes ?? [];
}

describe('conversationPin / conversationUnpin', () => {
  it("pins 1:1 and group conversations first in the user's own list, privately", async () => {
    const before = await listOf(U1);
    expect(before.length).toBeGreaterThan(2);
    const last = before.at(-1);
    if (!last) throw new Error('no conversations');

    const group = await mutate(PIN, { withGroup: G1 }, U1);
    expect(group.calls).toBe(1);
    expect(group.result).toMatchObject({
      __typename: 'ConversationPinPayload',
      conversation: { conversationId: `group_${G1}`, isPinned: true, isPinnedByApp: false },
    });
    expect(group.result.conversation?.pinnedAt).toEqual(expect.any(String));
    expect(h.emulator.requests().at(-1)).toMatchObject({ method: 'POST', onBehalfOf: U1 });
    const user = await mutate(PIN, { conversationId: last.conversationId }, U1);
    expect(user.result.conversation).toMatchObject({ isPinned: true });

    const after = await listOf(U1);
    expect(after.slice(0, 2).every((c) => c.isPinned)).toBe(true);
    expect(after.slice(2).some((c) => c.isPinned)).toBe(false);
    const pinned = await listOf(U1, ', pinnedOnly: true');
    expect(pinned.map((c) => c.conversationId).sort()).toEqual(
      [`group_${G1}`, last.conversationId].sort(),
    );
    // Private: another member of the group does not see U1's pin.
    const other = (await listOf(U2)).find((c) => c.conversationId === `group_${G1}`);
    expect(other?.isPinned).toBe(false);

    const unpinned = await mutate(UNPIN, { withGroup: G1 }, U1);
    expect(unpinned.result).toMatchObject({
      __typename: 'ConversationUnpinPayload',
      conversation: { isPinned: false, pinnedAt: null },
    });
    await mutate(UNPIN, { conversationId: last.conversationId }, U1);
    expect(await listOf(U1, ', pinnedOnly: true')).toEqual([]);
  });

  it('costs no extra upstream call in a conversation list', async () => {
    const plain = await h.countUpstream(() =>
      h.asUser(U1, '{ conversations(first: 25) { nodes { conversationId } } }'),
    );
    const pinned = await h.countUpstream(() =>
      h.asUser(U1, '{ conversations(first: 25) { nodes { conversationId isPinned pinnedAt } } }'),
    );
    expect(pinned).toBe(plain);
  });

  it.each([
    ['no conversation', {}, ['input', 'conversationId']],
    ['two conversations', { withUser: U2, withGroup: G1 }, ['input', 'withGroup']],
    ['a bad uid', { withUser: 'no such!' }, ['input', 'withUser']],
    ['oneself', { withUser: U1 }, ['input', 'withUser']],
  ])('refuses %s before calling CometChat', async (_name, input, path) => {
    const { result, calls } = await mutate(PIN, input, U1);
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path });
  });

  it('acts only as the viewing user: an admin without X-Act-As is refused before the network', async () => {
    const { result, calls } = await mutate(PIN, { withGroup: G1 });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
    // Someone else's conversation id is not one the caller takes part in.
    const foreign = await mutate(PIN, { conversationId: `${U2}_user_${U3}` }, U1);
    expect(foreign.calls).toBe(0);
    expect(foreign.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'conversationId'],
    });
  });

  it("maps CometChat's refusals to typed errors", async () => {
    const notMember = await mutate(PIN, { withGroup: G1 }, U9);
    // CometChat answers a conversation the user cannot see like an absent one.
    expect(notMember.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'withGroup'],
      code: 'ERR_CONVERSATION_NOT_ACCESSIBLE',
    });
    const missing = await mutate(PIN, { withGroup: 'no-such-group' }, U1);
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'withGroup'],
      code: 'ERR_GUID_NOT_FOUND',
    });
    const conversations = await listOf(U1);
    expect(conversations.length).toBeGreaterThanOrEqual(6);
    for (const c of conversations.slice(0, 5)) {
      const { result } = await mutate(PIN, { conversationId: c.conversationId }, U1);
      expect(result.__typename).toBe('ConversationPinPayload');
    }
    const sixth = await mutate(PIN, { conversationId: conversations[5]?.conversationId ?? '' }, U1);
    expect(sixth.result).toMatchObject({
      __typename: 'ConflictError',
      code: 'ERR_PINNED_CONVERSATIONS_LIMIT_EXCEEDED',
    });
    for (const c of conversations.slice(0, 5)) {
      await mutate(UNPIN, { conversationId: c.conversationId }, U1);
    }
  });
});
