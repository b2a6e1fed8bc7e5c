import pLimit from 'p-limit';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { UserRecord } from '../upstream/records.js';
import { getUser } from '../upstream/users.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const USER_FETCH_CONCURRENCY = 8;

/**
 * Records known to carry every profile field. CometChat leaves `tags` out of users embedded in
 * other objects (messages, members, friends) and out of `GET /users` without `withTags`, and the
 * record reads an absent list as empty, so "no tags" and "tags not sent" look alike. Records from
 * `GET /users/{uid}` and from tag-bearing lists are marked here; the rest are partial.
 */
const fullProfiles = new WeakSet<UserRecord>();

/** Marks `record` as holding the full profile (tags included) and returns it. */
export function markFullProfile(record: UserRecord): UserRecord {
  fullProfiles.add(record);
  return record;
}

/** Whether `record` came from a source that includes every profile field (tags included). */
export function hasFullProfile(record: UserRecord): boolean {
  return fullProfiles.has(record);
}

/**
 * Loads users by uid, in key order: a missing user is `null`, any other failure an `Error` in its
 * slot. CometChat has no get-by-ids endpoint (`GET /users` filters by search, role and tags, not
 * by uid), so a batch becomes parallel single `GET /users/{uid}` calls under a concurrency cap.
 * The records hold the full profile (see `hasFullProfile`).
 */
export async function loadUsers(
  client: UpstreamClient,
  uids: readonly string[],
  options: CallOptions = {},
): Promise<(UserRecord | null | Error)[]> {
  const limit = pLimit(USER_FETCH_CONCURRENCY);
  return Promise.all(
    uids.map((uid) =>
      limit(async () => {
        try {
          return markFullProfile(await getUser(client, uid, options));
        } catch (error) {
          if (isUpstreamError(error) && error.kind === 'not_found') return null;
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    ),
  );
}
