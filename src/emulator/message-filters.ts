/**
 * The message list filters of `GET /messages`, `/users/:uid/messages`, `/groups/:guid/messages`
 * and threads, plus what a viewer (the `onBehalfOf` user) may see: their own conversations from
 * their reset point on.
 */
import { assertValid, queryFlag, queryList } from './http.js';
import { mentionedUids } from './render.js';
import { conversationIdFor, type MessageRow, type ReceiverType, type Store } from './store.js';

const CATEGORIES = ['message', 'custom', 'action', 'call', 'interactive'];
const ATTACHMENT_TYPES = ['image', 'video', 'audio', 'file'];
const LINK = /(https?:\/\/|www\.)\S+/i;

export interface MessageQuery {
  match: (row: MessageRow) => boolean;
  withTags: boolean;
  conversationId?: string;
  sender?: string;
  receiverType?: ReceiverType;
}

/** The other participant of a 1:1 conversation id, when `uid` takes part in it. */
export function otherParticipant(conversationId: string, uid: string): string | undefined {
  const head = `${uid}_user_`;
  const tail = `_user_${uid}`;
  const candidates: string[] = [];
  if (conversationId.startsWith(head)) candidates.push(conversationId.slice(head.length));
  if (conversationId.endsWith(tail)) candidates.push(conversationId.slice(0, -tail.length));
  return candidates.find((other) => conversationIdFor('user', uid, other) === conversationId);
}

/** Whether `uid` takes part in the conversation of `row` (1:1 side or current group member). */
export function canSee(store: Store, row: MessageRow, uid: string): boolean {
  if (row.receiverType === 'group') return store.member(row.receiver, uid) !== undefined;
  return otherParticipant(row.conversationId, uid) !== undefined;
}

/** Per-conversation state of one viewer, looked up once per conversation per request. */
function stateReader(store: Store, viewer: string) {
  const cache = new Map<string, { cleared: number; read: number; delivered: number }>();
  return (conversationId: string) => {
    let entry = cache.get(conversationId);
    if (!entry) {
      const state = store.conversationState.get(`${viewer}|${conversationId}`);
      entry = {
        cleared: state?.clearedUpTo ?? 0,
        read: state?.readUpTo ?? 0,
        delivered: state?.deliveredUpTo ?? 0,
      };
      cache.set(conversationId, entry);
    }
    return entry;
  };
}

function hasAttachments(row: MessageRow): boolean {
  const attachments = row.data.attachments;
  return Array.isArray(attachments) && attachments.length > 0;
}

/** Builds the filter for a message list; `viewer` limits it to what that user may see. */
export function readMessageQuery(
  store: Store,
  query: URLSearchParams,
  viewer: string | undefined,
): MessageQuery {
  const details: Record<string, string[]> = {};
  const categories = [...queryList(query, 'category'), ...queryList(query, 'categories')];
  if (categories.some((c) => !CATEGORIES.includes(c))) {
    details.categories = [`The categories must be among ${CATEGORIES.join(', ')}.`];
  }
  const types = [...queryList(query, 'type'), ...queryList(query, 'types')];
  const attachmentTypes = queryList(query, 'attachmentTypes');
  if (attachmentTypes.some((t) => !ATTACHMENT_TYPES.includes(t))) {
    details.attachmentTypes = [`The attachmentTypes must be among ${ATTACHMENT_TYPES.join(', ')}.`];
  }
  const receiverTypeRaw = query.get('receiverType') || undefined;
  if (receiverTypeRaw !== undefined && receiverTypeRaw !== 'user' && receiverTypeRaw !== 'group') {
    details.receiverType = ['The receiverType must be user or group.'];
  }
  const from = readTime(query, 'fromTimestamp', details);
  // CometChat ignores toTimestamp without fromTimestamp.
  const to = from === undefined ? undefined : readTime(query, 'toTimestamp', details);
  assertValid(details);

  const receiverType = receiverTypeRaw as ReceiverType | undefined; // checked above
  const searchKey = (query.get('searchKey') ?? '').trim().toLowerCase();
  const senderRaw = query.get('sender');
  const sender = senderRaw ? senderRaw.toLowerCase() : undefined;
  const tags = queryList(query, 'tags');
  const mentioned = queryList(query, 'mentionedUids').map((uid) => uid.toLowerCase());
  const conversationId = query.get('conversationId') || undefined;
  const flags = {
    hasAttachments: queryFlag(query, 'hasAttachments'),
    hasMentions: queryFlag(query, 'hasMentions'),
    hasReactions: queryFlag(query, 'hasReactions'),
    hasLinks: queryFlag(query, 'hasLinks'),
    hideDeleted: queryFlag(query, 'hideDeleted'),
    onlyDeleted: queryFlag(query, 'onlyDeleted'),
    hideReplies: queryFlag(query, 'hideReplies'),
    unread: viewer !== undefined && queryFlag(query, 'unread'),
    undelivered: viewer !== undefined && queryFlag(query, 'undelivered'),
    myMentionsOnly: viewer !== undefined && queryFlag(query, 'myMentionsOnly'),
    hideBlocked: viewer !== undefined && queryFlag(query, 'hideMessagesFromBlockedUsers'),
    pinned: queryFlag(query, 'pinned'),
    saved: queryFlag(query, 'saved'),
  };
  // Saved messages are private: without a viewer there is nobody whose saves to list.
  const saved = flags.saved
    ? (store.savedMessages.get(viewer ?? '') ?? new Map<number, number>())
    : undefined;
  const stateOf = viewer !== undefined ? stateReader(store, viewer) : undefined;

  const match = (row: MessageRow): boolean => {
    if (stateOf && viewer !== undefined) {
      const state = stateOf(row.conversationId);
      if (row.id <= state.cleared) return false;
      if (flags.unread && (row.sender === viewer || row.id <= state.read)) return false;
      if (flags.undelivered && (row.sender === viewer || row.id <= state.delivered)) return false;
      if (flags.hideBlocked && store.isBlocked(viewer, row.sender)) return false;
    }
    if (conversationId !== undefined && row.conversationId !== conversationId) return false;
    if (receiverType !== undefined && row.receiverType !== receiverType) return false;
    if (sender !== undefined && row.sender !== sender) return false;
    if (categories.length > 0 && !categories.includes(row.category)) return false;
    if (types.length > 0 && !types.includes(row.type)) return false;
    if (flags.hideDeleted && row.deletedAt !== undefined) return false;
    if (flags.onlyDeleted && row.deletedAt === undefined) return false;
    if (flags.hideReplies && row.parentId !== undefined) return false;
    if (flags.pinned && row.pinnedAt === undefined) return false;
    if (saved !== undefined && !saved.has(row.id)) return false;
    if (from !== undefined && row.sentAt < from) return false;
    if (to !== undefined && row.sentAt > to) return false;
    if (tags.length > 0 && !row.tags.some((tag) => tags.includes(tag))) return false;
    if (flags.hasAttachments && !hasAttachments(row)) return false;
    if (
      attachmentTypes.length > 0 &&
      !(hasAttachments(row) && attachmentTypes.includes(row.type))
    ) {
      return false;
    }
    if (flags.hasReactions && !(store.reactions.get(row.id)?.length ?? 0)) return false;
    const text = typeof row.data.text === 'string' ? row.data.text : undefined;
    if (searchKey !== '' && !text?.toLowerCase().includes(searchKey)) return false;
    if (flags.hasLinks && !(text !== undefined && LINK.test(text))) return false;
    if (flags.hasMentions || mentioned.length > 0 || flags.myMentionsOnly) {
      const uids = mentionedUids(text);
      if (uids.length === 0) return false;
      if (mentioned.length > 0 && !uids.some((uid) => mentioned.includes(uid))) return false;
      if (flags.myMentionsOnly && viewer !== undefined && !uids.includes(viewer)) return false;
    }
    return true;
  };
  return {
    match,
    withTags: queryFlag(query, 'withTags'),
    ...(conversationId !== undefined ? { conversationId } : {}),
    ...(sender !== undefined ? { sender } : {}),
    ...(receiverType !== undefined ? { receiverType } : {}),
  };
}

function readTime(
  query: URLSearchParams,
  name: string,
  details: Record<string, string[]>,
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    details[name] = [`The ${name} must be a unix timestamp in seconds.`];
    return undefined;
  }
  return value;
}
