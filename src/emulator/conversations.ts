/**
 * Conversation routes: the list, one conversation (1:1, group and the deprecated id form), tags,
 * reset, and the delivered / read / unread marks with their receipt webhooks. All per-user state
 * lives in `store.conversationState`; conversations themselves are derived from messages.
 */
import {
  conversationNotAccessible,
  conversationNotFound,
  parseMessageId,
  requireOnBehalfOf,
} from './chat-errors.js';
import { listConversations } from './conversation-list.js';
import { type Candidate, entryFor, withUnreadCount } from './conversation-view.js';
import { findGroup } from './group-list.js';
import {
  ack,
  assertValid,
  badRequest,
  bodyObject,
  checkBoolean,
  checkTags,
  type EmulatorContext,
  type EmuRequest,
  type EmuResponse,
  messageNotFound,
  normaliseId,
  ok,
  type Router,
  uidNotFound,
} from './http.js';
import { otherParticipant } from './message-filters.js';
import { renderConversation } from './render.js';
import { conversationIdFor, type MessageRow, type Store } from './store.js';

/** Registers the CometChat conversation routes. */
export function registerConversations(router: Router): void {
  router.add('GET', '/conversations', listConversations);
  router.add('GET', '/conversations/:conversationId', (req, ctx) => {
    const { viewer, candidate } = byConversationId(req, ctx.store);
    return showConversation(ctx.store, viewer, candidate);
  });
  router.add('DELETE', '/conversations/:conversationId', (req, ctx) => {
    const { viewer, candidate } = byConversationId(req, ctx.store);
    const participants =
      candidate.conversationType === 'group'
        ? [...(ctx.store.members.get(candidate.withId)?.keys() ?? [])]
        : [viewer, candidate.withId];
    for (const uid of participants) resetFor(ctx.store, uid, candidate.conversationId);
    return ack(
      `The conversation ${candidate.conversationId} has been deleted successfully for all the users.`,
    );
  });
  for (const kind of ['users', 'groups'] as const) {
    const base = kind === 'users' ? '/users/:uid/conversation' : '/groups/:guid/conversation';
    router.add('GET', base, (req, ctx) => {
      const { viewer, candidate } = resolve(req, ctx.store, kind);
      return showConversation(ctx.store, viewer, candidate);
    });
    router.add('PUT', base, (req, ctx) => tagConversation(req, ctx, kind));
    router.add('DELETE', base, (req, ctx) => resetConversation(req, ctx, kind));
    router.add('POST', `${base}/delivered`, (req, ctx) => mark(req, ctx, kind, 'delivered'));
    router.add('POST', `${base}/read`, (req, ctx) => mark(req, ctx, kind, 'read'));
    router.add('DELETE', `${base}/read`, (req, ctx) => markUnread(req, ctx, kind));
  }
}

interface Resolved {
  viewer: string;
  candidate: Candidate;
  /** The messages of the conversation (possibly empty). */
  list: readonly MessageRow[];
}

function hasVisible(store: Store, viewer: string, conversationId: string): boolean {
  const list = store.messagesByConversation.get(conversationId) ?? [];
  const cleared = store.conversationState.get(`${viewer}|${conversationId}`)?.clearedUpTo ?? 0;
  const last = list[list.length - 1];
  return last !== undefined && last.id > cleared;
}

/** The viewer's conversation with `:uid` or in `:guid`; it must have messages the viewer sees. */
export function resolve(req: EmuRequest, store: Store, kind: 'users' | 'groups'): Resolved {
  const viewer = requireOnBehalfOf(req);
  let candidate: Candidate;
  if (kind === 'users') {
    const uid = (req.params.uid ?? '').toLowerCase();
    if (!store.activeUser(uid)) throw uidNotFound(uid);
    candidate = {
      conversationId: conversationIdFor('user', viewer, uid),
      conversationType: 'user',
      withId: uid,
    };
  } else {
    const group = findGroup(store, req.params.guid);
    candidate = {
      conversationId: `group_${group.guid}`,
      conversationType: 'group',
      withId: group.guid,
    };
    if (!store.member(group.guid, viewer)) {
      throw conversationNotAccessible(candidate.conversationId, viewer);
    }
  }
  if (!hasVisible(store, viewer, candidate.conversationId)) {
    throw conversationNotAccessible(candidate.conversationId, viewer);
  }
  return {
    viewer,
    candidate,
    list: store.messagesByConversation.get(candidate.conversationId) ?? [],
  };
}

/** The deprecated `/conversations/:conversationId` form, seen by the onBehalfOf user. */
function byConversationId(req: EmuRequest, store: Store): Resolved {
  const viewer = requireOnBehalfOf(req);
  const conversationId = req.params.conversationId ?? '';
  let candidate: Candidate | undefined;
  if (conversationId.startsWith('group_')) {
    const guid = conversationId.slice('group_'.length);
    if (store.groups.has(guid) && store.member(guid, viewer)) {
      candidate = { conversationId, conversationType: 'group', withId: guid };
    }
  } else {
    const other = otherParticipant(conversationId, viewer);
    if (other !== undefined)
      candidate = { conversationId, conversationType: 'user', withId: other };
  }
  if (!candidate || !hasVisible(store, viewer, conversationId)) {
    throw conversationNotFound(conversationId);
  }
  return { viewer, candidate, list: store.messagesByConversation.get(conversationId) ?? [] };
}

export function showConversation(store: Store, viewer: string, candidate: Candidate): EmuResponse {
  const entry = withUnreadCount(store, viewer, entryFor(store, viewer, candidate));
  return ok(renderConversation(store, entry, viewer, { withTags: true }));
}

function tagConversation(req: EmuRequest, ctx: EmulatorContext, kind: 'users' | 'groups') {
  const { store } = ctx;
  const { viewer, candidate } = resolve(req, store, kind);
  const details: Record<string, string[]> = {};
  const tags = checkTags(bodyObject(req).tags, 'tags', details);
  if (tags === undefined && Object.keys(details).length === 0) {
    details.tags = ['The tags field is required.'];
  }
  assertValid(details);
  store.conversationStateFor(viewer, candidate.conversationId).tags = tags ?? [];
  return showConversation(store, viewer, candidate);
}

/** Hides everything up to the latest message for `uid` (CometChat's "reset conversation"). */
function resetFor(store: Store, uid: string, conversationId: string): void {
  const list = store.messagesByConversation.get(conversationId) ?? [];
  const lastId = list[list.length - 1]?.id ?? 0;
  const state = store.conversationStateFor(uid, conversationId);
  state.clearedUpTo = Math.max(state.clearedUpTo, lastId);
  state.readUpTo = Math.max(state.readUpTo, lastId);
  state.deliveredUpTo = Math.max(state.deliveredUpTo, lastId);
  state.tags = [];
}

function resetConversation(req: EmuRequest, ctx: EmulatorContext, kind: 'users' | 'groups') {
  const { store } = ctx;
  const { viewer, candidate, list } = resolve(req, store, kind);
  const body = bodyObject(req);
  const details: Record<string, string[]> = {};
  if (kind === 'users' && body.conversationWith !== undefined) {
    normaliseId(body.conversationWith, 'conversationWith', details);
  }
  const permanently =
    kind === 'users'
      ? (checkBoolean(body.deleteMessagesPermanently, 'deleteMessagesPermanently', details) ??
        false)
      : false;
  assertValid(details);
  if (permanently) {
    deleteConversationMessages(store, candidate.conversationId, [...list]);
    store.userConversations.get(viewer)?.delete(candidate.conversationId);
    store.userConversations.get(candidate.withId)?.delete(candidate.conversationId);
  }
  resetFor(store, viewer, candidate.conversationId);
  return ack(
    `The conversation ${candidate.conversationId} has been deleted successfully for UID ${viewer}.`,
  );
}

function deleteConversationMessages(store: Store, conversationId: string, list: MessageRow[]) {
  store.messagesByConversation.delete(conversationId);
  for (const message of list) {
    store.messages.delete(message.id);
    store.reactions.delete(message.id);
    store.repliesByParent.delete(message.id);
  }
}

/** The `messageId` of a receipt body: a message of this conversation (default: the latest). */
function targetMessage(req: EmuRequest, resolved: Resolved, required: boolean): MessageRow {
  const raw = bodyObject(req).messageId;
  if (raw === undefined || raw === null) {
    if (required) throw badRequest({ messageId: ['The messageId field is required.'] });
    return resolved.list[resolved.list.length - 1] as MessageRow; // resolve() ensures messages
  }
  const id = parseMessageId(raw, 'messageId');
  const message = resolved.list.length > 0 ? findIn(resolved.list, id) : undefined;
  if (!message) throw messageNotFound(id);
  return message;
}

function findIn(list: readonly MessageRow[], id: number): MessageRow | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = list[mid] as MessageRow; // lo <= mid <= hi < list.length
    if (row.id === id) return row;
    if (row.id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

function mark(
  req: EmuRequest,
  ctx: EmulatorContext,
  kind: 'users' | 'groups',
  action: 'delivered' | 'read',
) {
  const { store } = ctx;
  const resolved = resolve(req, store, kind);
  const { viewer, candidate } = resolved;
  const message = targetMessage(req, resolved, false);
  const state = store.conversationStateFor(viewer, candidate.conversationId);
  state.deliveredUpTo = Math.max(state.deliveredUpTo, message.id);
  if (action === 'read') state.readUpTo = Math.max(state.readUpTo, message.id);
  const user = store.users.get(viewer);
  ctx.emit(action === 'read' ? 'message_read_receipt' : 'message_delivery_receipt', {
    receiver: candidate.withId,
    receiverType: kind === 'users' ? 'user' : 'group',
    type: 'receipts',
    sender: viewer,
    messageSender: message.sender,
    body: {
      action,
      messageId: String(message.id),
      user: {
        uid: viewer,
        name: user?.name ?? viewer,
        // Receipt payloads spell presence the SDK way.
        status: user?.status === 'available' ? 'online' : 'offline',
      },
      timestamp: store.now(),
    },
  });
  return kind === 'users'
    ? ack(
        `All the messages from the user ${candidate.withId} are marked as ${action} for the user ${viewer}.`,
        true,
      )
    : ack(
        `All the messages in group ${candidate.withId} are marked as ${action} for the user ${viewer}.`,
      );
}

function markUnread(req: EmuRequest, ctx: EmulatorContext, kind: 'users' | 'groups') {
  const { store } = ctx;
  const resolved = resolve(req, store, kind);
  const { viewer, candidate } = resolved;
  const message = targetMessage(req, resolved, true);
  const state = store.conversationStateFor(viewer, candidate.conversationId);
  // The given message becomes unread again, with everything after it.
  state.readUpTo = Math.min(state.readUpTo, message.id - 1);
  const where =
    kind === 'users' ? `from the user ${candidate.withId}` : `in the group ${candidate.withId}`;
  return ack(
    `The messages after the message id ${message.id - 1} ${where} are marked as unread for the user ${viewer}.`,
  );
}
