/**
 * Conversations derived from messages, as one user sees them: their 1:1 conversations and the
 * conversations of the groups they are a member of, from their reset point on. Each entry is
 * computed from the tail of the conversation's id-ordered index, so its cost does not grow with
 * the conversation's length (the unread count walks only the unread tail).
 */

import { otherParticipant } from './message-filters.js';
import type { ConversationEntry } from './render.js';
import { type MessageRow, type Store, SYSTEM_UID } from './store.js';

export interface Candidate {
  conversationId: string;
  conversationType: 'user' | 'group';
  withId: string;
}

/** Each user's reset points by conversation id, indexed once for a request over many users. */
export type ResetIndex = Map<string, Map<string, number>>;

export function resetIndex(store: Store): ResetIndex {
  const index: ResetIndex = new Map();
  for (const [key, state] of store.conversationState) {
    if (state.clearedUpTo === 0) continue;
    // Keys are `${uid}|${conversationId}`; uids never contain `|`.
    const bar = key.indexOf('|');
    const uid = key.slice(0, bar);
    let byConversation = index.get(uid);
    if (!byConversation) {
      byConversation = new Map();
      index.set(uid, byConversation);
    }
    byConversation.set(key.slice(bar + 1), state.clearedUpTo);
  }
  return index;
}

/** The conversations `uid` takes part in that still have messages after their reset point. */
export function candidatesFor(store: Store, uid: string, resets?: ResetIndex): Candidate[] {
  const clearedOf = resets
    ? (conversationId: string) => resets.get(uid)?.get(conversationId) ?? 0
    : (conversationId: string) =>
        store.conversationState.get(`${uid}|${conversationId}`)?.clearedUpTo ?? 0;
  const visible = (conversationId: string) => {
    const list = store.messagesByConversation.get(conversationId);
    const last = list?.[list.length - 1];
    return last !== undefined && last.id > clearedOf(conversationId);
  };
  const out: Candidate[] = [];
  for (const conversationId of store.userConversations.get(uid) ?? []) {
    const withId = otherParticipant(conversationId, uid);
    if (withId === undefined || !visible(conversationId)) continue;
    out.push({ conversationId, conversationType: 'user', withId });
  }
  for (const guid of store.groupsByUser.get(uid) ?? []) {
    const conversationId = `group_${guid}`;
    if (!visible(conversationId)) continue;
    out.push({ conversationId, conversationType: 'group', withId: guid });
  }
  return out;
}

/** Messages that make a conversation's `lastMessage` (thread replies and edit/delete notes do not). */
function isHeadline(row: MessageRow): boolean {
  return row.parentId === undefined && !(row.category === 'action' && row.type === 'message');
}

/** Messages counted as unread for `uid`. */
function countsAsUnread(row: MessageRow, uid: string): boolean {
  return (
    row.sender !== uid &&
    row.parentId === undefined &&
    row.category !== 'action' &&
    row.deletedAt === undefined
  );
}

/** The entry for one candidate; `unreadMessageCount` is left at 0 until `withUnreadCount`. */
export function entryFor(store: Store, uid: string, candidate: Candidate): ConversationEntry {
  const list = store.messagesByConversation.get(candidate.conversationId) ?? [];
  const state = store.conversationState.get(`${uid}|${candidate.conversationId}`);
  const cleared = state?.clearedUpTo ?? 0;
  let headline: MessageRow | undefined;
  for (let i = list.length - 1; i >= 0; i--) {
    const row = list[i] as MessageRow; // i in range
    if (row.id <= cleared) break;
    if (isHeadline(row)) {
      headline = row;
      break;
    }
  }
  const latest = list[list.length - 1];
  const first = firstAfter(list, cleared);
  const updatedAt = Math.max(headline?.sentAt ?? latest?.sentAt ?? 0, state?.updatedAt ?? 0);
  const appPin = store.appPinnedConversations.find(
    (pin) => pin.type === candidate.conversationType && pin.id === candidate.withId,
  );
  const pinnedAt =
    appPin?.pinnedAt ?? store.pinnedConversations.get(uid)?.get(candidate.conversationId);
  return {
    ...(pinnedAt !== undefined ? { pinnedAt } : {}),
    ...(appPin ? { pinnedBy: SYSTEM_UID } : {}),
    ...candidate,
    // A deleted last message leaves the conversation without one (CometChat omits it).
    ...(headline && headline.deletedAt === undefined ? { lastMessage: headline } : {}),
    unreadMessageCount: 0,
    createdAt: first?.sentAt ?? updatedAt,
    updatedAt,
    tags: state?.tags ?? [],
  };
}

function firstAfter(list: readonly MessageRow[], id: number): MessageRow | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const row = list[mid] as MessageRow; // mid < list.length
    if (row.id > id) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

/** Counts the unread messages (after the read mark, not sent by `uid`), up to `cap`. */
export function unreadCount(
  store: Store,
  uid: string,
  conversationId: string,
  cap = Number.POSITIVE_INFINITY,
): number {
  const list = store.messagesByConversation.get(conversationId) ?? [];
  const state = store.conversationState.get(`${uid}|${conversationId}`);
  const boundary = Math.max(state?.readUpTo ?? 0, state?.clearedUpTo ?? 0);
  let count = 0;
  for (let i = list.length - 1; i >= 0 && count < cap; i--) {
    const row = list[i] as MessageRow; // i in range
    if (row.id <= boundary) break;
    if (countsAsUnread(row, uid)) count += 1;
  }
  return count;
}

export function withUnreadCount(
  store: Store,
  uid: string,
  entry: ConversationEntry,
): ConversationEntry {
  return { ...entry, unreadMessageCount: unreadCount(store, uid, entry.conversationId) };
}

/**
 * Pinned first (latest pin first), then newest first, then by the other party's id: CometChat's
 * order for one user's list.
 */
export function compareEntries(a: ConversationEntry, b: ConversationEntry): number {
  // App-wide pins come before the user's own.
  const appA = a.pinnedBy === SYSTEM_UID ? 1 : 0;
  const appB = b.pinnedBy === SYSTEM_UID ? 1 : 0;
  if (appA !== appB) return appB - appA;
  const pinA = a.pinnedAt ?? -1;
  const pinB = b.pinnedAt ?? -1;
  if (pinA !== pinB) return pinB - pinA;
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.withId < b.withId ? -1 : a.withId > b.withId ? 1 : 0;
}
