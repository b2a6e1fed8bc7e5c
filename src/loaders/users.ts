import pLimit from 'p-limit';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { UserRecord } from '../upstream/records.js';
import { getUser } from '../upstream/users.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const USER_FETCH_CONCURRENCY = 8;

/**
 * Loads users by uid, in key order: a missing user is `null`, any other failure an `Error` in its
 * slot. CometChat has no get-by-ids endpoint (`GET /users` filters by search, role and tags, not
 * by uid), so a batch becomes parallel single `GET /users/{uid}` calls under a concurrency cap.
 * The records hold the full profile, so they are marked `complete`.
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
          return { ...(await getUser(client, uid, options)), complete: true };
        } catch (error) {
          if (isUpstreamError(error) && error.kind === 'not_found') return null;
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    ),
  );
}
