/**
 * `GET /conversations`. With onBehalfOf: that user's conversations, newest first. Without it:
 * every user's conversations, ordered by uid, then newest first, then the other party (CometChat's
 * documented order), each seen by its user. Only the users on the requested page have their
 * conversations materialised; the others are only counted.
 */
import {
  type Candidate,
  candidatesFor,
  compareEntries,
  entryFor,
  resetIndex,
  unreadCount,
  withUnreadCount,
} from './conversation-view.js';
import {
  assertValid,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  type PageParams,
  queryFlag,
  queryList,
  readPage,
} from './http.js';
import { type ConversationEntry, renderConversation } from './render.js';
import type { Store } from './store.js';

interface ListFilter {
  conversationType?: 'user' | 'group';
  searchKey: string;
  tags: string[];
  userTags: string[];
  groupTags: string[];
  unread: boolean;
  /** `pinnedBy`: `me` keeps only the viewer's pins `system` the app-wide ones. */
  pinnedBy: string[];
}

function readFilter(query: URLSearchParams): ListFilter {
  const details: Record<string, string[]> = {};
  const type = query.get('conversationType') || undefined;
  if (type !== undefined && type !== 'user' && type !== 'group') {
    details.conversationType = ['The conversationType must be user or group.'];
  }
  assertValid(details);
  return {
    ...(type === 'user' || type === 'group' ? { conversationType: type } : {}),
    searchKey: (query.get('searchKey') ?? '').trim().toLowerCase(),
    tags: queryList(query, 'tags'),
    userTags: queryList(query, 'userTags'),
    groupTags: queryList(query, 'groupTags'),
    unread: queryFlag(query, 'unread'),
    pinnedBy: queryList(query, 'pinnedBy'),
  };
}

function accepts(store: Store, uid: string, candidate: Candidate, filter: ListFilter): boolean {
  if (filter.conversationType && candidate.conversationType !== filter.conversationType) {
    return false;
  }
  if (filter.pinnedBy.length > 0) {
    const mine = store.pinnedConversations.get(uid)?.has(candidate.conversationId) ?? false;
    const app = store.appPinnedConversations.some(
      (pin) => pin.type === candidate.conversationType && pin.id === candidate.withId,
    );
    if (
      !((filter.pinnedBy.includes('me') && mine) || (filter.pinnedBy.includes('system') && app))
    ) {
      return false;
    }
  }
  if (filter.tags.length > 0) {
    const tags = store.conversationState.get(`${uid}|${candidate.conversationId}`)?.tags ?? [];
    if (!tags.some((tag) => filter.tags.includes(tag))) return false;
  }
  const other =
    candidate.conversationType === 'user'
      ? store.users.get(candidate.withId)
      : store.groups.get(candidate.withId);
  const partyTags = candidate.conversationType === 'user' ? filter.userTags : filter.groupTags;
  if (partyTags.length > 0 && !other?.tags.some((tag) => partyTags.includes(tag))) return false;
  if (filter.searchKey !== '') {
    const name = (other?.name ?? candidate.withId).toLowerCase();
    if (!name.includes(filter.searchKey)) return false;
  }
  if (filter.unread && unreadCount(store, uid, candidate.conversationId, 1) === 0) return false;
  return true;
}

function envelope(data: unknown[], total: number, params: PageParams): EmuResponse {
  return {
    status: 200,
    body: {
      data,
      meta: {
        pagination: {
          total,
          count: data.length,
          per_page: params.perPage,
          current_page: params.page,
          total_pages: Math.max(1, Math.ceil(total / params.perPage)),
        },
      },
    },
  };
}

export function listConversations(req: EmuRequest, { store }: EmulatorContext): EmuResponse {
  const params = readPage(req.query);
  const filter = readFilter(req.query);
  const options = {
    withTags: queryFlag(req.query, 'withTags'),
    withUserAndGroupTags: queryFlag(req.query, 'withUserAndGroupTags'),
  };
  const render = (uid: string, entry: ConversationEntry) =>
    renderConversation(store, withUnreadCount(store, uid, entry), uid, options);
  const start = (params.page - 1) * params.perPage;
  const end = start + params.perPage;

  const viewer = req.onBehalfOf;
  if (viewer !== undefined) {
    const entries = candidatesFor(store, viewer)
      .filter((candidate) => accepts(store, viewer, candidate, filter))
      .map((candidate) => entryFor(store, viewer, candidate))
      .sort(compareEntries);
    const data = entries.slice(start, end).map((entry) => render(viewer, entry));
    return envelope(data, entries.length, params);
  }

  const uids = [...store.users.values()]
    .filter((user) => user.deactivatedAt === undefined)
    .map((user) => user.uid)
    .sort();
  const resets = resetIndex(store);
  const data: unknown[] = [];
  let total = 0;
  for (const uid of uids) {
    const candidates = candidatesFor(store, uid, resets).filter((c) =>
      accepts(store, uid, c, filter),
    );
    const from = total;
    total += candidates.length;
    if (total <= start || from >= end) continue;
    const entries = candidates.map((c) => entryFor(store, uid, c)).sort(compareEntries);
    const slice = entries.slice(Math.max(0, start - from), end - from);
    for (const entry of slice) data.push(render(uid, entry));
  }
  return envelope(data, total, params);
}
