import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { getGroup } from '../upstream/groups.js';
import type { GroupRecord } from '../upstream/records.js';
import { fanOut } from './fan-out.js';

/**
 * Loads groups by guid, in key order: a missing group is `null`, any other failure an `Error` in
 * its slot. CometChat has no get-by-ids endpoint (`GET /groups` filters by search, type and tags,
 * not by guid), so a batch becomes parallel single `GET /groups/{guid}` calls under a concurrency
 * cap. With `onBehalfOf` the records carry that user's membership (`scope`, `joinedAt`, `hasJoined`).
 */
export async function loadGroups(
  client: UpstreamClient,
  guids: readonly string[],
  options: CallOptions = {},
): Promise<(GroupRecord | null | Error)[]> {
  return fanOut(guids, (guid) => getGroup(client, guid, options));
}

/**
 * A group record read on a user's behalf, or null when it is a private group that user has not
 * joined: an end user sees private groups only as a member.
 */
export function visibleToMember(group: GroupRecord | null | Error): GroupRecord | null | Error {
  if (group === null || group instanceof Error) return group;
  return group.type === 'private' && group.hasJoined !== true ? null : group;
}
