import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import type { GraphQLResponse } from '../support/graphql-http.js';
import {
  mutationDocument,
  USER_ERROR_FIELDS,
  type UserErrorShape,
  useHarness,
  VIOLATION_FIELDS,
} from '../support/harness.js';

const h = useHarness();

const USER_FIELDS = `uid name avatar link statusMessage metadata tags role { role }`;

interface UserView {
  uid: string;
  name: string;
  avatar: string | null;
  link: string | null;
  statusMessage: string | null;
  metadata: Record<string, unknown> | null;
  tags: string[];
  role: { role: string } | null;
}

async function readUser(uid: string): Promise<UserView | null> {
  const response = await h.query<{ user: UserView | null }>(
    `query ($uid: String!) { user(uid: $uid) { ${USER_FIELDS} } }`,
    { uid },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.user ?? null;
}

const CREATE = mutationDocument(
  'userCreate',
  `user { ${USER_FIELDS} } authToken { token user { uid } }`,
  `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`,
);

interface CreateResult extends Partial<UserErrorShape> {
  user?: UserView;
  authToken?: { token: string; user: { uid: string } } | null;
}

describe('userCreate', () => {
  it('creates a user with role, metadata, tags and an auth token, visible afterwards', async () => {
    const { result, calls } = await h.mutate<CreateResult>(CREATE, {
      input: {
        uid: 'New-Person_1',
        name: 'New Person',
        avatar: 'https://example.com/a.png',
        link: 'https://example.com/p',
        role: 'Moderator',
        statusMessage: 'Hi',
        metadata: { team: 'blue' },
        tags: ['alpha', 'beta'],
        withAuthToken: true,
      },
    });
    // The create itself, plus the one roles list call that `role { role }` costs.
    expect(h.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v3/users',
      'GET /v3/roles',
    ]);
    expect(calls).toBe(2);
    expect(result.__typename).toBe('UserCreatePayload');
    expect(result.user).toEqual({
      uid: 'new-person_1',
      name: 'New Person',
      avatar: 'https://example.com/a.png',
      link: 'https://example.com/p',
      statusMessage: 'Hi',
      metadata: { team: 'blue' },
      tags: ['alpha', 'beta'],
      role: { role: 'moderator' },
    });
    expect(result.authToken?.token).toMatch(/^new-person_1_/);
    expect(result.authToken?.user.uid).toBe('new-person_1');

    expect(await readUser('new-person_1')).toEqual(result.user);
    const tokens = await h.query<{ user: { authTokens: { nodes: { token: string }[] } } }>(
      '{ user(uid: "new-person_1") { authTokens { nodes { token } } } }',
    );
    expect(tokens.data?.user.authTokens.nodes.map((n) => n.token)).toEqual([
      result.authToken?.token,
    ]);
  });

  it('returns no token unless asked', async () => {
    const { result } = await h.mutate<CreateResult>(CREATE, {
      input: { uid: 'plain-person', name: 'Plain' },
    });
    expect(result.user?.role).toEqual({ role: 'default' });
    expect(result.authToken).toBeNull();
  });

  it('rejects bad input before any upstream call, listing every violation', async () => {
    const { result, calls } = await h.mutate<CreateResult>(CREATE, {
      input: {
        uid: 'not valid!',
        name: 'x'.repeat(101),
        avatar: 'ftp://example.com/a.png',
        tags: Array.from({ length: 26 }, (_, i) => `t${i}`),
        metadata: { blob: 'x'.repeat(6000) },
      },
    });
    expect(calls).toBe(0);
    expect(result.__typename).toBe('ValidationError');
    expect(result.path).toEqual(['input', 'uid']);
    expect(result.code).toBeNull();
    expect(result.violations?.map((v) => v.path.join('.'))).toEqual([
      'input.uid',
      'input.name',
      'input.avatar',
      'input.metadata',
      'input.tags',
    ]);
  });

  it('maps a taken uid to ConflictError and an unknown role to NotFoundError', async () => {
    const taken = await h.mutate<CreateResult>(CREATE, {
      input: { uid: u(1).toUpperCase(), name: 'Again' },
    });
    expect(taken.calls).toBe(1);
    expect(taken.result).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'uid'],
      code: 'ERR_UID_ALREADY_EXISTS',
    });

    const role = await h.mutate<CreateResult>(CREATE, {
      input: { uid: 'roleless', name: 'Roleless', role: 'no-such-role' },
    });
    expect(role.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'role'],
      code: 'ERR_ROLE_NOT_FOUND',
    });
    expect(await readUser('roleless')).toBeNull();
  });

  it('is admin only', async () => {
    const response = await h.asUser(
      u(1),
      'mutation { userCreate(input: {uid: "sneaky", name: "S"}) { __typename } }',
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await readUser('sneaky')).toBeNull();
  });
});

describe('upstream failures of a mutation', () => {
  it('sends a write once and reports an outage as UPSTREAM_UNAVAILABLE', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/users', status: 503, times: 5 });
    try {
      let response: GraphQLResponse | undefined;
      const calls = await h.countUpstream(async () => {
        response = await h.query(CREATE, { input: { uid: 'outage', name: 'Outage' } });
      });
      expect(calls).toBe(1);
      expect(response?.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      h.emulator.clearFaults();
    }
  });

  it('says the outcome is unknown when the connection drops after sending', async () => {
    h.emulator.injectFault({ method: 'POST', path: '/users', mode: 'reset' });
    try {
      let response: GraphQLResponse | undefined;
      const calls = await h.countUpstream(async () => {
        response = await h.query(CREATE, { input: { uid: 'dropped', name: 'Dropped' } });
      });
      expect(calls).toBe(1);
      expect(response?.errors?.[0]?.extensions?.code).toBe('UPSTREAM_OUTCOME_UNKNOWN');
    } finally {
      h.emulator.clearFaults();
    }
  });

  it('reports a rate limit with the seconds to wait', async () => {
    h.emulator.injectFault({
      method: 'PUT',
      path: `/users/${u(2)}`,
      status: 429,
      headers: { 'Retry-After': '7' },
    });
    try {
      const response = await h.query(
        `mutation { userUpdate(input: {uid: "${u(2)}", name: "Later"}) { __typename } }`,
      );
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfterSeconds: 7,
      });
    } finally {
      h.emulator.clearFaults();
    }
  });
});

const UPDATE = mutationDocument('userUpdate', `user { ${USER_FIELDS} }`);

describe('userUpdate', () => {
  it('changes fields and clears avatar, link, metadata and the status text', async () => {
    const before = await readUser(u(5));
    expect(before).toMatchObject({ statusMessage: 'In a meeting' });
    expect(before?.link).not.toBeNull();
    expect(before?.metadata).not.toBeNull();

    const { result, calls } = await h.mutate<{ user?: UserView } & Partial<UserErrorShape>>(
      UPDATE,
      {
        input: {
          uid: u(5).toUpperCase(),
          name: 'Renamed Five',
          tags: ['x'],
          role: 'manager',
          unset: ['AVATAR', 'LINK', 'METADATA', 'STATUS_MESSAGE'],
        },
      },
    );
    // The update itself, plus the one roles list call that `role { role }` costs.
    expect(h.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /v3/users/${u(5)}`,
      'GET /v3/roles',
    ]);
    expect(calls).toBe(2);
    const expected = {
      uid: u(5),
      name: 'Renamed Five',
      avatar: null,
      link: null,
      statusMessage: null,
      metadata: null,
      tags: ['x'],
      role: { role: 'manager' },
    };
    expect(result.user).toEqual(expected);
    expect(await readUser(u(5))).toEqual(expected);
  });

  it('rejects contradictory or empty changes before any upstream call', async () => {
    const both = await h.mutate<UserErrorShape>(UPDATE, {
      input: { uid: u(6), avatar: 'https://example.com/x.png', unset: ['LINK', 'AVATAR'] },
    });
    expect(both.calls).toBe(0);
    expect(both.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'unset', '1'],
    });

    const empty = await h.mutate<UserErrorShape>(UPDATE, { input: { uid: u(6) } });
    expect(empty.calls).toBe(0);
    expect(empty.result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
  });

  it('maps an unknown user to NotFoundError on uid', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(UPDATE, {
      input: { uid: 'nobody-here', name: 'X' },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});

const DELETE = mutationDocument('userDelete', 'deletedUserId uid permanent');

describe('userDelete', () => {
  it('soft-deletes a user, keeping its messages', async () => {
    const sent = [...h.emulator.store.messages.values()].filter((m) => m.sender === u(3)).length;
    expect(sent).toBeGreaterThan(0);
    const { result, calls } = await h.mutate<Record<string, unknown>>(DELETE, {
      input: { uid: u(3) },
    });
    expect(calls).toBe(1);
    expect(result).toEqual({
      __typename: 'UserDeletePayload',
      deletedUserId: encodeGlobalID('User', u(3)),
      uid: u(3),
      permanent: false,
    });
    expect(await readUser(u(3))).toBeNull();
    const node = await h.query<{ node: unknown }>(
      `{ node(id: "${encodeGlobalID('User', u(3))}") { id } }`,
    );
    expect(node.data?.node).toBeNull();
    expect([...h.emulator.store.messages.values()].some((m) => m.sender === u(3))).toBe(true);
  });

  it('permanently deletes a user with its messages', async () => {
    expect([...h.emulator.store.messages.values()].some((m) => m.sender === u(4))).toBe(true);
    const { result } = await h.mutate<Record<string, unknown>>(DELETE, {
      input: { uid: u(4), permanent: true },
    });
    expect(result).toMatchObject({ __typename: 'UserDeletePayload', permanent: true });
    expect(await readUser(u(4))).toBeNull();
    expect([...h.emulator.store.messages.values()].some((m) => m.sender === u(4))).toBe(false);
  });

  it('rejects a malformed uid before any upstream call and maps an unknown one', async () => {
    const bad = await h.mutate<UserErrorShape>(DELETE, { input: { uid: '' } });
    expect(bad.calls).toBe(0);
    expect(bad.result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });

    const missing = await h.mutate<UserErrorShape>(DELETE, { input: { uid: 'nobody-here' } });
    expect(missing.calls).toBe(1);
    expect(missing.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});

interface OutcomeView {
  uid: string;
  ok: boolean;
  error: UserErrorShape | null;
  user: { uid: string; isDeactivated: boolean } | null;
}

const OUTCOMES = `outcomes { uid ok error { ${USER_ERROR_FIELDS} } user { uid isDeactivated } }`;

describe('usersDeactivate and usersReactivate', () => {
  it('deactivates and reactivates users with one outcome per uid', async () => {
    const off = await h.mutate<{ __typename: string; outcomes: OutcomeView[] }>(
      `mutation ($input: UsersDeactivateInput!) {
        usersDeactivate(input: $input) { __typename ... on UsersDeactivatePayload { ${OUTCOMES} } }
      }`,
      { input: { uids: [u(20), u(20).toUpperCase(), 'nobody-here', u(21)] } },
    );
    expect(off.calls).toBe(1);
    expect(off.result.outcomes).toEqual([
      { uid: u(20), ok: true, error: null, user: null },
      {
        uid: 'nobody-here',
        ok: false,
        error: {
          __typename: 'NotFoundError',
          message: expect.any(String),
          path: ['input', 'uids', '2'],
          code: null,
        },
        user: null,
      },
      { uid: u(21), ok: true, error: null, user: null },
    ]);
    expect(await readUser(u(20))).toBeNull();
    const listed = await h.query<{ users: { nodes: { uid: string }[] } }>(
      '{ users(onlyDeactivated: true) { nodes { uid } } }',
    );
    expect(listed.data?.users.nodes.map((n) => n.uid).sort()).toEqual([u(20), u(21)]);

    const on = await h.mutate<{ outcomes: OutcomeView[] }>(
      `mutation { usersReactivate(input: {uids: ["${u(20)}", "nobody-here"]}) {
        ... on UsersReactivatePayload { ${OUTCOMES} }
      } }`,
    );
    expect(on.result.outcomes).toEqual([
      { uid: u(20), ok: true, error: null, user: { uid: u(20), isDeactivated: false } },
      {
        uid: 'nobody-here',
        ok: false,
        error: expect.objectContaining({
          __typename: 'NotFoundError',
          path: ['input', 'uids', '1'],
        }),
        user: null,
      },
    ]);
    expect((await readUser(u(20)))?.uid).toBe(u(20));
    expect(await readUser(u(21))).toBeNull();
  });

  it('rejects an empty, oversized or malformed list before any upstream call', async () => {
    for (const [uids, path] of [
      [[], ['input', 'uids']],
      [Array.from({ length: 101 }, (_, i) => `user-${i}`), ['input', 'uids']],
      [
        [u(1), 'bad uid'],
        ['input', 'uids', '1'],
      ],
    ] as const) {
      const { result, calls } = await h.mutate<UserErrorShape>(
        `mutation ($input: UsersDeactivateInput!) { usersDeactivate(input: $input) { ${USER_ERROR_FIELDS} } }`,
        { input: { uids } },
      );
      expect(calls).toBe(0);
      expect(result).toMatchObject({ __typename: 'ValidationError', path });
    }
  });

  it('reports a refusal of the whole call as a typed error', async () => {
    h.emulator.injectFault({
      method: 'PUT',
      path: '/users',
      status: 400,
      body: {
        error: {
          code: 'ERR_BAD_REQUEST',
          message: 'Failed to validate the data sent with the request.',
          details: { uidsToActivate: ['The uidsToActivate field is invalid.'] },
        },
      },
    });
    try {
      const { result, calls } = await h.mutate<UserErrorShape>(
        `mutation { usersReactivate(input: {uids: ["${u(22)}"]}) { ${USER_ERROR_FIELDS} } }`,
      );
      expect(calls).toBe(1);
      expect(result).toMatchObject({ __typename: 'ValidationError', code: 'ERR_BAD_REQUEST' });
    } finally {
      h.emulator.clearFaults();
    }
  });
});

describe('several mutations in one operation', () => {
  it('run in order, keep each result, and never read stale data', async () => {
    const response = await h.query<Record<string, Record<string, unknown>>>(
      `mutation {
        first: authTokensFlush(input: {uid: "${u(8)}"}) { ... on AuthTokensFlushPayload { user { name } } }
        rename: userUpdate(input: {uid: "${u(8)}", name: "Renamed Eight"}) { __typename }
        broken: userUpdate(input: {uid: "nobody-here", name: "X"}) { __typename }
        again: authTokensFlush(input: {uid: "${u(8)}"}) { ... on AuthTokensFlushPayload { user { name } } }
      }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      first: { user: { name: 'Priya Sharma' } },
      rename: { __typename: 'UserUpdatePayload' },
      broken: { __typename: 'NotFoundError' },
      again: { user: { name: 'Renamed Eight' } },
    });
  });
});
