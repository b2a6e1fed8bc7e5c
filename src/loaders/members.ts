import pLimit from 'p-limit';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { isUpstreamError } from '../upstream/errors.js';
import { getGroup } from '../upstream/groups.js';
import type { GroupMemberRecord, GroupRecord, UserRecord } from '../upstream/records.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const MEMBER_FETCH_CONCURRENCY = 8;

/** The loader key of a membership: `guid:uid` (neither id may contain a colon). */
export function memberKey(guid: string, uid: string): string {
  return `${guid}:${uid}`;
}

/** Splits a `guid:uid` key; null when it is not one. */
export function parseMemberKey(key: string): { guid: string; uid: string } | null {
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1) return null;
  const guid = key.slice(0, colon);
  const uid = key.slice(colon + 1);
  if (uid.includes(':')) return null;
  return { guid, uid };
}

export interface MemberLoadDeps {
  /** The user record for a uid (normally the request's users loader); null when missing. */
  loadUser(uid: string): Promise<UserRecord | null>;
  /**
   * For user callers: the group as the caller sees it. Memberships of a private group the caller
   * has not joined stay hidden (CometChat refuses such a caller the member list too).
   */
  loadCallerGroup?: ((guid: string) => Promise<GroupRecord | null>) | undefined;
  /** The caller's own uid, whose memberships are always visible to them. */
  callerUid?: string | undefined;
  /** Receives each group record fetched along the way (with the member's membership in it). */
  onGroup?: ((group: GroupRecord) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Loads memberships by `guid:uid` key, in key order: `null` when the group or user does not exist
 * or the user is not a member, an `Error` in its slot for other failures. CometChat has no
 * single-member GET, but `GET /groups/{guid}` on behalf of a user answers with that user's
 * `hasJoined`, `scope` and `joinedAt`; the user's own record comes from `loadUser`. The group GETs
 * run in parallel under a concurrency cap.
 */
export async function loadMembers(
  client: UpstreamClient,
  keys: readonly string[],
  deps: MemberLoadDeps,
): Promise<(GroupMemberRecord | null | Error)[]> {
  const limit = pLimit(MEMBER_FETCH_CONCURRENCY);
  return Promise.all(
    keys.map(async (key) => {
      const parsed = parseMemberKey(key);
      if (parsed === null) return null;
      const { guid, uid } = parsed;
      try {
        const checkVisible =
          deps.loadCallerGroup !== undefined && deps.callerUid !== uid
            ? callerView(client, guid, deps, limit)
            : Promise.resolve(undefined);
        const options: CallOptions = { onBehalfOf: uid, signal: deps.signal };
        const [callerGroup, group, user] = await Promise.all([
          checkVisible,
          limit(() => fetchGroup(client, guid, options)),
          deps.loadUser(uid),
        ]);
        if (callerGroup === null) return null;
        if (callerGroup !== undefined && callerGroup.type === 'private' && !callerGroup.hasJoined) {
          return null;
        }
        if (group === null || user === null) return null;
        deps.onGroup?.(group);
        // CometChat sends `scope` and `joinedAt` for every member; without them there is no membership.
        if (group.hasJoined !== true || group.scope === null || group.joinedAt === null)
          return null;
        return { guid: group.guid, scope: group.scope, joinedAt: group.joinedAt, user };
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

/**
 * The group as the caller sees it. A record primed from an embedded entity says nothing about the
 * caller's membership (`hasJoined` null); for a private group that decides visibility, so it is
 * then asked for on the caller's behalf.
 */
async function callerView(
  client: UpstreamClient,
  guid: string,
  deps: MemberLoadDeps,
  limit: (fn: () => Promise<GroupRecord | null>) => Promise<GroupRecord | null>,
): Promise<GroupRecord | null | undefined> {
  const group = await deps.loadCallerGroup?.(guid);
  if (group === undefined || group === null) return group;
  if (group.type !== 'private' || group.hasJoined !== null) return group;
  const options: CallOptions = { onBehalfOf: deps.callerUid, signal: deps.signal };
  return limit(() => fetchGroup(client, guid, options));
}

/** `GET /groups/{guid}` where a missing group, or a missing `onBehalfOf` user, is null. */
async function fetchGroup(
  client: UpstreamClient,
  guid: string,
  options: CallOptions,
): Promise<GroupRecord | null> {
  try {
    return await getGroup(client, guid, options);
  } catch (error) {
    if (isUpstreamError(error) && error.kind === 'not_found') return null;
    throw error;
  }
}
