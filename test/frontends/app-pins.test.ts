/**
 * The app-wide pinned conversations over the emulator (seed `demo`): an admin replaces and reads
 * the list; users then see those conversations pinned first as the app's pins; validation before
 * the network; CometChat's refusal as a typed error; end users may neither read nor change it.
 */
import { describe, expect, it } from 'vitest';
import { mutationDocument, useHarness } from '../support/harness.js';
import { overHttp } from './support.js';

const h = useHarness({ seed: 'demo' });

const U1 = 'cometchat-uid-1';
const U2 = 'cometchat-uid-2';
const G1 = 'cometchat-guid-1';

const SET = mutationDocument(
  'appPinnedConversationsSet',
  'pinnedConversations { uid guid pinnedAt user { uid } group { guid } }',
);
const READ = '{ appPinnedConversations { uid guid group { guid } user { uid } } }';

interface Result {
  __typename: string;
  path?: string[];
  pinnedConversations?: { uid: string | null; guid: string | null }[];
}

describe('app-wide pinned conversations', () => {
  it('are replaced and read by an admin, and pinned first for users', async () => {
    const { result, writes } = await h.mutate<Result>(SET, {
      input: { conversations: [{ guid: G1 }, { uid: U2 }] },
    });
    expect(writes).toBe(1);
    expect(result).toMatchObject({
      __typename: 'AppPinnedConversationsSetPayload',
      pinnedConversations: [
        { guid: G1, uid: null },
        { uid: U2, guid: null },
      ],
    });
    const put = h.emulator.requests().find((r) => r.method === 'PUT');
    expect(put?.onBehalfOf).toBeUndefined();
    const read = await h.query<{ appPinnedConversations: unknown[] }>(READ);
    expect(read.errors).toBeUndefined();
    expect(read.data?.appPinnedConversations).toEqual([
      { uid: null, guid: G1, group: { guid: G1 }, user: null },
      { uid: U2, guid: null, group: null, user: { uid: U2 } },
    ]);
    // A user in G1 and in a 1:1 conversation with u2 sees them first, as the app's pins.
    const list = await h.asUser<{
      conversations: { nodes: { isPinned: boolean; isPinnedByApp: boolean }[] };
    }>(U1, '{ conversations(first: 2) { nodes { isPinned isPinnedByApp } } }');
    expect(list.errors).toBeUndefined();
    for (const node of list.data?.conversations.nodes ?? []) {
      expect(node).toEqual({ isPinned: true, isPinnedByApp: true });
    }
    await h.mutate<Result>(SET, { input: { conversations: [] } });
    expect((await h.query<{ appPinnedConversations: unknown[] }>(READ)).data).toEqual({
      appPinnedConversations: [],
    });
  });

  it.each([
    ['both uid and guid', { conversations: [{ uid: U2, guid: G1 }] }],
    ['neither', { conversations: [{}] }],
    ['too many', { conversations: Array.from({ length: 26 }, (_, i) => ({ uid: `u${i}` })) }],
  ])('refuses %s before calling CometChat', async (_name, input) => {
    const { result, calls } = await h.mutate<Result>(SET, { input });
    expect(calls).toBe(0);
    expect(result.__typename).toBe('ValidationError');
  });

  it("maps CometChat's refusal to a typed error", async () => {
    const { result } = await h.mutate<Result>(SET, {
      input: { conversations: [{ uid: 'no-such-user' }] },
    });
    expect(result.__typename).toBe('NotFoundError');
  });

  it('is refused to end users, with no call', async () => {
    h.emulator.clearRequests();
    const read = await overHttp(h, U1, READ);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const write = await overHttp(h, U1, SET, { input: { conversations: [] } });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.emulator.requests().filter((r) => r.path.includes('/pinned'))).toEqual([]);
  });
});
