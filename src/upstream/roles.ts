/** CometChat roles: list, get, create, update (with `unset`), delete. */
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type AckRecord, ackSchema, dataOf, type Page, pageOf } from './records/common.js';
import { type RoleRecord, roleSchema } from './records/users.js';

const roleAnswer = dataOf(roleSchema);
const rolePage = pageOf(roleSchema);

/** `GET /roles`. */
export function listRoles(
  client: UpstreamClient,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<RoleRecord>> {
  return call(client, 'GET', '/roles', rolePage, { query: { ...query }, ...opts });
}

/** `GET /roles/{role}`. */
export function getRole(
  client: UpstreamClient,
  role: string,
  opts: CallOptions = {},
): Promise<RoleRecord> {
  return call(client, 'GET', '/roles/{role}', roleAnswer, { params: { role }, ...opts });
}

export interface CreateRoleInput {
  role: string;
  name: string;
  description?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** e.g. `{listUsers: 'all' | 'friendsOnly', sendMessagesTo: 'all' | 'friendsOnly'}`. */
  settings?: Record<string, unknown> | undefined;
}

/** `POST /roles`. */
export function createRole(
  client: UpstreamClient,
  input: CreateRoleInput,
  opts: CallOptions = {},
): Promise<RoleRecord> {
  return call(client, 'POST', '/roles', roleAnswer, { body: { ...input }, ...opts });
}

export interface UpdateRoleInput {
  name?: string | undefined;
  description?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  settings?: Record<string, unknown> | undefined;
  unset?: ('settings' | 'description' | 'metadata')[] | undefined;
}

/** `PUT /roles/{role}`. */
export function updateRole(
  client: UpstreamClient,
  role: string,
  input: UpdateRoleInput,
  opts: CallOptions = {},
): Promise<RoleRecord> {
  return call(client, 'PUT', '/roles/{role}', roleAnswer, {
    params: { role },
    body: { ...input },
    ...opts,
  });
}

/** `DELETE /roles/{role}`; the `default` role answers ERR_ROLE_DELETE_DENIED. */
export function deleteRole(
  client: UpstreamClient,
  role: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/roles/{role}', ackSchema, { params: { role }, ...opts });
}
