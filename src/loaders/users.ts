import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import type { UserRecord } from '../upstream/records.js';
import { getUser } from '../upstream/users.js';
import { fanOut } from './fan-out.js';

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
  return fanOut(uids, async (uid) => ({
    ...(await getUser(client, uid, options)),
    complete: true,
  }));
}
