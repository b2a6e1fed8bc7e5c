/** CometChat groups: list, get, create (with initial members), update (with `unset`), delete. */
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type AckRecord, ackSchema, dataOf, type Page, pageOf } from './records/common.js';
import { type GroupRecord, type GroupType, groupSchema } from './records/groups.js';

const groupAnswer = dataOf(groupSchema);
const groupPage = pageOf(groupSchema);

export interface ListGroupsQuery {
  page?: number | undefined;
  /** Default 100, max 1000. */
  perPage?: number | undefined;
  searchKey?: string | undefined;
  searchIn?: ('name' | 'guid')[] | undefined;
  sortBy?: 'name' | 'guid' | 'createdAt' | undefined;
  sortOrder?: 'asc' | 'desc' | undefined;
  withTags?: boolean | undefined;
  tags?: string[] | undefined;
  type?: GroupType | undefined;
  types?: GroupType[] | undefined;
  /** Only groups the `onBehalfOf` user has joined (CometChat ignores it without onBehalfOf). */
  hasJoined?: boolean | undefined;
}

/** `GET /groups`; with `onBehalfOf` each group carries the viewer's scope and membership. */
export function listGroups(
  client: UpstreamClient,
  query: ListGroupsQuery = {},
  opts: CallOptions = {},
): Promise<Page<GroupRecord>> {
  return call(client, 'GET', '/groups', groupPage, { query: { ...query }, ...opts });
}

/** `GET /groups/{guid}`. */
export function getGroup(
  client: UpstreamClient,
  guid: string,
  opts: CallOptions = {},
): Promise<GroupRecord> {
  return call(client, 'GET', '/groups/{guid}', groupAnswer, { params: { guid }, ...opts });
}

/** Initial members by scope; a uid in several buckets gets the highest scope. */
export interface MemberBuckets {
  admins?: string[] | undefined;
  moderators?: string[] | undefined;
  participants?: string[] | undefined;
  usersToBan?: string[] | undefined;
}

export interface CreateGroupInput {
  guid: string;
  name: string;
  type: GroupType;
  /** Required for `password` groups. */
  password?: string | undefined;
  icon?: string | undefined;
  description?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** Without it (and without onBehalfOf) the app's system user owns the group. */
  owner?: string | undefined;
  tags?: string[] | undefined;
  members?: MemberBuckets | undefined;
}

/** `POST /groups`. The password is sent but never read back. */
export function createGroup(
  client: UpstreamClient,
  input: CreateGroupInput,
  opts: CallOptions = {},
): Promise<GroupRecord> {
  return call(client, 'POST', '/groups', groupAnswer, {
    body: { ...input },
    redact: input.password ? [input.password] : [],
    ...opts,
  });
}

export interface UpdateGroupInput {
  name?: string | undefined;
  type?: GroupType | undefined;
  password?: string | undefined;
  icon?: string | undefined;
  description?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** Transfers ownership; CometChat ignores it when the call has `onBehalfOf`. */
  owner?: string | undefined;
  tags?: string[] | undefined;
  unset?: ('icon' | 'description' | 'metadata')[] | undefined;
}

/** `PUT /groups/{guid}`. */
export function updateGroup(
  client: UpstreamClient,
  guid: string,
  input: UpdateGroupInput,
  opts: CallOptions = {},
): Promise<GroupRecord> {
  return call(client, 'PUT', '/groups/{guid}', groupAnswer, {
    params: { guid },
    body: { ...input },
    redact: input.password ? [input.password] : [],
    ...opts,
  });
}

/** `DELETE /groups/{guid}`. */
export function deleteGroup(
  client: UpstreamClient,
  guid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/groups/{guid}', ackSchema, { params: { guid }, ...opts });
}
