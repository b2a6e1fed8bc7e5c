import { describe, expect, it } from 'vitest';
import { demoGuid as g, demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  mutationDocument,
  USER_ERROR_FIELDS,
  type UserErrorShape,
  useHarness,
  VIOLATION_FIELDS,
} from '../support/harness.js';

const h = useHarness();

interface GroupView {
  guid: string;
  name: string;
  type: string;
  description: string | null;
  icon: string | null;
  metadata: Record<string, unknown> | null;
  tags: string[];
  owner: { uid: string } | null;
  membersCount: number;
  members: { nodes: { scope: string; user: { uid: string } }[] };
  bannedUsers: { nodes: { uid: string }[] };
}

const GROUP_FIELDS =
  'guid name type description icon metadata tags owner { uid } membersCount members(first: 100) { nodes { scope user { uid } } } bannedUsers { nodes { uid } }';

async function readGroup(guid: string): Promise<GroupView | null> {
  const response = await h.query<{ group: GroupView | null }>(
    `query ($guid: String!) { group(guid: $guid) { ${GROUP_FIELDS} } }`,
    { guid },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.group ?? null;
}

const scopes = (group: GroupView | null) =>
  Object.fromEntries((group?.members.nodes ?? []).map((m) => [m.user.uid, m.scope]));

const CREATE = mutationDocument(
  'groupCreate',
  `group { ${GROUP_FIELDS} }`,
  `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`,
);

type CreateResult = { __typename: string; group?: GroupView } & Partial<UserErrorShape>;

describe('groupCreate', () => {
  it('creates a password group with an owner, initial members by scope and bans', async () => {
    const { result, calls } = await h.mutate<CreateResult>(CREATE, {
      input: {
        guid: 'Trail-Crew',
        name: 'Trail Crew',
        type: 'PASSWORD',
        password: 'switchback',
        description: 'Trail maintenance volunteers.',
        icon: 'https://example.com/icons/trail.png',
        metadata: { region: 'north' },
        tags: ['outdoors', 'volunteers'],
        ownerUid: u(1),
        members: {
          admins: [u(2)],
          moderators: [u(3)],
          participants: [u(4), u(5).toUpperCase()],
          usersToBan: [u(6)],
        },
      },
    });
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(h.emulator.requests().filter((r) => r.method !== 'GET')).toHaveLength(1);
    expect(result.__typename).toBe('GroupCreatePayload');
    expect(result.group).toMatchObject({
      guid: 'trail-crew',
      name: 'Trail Crew',
      type: 'PASSWORD',
      description: 'Trail maintenance volunteers.',
      metadata: { region: 'north' },
      tags: ['outdoors', 'volunteers'],
      owner: { uid: u(1) },
    });
    const stored = await readGroup('trail-crew');
    expect(scopes(stored)).toEqual({
      [u(1)]: 'ADMIN',
      [u(2)]: 'ADMIN',
      [u(3)]: 'MODERATOR',
      [u(4)]: 'PARTICIPANT',
      [u(5)]: 'PARTICIPANT',
    });
    expect(stored?.bannedUsers.nodes).toEqual([{ uid: u(6) }]);
    const sent = h.emulator.store.groups.get('trail-crew');
    expect(sent?.password).toBe('switchback');
  });

  it('creates a public group owned by the app when no owner is given', async () => {
    const { result } = await h.mutate<CreateResult>(CREATE, {
      input: { guid: 'app-owned', name: 'App owned' },
    });
    expect(result.group).toMatchObject({ guid: 'app-owned', type: 'PUBLIC', owner: null });
    expect((await readGroup('app-owned'))?.membersCount).toBe(0);
  });

  it('makes the user caller the owner of the group they create', async () => {
    const response = await h.asUser<{ groupCreate: CreateResult }>(u(7), CREATE, {
      input: { guid: 'user-made', name: 'User made', type: 'PRIVATE' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.groupCreate.group?.owner).toEqual({ uid: u(7) });
    expect(scopes(await readGroup('user-made'))).toEqual({ [u(7)]: 'ADMIN' });
  });

  it('requires a password for a PASSWORD group, before calling CometChat', async () => {
    const { result, calls } = await h.mutate<CreateResult>(CREATE, {
      input: { guid: 'locked', name: 'Locked', type: 'PASSWORD' },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'password'],
      code: null,
    });
    const publicWithPassword = await h.mutate<CreateResult>(CREATE, {
      input: { guid: 'unlocked', name: 'Unlocked', type: 'PUBLIC', password: 'secret' },
    });
    expect(publicWithPassword.calls).toBe(0);
    expect(publicWithPassword.result).toMatchObject({ path: ['input', 'password'] });
  });

  it('refuses bad input with every violation under input, before calling CometChat', async () => {
    const { result, calls } = await h.mutate<CreateResult>(CREATE, {
      input: {
        guid: 'not valid!',
        name: 'x'.repeat(101),
        type: 'PUBLIC',
        icon: 'ftp://example.com/a.png',
        tags: Array.from({ length: 26 }, (_, i) => `t${i}`),
        members: { admins: [u(2)], participants: [u(2)] },
      },
    });
    expect(calls).toBe(0);
    expect(result.__typename).toBe('ValidationError');
    expect(result.violations?.map((v) => v.path.join('.')).sort()).toEqual(
      [
        'input.guid',
        'input.icon',
        'input.members.participants.0',
        'input.name',
        'input.tags',
      ].sort(),
    );
  });

  it('allows at most 25 initial members across the lists', async () => {
    const uids = Array.from({ length: 26 }, (_, i) => `someone-${i}`);
    const { result, calls } = await h.mutate<CreateResult>(CREATE, {
      input: {
        guid: 'crowded',
        name: 'Crowded',
        members: { participants: uids.slice(0, 20), moderators: uids.slice(20) },
      },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'members'] });
  });

  it('answers ConflictError for a guid that exists, keeping the CometChat code', async () => {
    const { result, calls } = await h.mutate<CreateResult>(CREATE, {
      input: { guid: g(1), name: 'Again' },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'guid'],
      code: 'ERR_GUID_ALREADY_EXISTS',
    });
  });

  it('answers NotFoundError pointing at ownerUid for an unknown owner', async () => {
    const { result } = await h.mutate<CreateResult>(CREATE, {
      input: { guid: 'orphan', name: 'Orphan', ownerUid: 'nobody-at-all' },
    });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'ownerUid'],
      code: 'ERR_UID_NOT_FOUND',
    });
    expect(await readGroup('orphan')).toBeNull();
  });
});

const UPDATE = mutationDocument('groupUpdate', `group { ${GROUP_FIELDS} }`);

type UpdateResult = { __typename: string; group?: GroupView } & Partial<UserErrorShape>;

describe('groupUpdate', () => {
  it('changes fields and clears icon, description and metadata', async () => {
    const { result, calls } = await h.mutate<UpdateResult>(UPDATE, {
      input: {
        guid: g(3),
        name: 'Project Phoenix II',
        tags: ['work'],
        unset: ['ICON', 'DESCRIPTION', 'METADATA'],
      },
    });
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(result.__typename).toBe('GroupUpdatePayload');
    const expected = {
      name: 'Project Phoenix II',
      tags: ['work'],
      icon: null,
      description: null,
      metadata: null,
      type: 'PRIVATE',
    };
    expect(result.group).toMatchObject(expected);
    expect(await readGroup(g(3))).toMatchObject(expected);
    const put = h.emulator.requests().filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(1);
  });

  it('switches a group to PASSWORD with a password', async () => {
    const { result } = await h.mutate<UpdateResult>(UPDATE, {
      input: { guid: 'app-owned', type: 'PASSWORD', password: 'open-sesame' },
    });
    expect(result.group?.type).toBe('PASSWORD');
    expect(h.emulator.store.groups.get('app-owned')?.password).toBe('open-sesame');
  });

  it('transfers the ownership to a member, who becomes an admin', async () => {
    const { result } = await h.mutate<UpdateResult>(UPDATE, {
      input: { guid: g(4), ownerUid: u(12) },
    });
    expect(result.group?.owner).toEqual({ uid: u(12) });
    const stored = await readGroup(g(4));
    expect(stored?.owner).toEqual({ uid: u(12) });
    expect(scopes(stored)[u(12)]).toBe('ADMIN');
  });

  it('refuses a change that sets and clears the same field, or changes nothing', async () => {
    const both = await h.mutate<UpdateResult>(UPDATE, {
      input: { guid: g(1), icon: 'https://example.com/x.png', unset: ['ICON'] },
    });
    expect(both.calls).toBe(0);
    expect(both.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'unset', '0'],
    });
    const nothing = await h.mutate<UpdateResult>(UPDATE, { input: { guid: g(1) } });
    expect(nothing.calls).toBe(0);
    expect(nothing.result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
    const password = await h.mutate<UpdateResult>(UPDATE, {
      input: { guid: g(1), type: 'PUBLIC', password: 'nope' },
    });
    expect(password.calls).toBe(0);
    expect(password.result).toMatchObject({ path: ['input', 'password'] });
  });

  it('answers NotFoundError for an unknown group', async () => {
    const { result } = await h.mutate<UpdateResult>(UPDATE, {
      input: { guid: 'no-such-group', name: 'X' },
    });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'guid'],
      code: 'ERR_GUID_NOT_FOUND',
    });
  });

  it('answers ConflictError when the new owner is not a member', async () => {
    const { result } = await h.mutate<UpdateResult>(UPDATE, {
      input: { guid: g(1), ownerUid: u(20) },
    });
    expect(result).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'ownerUid'],
      code: 'ERR_NOT_A_MEMBER',
    });
    expect((await readGroup(g(1)))?.owner).toEqual({ uid: u(1) });
  });

  it("answers ValidationError at password when CometChat wants one it wasn't given", async () => {
    const { result } = await h.mutate<UpdateResult>(UPDATE, {
      input: { guid: g(1), type: 'PASSWORD' },
    });
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'password'],
      code: 'ERR_EMPTY_GROUP_PASS',
    });
  });

  it('lets a user caller update only with the scope for it, and never transfer ownership', async () => {
    const participant = await h.asUser<{ groupUpdate: UpdateResult }>(u(3), UPDATE, {
      input: { guid: g(1), name: 'Mine now' },
    });
    expect(participant.data?.groupUpdate).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_GROUP_NO_SCOPE_CLEARANCE',
    });
    h.emulator.clearRequests();
    const transfer = await h.asUser<{ groupUpdate: UpdateResult }>(u(1), UPDATE, {
      input: { guid: g(1), ownerUid: u(2) },
    });
    expect(transfer.data?.groupUpdate).toMatchObject({
      __typename: 'PermissionDeniedError',
      path: ['input', 'ownerUid'],
    });
    expect(h.emulator.requests()).toHaveLength(0);
    const moderator = await h.asUser<{ groupUpdate: UpdateResult }>(u(2), UPDATE, {
      input: { guid: g(1), description: 'Hikes, every weekend.' },
    });
    expect(moderator.data?.groupUpdate.group?.description).toBe('Hikes, every weekend.');
  });
});

const DELETE = mutationDocument('groupDelete', 'guid deletedGroupId');

type DeleteResult = {
  __typename: string;
  guid?: string;
  deletedGroupId?: string;
} & Partial<UserErrorShape>;

describe('groupDelete', () => {
  it('deletes the group, returning the global ID it had', async () => {
    const before = await h.query<{ group: { id: string } }>(`{ group(guid: "user-made") { id } }`);
    const { result, calls } = await h.mutate<DeleteResult>(DELETE, {
      input: { guid: 'User-Made' },
    });
    expect(calls).toBe(1);
    expect(result).toEqual({
      __typename: 'GroupDeletePayload',
      guid: 'user-made',
      deletedGroupId: before.data?.group.id,
    });
    expect(await readGroup('user-made')).toBeNull();
  });

  it('refuses a malformed guid before calling CometChat', async () => {
    const { result, calls } = await h.mutate<DeleteResult>(DELETE, { input: { guid: '' } });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'guid'] });
  });

  it('answers NotFoundError for an unknown group', async () => {
    const { result } = await h.mutate<DeleteResult>(DELETE, { input: { guid: 'user-made' } });
    expect(result).toMatchObject({ __typename: 'NotFoundError', code: 'ERR_GUID_NOT_FOUND' });
  });
});

describe('several group mutations in one operation', () => {
  it('runs them in order, and a failure neither hides nor undoes the others', async () => {
    const response = await h.query<{
      a: { __typename: string };
      b: { __typename: string; code?: string };
      c: { __typename: string; group?: { name: string } };
    }>(`mutation {
      a: groupCreate(input: { guid: "in-order", name: "First" }) { __typename }
      b: groupCreate(input: { guid: "in-order", name: "Again" }) { __typename ${USER_ERROR_FIELDS} }
      c: groupUpdate(input: { guid: "in-order", name: "Renamed" }) {
        __typename ... on GroupUpdatePayload { group { name } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.a.__typename).toBe('GroupCreatePayload');
    expect(response.data?.b).toMatchObject({ __typename: 'ConflictError' });
    expect(response.data?.c.group?.name).toBe('Renamed');
    expect((await readGroup('in-order'))?.name).toBe('Renamed');
  });
});
