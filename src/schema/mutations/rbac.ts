/**
 * RBAC mutations: set and reset the permissions of a role or of a member scope in a group, and
 * the legacy restrict/allow of a role's features. Admin only. Each is one upstream call; the
 * payload holds every permission's value as CometChat says it is after the change.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import {
  allowFeatures,
  type PermissionMapRecord,
  type PermissionsChangeRecord,
  resetRolePermission,
  resetScopePermission,
  restrictFeatures,
  type ScopeName,
  updateRolePermissions,
  updateScopePermissions,
} from '../../upstream/rbac.js';
import type { GroupRecord, RoleRecord } from '../../upstream/records.js';
import { type ItemFailure, NotFoundFailure, ValidationFailure } from '../errors.js';
import { GroupMemberScope } from '../group-member.js';
import { choice, flag, type InputOf, inputObject, key, kind, listOf } from '../input.js';
import { runMutation } from '../mutation-support.js';
import { PermissionSetting, type PermissionSettingValue, settingsOf } from '../rbac.js';
import { GroupRef, RoleRef } from '../refs.js';
import { itemFailure, itemPath, outcomeFields } from './outcomes.js';

/** How many permissions one change may set (CometChat documents 28 role permissions). */
const MAX_PERMISSIONS = 50;
const MAX_VALUES = 50;
const MAX_FEATURES = 50;

const permissionKeySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'is not a permission key');

const permissionText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

/** A permission's key, e.g. `createGroup` or `u.deleteGroup`. */
const permissionKey = kind(
  'String',
  permissionKeySchema,
  '1 to 100 characters: names of letters, digits and "_" that start with a letter, joined by ".".',
);

/** A permission's value, or a feature key. */
const permissionValue = kind('String', permissionText, '1 to 100 characters.');

const PermissionSettingInput = inputObject('PermissionSettingInput', {
  description:
    'A value for one permission: `value` for a single-valued permission, `values` for a list-valued one (exactly one of them).',
  fields: {
    key: permissionKey.required("The permission's key, e.g. `createGroup`."),
    value: permissionValue.optional('The value of a single-valued permission, e.g. `deny`.'),
    values: listOf(permissionValue, { max: MAX_VALUES, noun: 'values' }).optional(
      'The values of a list-valued permission; empty for none.',
    ),
  },
  check: (setting, ctx) => {
    if ((setting.value !== undefined) === (setting.values !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'set exactly one of value and values', path: [] });
    }
  },
});

const settingsSchema = z
  .array(PermissionSettingInput.schema)
  .min(1, 'set at least one permission')
  .max(MAX_PERMISSIONS, `at most ${MAX_PERMISSIONS} permissions per call`)
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.forEach((setting, index) => {
      if (seen.has(setting.key)) {
        ctx.addIssue({ code: 'custom', message: 'is given twice', path: [index, 'key'] });
      }
      seen.add(setting.key);
    });
  });

/** The permissions one change sets. */
const permissionSettings = kind(
  listOf(PermissionSettingInput.kind).type,
  settingsSchema,
  `1 to ${MAX_PERMISSIONS} permissions, each key once.`,
);

const featureListSchema = z
  .array(permissionText)
  .min(1, 'name at least one feature')
  .max(MAX_FEATURES, `at most ${MAX_FEATURES} features per call`)
  .transform((list) => [...new Set(list)]);

/** Legacy feature keys; repeats count once. */
const featureList = kind(
  ['String'],
  featureListSchema,
  `1 to ${MAX_FEATURES} features of 1 to 100 characters each.`,
);

type Settings = InputOf<typeof PermissionSettingInput>[];

function permissionMap(settings: Settings): PermissionMapRecord {
  const map: PermissionMapRecord = {};
  for (const setting of settings) map[setting.key] = setting.values ?? setting.value ?? '';
  return map;
}

/** CometChat's per-permission details (`permissions.<key>`) land on that item of the input. */
function settingsFieldMap(settings: Settings): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  settings.forEach((setting, index) => {
    map[`permissions.${setting.key}`] = ['permissions', String(index)];
  });
  return map;
}

// ---------------------------------------------------------------------------------------------
// Inputs

const RolePermissionsUpdate = inputObject('RolePermissionsUpdateInput', {
  description: 'Permissions to set for a role; the others keep their values.',
  fields: {
    role: key.required('The key of the role.'),
    permissions: permissionSettings.required('The permissions to set.'),
  },
});

const RolePermissionReset = inputObject('RolePermissionResetInput', {
  description: "A role's permission to bring back to its default.",
  fields: {
    role: key.required('The key of the role.'),
    key: permissionKey.required("The permission's key."),
  },
});

const GroupScopePermissionsUpdate = inputObject('GroupScopePermissionsUpdateInput', {
  description: 'Permissions to set for one member scope of a group; the others keep their values.',
  fields: {
    guid: key.required('The guid of the group.'),
    scope: choice(GroupMemberScope).required('The member scope the permissions apply to.'),
    permissions: permissionSettings.required('The permissions to set.'),
  },
});

const GroupScopePermissionReset = inputObject('GroupScopePermissionResetInput', {
  description: "A member scope's permission in a group to bring back to its default.",
  fields: {
    guid: key.required('The guid of the group.'),
    scope: choice(GroupMemberScope).required('The member scope.'),
    key: permissionKey.required("The permission's key."),
  },
});

const RoleFeaturesRestrict = inputObject('RoleFeaturesRestrictInput', {
  description: 'Legacy: features to restrict for a role (prefer `rolePermissionsUpdate`).',
  fields: {
    role: key.required('The key of the role.'),
    features: featureList.required('Feature keys such as `u.deleteGroup`.'),
  },
});

const RoleFeaturesAllow = inputObject('RoleFeaturesAllowInput', {
  description:
    'Legacy: restricted features to allow again for a role: `features`, or `all` (exactly one).',
  fields: {
    role: key.required('The key of the role.'),
    features: featureList.optional('Feature keys to allow.'),
    all: flag.optional('Allow every restricted feature of the role.'),
  },
  check: (input, ctx) => {
    if ((input.features !== undefined) === (input.all === true)) {
      ctx.addIssue({ code: 'custom', message: 'set exactly one of features and all', path: [] });
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Payloads

interface RolePermissionsValue {
  role: string;
  permissions: PermissionSettingValue[];
}

interface ScopePermissionsValue {
  guid: string;
  scope: ScopeName;
  permissions: PermissionSettingValue[];
}

function roleOf(context: GatewayContext, role: string): Promise<RoleRecord | null> {
  return context.view().loaders.roles.load(role);
}

function groupOf(context: GatewayContext, guid: string): Promise<GroupRecord | null> {
  return context.view().loaders.groups.load(guid);
}

function rolePermissionsPayload(name: string, description: string) {
  return builder.objectRef<RolePermissionsValue>(name).implement({
    description,
    fields: (t) => ({
      role: t.field({
        type: RoleRef,
        nullable: true,
        description: 'The role; null if it was deleted meanwhile.',
        resolve: (value, _args, context) => roleOf(context, value.role),
      }),
      permissions: t.field({
        type: [PermissionSetting],
        description: "Every permission's value for the role after the change, by key.",
        resolve: (value) => value.permissions,
      }),
    }),
  });
}

function scopePermissionsPayload(name: string, description: string) {
  return builder.objectRef<ScopePermissionsValue>(name).implement({
    description,
    fields: (t) => ({
      group: t.field({
        type: GroupRef,
        nullable: true,
        description: 'The group; null if it was deleted meanwhile.',
        resolve: (value, _args, context) => groupOf(context, value.guid),
      }),
      scope: t.field({
        type: GroupMemberScope,
        description: 'The member scope.',
        resolve: (value) => value.scope,
      }),
      permissions: t.field({
        type: [PermissionSetting],
        description: "Every permission's value for the scope after the change, by key.",
        resolve: (value) => value.permissions,
      }),
    }),
  });
}

const RolePermissionsUpdatePayload = rolePermissionsPayload(
  'RolePermissionsUpdatePayload',
  "A role's permissions after they were set.",
);
const RolePermissionResetPayload = rolePermissionsPayload(
  'RolePermissionResetPayload',
  "A role's permissions after one was brought back to its default.",
);
const GroupScopePermissionsUpdatePayload = scopePermissionsPayload(
  'GroupScopePermissionsUpdatePayload',
  "A member scope's permissions in a group after they were set.",
);
const GroupScopePermissionResetPayload = scopePermissionsPayload(
  'GroupScopePermissionResetPayload',
  "A member scope's permissions in a group after one was brought back to its default.",
);

interface FeatureOutcome {
  feature: string;
  error: ItemFailure | null;
}

const RoleFeatureOutcome = builder.objectRef<FeatureOutcome>('RoleFeatureOutcome').implement({
  description: 'Legacy: what happened to one feature of a request to restrict features.',
  fields: (t) => ({
    feature: t.exposeString('feature', { description: 'The feature key.' }),
    ...outcomeFields(t, {
      ok: 'Whether CometChat confirmed the feature is now restricted for the role.',
      error: 'Why it was not restricted; null when `ok` is true.',
    }),
  }),
});

const RoleFeaturesRestrictPayload = builder
  .objectRef<{ role: string; outcomes: FeatureOutcome[] }>('RoleFeaturesRestrictPayload')
  .implement({
    description: 'Legacy: the role and one outcome per feature.',
    fields: (t) => ({
      role: t.field({
        type: RoleRef,
        nullable: true,
        description: 'The role; null if it was deleted meanwhile.',
        resolve: (value, _args, context) => roleOf(context, value.role),
      }),
      featureOutcomes: t.field({
        type: [RoleFeatureOutcome],
        description: 'One outcome per requested feature, in request order (duplicates removed).',
        resolve: (value) => value.outcomes,
      }),
    }),
  });

const RoleFeaturesAllowPayload = builder
  .objectRef<{ role: string }>('RoleFeaturesAllowPayload')
  .implement({
    description: 'Legacy: the role whose features were allowed again.',
    fields: (t) => ({
      role: t.field({
        type: RoleRef,
        nullable: true,
        description: 'The role; null if it was deleted meanwhile.',
        resolve: (value, _args, context) => roleOf(context, value.role),
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------
// Mutations

const ERRORS = [ValidationFailure, NotFoundFailure];

function settingsAfter(change: PermissionsChangeRecord): PermissionSettingValue[] {
  return settingsOf(change.permissions);
}

builder.mutationFields((t) => ({
  rolePermissionsUpdate: t.field({
    type: RolePermissionsUpdatePayload,
    description:
      'Sets permissions of a role (`PUT /roles/{role}/permissions`); the others keep their values. Admin only. An unknown role is a NotFoundError; a key or value CometChat does not accept is a ValidationError on that item.',
    authScopes: { admin: true },
    nullable: true,
    errors: { types: ERRORS, union: { description: 'The permissions, or why none changed.' } },
    args: {
      input: t.arg({
        type: RolePermissionsUpdate.ref,
        required: true,
        description: 'What to set.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = RolePermissionsUpdate.parse(args.input);
      const change = await runMutation(
        context,
        () =>
          updateRolePermissions(
            context.upstream,
            input.role,
            permissionMap(input.permissions),
            context.view(null).options,
          ),
        { targetPath: ['role'], fieldMap: settingsFieldMap(input.permissions) },
      );
      return { role: input.role, permissions: settingsAfter(change) };
    },
  }),
  rolePermissionReset: t.field({
    type: RolePermissionResetPayload,
    description:
      'Brings one permission of a role back to its default (`DELETE /roles/{role}/permissions/{permission}`). Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: { types: ERRORS, union: { description: 'The permissions, or why none changed.' } },
    args: {
      input: t.arg({
        type: RolePermissionReset.ref,
        required: true,
        description: 'What to reset.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = RolePermissionReset.parse(args.input);
      const change = await runMutation(
        context,
        () =>
          resetRolePermission(context.upstream, input.role, input.key, context.view(null).options),
        { targetPath: ['role'], fieldMap: { permission: ['key'] } },
      );
      return { role: input.role, permissions: settingsAfter(change) };
    },
  }),
  groupScopePermissionsUpdate: t.field({
    type: GroupScopePermissionsUpdatePayload,
    description:
      'Sets permissions of one member scope in a group (`PUT /groups/{guid}/scopes/{scope}/permissions`); the others keep their values. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: { types: ERRORS, union: { description: 'The permissions, or why none changed.' } },
    args: {
      input: t.arg({
        type: GroupScopePermissionsUpdate.ref,
        required: true,
        description: 'What to set.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupScopePermissionsUpdate.parse(args.input);
      const change = await runMutation(
        context,
        () =>
          updateScopePermissions(
            context.upstream,
            input.guid,
            input.scope,
            permissionMap(input.permissions),
            context.view(null).options,
          ),
        { targetPath: ['guid'], fieldMap: settingsFieldMap(input.permissions) },
      );
      return { guid: input.guid, scope: input.scope, permissions: settingsAfter(change) };
    },
  }),
  groupScopePermissionReset: t.field({
    type: GroupScopePermissionResetPayload,
    description:
      'Brings one permission of a member scope in a group back to its default (`DELETE /groups/{guid}/scopes/{scope}/permissions/{permission}`). Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: { types: ERRORS, union: { description: 'The permissions, or why none changed.' } },
    args: {
      input: t.arg({
        type: GroupScopePermissionReset.ref,
        required: true,
        description: 'What to reset.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = GroupScopePermissionReset.parse(args.input);
      const change = await runMutation(
        context,
        () =>
          resetScopePermission(
            context.upstream,
            input.guid,
            input.scope,
            input.key,
            context.view(null).options,
          ),
        { targetPath: ['guid'], fieldMap: { permission: ['key'] } },
      );
      return { guid: input.guid, scope: input.scope, permissions: settingsAfter(change) };
    },
  }),
  roleFeaturesRestrict: t.field({
    type: RoleFeaturesRestrictPayload,
    description:
      "Legacy: restricts features for a role through CometChat's restrict-features API (`POST /roles/{role}/restrictedfeatures`), superseded by `rolePermissionsUpdate`. Admin only. One outcome per feature.",
    authScopes: { admin: true },
    nullable: true,
    errors: { types: ERRORS, union: { description: 'The outcomes, or why nothing changed.' } },
    args: {
      input: t.arg({
        type: RoleFeaturesRestrict.ref,
        required: true,
        description: 'What to restrict.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = RoleFeaturesRestrict.parse(args.input);
      // The keys as sent (GraphQL has checked the list's type), for each outcome's path.
      const sentFeatures = args.input.features as readonly string[];
      const answer = await runMutation(
        context,
        () =>
          restrictFeatures(
            context.upstream,
            input.role,
            input.features,
            context.view(null).options,
          ),
        { targetPath: ['role'] },
      );
      const outcomes = input.features.map((feature): FeatureOutcome => {
        const item = answer[feature];
        if (item?.success) return { feature, error: null };
        const path = itemPath('features', sentFeatures, (sent) => sent.trim() === feature);
        return {
          feature,
          error: itemFailure(item, path, {
            missing: {
              kind: 'not_found',
              message: `CometChat reported no outcome for the feature ${feature}; read the role's restricted features before retrying.`,
            },
            refused: `CometChat did not restrict the feature ${feature}.`,
            otherwise: 'invalid',
          }),
        };
      });
      return { role: input.role, outcomes };
    },
  }),
  roleFeaturesAllow: t.field({
    type: RoleFeaturesAllowPayload,
    description:
      'Legacy: allows restricted features of a role again (`DELETE /roles/{role}/restrictedfeatures`), superseded by `rolePermissionReset`. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: { types: ERRORS, union: { description: 'The role, or why nothing changed.' } },
    args: {
      input: t.arg({ type: RoleFeaturesAllow.ref, required: true, description: 'What to allow.' }),
    },
    resolve: async (_root, args, context) => {
      const input = RoleFeaturesAllow.parse(args.input);
      await runMutation(
        context,
        () =>
          allowFeatures(
            context.upstream,
            input.role,
            input.features ? { features: input.features } : { all: true },
            context.view(null).options,
          ),
        { targetPath: ['role'] },
      );
      return { role: input.role };
    },
  }),
}));
