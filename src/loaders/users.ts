import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import type { UserRecord } from '../upstream/records.js';
import { getUser } from '../upstream/users.js';
import { FAN_OUT_CONCURRENCY, fanOut } from './fan-out.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const USER_FETCH_CONCURRENCY = FAN_OUT_CONCURRENCY;

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
  return fanOut(
    uids,
    async (uid) => ({ ...(await getUser(client, uid, options)), complete: true }),
    {
      concurrency: USER_FETCH_CONCURRENCY,
    },
  );
}
