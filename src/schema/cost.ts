/**
 * The cost of an operation in CometChat calls: its worst case, estimated from the document before
 * anything runs, so that an operation over the caller's budget is refused without a single call.
 *
 * The estimate walks the operation as graphql-js would execute it (fragments, inline fragments,
 * aliases, `@skip`/`@include`, variables) and adds up, per field, what its resolver can cost
 * upstream, multiplied by how many times the field resolves:
 *
 * - a connection costs its list call (a page list asked with `after` may need two pages), and its
 *   `edges`/`nodes` multiply everything below them by the page size (`first`/`last`, default 20);
 * - a lookup costs one call per resolution unless the record is certain to be in the request's
 *   loaders already (primed from an entity CometChat embedded in an earlier answer); the loaders
 *   batch, but CometChat has no get-by-ids endpoint, so a batch of n keys is still n calls;
 * - roles are the exception: one `GET /roles` serves every role, so role lookups cost one call
 *   per distinct role, at most {@link MAX_ROLES_PER_APP} per request;
 * - a mutation costs its writes plus the reads its resolver makes, and its payload like any field.
 *
 * What each field costs lives in {@link COST_RULES}, keyed `Type.field` (a concrete type's field
 * falls back to the rule of the interface that declares it); `test/schema/cost.test.ts` checks
 * that every field returning an object is classified and that the estimate is never below the
 * calls the gateway really makes. Everything is worst case: de-duplication by the loaders only
 * makes the real count lower.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import {
  getArgumentValues,
  getDirectiveValues,
  getVariableValues,
} from 'graphql/execution/values.js';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql/index.js';
import { AI_AGENT_COST_RULES } from './cost-ai-agents.js';
import {
  type CallerKind,
  type CostRule,
  costs,
  cursorList,
  declaredRule,
  distinctCount,
  type FieldCost,
  type FieldEnv,
  free,
  inputCount,
  inputOf,
  leafList,
  lookup,
  type Origin,
  pagedList,
  pageSize,
  writes,
} from './cost-rules.js';
import { TOOLING_COST_RULES } from './cost-tooling.js';
import { aliasTarget } from './deprecation.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_REACTION_LOOKUP_PAGES } from './pagination.js';

export type { CallerKind, CostRule, FieldCost, FieldEnv, Origin };
export { costs, leafList };

/** CometChat allows at most 25 roles per app, so role lookups never cost more calls than this. */
export const MAX_ROLES_PER_APP = 25;
/** CometChat allows mentioning at most 10 distinct users in one message. */
export const MAX_MENTIONS_PER_MESSAGE = 10;
/** CometChat caps a message at 25 distinct reactions (the `reactions` summary). */
const MAX_REACTION_SUMMARIES = 25;
/**
 * The most users a subscription event's user lists hold (group members, blocked users): the
 * fields return the first this many the payload names.
 */
export const MAX_EVENT_USERS = 25;
/** The most participants a call or meeting event's `participants` holds (the first this many). */
export const MAX_EVENT_PARTICIPANTS = 100;
/** `messageSend` takes at most 25 receivers. */
const MAX_SEND_RECEIVERS = 25;
/** The bulk user mutations take at most 100 uids. */
const MAX_UIDS = 100;
/** Fewer triggers than this exist (the input takes each documented trigger once). */
const MAX_WEBHOOK_TRIGGERS = 100;

/** A user fetched by uid: one call, and the record holds the full profile. */
const userLookup = lookup('fullProfile');

/**
 * A user, group or message CometChat embeds in a message (sender, receiver, action targets). An
 * admin's loaders are primed with every embedded entity. A user caller's view keeps the embedded
 * users aside (they are rendered for nobody): free too, but their viewer fields cost a lookup
 * (`viewerless`); an embedded group or message costs a user caller a lookup.
 */
function embedded(origin?: Origin): CostRule {
  return ({ caller, origin: parent }) => {
    if (parent === 'notPrimed') return { calls: 1, ...(origin ? { origin } : {}) };
    if (caller === 'admin') return {};
    return origin === 'fullProfile' ? { origin: 'viewerless' } : { calls: 1 };
  };
}

/** A user's viewer field: free unless the user came embedded in another answer (a user caller). */
const viewerField: CostRule = ({ caller, origin }) =>
  caller === 'user' && origin === 'viewerless' ? { calls: 1 } : {};

/**
 * A membership by `guid:uid` (the members loader): the group read on that user's behalf plus the
 * user; for a user caller also the group as they see it (a private group may hide it).
 */
function memberLookup(caller: CallerKind): number {
  return caller === 'admin' ? 2 : 4;
}

/** The group read to check a user caller's group management (an app admin passes unread). */
function groupCheck(caller: CallerKind): number {
  return caller === 'user' ? 1 : 0;
}

/** A moderator's check of the target member's scope (kick, ban, scope change). */
function targetCheck(caller: CallerKind): number {
  return caller === 'user' ? memberLookup(caller) : 0;
}

/** A list in a mutation's payload with one item per value of the input list `field`. */
function perInput(field: string, max: number): CostRule {
  return (env) => ({ items: inputCount(env, field, max) });
}

/**
 * A user a subscription event names, read in the subscriber's view: one call unless primed from
 * the payload (which is not always a whole record), so counted as one.
 */
const eventUser: CostRule = lookup();

/** A subscription event's list of users (see {@link MAX_EVENT_USERS}): a lookup each. */
const eventUsers: CostRule = () => ({ calls: MAX_EVENT_USERS, items: MAX_EVENT_USERS });

/**
 * The elements of a form or card: read from the message, so nothing below them calls CometChat;
 * counted at most this many (CometChat documents no limit; the message's size bounds them).
 */
const interactiveElements: CostRule = () => ({ items: 100 });

/** A call or meeting event's participants: from the payload, no call of their own. */
const participants: CostRule = () => ({ items: MAX_EVENT_PARTICIPANTS });

/** What one delivery's access check may read for an end user (the group, as them). */
const subscriberCheck: CostRule = ({ caller }) => ({ calls: caller === 'user' ? 1 : 0 });

/** A reaction's delivery: the message reacted to (its place), then an end user's group check. */
const reactionCheck: CostRule = ({ caller }) => ({ calls: caller === 'user' ? 2 : 1 });

// ---------------------------------------------------------------------------------------------
// The table

/**
 * What each field costs, keyed `Type.field`. Fields absent here resolve from their parent's data
 * (scalars, and the `edges`/`nodes`/`node`/`pageInfo` plumbing of connections); every field that
 * returns an object must be listed, even when it is free (a test checks).
 */
export const COST_RULES: Readonly<Record<string, CostRule>> = {
  // Roots ------------------------------------------------------------------------------------
  'Query.conversation': lookup(),
  'Query.conversations': pagedList(),
  'Query.group': lookup(),
  'Query.groups': pagedList(),
  'Query.message': lookup(),
  'Query.messageByMuid': lookup(),
  'Query.messages': cursorList,
  'Query.role': () => ({ roleLoads: 1 }),
  'Query.roles': pagedList(),
  'Query.user': userLookup,
  'Query.users': pagedList('fullProfile'),
  'Query.viewer': free,
  'Query.webhook': lookup(),
  'Query.webhooks': pagedList(),
  // `node` and `nodes` cost what the type in each ID costs: NODE_LOOKUPS.

  // Data import jobs: kept by the gateway, read without CometChat calls; a job's chunks are sent in
  // the background, outside the operation that starts it.
  'Query.dataImportJob': free,
  'Query.dataImportJobs': free,
  'DataImportJob.failures': free,
  'Mutation.dataImportJobStart': free,
  'Mutation.dataImportJobResume': free,
  'DataImportJobStartPayload.dataImportJob': free,
  'DataImportJobResumePayload.dataImportJob': free,

  'Viewer.user': ({ caller }) => (caller === 'user' ? { calls: 1, origin: 'fullProfile' } : {}),

  // Pins, saves, thread subscriptions and flags ------------------------------------------------
  'Message.pinnedBy': lookup('fullProfile'),
  'Viewer.savedMessages': cursorList,
  'Viewer.threads': cursorList,
  'MessagePinPayload.message': free,
  'MessageUnpinPayload.message': free,
  'MessageSavePayload.message': free,
  'MessageUnsavePayload.message': free,
  'ConversationPinPayload.conversation': free,
  'ConversationUnpinPayload.conversation': free,
  'MessageThreadSubscribePayload.message': lookup(),
  'MessageThreadUnsubscribePayload.message': lookup(),
  'MessageFlagPayload.message': lookup(),
  'Mutation.messagePin': writes(1),
  'Mutation.messageUnpin': writes(1),
  'Mutation.messageSave': writes(1),
  'Mutation.messageUnsave': writes(1),
  'Mutation.conversationPin': writes(2),
  'Mutation.conversationUnpin': writes(2),
  'Mutation.messageThreadSubscribe': writes(1),
  'Mutation.messageThreadUnsubscribe': writes(1),
  'Mutation.messageFlag': writes(1),
  // Interactive messages: content and the viewer's interactions come with the message.
  'InteractiveMessage.form': free,
  'InteractiveMessage.card': free,
  'InteractiveMessage.viewerInteractions': leafList,
  'InteractiveForm.fields': interactiveElements,
  'InteractiveForm.submitButton': free,
  'InteractiveCard.actions': interactiveElements,
  'InteractiveElement.options': leafList,
  'InteractiveElement.action': free,
  'MessageMarkInteractedPayload.message': lookup(),
  'Mutation.messageMarkInteracted': writes(1),
  // App-wide pinned conversations (admin only: refused to end users before any call): one call;
  // each pin's user or group is a lookup.
  'Query.appPinnedConversations': ({ caller }) =>
    caller === 'user' ? { refused: true } : { calls: 1, items: 25 },
  'Mutation.appPinnedConversationsSet': ({ caller }) =>
    caller === 'user' ? { refused: true } : { calls: 1 },
  'AppPinnedConversationsSetPayload.pinnedConversations': () => ({ items: 25 }),
  'AppPinnedConversation.user': userLookup,
  'AppPinnedConversation.group': lookup(),
  // Push tokens (the viewing user's own; an admin without X-Act-As is refused before any call):
  // the user's auth token, then one call; CometChat keeps at most 100 tokens per user.
  'Viewer.pushTokens': ({ caller }) =>
    caller === 'user' ? { calls: 2, items: 100 } : { refused: true, items: 100 },
  'PushTokenRegisterPayload.pushToken': free,
  'PushTokenRemovePayload.pushToken': free,
  'Mutation.pushTokenRegister': writes(2),
  'Mutation.pushTokenRemove': writes(2),
  'Viewer.notificationTimezone': ({ caller }) =>
    caller === 'user' ? { calls: 1 } : { refused: true },
  'Mutation.viewerNotificationTimezoneUpdate': writes(1),
  // Preferences, mutes and contact details (the viewing user's own; refused before any call for
  // an admin without X-Act-As). The muted list is read once per view and request, shared with
  // every `Conversation.mutedUntil` (see `muteLists`).
  'Viewer.notificationPreferences': ({ caller }) =>
    caller === 'user' ? { calls: 1 } : { refused: true },
  'NotificationPreferences.oneOnOne': free,
  'NotificationPreferences.group': free,
  'NotificationPreferences.schedule': leafList,
  'ViewerNotificationPreferencesUpdatePayload.notificationPreferences': free,
  'Mutation.viewerNotificationPreferencesUpdate': writes(1),
  'Viewer.mutedConversations': ({ caller, args }) => {
    const page = pageSize(args);
    if (caller !== 'user' || page === null) return { refused: true };
    return { muteLists: 1, page };
  },
  'MutedConversation.with': lookup(),
  'MutedConversation.conversation': lookup(),
  'Conversation.mutedUntil': () => ({ muteLists: 1 }),
  'ConversationMutePayload.mutedConversation': free,
  'ConversationUnmutePayload.conversation': lookup(),
  'Mutation.conversationMute': writes(1),
  'Mutation.conversationUnmute': writes(1),
  'Viewer.notificationContactDetails': ({ caller }) =>
    caller === 'user' ? { calls: 1 } : { refused: true },
  'ViewerNotificationContactDetailsUpdatePayload.notificationContactDetails': free,
  'Mutation.viewerNotificationContactDetailsUpdate': writes(1),

  // Users ------------------------------------------------------------------------------------
  'User.authTokens': pagedList(),
  'User.blockedUsers': pagedList(),
  'User.conversations': pagedList(),
  'User.friends': pagedList(),
  'User.groups': pagedList('othersView'),
  // The groups come with the page and are primed: `GroupMember.group` costs nothing below it.
  'User.groupMemberships': pagedList('groupsPrimed'),
  'User.messages': cursorList,
  'User.role': () => ({ roleLoads: 1 }),
  // Embedded users lack their tags: one `GET /users/{uid}` each, unless fetched whole already.
  'User.tags': ({ origin }) => (origin === 'fullProfile' ? {} : { calls: 1 }),
  'User.isBlockedByViewer': viewerField,
  'User.hasBlockedViewer': viewerField,
  'AuthToken.user': userLookup,
  'Role.settings': free,
  'Role.users': pagedList('fullProfile'),

  // Groups -----------------------------------------------------------------------------------
  'Group.bannedUsers': pagedList(),
  'Group.conversation': lookup(),
  'Group.members': pagedList(),
  'Group.messages': cursorList,
  'Group.owner': userLookup,
  // A group read as the caller says whether they joined; one read as someone else needs the
  // caller's membership: the group on their behalf plus their user record.
  'Group.viewerMembership': ({ caller, origin }) =>
    caller === 'user' && origin === 'othersView' ? { calls: 2 } : {},
  'GroupMember.group': ({ origin }) => (origin === 'groupsPrimed' ? {} : { calls: 1 }),
  'GroupMember.user': free,

  // Conversations ----------------------------------------------------------------------------
  // The partner comes primed from the conversation itself, which CometChat renders for its owner.
  'Conversation.with': free,
  'Conversation.lastMessage': free,
  'Conversation.messages': cursorList,
  'Conversation.viewedBy': userLookup,

  // Messages (the interface's rules serve every message type) --------------------------------
  'Message.conversation': lookup(),
  'Message.deletedBy': userLookup,
  'Message.editedBy': userLookup,
  'Message.mentions': () => ({
    calls: MAX_MENTIONS_PER_MESSAGE,
    items: MAX_MENTIONS_PER_MESSAGE,
    origin: 'fullProfile',
  }),
  'Message.parent': lookup(),
  'Message.reactions': () => ({ items: MAX_REACTION_SUMMARIES }),
  'Message.reactionsConnection': cursorList,
  // A group receiver is not kept aside like an embedded user: a user caller looks it up.
  'Message.receiver': ({ caller, origin }) =>
    caller === 'admin' && origin !== 'notPrimed' ? {} : { calls: 1, origin: 'fullProfile' },
  'Message.replies': cursorList,
  'Message.sender': embedded('fullProfile'),
  // Actions and calls embed who acted and on what (`by`, `on`, `for`), not always their
  // receiver: that can cost a lookup even for an admin. Their sender is who acted (`by`), or the
  // app itself (no user at all).
  'ActionMessage.sender': embedded('fullProfile'),
  'ActionMessage.receiver': userLookup,
  'CallMessage.sender': embedded('fullProfile'),
  'CallMessage.receiver': userLookup,
  'ActionMessage.actor': embedded('fullProfile'),
  'ActionMessage.targetGroup': lookup(),
  // The message acted on comes primed from the action, but its own entities may not be.
  'ActionMessage.targetMessage': ({ caller, origin }) =>
    caller === 'admin' && origin !== 'notPrimed'
      ? { origin: 'notPrimed' }
      : { calls: 1, origin: 'notPrimed' },
  'ActionMessage.targetUser': embedded('fullProfile'),
  'MediaMessage.attachments': leafList,
  // Reactions come with the reacting user, rendered for the caller: primed for an admin only.
  'Reaction.user': embedded('fullProfile'),

  // Subscriptions ----------------------------------------------------------------------------
  // Each delivery of a subscription is costed as one operation (its views and call budget start
  // afresh, see src/schema/subscription.ts): the root field is what the access check and the
  // filters may ask for one delivery, the event's fields what its enrichment reads. An end user's
  // access check reads the group as them (a group conversation, a private group's event); a
  // reaction's check and its place filters also read the message reacted to.
  'Subscription.messageSent': subscriberCheck,
  'Subscription.messageEdited': subscriberCheck,
  'Subscription.messageDeleted': subscriberCheck,
  'Subscription.userMentioned': subscriberCheck,
  'Subscription.messageDelivered': subscriberCheck,
  'Subscription.messageRead': subscriberCheck,
  'Subscription.messageModerated': subscriberCheck,
  'Subscription.reactionAdded': reactionCheck,
  'Subscription.reactionRemoved': reactionCheck,
  // An admin follows a named user's list: checked as that user.
  'Subscription.conversationUpdated': () => ({ calls: 1 }),
  'Subscription.groupCreated': subscriberCheck,
  'Subscription.groupUpdated': subscriberCheck,
  'Subscription.groupDeleted': subscriberCheck,
  'Subscription.groupMemberJoined': subscriberCheck,
  'Subscription.groupMemberLeft': subscriberCheck,
  'Subscription.groupMemberAdded': subscriberCheck,
  'Subscription.groupMemberKicked': subscriberCheck,
  'Subscription.groupMemberBanned': subscriberCheck,
  'Subscription.groupMemberUnbanned': subscriberCheck,
  'Subscription.groupMemberScopeChanged': subscriberCheck,
  'Subscription.groupOwnerChanged': subscriberCheck,
  // Blocks, presence and calls are checked on the uids the payload names: no call.
  'Subscription.userBlocked': free,
  'Subscription.userUnblocked': free,
  'Subscription.userStatusChanged': free,
  'Subscription.callInitiated': subscriberCheck,
  'Subscription.callStarted': free,
  'Subscription.callEnded': free,
  'Subscription.callParticipantJoined': free,
  'Subscription.callParticipantLeft': free,
  'Subscription.meetingStarted': free,
  'Subscription.meetingEnded': free,
  'Subscription.meetingParticipantJoined': free,
  'Subscription.meetingParticipantLeft': free,
  'Subscription.callRecordingGenerated': free,
  'Subscription.callTranscriptGenerated': free,

  // The message a payload carries is primed into the subscriber's view like an embedded one.
  'MessageSentEvent.message': free,
  'UserMentionedEvent.message': free,
  'CallInitiatedEvent.message': free,
  'MessageModeratedEvent.message': free,
  'UserMentionedEvent.mentionedUsers': () => ({
    calls: MAX_MENTIONS_PER_MESSAGE,
    items: MAX_MENTIONS_PER_MESSAGE,
  }),
  // Read when the payload lacks it (an edit or delete), or always (receipts, reactions).
  'MessageEditedEvent.message': lookup(),
  'MessageDeletedEvent.message': lookup(),
  'MessageDeliveredEvent.message': lookup(),
  'MessageReadEvent.message': lookup(),
  'ReactionAddedEvent.message': lookup(),
  'ReactionRemovedEvent.message': lookup(),
  // The reaction comes from the payload; who reacted is read like any user.
  'ReactionAddedEvent.reaction': () => ({ origin: 'notPrimed' }),
  'ReactionRemovedEvent.reaction': () => ({ origin: 'notPrimed' }),
  'MessageEditedEvent.editedBy': eventUser,
  'MessageDeletedEvent.deletedBy': eventUser,
  'MessageDeliveredEvent.user': eventUser,
  'MessageReadEvent.user': eventUser,
  'ConversationUpdatedEvent.conversation': lookup(),
  'UserBlockedEvent.by': eventUser,
  'UserUnblockedEvent.by': eventUser,
  'UserBlockedEvent.users': eventUsers,
  'UserUnblockedEvent.users': eventUsers,
  'UserStatusChangedEvent.user': eventUser,
  'GroupCreatedEvent.group': lookup(),
  'GroupUpdatedEvent.group': lookup(),
  // A deleted group is the payload's copy.
  'GroupDeletedEvent.group': free,
  'GroupMemberJoinedEvent.group': lookup(),
  'GroupMemberLeftEvent.group': lookup(),
  'GroupMemberAddedEvent.group': lookup(),
  'GroupMemberKickedEvent.group': lookup(),
  'GroupMemberBannedEvent.group': lookup(),
  'GroupMemberUnbannedEvent.group': lookup(),
  'GroupMemberScopeChangedEvent.group': lookup(),
  'GroupOwnerChangedEvent.group': lookup(),
  'GroupCreatedEvent.members': eventUsers,
  'GroupMemberJoinedEvent.users': eventUsers,
  'GroupMemberLeftEvent.users': eventUsers,
  'GroupMemberAddedEvent.users': eventUsers,
  'GroupMemberKickedEvent.users': eventUsers,
  'GroupMemberBannedEvent.users': eventUsers,
  'GroupMemberUnbannedEvent.users': eventUsers,
  'GroupMemberAddedEvent.by': eventUser,
  'GroupMemberKickedEvent.by': eventUser,
  'GroupMemberBannedEvent.by': eventUser,
  'GroupMemberUnbannedEvent.by': eventUser,
  'GroupMemberScopeChangedEvent.by': eventUser,
  'GroupMemberScopeChangedEvent.user': eventUser,
  'GroupOwnerChangedEvent.owner': eventUser,
  'GroupOwnerChangedEvent.previousOwner': eventUser,
  // Participants come from the payload (names, times); each one's user is a lookup.
  'CallStartedEvent.participants': participants,
  'CallEndedEvent.participants': participants,
  'CallParticipantJoinedEvent.participants': participants,
  'CallParticipantLeftEvent.participants': participants,
  'MeetingStartedEvent.participants': participants,
  'MeetingEndedEvent.participants': participants,
  'MeetingParticipantJoinedEvent.participants': participants,
  'MeetingParticipantLeftEvent.participants': participants,
  'CallParticipantJoinedEvent.participant': free,
  'CallParticipantLeftEvent.participant': free,
  'MeetingParticipantJoinedEvent.participant': free,
  'MeetingParticipantLeftEvent.participant': free,
  'CallParticipant.user': eventUser,

  // Call logs (the Calls API): a page per call; `call` and `CallMessage.call` a lookup each;
  // participants and recordings come with the call (each participant's user is a lookup).
  'Query.call': lookup(),
  'Query.calls': pagedList(),
  'CallMessage.call': lookup(),
  'Call.initiator': userLookup,
  'Call.receiver': lookup(),
  'Call.participants': () => ({ items: 50 }),
  'Call.recordings': leafList,
  'CallLogParticipant.user': userLookup,

  // Webhooks ---------------------------------------------------------------------------------
  // One page of triggers per webhook: CometChat documents far fewer than a page of 100.
  'Webhook.triggers': lookup(),

  // Mutations --------------------------------------------------------------------------------
  'Mutation.authTokenCreate': writes(1),
  'Mutation.authTokenDelete': writes(1),
  'Mutation.authTokenUpdate': writes(1),
  'Mutation.authTokensFlush': writes(1),
  // The mark, then the conversation read again.
  'Mutation.conversationMarkDelivered': writes(2),
  'Mutation.conversationMarkRead': writes(2),
  'Mutation.conversationMarkUnread': writes(2),
  'Mutation.conversationReset': writes(1),
  'Mutation.conversationTagsUpdate': writes(1),
  'Mutation.groupCreate': writes(1),
  // A user caller's group management is checked first against the group as they see it
  // (src/schema/mutations/member/rules.ts); a moderator's also against the target's scope.
  'Mutation.groupDelete': ({ caller }) => ({ calls: 1 + groupCheck(caller) }),
  // The add, then the membership read back when the answer lacks it.
  'Mutation.groupJoin': ({ caller }) => ({ calls: 1 + memberLookup(caller) }),
  'Mutation.groupMemberBan': ({ caller }) => ({ calls: 2 + targetCheck(caller) }),
  'Mutation.groupMemberKick': ({ caller }) => ({ calls: 2 + targetCheck(caller) }),
  // The check, the change, the member's user, and the membership read back when the answer
  // lacks it.
  'Mutation.groupMemberScopeChange': ({ caller }) => ({
    calls: 1 + targetCheck(caller) + 2 + memberLookup(caller),
  }),
  'Mutation.groupMemberUnban': writes(2),
  'Mutation.groupMembersAdd': writes(2),
  'Mutation.groupUpdate': ({ caller }) => ({ calls: 1 + groupCheck(caller) }),
  // A permanent delete reads the message first; a soft one may read it back after.
  'Mutation.messageDelete': writes(2),
  'Mutation.messageEdit': writes(1),
  'Mutation.messageReactionAdd': writes(1),
  'Mutation.messageReactionRemove': writes(1),
  'Mutation.messageReply': writes(1),
  'Mutation.messageSend': writes(1),
  'Mutation.roleCreate': writes(1),
  'Mutation.roleDelete': writes(1),
  'Mutation.roleUpdate': writes(1),
  'Mutation.userCreate': writes(1),
  'Mutation.userDelete': writes(1),
  'Mutation.userFriendsAdd': writes(1),
  'Mutation.userFriendsRemove': writes(1),
  'Mutation.userUpdate': writes(1),
  'Mutation.usersBlock': writes(1),
  'Mutation.usersDeactivate': writes(1),
  'Mutation.usersReactivate': writes(1),
  'Mutation.usersUnblock': writes(1),
  // The webhook, then its triggers (a second call) when any are given.
  'Mutation.webhookCreate': writes(
    (env) => 1 + (distinctCount(inputOf(env).triggers, 1) > 0 ? 1 : 0),
  ),
  'Mutation.webhookDelete': writes(1),
  // The change, then the webhook read again.
  'Mutation.webhookTriggersAdd': writes(2),
  'Mutation.webhookTriggersRemove': writes(2),
  'Mutation.webhookUpdate': writes(1),

  // Mutation payloads ------------------------------------------------------------------------
  'AuthTokenCreatePayload.authToken': free,
  'AuthTokenDeletePayload.user': userLookup,
  'AuthTokenUpdatePayload.authToken': free,
  'AuthTokensFlushPayload.user': userLookup,
  'ConversationMarkDeliveredPayload.conversation': free,
  'ConversationMarkReadPayload.conversation': free,
  'ConversationMarkUnreadPayload.conversation': free,
  'ConversationResetPayload.viewedBy': userLookup,
  'ConversationTagsUpdatePayload.conversation': free,
  'GroupBanOutcome.error': free,
  'GroupBanOutcome.user': userLookup,
  'GroupCreatePayload.group': () => ({ origin: 'othersView' }),
  'GroupJoinPayload.group': lookup(),
  'GroupJoinPayload.member': free,
  'GroupMemberAddOutcome.error': free,
  // Built from the action message when it names the user; read back otherwise.
  'GroupMemberAddOutcome.member': ({ caller }) => ({ calls: memberLookup(caller) }),
  'GroupMemberAddOutcome.message': () => ({ origin: 'notPrimed' }),
  'GroupMemberBanPayload.group': lookup(),
  'GroupMemberBanPayload.user': userLookup,
  'GroupMemberKickPayload.group': lookup(),
  'GroupMemberKickPayload.user': userLookup,
  'GroupMemberScopeChangePayload.member': free,
  'GroupMemberUnbanPayload.group': lookup(),
  'GroupMemberUnbanPayload.user': userLookup,
  'GroupMembersAddPayload.admins': perInput('admins', MAX_UIDS),
  'GroupMembersAddPayload.group': lookup(),
  'GroupMembersAddPayload.moderators': perInput('moderators', MAX_UIDS),
  'GroupMembersAddPayload.participants': perInput('participants', MAX_UIDS),
  'GroupMembersAddPayload.usersToBan': perInput('usersToBan', MAX_UIDS),
  'GroupUpdatePayload.group': () => ({ origin: 'othersView' }),
  'MessageDeletePayload.message': free,
  'MessageEditPayload.message': free,
  'MessageReactionAddPayload.message': free,
  'MessageReactionRemovePayload.message': free,
  'MessageReplyPayload.parent': lookup(),
  'MessageReplyPayload.message': free,
  'MessageReplyPayload.messageEdge': free,
  'MessageSendOutcome.error': free,
  'MessageSendOutcome.messageEdge': free,
  'MessageSendOutcome.group': lookup(),
  'MessageSendOutcome.message': free,
  'MessageSendOutcome.user': userLookup,
  'MessageSendPayload.messageEdge': free,
  'MessageSendPayload.outcomes': (env) => {
    const input = inputOf(env);
    const receivers =
      distinctCount(input.receiverUids, MAX_SEND_RECEIVERS) +
      distinctCount(input.receiverGuids, MAX_SEND_RECEIVERS);
    return { items: Math.min(receivers, MAX_SEND_RECEIVERS) };
  },
  'MessageSendPayload.message': free,
  'RoleCreatePayload.role': free,
  'RoleUpdatePayload.role': free,
  'UserBulkOutcome.error': free,
  'UserBulkOutcome.user': userLookup,
  'UserCreatePayload.authToken': free,
  'UserCreatePayload.user': free,
  'UserFriendsAddPayload.outcomes': perInput('uids', MAX_UIDS),
  'UserFriendsAddPayload.user': userLookup,
  'UserFriendsRemovePayload.outcomes': perInput('uids', MAX_UIDS),
  'UserFriendsRemovePayload.user': userLookup,
  'UserUpdatePayload.user': free,
  'UsersBlockPayload.outcomes': perInput('uids', MAX_UIDS),
  'UsersBlockPayload.user': userLookup,
  'UsersDeactivatePayload.outcomes': perInput('uids', MAX_UIDS),
  'UsersReactivatePayload.outcomes': perInput('uids', MAX_UIDS),
  'UsersUnblockPayload.outcomes': perInput('uids', MAX_UIDS),
  'UsersUnblockPayload.user': userLookup,
  'ValidationError.violations': leafList,
  'WebhookCreatePayload.outcomes': perInput('triggers', MAX_WEBHOOK_TRIGGERS),
  'WebhookCreatePayload.webhook': free,
  'WebhookTriggerOutcome.error': free,
  'WebhookTriggersAddPayload.outcomes': perInput('triggers', MAX_WEBHOOK_TRIGGERS),
  'WebhookTriggersAddPayload.webhook': free,
  'WebhookTriggersRemovePayload.webhook': free,
  'WebhookUpdatePayload.webhook': free,

  ...TOOLING_COST_RULES,
  ...AI_AGENT_COST_RULES,
};

/**
 * What `node`/`nodes` cost for an ID of each type: the loader its `loadMany` goes through. A test
 * checks every type implementing `Node` is here.
 */
export const NODE_LOOKUPS: Readonly<Record<string, CostRule>> = {
  User: userLookup,
  Group: lookup(),
  GroupMember: ({ caller }) => ({ calls: memberLookup(caller) }),
  Role: () => ({ roleLoads: 1 }),
  Conversation: lookup(),
  Webhook: lookup(),
  TextMessage: lookup(),
  MediaMessage: lookup(),
  CustomMessage: lookup(),
  ActionMessage: lookup(),
  CallMessage: lookup(),
  InteractiveMessage: lookup(),
  DataImportJob: free,
  AiAgent: lookup(),
  ByoAiAgent: lookup(),
  AiKnowledgeSource: lookup(),
  AiKnowledgeText: lookup(),
  AiAgentVariable: lookup(),
  AiApiTool: lookup(),
  AiMcpServer: lookup(),
  AiFrontendAction: lookup(),
  Call: lookup(),
  // The message as the caller may read it, then the emoji's reaction pages until the user is found.
  Reaction: () => ({ calls: 1 + MAX_REACTION_LOOKUP_PAGES }),
  // The user, then the user's tokens (one page holds all 100 CometChat keeps).
  AuthToken: () => ({ calls: 2 }),
};

/** The rule for `type.field`: the type's own, else that of an interface declaring the field. */
export function ruleFor(type: GraphQLObjectType, field: string): CostRule | undefined {
  // A deprecated alias costs what the field it stands for costs.
  const target = aliasTarget(type.getFields()[field]?.deprecationReason);
  if (target !== null && target !== field) return ruleFor(type, target);
  const own = declaredRule(type.getFields()[field]) ?? COST_RULES[`${type.name}.${field}`];
  if (own) return own;
  for (const iface of type.getInterfaces()) {
    const inherited =
      declaredRule(iface.getFields()[field]) ?? COST_RULES[`${iface.name}.${field}`];
    if (inherited) return inherited;
  }
  return undefined;
}

/** Whether `type` is a Relay connection (its `edges` and `nodes` hold one page). */
export function isConnectionType(type: GraphQLObjectType): boolean {
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}

/** Whether `type` is the edge of a connection (`node` plus `cursor`). */
export function isEdgeType(type: GraphQLObjectType): boolean {
  const fields = type.getFields();
  return 'node' in fields && 'cursor' in fields;
}

// ---------------------------------------------------------------------------------------------
// The walk

interface Cost {
  calls: number;
  roleLoads: number;
  muteLists: number;
}

const ZERO: Cost = { calls: 0, roleLoads: 0, muteLists: 0 };

function add(a: Cost, b: Cost, times = 1): Cost {
  if (times === 0 || (b.calls === 0 && b.roleLoads === 0 && b.muteLists === 0)) return a;
  return {
    calls: a.calls + b.calls * times,
    roleLoads: a.roleLoads + b.roleLoads * times,
    muteLists: a.muteLists + b.muteLists * times,
  };
}

function max(a: Cost, b: Cost): Cost {
  return {
    calls: Math.max(a.calls, b.calls),
    roleLoads: Math.max(a.roleLoads, b.roleLoads),
    muteLists: Math.max(a.muteLists, b.muteLists),
  };
}

function costOf(own: FieldCost): Cost {
  return { calls: own.calls ?? 0, roleLoads: own.roleLoads ?? 0, muteLists: own.muteLists ?? 0 };
}

/**
 * The total of a cost: every call, role lookups capped at what one app can have, mute lists at
 * one for a user caller (their own view's, read once).
 */
function total(cost: Cost, caller: CallerKind): number {
  const muteLists = caller === 'user' ? Math.min(cost.muteLists, 1) : cost.muteLists;
  return cost.calls + Math.min(cost.roleLoads, MAX_ROLES_PER_APP) + muteLists;
}

/** What the walk carries into an object: what it is known to be, and its page if a connection. */
interface Scope {
  origin: Origin | null;
  page: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  caller: CallerKind;
  rootArgs: Record<string, unknown>;
  /** Per-value costs already computed (abstract types would otherwise multiply the work). */
  memo: Map<string, Cost>;
  /** A number per field node, for the memo's keys. */
  nodeIds: Map<FieldNode, number>;
}

function nodeIdOf(walk: Walk, node: FieldNode): number {
  let id = walk.nodeIds.get(node);
  if (id === undefined) {
    id = walk.nodeIds.size;
    walk.nodeIds.set(node, id);
  }
  return id;
}

type Directed = Parameters<typeof getDirectiveValues>[1];

function included(walk: Walk, node: Directed): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

function conditionMatches(
  walk: Walk,
  typeCondition: { name: { value: string } } | undefined,
  type: GraphQLObjectType,
): boolean {
  if (!typeCondition) return true;
  const condition = walk.schema.getType(typeCondition.name.value);
  if (condition === type) return true;
  return (
    condition !== undefined && isAbstractType(condition) && walk.schema.isSubType(condition, type)
  );
}

/** The fields of `selectionSets` that run on an object of `type`, by response key (as graphql-js). */
function collectFields(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (!included(walk, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = fields.get(key);
        if (list) list.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (conditionMatches(walk, selection.typeCondition, type)) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = walk.fragments[name];
        if (fragment && conditionMatches(walk, fragment.typeCondition, type)) {
          visit(fragment.selectionSet);
        }
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return fields;
}

function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The cost of one object of `type` resolving `selectionSets`. */
function objectCost(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  scope: Scope,
): Cost {
  let cost = ZERO;
  for (const nodes of collectFields(walk, type, selectionSets).values()) {
    cost = add(cost, fieldCost(walk, type, nodes, scope));
  }
  return cost;
}

/** The cost of one value of `type`: for an interface or union, the dearest of its object types. */
function valueCost(
  walk: Walk,
  type: GraphQLCompositeType,
  nodes: readonly FieldNode[],
  scope: Scope,
): Cost {
  const selectionSets = subSelections(nodes);
  if (selectionSets.length === 0) return ZERO;
  const ids = nodes.map((node) => nodeIdOf(walk, node)).join(',');
  const key = `${ids}|${type.name}|${scope.origin ?? ''}|${scope.page}`;
  const known = walk.memo.get(key);
  if (known) return known;
  let cost = ZERO;
  if (isObjectType(type)) {
    cost = objectCost(walk, type, selectionSets, scope);
  } else {
    for (const possible of walk.schema.getPossibleTypes(type)) {
      cost = max(cost, objectCost(walk, possible, selectionSets, scope));
    }
  }
  walk.memo.set(key, cost);
  return cost;
}

/** The arguments of a field as execution would see them; null when they would fail to coerce. */
function argumentsOf(
  walk: Walk,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): Record<string, unknown> | null {
  try {
    return getArgumentValues(field, node, walk.variables);
  } catch {
    return null;
  }
}

function isListField(field: GraphQLField<unknown, unknown>): boolean {
  const type = isNonNullType(field.type) ? field.type.ofType : field.type;
  return isListType(type);
}

/** The cost of one resolution of the field `nodes` name on an object of `parent`. */
function fieldCost(
  walk: Walk,
  parent: GraphQLObjectType,
  nodes: readonly FieldNode[],
  scope: Scope,
): Cost {
  const first = nodes[0];
  if (!first) return ZERO;
  const name = first.name.value;
  const field = parent.getFields()[name];
  if (!field) return ZERO; // __typename and introspection: nothing upstream
  const args = argumentsOf(walk, field, first);
  if (args === null) return ZERO; // execution refuses the field before resolving it
  if (parent === walk.schema.getQueryType() && (name === 'node' || name === 'nodes')) {
    return nodeCost(walk, name === 'node' ? [args.id] : args.ids, nodes);
  }
  const env: FieldEnv = {
    caller: walk.caller,
    args,
    rootArgs: walk.rootArgs,
    origin: scope.origin,
  };
  const rule = ruleFor(parent, name);
  const passOn = scope.origin ? { origin: scope.origin } : {};
  let own: FieldCost;
  if (rule) own = rule(env);
  else if ((name === 'edges' || name === 'nodes') && isConnectionType(parent)) {
    own = { items: scope.page, ...passOn }; // a page of the connection's items
  } else if (name === 'node' && isEdgeType(parent)) {
    own = passOn;
  } else own = {};
  if (own.refused) return ZERO;
  const cost = costOf(own);
  const type = getNamedType(field.type);
  if (!isCompositeType(type)) return cost;
  // Every list of objects has a rule (a test checks); the largest page is the safe guess if not.
  const items = own.items ?? (isListField(field) ? MAX_PAGE_SIZE : 1);
  const inner: Scope = { origin: own.origin ?? null, page: own.page ?? DEFAULT_PAGE_SIZE };
  return add(cost, valueCost(walk, type, nodes, inner), items);
}

/** `node`/`nodes`: each ID costs the lookup of its type plus the selection on that type. */
function nodeCost(walk: Walk, ids: unknown, nodes: readonly FieldNode[]): Cost {
  const list = Array.isArray(ids) ? ids : [];
  if (list.length > MAX_PAGE_SIZE) return ZERO; // refused before any lookup
  let cost = ZERO;
  for (const id of list) {
    let typename: string;
    try {
      typename = decodeGlobalID(String(id)).typename;
    } catch {
      continue; // not one of our IDs: refused before any lookup
    }
    const type = walk.schema.getType(typename);
    const lookupRule = NODE_LOOKUPS[typename];
    if (!type || !isObjectType(type) || !lookupRule) continue;
    const own = lookupRule({
      caller: walk.caller,
      args: {},
      rootArgs: walk.rootArgs,
      origin: null,
    });
    cost = add(cost, costOf(own));
    cost = add(
      cost,
      valueCost(walk, type, nodes, { origin: own.origin ?? null, page: DEFAULT_PAGE_SIZE }),
    );
  }
  return cost;
}

export interface EstimateInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  /** The request's variables as sent (they are coerced here as execution would). */
  variableValues?: Readonly<Record<string, unknown>> | null | undefined;
  caller: CallerKind;
}

function operationOf(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | null {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) return operations.find((op) => op.name?.value === operationName) ?? null;
  return operations.length === 1 ? (operations[0] ?? null) : null;
}

/**
 * The most CometChat calls `document` can make for a caller of kind `caller`. An operation that
 * execution would refuse outright (unknown operation, variables that do not coerce) costs 0.
 */
export function estimateUpstreamCalls(input: EstimateInput): number {
  const { schema, document } = input;
  const operation = operationOf(document, input.operationName);
  if (!operation) return 0;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    input.variableValues ?? {},
  );
  if (coerced.errors) return 0;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const walk: Walk = {
    schema,
    fragments,
    variables: coerced.coerced,
    caller: input.caller,
    rootArgs: {},
    memo: new Map(),
    nodeIds: new Map(),
  };
  const scope: Scope = { origin: null, page: DEFAULT_PAGE_SIZE };
  const roots = collectFields(walk, rootType, [operation.selectionSet]);
  if (operation.operation !== 'mutation') {
    let cost = ZERO;
    for (const nodes of roots.values()) {
      walk.rootArgs = rootArgsOf(walk, rootType, nodes);
      walk.memo.clear();
      cost = add(cost, fieldCost(walk, rootType, nodes, scope));
    }
    return total(cost, input.caller);
  }
  // Each mutation empties the request's loaders, so role lookups count again after each one.
  let sum = 0;
  for (const nodes of roots.values()) {
    walk.rootArgs = rootArgsOf(walk, rootType, nodes);
    walk.memo.clear();
    sum += total(fieldCost(walk, rootType, nodes, scope), input.caller);
  }
  return sum;
}

function rootArgsOf(
  walk: Walk,
  rootType: GraphQLObjectType,
  nodes: readonly FieldNode[],
): Record<string, unknown> {
  const first = nodes[0];
  const field = first ? rootType.getFields()[first.name.value] : undefined;
  if (!first || !field) return {};
  return argumentsOf(walk, field, first) ?? {};
}
