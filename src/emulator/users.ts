/**
 * `/users`: create, list (every documented filter), bulk deactivate/reactivate, get, update and
 * delete. Deleting a user also removes what hangs off it (memberships, bans, tokens, relations);
 * a permanent delete removes the user's messages and conversations too.
 */
import { issueAuthToken } from './auth-tokens.js';
import {
  ack,
  assertValid,
  badRequest,
  bodyObject,
  checkBoolean,
  checkMetadata,
  checkString,
  checkTags,
  checkUrl,
  EmuError,
  LIMITS,
  normaliseId,
  ok,
  pageList,
  queryFlag,
  queryList,
  type Router,
  readPage,
  uidNotFound,
} from './http.js';
import { renderUser } from './render-user.js';
import { roleNotFound } from './roles.js';
import type { Store, UserRow } from './store.js';

/** Users in list order: by name, then uid (stable across pages). */
const orderCache = new WeakMap<Store, { size: number; revision: number; rows: UserRow[] }>();
const revisions = new WeakMap<Store, number>();

/** Marks the cached list order of `store`'s users stale (after a create, rename or delete). */
export function touchUsers(store: Store): void {
  revisions.set(store, (revisions.get(store) ?? 0) + 1);
}

export function usersInOrder(store: Store): UserRow[] {
  const revision = revisions.get(store) ?? 0;
  const cached = orderCache.get(store);
  if (cached && cached.size === store.users.size && cached.revision === revision) {
    return cached.rows;
  }
  const rows = [...store.users.values()].sort(compareUsers);
  orderCache.set(store, { size: store.users.size, revision, rows });
  return rows;
}

export function compareUsers(a: UserRow, b: UserRow): number {
  const an = a.name.toLowerCase();
  const bn = b.name.toLowerCase();
  if (an !== bn) return an < bn ? -1 : 1;
  return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/** CometChat's `searchKey`: a case-insensitive prefix of the uid and/or the name. */
export function matchesSearch(
  row: UserRow,
  search: string,
  fields: readonly ('uid' | 'name')[] = ['uid', 'name'],
): boolean {
  if (search === '') return true;
  return fields.some((field) => row[field].toLowerCase().startsWith(search));
}

export function readSearchIn(query: URLSearchParams): ('uid' | 'name')[] {
  const values = queryList(query, 'searchIn');
  if (values.length === 0) return ['uid', 'name'];
  const fields: ('uid' | 'name')[] = [];
  for (const value of values) {
    if (value === 'uid' || value === 'name') fields.push(value);
    else throw badRequest({ searchIn: ['The searchIn values must be name or uid.'] });
  }
  return fields;
}

function uidAlreadyExists(uid: string): EmuError {
  // 409 rather than 400: the code says what happened; the status lets clients map it to a conflict.
  return new EmuError(409, 'ERR_UID_ALREADY_EXISTS', `The UID ${uid} already exists.`);
}

/** The active user `uid` (path params are lowercased like every uid), or ERR_UID_NOT_FOUND. */
export function requireUser(store: Store, rawUid: string | undefined): UserRow {
  const uid = (rawUid ?? '').toLowerCase();
  const row = store.activeUser(uid);
  if (!row) throw uidNotFound(uid);
  return row;
}

/** Reads a list of uids from `body[field]`, lowercased; a missing or bad list is ERR_BAD_REQUEST. */
export function readUidList(body: Record<string, unknown>, field: string): string[] {
  const value = body[field];
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    throw badRequest({ [field]: [`The ${field} field must be a non-empty array of UIDs.`] });
  }
  return [...new Set(value.map((v: string) => v.toLowerCase()))];
}

function checkRole(
  store: Store,
  value: unknown,
  details: Record<string, string[]>,
): string | undefined {
  const role = checkString(value, 'role', LIMITS.name, details);
  if (role === undefined) return undefined;
  const id = role.toLowerCase();
  if (!store.roles.has(id)) throw roleNotFound(id);
  return id;
}

const UNSETTABLE = ['avatar', 'link', 'metadata', 'statusMessage'] as const;
type Unsettable = (typeof UNSETTABLE)[number];

function readUnset(value: unknown, details: Record<string, string[]>): Unsettable[] {
  if (value === undefined || value === null) return [];
  const fields: Unsettable[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const field = UNSETTABLE.find((f) => f === item);
      if (field === undefined) break;
      fields.push(field);
    }
    if (fields.length === value.length) return fields;
  }
  details.unset = [`The unset values must be among ${UNSETTABLE.join(', ')}.`];
  return [];
}

/** Removes the user and everything attached to it; `permanent` also removes its messages. */
export function deleteUser(store: Store, uid: string, permanent: boolean): void {
  for (const guid of [...(store.groupsByUser.get(uid) ?? [])]) store.removeMember(guid, uid);
  store.groupsByUser.delete(uid);
  for (const bans of store.bans.values()) bans.delete(uid);
  store.authTokens.delete(uid);
  for (const friend of store.friends.get(uid)?.keys() ?? []) store.friends.get(friend)?.delete(uid);
  store.friends.delete(uid);
  store.blocks.delete(uid);
  for (const blocked of store.blocks.values()) blocked.delete(uid);
  if (permanent) {
    for (const conversationId of store.userConversations.get(uid) ?? []) {
      const messages = store.messagesByConversation.get(conversationId) ?? [];
      // Dropping the index first keeps each removal O(1) instead of splicing a long list.
      store.messagesByConversation.delete(conversationId);
      for (const message of messages) store.removeMessage(message.id);
      for (const other of conversationId.split('_user_')) {
        if (other !== uid) store.userConversations.get(other)?.delete(conversationId);
      }
    }
    for (const message of [...store.messages.values()]) {
      if (message.sender === uid) store.removeMessage(message.id);
    }
    for (const [messageId, reactions] of store.reactions) {
      const kept = reactions.filter((r) => r.uid !== uid);
      if (kept.length !== reactions.length) store.reactions.set(messageId, kept);
    }
    store.userConversations.delete(uid);
    for (const key of [...store.conversationState.keys()]) {
      if (key.startsWith(`${uid}|`)) store.conversationState.delete(key);
    }
  }
  store.users.delete(uid);
  touchUsers(store);
}

function renderOne(store: Store, row: UserRow, viewer?: string): Record<string, unknown> {
  return renderUser(store, row, viewer, { withTags: true });
}

/** Registers the CometChat users routes. */
export function registerUsers(router: Router): void {
  router.add('POST', '/users', (req, { store }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const uid = normaliseId(body.uid, 'uid', details);
    const name = checkString(body.name, 'name', LIMITS.name, details, true);
    const avatar = checkUrl(body.avatar, 'avatar', details);
    const link = checkUrl(body.link, 'link', details);
    const statusMessage = checkString(
      body.statusMessage,
      'statusMessage',
      LIMITS.description,
      details,
    );
    const metadata = checkMetadata(body.metadata, 'metadata', details);
    const tags = checkTags(body.tags, 'tags', details);
    const withAuthToken = checkBoolean(body.withAuthToken, 'withAuthToken', details);
    const role = checkRole(store, body.role, details);
    assertValid(details);
    if (store.users.has(uid)) throw uidAlreadyExists(uid);
    const now = store.now();
    const row: UserRow = {
      uid,
      name: name ?? uid,
      role: role ?? 'default',
      tags: tags ?? [],
      status: 'offline',
      createdAt: now,
      ...(avatar !== undefined ? { avatar } : {}),
      ...(link !== undefined ? { link } : {}),
      ...(statusMessage !== undefined ? { statusMessage } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
    };
    store.users.set(uid, row);
    touchUsers(store);
    const user = renderOne(store, row);
    if (withAuthToken) user.authToken = issueAuthToken(store, uid).authToken;
    return ok(user);
  });

  router.add('GET', '/users', (req, { store }) => {
    const page = readPage(req.query);
    const query = req.query;
    const search = (query.get('searchKey') ?? '').trim().toLowerCase();
    const searchIn = readSearchIn(query);
    const status = query.get('status');
    if (status !== null && status !== 'available' && status !== 'offline') {
      throw badRequest({ status: ['The status must be available or offline.'] });
    }
    const roles = [...queryList(query, 'role'), ...queryList(query, 'roles')].map((r) =>
      r.toLowerCase(),
    );
    const tags = queryList(query, 'tags');
    const onlyDeactivated = queryFlag(query, 'onlyDeactivated');
    const withDeactivated = queryFlag(query, 'withDeactivated');
    const withTags = queryFlag(query, 'withTags');
    const rows = usersInOrder(store).filter((row) => {
      const deactivated = row.deactivatedAt !== undefined;
      if (onlyDeactivated ? !deactivated : deactivated && !withDeactivated) return false;
      if (status !== null && row.status !== status) return false;
      if (roles.length > 0 && !roles.includes(row.role)) return false;
      if (tags.length > 0 && !row.tags.some((t) => tags.includes(t))) return false;
      return matchesSearch(row, search, searchIn);
    });
    return pageList(rows, page, (row) => renderUser(store, row, req.onBehalfOf, { withTags }));
  });

  // Bulk reactivate.
  router.add('PUT', '/users', (req, { store }) => {
    const uids = readUidList(bodyObject(req), 'uidsToActivate');
    const now = store.now();
    const reactivated: string[] = [];
    for (const uid of uids) {
      const row = store.users.get(uid);
      if (!row) continue;
      if (row.deactivatedAt !== undefined) {
        delete row.deactivatedAt;
        row.updatedAt = now;
      }
      reactivated.push(uid);
    }
    return ok({ nonDeactivatedUids: reactivated });
  });

  // Bulk deactivate.
  router.add('DELETE', '/users', (req, { store }) => {
    const uids = readUidList(bodyObject(req), 'uidsToDeactivate');
    const now = store.now();
    const deactivated: string[] = [];
    for (const uid of uids) {
      const row = store.users.get(uid);
      if (!row) continue;
      if (row.deactivatedAt === undefined) {
        row.deactivatedAt = now;
        row.updatedAt = now;
        row.status = 'offline';
      }
      deactivated.push(uid);
    }
    return ok({ deactivatedUids: deactivated });
  });

  router.add('GET', '/users/:uid', (req, { store }) => {
    const row = requireUser(store, req.params.uid);
    return ok(renderOne(store, row, req.onBehalfOf));
  });

  router.add('PUT', '/users/:uid', (req, { store }) => {
    const row = requireUser(store, req.params.uid);
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const name = checkString(body.name, 'name', LIMITS.name, details, body.name !== undefined);
    const avatar = checkUrl(body.avatar, 'avatar', details);
    const link = checkUrl(body.link, 'link', details);
    const statusMessage = checkString(
      body.statusMessage,
      'statusMessage',
      LIMITS.description,
      details,
    );
    const metadata = checkMetadata(body.metadata, 'metadata', details);
    const tags = checkTags(body.tags, 'tags', details);
    const unset = readUnset(body.unset, details);
    const role = checkRole(store, body.role, details);
    assertValid(details);
    if (name !== undefined) row.name = name;
    if (avatar !== undefined) row.avatar = avatar;
    if (link !== undefined) row.link = link;
    if (statusMessage !== undefined) row.statusMessage = statusMessage;
    if (metadata !== undefined) row.metadata = metadata;
    if (tags !== undefined) row.tags = tags;
    if (role !== undefined) row.role = role;
    for (const field of unset) delete row[field];
    row.updatedAt = store.now();
    touchUsers(store);
    return ok(renderOne(store, row, req.onBehalfOf));
  });

  router.add('DELETE', '/users/:uid', (req, { store }) => {
    const row = requireUser(store, req.params.uid);
    const details: Record<string, string[]> = {};
    const permanent = checkBoolean(bodyObject(req).permanent, 'permanent', details);
    assertValid(details);
    deleteUser(store, row.uid, permanent ?? false);
    return ack(`User with ${row.uid} has been deleted successfully.`);
  });
}
