import { describe, expect, it } from 'vitest';
import {
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  updateGroup,
} from '../../src/upstream/groups.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('demo');

describe('groups against the emulator', () => {
  it('lists groups with page info and tags', async () => {
    const page = await listGroups(h.client, { perPage: 2, withTags: true });
    expect(page.items).toHaveLength(2);
    expect(page.pagination.perPage).toBe(2);
    for (const group of page.items) {
      expect(group.kind).toBe('group');
      expect(group.conversationId).toBe(`group_${group.guid}`);
      expect(group.membersCount).toBeGreaterThan(0);
    }
  });

  it('lists only joined groups for a viewer, with the viewer scope', async () => {
    const page = await listGroups(
      h.client,
      { hasJoined: true, perPage: 100 },
      { onBehalfOf: 'cometchat-uid-2' },
    );
    const hiking = page.items.find((g) => g.guid === 'cometchat-guid-1');
    expect(hiking).toMatchObject({ hasJoined: true, scope: 'moderator' });
    expect(hiking?.joinedAt).toBeInstanceOf(Date);
    expect(page.items.every((g) => g.hasJoined === true)).toBe(true);
  });

  it('gets a group and answers not_found (ERR_GUID_NOT_FOUND) for an unknown one', async () => {
    const group = await getGroup(h.client, 'cometchat-guid-1');
    expect(group).toMatchObject({ guid: 'cometchat-guid-1', name: 'Hiking Group', type: 'public' });
    await expectFailure(h, getGroup(h.client, 'no-such-group'), 'not_found', 'ERR_GUID_NOT_FOUND');
  });

  it('creates a password group with members, updates it and deletes it', async () => {
    const guid = uniqueId('grp').toLowerCase();
    const created = await createGroup(h.client, {
      guid,
      name: 'Book Club',
      type: 'password',
      password: 'open-sesame',
      description: 'Monthly reads',
      icon: 'https://example.com/book.png',
      owner: 'cometchat-uid-1',
      tags: ['books'],
      metadata: { genre: 'scifi' },
      members: {
        admins: ['cometchat-uid-1'],
        participants: ['cometchat-uid-3', 'cometchat-uid-4'],
      },
    });
    expect(created).toMatchObject({
      guid,
      type: 'password',
      owner: 'cometchat-uid-1',
      tags: ['books'],
    });
    expect(created.membersCount).toBe(3);
    expect(JSON.stringify(created)).not.toContain('open-sesame');

    const updated = await updateGroup(h.client, guid, {
      name: 'Book Club 2',
      unset: ['description'],
    });
    expect(updated).toMatchObject({ name: 'Book Club 2', description: null });

    expect((await deleteGroup(h.client, guid)).success).toBe(true);
    await expectFailure(h, getGroup(h.client, guid), 'not_found', 'ERR_GUID_NOT_FOUND');
  });

  it('refuses an update by a participant (forbidden)', async () => {
    const error = await expectFailure(
      h,
      updateGroup(
        h.client,
        'cometchat-guid-1',
        { name: 'Hijacked' },
        { onBehalfOf: 'cometchat-uid-3' },
      ),
      'forbidden',
    );
    expect(error.code).toMatch(/^ERR_GROUP_NO_/);
  });

  it('answers invalid for a password group without a password', async () => {
    await expectFailure(
      h,
      createGroup(h.client, { guid: uniqueId('nopw'), name: 'No password', type: 'password' }),
      'invalid',
    );
  });
});
