/**
 * One perspective's view of CometChat for one request: its loaders, its list reads and its
 * priming, with every upstream call made on behalf of the perspective (none for the app).
 *
 * The rules a view keeps (src/loaders/neutral.ts says which fields are viewer-relative):
 *
 * 1. A loader holds records as this perspective would fetch them. A record another answer
 *    embeds is primed only when it is one: rendered for this perspective (and carrying the
 *    viewer fields, where CometChat fills them), a user's own record in that user's view, or
 *    anything in the app view once made neutral.
 * 2. What a user's view learns also primes the app view (for admin callers, the only ones who
 *    have both), as its neutral projection. Nothing flows from the app view into a user's view,
 *    or between two users' views.
 * 3. Lists hand the schema records in the caller's own terms: read in another perspective (an
 *    admin reading as a user), users, groups, members and messages come back neutral. A
 *    conversation stays its owner's view: the owner is part of its identity.
 * 4. A speculative read (`prefetch`, the schema's look-ahead) only starts an upstream call this
 *    view would make anyway, with this view's options, and holds its raw answer aside: nothing is
 *    primed or served from it until this view's own list read with the same query takes it (once).
 *    One never taken is dropped with the request (or by `clear`).
 */

import type DataLoader from 'dataloader';
import { gatewayError } from '../errors.js';
import {
  type AppPinnedConversationRecord,
  getAppPinnedConversations,
} from '../upstream/app-pins.js';
import { listAuthTokens } from '../upstream/auth-tokens.js';
import type { CallLogRecord, ListCallsQuery } from '../upstream/call-logs.js';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { type ListConversationsQuery, listConversations } from '../upstream/conversations.js';
import { isUpstreamError } from '../upstream/errors.js';
import { type ListGroupsQuery, listGroups } from '../upstream/groups.js';
import { type ListMembersQuery, listBannedUsers, listMembers } from '../upstream/members.js';
import {
  type ListMessagesQuery,
  listMessages,
  listThreadMessages,
  type MessageFilters,
} from '../upstream/messages.js';
import {
  type ContactDetailsRecord,
  getContactDetails,
  getNotificationPreferences,
  getNotificationTimezone,
  listMutedConversations,
  listPushTokens,
  type MutedConversationRecord,
  type NotificationPreferencesRecord,
  type PushTokenRecord,
} from '../upstream/notifications.js';
import { type ListReactionsQuery, listReactions } from '../upstream/reactions.js';
import type {
  AuthTokenRecord,
  CallRecord,
  ConversationRecord,
  CursorPage,
  GroupMemberRecord,
  GroupRecord,
  MessageRecord,
  Page,
  ReactionRecord,
  RoleRecord,
  UserRecord,
  WebhookRecord,
} from '../upstream/records.js';
import { listBlockedUsers, listFriends, type RelationListQuery } from '../upstream/relations.js';
import { listRoles } from '../upstream/roles.js';
import { type ListThreadsQuery, listThreads } from '../upstream/threads.js';
import { type ListUsersQuery, listUsers } from '../upstream/users.js';
import { listWebhooks } from '../upstream/webhooks.js';
import { TracedLoader } from './batch-span.js';
import { CallLogReader } from './calls.js';
import { loadConversations } from './conversations.js';
import { loadGroups, visibleToMember } from './groups.js';
import { memberKey, otherUserOf } from './keys.js';
import { loadMembersForApp, loadMembersForUser } from './members.js';
import { loadMessages } from './messages.js';
import { neutralGroup, neutralMessage, neutralUser } from './neutral.js';
import { ROLES_PER_PAGE, rolesByKey } from './roles.js';
import { loadUsers } from './users.js';
import { loadWebhooks, loadWebhookTriggers } from './webhooks.js';

/** Whose view: a CometChat uid, or null for the app itself (no `onBehalfOf`). */
export type Perspective = string | null;

/** What the schema may do with a loader: read through it. Priming goes through `View.prime`. */
export type Reader<K, V> = Pick<DataLoader<K, V>, 'load' | 'loadMany'>;

export interface ViewLoaders {
  /** Users by uid; null when missing (deactivated users included). */
  users: Reader<string, UserRecord | null>;
  /**
   * Users by uid, always fetched, never primed: the full profile (tags included) of a user whose
   * record came without it (see `UserRecord.complete`).
   */
  profiles: Reader<string, UserRecord | null>;
  /** Groups by guid; in a user's view a private group they have not joined is null. */
  groups: Reader<string, GroupRecord | null>;
  /** Memberships by `memberKey(guid, uid)`; null when that user is not a member (or not visibly). */
  members: Reader<string, GroupMemberRecord | null>;
  /** Messages by CometChat id; null when missing or out of this perspective's reach. */
  messages: Reader<string, MessageRecord | null>;
  /**
   * This user's view of conversations, by CometChat conversation id; null when they take no part
   * or see no messages. Always null in the app view: a conversation is always someone's view.
   */
  conversations: Reader<string, ConversationRecord | null>;
  /** Roles by key; null for an unknown role. */
  roles: Reader<string, RoleRecord | null>;
}

export interface AppViewLoaders extends ViewLoaders {
  /** Webhooks by id (Management API); null when missing. */
  webhooks: Reader<string, WebhookRecord | null>;
  /** The trigger ids of webhooks by webhook id; null when the webhook does not exist. */
  webhookTriggers: Reader<string, string[] | null>;
}

/**
 * Makes a view serve records the request already holds (a write's answer, most often). Each
 * takes who CometChat rendered the record for: by default this view's perspective (a record a
 * call of this view returned); null for an app-level answer or an embedded entity.
 */
export interface ViewPrimer {
  user(user: UserRecord, renderedFor?: Perspective): void;
  group(group: GroupRecord, renderedFor?: Perspective): void;
  /** The message, then the users, groups and messages it embeds. */
  message(message: MessageRecord, renderedFor?: Perspective): void;
  messages(messages: readonly MessageRecord[], renderedFor?: Perspective): void;
  /** A membership; `renderedFor` is whom its user record was rendered for. */
  member(member: GroupMemberRecord, renderedFor?: Perspective): void;
  /** This user's view of a conversation (its partner and last message too). */
  conversation(record: ConversationRecord): void;
  role(role: RoleRecord): void;
}

/**
 * Starts, ahead of time, an upstream read this view's own list read (or loader) will make later
 * in the request with exactly the same query (see rule 4 in the module comment). Each returns at
 * once; a failure surfaces only to the read that takes the answer.
 */
export interface ViewPrefetch {
  /** The page `members(guid, query)` will read. */
  members(guid: string, query: ListMembersQuery): void;
  /** The page `conversations(query)` will read. */
  conversations(query: ListConversationsQuery): void;
  /** The page `threadMessages(parentId, query)` will read. */
  threadMessages(parentId: string, query: MessageFilters): void;
  /** The one `GET /roles` the roles loader's next batch will read. */
  roles(): void;
}

export interface AppViewPrimer extends ViewPrimer {
  webhook(webhook: WebhookRecord): void;
}

/** A conversation as one participant sees it; `ownerUid` is null when it cannot be told. */
export interface OwnedConversation {
  record: ConversationRecord;
  ownerUid: string | null;
}

/** A group someone joined, with their membership of it. */
export interface JoinedGroup {
  group: GroupRecord;
  member: { guid: string; scope: 'admin' | 'moderator' | 'participant'; joinedAt: Date };
}

/** A user in someone's blocked-users list, with when they were blocked. */
export interface BlockedUser {
  user: UserRecord;
  blockedAt: Date | null;
}

/** One perspective's view: see the module comment for its rules. */
export interface View {
  readonly perspective: Perspective;
  /** The options every upstream call of this view carries; writes acting in it use them too. */
  readonly options: CallOptions;
  readonly loaders: ViewLoaders;
  readonly prime: ViewPrimer;
  readonly prefetch: ViewPrefetch;
  /**
   * A user another answer named (a message's sender, a reaction's user): the record CometChat
   * embedded in that answer when this view has seen one (rendered for nobody, so without the
   * viewer fields `blockedByMe` / `hasBlockedMe`), else the users loader's. The schema reads the
   * viewer fields of such a record through the loader, on demand.
   */
  userRef(uid: string): Promise<UserRecord | null>;
  /** `GET /users`; `withTags` lists hold full profiles. Active users prime the users loader. */
  users(query: ListUsersQuery): Promise<Page<UserRecord>>;
  /** `GET /groups`. Empty when this view's user does not exist. */
  groups(query: ListGroupsQuery): Promise<Page<GroupRecord>>;
  /**
   * The groups `uid` has joined (`GET /groups?hasJoined=true` on their behalf), without their
   * membership unless `uid` is this view's user. In a user's view, for another user, only public
   * and password groups: see the comment on the implementation.
   */
  groupsJoinedBy(uid: string, query: ListGroupsQuery): Promise<Page<GroupRecord>>;
  /**
   * The groups `uid` has joined with their membership (scope, join time), read in `uid`'s own
   * view (`GET /groups?hasJoined=true` on their behalf). Only `uid` themself or the app view may:
   * anyone else is refused (FORBIDDEN). The groups come back in the caller's terms.
   */
  membershipsOf(uid: string, query: ListGroupsQuery): Promise<Page<JoinedGroup>>;
  /** `GET /conversations`: this user's, or every user's across the app in the app view. */
  conversations(query: ListConversationsQuery): Promise<Page<OwnedConversation>>;
  /** `GET /messages`. Empty when this view's user does not exist or may not see them. */
  messages(
    query: ListMessagesQuery,
    read?: { fresh?: boolean },
  ): Promise<CursorPage<MessageRecord>>;
  /** `GET /threads`: this view's user's threads (their parent messages); empty in the app view. */
  threads(query: ListThreadsQuery): Promise<CursorPage<MessageRecord>>;
  /**
   * This view's user's push tokens: CometChat names the user by one of their auth tokens, not by
   * onBehalfOf, so one existing token is read first (`GET /users/{uid}/auth_tokens?perPage=1`,
   * which creates none), then `GET /notifications/push/v1/tokens?authToken=&all=true`. A user
   * without any auth token has none listed (and one call is made); empty in the app view.
   */
  pushTokens(): Promise<PushTokenRecord[]>;
  /** `GET /notifications/v1/preferences/timezone?uid=`: this view's user's; null in the app view. */
  notificationTimezone(): Promise<string | null>;
  /** `GET /notifications/v1/preferences?uid=`: this view's user's; null in the app view. */
  notificationPreferences(): Promise<NotificationPreferencesRecord | null>;
  /**
   * `GET /notifications/v1/preferences/mute?uid=`: the conversations this view's user muted, read
   * once per view and request (every conversation's `mutedUntil` shares it); empty in the app view.
   */
  mutedConversations(): Promise<MutedConversationRecord[]>;
  /** `GET /notifications/v1/contact-details` as this view's user; null in the app view. */
  contactDetails(): Promise<ContactDetailsRecord | null>;
  /**
   * `GET /calls` on the Calls API: in a user's view only the calls that user took part in
   * (`onBehalfOf`), every call in the app view.
   */
  calls(query: ListCallsQuery): Promise<Page<CallLogRecord>>;
  /** `GET /calls/{sessionId}`: null when missing or, in a user's view, not that user's. */
  call(sessionId: string): Promise<CallLogRecord | null>;
  /** `GET /messages/{id}/thread`. */
  threadMessages(parentId: string, query: MessageFilters): Promise<CursorPage<MessageRecord>>;
  /** `GET /messages/{id}/reactions[/{reaction}]`. */
  reactions(messageId: string, query: ListReactionsQuery): Promise<CursorPage<ReactionRecord>>;
  /** `GET /users/{uid}/friends`: viewer fields only when `uid` is this view's user. */
  friends(uid: string, query: RelationListQuery): Promise<Page<UserRecord>>;
  /** `GET /users/{uid}/blockedusers`: viewer fields only when `uid` is this view's user. */
  blockedUsers(uid: string, query: RelationListQuery): Promise<Page<BlockedUser>>;
  /** `GET /groups/{guid}/members`. */
  members(guid: string, query: ListMembersQuery): Promise<Page<GroupMemberRecord>>;
  /** `GET /groups/{guid}/bannedusers`, as the banned users' records. */
  bannedUsers(
    guid: string,
    query: { page?: number | undefined; perPage?: number | undefined },
  ): Promise<Page<UserRecord>>;
  /** `GET /roles`. */
  roles(query: {
    page?: number | undefined;
    perPage?: number | undefined;
  }): Promise<Page<RoleRecord>>;
  /** `GET /users/{uid}/auth_tokens`. */
  authTokens(
    uid: string,
    query: { page?: number | undefined; perPage?: number | undefined },
  ): Promise<Page<AuthTokenRecord>>;
}

/** The app's own view (admin callers): also webhook configuration, which belongs to the app. */
export interface AppView extends View {
  readonly perspective: null;
  readonly loaders: AppViewLoaders;
  readonly prime: AppViewPrimer;
  /** `GET /conversations/pinned`: the app-wide pinned conversations. */
  appPinnedConversations(): Promise<AppPinnedConversationRecord[]>;
  /** `GET /apps/{appId}/webhooks` (Management API). */
  webhooks(query: {
    page?: number | undefined;
    perPage?: number | undefined;
    searchKey?: string | undefined;
  }): Promise<Page<WebhookRecord>>;
}

/** What a view needs from the request's read layer. */
export interface ViewHost {
  upstream: UpstreamClient;
  signal: AbortSignal | undefined;
  /** The caller's own perspective: lists read in any other come back neutral (rule 3). */
  callerPerspective: Perspective;
  /** Another perspective's view (the app view's memberships are read in each member's). */
  view(perspective: string): View;
  /** The app view when the caller may have one (an admin), for rule 2; otherwise null. */
  appView(): View | null;
}

const BATCH = { maxBatchSize: 100 };

type Entity = UserRecord | GroupRecord | MessageRecord | CallRecord | null;

function emptyPage<T>(perPage: number, page: number): Page<T> {
  return {
    items: [],
    pagination: { total: 0, count: 0, perPage, currentPage: page, totalPages: 0 },
    cursor: null,
  };
}

function emptyCursorPage<T>(limit: number): CursorPage<T> {
  return { items: [], limit, count: 0, next: null, previous: null };
}

function isDenied(error: unknown, kinds: readonly string[]): boolean {
  return isUpstreamError(error) && kinds.includes(error.kind);
}

function isRecord<T>(value: T | null | Error): value is T {
  return value !== null && !(value instanceof Error);
}

/**
 * A query as a key: its own keys sorted, so two queries built in a different order but asking the
 * same thing share it. Query values are scalars or arrays of them.
 */
function queryKey(query: object): string {
  return JSON.stringify(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The one page of roles the roles loader reads (an app has at most 25). */
const ALL_ROLES = { page: 1, perPage: ROLES_PER_PAGE } as const;

/** A `GET /users` record known to hold every profile field. */
function complete(user: UserRecord): UserRecord {
  return user.complete ? user : { ...user, complete: true };
}

/** A perspective's view; the app's own is {@link AppViewImpl}. */
export class PerspectiveView implements View {
  readonly options: CallOptions;
  readonly loaders: ViewLoaders;
  readonly prime: ViewPrimer;
  readonly prefetch: ViewPrefetch;

  /**
   * Upstream answers started ahead by `prefetch`, by read and query, not yet taken (rule 4).
   * Each holds the raw answer, before any priming or projection.
   */
  private readonly ahead = new Map<string, Promise<unknown>>();

  /** The primer of every view; the app view adds to it. */
  protected readonly basePrime: ViewPrimer;

  /** The loaders themselves, with `prime` and `clearAll`, for this view's own use. */
  protected readonly own: {
    users: DataLoader<string, UserRecord | null>;
    profiles: DataLoader<string, UserRecord | null>;
    groups: DataLoader<string, GroupRecord | null>;
    members: DataLoader<string, GroupMemberRecord | null>;
    messages: DataLoader<string, MessageRecord | null>;
    conversations: DataLoader<string, ConversationRecord | null>;
    roles: DataLoader<string, RoleRecord | null>;
  };

  constructor(
    readonly perspective: Perspective,
    protected readonly host: ViewHost,
  ) {
    const upstream = host.upstream;
    const options: CallOptions =
      perspective === null
        ? { signal: host.signal }
        : { onBehalfOf: perspective, signal: host.signal };
    this.options = options;
    const users = new TracedLoader<string, UserRecord | null>(
      'users',
      async (uids) => {
        const loaded = await loadUsers(upstream, uids, options);
        for (const user of loaded) if (isRecord(user)) this.fanIn()?.prime.user(user, perspective);
        return loaded;
      },
      BATCH,
    );
    const groups = new TracedLoader<string, GroupRecord | null>(
      'groups',
      async (guids) => {
        const loaded = await loadGroups(upstream, guids, options);
        for (const group of loaded) {
          if (isRecord(group)) this.fanIn()?.prime.group(group, perspective);
        }
        // A private group is visible to its members only: to anyone else it does not exist.
        return perspective === null ? loaded : loaded.map(visibleToMember);
      },
      BATCH,
    );
    this.own = {
      users,
      profiles: new TracedLoader('profiles', (uids) => loadUsers(upstream, uids, options), BATCH),
      groups,
      members: new TracedLoader(
        'members',
        (keys) =>
          perspective === null
            ? loadMembersForApp(keys, {
                groupSeenBy: (uid, guid) => host.view(uid).loaders.groups.load(guid),
                user: (uid) => users.load(uid),
              })
            : loadMembersForUser(keys, {
                viewer: perspective,
                ownGroup: (guid) => groups.load(guid),
                user: (uid) => users.load(uid),
                memberPage: (guid, page, perPage) => this.members(guid, { page, perPage }),
              }),
        BATCH,
      ),
      messages: new TracedLoader(
        'messages',
        async (ids) => {
          const loaded = await loadMessages(upstream, ids, options);
          for (const message of loaded) {
            if (!isRecord(message)) continue;
            this.primeEntities(message);
            this.fanIn()?.prime.message(message, perspective);
          }
          return loaded;
        },
        BATCH,
      ),
      conversations: new TracedLoader(
        'conversations',
        async (ids) => {
          if (perspective === null) return ids.map(() => null);
          const loaded = await loadConversations(upstream, perspective, ids, options);
          for (const record of loaded) {
            if (isRecord(record)) this.prime.conversation(record);
          }
          return loaded;
        },
        BATCH,
      ),
      // ONE list call per batch whatever its size; the look-ahead may have started it already.
      roles: new TracedLoader('roles', async (keys) =>
        rolesByKey(
          await this.takeAhead('roles', () => listRoles(upstream, ALL_ROLES, options)),
          keys,
        ),
      ),
    };
    this.loaders = this.own;
    this.basePrime = {
      user: (user, renderedFor = perspective) => {
        this.primeUser(user, renderedFor);
        this.fanIn()?.prime.user(user, renderedFor);
      },
      group: (group, renderedFor = perspective) => {
        this.primeGroup(group, renderedFor);
        this.fanIn()?.prime.group(group, renderedFor);
      },
      message: (message, renderedFor = perspective) => {
        this.primeMessage(message, renderedFor);
        this.fanIn()?.prime.message(message, renderedFor);
      },
      messages: (messages, renderedFor = perspective) => {
        for (const message of messages) this.prime.message(message, renderedFor);
      },
      member: (member, renderedFor = perspective) => {
        this.primeMember(member, renderedFor);
        this.fanIn()?.prime.member(member, renderedFor);
      },
      conversation: (record) => {
        this.primeConversation(record);
        this.fanIn()?.prime.conversation(record);
      },
      role: (role) => {
        this.own.roles.prime(role.role, role);
      },
    };
    this.prime = this.basePrime;
    this.prefetch = {
      members: (guid, query) =>
        this.startAhead(`members:${guid}:${queryKey(query)}`, () =>
          listMembers(upstream, guid, query, options),
        ),
      conversations: (query) =>
        this.startAhead(`conversations:${queryKey(query)}`, () =>
          listConversations(upstream, query, options),
        ),
      threadMessages: (parentId, query) =>
        this.startAhead(`thread:${parentId}:${queryKey(query)}`, () =>
          listThreadMessages(upstream, parentId, query, options),
        ),
      roles: () => this.startAhead('roles', () => listRoles(upstream, ALL_ROLES, options)),
    };
  }

  /**
   * Users embedded in answers this view read but not rendered for it (no viewer fields): the
   * answer to `userRef` for their uids. Made on the first such user.
   */
  private embeddedUsers: Map<string, UserRecord> | null = null;

  userRef(uid: string): Promise<UserRecord | null> {
    const embedded = this.embeddedUsers?.get(uid);
    return embedded ? Promise.resolve(embedded) : this.loaders.users.load(uid);
  }

  /** Empties every loader (after a write), so later reads of the request see the new state. */
  clear(): void {
    for (const loader of Object.values(this.own)) loader.clearAll();
    this.embeddedUsers = null;
    this.ahead.clear();
    this.callLogs?.clear();
    this.muted = undefined;
  }

  /** Call logs, read lazily: most requests never touch the Calls API. */
  private callLogs: CallLogReader | undefined;

  private callLogReader(): CallLogReader {
    this.callLogs ??= new CallLogReader(this.host.upstream, this.options);
    return this.callLogs;
  }

  calls(query: ListCallsQuery): Promise<Page<CallLogRecord>> {
    return this.callLogReader().list(query);
  }

  call(sessionId: string): Promise<CallLogRecord | null> {
    return this.callLogReader().one(sessionId);
  }

  /** Starts `fetch` ahead under `key`, unless an answer under that key is already waiting. */
  private startAhead(key: string, fetch: () => Promise<unknown>): void {
    if (this.ahead.has(key)) return;
    const started = fetch();
    // Held aside: a failure belongs to the read that takes it, and to none if none does.
    started.catch(() => undefined);
    this.ahead.set(key, started);
  }

  /** The answer started ahead under `key` (taken: used once), or `fetch` now. */
  private takeAhead<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const started = this.ahead.get(key);
    if (started === undefined) return fetch();
    this.ahead.delete(key);
    return started as Promise<T>; // started by the prefetch of the same read under the same key
  }

  /** The app view to pass what this view learns on to (rule 2), unless this is it. */
  private fanIn(): View | null {
    if (this.perspective === null) return null;
    return this.host.appView();
  }

  /** Whether lists hand records over as they are (this is the caller's view) or neutral. */
  protected get servesCaller(): boolean {
    return this.perspective === this.host.callerPerspective;
  }

  private servedUser = (user: UserRecord): UserRecord =>
    this.servesCaller ? user : neutralUser(user);

  // -- Priming, this view only (rule 1) --------------------------------------------------------

  private primeUser(user: UserRecord, renderedFor: Perspective): void {
    if (this.perspective === null) {
      this.own.users.prime(user.uid, neutralUser(user));
    } else if (user.uid === this.perspective) {
      // A user's own record carries no viewer fields, whoever it was rendered for.
      this.own.users.prime(user.uid, neutralUser(user));
    } else if (renderedFor === this.perspective && user.blockedByMe !== null) {
      this.own.users.prime(user.uid, user);
    } else {
      // Rendered for nobody (or for someone else): good for everything but the viewer fields.
      this.embeddedUsers ??= new Map();
      this.embeddedUsers.set(user.uid, neutralUser(user));
    }
  }

  private primeGroup(group: GroupRecord, renderedFor: Perspective): void {
    if (this.perspective === null) {
      this.own.groups.prime(group.guid, neutralGroup(group));
    } else if (renderedFor === this.perspective && group.hasJoined !== null) {
      this.own.groups.prime(group.guid, visibleToMember(group));
    }
  }

  private primeMessage(message: MessageRecord, renderedFor: Perspective): void {
    if (this.perspective === null) {
      this.own.messages.prime(message.id, neutralMessage(message));
    } else if (renderedFor === this.perspective) {
      this.own.messages.prime(message.id, message);
    }
    this.primeEntities(message);
  }

  /** The entities a message embeds: CometChat renders them without a viewer. */
  private primeEntities(message: MessageRecord): void {
    const { entities } = message;
    for (const entity of [
      entities.sender,
      entities.receiver,
      entities.by,
      entities.on,
      entities.for,
    ] as Entity[]) {
      if (entity === null) continue;
      if (entity.kind === 'user') this.primeUser(entity, null);
      else if (entity.kind === 'group') this.primeGroup(entity, null);
      else if (entity.kind === 'message') this.primeMessage(entity, null);
    }
  }

  private primeMember(member: GroupMemberRecord, renderedFor: Perspective): void {
    const { user } = member;
    const key = memberKey(member.guid, user.uid);
    if (this.perspective === null) {
      this.own.members.prime(key, { ...member, user: neutralUser(user) });
    } else if (user.uid === this.perspective) {
      this.own.members.prime(key, { ...member, user: neutralUser(user) });
    } else if (renderedFor === this.perspective) {
      this.own.members.prime(key, member);
    }
    this.primeUser(user, renderedFor);
  }

  private primeConversation(record: ConversationRecord): void {
    if (this.perspective !== null) this.own.conversations.prime(record.conversationId, record);
    const partner = record.conversationWith;
    // The list was read as this view's user (or app-wide): so was its partner and last message.
    if (partner?.kind === 'user') this.primeUser(partner, this.perspective);
    else if (partner?.kind === 'group') this.primeGroup(partner, this.perspective);
    if (record.lastMessage) this.primeMessage(record.lastMessage, this.perspective);
  }

  // -- Lists ------------------------------------------------------------------------------------

  /** A page of a list read as this view's user, or an empty page when that user does not exist. */
  private async orEmptyForMissingViewer<T>(
    query: { page?: number | undefined; perPage?: number | undefined },
    fetch: () => Promise<Page<T>>,
  ): Promise<Page<T>> {
    try {
      return await fetch();
    } catch (error) {
      // A user who does not exist has no groups, conversations, ...
      if (this.perspective !== null && isDenied(error, ['not_found'])) {
        return emptyPage(query.perPage ?? 0, query.page ?? 1);
      }
      throw error;
    }
  }

  async users(query: ListUsersQuery): Promise<Page<UserRecord>> {
    const page = await listUsers(this.host.upstream, query, this.options);
    const items = query.withTags ? page.items.map(complete) : page.items;
    // Deactivated users are not found by `GET /users/{uid}`: only active ones are primed.
    for (const user of items) if (user.deactivatedAt === null) this.prime.user(user);
    return { ...page, items: items.map(this.servedUser) };
  }

  async groups(query: ListGroupsQuery): Promise<Page<GroupRecord>> {
    const page = await this.orEmptyForMissingViewer(query, () =>
      listGroups(this.host.upstream, query, this.options),
    );
    for (const group of page.items) this.prime.group(group);
    return this.servesCaller ? page : { ...page, items: page.items.map(neutralGroup) };
  }

  groupsJoinedBy(uid: string, query: ListGroupsQuery): Promise<Page<GroupRecord>> {
    const joined = { ...query, hasJoined: true };
    if (uid === this.perspective) return this.groups(joined);
    // The app view reads them in that user's own view (an admin may); they come back neutral.
    if (this.perspective === null) return this.host.view(uid).groups(joined);
    // CometChat lists a user's joined groups only to that user: an end user lists their own.
    return Promise.reject(
      gatewayError(
        'FORBIDDEN',
        "A user caller may list only their own groups; another user's are not theirs to read.",
      ),
    );
  }

  async membershipsOf(uid: string, query: ListGroupsQuery): Promise<Page<JoinedGroup>> {
    if (this.perspective !== null && uid !== this.perspective) {
      throw gatewayError(
        'FORBIDDEN',
        "A user caller may list only their own memberships; another user's are not theirs to read.",
      );
    }
    const own = uid === this.perspective ? this : this.host.view(uid);
    const page = await listGroups(this.host.upstream, { ...query, hasJoined: true }, own.options);
    const items: JoinedGroup[] = [];
    for (const group of page.items) {
      own.prime.group(group);
      if (group.scope === null) continue; // not (or no longer) a member
      items.push({
        group: this.servesCaller && own === this ? group : neutralGroup(group),
        member: { guid: group.guid, scope: group.scope, joinedAt: group.joinedAt ?? new Date(0) },
      });
    }
    return { ...page, items };
  }

  async conversations(query: ListConversationsQuery): Promise<Page<OwnedConversation>> {
    const page = await this.orEmptyForMissingViewer(query, () =>
      this.takeAhead(`conversations:${queryKey(query)}`, () =>
        listConversations(this.host.upstream, query, this.options),
      ),
    );
    const partnerTags = query.withUserAndGroupTags === true;
    const items = page.items.map((listed): OwnedConversation => {
      const partner = listed.conversationWith;
      const record =
        partnerTags && partner?.kind === 'user'
          ? { ...listed, conversationWith: complete(partner) }
          : listed;
      return { record, ownerUid: this.perspective ?? inferredOwner(record) };
    });
    for (const item of items) this.prime.conversation(item.record);
    return { ...page, items };
  }

  async messages(
    query: ListMessagesQuery,
    read: { fresh?: boolean } = {},
  ): Promise<CursorPage<MessageRecord>> {
    let page: CursorPage<MessageRecord>;
    try {
      page = await listMessages(
        this.host.upstream,
        query,
        read.fresh === true ? { ...this.options, fresh: true } : this.options,
      );
    } catch (error) {
      // Read as a user who does not exist, or who may not see that conversation: nothing to show.
      if (this.perspective !== null && isDenied(error, ['not_found', 'forbidden'])) {
        return emptyCursorPage(query.limit ?? 0);
      }
      throw error;
    }
    return this.servedMessages(page);
  }

  async threads(query: ListThreadsQuery): Promise<CursorPage<MessageRecord>> {
    if (this.perspective === null) return emptyCursorPage(query.limit ?? 0);
    return this.servedMessages(await listThreads(this.host.upstream, query, this.options));
  }

  async pushTokens(): Promise<PushTokenRecord[]> {
    if (this.perspective === null) return [];
    const { signal } = this.options;
    const asApp = signal ? { signal } : {};
    const tokens = await listAuthTokens(
      this.host.upstream,
      this.perspective,
      { perPage: 1 },
      asApp,
    );
    const authToken = tokens.items[0]?.authToken;
    if (authToken === undefined) return [];
    return listPushTokens(this.host.upstream, authToken, asApp);
  }

  async notificationPreferences(): Promise<NotificationPreferencesRecord | null> {
    if (this.perspective === null) return null;
    const { signal } = this.options;
    return getNotificationPreferences(
      this.host.upstream,
      this.perspective,
      signal ? { signal } : {},
    );
  }

  private muted: Promise<MutedConversationRecord[]> | undefined;

  mutedConversations(): Promise<MutedConversationRecord[]> {
    if (this.perspective === null) return Promise.resolve([]);
    const uid = this.perspective;
    const { signal } = this.options;
    this.muted ??= listMutedConversations(this.host.upstream, uid, signal ? { signal } : {});
    return this.muted;
  }

  async contactDetails(): Promise<ContactDetailsRecord | null> {
    if (this.perspective === null) return null;
    return getContactDetails(this.host.upstream, this.options);
  }

  async notificationTimezone(): Promise<string | null> {
    if (this.perspective === null) return null;
    const { signal } = this.options;
    return getNotificationTimezone(this.host.upstream, this.perspective, signal ? { signal } : {});
  }

  async threadMessages(
    parentId: string,
    query: MessageFilters,
  ): Promise<CursorPage<MessageRecord>> {
    return this.servedMessages(
      await this.takeAhead(`thread:${parentId}:${queryKey(query)}`, () =>
        listThreadMessages(this.host.upstream, parentId, query, this.options),
      ),
    );
  }

  private servedMessages(page: CursorPage<MessageRecord>): CursorPage<MessageRecord> {
    this.prime.messages(page.items);
    return this.servesCaller ? page : { ...page, items: page.items.map(neutralMessage) };
  }

  async reactions(
    messageId: string,
    query: ListReactionsQuery,
  ): Promise<CursorPage<ReactionRecord>> {
    const page = await listReactions(this.host.upstream, messageId, query, this.options);
    for (const reaction of page.items) {
      if (reaction.reactedBy) this.prime.user(reaction.reactedBy);
    }
    return page;
  }

  /**
   * A relation list of `uid` (friends, blocked users): CometChat renders its users as `uid` sees
   * them, whoever asks, so their viewer fields describe `uid`.
   */
  private relationUsers(uid: string, page: Page<UserRecord>): UserRecord[] {
    for (const user of page.items) this.prime.user(user, uid);
    return page.items.map((user) =>
      uid === this.perspective && this.servesCaller ? user : neutralUser(user),
    );
  }

  async friends(uid: string, query: RelationListQuery): Promise<Page<UserRecord>> {
    const page = await listFriends(this.host.upstream, uid, query, this.options);
    return { ...page, items: this.relationUsers(uid, page) };
  }

  async blockedUsers(uid: string, query: RelationListQuery): Promise<Page<BlockedUser>> {
    const page = await listBlockedUsers(this.host.upstream, uid, query, this.options);
    const users = this.relationUsers(uid, page);
    return {
      ...page,
      items: page.items.map((listed, i) => ({
        user: users[i] ?? neutralUser(listed),
        blockedAt: listed.blockedByMeAt,
      })),
    };
  }

  async members(guid: string, query: ListMembersQuery): Promise<Page<GroupMemberRecord>> {
    const page = await this.takeAhead(`members:${guid}:${queryKey(query)}`, () =>
      listMembers(this.host.upstream, guid, query, this.options),
    );
    for (const member of page.items) this.prime.member(member);
    if (this.servesCaller) return page;
    return {
      ...page,
      items: page.items.map((member) => ({ ...member, user: neutralUser(member.user) })),
    };
  }

  async bannedUsers(
    guid: string,
    query: { page?: number | undefined; perPage?: number | undefined },
  ): Promise<Page<UserRecord>> {
    const page = await listBannedUsers(this.host.upstream, guid, query, this.options);
    const users = page.items.map((ban) => ban.user);
    for (const user of users) this.prime.user(user);
    return { ...page, items: users.map(this.servedUser) };
  }

  async roles(query: {
    page?: number | undefined;
    perPage?: number | undefined;
  }): Promise<Page<RoleRecord>> {
    const page = await listRoles(this.host.upstream, query, this.options);
    for (const role of page.items) this.prime.role(role);
    return page;
  }

  authTokens(
    uid: string,
    query: { page?: number | undefined; perPage?: number | undefined },
  ): Promise<Page<AuthTokenRecord>> {
    return listAuthTokens(this.host.upstream, uid, query, this.options);
  }
}

/**
 * Who a conversation listed app-wide belongs to. CometChat's app-wide list gives each user's
 * view without naming the user; for a 1:1 conversation it is the participant that is not the
 * partner. A group conversation's owner cannot be told, so it stays null.
 */
function inferredOwner(record: ConversationRecord): string | null {
  const partner = record.conversationWith;
  if (record.conversationType !== 'user' || partner?.kind !== 'user') return null;
  return otherUserOf(record.conversationId, partner.uid);
}

/** The app view of the request: app-level calls, plus webhook configuration. */
export class AppViewImpl extends PerspectiveView implements AppView {
  declare readonly perspective: null;
  override readonly loaders: AppViewLoaders;
  override readonly prime: AppViewPrimer;
  private readonly webhookLoaders: {
    webhooks: DataLoader<string, WebhookRecord | null>;
    webhookTriggers: DataLoader<string, string[] | null>;
  };

  constructor(host: ViewHost) {
    super(null, host);
    // Webhook configuration belongs to the app, not to a user: never sent on anyone's behalf.
    const options: CallOptions = { signal: host.signal };
    this.webhookLoaders = {
      webhooks: new TracedLoader(
        'webhooks',
        (ids) => loadWebhooks(host.upstream, ids, options),
        BATCH,
      ),
      webhookTriggers: new TracedLoader(
        'webhookTriggers',
        (ids) => loadWebhookTriggers(host.upstream, ids, options),
        BATCH,
      ),
    };
    this.loaders = { ...this.own, ...this.webhookLoaders };
    this.prime = {
      ...this.basePrime,
      webhook: (webhook) => this.webhookLoaders.webhooks.prime(webhook.id, webhook),
    };
  }

  appPinnedConversations(): Promise<AppPinnedConversationRecord[]> {
    return getAppPinnedConversations(this.host.upstream, { signal: this.host.signal });
  }

  override clear(): void {
    super.clear();
    this.webhookLoaders.webhooks.clearAll();
    this.webhookLoaders.webhookTriggers.clearAll();
  }

  async webhooks(query: {
    page?: number | undefined;
    perPage?: number | undefined;
    searchKey?: string | undefined;
  }): Promise<Page<WebhookRecord>> {
    const page = await listWebhooks(this.host.upstream, query, this.options);
    for (const webhook of page.items) this.prime.webhook(webhook);
    return page;
  }
}
