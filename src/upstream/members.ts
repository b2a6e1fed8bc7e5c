/** CometChat group members and bans: list, add (by scope), change scope, kick, ban, unban. */
import { z } from 'zod';
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
  bannedUserSchema,
  type GroupMemberRecord,
  groupMemberSchema,
  type MemberScope,
  type MemberScopeRecord,
  memberScopeSchema,
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
  const page = pageOf(groupMemberSchema(guid));
  return client.request(
    {
      method: 'GET',
      path: '/groups/{guid}/members',
      params: { guid },
      query: { ...query },
      ...opts,
    },
    (raw) => page.parse(raw),
  );
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
  return client.request(
    {
      method: 'POST',
      path: '/groups/{guid}/members',
      params: { guid },
      body: { ...members },
      ...opts,
    },
    (raw) => addMembersAnswer.parse(raw),
  );
}

const scopeAnswer = dataOf(memberScopeSchema);

/** `PUT /groups/{guid}/members/{uid}` `{scope}`. */
export function changeMemberScope(
  client: UpstreamClient,
  guid: string,
  uid: string,
  scope: MemberScope,
  opts: CallOptions = {},
): Promise<MemberScopeRecord> {
  return client.request(
    {
      method: 'PUT',
      path: '/groups/{guid}/members/{uid}',
      params: { guid, uid },
      body: { scope },
      ...opts,
    },
    (raw) => scopeAnswer.parse(raw),
  );
}

/** `DELETE /groups/{guid}/members/{uid}`: removes the member (they may join again). */
export function kickMember(
  client: UpstreamClient,
  guid: string,
  uid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return client.request(
    { method: 'DELETE', path: '/groups/{guid}/members/{uid}', params: { guid, uid }, ...opts },
    (raw) => ackSchema.parse(raw),
  );
}

/** `POST /groups/{guid}/bannedusers/{uid}` (no body): removes and bans the user. */
export function banMember(
  client: UpstreamClient,
  guid: string,
  uid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return client.request(
    { method: 'POST', path: '/groups/{guid}/bannedusers/{uid}', params: { guid, uid }, ...opts },
    (raw) => ackSchema.parse(raw),
  );
}

/** `DELETE /groups/{guid}/bannedusers/{uid}`. */
export function unbanMember(
  client: UpstreamClient,
  guid: string,
  uid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return client.request(
    { method: 'DELETE', path: '/groups/{guid}/bannedusers/{uid}', params: { guid, uid }, ...opts },
    (raw) => ackSchema.parse(raw),
  );
}

/** `GET /groups/{guid}/bannedusers`. */
export function listBannedUsers(
  client: UpstreamClient,
  guid: string,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<BannedUserRecord>> {
  const page = pageOf(bannedUserSchema(guid));
  return client.request(
    {
      method: 'GET',
      path: '/groups/{guid}/bannedusers',
      params: { guid },
      query: { ...query },
      ...opts,
    },
    (raw) => page.parse(raw),
  );
}
