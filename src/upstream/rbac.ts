/**
 * Role-based access control: the permissions of a role (`/roles/{role}/permissions`) and of a
 * member scope in one group (`/groups/{guid}/scopes/{scope}/permissions`), and the legacy
 * restricted features of a role (`/roles/{role}/restrictedfeatures`).
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import {
  type AckRecord,
  ackSchema,
  type BulkOutcome,
  bulkOf,
  dataOf,
  optionalEpoch,
  optionalString,
  type Page,
  pageOf,
} from './records/common.js';

/** A permission's value: one string, or a list of strings (`dataType: stringArray`). */
export type PermissionValue = string | string[];

const permissionValue = z.union([z.string(), z.array(z.string())]);

export interface PermissionRecord {
  /** The permission's key, e.g. `sendMessage.allowedMessageTypes`. */
  id: string;
  /** `role` or `scope`. */
  type: string;
  title: string;
  description: string | null;
  /** `string` (one value) or `stringArray` (a list). */
  dataType: 'string' | 'stringArray';
  availableValues: string[];
  defaultValue: PermissionValue | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export const permissionSchema: z.ZodType<PermissionRecord, unknown> = z
  .object({
    id: z.string().min(1),
    type: z.string(),
    title: optionalString,
    description: optionalString,
    dataType: z.enum(['string', 'stringArray']),
    availableValues: z
      .array(z.string())
      .nullish()
      .transform((v) => v ?? []),
    defaultValue: permissionValue.nullish().transform((v) => v ?? null),
    createdAt: optionalEpoch,
    updatedAt: optionalEpoch,
  })
  .transform((p) => ({ ...p, title: p.title ?? p.id }));

/** The permissions in force after a change: key -> value. */
export type PermissionMapRecord = Record<string, PermissionValue>;

export interface PermissionsChangeRecord {
  /** Per-permission outcome of a PUT (absent for a DELETE). */
  outcomes: BulkOutcome<never>;
  /** Every permission's value as it is now. */
  permissions: PermissionMapRecord;
}

const outcomes = bulkOf();

/**
 * The answer of `PUT .../permissions`: `{data:{<id>:{success,message}, permissions:{...}}}`; the
 * answer of `DELETE .../permissions/{id}`: `{data:{permissions:{...}}}`.
 */
const permissionsChange: z.ZodType<PermissionsChangeRecord, unknown> = dataOf(
  z
    .object({ permissions: z.record(z.string(), permissionValue) })
    .catchall(z.unknown())
    .transform((data, ctx) => {
      const { permissions, ...rest } = data;
      const parsed = outcomes.safeParse(rest);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'unreadable per-permission outcome', input: rest });
        return z.NEVER;
      }
      return { outcomes: parsed.data, permissions };
    }),
);

const permissionPage = pageOf(permissionSchema);

/** A member scope of a group, as CometChat spells it in the path. */
export type ScopeName = 'admin' | 'moderator' | 'participant';

/** `GET /roles/{role}/permissions`: the permissions a role can be given, with their defaults. */
export function listRolePermissions(
  client: UpstreamClient,
  role: string,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<PermissionRecord>> {
  return call(client, 'GET', '/roles/{role}/permissions', permissionPage, {
    params: { role },
    query: { ...query },
    ...opts,
  });
}

/** `PUT /roles/{role}/permissions` `{permissions}`. */
export function updateRolePermissions(
  client: UpstreamClient,
  role: string,
  permissions: PermissionMapRecord,
  opts: CallOptions = {},
): Promise<PermissionsChangeRecord> {
  return call(client, 'PUT', '/roles/{role}/permissions', permissionsChange, {
    params: { role },
    body: { permissions },
    ...opts,
  });
}

/** `DELETE /roles/{role}/permissions/{permission}`: back to the default. */
export function resetRolePermission(
  client: UpstreamClient,
  role: string,
  permission: string,
  opts: CallOptions = {},
): Promise<PermissionsChangeRecord> {
  return call(client, 'DELETE', '/roles/{role}/permissions/{permission}', permissionsChange, {
    params: { role, permission },
    ...opts,
  });
}

/** `GET /groups/{guid}/scopes/{scope}/permissions`. */
export function listScopePermissions(
  client: UpstreamClient,
  guid: string,
  scope: ScopeName,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<PermissionRecord>> {
  return call(client, 'GET', '/groups/{guid}/scopes/{scope}/permissions', permissionPage, {
    params: { guid, scope },
    query: { ...query },
    ...opts,
  });
}

/** `PUT /groups/{guid}/scopes/{scope}/permissions` `{permissions}`. */
export function updateScopePermissions(
  client: UpstreamClient,
  guid: string,
  scope: ScopeName,
  permissions: PermissionMapRecord,
  opts: CallOptions = {},
): Promise<PermissionsChangeRecord> {
  return call(client, 'PUT', '/groups/{guid}/scopes/{scope}/permissions', permissionsChange, {
    params: { guid, scope },
    body: { permissions },
    ...opts,
  });
}

/** `DELETE /groups/{guid}/scopes/{scope}/permissions/{permission}`. */
export function resetScopePermission(
  client: UpstreamClient,
  guid: string,
  scope: ScopeName,
  permission: string,
  opts: CallOptions = {},
): Promise<PermissionsChangeRecord> {
  return call(
    client,
    'DELETE',
    '/groups/{guid}/scopes/{scope}/permissions/{permission}',
    permissionsChange,
    { params: { guid, scope, permission }, ...opts },
  );
}

// ---------------------------------------------------------------------------------------------
// Legacy: restricted features

export interface RestrictedFeatureRecord {
  /** e.g. `u.deleteGroup`. */
  key: string;
  title: string | null;
  description: string | null;
  /** The REST path the feature guards, e.g. `/v3/groups/{{guid}}`. */
  path: string | null;
  createdAt: Date | null;
}

const restrictedFeatureSchema: z.ZodType<RestrictedFeatureRecord, unknown> = z.object({
  key: z.string().min(1),
  title: optionalString,
  description: optionalString,
  path: optionalString,
  createdAt: optionalEpoch,
});

const featurePage = pageOf(restrictedFeatureSchema);
const featuresRestricted = dataOf(bulkOf());

/** `GET /roles/{role}/restrictedfeatures` (legacy). */
export function listRestrictedFeatures(
  client: UpstreamClient,
  role: string,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<RestrictedFeatureRecord>> {
  return call(client, 'GET', '/roles/{role}/restrictedfeatures', featurePage, {
    params: { role },
    query: { ...query },
    ...opts,
  });
}

/** `POST /roles/{role}/restrictedfeatures` `{featuresToRestrict}` (legacy): per-feature results. */
export function restrictFeatures(
  client: UpstreamClient,
  role: string,
  features: string[],
  opts: CallOptions = {},
): Promise<BulkOutcome<never>> {
  return call(client, 'POST', '/roles/{role}/restrictedfeatures', featuresRestricted, {
    params: { role },
    body: { featuresToRestrict: features },
    ...opts,
  });
}

/** `DELETE /roles/{role}/restrictedfeatures` `{featuresToAllow, allowAll}` (legacy). */
export function allowFeatures(
  client: UpstreamClient,
  role: string,
  input: { features: string[] } | { all: true },
  opts: CallOptions = {},
): Promise<AckRecord> {
  const body =
    'all' in input ? { allowAll: true } : { featuresToAllow: input.features, allowAll: false };
  return call(client, 'DELETE', '/roles/{role}/restrictedfeatures', ackSchema, {
    params: { role },
    body,
    ...opts,
  });
}
