import { describe, expect, it } from 'vitest';
import {
  addFriends,
  blockUsers,
  listBlockedUsers,
  listFriends,
  removeFriends,
  unblockUsers,
} from '../../src/upstream/relations.js';
import { createUser, getUser } from '../../src/upstream/users.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('none');

async function users(n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push((await createUser(h.client, { uid: uniqueId('rel'), name: `Rel ${i}` })).uid);
  }
  return out;
}

describe('friends and blocked users against the emulator', () => {
  it('adds, lists and removes friends, reporting failed items', async () => {
    const [me, a, b] = await users(3);
    const outcome = await addFriends(h.client, me ?? '', [a ?? '', b ?? '', 'no-such-user']);
    expect(outcome[a ?? '']?.success).toBe(true);
    expect(outcome['no-such-user']).toMatchObject({ success: false, code: 'ERR_UID_NOT_FOUND' });

    const friends = await listFriends(h.client, me ?? '', { perPage: 10 });
    expect(friends.items.map((u) => u.uid).sort()).toEqual([a, b].sort());
    expect(friends.items.every((u) => u.kind === 'user')).toBe(true);

    expect((await removeFriends(h.client, me ?? '', [a ?? ''])).success).toBe(true);
    expect((await listFriends(h.client, me ?? '')).items.map((u) => u.uid)).toEqual([b]);
  });

  it('blocks, lists blocked users with block times, and unblocks', async () => {
    const [me, a] = await users(2);
    const blocked = await blockUsers(h.client, me ?? '', [a ?? '', me ?? '']);
    expect(blocked[a ?? '']?.success).toBe(true);
    expect(blocked[me ?? '']).toMatchObject({ success: false, code: 'ERR_CANNOT_BLOCK_SELF' });

    const list = await listBlockedUsers(h.client, me ?? '');
    expect(list.items.map((u) => u.uid)).toEqual([a]);
    expect(list.items[0]?.blockedByMe).toBe(true);
    expect(list.items[0]?.blockedByMeAt).toBeInstanceOf(Date);

    const seen = await getUser(h.client, me ?? '', { onBehalfOf: a });
    expect(seen.hasBlockedMe).toBe(true);

    const unblocked = await unblockUsers(h.client, me ?? '', [a ?? '']);
    expect(unblocked[a ?? '']?.success).toBe(true);
    expect((await listBlockedUsers(h.client, me ?? '')).items).toEqual([]);
  });

  it('answers not_found for relations of an unknown user', async () => {
    await expectFailure(h, listFriends(h.client, 'no-such-user'), 'not_found', 'ERR_UID_NOT_FOUND');
    await expectFailure(
      h,
      blockUsers(h.client, 'no-such-user', ['x']),
      'not_found',
      'ERR_UID_NOT_FOUND',
    );
  });
});
