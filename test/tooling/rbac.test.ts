/**
 * RBAC through GraphQL against the emulator: role and group-scope permissions (read, set, reset)
 * and the legacy restricted features, with input checks before any call, CometChat's refusals
 * as typed errors, and end users refused.
 */
import { describe, expect, it } from 'vitest';
import { demoGuid as g, demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  ERROR_AND_VIOLATION_FIELDS,
  mutationDocument,
  type UserErrorShape,
  useHarness,
} from '../support/harness.js';
import { expectCheckedFirst, expectEndUserRefused, expectUserError } from '../support/tooling.js';

const h = useHarness();

const SETTINGS = 'permissions { key value values }';

interface Setting {
  key: string;
  value: string | null;
  values: string[] | null;
}

describe('Role.permissions and Group.scopePermissions', () => {
  it('lists the permissions of a role and of a scope with their defaults, one call each', async () => {
    let data: Record<string, unknown> | undefined;
    const calls = await h.countUpstream(async () => {
      const response = await h.query(
        `{ role(role: "default") { permissions { key title valueKind allowedValues defaultValues } }
           group(guid: "${g(1)}") { scopePermissions(scope: PARTICIPANT) { key valueKind defaultValues } } }`,
      );
      expect(response.errors).toBeUndefined();
      data = response.data ?? undefined;
    });
    expect(calls).toBe(4); // the roles, the role's permissions, the group, its scope's permissions
    const role = data?.role as { permissions: Record<string, unknown>[] };
    expect(role.permissions).toContainEqual({
      key: 'createGroup',
      title: 'Allows/Denies creating groups',
      valueKind: 'SINGLE',
      allowedValues: ['allow', 'deny'],
      defaultValues: ['allow'],
    });
    expect(role.permissions).toContainEqual(
      expect.objectContaining({ key: 'sendMessage.allowedMessageTypes', valueKind: 'LIST' }),
    );
    const group = data?.group as { scopePermissions: { key: string }[] };
    expect(group.scopePermissions.map((p) => p.key)).toContain('addReaction');
  });

  it('refuses end users with FORBIDDEN, without a call for the permissions', async () => {
    h.emulator.clearRequests();
    const response = await h.asUser(
      u(1),
      `{ viewer { user { role { name permissions { key } } } } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.emulator.requests().some((r) => r.path.endsWith('/permissions'))).toBe(false);
  });
});

const UPDATE = mutationDocument(
  'rolePermissionsUpdate',
  `role { role } ${SETTINGS}`,
  ERROR_AND_VIOLATION_FIELDS,
);
const RESET = mutationDocument('rolePermissionReset', `role { role } ${SETTINGS}`);

describe('rolePermissionsUpdate and rolePermissionReset', () => {
  it('sets single and list values, returns every value in force, and resets one', async () => {
    const { result, writes } = await h.mutate<{ permissions: Setting[] }>(UPDATE, {
      input: {
        role: 'Default',
        permissions: [
          { key: 'createGroup', value: 'deny' },
          { key: 'sendMessage.allowedMessageTypes', values: ['text', 'image'] },
        ],
      },
    });
    expect(writes).toBe(1);
    expect(result.permissions).toContainEqual({ key: 'createGroup', value: 'deny', values: null });
    expect(result.permissions).toContainEqual({
      key: 'sendMessage.allowedMessageTypes',
      value: null,
      values: ['text', 'image'],
    });
    const reset = await h.mutate<{ permissions: Setting[] }>(RESET, {
      input: { role: 'default', key: 'createGroup' },
    });
    expect(reset.result.permissions).toContainEqual({
      key: 'createGroup',
      value: 'allow',
      values: null,
    });
    expect(reset.result.permissions).toContainEqual(
      expect.objectContaining({
        key: 'sendMessage.allowedMessageTypes',
        values: ['text', 'image'],
      }),
    );
  });

  it('rejects bad input before any upstream call', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(UPDATE, {
      input: {
        role: 'has space',
        permissions: [
          { key: 'createGroup', value: 'deny', values: ['x'] },
          { key: '9bad', value: 'x' },
        ],
      },
    });
    expect(calls).toBe(0);
    expect(result.__typename).toBe('ValidationError');
    expect(result.violations?.map((v) => v.path.join('.'))).toEqual([
      'input.role',
      'input.permissions.0',
      'input.permissions.1.key',
    ]);
  });

  it("maps CometChat's refusals: an unknown role, a value it does not accept", async () => {
    await expectUserError(
      h,
      UPDATE,
      { role: 'nobody', permissions: [{ key: 'createGroup', value: 'deny' }] },
      { __typename: 'NotFoundError', path: ['input', 'role'], code: 'ERR_ROLE_NOT_FOUND' },
      1,
    );
    const invalid = await expectUserError(
      h,
      UPDATE,
      {
        role: 'default',
        permissions: [
          { key: 'sendMessage', value: 'allow' },
          { key: 'createGroup', value: 'sometimes' },
        ],
      },
      { __typename: 'ValidationError', code: 'ERR_BAD_REQUEST' },
    );
    expect(invalid.result.violations?.[0]?.path).toEqual(['input', 'permissions', '1']);
  });

  it('refuses end users with FORBIDDEN and no upstream call', async () => {
    await expectEndUserRefused(h, {
      writes: [[UPDATE, { role: 'default', permissions: [{ key: 'createGroup', value: 'deny' }] }]],
    });
  });
});

const SCOPE_UPDATE = mutationDocument(
  'groupScopePermissionsUpdate',
  `group { guid } scope ${SETTINGS}`,
);
const SCOPE_RESET = mutationDocument('groupScopePermissionReset', `scope ${SETTINGS}`);

describe('groupScopePermissionsUpdate and groupScopePermissionReset', () => {
  it('sets and resets a permission of one scope in one group', async () => {
    const { result, writes } = await h.mutate<{
      group: { guid: string };
      scope: string;
      permissions: Setting[];
    }>(SCOPE_UPDATE, {
      input: {
        guid: g(1),
        scope: 'PARTICIPANT',
        permissions: [{ key: 'addReaction', value: 'deny' }],
      },
    });
    expect(writes).toBe(1);
    expect(result.group.guid).toBe(g(1));
    expect(result.scope).toBe('PARTICIPANT');
    expect(result.permissions).toContainEqual({ key: 'addReaction', value: 'deny', values: null });
    const reset = await h.mutate<{ permissions: Setting[] }>(SCOPE_RESET, {
      input: { guid: g(1), scope: 'PARTICIPANT', key: 'addReaction' },
    });
    expect(reset.result.permissions).toContainEqual({
      key: 'addReaction',
      value: 'allow',
      values: null,
    });
  });

  it('checks input first and maps an unknown group to NotFoundError', async () => {
    await expectCheckedFirst(h, [
      [SCOPE_UPDATE, { guid: g(1), scope: 'ADMIN', permissions: [] }, ['input', 'permissions']],
    ]);
    await expectUserError(
      h,
      SCOPE_RESET,
      { guid: 'no-such-group', scope: 'ADMIN', key: 'addReaction' },
      { __typename: 'NotFoundError', path: ['input', 'guid'], code: 'ERR_GUID_NOT_FOUND' },
    );
  });

  it('refuses end users', async () => {
    const response = await h.asUser(u(1), SCOPE_RESET, {
      input: { guid: g(1), scope: 'ADMIN', key: 'addReaction' },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const RESTRICT = mutationDocument(
  'roleFeaturesRestrict',
  'role { restrictedFeatures { totalCount nodes { key path } } } featureOutcomes { feature ok error { __typename code } }',
);
const ALLOW = mutationDocument('roleFeaturesAllow', 'role { restrictedFeatures { totalCount } }');

describe('legacy restricted features', () => {
  it('restricts per feature, lists them on the role, and allows them again', async () => {
    const { result } = await h.mutate<{
      role: { restrictedFeatures: { totalCount: number; nodes: { key: string }[] } };
      featureOutcomes: { feature: string; ok: boolean; error: { code: string } | null }[];
    }>(RESTRICT, { input: { role: 'moderator', features: ['u.deleteGroup', 'u.nothing'] } });
    expect(result.featureOutcomes).toEqual([
      { feature: 'u.deleteGroup', ok: true, error: null },
      {
        feature: 'u.nothing',
        ok: false,
        error: { __typename: 'ValidationError', code: 'ERR_BAD_REQUEST' },
      },
    ]);
    expect(result.role.restrictedFeatures.totalCount).toBe(1);
    expect(result.role.restrictedFeatures.nodes[0]?.key).toBe('u.deleteGroup');
    const allowed = await h.mutate<{ role: { restrictedFeatures: { totalCount: number } } }>(
      ALLOW,
      { input: { role: 'moderator', all: true } },
    );
    expect(allowed.result.role.restrictedFeatures.totalCount).toBe(0);
  });

  it('checks input first, maps an unknown role, refuses end users', async () => {
    await expectUserError(
      h,
      ALLOW,
      { role: 'moderator', all: true, features: ['u.listUsers'] },
      { __typename: 'ValidationError' },
      0,
    );
    await expectUserError(
      h,
      RESTRICT,
      { role: 'nobody', features: ['u.listUsers'] },
      { __typename: 'NotFoundError', code: 'ERR_ROLE_NOT_FOUND' },
    );
    const user = await h.asUser(u(2), RESTRICT, {
      input: { role: 'default', features: ['u.listUsers'] },
    });
    expect(user.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
