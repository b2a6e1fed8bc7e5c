import { describe, expect, it } from 'vitest';
import { demoGuid as g, demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  mutationDocument,
  USER_ERROR_FIELDS,
  type UserErrorShape,
  useHarness,
} from '../support/harness.js';

const h = useHarness();

interface Membership {
  id: string;
  scope: string;
}

/** The members of a group as the gateway lists them, by uid, and the banned uids. */
async function readGroup(
  guid: string,
): Promise<{ members: Map<string, Membership>; banned: string[]; count: number }> {
  const response = await h.query<{
    group: {
      membersCount: number;
      members: { nodes: (Membership & { user: { uid: string } })[] };
      bannedUsers: { nodes: { uid: string }[] };
    };
  }>(
    `query ($guid: String!) { group(guid: $guid) {
      membersCount
      members(first: 100) { nodes { id scope user { uid } } }
      bannedUsers(first: 100) { nodes { uid } }
    } }`,
    { guid },
  );
  expect(response.errors).toBeUndefined();
  const group = response.data?.group;
  return {
    members: new Map((group?.members.nodes ?? []).map((m) => [m.user.uid, m])),
    banned: (group?.bannedUsers.nodes ?? []).map((b) => b.uid),
    count: group?.membersCount ?? -1,
  };
}

const ADD = `mutation ($input: GroupMembersAddInput!) {
  groupMembersAdd(input: $input) {
    __typename
    ... on GroupMembersAddPayload {
      guid
      group { membersCount }
      admins { ...Outcome }
      moderators { ...Outcome }
      participants { ...Outcome }
      usersToBan { uid ok user { uid } error { __typename path code } }
    }
    ${USER_ERROR_FIELDS}
    ... on ValidationError { violations { path } }
  }
}
fragment Outcome on GroupMemberAddOutcome {
  uid ok
  member { id scope user { uid } group { guid } }
  message { __typename }
  error { __typename message path code }
}`;

interface AddOutcome {
  uid: string;
  ok: boolean;
  member: { id: string; scope: string; user: { uid: string }; group: { guid: string } } | null;
  message: { __typename: string } | null;
  error: UserErrorShape | null;
}

type AddResult = {
  __typename: string;
  guid?: string;
  group?: { membersCount: number };
  admins?: AddOutcome[];
  moderators?: AddOutcome[];
  participants?: AddOutcome[];
  usersToBan?: {
    uid: string;
    ok: boolean;
    user: { uid: string } | null;
    error: Omit<UserErrorShape, 'message'> | null;
  }[];
  violations?: { path: string[] }[];
} & Partial<UserErrorShape>;

describe('groupMembersAdd', () => {
  it('reports for every uid whether it was added or banned, and why not', async () => {
    const { result, writes } = await h.mutate<AddResult>(ADD, {
      input: {
        guid: g(1),
        admins: [u(10)],
        moderators: [u(11).toUpperCase()],
        participants: [u(12), u(3), 'nobody-here'],
        usersToBan: [u(13), u(14)],
      },
    });
    expect(writes).toBe(1);
    expect(result.__typename).toBe('GroupMembersAddPayload');
    expect(result.admins).toEqual([
      {
        uid: u(10),
        ok: true,
        member: {
          id: expect.any(String),
          scope: 'ADMIN',
          user: { uid: u(10) },
          group: { guid: g(1) },
        },
        message: { __typename: 'ActionMessage' },
        error: null,
      },
    ]);
    expect(result.moderators?.[0]).toMatchObject({
      uid: u(11),
      ok: true,
      member: { scope: 'MODERATOR' },
    });
    expect(result.participants?.map((o) => [o.uid, o.ok, o.error?.__typename ?? null])).toEqual([
      [u(12), true, null],
      [u(3), false, 'ConflictError'],
      ['nobody-here', false, 'NotFoundError'],
    ]);
    expect(result.participants?.[1]?.error).toMatchObject({
      path: ['input', 'participants', '1'],
      code: 'ERR_ALREADY_JOINED',
    });
    expect(result.participants?.[2]?.error).toMatchObject({
      path: ['input', 'participants', '2'],
      code: 'ERR_UID_NOT_FOUND',
    });
    expect(result.participants?.[1]?.member).toBeNull();
    expect(result.usersToBan).toEqual([
      { uid: u(13), ok: true, user: { uid: u(13) }, error: null },
      { uid: u(14), ok: true, user: { uid: u(14) }, error: null },
    ]);

    const after = await readGroup(g(1));
    expect(after.members.get(u(10))?.scope).toBe('ADMIN');
    expect(after.members.get(u(11))?.scope).toBe('MODERATOR');
    expect(after.members.get(u(12))?.scope).toBe('PARTICIPANT');
    expect(after.members.get(u(10))?.id).toBe(result.admins?.[0]?.member?.id);
    expect(after.banned).toEqual(expect.arrayContaining([u(13), u(14)]));
    // The payload's group was read after the change, not served from before it.
    expect(result.group?.membersCount).toBe(after.count);
  });

  it('reports a banned user and a repeated ban as failures of their own', async () => {
    const { result } = await h.mutate<AddResult>(ADD, {
      input: { guid: g(1), participants: [u(13)], usersToBan: [u(14)] },
    });
    expect(result.participants?.[0]).toMatchObject({
      ok: false,
      error: { __typename: 'PermissionDeniedError', code: 'ERR_BANNED_GROUPMEMBER' },
    });
    expect(result.usersToBan?.[0]).toMatchObject({
      ok: false,
      error: {
        __typename: 'ConflictError',
        code: 'ERR_ALREADY_BANNED',
        path: ['input', 'usersToBan', '0'],
      },
    });
  });

  it('refuses more than 25 users, an empty call, bad uids and a uid in two lists', async () => {
    const many = Array.from({ length: 26 }, (_, i) => `user-${i}`);
    const tooMany = await h.mutate<AddResult>(ADD, {
      input: { guid: g(1), participants: many.slice(0, 13), usersToBan: many.slice(13) },
    });
    expect(tooMany.calls).toBe(0);
    expect(tooMany.result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
    const twentyFive = many.slice(0, 25);
    const justRight = await h.mutate<AddResult>(ADD, {
      input: { guid: 'no-such-group', participants: twentyFive },
    });
    expect(justRight.calls).toBe(1);

    const empty = await h.mutate<AddResult>(ADD, { input: { guid: g(1), admins: [] } });
    expect(empty.calls).toBe(0);
    expect(empty.result).toMatchObject({ path: ['input', 'participants'] });

    const bad = await h.mutate<AddResult>(ADD, {
      input: { guid: g(1), admins: ['has space'], moderators: [u(20)], participants: [u(20)] },
    });
    expect(bad.calls).toBe(0);
    expect(bad.result.violations?.map((v) => v.path.join('.')).sort()).toEqual([
      'input.admins.0',
      'input.participants.0',
    ]);
    const twice = await h.mutate<AddResult>(ADD, {
      input: { guid: g(1), moderators: [u(20)], participants: [u(21), u(20)] },
    });
    expect(twice.calls).toBe(0);
    expect(twice.result).toMatchObject({ path: ['input', 'participants', '1'] });
  });

  it('answers NotFoundError for an unknown group', async () => {
    const { result } = await h.mutate<AddResult>(ADD, {
      input: { guid: 'no-such-group', participants: [u(20)] },
    });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'guid'],
      code: 'ERR_GUID_NOT_FOUND',
    });
  });

  it('answers PermissionDeniedError when a participant tries to add members', async () => {
    const { result } = await h.mutate<AddResult>(
      ADD,
      { input: { guid: g(1), participants: [u(21)] } },
      { as: u(4) },
    );
    expect(result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_GROUP_NO_SCOPE_CLEARANCE',
    });
    expect((await readGroup(g(1))).members.has(u(21))).toBe(false);
  });
});

const SCOPE = mutationDocument(
  'groupMemberScopeChange',
  'member { id scope joinedAt user { uid } group { guid } }',
);

type ScopeResult = {
  __typename: string;
  member?: { id: string; scope: string; joinedAt: string; user: { uid: string } };
} & Partial<UserErrorShape>;

describe('groupMemberScopeChange', () => {
  it("changes a member's scope", async () => {
    const before = (await readGroup(g(1))).members.get(u(5));
    const { result, writes } = await h.mutate<ScopeResult>(SCOPE, {
      input: { guid: g(1), uid: u(5), scope: 'MODERATOR' },
    });
    expect(writes).toBe(1);
    expect(result.member).toMatchObject({
      id: before?.id,
      scope: 'MODERATOR',
      user: { uid: u(5) },
    });
    expect((await readGroup(g(1))).members.get(u(5))?.scope).toBe('MODERATOR');
  });

  it('refuses a malformed uid before calling CometChat', async () => {
    const { result, calls } = await h.mutate<ScopeResult>(SCOPE, {
      input: { guid: g(1), uid: 'a/b', scope: 'ADMIN' },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });
  });

  it('answers ConflictError for the same scope and NotFoundError for a non-member', async () => {
    const same = await h.mutate<ScopeResult>(SCOPE, {
      input: { guid: g(1), uid: u(5), scope: 'MODERATOR' },
    });
    expect(same.result).toMatchObject({ __typename: 'ConflictError', code: 'ERR_SAME_SCOPE' });
    const outsider = await h.mutate<ScopeResult>(SCOPE, {
      input: { guid: g(1), uid: u(22), scope: 'ADMIN' },
    });
    expect(outsider.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_NOT_A_MEMBER',
    });
  });

  it('answers PermissionDeniedError when a moderator tries to make an admin', async () => {
    const { result } = await h.mutate<ScopeResult>(
      SCOPE,
      { input: { guid: g(1), uid: u(6), scope: 'ADMIN' } },
      { as: u(2) },
    );
    expect(result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_GROUP_NO_SCOPE_CLEARANCE',
    });
  });
});

const KICK = mutationDocument(
  'groupMemberKick',
  'guid uid removedMemberId user { uid } group { guid }',
);
const BAN = mutationDocument('groupMemberBan', 'guid uid removedMemberId user { uid }');
const UNBAN = mutationDocument('groupMemberUnban', 'guid uid user { uid } group { guid }');

type TargetResult = {
  __typename: string;
  guid?: string;
  uid?: string;
  removedMemberId?: string;
  user?: { uid: string } | null;
} & Partial<UserErrorShape>;

describe('groupMemberKick', () => {
  it('removes the member and names the membership that ended', async () => {
    const before = (await readGroup(g(4))).members.get(u(13));
    const { result, writes } = await h.mutate<TargetResult>(KICK, {
      input: { guid: g(4), uid: u(13) },
    });
    expect(writes).toBe(1);
    expect(result).toMatchObject({
      __typename: 'GroupMemberKickPayload',
      guid: g(4),
      uid: u(13),
      removedMemberId: before?.id,
      user: { uid: u(13) },
    });
    expect((await readGroup(g(4))).members.has(u(13))).toBe(false);
  });

  it('refuses a missing uid before calling CometChat', async () => {
    const { result, calls } = await h.mutate<TargetResult>(KICK, {
      input: { guid: g(4), uid: ' ' },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });
  });

  it('answers NotFoundError for a user who is not a member', async () => {
    const { result } = await h.mutate<TargetResult>(KICK, { input: { guid: g(4), uid: u(13) } });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_NOT_A_MEMBER',
    });
  });

  it('does not let a user remove themselves: CometChat refuses self-actions', async () => {
    const { result } = await h.mutate<TargetResult>(
      KICK,
      { input: { guid: g(4), uid: u(14) } },
      { as: u(14) },
    );
    expect(result).toMatchObject({ __typename: 'PermissionDeniedError' });
    expect(['ERR_GROUP_NO_SELF_ACTION', 'ERR_GROUP_NO_SCOPE_CLEARANCE']).toContain(result.code);
    expect((await readGroup(g(4))).members.has(u(14))).toBe(true);
  });
});

describe('groupMemberBan', () => {
  it('bans a member, removing the membership', async () => {
    const before = (await readGroup(g(4))).members.get(u(15));
    const { result, writes } = await h.mutate<TargetResult>(BAN, {
      input: { guid: g(4), uid: u(15) },
    });
    expect(writes).toBe(1);
    expect(result).toMatchObject({
      __typename: 'GroupMemberBanPayload',
      removedMemberId: before?.id,
      user: { uid: u(15) },
    });
    const after = await readGroup(g(4));
    expect(after.members.has(u(15))).toBe(false);
    expect(after.banned).toContain(u(15));
  });

  it('refuses a malformed guid before calling CometChat', async () => {
    const { result, calls } = await h.mutate<TargetResult>(BAN, {
      input: { guid: 'x'.repeat(101), uid: u(15) },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'guid'] });
  });

  it('answers ConflictError for a user who is already banned', async () => {
    const { result } = await h.mutate<TargetResult>(BAN, { input: { guid: g(4), uid: u(15) } });
    expect(result).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'uid'],
      code: 'ERR_ALREADY_BANNED',
    });
  });
});

describe('groupMemberUnban', () => {
  it('lifts the ban without making the user a member', async () => {
    const { result, writes } = await h.mutate<TargetResult>(UNBAN, {
      input: { guid: g(4), uid: u(15) },
    });
    expect(writes).toBe(1);
    expect(result).toMatchObject({ __typename: 'GroupMemberUnbanPayload', user: { uid: u(15) } });
    const after = await readGroup(g(4));
    expect(after.banned).not.toContain(u(15));
    expect(after.members.has(u(15))).toBe(false);
  });

  it('refuses a malformed uid before calling CometChat', async () => {
    const { result, calls } = await h.mutate<TargetResult>(UNBAN, {
      input: { guid: g(4), uid: 'ü' },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });
  });

  it('answers NotFoundError for a user who is not banned', async () => {
    const { result } = await h.mutate<TargetResult>(UNBAN, { input: { guid: g(4), uid: u(15) } });
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_NOT_A_BANNED_USER',
    });
  });
});

const JOIN = mutationDocument(
  'groupJoin',
  'member { id scope user { uid } } group { guid membersCount }',
);

type JoinResult = {
  __typename: string;
  member?: { id: string; scope: string; user: { uid: string } };
  group?: { guid: string; membersCount: number };
} & Partial<UserErrorShape>;

describe('groupJoin', () => {
  it('joins a public group as the named user (admin caller)', async () => {
    const { result, writes } = await h.mutate<JoinResult>(JOIN, {
      input: { guid: g(4), uid: u(20) },
    });
    expect(writes).toBe(1);
    const post = h.emulator.requests().find((r) => r.method === 'POST');
    expect(post).toMatchObject({ path: `/v3/groups/${g(4)}/members`, onBehalfOf: u(20) });
    expect(result.member).toMatchObject({ scope: 'PARTICIPANT', user: { uid: u(20) } });
    const after = await readGroup(g(4));
    expect(after.members.get(u(20))).toMatchObject({ id: result.member?.id, scope: 'PARTICIPANT' });
    expect(result.group?.membersCount).toBe(after.count);
  });

  it('joins as the user caller themselves', async () => {
    const { result } = await h.mutate<JoinResult>(JOIN, { input: { guid: g(4) } }, { as: u(21) });
    expect(result.member).toMatchObject({ scope: 'PARTICIPANT', user: { uid: u(21) } });
    expect((await readGroup(g(4))).members.has(u(21))).toBe(true);
  });

  it('needs the joining uid from an admin, and refuses a user joining as someone else', async () => {
    const admin = await h.mutate<JoinResult>(JOIN, { input: { guid: g(4) } });
    expect(admin.calls).toBe(0);
    expect(admin.result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });
    const other = await h.mutate<JoinResult>(
      JOIN,
      { input: { guid: g(4), uid: u(22) } },
      { as: u(23) },
    );
    expect(other.calls).toBe(0);
    expect(other.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      path: ['input', 'uid'],
    });
  });

  it('answers PermissionDeniedError for a password group and ConflictError for a member', async () => {
    const locked = await h.mutate<JoinResult>(JOIN, { input: { guid: g(2), uid: u(20) } });
    expect(locked.result).toMatchObject({
      __typename: 'PermissionDeniedError',
      code: 'ERR_GROUP_JOIN_NOT_ALLOWED',
    });
    const again = await h.mutate<JoinResult>(JOIN, { input: { guid: g(4), uid: u(20) } });
    expect(again.result).toMatchObject({
      __typename: 'ConflictError',
      code: 'ERR_ALREADY_JOINED',
    });
    const nobody = await h.mutate<JoinResult>(JOIN, { input: { guid: g(4), uid: 'nobody-here' } });
    expect(nobody.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});
