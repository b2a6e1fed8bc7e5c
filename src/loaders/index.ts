import DataLoader from 'dataloader';
import type { Caller } from '../context.js';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import type {
  ConversationRecord,
  GroupMemberRecord,
  GroupRecord,
  MessageRecord,
  RoleRecord,
  UserRecord,
  WebhookRecord,
} from '../upstream/records.js';
import { createConversationLoader } from './conversations.js';
import { loadGroups, visibleToMember, withoutMembership } from './groups.js';
import { loadMembers } from './members.js';
import { createMessageLoader } from './messages.js';
import { primeConversation, primeMessageEntities } from './prime.js';
import { loadRoles } from './roles.js';
import { loadUsers } from './users.js';
import { loadWebhooks, loadWebhookTriggers } from './webhooks.js';

/** The request-scoped loaders: they de-duplicate and batch within one request, never across. */
export interface Loaders {
  users: DataLoader<string, UserRecord | null>;
  roles: DataLoader<string, RoleRecord | null>;
  /** Groups by guid, as the caller sees them (a user caller's membership included). */
  groups: DataLoader<string, GroupRecord | null>;
  /** Memberships by `guid:uid` (see `memberKey`); null when that user is not a member. */
  members: DataLoader<string, GroupMemberRecord | null>;
  /**
   * Users by uid, always fetched (never primed): the full profile for a user whose record came
   * embedded in another object without some fields (see `hasFullProfile`).
   */
  userProfiles: DataLoader<string, UserRecord | null>;
  /** Webhooks by id (Management API, app-level). */
  webhooks: DataLoader<string, WebhookRecord | null>;
  /** The trigger ids of webhooks, by webhook id; null when the webhook does not exist. */
  webhookTriggers: DataLoader<string, string[] | null>;
  /** Messages by id, as the caller may see them; null when missing or out of the caller's reach. */
  messages: DataLoader<string, MessageRecord | null>;
  /** Conversations by `<ownerUid>:<conversationId>` (see `conversationKey`), as that owner sees them. */
  conversations: DataLoader<string, ConversationRecord | null>;
}

/**
 * The loaders of one request, each made on first use: a request (or a long-lived subscription)
 * pays only for the loaders it reads. The loaders made are own enumerable properties, so
 * `Object.values` finds them (to clear them after a write).
 */
class RequestLoaders implements Loaders {
  private readonly options: CallOptions;
  private usersLoader: Loaders['users'] | undefined;
  private rolesLoader: Loaders['roles'] | undefined;
  private groupsLoader: Loaders['groups'] | undefined;
  private membersLoader: Loaders['members'] | undefined;
  private userProfilesLoader: Loaders['userProfiles'] | undefined;
  private webhooksLoader: Loaders['webhooks'] | undefined;
  private webhookTriggersLoader: Loaders['webhookTriggers'] | undefined;
  private messagesLoader: Loaders['messages'] | undefined;
  private conversationsLoader: Loaders['conversations'] | undefined;

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly caller: Caller,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.options = caller.kind === 'user' ? { onBehalfOf: caller.uid, signal } : { signal };
  }

  get users(): Loaders['users'] {
    this.usersLoader ??= new DataLoader((uids) => loadUsers(this.upstream, uids, this.options), {
      maxBatchSize: 100,
    });
    return this.usersLoader;
  }

  get roles(): Loaders['roles'] {
    this.rolesLoader ??= new DataLoader((keys) => loadRoles(this.upstream, keys, this.options));
    return this.rolesLoader;
  }

  get groups(): Loaders['groups'] {
    const { caller } = this;
    this.groupsLoader ??= new DataLoader(
      async (guids) => {
        const groups = await loadGroups(this.upstream, guids, this.options);
        // A private group is visible to its members only: to anyone else it does not exist.
        return caller.kind === 'user' ? groups.map(visibleToMember) : groups;
      },
      { maxBatchSize: 100 },
    );
    return this.groupsLoader;
  }

  get members(): Loaders['members'] {
    const { caller, signal } = this;
    this.membersLoader ??= new DataLoader(
      (keys) =>
        loadMembers(this.upstream, keys, {
          loadUser: (uid) => this.users.load(uid),
          // A user caller may not see memberships of private groups they are not in.
          ...(caller.kind === 'user'
            ? { callerUid: caller.uid, loadCallerGroup: (guid) => this.groups.load(guid) }
            : // An admin's group records carry no membership: the member's is dropped before priming.
              { onGroup: (group) => this.groups.prime(group.guid, withoutMembership(group)) }),
          signal,
        }),
      { maxBatchSize: 100 },
    );
    return this.membersLoader;
  }

  get userProfiles(): Loaders['userProfiles'] {
    this.userProfilesLoader ??= new DataLoader(
      (uids) => loadUsers(this.upstream, uids, this.options),
      { maxBatchSize: 100 },
    );
    return this.userProfilesLoader;
  }

  // Webhook configuration belongs to the app, not to a user: never sent on anyone's behalf.
  get webhooks(): Loaders['webhooks'] {
    this.webhooksLoader ??= new DataLoader(
      (ids) => loadWebhooks(this.upstream, ids, { signal: this.signal }),
      { maxBatchSize: 100 },
    );
    return this.webhooksLoader;
  }

  get webhookTriggers(): Loaders['webhookTriggers'] {
    this.webhookTriggersLoader ??= new DataLoader(
      (ids) => loadWebhookTriggers(this.upstream, ids, { signal: this.signal }),
      { maxBatchSize: 100 },
    );
    return this.webhookTriggersLoader;
  }

  get messages(): Loaders['messages'] {
    this.messagesLoader ??= createMessageLoader(this.upstream, this.options, (message) =>
      primeMessageEntities({ loaders: this, caller: this.caller }, message),
    );
    return this.messagesLoader;
  }

  get conversations(): Loaders['conversations'] {
    const { caller } = this;
    this.conversationsLoader ??= createConversationLoader(
      this.upstream,
      { signal: this.signal, ...(caller.kind === 'user' ? { callerUid: caller.uid } : {}) },
      (conversation, ownerUid) =>
        primeConversation({ loaders: this, caller }, conversation, ownerUid),
    );
    return this.conversationsLoader;
  }
}

/**
 * Creates the loaders for one request, each on first use. Calls act for the caller: app-level
 * for an admin, on behalf of the user for a user caller (so viewer-relative fields come back right).
 */
export function createLoaders(
  upstream: UpstreamClient,
  caller: Caller,
  signal?: AbortSignal,
): Loaders {
  return new RequestLoaders(upstream, caller, signal);
}
