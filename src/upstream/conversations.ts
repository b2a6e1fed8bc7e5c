/**
 * CometChat conversations: the list, one 1:1 or group conversation seen by a user, its tags,
 * reset, and read/delivered/unread marks. Everything but the list requires `onBehalfOf`: a
 * conversation is always some user's view of it.
 */
import type { CallOptions, HttpMethod, UpstreamClient } from './client.js';
import { requireOnBehalfOf } from './client.js';
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
  return client.request(
    { method: 'GET', path: '/conversations', query: { ...query }, ...opts },
    (raw) => conversationPage.parse(raw),
  );
}

async function conversationCall<T>(
  client: UpstreamClient,
  method: HttpMethod,
  path: string,
  params: Record<string, string>,
  body: unknown,
  opts: CallOptions,
  parse: (raw: unknown) => T,
): Promise<T> {
  requireOnBehalfOf(opts, method, path);
  return client.request({ method, path, params, body, ...opts }, parse);
}

const parseConversation = (raw: unknown) => singleConversationSchema.parse(raw);
const parseAck = (raw: unknown) => ackSchema.parse(raw);

/** CometChat reads `messageId` as an integer; numeric ids are sent as numbers. */
function messageIdBody(messageId: string): { messageId: number | string } {
  return { messageId: /^\d{1,15}$/.test(messageId) ? Number(messageId) : messageId };
}

/** `GET /users/{uid}/conversation`: the 1:1 conversation between `onBehalfOf` and `uid`. */
export function getUserConversation(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return conversationCall(
    client,
    'GET',
    '/users/{uid}/conversation',
    { uid },
    undefined,
    opts,
    parseConversation,
  );
}

/** `GET /groups/{guid}/conversation`: the group conversation as `onBehalfOf` sees it. */
export function getGroupConversation(
  client: UpstreamClient,
  guid: string,
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return conversationCall(
    client,
    'GET',
    '/groups/{guid}/conversation',
    { guid },
    undefined,
    opts,
    parseConversation,
  );
}

/** `PUT /users/{uid}/conversation` `{tags}`: the `onBehalfOf` user's tags on the conversation. */
export function updateUserConversationTags(
  client: UpstreamClient,
  uid: string,
  tags: string[],
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return conversationCall(
    client,
    'PUT',
    '/users/{uid}/conversation',
    { uid },
    { tags },
    opts,
    parseConversation,
  );
}

/** `PUT /groups/{guid}/conversation` `{tags}`. */
export function updateGroupConversationTags(
  client: UpstreamClient,
  guid: string,
  tags: string[],
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return conversationCall(
    client,
    'PUT',
    '/groups/{guid}/conversation',
    { guid },
    { tags },
    opts,
    parseConversation,
  );
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
  return conversationCall(
    client,
    'DELETE',
    '/users/{uid}/conversation',
    { uid },
    {
      conversationWith: uid,
      deleteMessagesPermanently: options.deleteMessagesPermanently ?? false,
    },
    opts,
    parseAck,
  );
}

/** `DELETE /groups/{guid}/conversation`: resets the group conversation for `onBehalfOf`. */
export function resetGroupConversation(
  client: UpstreamClient,
  guid: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return conversationCall(
    client,
    'DELETE',
    '/groups/{guid}/conversation',
    { guid },
    undefined,
    opts,
    parseAck,
  );
}

/** `POST /users/{uid}/conversation/read` `{messageId}`: read up to and including that message. */
export function markUserConversationRead(
  client: UpstreamClient,
  uid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return conversationCall(
    client,
    'POST',
    '/users/{uid}/conversation/read',
    { uid },
    messageIdBody(messageId),
    opts,
    parseAck,
  );
}

/** `POST /users/{uid}/conversation/delivered` `{messageId}`. */
export function markUserConversationDelivered(
  client: UpstreamClient,
  uid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return conversationCall(
    client,
    'POST',
    '/users/{uid}/conversation/delivered',
    { uid },
    messageIdBody(messageId),
    opts,
    parseAck,
  );
}

/** `DELETE /users/{uid}/conversation/read` `{messageId}`: unread from that message on. */
export function markUserConversationUnread(
  client: UpstreamClient,
  uid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return conversationCall(
    client,
    'DELETE',
    '/users/{uid}/conversation/read',
    { uid },
    messageIdBody(messageId),
    opts,
    parseAck,
  );
}

/** `DELETE /groups/{guid}/conversation/read` `{messageId}`: the group conversation unread from that message on. */
export function markGroupConversationUnread(
  client: UpstreamClient,
  guid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return conversationCall(
    client,
    'DELETE',
    '/groups/{guid}/conversation/read',
    { guid },
    messageIdBody(messageId),
    opts,
    parseAck,
  );
}

/** `POST /groups/{guid}/conversation/read` `{messageId}`. */
export function markGroupConversationRead(
  client: UpstreamClient,
  guid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return conversationCall(
    client,
    'POST',
    '/groups/{guid}/conversation/read',
    { guid },
    messageIdBody(messageId),
    opts,
    parseAck,
  );
}

/** `POST /groups/{guid}/conversation/delivered` `{messageId}`. */
export function markGroupConversationDelivered(
  client: UpstreamClient,
  guid: string,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return conversationCall(
    client,
    'POST',
    '/groups/{guid}/conversation/delivered',
    { guid },
    messageIdBody(messageId),
    opts,
    parseAck,
  );
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
  return conversationCall(
    client,
    'GET',
    '/conversations/{conversationId}',
    { conversationId },
    undefined,
    opts,
    parseConversation,
  );
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
  return conversationCall(
    client,
    'DELETE',
    '/conversations/{conversationId}',
    { conversationId },
    undefined,
    opts,
    parseAck,
  );
}
