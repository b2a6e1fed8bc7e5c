import { describe, expect, it } from 'vitest';
import { createGroup } from '../../src/upstream/groups.js';
import {
  addMembers,
  banMember,
  changeMemberScope,
  kickMember,
  listBannedUsers,
  listMembers,
  unbanMember,
} from '../../src/upstream/members.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('demo');

async function freshGroup(): Promise<string> {
  const guid = uniqueId('members').toLowerCase();
  await createGroup(h.client, {
    guid,
    name: 'Members Test',
    type: 'public',
    owner: 'cometchat-uid-1',
    members: { admins: ['cometchat-uid-1'] },
  });
  return guid;
}

describe('group members against the emulator', () => {
  it('lists members with scopes and embedded user records', async () => {
    const page = await listMembers(h.client, 'cometchat-guid-1', { perPage: 100 });
    const admin = page.items.find((m) => m.user.uid === 'cometchat-uid-1');
    expect(admin).toMatchObject({ guid: 'cometchat-guid-1', scope: 'admin' });
    expect(admin?.joinedAt).toBeInstanceOf(Date);
    expect(admin?.user.name).toBe('Andrew Joseph');

    const moderators = await listMembers(h.client, 'cometchat-guid-1', { scopes: ['moderator'] });
    expect(moderators.items.map((m) => m.user.uid)).toEqual(['cometchat-uid-2']);
  });

  it('adds members per bucket with the action messages, and reports failed items', async () => {
    const guid = await freshGroup();
    const outcome = await addMembers(h.client, guid, {
      moderators: ['cometchat-uid-2'],
      participants: ['cometchat-uid-3', 'no-such-user'],
      usersToBan: ['cometchat-uid-9'],
    });
    expect(outcome.moderators['cometchat-uid-2']?.success).toBe(true);
    const added = outcome.participants['cometchat-uid-3'];
    expect(added?.success).toBe(true);
    expect(added?.data).toMatchObject({ category: 'action', type: 'groupMember', action: 'added' });
    expect(added?.data?.entities.on).toMatchObject({ kind: 'user', uid: 'cometchat-uid-3' });
    expect(outcome.participants['no-such-user']).toMatchObject({
      success: false,
      code: 'ERR_UID_NOT_FOUND',
    });
    expect(outcome.usersToBan['cometchat-uid-9']?.success).toBe(true);
    expect(outcome.admins).toEqual({});
  });

  it('changes a scope, kicks, bans and unbans', async () => {
    const guid = await freshGroup();
    await addMembers(h.client, guid, { participants: ['cometchat-uid-5', 'cometchat-uid-6'] });

    const scope = await changeMemberScope(h.client, guid, 'cometchat-uid-5', 'moderator');
    expect(scope).toMatchObject({ guid, uid: 'cometchat-uid-5', scope: 'moderator' });

    expect((await kickMember(h.client, guid, 'cometchat-uid-5')).success).toBe(true);
    expect((await banMember(h.client, guid, 'cometchat-uid-6')).success).toBe(true);
    const banned = await listBannedUsers(h.client, guid);
    expect(banned.items.map((b) => b.user.uid)).toEqual(['cometchat-uid-6']);
    expect(banned.items[0]?.guid).toBe(guid);

    expect((await unbanMember(h.client, guid, 'cometchat-uid-6')).success).toBe(true);
    expect((await listBannedUsers(h.client, guid)).items).toEqual([]);
  });

  it('lists the seeded ban of a private group', async () => {
    const banned = await listBannedUsers(h.client, 'cometchat-guid-3');
    expect(banned.items.map((b) => b.user.uid)).toContain('cometchat-uid-11');
  });

  it('enforces scope rules when acting as a member (forbidden)', async () => {
    const error = await expectFailure(
      h,
      kickMember(h.client, 'cometchat-guid-1', 'cometchat-uid-4', {
        onBehalfOf: 'cometchat-uid-3',
      }),
      'forbidden',
    );
    expect(error.code).toMatch(/^ERR_GROUP_NO_/);
  });

  it('answers not_found for members of an unknown group', async () => {
    await expectFailure(
      h,
      listMembers(h.client, 'no-such-group'),
      'not_found',
      'ERR_GUID_NOT_FOUND',
    );
  });
});
