/**
 * Membership changes shared by group creation and the member routes: the `{admins, moderators,
 * participants, usersToBan}` buckets, adding, banning and removing, each with its action message
 * and webhook.
 */
import { emitMemberEvent, type MemberActionName, storeMemberAction } from './actions.js';
import { alreadyBanned, alreadyJoined, bannedMember } from './chat-errors.js';
import { EmuError, type EmulatorContext, LIMITS, normaliseId, uidNotFound } from './http.js';
import { renderMessage } from './render.js';
import type { GroupRow, Scope, Store } from './store.js';

export const BUCKETS = ['admins', 'moderators', 'participants', 'usersToBan'] as const;
export type Bucket = (typeof BUCKETS)[number];

const BUCKET_SCOPE: Record<Exclude<Bucket, 'usersToBan'>, Scope> = {
  admins: 'admin',
  moderators: 'moderator',
  participants: 'participant',
};

/** Each uid once, in the bucket that wins (ban > admin > moderator > participant). */
export interface BucketRequest {
  present: Bucket[];
  byBucket: Record<Bucket, string[]>;
  total: number;
}

export function readBuckets(
  value: unknown,
  details: Record<string, string[]>,
  prefix = '',
): BucketRequest {
  const request: BucketRequest = {
    present: [],
    byBucket: { admins: [], moderators: [], participants: [], usersToBan: [] },
    total: 0,
  };
  if (value === undefined || value === null) return request;
  if (typeof value !== 'object' || Array.isArray(value)) {
    details[prefix.replace(/\.$/, '') || 'body'] = ['The members must be an object.'];
    return request;
  }
  const body = value as Record<string, unknown>; // a plain JSON object, checked above
  const seen = new Set<string>();
  // Bans first, then scopes by precedence, so a uid lands in the bucket that wins.
  for (const bucket of ['usersToBan', 'admins', 'moderators', 'participants'] as const) {
    const raw = body[bucket];
    if (raw === undefined || raw === null) continue;
    const field = `${prefix}${bucket}`;
    if (!Array.isArray(raw)) {
      details[field] = [`The ${field} must be an array of UIDs.`];
      continue;
    }
    request.present.push(bucket);
    for (const item of raw) {
      const uid = normaliseId(item, field, details);
      if (uid === '' || seen.has(uid)) continue;
      seen.add(uid);
      request.byBucket[bucket].push(uid);
    }
  }
  request.total = seen.size;
  if (request.total > LIMITS.membersPerAdd) {
    details[prefix.replace(/\.$/, '') || 'members'] = [
      `At most ${LIMITS.membersPerAdd} UIDs may be given in one request, across all scopes.`,
    ];
  }
  request.present.sort((a, b) => BUCKETS.indexOf(a) - BUCKETS.indexOf(b));
  return request;
}

export type ItemResult =
  | { success: true; data?: Record<string, unknown> }
  | { success: false; error: unknown };

function failure(error: EmuError): ItemResult {
  const body = error.toBody() as { error: unknown }; // EmuError.toBody always wraps in `error`
  return { success: false, error: body.error };
}

/**
 * Applies the buckets as `actor` (a uid or the system user), collecting per-uid results.
 * A user adding themselves is stored as a `joined` action instead of `added`.
 */
export function applyBuckets(
  ctx: EmulatorContext,
  group: GroupRow,
  actor: string,
  request: BucketRequest,
): Record<string, Record<string, ItemResult>> {
  const result: Record<string, Record<string, ItemResult>> = {};
  const events = new Map<MemberActionName, Array<{ uid: string; scope?: Scope }>>();
  const note = (action: MemberActionName, uid: string, scope?: Scope) => {
    const list = events.get(action) ?? [];
    list.push(scope === undefined ? { uid } : { uid, scope });
    events.set(action, list);
  };
  for (const bucket of request.present) {
    const items: Record<string, ItemResult> = {};
    for (const uid of request.byBucket[bucket]) {
      try {
        if (bucket === 'usersToBan') {
          banMember(ctx.store, group, actor, uid);
          items[uid] = { success: true };
          note('banned', uid);
        } else {
          const scope = BUCKET_SCOPE[bucket];
          const action = uid === actor ? 'joined' : 'added';
          const message = addMember(ctx.store, group, actor, uid, scope, action);
          items[uid] = { success: true, data: renderMessage(ctx.store, message) };
          note(action, uid, scope);
        }
      } catch (error) {
        if (!(error instanceof EmuError)) throw error;
        items[uid] = failure(error);
      }
    }
    result[bucket] = items;
  }
  for (const [action, changes] of events) emitMemberEvent(ctx, group, actor, action, changes);
  return result;
}

/** Adds one member and stores the action message; throws CometChat's per-uid error. */
export function addMember(
  store: Store,
  group: GroupRow,
  actor: string,
  uid: string,
  scope: Scope,
  action: 'added' | 'joined' = 'added',
) {
  if (!store.activeUser(uid)) throw uidNotFound(uid);
  if (store.bans.get(group.guid)?.has(uid)) throw bannedMember(uid, group.guid);
  if (store.member(group.guid, uid)) throw alreadyJoined(uid, group.guid);
  store.addMember({ guid: group.guid, uid, scope, joinedAt: store.now() });
  return storeMemberAction(store, group, actor, action, { uid, scope });
}

/** Bans a user (removing any membership) and stores the action message. */
export function banMember(store: Store, group: GroupRow, actor: string, uid: string) {
  if (!store.activeUser(uid)) throw uidNotFound(uid);
  let bans = store.bans.get(group.guid);
  if (bans?.has(uid)) throw alreadyBanned(uid, group.guid);
  if (!bans) {
    bans = new Map();
    store.bans.set(group.guid, bans);
  }
  store.removeMember(group.guid, uid);
  bans.set(uid, { guid: group.guid, uid, bannedAt: store.now() });
  return storeMemberAction(store, group, actor, 'banned', { uid });
}
