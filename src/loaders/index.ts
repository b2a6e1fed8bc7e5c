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
 * Creates the loaders for one request. Calls act for the caller: app-level for an admin, on
 * behalf of the user for a user caller (so viewer-relative fields come back right).
 */
export function createLoaders(
  upstream: UpstreamClient,
  caller: Caller,
  signal?: AbortSignal,
): Loaders {
  const options: CallOptions =
    caller.kind === 'user' ? { onBehalfOf: caller.uid, signal } : { signal };
  const loaders: Loaders = {
    users: new DataLoader((uids) => loadUsers(upstream, uids, options), { maxBatchSize: 100 }),
    roles: new DataLoader((keys) => loadRoles(upstream, keys, options)),
    groups: new DataLoader(
      async (guids) => {
        const groups = await loadGroups(upstream, guids, options);
        // A private group is visible to its members only: to anyone else it does not exist.
        return caller.kind === 'user' ? groups.map(visibleToMember) : groups;
      },
      { maxBatchSize: 100 },
    ),
    members: new DataLoader(
      (keys) =>
        loadMembers(upstream, keys, {
          loadUser: (uid) => loaders.users.load(uid),
          // A user caller may not see memberships of private groups they are not in.
          ...(caller.kind === 'user'
            ? { callerUid: caller.uid, loadCallerGroup: (guid) => loaders.groups.load(guid) }
            : // An admin's group records carry no membership: the member's is dropped before priming.
              { onGroup: (group) => loaders.groups.prime(group.guid, withoutMembership(group)) }),
          signal,
        }),
      { maxBatchSize: 100 },
    ),
    userProfiles: new DataLoader((uids) => loadUsers(upstream, uids, options), {
      maxBatchSize: 100,
    }),
    // Webhook configuration belongs to the app, not to a user: never sent on anyone's behalf.
    webhooks: new DataLoader((ids) => loadWebhooks(upstream, ids, { signal }), {
      maxBatchSize: 100,
    }),
    webhookTriggers: new DataLoader((ids) => loadWebhookTriggers(upstream, ids, { signal }), {
      maxBatchSize: 100,
    }),
    messages: createMessageLoader(upstream, options, (message) =>
      primeMessageEntities({ loaders, caller }, message),
    ),
    conversations: createConversationLoader(
      upstream,
      { signal, ...(caller.kind === 'user' ? { callerUid: caller.uid } : {}) },
      (conversation, ownerUid) => primeConversation({ loaders, caller }, conversation, ownerUid),
    ),
  };
  return loaders;
}
