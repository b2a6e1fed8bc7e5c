import pLimit from 'p-limit';
import { isUpstreamError } from '../upstream/errors.js';
import type { GroupMemberRecord, GroupRecord, Page, UserRecord } from '../upstream/records.js';
import { asError, FAN_OUT_CONCURRENCY } from './fan-out.js';
import { parseMemberKey } from './keys.js';

/** A member-list scan reads pages this large: CometChat's largest `perPage`. */
export const MEMBER_SCAN_PAGE_SIZE = 1000;

type Slot = GroupMemberRecord | null | Error;

/**
 * The membership a group record read on the member's own behalf describes: CometChat fills
 * `hasJoined`, `scope` and `joinedAt` for the `onBehalfOf` user; without them there is none.
 */
function membershipOf(
  group: GroupRecord | null,
  user: UserRecord | null,
): GroupMemberRecord | null {
  if (group === null || user === null) return null;
  if (group.hasJoined !== true || group.scope === null || group.joinedAt === null) return null;
  return { guid: group.guid, scope: group.scope, joinedAt: group.joinedAt, user };
}

export interface AppMemberDeps {
  /**
   * `guid` as `uid` sees it (read in that user's view, on their behalf): the record carries that
   * user's `hasJoined`, `scope` and `joinedAt`. Null when the group does not exist for them.
   */
  groupSeenBy(uid: string, guid: string): Promise<GroupRecord | null>;
  /** The member's user record, as the app sees it. */
  user(uid: string): Promise<UserRecord | null>;
}

/**
 * Memberships by `guid:uid` key for the app view, in key order: `null` when the group or user does
 * not exist or the user is not a member, an `Error` in its slot for other failures. CometChat has
 * no single-member GET, but `GET /groups/{guid}` on behalf of a user answers with that user's
 * membership, so each key reads the group in the member's own view. At most a few run at once.
 */
export function loadMembersForApp(keys: readonly string[], deps: AppMemberDeps): Promise<Slot[]> {
  const limit = pLimit(FAN_OUT_CONCURRENCY);
  return Promise.all(
    keys.map(async (key): Promise<Slot> => {
      const parsed = parseMemberKey(key);
      if (parsed === null) return null;
      const { guid, uid } = parsed;
      try {
        const [group, user] = await Promise.all([
          limit(() => deps.groupSeenBy(uid, guid)),
          deps.user(uid),
        ]);
        return membershipOf(group, user);
      } catch (error) {
        return asError(error);
      }
    }),
  );
}

export interface UserMemberDeps {
  /** The uid of the view: memberships are read as this user sees them. */
  viewer: string;
  /** A group as the viewer sees it (their membership in it), through the view's loader. */
  ownGroup(guid: string): Promise<GroupRecord | null>;
  /** A user record, through the view's loader. */
  user(uid: string): Promise<UserRecord | null>;
  /** One page of a group's member list, read as the viewer (priming the view from it). */
  memberPage(guid: string, page: number, perPage: number): Promise<Page<GroupMemberRecord>>;
}

/**
 * Memberships by `guid:uid` key for a user's view, in key order, each as that user may see it,
 * with every call on their own behalf. Their own membership comes from the group as they see it;
 * anyone else's from the group's member list, scanned a page of 1000 at a time until every asked
 * uid of that group is found (one call for groups up to 1000 members). A group whose members the
 * viewer may not list (a private group they are not in) shows no memberships: each is `null`.
 */
export function loadMembersForUser(keys: readonly string[], deps: UserMemberDeps): Promise<Slot[]> {
  const limit = pLimit(FAN_OUT_CONCURRENCY);
  const wanted = new Map<string, Set<string>>();
  const parsed = keys.map((key) => parseMemberKey(key));
  for (const entry of parsed) {
    if (entry === null || entry.uid === deps.viewer) continue;
    const uids = wanted.get(entry.guid) ?? new Set<string>();
    uids.add(entry.uid);
    wanted.set(entry.guid, uids);
  }
  const scans = new Map<string, Promise<Map<string, GroupMemberRecord>>>();
  for (const [guid, uids] of wanted)
    scans.set(
      guid,
      limit(() => scan(deps, guid, uids)),
    );
  return Promise.all(
    parsed.map(async (entry): Promise<Slot> => {
      if (entry === null) return null;
      const { guid, uid } = entry;
      try {
        if (uid === deps.viewer) {
          const [group, user] = await Promise.all([deps.ownGroup(guid), deps.user(uid)]);
          return membershipOf(group, user);
        }
        return (await scans.get(guid))?.get(uid) ?? null;
      } catch (error) {
        return asError(error);
      }
    }),
  );
}

/** Pages through `guid`'s member list until every one of `uids` is found or the list ends. */
async function scan(
  deps: UserMemberDeps,
  guid: string,
  uids: ReadonlySet<string>,
): Promise<Map<string, GroupMemberRecord>> {
  const found = new Map<string, GroupMemberRecord>();
  for (let page = 1; found.size < uids.size; page++) {
    let result: Page<GroupMemberRecord>;
    try {
      result = await deps.memberPage(guid, page, MEMBER_SCAN_PAGE_SIZE);
    } catch (error) {
      // No such group, or one whose members the viewer may not see: no memberships to show.
      if (isUpstreamError(error) && (error.kind === 'not_found' || error.kind === 'forbidden')) {
        return found;
      }
      throw error;
    }
    for (const member of result.items) {
      if (uids.has(member.user.uid)) found.set(member.user.uid, member);
    }
    const { currentPage, totalPages } = result.pagination;
    if (result.items.length < MEMBER_SCAN_PAGE_SIZE || currentPage >= totalPages) break;
  }
  return found;
}
