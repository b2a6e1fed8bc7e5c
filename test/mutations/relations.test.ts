import { describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import type { GraphQLResponse } from '../support/graphql-http.js';
import {
  mutationDocument,
  USER_ERROR_FIELDS,
  type UserErrorShape,
  useHarness,
} from '../support/harness.js';

const h = useHarness();

interface OutcomeView {
  uid: string;
  ok: boolean;
  error: UserErrorShape | null;
  user: { uid: string } | null;
}

interface RelationResult extends Partial<UserErrorShape> {
  user?: { uid: string } | null;
  outcomes?: OutcomeView[];
}

const RELATION_PAYLOAD = `user { uid } outcomes { uid ok error { ${USER_ERROR_FIELDS} } user { uid } }`;
const FRIENDS_ADD = mutationDocument('userFriendsAdd', RELATION_PAYLOAD);
const FRIENDS_REMOVE = mutationDocument('userFriendsRemove', RELATION_PAYLOAD);
const BLOCK = mutationDocument('usersBlock', RELATION_PAYLOAD);
const UNBLOCK = mutationDocument('usersUnblock', RELATION_PAYLOAD);

async function friendsOf(uid: string): Promise<string[]> {
  const response = await h.query<{ user: { friends: { nodes: { uid: string }[] } } }>(
    'query ($uid: String!) { user(uid: $uid) { friends(first: 100) { nodes { uid } } } }',
    { uid },
  );
  expect(response.errors).toBeUndefined();
  return (response.data?.user.friends.nodes ?? []).map((n) => n.uid).sort();
}

async function blockedBy(uid: string): Promise<string[]> {
  const response = await h.query<{ user: { blockedUsers: { nodes: { uid: string }[] } } }>(
    'query ($uid: String!) { user(uid: $uid) { blockedUsers(first: 100) { nodes { uid } } } }',
    { uid },
  );
  expect(response.errors).toBeUndefined();
  return (response.data?.user.blockedUsers.nodes ?? []).map((n) => n.uid).sort();
}

function failed(typename: string, index: number, code: string | null) {
  return {
    __typename: typename,
    message: expect.any(String),
    path: ['input', 'uids', String(index)],
    code,
  };
}

describe('userFriendsAdd', () => {
  it('makes mutual friends and reports each uid, visible afterwards', async () => {
    expect(await friendsOf(u(10))).toEqual([]);
    const { result } = await h.mutate<RelationResult>(FRIENDS_ADD, {
      input: {
        uid: u(10).toUpperCase(),
        uids: [u(11), u(12), u(11).toUpperCase(), u(10), 'nobody-here'],
      },
    });
    expect(result.__typename).toBe('UserFriendsAddPayload');
    expect(result.user).toEqual({ uid: u(10) });
    expect(result.outcomes).toEqual([
      { uid: u(11), ok: true, error: null, user: { uid: u(11) } },
      { uid: u(12), ok: true, error: null, user: { uid: u(12) } },
      {
        uid: u(10),
        ok: false,
        error: failed('ValidationError', 3, 'ERR_CANNOT_FORM_SELF_RELATION'),
        user: null,
      },
      {
        uid: 'nobody-here',
        ok: false,
        error: failed('NotFoundError', 4, 'ERR_UID_NOT_FOUND'),
        user: null,
      },
    ]);
    expect(await friendsOf(u(10))).toEqual([u(11), u(12)].sort());
    expect(await friendsOf(u(11))).toContain(u(10));
  });

  it('reports an existing friendship as a ConflictError for that uid only', async () => {
    const { result, calls } = await h.mutate<RelationResult>(FRIENDS_ADD, {
      input: { uid: u(1), uids: [u(2), u(13)] },
    });
    // The write, then the payload's `user` and the one outcome `user` of the new friend.
    expect(calls).toBe(3);
    expect(result.outcomes?.map((o) => [o.uid, o.ok, o.error?.code ?? null])).toEqual([
      [u(2), false, 'ERR_ALREADY_FRIEND'],
      [u(13), true, null],
    ]);
    expect(result.outcomes?.[0]?.error?.__typename).toBe('ConflictError');
  });

  it('rejects bad input before any upstream call', async () => {
    for (const [input, path] of [
      [{ uid: u(1), uids: [] }, ['input', 'uids']],
      [{ uid: 'bad uid', uids: [u(2)] }, ['input', 'uid']],
      [{ uid: u(1), uids: [u(2), 'x'.repeat(101)] }, ['input', 'uids', '1']],
    ] as const) {
      const { result, calls } = await h.mutate<UserErrorShape>(FRIENDS_ADD, { input });
      expect(calls).toBe(0);
      expect(result).toMatchObject({ __typename: 'ValidationError', path });
    }
  });

  it('maps an unknown owner to NotFoundError on uid', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(FRIENDS_ADD, {
      input: { uid: 'nobody-here', uids: [u(2)] },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });

  it('lets a user change only their own friends', async () => {
    let other: GraphQLResponse<{ userFriendsAdd: UserErrorShape }> | undefined;
    const calls = await h.countUpstream(async () => {
      other = await h.asUser(u(14), FRIENDS_ADD, { input: { uid: u(15), uids: [u(16)] } });
    });
    expect(calls).toBe(0);
    expect(other?.data?.userFriendsAdd).toMatchObject({
      __typename: 'PermissionDeniedError',
      path: ['input', 'uid'],
      code: null,
    });

    const own = await h.asUser<{ userFriendsAdd: RelationResult }>(u(14), FRIENDS_ADD, {
      input: { uid: u(14), uids: [u(16)] },
    });
    expect(own.errors).toBeUndefined();
    expect(own.data?.userFriendsAdd.outcomes?.map((o) => o.ok)).toEqual([true]);
    expect(await friendsOf(u(14))).toEqual([u(16)]);
  });
});

describe('userFriendsRemove', () => {
  it('ends friendships on both sides', async () => {
    expect(await friendsOf(u(1))).toContain(u(3));
    const { result, calls } = await h.mutate<RelationResult>(FRIENDS_REMOVE, {
      input: { uid: u(1), uids: [u(3), u(3)] },
    });
    expect(result.__typename).toBe('UserFriendsRemovePayload');
    expect(result.outcomes).toEqual([{ uid: u(3), ok: true, error: null, user: { uid: u(3) } }]);
    expect(calls).toBe(3);
    expect(await friendsOf(u(1))).not.toContain(u(3));
    expect(await friendsOf(u(3))).not.toContain(u(1));
  });

  it('rejects bad input before any upstream call and maps an unknown owner', async () => {
    const bad = await h.mutate<UserErrorShape>(FRIENDS_REMOVE, {
      input: { uid: u(1), uids: ['a b'] },
    });
    expect(bad.calls).toBe(0);
    expect(bad.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'uids', '0'],
    });

    const unknown = await h.mutate<UserErrorShape>(FRIENDS_REMOVE, {
      input: { uid: 'nobody-here', uids: [u(1)] },
    });
    expect(unknown.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});

describe('usersBlock and usersUnblock', () => {
  it('blocks and unblocks with one outcome per uid, visible afterwards', async () => {
    expect(await blockedBy(u(17))).toEqual([]);
    const blocked = await h.mutate<RelationResult>(BLOCK, {
      input: { uid: u(17), uids: [u(18), u(17), 'nobody-here', u(19)] },
    });
    expect(blocked.result.outcomes).toEqual([
      { uid: u(18), ok: true, error: null, user: { uid: u(18) } },
      {
        uid: u(17),
        ok: false,
        error: failed('ValidationError', 1, 'ERR_CANNOT_BLOCK_SELF'),
        user: null,
      },
      {
        uid: 'nobody-here',
        ok: false,
        error: failed('NotFoundError', 2, 'ERR_UID_NOT_FOUND'),
        user: null,
      },
      { uid: u(19), ok: true, error: null, user: { uid: u(19) } },
    ]);
    expect(await blockedBy(u(17))).toEqual([u(18), u(19)].sort());

    const unblocked = await h.mutate<RelationResult>(UNBLOCK, {
      input: { uid: u(17), uids: [u(18), 'nobody-here'] },
    });
    expect(unblocked.result.__typename).toBe('UsersUnblockPayload');
    expect(
      unblocked.result.outcomes?.map((o) => [o.uid, o.ok, o.error?.__typename ?? null]),
    ).toEqual([
      [u(18), true, null],
      ['nobody-here', false, 'NotFoundError'],
    ]);
    expect(await blockedBy(u(17))).toEqual([u(19)]);
  });

  it('reads the new block list in the same operation', async () => {
    const response = await h.query<{
      usersBlock: { user: { blockedUsers: { nodes: { uid: string }[] } } };
    }>(
      `mutation { usersBlock(input: {uid: "${u(20)}", uids: ["${u(21)}"]}) {
        ... on UsersBlockPayload { user { blockedUsers { nodes { uid } } } }
      } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.usersBlock.user.blockedUsers.nodes).toEqual([{ uid: u(21) }]);
  });

  it('rejects bad input before any upstream call', async () => {
    const block = await h.mutate<UserErrorShape>(BLOCK, {
      input: { uid: u(1), uids: Array.from({ length: 101 }, (_, i) => `user-${i}`) },
    });
    expect(block.calls).toBe(0);
    expect(block.result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uids'] });

    const unblock = await h.mutate<UserErrorShape>(UNBLOCK, { input: { uid: '', uids: [u(2)] } });
    expect(unblock.calls).toBe(0);
    expect(unblock.result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });
  });

  it('maps an unknown owner to NotFoundError on uid', async () => {
    for (const text of [BLOCK, UNBLOCK]) {
      const { result, calls } = await h.mutate<UserErrorShape>(text, {
        input: { uid: 'nobody-here', uids: [u(2)] },
      });
      expect(calls).toBe(1);
      expect(result).toMatchObject({
        __typename: 'NotFoundError',
        path: ['input', 'uid'],
        code: 'ERR_UID_NOT_FOUND',
      });
    }
  });
});
