/**
 * Hand-written wire facts that the pinned 2023 spec (`wire.ts`, generated) lacks: endpoints CometChat
 * added later (reactions, mark-unread) and newer body fields, with where they are documented.
 * The contract test accepts a request only if it is in the pinned spec or listed here.
 */
import type { components, operations } from './wire.js';
import type { components as managementComponents } from './wire-management.js';
import { TOOLING_ENDPOINTS } from './wire-tooling.js';

export interface EndpointRef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI-style template below the base URL. */
  path: string;
  source: string;
}

/** Endpoints the client calls that the 2023 chat spec does not have. */
export const HAND_ADDED_ENDPOINTS: readonly EndpointRef[] = [
  {
    method: 'GET',
    path: '/messages/{id}/reactions',
    source: 'docs/cometchat-facts.md 7.6; current official chat-apis.json',
  },
  {
    method: 'GET',
    path: '/messages/{id}/reactions/{reaction}',
    source: 'docs/cometchat-facts.md 7.6; current official chat-apis.json',
  },
  {
    method: 'POST',
    path: '/messages/{id}/reactions/{reaction}',
    source: 'docs/cometchat-facts.md 7.6; add-reaction page (onBehalfOf required)',
  },
  {
    method: 'DELETE',
    path: '/messages/{id}/reactions/{reaction}',
    source: 'docs/cometchat-facts.md 7.6; remove-reaction page (onBehalfOf required)',
  },
  {
    method: 'DELETE',
    path: '/users/{uid}/conversation/read',
    source: 'docs/cometchat-facts.md 2 and 7.7: mark a 1:1 conversation unread, body {messageId}',
  },
  {
    method: 'DELETE',
    path: '/groups/{guid}/conversation/read',
    source:
      'docs/cometchat-facts.md 2 (current official spec): mark a group conversation unread, body {messageId}',
  },
  {
    method: 'POST',
    path: '/messages/{id}/pin',
    source:
      'docs/cometchat-facts.md 7.5; pin-message page (onBehalfOf optional; 100 pins per conversation)',
  },
  {
    method: 'DELETE',
    path: '/messages/{id}/pin',
    source: 'docs/cometchat-facts.md 7.5; unpin-message page (onBehalfOf optional)',
  },
  {
    method: 'POST',
    path: '/messages/{id}/save',
    source: 'docs/cometchat-facts.md 7.5; save-message page (onBehalfOf required)',
  },
  {
    method: 'DELETE',
    path: '/messages/{id}/save',
    source: 'docs/cometchat-facts.md 7.5; unsave-message page (onBehalfOf required)',
  },
  {
    method: 'POST',
    path: '/messages/{id}/flagged',
    source: 'docs/cometchat-facts.md 7.5 and 7.10; body {reasonId, remark}, onBehalfOf required',
  },
  {
    method: 'POST',
    path: '/messages/{id}/thread/subscription',
    source: 'docs/cometchat-facts.md 7.5; subscribe-thread page (onBehalfOf required)',
  },
  {
    method: 'DELETE',
    path: '/messages/{id}/thread/subscription',
    source: 'docs/cometchat-facts.md 7.5; unsubscribe-thread page (onBehalfOf required)',
  },
  {
    method: 'POST',
    path: '/users/{uid}/conversation/pin',
    source: 'docs/cometchat-facts.md 7.7; pin-user-conversation page (5 pins per user)',
  },
  {
    method: 'POST',
    path: '/groups/{guid}/conversation/pin',
    source: 'docs/cometchat-facts.md 7.7; pin-group-conversation page (5 pins per user)',
  },
  {
    method: 'DELETE',
    path: '/users/{uid}/conversation/pin',
    source: 'docs/cometchat-facts.md 7.7; unpin-user-conversation page (5 pins per user)',
  },
  {
    method: 'DELETE',
    path: '/groups/{guid}/conversation/pin',
    source: 'docs/cometchat-facts.md 7.7; unpin-group-conversation page (5 pins per user)',
  },
  {
    method: 'GET',
    path: '/threads',
    source:
      'FACTS.md 7.5; list-threads page; SDK ThreadsRequest (participatedByMe, limit; onBehalfOf required)',
  },
  {
    method: 'PATCH',
    path: '/messages/{id}/interacted',
    source:
      'FACTS.md 7.5; mark-message-as-interacted page: body {interactions: [elementId]}, onBehalfOf required',
  },
  {
    method: 'GET',
    path: '/conversations/pinned',
    source: 'FACTS.md 7.7; list-global-pinned-conversations page (apikey only)',
  },
  {
    method: 'PUT',
    path: '/conversations/pinned',
    source:
      'FACTS.md 7.7; replace-global-pinned-conversations page: body {pinnedConversations: [{uid}|{guid}]}',
  },
  {
    method: 'POST',
    path: '/data_import/users',
    source: 'Data Import API: import-users page (50 entities per request, 60 requests per minute)',
  },
  {
    method: 'POST',
    path: '/data_import/groups',
    source: 'Data Import API: import-groups page (50 entities per request, 60 requests per minute)',
  },
  {
    method: 'POST',
    path: '/data_import/members',
    source:
      'Data Import API: import-group-members page (50 entities per request, 60 requests per minute)',
  },
  {
    method: 'POST',
    path: '/data_import/messages',
    source:
      'Data Import API: import-messages page (50 entities per request, 60 requests per minute)',
  },
  {
    method: 'POST',
    path: '/notifications/push/v1/tokens',
    source:
      'docs/cometchat-facts.md 7.10; notifications register-push-token page: body {platform, providerId, fcmToken, authToken, timezone}',
  },
  {
    method: 'GET',
    path: '/notifications/push/v1/tokens',
    source:
      'docs/cometchat-facts.md 7.10; notifications list-push-tokens page: {data: {pushTokens: [...]}}',
  },
  {
    method: 'DELETE',
    path: '/notifications/push/v1/tokens/{pushToken}',
    source: 'docs/cometchat-facts.md 7.10; notifications delete-push-token page: body {authToken}',
  },
  {
    method: 'GET',
    path: '/notifications/v1/preferences/timezone',
    source:
      'docs/cometchat-facts.md 7.10 (?uid=); notifications get-timezone page: {data: {timezone}}',
  },
  {
    method: 'PATCH',
    path: '/notifications/v1/preferences/timezone',
    source:
      'docs/cometchat-facts.md 7.10 (?uid=); notifications update-timezone page: body {timezone}',
  },
  {
    method: 'GET',
    path: '/notifications/v1/preferences',
    source:
      'notifications list-preferences page (?uid=, requiredUID); answer read in the user shape of the reset answer, or the settings shape of its example',
  },
  {
    method: 'PATCH',
    path: '/notifications/v1/preferences',
    source:
      'notifications update-preferences page: ?uid=, body pnUpdatePreferences {groupPreferences, oneOnOnePreferences, mutePreferences {dnd, schedule}, usePrivacyTemplate}',
  },
  {
    method: 'DELETE',
    path: '/notifications/v1/preferences',
    source:
      'notifications reset-preferences page: ?uid=, answers the defaults in the user shape {data: {groupPreferences, oneOnOnePreferences, mutePreferences, usePrivacyTemplate}}',
  },
  {
    method: 'GET',
    path: '/notifications/v1/preferences/mute',
    source: 'notifications list-muted page: ?uid=, {data: {mutedConversations: []}}',
  },
  {
    method: 'PUT',
    path: '/notifications/v1/preferences/mute',
    source:
      'notifications mute-conversations page: ?uid=, body {conversations: [{id, type: oneOnOne|group, until (ms)}]}, {data: {success: true}}',
  },
  {
    method: 'DELETE',
    path: '/notifications/v1/preferences/mute',
    source:
      'notifications unmute-conversations page: ?uid=, body {conversations: [{id, type}]}, {data: {success: true}}',
  },
  {
    method: 'GET',
    path: '/notifications/v1/contact-details',
    source: 'notifications get-contact-details page: onBehalfOf required, {data: {email, phno}}',
  },
  {
    method: 'PATCH',
    path: '/notifications/v1/contact-details',
    source:
      'notifications update-contact-details page: onBehalfOf required, body {email, phno}, {data: {email, phno}}',
  },
  {
    method: 'DELETE',
    path: '/notifications/v1/contact-details',
    source: 'notifications delete-contact-details page: onBehalfOf required',
  },
  ...TOOLING_ENDPOINTS,
];

/** Body fields the client sends that the 2023 spec does not declare for that operation. */
export const HAND_ADDED_BODY_FIELDS: readonly (EndpointRef & { fields: readonly string[] })[] = [
  {
    method: 'POST',
    path: '/users',
    fields: ['statusMessage'],
    source: 'docs/cometchat-facts.md 7.1',
  },
  {
    method: 'PUT',
    path: '/users/{uid}',
    fields: ['statusMessage'],
    source: 'docs/cometchat-facts.md 7.1',
  },
  {
    method: 'POST',
    path: '/messages',
    fields: ['muid'],
    source: 'docs/cometchat-facts.md 7.5 (messageCategorySchema.muid)',
  },
  {
    method: 'POST',
    path: '/messages/{id}/thread',
    fields: ['muid'],
    source: 'docs/cometchat-facts.md 7.5 (same body as send)',
  },
  {
    method: 'POST',
    path: '/bots/{uid}/messages',
    fields: ['muid'],
    source: 'docs/cometchat-facts.md 7.5 (same body as send)',
  },
  {
    method: 'POST',
    path: '/users/{uid}/conversation/read',
    fields: ['messageId'],
    source: 'docs/cometchat-facts.md 7.7',
  },
  {
    method: 'DELETE',
    path: '/users/{uid}/conversation/read',
    fields: ['messageId'],
    source: 'docs/cometchat-facts.md 7.7 (mark unread)',
  },
  {
    method: 'DELETE',
    path: '/groups/{guid}/conversation/read',
    fields: ['messageId'],
    source: 'docs/cometchat-facts.md 7.7 (mark unread)',
  },
  {
    method: 'POST',
    path: '/users/{uid}/conversation/delivered',
    fields: ['messageId'],
    source: 'docs/cometchat-facts.md 7.7',
  },
  {
    method: 'POST',
    path: '/groups/{guid}/conversation/read',
    fields: ['messageId'],
    source: 'docs/cometchat-facts.md 7.7',
  },
  {
    method: 'POST',
    path: '/groups/{guid}/conversation/delivered',
    fields: ['messageId'],
    source: 'docs/cometchat-facts.md 7.7',
  },
  {
    method: 'POST',
    path: '/apps/{appId}/webhooks',
    fields: ['retryOnFailure'],
    source: 'docs/cometchat-facts.md 8.2 (newer CometChat)',
  },
  {
    method: 'PUT',
    path: '/apps/{appId}/webhooks/{webhookId}',
    fields: ['retryOnFailure'],
    source: 'docs/cometchat-facts.md 8.2 (newer CometChat)',
  },
];

/** A user as embedded in reaction items (`reactedBy`). */
export interface ReactedByWire {
  uid: string;
  name: string;
  avatar?: string;
  status?: string;
  role?: string;
  lastActiveAt?: number;
  createdAt?: number;
  conversationId?: string;
}

/** An item of `GET /messages/{id}/reactions[/{reaction}]`. */
export interface ReactionWire {
  id: string;
  messageId: string;
  reaction: string;
  uid: string;
  reactedAt: number;
  reactedBy?: ReactedByWire;
}

/** `data.reactions[]` on a message (add/remove reaction answers). */
export interface ReactionSummaryWire {
  reaction: string;
  count: number;
  reactedByMe?: boolean;
}

/** Cursor meta of reaction lists: like messages, without `sentAt`. */
export interface ReactionListMetaWire {
  current: { limit: number; count: number };
  next?: { affix: 'append'; id: string };
  previous?: { affix: 'prepend'; id: string };
}

/** Body of mark read / delivered / unread: the message "up to which" the mark applies. */
export interface ConversationMarkBodyWire {
  messageId: number | string;
}

// ---------------------------------------------------------------------------------------------
// What the records read (`records/*.ts`, checked by `records/wire-check.ts`): the pinned spec's
// schema of each answer, joined with the fields the spec lacks. `Extend` refuses an extra field
// the spec already has, so a field the spec declares is always read as the spec types it: when a
// spec update drops or retypes it, the record no longer compiles.

type Spec = components['schemas'];
type ManagementSpec = managementComponents['schemas'];

/** `Spec` with `Extra`'s fields, which must all be fields `Spec` does not have. */
type Extend<
  Spec,
  Extra extends { [K in keyof Extra]: K extends keyof Spec ? never : unknown },
> = Spec & Extra;

/**
 * A user (`userSchema`; the viewer-relative fields of `blockedUserSchema`, which CometChat adds to
 * users read with `onBehalfOf`), with docs/cometchat-facts.md 7.1's newer fields.
 */
export type UserWire = Extend<
  Spec['userSchema'] &
    Pick<
      Spec['blockedUserSchema'],
      'blockedByMe' | 'blockedByMeAt' | 'blockedAt' | 'updatedAt' | 'conversationId'
    >,
  {
    link?: string;
    statusMessage?: string;
    tags?: string[];
    lastActiveAt?: number;
    deactivatedAt?: number;
    hasBlockedMe?: boolean;
    /** Only on create with `withAuthToken`. */
    authToken?: string;
  }
>;

/** An auth token; the device fields are documented on the list-auth-tokens page. */
export type AuthTokenWire = Extend<
  Spec['authTokenSchema'],
  { platform?: string; userAgent?: string; appInfo?: Record<string, unknown> }
>;

export type RoleWire = Extend<Spec['roleSchema'], { updatedAt?: number }>;

/** A group; `metadata`, `updatedAt` and `updatedBy` as conversations embed them (`conversationWithSchema`). */
export type GroupWire = Extend<
  Spec['groupSchema'],
  { metadata?: Record<string, unknown>; updatedAt?: number; updatedBy?: string }
>;

/** A member-list item: a user with the member's `scope` and `joinedAt`. */
export type GroupMemberItemWire = Spec['groupMemberListSchema'];

/** A banned-users list item; `bannedAt` is read in case CometChat sends it (its docs do not). */
export type BannedUserWire = Extend<Spec['bannedUserSchema'], { bannedAt?: number }>;

/** The change-scope answer's `data`. */
export type MemberScopeWire = NonNullable<
  operations['change-group-member-scope']['responses'][200]['content']['application/json']['data']
>;

/** A conversation; tags and pins are docs/cometchat-facts.md 7.7's. */
export type ConversationWire = Extend<
  Spec['conversationSchema'],
  { tags?: string[]; pinnedAt?: number; pinnedBy?: string }
>;

/** A file of a media message (docs/cometchat-facts.md 7.5); `size` is a string in CometChat's examples. */
export interface AttachmentWire {
  url: string;
  name?: string;
  mimeType?: string;
  extension?: string;
  size?: number | string;
}

/** A message's `data` (`messageSchema.data`), with the content kinds the 2023 spec lacks. */
export type MessageDataWire = Extend<
  NonNullable<Spec['messageSchema']['data']>,
  {
    attachments?: AttachmentWire[];
    url?: string;
    customData?: unknown;
    /** Action and call messages (`groupEntitySchema`, `updatemessageSchema`). */
    action?: string;
    reactions?: ReactionSummaryWire[];
    mentions?: Record<string, { uid: string; name: string }>;
    interactiveData?: Record<string, unknown>;
    interactionGoal?: Record<string, unknown>;
    interactions?: Record<string, unknown>[];
    allowSenderInteraction?: boolean;
  }
>;

/** A message (`messageSchema`), with threads, edits, deletes, reactions, pins and saves (FACTS.md 7.5). */
export type MessageWire = Extend<
  Spec['messageSchema'],
  {
    muid?: string;
    parentId?: string;
    replyCount?: number;
    editedAt?: number;
    editedBy?: string;
    deletedAt?: number;
    deletedBy?: string;
    tags?: string[];
    reactions?: ReactionSummaryWire[];
    pinnedAt?: number;
    pinnedBy?: string;
    savedAt?: number;
    threadSubscribed?: boolean;
  }
>;

/** A webhook (`webhookSchema` of the Management API), with docs/cometchat-facts.md 8.2's fields. */
export type WebhookWire = Extend<
  ManagementSpec['webhookSchema'],
  {
    useBasicAuth?: boolean;
    username?: string;
    retryOnFailure?: boolean;
    createdAt?: number;
    updatedAt?: number;
  }
>;

export type WebhookTriggerWire = ManagementSpec['listTriggerSchema'];

/** The pagination of a page list (`meta.pagination`). */
export type PaginationWire = NonNullable<Spec['metaSchema']['pagination']>;

/** `meta.current` of a cursor list (messages, threads, reactions). */
export type CursorCurrentWire = NonNullable<Spec['messageMetaSchema']['current']>;

/** `meta.next` of a cursor list; `meta.previous` (which the 2023 spec lacks) has the same shape. */
export type CursorWire = NonNullable<Spec['messageMetaSchema']['next']>;
