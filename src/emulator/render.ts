/**
 * Chat rows rendered as CometChat's JSON: groups, members, messages (with `data.entities`) and
 * conversations. Viewer-relative fields (`scope`, `hasJoined`, `reactedByMe`, ...) appear only
 * when a viewer (the `onBehalfOf` uid) is given.
 */
import { renderUser } from './render-user.js';
import {
  conversationIdFor,
  type GroupRow,
  type MemberRow,
  type MessageRow,
  type ReactionRow,
  type Store,
  SYSTEM_UID,
} from './store.js';

export interface RenderGroupOptions {
  withTags?: boolean;
}

export function renderGroup(
  store: Store,
  row: GroupRow,
  viewer?: string,
  options: RenderGroupOptions = {},
): Record<string, unknown> {
  const group: Record<string, unknown> = {
    guid: row.guid,
    name: row.name,
    ...(row.description !== undefined ? { description: row.description } : {}),
    ...(row.icon !== undefined ? { icon: row.icon } : {}),
    type: row.type,
    ...(row.metadata !== undefined ? { metadata: row.metadata } : {}),
    owner: row.owner,
    membersCount: store.members.get(row.guid)?.size ?? 0,
    conversationId: `group_${row.guid}`,
    createdAt: row.createdAt,
    ...(row.updatedAt !== undefined ? { updatedAt: row.updatedAt } : {}),
    ...(row.updatedBy !== undefined ? { updatedBy: row.updatedBy } : {}),
  };
  if (options.withTags) group.tags = row.tags;
  if (viewer !== undefined) {
    const member = store.member(row.guid, viewer);
    group.hasJoined = member !== undefined;
    if (member) {
      group.scope = member.scope;
      group.joinedAt = member.joinedAt;
    }
  }
  return group;
}

/** A group member: the user's fields plus `scope` and `joinedAt`. */
export function renderMember(
  store: Store,
  member: MemberRow,
  viewer?: string,
): Record<string, unknown> {
  const user = store.users.get(member.uid);
  const base = user ? renderUser(store, user, viewer) : { uid: member.uid, name: member.uid };
  return { ...base, scope: member.scope, joinedAt: member.joinedAt };
}

/** A user as it appears inside `data.entities` (and webhook payloads): no viewer fields. */
export function userEntity(
  store: Store,
  uid: string,
  relativeTo?: string,
): Record<string, unknown> {
  const row = store.users.get(uid);
  if (!row) {
    return uid === SYSTEM_UID
      ? { uid: SYSTEM_UID, name: 'System', role: 'default', status: 'offline' }
      : { uid, name: uid, status: 'offline', role: 'default' };
  }
  const entity = renderUser(store, row);
  if (relativeTo !== undefined && relativeTo !== uid) {
    entity.conversationId = conversationIdFor('user', relativeTo, uid);
  }
  return entity;
}

export function groupEntity(store: Store, guid: string): Record<string, unknown> {
  const row = store.groups.get(guid);
  return row
    ? renderGroup(store, row, undefined, { withTags: true })
    : { guid, name: guid, conversationId: `group_${guid}` };
}

export interface RenderMessageOptions {
  withTags?: boolean;
}

const MENTION = /<@uid:([a-zA-Z0-9_-]{1,100})>/g;

/** The uids mentioned in a text with CometChat's `<@uid:UID>` syntax, lowercased, in order. */
export function mentionedUids(text: unknown): string[] {
  if (typeof text !== 'string' || !text.includes('<@uid:')) return [];
  const uids = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const uid = match[1];
    if (uid !== undefined) uids.add(uid.toLowerCase());
  }
  return [...uids];
}

/** `[{reaction, count, reactedByMe?}]` in order of each reaction's first use. */
export function reactionSummary(
  rows: readonly ReactionRow[],
  viewer?: string,
): Array<Record<string, unknown>> {
  const summary = new Map<string, { reaction: string; count: number; reactedByMe: boolean }>();
  for (const row of rows) {
    let entry = summary.get(row.reaction);
    if (!entry) {
      entry = { reaction: row.reaction, count: 0, reactedByMe: false };
      summary.set(row.reaction, entry);
    }
    entry.count += 1;
    if (row.uid === viewer) entry.reactedByMe = true;
  }
  return [...summary.values()].map((entry) =>
    viewer === undefined ? { reaction: entry.reaction, count: entry.count } : entry,
  );
}

export function renderMessage(
  store: Store,
  row: MessageRow,
  viewer?: string,
  options: RenderMessageOptions = {},
): Record<string, unknown> {
  const data: Record<string, unknown> = { ...row.data };
  const mentions = mentionedUids(row.data.text);
  if (mentions.length > 0) {
    const map: Record<string, unknown> = {};
    for (const uid of mentions) if (store.users.has(uid)) map[uid] = userEntity(store, uid);
    data.mentions = map;
  }
  if (row.category === 'interactive' && viewer !== undefined) {
    // Interactions are each user's own: rendered for the viewer only.
    data.interactions = [...(store.interactions.get(row.id)?.get(viewer) ?? [])];
  }
  const reactions = store.reactions.get(row.id);
  if (reactions && reactions.length > 0) data.reactions = reactionSummary(reactions, viewer);
  data.entities = row.action ? actionEntities(store, row) : messageEntities(store, row);
  return {
    id: String(row.id),
    ...(row.muid !== undefined ? { muid: row.muid } : {}),
    conversationId: row.conversationId,
    sender: row.sender,
    receiverType: row.receiverType,
    receiver: row.receiver,
    category: row.category,
    type: row.type,
    data,
    sentAt: row.sentAt,
    updatedAt: row.updatedAt,
    ...(row.editedAt !== undefined ? { editedAt: row.editedAt, editedBy: row.editedBy } : {}),
    ...(row.deletedAt !== undefined ? { deletedAt: row.deletedAt, deletedBy: row.deletedBy } : {}),
    ...(row.parentId !== undefined ? { parentId: String(row.parentId) } : {}),
    ...(row.replyCount > 0 ? { replyCount: row.replyCount } : {}),
    ...(row.pinnedAt !== undefined ? { pinnedAt: row.pinnedAt, pinnedBy: row.pinnedBy } : {}),
    ...savedAtFor(store, row, viewer),
    ...(viewer !== undefined && row.parentId === undefined && store.followsThread(row, viewer)
      ? { threadSubscribed: true }
      : {}),
    ...(options.withTags || row.tags.length > 0 ? { tags: row.tags } : {}),
  };
}

/** `savedAt`: only for the viewer who saved the message (saves are private). */
function savedAtFor(store: Store, row: MessageRow, viewer?: string): Record<string, number> {
  if (viewer === undefined) return {};
  const savedAt = store.savedMessages.get(viewer)?.get(row.id);
  return savedAt === undefined ? {} : { savedAt };
}

function messageEntities(store: Store, row: MessageRow): Record<string, unknown> {
  return {
    sender: { entity: userEntity(store, row.sender), entityType: 'user' },
    receiver:
      row.receiverType === 'group'
        ? { entity: groupEntity(store, row.receiver), entityType: 'group' }
        : { entity: userEntity(store, row.receiver, row.sender), entityType: 'user' },
  };
}

function actionEntities(store: Store, row: MessageRow): Record<string, unknown> {
  const action = row.action;
  if (!action) return {};
  const entities: Record<string, unknown> = {
    by: { entity: userEntity(store, action.by.id), entityType: 'user' },
  };
  const on = action.on;
  if (on.type === 'user') {
    entities.on = { entity: userEntity(store, on.id, action.by.id), entityType: 'user' };
  } else if (on.type === 'message') {
    const target = store.messages.get(Number(on.id));
    entities.on = {
      // A permanently deleted message survives only as the facts its action message carries.
      entity: target
        ? renderMessage(store, target)
        : {
            id: on.id,
            conversationId: row.conversationId,
            deletedAt: row.sentAt,
            deletedBy: row.sender,
          },
      entityType: 'message',
    };
  } else if (on.type === 'group') {
    entities.on = { entity: groupEntity(store, on.id), entityType: 'group' };
  } else if (on.type === 'call') {
    entities.on = { entity: callEntity(store, on.id, row), entityType: 'call' };
  }
  entities.for =
    action.for.type === 'group'
      ? { entity: groupEntity(store, action.for.id), entityType: 'group' }
      : { entity: userEntity(store, action.for.id, action.by.id), entityType: 'user' };
  return entities;
}

/**
 * A call as call messages embed it (CometChat's `sessionid` spelling), from the call log when it
 * has the session; `wsChannel` is left out (the emulator has no media server).
 */
function callEntity(store: Store, sessionId: string, row: MessageRow): Record<string, unknown> {
  const call = store.callLogs.find((c) => c.sessionId === sessionId);
  const joined = call?.participants.find((p) => p.uid === call.receiver && p.isJoined);
  return {
    sessionid: sessionId,
    type: call?.type ?? row.type,
    status: call?.status ?? row.data.action ?? 'initiated',
    sender: call?.initiator ?? row.sender,
    receiver: call?.receiver ?? row.receiver,
    receiverType: call?.receiverType ?? row.receiverType,
    conversationId: row.conversationId,
    initiatedAt: call?.initiatedAt ?? row.sentAt,
    ...(call?.startedAt !== undefined ? { startedAt: call.startedAt } : {}),
    ...(joined?.joinedAt !== undefined ? { joinedAt: joined.joinedAt } : {}),
    ...(call?.endedAt !== undefined ? { endedAt: call.endedAt } : {}),
  };
}

/** One row of a user's conversation list, computed by `conversation-view.ts`. */
export interface ConversationEntry {
  conversationId: string;
  conversationType: 'user' | 'group';
  /** The other user's uid or the group's guid. */
  withId: string;
  lastMessage?: MessageRow;
  unreadMessageCount: number;
  createdAt: number;
  updatedAt: number;
  tags: string[];
  /** When the viewer pinned the conversation (pins are per user). */
  pinnedAt?: number;
  /** Set for an app-wide pin (`app_system`); a user's own pin is rendered as theirs. */
  pinnedBy?: string;
}

export interface RenderConversationOptions {
  withTags?: boolean;
  withUserAndGroupTags?: boolean;
}

export function renderConversation(
  store: Store,
  entry: ConversationEntry,
  viewer: string,
  options: RenderConversationOptions = {},
): Record<string, unknown> {
  let conversationWith: Record<string, unknown>;
  const withTags = options.withUserAndGroupTags === true;
  if (entry.conversationType === 'group') {
    const group = store.groups.get(entry.withId);
    conversationWith = group
      ? renderGroup(store, group, viewer, { withTags })
      : groupEntity(store, entry.withId);
  } else {
    const user = store.users.get(entry.withId);
    conversationWith = user
      ? renderUser(store, user, viewer, { withTags })
      : userEntity(store, entry.withId, viewer);
  }
  return {
    conversationId: entry.conversationId,
    conversationType: entry.conversationType,
    unreadMessageCount: String(entry.unreadMessageCount),
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    ...(entry.lastMessage ? { lastMessage: renderMessage(store, entry.lastMessage, viewer) } : {}),
    conversationWith,
    ...(entry.pinnedAt !== undefined
      ? { pinnedAt: entry.pinnedAt, pinnedBy: entry.pinnedBy ?? viewer }
      : {}),
    ...(options.withTags ? { tags: entry.tags } : {}),
  };
}
