/** CometChat group members and bans: list, add (by scope), change scope, kick, ban, unban. */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import type { MemberBuckets } from './groups.js';
import {
  type AckRecord,
  ackSchema,
  type BulkOutcome,
  bulkOf,
  dataOf,
  type Page,
  pageOf,
} from './records/common.js';
import {
  type BannedUserRecord,
  bannedUserItemSchema,
  type GroupMemberRecord,
  groupMemberItemSchema,
  type MemberScope,
  type MemberScopeRecord,
  memberScopeSchema,
  withGuid,
} from './records/groups.js';
import { type MessageRecord, messageSchema } from './records/messages.js';
import type { UserStatus } from './records/users.js';

export interface ListMembersQuery {
  page?: number | undefined;
  /** Default 100, max 1000. */
  perPage?: number | undefined;
  scopes?: MemberScope[] | undefined;
  status?: UserStatus | undefined;
}

/** `GET /groups/{guid}/members`. */
export function listMembers(
  client: UpstreamClient,
  guid: string,
  query: ListMembersQuery = {},
  opts: CallOptions = {},
): Promise<Page<GroupMemberRecord>> {
  return call(client, 'GET', '/groups/{guid}/members', memberPage, {
    params: { guid },
    query: { ...query },
    ...opts,
  }).then((page) => ({ ...page, items: withGuid(guid, page.items) }));
}

/** Per-uid results of an add, by the bucket the uid was sent in. */
export interface AddMembersOutcome {
  /** Each success carries the `groupMember` action message CometChat generated, when readable. */
  admins: BulkOutcome<MessageRecord>;
  moderators: BulkOutcome<MessageRecord>;
  participants: BulkOutcome<MessageRecord>;
  usersToBan: BulkOutcome<never>;
}

const readActionMessage = (raw: unknown): MessageRecord | undefined => {
  const parsed = messageSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};
const memberBucket = z
  .union([bulkOf(readActionMessage), z.array(z.never()).length(0)])
  .nullish()
  .transform((v): BulkOutcome<MessageRecord> => (v && !Array.isArray(v) ? v : {}));
const banBucket = z
  .union([bulkOf(), z.array(z.never()).length(0)])
  .nullish()
  .transform((v): BulkOutcome<never> => (v && !Array.isArray(v) ? v : {}));
const addMembersAnswer = dataOf(
  z.object({
    admins: memberBucket,
    moderators: memberBucket,
    participants: memberBucket,
    usersToBan: banBucket,
  }),
);

/**
 * `POST /groups/{guid}/members`: at most 25 uids in total per call (CometChat's limit). Items fail
 * individually (`success: false` with a code), so check each outcome.
 */
export function addMembers(
  client: UpstreamClient,
  guid: string,
  members: MemberBuckets,
  opts: CallOptions = {},
): Promise<AddMembersOutcome> {
  return call(client, 'POST', '/groups/{guid}/members', addMembersAnswer, {
    params: { guid },
    body: { ...members },
    ...opts,
  });
}

const scopeAnswer = dataOf(memberScopeSchema);
const memberPage = pageOf(groupMemberItemSchema);
const bannedPage = pageOf(bannedUserItemSchema);

/** `PUT /groups/{guid}/members/{uid}` `{scope}`. */
export function changeMemberScope(
  client: UpstreamClient,
  guid: string,
  uid: string,
  scope: MemberScope,
  opts: CallOptions = {},
): Promise<MemberScopeRecord> {
  return call(client, 'PUT', '/groups/{guid}/members/{uid}', scopeAnswer, {
    params: { guid, uid },
    body: { scope },
    ...opts,
  });
}

/** `DELETE /groups/{guid}/members/{uid}`: removes the member (they may join again). */
export function kickMember(
  client: UpstreamClient,
  guid: string,
  uid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/groups/{guid}/members/{uid}', ackSchema, {
    params: { guid, uid },
    ...opts,
  });
}

/** `POST /groups/{guid}/bannedusers/{uid}` (no body): removes and bans the user. */
export function banMember(
  client: UpstreamClient,
  guid: string,
  uid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'POST', '/groups/{guid}/bannedusers/{uid}', ackSchema, {
    params: { guid, uid },
    ...opts,
  });
}

/** `DELETE /groups/{guid}/bannedusers/{uid}`. */
export function unbanMember(
  client: UpstreamClient,
  guid: string,
  uid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/groups/{guid}/bannedusers/{uid}', ackSchema, {
    params: { guid, uid },
    ...opts,
  });
}

/** `GET /groups/{guid}/bannedusers`. */
export function listBannedUsers(
  client: UpstreamClient,
  guid: string,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<BannedUserRecord>> {
  return call(client, 'GET', '/groups/{guid}/bannedusers', bannedPage, {
    params: { guid },
    query: { ...query },
    ...opts,
  }).then((page) => ({ ...page, items: withGuid(guid, page.items) }));
}
