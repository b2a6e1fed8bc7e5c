/**
 * In-memory state of the CometChat emulator. Rows hold the emulator's canonical data (not wire
 * shapes); `views.ts` turns rows into CometChat's JSON. Indices are maintained only through the
 * methods below so that lists stay O(page) even on the `large` seed.
 */

import { type CallLogRow, recordCallMessage } from './calls.js';

export type UserStatus = 'available' | 'offline';
export type GroupType = 'public' | 'private' | 'password';
export type Scope = 'admin' | 'moderator' | 'participant';
export type ReceiverType = 'user' | 'group';

export interface UserRow {
  uid: string;
  name: string;
  avatar?: string;
  link?: string;
  role: string;
  statusMessage?: string;
  metadata?: Record<string, unknown>;
  tags: string[];
  status: UserStatus;
  lastActiveAt?: number;
  createdAt: number;
  updatedAt?: number;
  /** Set when the user is deactivated (bulk deactivate); deactivated users look missing. */
  deactivatedAt?: number;
}

export interface AuthTokenRow {
  uid: string;
  authToken: string;
  createdAt: number;
  platform?: string;
  userAgent?: string;
  appInfo?: Record<string, unknown>;
}

export interface RoleRow {
  role: string;
  name: string;
  description?: string;
  metadata?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  createdAt: number;
  updatedAt?: number;
}

export interface GroupRow {
  guid: string;
  name: string;
  type: GroupType;
  password?: string;
  icon?: string;
  description?: string;
  metadata?: Record<string, unknown>;
  owner: string;
  tags: string[];
  createdAt: number;
  updatedAt?: number;
  updatedBy?: string;
}

export interface MemberRow {
  guid: string;
  uid: string;
  scope: Scope;
  joinedAt: number;
}

export interface BanRow {
  guid: string;
  uid: string;
  bannedAt: number;
}

export interface ReactionRow {
  id: number;
  messageId: number;
  reaction: string;
  uid: string;
  reactedAt: number;
}

export interface MessageRow {
  id: number;
  muid?: string;
  conversationId: string;
  sender: string;
  receiver: string;
  receiverType: ReceiverType;
  category: 'message' | 'custom' | 'action' | 'call' | 'interactive';
  type: string;
  /** The message's `data` object without `entities` (those are rendered by the views). */
  data: Record<string, unknown>;
  tags: string[];
  sentAt: number;
  updatedAt: number;
  editedAt?: number;
  editedBy?: string;
  deletedAt?: number;
  deletedBy?: string;
  parentId?: number;
  replyCount: number;
  /** Pinned in its conversation: when, and by whom (`app_system` when the app pinned it). */
  pinnedAt?: number;
  pinnedBy?: string;
  /** For action messages: who acted (`by`), on what (`on`) and where (`for`). */
  action?: {
    by: { type: 'user'; id: string };
    on: { type: 'user' | 'message' | 'group' | 'call'; id: string };
    for: { type: 'user' | 'group'; id: string };
  };
}

export interface WebhookRow {
  id: string;
  name: string;
  webhookURL: string;
  useBasicAuth: boolean;
  username?: string;
  password?: string;
  enabled: boolean;
  retryOnFailure: boolean;
  triggers: Set<string>;
  createdAt: number;
  updatedAt?: number;
}

/** Per-user view of a conversation: read/delivered marks, tags and the reset point. */
export interface ConversationUserState {
  readUpTo: number;
  deliveredUpTo: number;
  tags: string[];
  /** Messages with id <= this are hidden for the user (conversation reset/delete). */
  clearedUpTo: number;
  updatedAt?: number;
}

export const SYSTEM_UID = 'app_system';

/** `uidA_user_uidB` with the two uids in sorted order, or `group_<guid>`. */
export function conversationIdFor(receiverType: ReceiverType, a: string, b: string): string {
  if (receiverType === 'group') return `group_${b}`;
  const [x, y] = a < b ? [a, b] : [b, a];
  return `${x}_user_${y}`;
}

export class Store {
  users = new Map<string, UserRow>();
  /** Users kept in insertion order for stable page lists. */
  authTokens = new Map<string, AuthTokenRow[]>();
  roles = new Map<string, RoleRow>();
  groups = new Map<string, GroupRow>();
  /** guid -> uid -> member */
  members = new Map<string, Map<string, MemberRow>>();
  /** uid -> guids the user belongs to */
  groupsByUser = new Map<string, Set<string>>();
  /** guid -> uid -> ban */
  bans = new Map<string, Map<string, BanRow>>();
  messages = new Map<number, MessageRow>();
  /** conversationId -> messages in id order (append-only; deleted rows stay with deletedAt). */
  messagesByConversation = new Map<string, MessageRow[]>();
  /** parent message id -> replies in id order */
  repliesByParent = new Map<number, MessageRow[]>();
  /** uid -> 1:1 conversation ids the user takes part in */
  userConversations = new Map<string, Set<string>>();
  /** `${uid}|${conversationId}` -> per-user state */
  conversationState = new Map<string, ConversationUserState>();
  /** messageId -> reactions in id order */
  reactions = new Map<number, ReactionRow[]>();
  /** uid -> friend uid -> since */
  friends = new Map<string, Map<string, number>>();
  /** blocker uid -> blocked uid -> blockedAt */
  blocks = new Map<string, Map<string, number>>();
  webhooks = new Map<string, WebhookRow>();
  /** uid -> message id -> savedAt: each user's private saved messages */
  savedMessages = new Map<string, Map<number, number>>();
  /** uid -> conversation id -> pinnedAt: each user's pinned conversations */
  pinnedConversations = new Map<string, Map<string, number>>();
  /** The Calls API's call log, in insertion order (see calls.ts). */
  callLogs: CallLogRow[] = [];
  /** The app-wide ("system") pinned conversations: a user's 1:1 or a group's, for every user. */
  appPinnedConversations: { type: 'user' | 'group'; id: string; pinnedAt: number }[] = [];
  /** parent message id -> uid -> explicit thread subscription (true) or unsubscription (false) */
  threadSubscriptions = new Map<number, Map<string, boolean>>();
  /** message id -> uid -> that user's interactions with an interactive message, in order */
  interactions = new Map<number, Map<string, { elementId: string; interactedAt: number }[]>>();
  /** The app's moderation reasons users flag messages with (id -> display text). */
  moderationReasons = new Map<string, string>([
    ['spam', 'Spam'],
    ['harassment', 'Harassment'],
    ['inappropriate', 'Inappropriate content'],
  ]);
  /** Flags users raised on messages, in order. */
  flags: {
    messageId: number;
    uid: string;
    reasonId: string;
    remark?: string;
    flaggedAt: number;
  }[] = [];

  /**
   * Whether `uid` follows the thread of `parent`: an explicit choice, else automatically when
   * they started it or replied in it.
   */
  followsThread(parent: MessageRow, uid: string): boolean {
    const explicit = this.threadSubscriptions.get(parent.id)?.get(uid);
    if (explicit !== undefined) return explicit;
    if (parent.replyCount === 0) return false;
    if (parent.sender === uid) return true;
    return (this.repliesByParent.get(parent.id) ?? []).some((reply) => reply.sender === uid);
  }

  nextMessageId = 1;
  nextReactionId = 1;

  constructor(readonly clock: () => number = () => Math.floor(Date.now() / 1000)) {}

  now(): number {
    return this.clock();
  }

  activeUser(uid: string): UserRow | undefined {
    const user = this.users.get(uid);
    return user && user.deactivatedAt === undefined ? user : undefined;
  }

  member(guid: string, uid: string): MemberRow | undefined {
    return this.members.get(guid)?.get(uid);
  }

  addMember(row: MemberRow): void {
    let byUid = this.members.get(row.guid);
    if (!byUid) {
      byUid = new Map();
      this.members.set(row.guid, byUid);
    }
    byUid.set(row.uid, row);
    let guids = this.groupsByUser.get(row.uid);
    if (!guids) {
      guids = new Set();
      this.groupsByUser.set(row.uid, guids);
    }
    guids.add(row.guid);
  }

  removeMember(guid: string, uid: string): void {
    this.members.get(guid)?.delete(uid);
    this.groupsByUser.get(uid)?.delete(guid);
  }

  /** Stores a new message, assigning its id, and maintains every index. */
  addMessage(row: Omit<MessageRow, 'id'>): MessageRow {
    const message: MessageRow = { ...row, id: this.nextMessageId++ };
    this.messages.set(message.id, message);
    push(this.messagesByConversation, message.conversationId, message);
    if (message.parentId !== undefined) {
      push(this.repliesByParent, message.parentId, message);
      const parent = this.messages.get(message.parentId);
      if (parent) parent.replyCount += 1;
    }
    if (message.receiverType === 'user') {
      for (const uid of [message.sender, message.receiver]) {
        let set = this.userConversations.get(uid);
        if (!set) {
          set = new Set();
          this.userConversations.set(uid, set);
        }
        set.add(message.conversationId);
      }
    }
    recordCallMessage(this, message);
    return message;
  }

  /** Removes a message for good (permanent delete), with its replies' parent link kept. */
  removeMessage(id: number): void {
    const message = this.messages.get(id);
    if (!message) return;
    this.messages.delete(id);
    remove(this.messagesByConversation, message.conversationId, message);
    if (message.parentId !== undefined) remove(this.repliesByParent, message.parentId, message);
    this.reactions.delete(id);
    for (const saved of this.savedMessages.values()) saved.delete(id);
  }

  conversationStateFor(uid: string, conversationId: string): ConversationUserState {
    const key = `${uid}|${conversationId}`;
    let state = this.conversationState.get(key);
    if (!state) {
      state = { readUpTo: 0, deliveredUpTo: 0, tags: [], clearedUpTo: 0 };
      this.conversationState.set(key, state);
    }
    return state;
  }

  isBlocked(blocker: string, blocked: string): boolean {
    return this.blocks.get(blocker)?.has(blocked) ?? false;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function remove<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) return;
  const index = list.indexOf(value);
  if (index >= 0) list.splice(index, 1);
}
