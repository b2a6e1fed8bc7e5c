/**
 * Role-based access control as fields of the objects it belongs to: `Role.permissions`,
 * `Group.scopePermissions(scope)` and the legacy `Role.restrictedFeatures`. Admin only: an end
 * user reaches a role through `User.role`, and these fields refuse them with FORBIDDEN.
 */
import { ADMIN_NOTE, builder } from '../builder.js';
import { toolingReads } from '../loaders/index.js';
import type {
  PermissionRecord,
  PermissionValue,
  RestrictedFeatureRecord,
} from '../upstream/rbac.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { GroupMemberScope } from './group-member.js';
import { GroupRef, RoleRef } from './refs.js';

export const PermissionValueKind = builder.enumType('PermissionValueKind', {
  description: 'Whether a permission holds one value or a list of values.',
  values: {
    SINGLE: { value: 'string', description: 'One value (set through `value`).' },
    LIST: { value: 'stringArray', description: 'A list of values (set through `values`).' },
  } as const,
});

function asList(value: PermissionValue | null): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export const Permission = builder.objectRef<PermissionRecord>('Permission').implement({
  description:
    'A permission CometChat can give a role or a member scope, with its allowed values and its default. What a role or scope holds now is what a permission change returns (`PermissionSetting`).',
  fields: (t) => ({
    key: t.exposeString('id', {
      description: "The permission's key, e.g. `sendMessage` or `sendMessage.allowedMessageTypes`.",
    }),
    title: t.exposeString('title', { description: 'A short human-readable title.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the permission governs; null when CometChat gives no description.',
    }),
    valueKind: t.expose('dataType', {
      type: PermissionValueKind,
      description: 'Whether it holds one value or a list.',
    }),
    allowedValues: t.exposeStringList('availableValues', {
      description: 'The values it may take (for a list: the values its items may take).',
    }),
    defaultValues: t.stringList({
      description:
        'Its default: one item for a single-valued permission, the default list (often empty) otherwise.',
      resolve: (permission) => asList(permission.defaultValue),
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: "When CometChat last changed the permission's definition; null when not said.",
    }),
  }),
});

/** One permission's value as a change left it. */
export interface PermissionSettingValue {
  key: string;
  value: PermissionValue;
}

export const PermissionSetting = builder
  .objectRef<PermissionSettingValue>('PermissionSetting')
  .implement({
    description: 'The value a role or member scope holds for one permission.',
    fields: (t) => ({
      key: t.exposeString('key', { description: "The permission's key." }),
      value: t.string({
        nullable: true,
        description: 'The value of a single-valued permission; null for a list-valued one.',
        resolve: (setting) => (Array.isArray(setting.value) ? null : setting.value),
      }),
      values: t.stringList({
        nullable: true,
        description: 'The values of a list-valued permission; null for a single-valued one.',
        resolve: (setting) => (Array.isArray(setting.value) ? setting.value : null),
      }),
    }),
  });

/** A permission map as `PermissionSetting` values, in key order. */
export function settingsOf(map: Record<string, PermissionValue>): PermissionSettingValue[] {
  return Object.keys(map)
    .sort()
    .map((key) => ({ key, value: map[key] ?? '' }));
}

export const RestrictedFeature = builder
  .objectRef<RestrictedFeatureRecord>('RestrictedFeature')
  .implement({
    description:
      "Legacy: a feature restricted for a role through CometChat's restrict-features API, superseded by role permissions (`Role.permissions`).",
    fields: (t) => ({
      key: t.exposeString('key', { description: 'The feature key, e.g. `u.deleteGroup`.' }),
      title: t.exposeString('title', {
        nullable: true,
        description: 'A short title; null when CometChat gives none.',
      }),
      description: t.exposeString('description', {
        nullable: true,
        description: 'What the feature is; null when CometChat gives no description.',
      }),
      path: t.exposeString('path', {
        nullable: true,
        description: 'The REST path template the feature guards; null when not said.',
      }),
      restrictedAt: t.expose('createdAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When it was restricted; null when CometChat did not say.',
      }),
    }),
  });

export const RestrictedFeatureConnection = countedConnection(
  {
    name: 'RestrictedFeatureConnection',
    type: RestrictedFeature,
    description: 'Legacy: a page of the features restricted for a role.',
    totalCount: 'How many features are restricted for the role.',
  },
  {
    name: 'RestrictedFeatureEdge',
    description: 'A restricted feature in a page, with its cursor.',
  },
);

builder.objectFields(RoleRef, (t) => ({
  permissions: t.field({
    type: [Permission],
    nullable: true,
    description: `The permissions this role can be given (CometChat documents 28; a small closed set, so a list rather than a connection), with their defaults. ${ADMIN_NOTE} One upstream call. Null when it could not be read (the error on this field says why).`,
    authScopes: { admin: true },
    resolve: (role, _args, context) =>
      toolingReads(context.upstream, context.view(null)).rolePermissions(role.role),
  }),
  restrictedFeatures: t.field({
    type: RestrictedFeatureConnection,
    nullable: true,
    description: `Legacy: the features restricted for this role through CometChat's restrict-features API, superseded by \`permissions\`. ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    authScopes: { admin: true },
    args: forwardPageArgs('restricted features'),
    complexity: connectionComplexity,
    resolve: (role, args, context) => {
      const reads = toolingReads(context.upstream, context.view(null));
      return pagedList(
        args,
        (page, perPage) => reads.restrictedFeatures(role.role, page, perPage),
        { key: `restrictedFeatures:${role.role}` },
      );
    },
  }),
}));

builder.objectFields(GroupRef, (t) => ({
  scopePermissions: t.field({
    type: [Permission],
    nullable: true,
    description: `The permissions members of one scope in this group can be given, with their defaults (a small closed set, so a list). ${ADMIN_NOTE} One upstream call. Null when it could not be read (the error on this field says why).`,
    authScopes: { admin: true },
    args: {
      scope: t.arg({
        type: GroupMemberScope,
        required: true,
        description: 'The member scope whose permissions to list.',
      }),
    },
    resolve: (group, args, context) =>
      toolingReads(context.upstream, context.view(null)).scopePermissions(group.guid, args.scope),
  }),
}));
