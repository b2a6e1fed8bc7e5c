import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  mutationDocument,
  USER_ERROR_FIELDS,
  type UserErrorShape,
  useHarness,
  VIOLATION_FIELDS,
} from '../support/harness.js';

const h = useHarness();

const ROLE_FIELDS = 'role name description metadata settings { listUsers sendMessagesTo raw }';

interface RoleView {
  role: string;
  name: string;
  description: string | null;
  metadata: Record<string, unknown> | null;
  settings: { listUsers: string | null; sendMessagesTo: string | null; raw: unknown } | null;
}

async function readRole(role: string): Promise<RoleView | null> {
  const response = await h.query<{ role: RoleView | null }>(
    `query ($role: String!) { role(role: $role) { ${ROLE_FIELDS} } }`,
    { role },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.role ?? null;
}

const CREATE = mutationDocument(
  'roleCreate',
  `role { ${ROLE_FIELDS} }`,
  `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`,
);

describe('roleCreate', () => {
  it('creates a role with settings, visible afterwards', async () => {
    const { result, calls } = await h.mutate<{ role?: RoleView }>(CREATE, {
      input: {
        role: 'Support-Team',
        name: 'Support team',
        description: 'Answers customers.',
        metadata: { tier: 1 },
        settings: { listUsers: 'FRIENDS_ONLY', sendMessagesTo: 'ALL' },
      },
    });
    expect(calls).toBe(1);
    const expected = {
      role: 'support-team',
      name: 'Support team',
      description: 'Answers customers.',
      metadata: { tier: 1 },
      settings: {
        listUsers: 'FRIENDS_ONLY',
        sendMessagesTo: 'ALL',
        raw: { listUsers: 'friendsOnly', sendMessagesTo: 'all' },
      },
    };
    expect(result.role).toEqual(expected);
    expect(await readRole('support-team')).toEqual(expected);
  });

  it('rejects bad input before any upstream call', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(CREATE, {
      input: { role: 'has space', name: ' ', description: 'd'.repeat(256), settings: {} },
    });
    expect(calls).toBe(0);
    expect(result.__typename).toBe('ValidationError');
    expect(result.violations?.map((v) => v.path.join('.'))).toEqual([
      'input.role',
      'input.name',
      'input.description',
      'input.settings',
    ]);
  });

  it("passes on CometChat's refusal of a taken key as a ValidationError on role", async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(CREATE, {
      input: { role: 'MODERATOR', name: 'Again' },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'role'],
      code: 'ERR_BAD_REQUEST',
    });
    expect(result.violations?.[0]?.path).toEqual(['input', 'role']);
    expect((await readRole('moderator'))?.name).toBe('Moderator');
  });
});

const UPDATE = mutationDocument('roleUpdate', `role { ${ROLE_FIELDS} }`);

describe('roleUpdate', () => {
  it('renames, merges settings and clears fields', async () => {
    const { result, calls } = await h.mutate<{ role?: RoleView }>(UPDATE, {
      input: {
        role: 'Moderator',
        name: 'Mods',
        settings: { sendMessagesTo: 'FRIENDS_ONLY' },
        unset: ['DESCRIPTION', 'METADATA'],
      },
    });
    expect(calls).toBe(1);
    const expected = {
      role: 'moderator',
      name: 'Mods',
      description: null,
      metadata: null,
      settings: {
        listUsers: 'ALL',
        sendMessagesTo: 'FRIENDS_ONLY',
        raw: { listUsers: 'all', sendMessagesTo: 'friendsOnly' },
      },
    };
    expect(result.role).toEqual(expected);
    expect(await readRole('moderator')).toEqual(expected);

    const cleared = await h.mutate<{ role?: RoleView }>(UPDATE, {
      input: { role: 'moderator', unset: ['SETTINGS'] },
    });
    expect(cleared.result.role?.settings).toBeNull();
  });

  it('rejects contradictory or empty changes before any upstream call', async () => {
    const both = await h.mutate<UserErrorShape>(UPDATE, {
      input: { role: 'manager', description: 'x', unset: ['DESCRIPTION'] },
    });
    expect(both.calls).toBe(0);
    expect(both.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'unset', '0'],
    });

    const empty = await h.mutate<UserErrorShape>(UPDATE, { input: { role: 'manager' } });
    expect(empty.calls).toBe(0);
    expect(empty.result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });
  });

  it('maps an unknown role to NotFoundError', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(UPDATE, {
      input: { role: 'no-such-role', name: 'X' },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'role'],
      code: 'ERR_ROLE_NOT_FOUND',
    });
  });
});

const DELETE = mutationDocument('roleDelete', 'deletedRoleId role');

describe('roleDelete', () => {
  it('deletes a role; its users fall back to the default role', async () => {
    const before = await h.query<{ user: { role: { role: string } } }>(
      `{ user(uid: "${u(3)}") { role { role } } }`,
    );
    expect(before.data?.user.role.role).toBe('manager');

    const { result, calls } = await h.mutate<Record<string, unknown>>(DELETE, {
      input: { role: 'Manager' },
    });
    expect(calls).toBe(1);
    expect(result).toEqual({
      __typename: 'RoleDeletePayload',
      deletedRoleId: encodeGlobalID('Role', 'manager'),
      role: 'manager',
    });
    expect(await readRole('manager')).toBeNull();
    const after = await h.query<{ user: { role: { role: string } } }>(
      `{ user(uid: "${u(3)}") { role { role } } }`,
    );
    expect(after.data?.user.role.role).toBe('default');
  });

  it('refuses to delete the default role with a PermissionDeniedError', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(DELETE, {
      input: { role: 'DEFAULT' },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'PermissionDeniedError',
      path: ['input', 'role'],
      code: 'ERR_ROLE_DELETE_DENIED',
    });
    expect((await readRole('default'))?.role).toBe('default');
  });

  it('rejects a malformed key before any upstream call and maps an unknown one', async () => {
    const bad = await h.mutate<UserErrorShape>(DELETE, { input: { role: 'a/b' } });
    expect(bad.calls).toBe(0);
    expect(bad.result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'role'] });

    const unknown = await h.mutate<UserErrorShape>(DELETE, { input: { role: 'no-such-role' } });
    expect(unknown.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'role'],
      code: 'ERR_ROLE_NOT_FOUND',
    });
  });
});
