/**
 * CometChat conversations: the list, one 1:1 or group conversation seen by a user, its tags,
 * reset, and read/delivered/unread marks. Everything but the list requires `onBehalfOf`: a
 * conversation is always some user's view of it.
 */
import { call, callAsUser } from './call.js';
import type { CallOptions, HttpMethod, UpstreamClient } from './client.js';
import { type AckRecord, ackSchema, type Page, pageOf } from './records/common.js';
import {
  type ConversationRecord,
  conversationSchema,
  singleConversationSchema,
} from './records/conversations.js';

const conversationPage = pageOf(conversationSchema);

export interface ListConversationsQuery {
  page?: number | undefined;
  /** Default 100, max 1000. */
  perPage?: number | undefined;
  /** User or group name. */
  searchKey?: string | undefined;
  conversationType?: 'user' | 'group' | undefined;
  withTags?: boolean | undefined;
  tags?: string[] | undefined;
  withUserAndGroupTags?: boolean | undefined;
  userTags?: string[] | undefined;
  groupTags?: string[] | undefined;
  unread?: boolean | undefined;
  /** Only pinned conversations: `me` (the onBehalfOf user's pins), `system` (app-wide pins). */
  pinnedBy?: ('me' | 'system')[] | undefined;
}

/**
 * `GET /conversations`. With `onBehalfOf`: that user's conversations, newest first. Without it:
 * conversations across all users of the app.
 */
export function listConversations(
  client: UpstreamClient,
  query: ListConversationsQuery = {},
  opts: CallOptions = {},
): Promise<Page<ConversationRecord>> {
  return call(client, 'GET', '/conversations', conversationPage, { query: { ...query }, ...opts });
}

/**
 * A read, delivered or unread mark: CometChat reads `messageId` as an integer, so numeric ids are
 * sent as numbers; every mark answers with an acknowledgement.
 */
function mark(
  client: UpstreamClient,
  method: HttpMethod,
  path: string,
  params: Record<string, string>,
  messageId: string,
  opts: CallOptions,
): Promise<AckRecord> {
  const id = /^\d{1,15}$/.test(messageId) ? Number(messageId) : messageId;
  return callAsUser(client, method, path, ackSchema, { params, body: { messageId: id }, ...opts });
}

/** `GET /users/{uid}/conversation`: the 1:1 conversation between `onBehalfOf` and `uid`. */
export function getUserConversation(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return callAsUser(client, 'GET', '/users/{uid}/conversation', singleConversationSchema, {
    params: { uid },
    ...opts,
  });
}

/** `GET /groups/{guid}/conversation`: the group conversation as `onBehalfOf` sees it. */
export function getGroupConversation(
  client: UpstreamClient,
  guid: string,
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return callAsUser(client, 'GET', '/groups/{guid}/conversation', singleConversationSchema, {
    params: { guid },
    ...opts,
  });
}

/** `PUT /users/{uid}/conversation` `{tags}`: the `onBehalfOf` user's tags on the conversation. */
export function updateUserConversationTags(
  client: UpstreamClient,
  uid: string,
  tags: string[],
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return callAsUser(client, 'PUT', '/users/{uid}/conversation', singleConversationSchema, {
    params: { uid },
    body: { tags },
    ...opts,
  });
}

/** `PUT /groups/{guid}/conversation` `{tags}`. */
export function updateGroupConversationTags(
  client: UpstreamClient,
  guid: string,
  tags: string[],
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return callAsUser(client, 'PUT', '/groups/{guid}/conversation', singleConversationSchema, {
    params: { guid },
    body: { tags },
    ...opts,
  });
}

/**
 * `DELETE /users/{uid}/conversation`: resets (hides) the conversation for `onBehalfOf`;
 * `deleteMessagesPermanently` removes its messages for good.
 */
export function resetUserConversation(
  client: UpstreamClient,
  uid: string,
  options: { deleteMessagesPermanently?: boolean | undefined } = {},
  opts: CallOptions = {},
): Promise<AckRecord> {
  const deleteMessagesPermanently = options.deleteMessagesPermanently ?? false;
  return callAsUser(client, 'DELETE', '/users/{uid}/conversation', ackSchema, {
    params: { uid },
    body: { conversationWith: uid, deleteMessagesPermanently },
    ...opts,
  });
}

/** `DELETE /groups/{guid}/conversation`: resets the group conversation for `onBehalfOf`. */
export function resetGroupConversation(
  client: UpstreamClient,
  guid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return callAsUser(client, 'DELETE', '/groups/{guid}/conversation', ackSchema, {
    params: { guid },
    ...opts,
  });
}

/** `POST /users/{uid}/conversation/read` `{messageId}`: read up to and including that message. */
export function markUserConversationRead(
  client: UpstreamClient,
  uid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return mark(client, 'POST', '/users/{uid}/conversation/read', { uid }, messageId, opts);
}

/** `POST /users/{uid}/conversation/delivered` `{messageId}`. */
export function markUserConversationDelivered(
  client: UpstreamClient,
  uid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return mark(client, 'POST', '/users/{uid}/conversation/delivered', { uid }, messageId, opts);
}

/** `DELETE /users/{uid}/conversation/read` `{messageId}`: unread from that message on. */
export function markUserConversationUnread(
  client: UpstreamClient,
  uid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return mark(client, 'DELETE', '/users/{uid}/conversation/read', { uid }, messageId, opts);
}

/** `DELETE /groups/{guid}/conversation/read` `{messageId}`: the group conversation unread from that message on. */
export function markGroupConversationUnread(
  client: UpstreamClient,
  guid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return mark(client, 'DELETE', '/groups/{guid}/conversation/read', { guid }, messageId, opts);
}

/** `POST /groups/{guid}/conversation/read` `{messageId}`. */
export function markGroupConversationRead(
  client: UpstreamClient,
  guid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return mark(client, 'POST', '/groups/{guid}/conversation/read', { guid }, messageId, opts);
}

/** `POST /groups/{guid}/conversation/delivered` `{messageId}`. */
export function markGroupConversationDelivered(
  client: UpstreamClient,
  guid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return mark(client, 'POST', '/groups/{guid}/conversation/delivered', { guid }, messageId, opts);
}

/**
 * `GET /conversations/{conversationId}` (onBehalfOf required).
 * @deprecated CometChat deprecated it; use {@link getUserConversation} or {@link getGroupConversation}.
 */
export function getConversation(
  client: UpstreamClient,
  conversationId: string,
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return callAsUser(client, 'GET', '/conversations/{conversationId}', singleConversationSchema, {
    params: { conversationId },
    ...opts,
  });
}

/**
 * `DELETE /conversations/{conversationId}` (onBehalfOf required).
 * @deprecated CometChat deprecated it; use {@link resetUserConversation} or {@link resetGroupConversation}.
 */
export function deleteConversation(
  client: UpstreamClient,
  conversationId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return callAsUser(client, 'DELETE', '/conversations/{conversationId}', ackSchema, {
    params: { conversationId },
    ...opts,
  });
}
