import { describe, expect, it } from 'vitest';
import {
  createUser,
  deactivateUsers,
  deleteUser,
  getUser,
  listUsers,
  reactivateUsers,
  updateUser,
} from '../../src/upstream/users.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('demo');

describe('users against the emulator', () => {
  it('lists users as records with page info', async () => {
    const page = await listUsers(h.client, { perPage: 5, page: 2, withTags: true });
    expect(page.items).toHaveLength(5);
    expect(page.pagination).toMatchObject({ perPage: 5, currentPage: 2, count: 5 });
    expect(page.pagination.totalPages).toBeGreaterThan(2);
    for (const user of page.items) {
      expect(user.kind).toBe('user');
      expect(user.createdAt).toBeInstanceOf(Date);
      expect(['available', 'offline']).toContain(user.status);
    }
  });

  it('filters by search key and status', async () => {
    const page = await listUsers(h.client, { searchKey: 'Andrew', status: 'available' });
    expect(page.items.map((u) => u.uid)).toContain('cometchat-uid-1');
    expect(page.items.every((u) => u.status === 'available')).toBe(true);
  });

  it('gets one user, with viewer-relative fields when acting as another user', async () => {
    const user = await getUser(h.client, 'cometchat-uid-1', { onBehalfOf: 'cometchat-uid-2' });
    expect(user).toMatchObject({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', kind: 'user' });
    expect(user.conversationId).toBe('cometchat-uid-1_user_cometchat-uid-2');
    expect(user.blockedByMe).toBe(false);
  });

  it('answers not_found (ERR_UID_NOT_FOUND) for an unknown uid', async () => {
    const error = await expectFailure(
      h,
      getUser(h.client, 'no-such-user'),
      'not_found',
      'ERR_UID_NOT_FOUND',
    );
    expect(error.status).toBe(404);
    expect(error.path).toBe('/users/no-such-user');
  });

  it('creates a user (lowercasing the uid) with an auth token, updates and unsets fields', async () => {
    const uid = uniqueId('Client-User');
    const created = await createUser(h.client, {
      uid,
      name: 'Test Person',
      avatar: 'https://example.com/a.png',
      link: 'https://example.com/p',
      metadata: { team: 'qa' },
      tags: ['qa'],
      withAuthToken: true,
    });
    expect(created.uid).toBe(uid.toLowerCase());
    expect(created.authToken).toEqual(expect.any(String));
    expect(created.metadata).toEqual({ team: 'qa' });

    const updated = await updateUser(h.client, created.uid, {
      name: 'Renamed',
      statusMessage: 'Busy',
      unset: ['link'],
    });
    expect(updated).toMatchObject({ name: 'Renamed', statusMessage: 'Busy', link: null });
    expect(updated.updatedAt).toBeInstanceOf(Date);
  });

  it('answers conflict when the uid exists and invalid with details for a bad body', async () => {
    await expectFailure(
      h,
      createUser(h.client, { uid: 'cometchat-uid-1', name: 'Dup' }),
      'conflict',
    );
    const invalid = await expectFailure(
      h,
      createUser(h.client, { uid: 'has spaces!', name: '' }),
      'invalid',
      'ERR_BAD_REQUEST',
    );
    expect(invalid.details?.uid?.[0]).toEqual(expect.any(String));
  });

  it('deactivates and reactivates users in bulk', async () => {
    const uid = (await createUser(h.client, { uid: uniqueId('deact'), name: 'D' })).uid;
    expect(await deactivateUsers(h.client, [uid])).toEqual([uid]);
    await expectFailure(h, getUser(h.client, uid), 'not_found', 'ERR_UID_NOT_FOUND');
    const deactivated = await listUsers(h.client, { onlyDeactivated: true, perPage: 1000 });
    expect(deactivated.items.find((u) => u.uid === uid)?.deactivatedAt).toBeInstanceOf(Date);
    expect(await reactivateUsers(h.client, [uid])).toEqual([uid]);
    expect((await getUser(h.client, uid)).deactivatedAt).toBeNull();
  });

  it('deletes a user', async () => {
    const uid = (await createUser(h.client, { uid: uniqueId('gone'), name: 'G' })).uid;
    const ack = await deleteUser(h.client, uid, { permanent: true });
    expect(ack.success).toBe(true);
    expect(ack.message).toContain(uid);
    await expectFailure(h, deleteUser(h.client, uid), 'not_found', 'ERR_UID_NOT_FOUND');
  });
});
