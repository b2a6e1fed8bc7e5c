/**
 * The app-wide ("global") pinned conversations: `GET /conversations/pinned` lists them,
 * `PUT /conversations/pinned` `{pinnedConversations: [{uid}|{guid}]}` replaces the whole list.
 * They are the app's (the API key's), not a user's: sent with onBehalfOf they are refused. Every
 * user whose list holds such a conversation sees it pinned first, `pinnedBy: "app_system"`. Both
 * answer `{data: {pinnedConversations: [{uid}|{guid}, pinnedAt]}}`.
 */

import { LIMITS } from '../cometchat/limits.js';
import {
  badRequest,
  bodyObject,
  EmuError,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  guidNotFound,
  ok,
  type Router,
  uidNotFound,
} from './http.js';
import type { Store } from './store.js';

/** The emulator's cap on app-wide pins (CometChat's is an app setting it does not document). */
export const MAX_APP_PINNED_CONVERSATIONS = LIMITS.appPinnedConversations;

export function registerAppPins(router: Router): void {
  router.add('GET', '/conversations/pinned', (req, ctx) => show(req, ctx.store));
  router.add('PUT', '/conversations/pinned', replace);
}

function refuseUser(req: EmuRequest): void {
  if (req.onBehalfOf !== undefined && req.onBehalfOf !== '') {
    throw new EmuError(
      403,
      'ERR_ACTION_NOT_ALLOWED',
      'The app-wide pinned conversations are managed by the app, not on behalf of a user.',
    );
  }
}

function show(req: EmuRequest, store: Store): EmuResponse {
  refuseUser(req);
  return ok({
    pinnedConversations: store.appPinnedConversations.map((pin) => ({
      [pin.type === 'user' ? 'uid' : 'guid']: pin.id,
      pinnedAt: pin.pinnedAt,
    })),
  });
}

function replace(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  refuseUser(req);
  const list = bodyObject(req).pinnedConversations;
  if (!Array.isArray(list) || list.length > MAX_APP_PINNED_CONVERSATIONS) {
    throw badRequest({
      pinnedConversations: [
        `The pinnedConversations must be a list of at most ${MAX_APP_PINNED_CONVERSATIONS} items.`,
      ],
    });
  }
  const next: Store['appPinnedConversations'] = [];
  const seen = new Set<string>();
  const now = store.now();
  for (const item of list) {
    const entry =
      item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const uid = typeof entry.uid === 'string' ? entry.uid.toLowerCase() : undefined;
    const guid = typeof entry.guid === 'string' ? entry.guid.toLowerCase() : undefined;
    if ((uid === undefined) === (guid === undefined) || (uid ?? guid) === '') {
      throw badRequest({
        pinnedConversations: ['Each item must have exactly one of uid and guid.'],
      });
    }
    if (uid !== undefined && !store.activeUser(uid)) throw uidNotFound(uid);
    if (guid !== undefined && !store.groups.has(guid)) throw guidNotFound(guid);
    const key = uid !== undefined ? `user:${uid}` : `group:${guid}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const kept = store.appPinnedConversations.find((pin) => `${pin.type}:${pin.id}` === key);
    next.push(
      uid !== undefined
        ? { type: 'user', id: uid, pinnedAt: kept?.pinnedAt ?? now }
        : { type: 'group', id: guid as string, pinnedAt: kept?.pinnedAt ?? now },
    );
  }
  store.appPinnedConversations = next;
  return show(req, store);
}
