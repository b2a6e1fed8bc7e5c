/**
 * Hand-written wire facts that the pinned 2023 spec (`wire.ts`, generated) lacks: endpoints CometChat
 * added later (reactions, mark-unread) and newer body fields, with where they are documented.
 * The contract test accepts a request only if it is in the pinned spec or listed here.
 */
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

/** Newer message fields the 2023 `messageSchema` lacks (threads, edits, deletes, reactions). */
export interface MessageExtraWire {
  muid?: string;
  parentId?: string;
  replyCount?: number;
  editedAt?: number;
  editedBy?: string;
  deletedAt?: number;
  deletedBy?: string;
  tags?: string[];
  data?: {
    reactions?: ReactionSummaryWire[];
    mentions?: Record<string, { uid: string; name: string }>;
  };
}
