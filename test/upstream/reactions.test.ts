import { beforeAll, describe, expect, it } from 'vitest';
import { sendMessage } from '../../src/upstream/messages.js';
import { addReaction, listReactions, removeReaction } from '../../src/upstream/reactions.js';
import { createUser } from '../../src/upstream/users.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('none');
let alice = '';
let bob = '';
let messageId = '';

beforeAll(async () => {
  alice = (await createUser(h.client, { uid: uniqueId('ra'), name: 'Alice' })).uid;
  bob = (await createUser(h.client, { uid: uniqueId('rb'), name: 'Bob' })).uid;
  messageId = (
    await sendMessage(
      h.client,
      { receiver: bob, receiverType: 'user', type: 'text', data: { text: 'react to me' } },
      { onBehalfOf: alice },
    )
  ).id;
});

describe('reactions against the emulator', () => {
  it('adds reactions (emoji in the path) and returns the message with counts', async () => {
    await addReaction(h.client, messageId, '👍', { onBehalfOf: alice });
    const message = await addReaction(h.client, messageId, '👍', { onBehalfOf: bob });
    expect(message.id).toBe(messageId);
    expect(message.reactions).toEqual([{ reaction: '👍', count: 2, reactedByMe: true }]);
    const other = await addReaction(h.client, messageId, '🎉', { onBehalfOf: bob });
    expect(other.reactions.map((r) => r.reaction).sort()).toEqual(['🎉', '👍'].sort());
  });

  it('lists who reacted, all emojis or one, with cursor paging', async () => {
    const all = await listReactions(h.client, messageId, { limit: 2, affix: 'append' });
    expect(all.items).toHaveLength(2);
    expect(all.items[0]).toMatchObject({ messageId, reaction: '👍', uid: alice });
    expect(all.items[0]?.reactedAt).toBeInstanceOf(Date);
    expect(all.items[0]?.reactedBy).toMatchObject({ kind: 'user', uid: alice });
    expect(all.next).toMatchObject({ affix: 'append', id: all.items[1]?.id });

    const rest = await listReactions(h.client, messageId, {
      limit: 2,
      affix: 'append',
      id: all.next?.id,
    });
    expect(rest.items.map((r) => r.reaction)).toEqual(['🎉']);
    expect(rest.next).toBeNull();

    const thumbs = await listReactions(h.client, messageId, { reaction: '👍', limit: 10 });
    expect(thumbs.items.map((r) => r.uid).sort()).toEqual([alice, bob].sort());
  });

  it('removes a reaction', async () => {
    const message = await removeReaction(h.client, messageId, '🎉', { onBehalfOf: bob });
    expect(message.reactions.map((r) => r.reaction)).toEqual(['👍']);
  });

  it('requires onBehalfOf locally and answers not_found for an unknown message', async () => {
    const c = h.client;
    const before = c.stats.requests;
    await expectFailure(h, addReaction(c, messageId, '👍'), 'invalid', 'CLIENT_INVALID_ARGUMENT');
    expect(c.stats.requests).toBe(before);
    await expectFailure(
      h,
      addReaction(c, '99999999', '👍', { onBehalfOf: alice }),
      'not_found',
      'ERR_MESSAGE_ID_NOT_FOUND',
    );
  });
});
