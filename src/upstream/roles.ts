/** CometChat roles: list, get, create, update (with `unset`), delete. */
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
  return client.request({ method: 'GET', path: '/roles', query: { ...query }, ...opts }, (raw) =>
    rolePage.parse(raw),
  );
}

/** `GET /roles/{role}`. */
export function getRole(
  client: UpstreamClient,
  role: string,
  opts: CallOptions = {},
): Promise<RoleRecord> {
  return client.request(
    { method: 'GET', path: '/roles/{role}', params: { role }, ...opts },
    (raw) => roleAnswer.parse(raw),
  );
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
  return client.request({ method: 'POST', path: '/roles', body: { ...input }, ...opts }, (raw) =>
    roleAnswer.parse(raw),
  );
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
  return client.request(
    { method: 'PUT', path: '/roles/{role}', params: { role }, body: { ...input }, ...opts },
    (raw) => roleAnswer.parse(raw),
  );
}

/** `DELETE /roles/{role}`; the `default` role answers ERR_ROLE_DELETE_DENIED. */
export function deleteRole(
  client: UpstreamClient,
  role: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return client.request(
    { method: 'DELETE', path: '/roles/{role}', params: { role }, ...opts },
    (raw) => ackSchema.parse(raw),
  );
}
