/**
 * `/groups` and `/groups/:guid`: create (with initial members), list with CometChat's filters and
 * sorting, get, update (incl. owner transfer) and delete.
 */
import { actorOf } from './actions.js';
import { emptyGroupPassword, guidExists, notAMember } from './chat-errors.js';
import { deleteGroupData, findGroup, listGroups } from './group-list.js';
import {
  ack,
  assertValid,
  bodyObject,
  checkMetadata,
  checkString,
  checkTags,
  checkUrl,
  type EmulatorContext,
  type EmuRequest,
  LIMITS,
  normaliseId,
  ok,
  type Router,
  uidNotFound,
} from './http.js';
import { applyBuckets, readBuckets } from './member-ops.js';
import { renderGroup, userEntity } from './render.js';
import { authorise } from './scopes.js';
import { type GroupRow, type GroupType, SYSTEM_UID } from './store.js';

const GROUP_TYPES: readonly GroupType[] = ['public', 'private', 'password'];
const UNSETTABLE = ['icon', 'description', 'metadata'] as const;

/** Registers the CometChat group routes. */
export function registerGroups(router: Router): void {
  router.add('POST', '/groups', createGroup);
  router.add('GET', '/groups', listGroups);
  router.add('GET', '/groups/:guid', getGroup);
  router.add('PUT', '/groups/:guid', updateGroup);
  router.add('DELETE', '/groups/:guid', deleteGroup);
}

function readType(value: unknown, details: Record<string, string[]>, required: boolean) {
  if (value === undefined || value === null) {
    if (required) details.type = ['The type field is required.'];
    return undefined;
  }
  // CometChat's list filter calls password groups `protected`; creation uses `password`.
  if (!GROUP_TYPES.some((type) => type === value)) {
    details.type = ['The type must be one of public, private, password.'];
    return undefined;
  }
  return value as GroupType; // one of GROUP_TYPES, checked above
}

function createGroup(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const body = bodyObject(req);
  const details: Record<string, string[]> = {};
  const guid = normaliseId(body.guid, 'guid', details);
  const name = checkString(body.name, 'name', LIMITS.name, details, true);
  const type = readType(body.type, details, true);
  const password = checkString(body.password, 'password', LIMITS.password, details);
  const icon = checkUrl(body.icon, 'icon', details);
  const description = checkString(body.description, 'description', LIMITS.description, details);
  const metadata = checkMetadata(body.metadata, 'metadata', details);
  const tags = checkTags(body.tags, 'tags', details);
  const ownerInput =
    body.owner === undefined || body.owner === null
      ? undefined
      : normaliseId(body.owner, 'owner', details);
  const buckets = readBuckets(body.members, details, 'members.');
  assertValid(details);
  if (store.groups.has(guid)) throw guidExists(guid);
  if (type === 'password' && (password === undefined || password === '')) {
    throw emptyGroupPassword();
  }
  const owner = ownerInput ?? req.onBehalfOf ?? SYSTEM_UID;
  if (owner !== SYSTEM_UID && !store.activeUser(owner)) throw uidNotFound(owner);
  const now = store.now();
  const group: GroupRow = {
    guid,
    name: name ?? guid,
    type: type ?? 'public',
    ...(type === 'password' && password !== undefined ? { password } : {}),
    ...(icon !== undefined ? { icon } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
    owner,
    tags: tags ?? [],
    createdAt: now,
  };
  store.groups.set(guid, group);
  if (owner !== SYSTEM_UID) store.addMember({ guid, uid: owner, scope: 'admin', joinedAt: now });
  for (const bucket of buckets.present) {
    buckets.byBucket[bucket] = buckets.byBucket[bucket].filter((uid) => uid !== owner);
  }
  applyBuckets(ctx, group, actorOf(req.onBehalfOf), buckets);
  const viewer = req.onBehalfOf ?? (owner === SYSTEM_UID ? undefined : owner);
  const members: Record<string, unknown> = {};
  for (const uid of store.members.get(guid)?.keys() ?? []) members[uid] = userEntity(store, uid);
  ctx.emit('group_created', {
    group: renderGroup(store, group, viewer, { withTags: true }),
    members,
  });
  return ok(renderGroup(store, group, viewer, { withTags: true }));
}

function getGroup(req: EmuRequest, ctx: EmulatorContext) {
  const group = findGroup(ctx.store, req.params.guid);
  return ok(renderGroup(ctx.store, group, req.onBehalfOf, { withTags: true }));
}

function updateGroup(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  const body = bodyObject(req);
  const details: Record<string, string[]> = {};
  const name = checkString(body.name, 'name', LIMITS.name, details);
  if (name !== undefined && name.trim() === '') details.name = ['The name may not be empty.'];
  const type = readType(body.type, details, false);
  const password = checkString(body.password, 'password', LIMITS.password, details);
  const icon = checkUrl(body.icon, 'icon', details);
  const description = checkString(body.description, 'description', LIMITS.description, details);
  const metadata = checkMetadata(body.metadata, 'metadata', details);
  const tags = checkTags(body.tags, 'tags', details);
  // `owner` is ignored when the call acts as a user (CometChat's documented behaviour).
  const ownerInput =
    req.onBehalfOf !== undefined || body.owner === undefined || body.owner === null
      ? undefined
      : normaliseId(body.owner, 'owner', details);
  const unset = readUnset(body.unset, details);
  assertValid(details);
  authorise(store, group, req.onBehalfOf, 'update');
  const nextType = type ?? group.type;
  const nextPassword = password ?? group.password;
  if (nextType === 'password' && (nextPassword === undefined || nextPassword === '')) {
    throw emptyGroupPassword();
  }
  if (ownerInput !== undefined && ownerInput !== group.owner) {
    if (!store.activeUser(ownerInput)) throw uidNotFound(ownerInput);
    if (!store.member(group.guid, ownerInput)) throw notAMember(ownerInput, group.guid, 400);
  }
  if (name !== undefined) group.name = name;
  group.type = nextType;
  if (nextType === 'password' && nextPassword !== undefined) group.password = nextPassword;
  else delete group.password;
  if (icon !== undefined) group.icon = icon;
  if (description !== undefined) group.description = description;
  if (metadata !== undefined) group.metadata = metadata;
  if (tags !== undefined) group.tags = tags;
  for (const field of unset) delete group[field];
  group.updatedAt = store.now();
  group.updatedBy = actorOf(req.onBehalfOf);
  const oldOwner = group.owner;
  if (ownerInput !== undefined && ownerInput !== oldOwner) {
    group.owner = ownerInput;
    const member = store.member(group.guid, ownerInput);
    if (member) member.scope = 'admin';
    ctx.emit('group_owner_transferred', {
      group: { ...renderGroup(store, group, undefined, { withTags: true }), oldOwner },
    });
  }
  ctx.emit('group_updated', { group: renderGroup(store, group, undefined, { withTags: true }) });
  return ok(renderGroup(store, group, req.onBehalfOf, { withTags: true }));
}

function readUnset(value: unknown, details: Record<string, string[]>) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => !UNSETTABLE.some((field) => field === v))) {
    details.unset = [`The unset must be an array of ${UNSETTABLE.join(', ')}.`];
    return [];
  }
  return value as Array<(typeof UNSETTABLE)[number]>; // checked element-wise above
}

function deleteGroup(req: EmuRequest, ctx: EmulatorContext) {
  const { store } = ctx;
  const group = findGroup(store, req.params.guid);
  authorise(store, group, req.onBehalfOf, 'delete');
  const rendered = renderGroup(store, group, undefined, { withTags: true });
  deleteGroupData(store, group.guid);
  ctx.emit('group_deleted', {
    group: { ...rendered, updatedAt: store.now(), updatedBy: actorOf(req.onBehalfOf) },
  });
  return ack(`Group with guid ${group.guid} has been deleted successfully.`);
}
