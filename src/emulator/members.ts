/**
 * Group members and bans: add (per-uid results), list, change scope, kick, ban, unban and the
 * banned-users list. Every change stores a `groupMember` action message and emits its webhook.
 */
import { actorOf, emitMemberEvent, storeMemberAction } from './actions.js';
import { notAMember, notBanned } from './chat-errors.js';
import { findGroup } from './group-list.js';
import {
  ack,
  assertValid,
  badRequest,
  bodyObject,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  ok,
  pageList,
  queryList,
  type Router,
  readPage,
  uidNotFound,
} from './http.js';
import { applyBuckets, banMember, readBuckets } from './member-ops.js';
import { renderMember } from './render.js';
import { renderUser } from './render-user.js';
import { authorise, isScope, SCOPES } from './scopes.js';
import type { GroupRow, MemberRow, Scope, Store } from './store.js';

/** Registers the CometChat group member and ban routes. */
export function registerMembers(router: Router): void {
  router.add('POST', '/groups/:guid/members', addMembers);
  router.add('GET', '/groups/:guid/members', listMembers);
  router.add('PUT', '/groups/:guid/members/:uid', changeScope);
  router.add('DELETE', '/groups/:guid/members/:uid', kickMember);
  router.add('POST', '/groups/:guid/bannedusers/:uid', banUser);
  router.add('DELETE', '/groups/:guid/bannedusers/:uid', unbanUser);
  router.add('GET', '/groups/:guid/bannedusers', listBanned);
}

function addMembers(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const details: Record<string, string[]> = {};
  const buckets = readBuckets(bodyObject(req), details);
  if (buckets.total === 0 && Object.keys(details).length === 0) {
    details.participants = [
      'At least one UID is required in admins, moderators, participants or usersToBan.',
    ];
  }
  assertValid(details);
  const actor = req.onBehalfOf;
  if (actor !== undefined && !isSelfJoin(buckets.byBucket, actor)) {
    authorise(store, group, actor, 'add');
  } else if (actor !== undefined && !store.member(group.guid, actor) && group.type !== 'public') {
    // Joining password and private groups happens through the SDK (with a password or an invite).
    throw new EmuError(
      403,
      'ERR_GROUP_JOIN_NOT_ALLOWED',
      `The user with UID ${actor} cannot join the ${group.type} group with GUID ${group.guid}.`,
    );
  }
  return ok(applyBuckets(ctx, group, actorOf(actor), buckets));
}

/** A user adding only themselves as a participant: how a user joins a public group over REST. */
function isSelfJoin(byBucket: Record<string, string[]>, actor: string): boolean {
  const all = Object.values(byBucket).flat();
  return all.length === 1 && byBucket.participants?.[0] === actor;
}

function listMembers(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const params = readPage(req.query);
  const details: Record<string, string[]> = {};
  const scopes = queryList(req.query, 'scopes');
  if (scopes.some((scope) => !isScope(scope))) {
    details.scopes = [`The scopes must be among ${SCOPES.join(', ')}.`];
  }
  const status = req.query.get('status') ?? undefined;
  if (status !== undefined && status !== 'available' && status !== 'offline') {
    details.status = ['The status must be available or offline.'];
  }
  assertValid(details);
  const viewer = req.onBehalfOf;
  if (viewer !== undefined && group.type === 'private' && !store.member(group.guid, viewer)) {
    throw notAMember(viewer, group.guid);
  }
  const members: MemberRow[] = [];
  for (const member of store.members.get(group.guid)?.values() ?? []) {
    if (scopes.length > 0 && !scopes.includes(member.scope)) continue;
    if (status !== undefined && store.users.get(member.uid)?.status !== status) continue;
    members.push(member);
  }
  const last = members[Math.min(members.length, params.page * params.perPage) - 1];
  return pageList(
    members,
    params,
    (member) => renderMember(store, member, viewer),
    last ? { updatedAt: last.joinedAt, affix: 'prepend' } : undefined,
  );
}

/** The target member named by the `:uid` path parameter (must exist and be in the group). */
function targetMember(store: Store, group: GroupRow, raw: string | undefined): MemberRow {
  const uid = (raw ?? '').toLowerCase();
  if (!store.activeUser(uid)) throw uidNotFound(uid);
  const member = store.member(group.guid, uid);
  if (!member) throw notAMember(uid, group.guid, 404);
  return member;
}

function changeScope(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const body = bodyObject(req);
  const scope: unknown = body.scope ?? 'participant';
  if (!isScope(scope))
    throw badRequest({ scope: [`The scope must be one of ${SCOPES.join(', ')}.`] });
  const member = targetMember(store, group, req.params.uid);
  authorise(store, group, req.onBehalfOf, 'changeScope', {
    uid: member.uid,
    scope: member.scope,
    newScope: scope,
  });
  if (member.scope === scope) {
    throw new EmuError(
      400,
      'ERR_SAME_SCOPE',
      `The user with UID ${member.uid} already has the scope ${scope} in the group with GUID ${group.guid}.`,
    );
  }
  const oldScope: Scope = member.scope;
  member.scope = scope;
  const actor = actorOf(req.onBehalfOf);
  storeMemberAction(store, group, actor, 'scopeChanged', { uid: member.uid, scope, oldScope });
  emitMemberEvent(ctx, group, actor, 'scopeChanged', [{ uid: member.uid, scope, oldScope }]);
  return ok({ guid: group.guid, uid: member.uid, scope, joinedAt: member.joinedAt });
}

function kickMember(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const member = targetMember(store, group, req.params.uid);
  authorise(store, group, req.onBehalfOf, 'kick', { uid: member.uid, scope: member.scope });
  store.removeMember(group.guid, member.uid);
  const actor = actorOf(req.onBehalfOf);
  storeMemberAction(store, group, actor, 'kicked', { uid: member.uid });
  emitMemberEvent(ctx, group, actor, 'kicked', [{ uid: member.uid, scope: member.scope }]);
  return ack(`The member with ${member.uid} has been kicked from the Group with ${group.guid}.`);
}

function banUser(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const uid = (req.params.uid ?? '').toLowerCase();
  if (!store.activeUser(uid)) throw uidNotFound(uid);
  const member = store.member(group.guid, uid);
  authorise(store, group, req.onBehalfOf, 'ban', {
    uid,
    ...(member ? { scope: member.scope } : {}),
  });
  const actor = actorOf(req.onBehalfOf);
  banMember(store, group, actor, uid);
  emitMemberEvent(ctx, group, actor, 'banned', [member ? { uid, scope: member.scope } : { uid }]);
  return ack(`The user with uid ${uid} has been banned from the Group with ${group.guid}.`);
}

function unbanUser(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const uid = (req.params.uid ?? '').toLowerCase();
  if (!store.activeUser(uid)) throw uidNotFound(uid);
  authorise(store, group, req.onBehalfOf, 'unban', { uid });
  const bans = store.bans.get(group.guid);
  if (!bans?.has(uid)) throw notBanned(uid, group.guid);
  bans.delete(uid);
  const actor = actorOf(req.onBehalfOf);
  storeMemberAction(store, group, actor, 'unbanned', { uid });
  emitMemberEvent(ctx, group, actor, 'unbanned', [{ uid }]);
  return ack(`The user with uid ${uid} has been unbanned from the Group with ${group.guid}.`);
}

function listBanned(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const params = readPage(req.query);
  const viewer = req.onBehalfOf;
  const banned = [...(store.bans.get(group.guid)?.values() ?? [])];
  return pageList(banned, params, (ban) => {
    const user = store.users.get(ban.uid);
    const base = user ? renderUser(store, user, viewer) : { uid: ban.uid, name: ban.uid };
    return { ...base, isBanned: true, bannedAt: ban.bannedAt };
  });
}
