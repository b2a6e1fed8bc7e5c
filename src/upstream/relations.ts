/** CometChat friends and blocked users of a user. */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import {
  type AckRecord,
  ackSchema,
  type BulkOutcome,
  bulkOf,
  dataOf,
  type Page,
  pageOf,
} from './records/common.js';
import { type UserRecord, userSchema } from './records/users.js';

const userPage = pageOf(userSchema);
const bulkAnswer = dataOf(bulkOf());
const friendsAnswer = dataOf(z.object({ accepted: bulkOf() })).transform((d) => d.accepted);

export interface RelationListQuery {
  page?: number | undefined;
  /** Default 100, max 1000. */
  perPage?: number | undefined;
  searchKey?: string | undefined;
}

/** `POST /users/{uid}/friends` `{accepted}`: per-uid results of the new friendships. */
export function addFriends(
  client: UpstreamClient,
  uid: string,
  uids: string[],
  opts: CallOptions = {},
): Promise<BulkOutcome<never>> {
  return call(client, 'POST', '/users/{uid}/friends', friendsAnswer, {
    params: { uid },
    body: { accepted: uids },
    ...opts,
  });
}

/** `GET /users/{uid}/friends`. */
export function listFriends(
  client: UpstreamClient,
  uid: string,
  query: RelationListQuery = {},
  opts: CallOptions = {},
): Promise<Page<UserRecord>> {
  return call(client, 'GET', '/users/{uid}/friends', userPage, {
    params: { uid },
    query: { ...query },
    ...opts,
  });
}

/** `DELETE /users/{uid}/friends` `{friends}`. */
export function removeFriends(
  client: UpstreamClient,
  uid: string,
  uids: string[],
  opts: CallOptions = {},
): Promise<AckRecord> {
  return call(client, 'DELETE', '/users/{uid}/friends', ackSchema, {
    params: { uid },
    body: { friends: uids },
    ...opts,
  });
}

/** `POST /users/{uid}/blockedusers` `{blockedUids}`: `uid` blocks each of `uids`. */
export function blockUsers(
  client: UpstreamClient,
  uid: string,
  uids: string[],
  opts: CallOptions = {},
): Promise<BulkOutcome<never>> {
  return call(client, 'POST', '/users/{uid}/blockedusers', bulkAnswer, {
    params: { uid },
    body: { blockedUids: uids },
    ...opts,
  });
}

/** `DELETE /users/{uid}/blockedusers` `{blockedUids}`: per-uid results. */
export function unblockUsers(
  client: UpstreamClient,
  uid: string,
  uids: string[],
  opts: CallOptions = {},
): Promise<BulkOutcome<never>> {
  return call(client, 'DELETE', '/users/{uid}/blockedusers', bulkAnswer, {
    params: { uid },
    body: { blockedUids: uids },
    ...opts,
  });
}

/** `GET /users/{uid}/blockedusers`: users `uid` blocked, with `blockedByMe`/`blockedByMeAt`. */
export function listBlockedUsers(
  client: UpstreamClient,
  uid: string,
  query: RelationListQuery = {},
  opts: CallOptions = {},
): Promise<Page<UserRecord>> {
  return call(client, 'GET', '/users/{uid}/blockedusers', userPage, {
    params: { uid },
    query: { ...query },
    ...opts,
  });
}
