/**
 * Friends (`/users/:uid/friends`) and blocked users (`/users/:uid/blockedusers`). Friendship is
 * mutual; blocking is one-way. Bulk calls answer per uid; a uid that cannot be processed gets
 * `{success:false, message, error}` in its slot while the others go through.
 */
import {
  ack,
  badRequest,
  bodyObject,
  EmuError,
  ok,
  pageList,
  type Router,
  readPage,
  uidNotFound,
} from './http.js';
import { renderUser } from './render-user.js';
import type { Store, UserRow } from './store.js';
import { compareUsers, matchesSearch, readUidList, requireUser } from './users.js';

const MAX_FRIENDS = 1000;

function failure(error: EmuError): Record<string, unknown> {
  return {
    success: false,
    message: error.message,
    error: {
      message: error.message,
      devMessage: error.message,
      source: 'chat-api',
      code: error.code,
    },
  };
}

function nameOf(row: UserRow): { uid: string; name: string } {
  return { uid: row.uid, name: row.name };
}

function searchKey(query: URLSearchParams): string {
  return (query.get('searchKey') ?? '').trim().toLowerCase();
}

/** Registers the friends and blocked-users routes. */
export function registerRelations(router: Router): void {
  router.add('POST', '/users/:uid/friends', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    const uids = readUidList(bodyObject(req), 'accepted');
    const now = store.now();
    const accepted: Record<string, unknown> = {};
    for (const uid of uids) {
      const friends = store.friends.get(user.uid) ?? new Map<string, number>();
      if (uid === user.uid) {
        accepted[uid] = failure(
          new EmuError(
            400,
            'ERR_CANNOT_FORM_SELF_RELATION',
            'A user cannot form a relationship with themselves.',
          ),
        );
      } else if (!store.activeUser(uid)) accepted[uid] = failure(uidNotFound(uid));
      else if (friends.has(uid)) {
        accepted[uid] = failure(
          new EmuError(400, 'ERR_ALREADY_FRIEND', `The user with UID ${uid} is already a friend.`),
        );
      } else if (
        friends.size >= MAX_FRIENDS ||
        (store.friends.get(uid)?.size ?? 0) >= MAX_FRIENDS
      ) {
        accepted[uid] = failure(
          new EmuError(
            400,
            'ERR_FAILED_TO_ADD_FRIEND',
            `A user may have at most ${MAX_FRIENDS} friends.`,
          ),
        );
      } else {
        addFriendship(store, user.uid, uid, now);
        accepted[uid] = { success: true, message: 'Created relationship with status accepted.' };
      }
    }
    return ok({ accepted });
  });

  router.add('GET', '/users/:uid/friends', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    const page = readPage(req.query);
    const search = searchKey(req.query);
    const rows: UserRow[] = [];
    for (const uid of store.friends.get(user.uid)?.keys() ?? []) {
      const friend = store.activeUser(uid);
      if (friend && matchesSearch(friend, search)) rows.push(friend);
    }
    rows.sort(compareUsers);
    return pageList(rows, page, (row) => renderUser(store, row, user.uid));
  });

  router.add('DELETE', '/users/:uid/friends', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    for (const uid of readUidList(bodyObject(req), 'friends')) {
      store.friends.get(user.uid)?.delete(uid);
      store.friends.get(uid)?.delete(user.uid);
    }
    return ack('Deleted the friend relations succussfully');
  });

  router.add('POST', '/users/:uid/blockedusers', (req, ctx) => {
    const { store } = ctx;
    const user = requireUser(store, req.params.uid);
    const uids = readUidList(bodyObject(req), 'blockedUids');
    const now = store.now();
    const result: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    for (const uid of uids) {
      const target = store.activeUser(uid);
      if (uid === user.uid) {
        result[uid] = failure(
          new EmuError(400, 'ERR_CANNOT_BLOCK_SELF', 'A user cannot block themselves.'),
        );
      } else if (!target) result[uid] = failure(uidNotFound(uid));
      else {
        let blocked = store.blocks.get(user.uid);
        if (!blocked) {
          blocked = new Map();
          store.blocks.set(user.uid, blocked);
        }
        if (!blocked.has(uid)) {
          blocked.set(uid, now);
          changed[uid] = nameOf(target);
        }
        result[uid] = {
          success: true,
          message: `The user with UID ${user.uid} has blocked user with UID ${uid} successfully.`,
        };
      }
    }
    if (Object.keys(changed).length > 0) {
      ctx.emit('user_blocked', { users: changed, by: nameOf(user) });
    }
    return ok(result);
  });

  router.add('DELETE', '/users/:uid/blockedusers', (req, ctx) => {
    const { store } = ctx;
    const user = requireUser(store, req.params.uid);
    const uids = readUidList(bodyObject(req), 'blockedUids');
    const result: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    for (const uid of uids) {
      const target = store.activeUser(uid);
      if (uid === user.uid) {
        result[uid] = failure(
          new EmuError(400, 'ERR_CANNOT_BLOCK_SELF', 'A user cannot unblock themselves.'),
        );
      } else if (!target) result[uid] = failure(uidNotFound(uid));
      else {
        if (store.blocks.get(user.uid)?.delete(uid)) changed[uid] = nameOf(target);
        result[uid] = {
          success: true,
          message: `The user with UID ${user.uid} has unblocked user with UID ${uid} successfully.`,
        };
      }
    }
    if (Object.keys(changed).length > 0) {
      ctx.emit('user_unblocked', { users: changed, by: nameOf(user) });
    }
    return ok(result);
  });

  router.add('GET', '/users/:uid/blockedusers', (req, { store }) => {
    const user = requireUser(store, req.params.uid);
    const page = readPage(req.query);
    const search = searchKey(req.query);
    const direction = req.query.get('direction') ?? 'blockedByMe';
    if (direction !== 'blockedByMe' && direction !== 'hasBlockedMe' && direction !== 'both') {
      throw badRequest({ direction: ['The direction must be blockedByMe, hasBlockedMe or both.'] });
    }
    const uids = new Set<string>();
    if (direction !== 'hasBlockedMe') {
      for (const uid of store.blocks.get(user.uid)?.keys() ?? []) uids.add(uid);
    }
    if (direction !== 'blockedByMe') {
      for (const [blocker, blocked] of store.blocks) if (blocked.has(user.uid)) uids.add(blocker);
    }
    const rows: UserRow[] = [];
    for (const uid of uids) {
      const row = store.activeUser(uid);
      if (row && matchesSearch(row, search)) rows.push(row);
    }
    return pageList(rows, page, (row) => renderUser(store, row, user.uid));
  });
}

/** Makes `a` and `b` friends of each other (seeds use it too). */
export function addFriendship(store: Store, a: string, b: string, since: number): void {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    let friends = store.friends.get(x);
    if (!friends) {
      friends = new Map();
      store.friends.set(x, friends);
    }
    if (!friends.has(y)) friends.set(y, since);
  }
}
