/**
 * CometChat messages: send (also as a bot and as a thread reply), the cursor lists (all, 1:1,
 * group, thread), get, edit and delete. Lists page with `limit/affix/id/sentAt`; copy a page's
 * `next` or `previous` cursor into the following query.
 */
import { z } from 'zod';
import { call, callAsUser } from './call.js';
import type { CallOptions, QueryValue, UpstreamClient } from './client.js';
import {
  ackSchema,
  type BulkOutcome,
  type CursorPage,
  cursorPageOf,
  dataOf,
  type MessageCursor,
  optionalString,
  parseNested,
} from './records/common.js';
import {
  type EditedMessageRecord,
  editedMessageSchema,
  type MessageRecord,
  messageSchema,
  type ReceiverType,
} from './records/messages.js';

const messageAnswer = dataOf(messageSchema);
const messagePage = cursorPageOf(messageSchema);

export interface AttachmentInput {
  url: string;
  name?: string | undefined;
  mimeType?: string | undefined;
  extension?: string | undefined;
  /** Bytes. */
  size?: number | undefined;
}

export interface MessageContentInput {
  /** `message` (default) or `custom`. */
  category?: 'message' | 'custom' | undefined;
  /** `text`, `image`, `file`, `audio`, `video` for category message; free-form for custom. */
  type: string;
  data: {
    text?: string | undefined;
    metadata?: Record<string, unknown> | undefined;
    attachments?: AttachmentInput[] | undefined;
    /** Custom messages: any JSON. */
    customData?: unknown;
  };
  /** A client-chosen id echoed back, to recognise the message later. */
  muid?: string | undefined;
  tags?: string[] | undefined;
}

export interface SendMessageInput extends MessageContentInput {
  receiver: string;
  receiverType: ReceiverType;
}

function sendBody(input: MessageContentInput): Record<string, unknown> {
  return { ...input, category: input.category ?? 'message' };
}

/** `POST /messages`; with `onBehalfOf` the message is sent as that user. */
export function sendMessage(
  client: UpstreamClient,
  input: SendMessageInput,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return call(client, 'POST', '/messages', messageAnswer, { body: sendBody(input), ...opts });
}

export interface SendToManyInput extends MessageContentInput {
  /** An optional first receiver, added to `multipleReceivers`. */
  receiver?: string | undefined;
  receiverType?: ReceiverType | undefined;
  multipleReceivers: { uids?: string[] | undefined; guids?: string[] | undefined };
}

/** Per-receiver results of a send to several receivers; each success holds its message. */
export interface SendToManyRecord {
  users: BulkOutcome<MessageRecord>;
  groups: BulkOutcome<MessageRecord>;
}

const receiverFailureSchema = z.object({
  error: z.object({ code: optionalString, message: optionalString }),
});

const perReceiver = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((bucket, ctx): BulkOutcome<MessageRecord> => {
    const out: BulkOutcome<MessageRecord> = {};
    for (const [id, value] of Object.entries(bucket ?? {})) {
      const failed = receiverFailureSchema.safeParse(value);
      if (failed.success) {
        out[id] = {
          success: false,
          code: failed.data.error.code,
          message: failed.data.error.message,
        };
        continue;
      }
      const message = parseNested(messageSchema, value, ctx, [id]);
      if (message) out[id] = { success: true, code: null, message: null, data: message };
    }
    return out;
  });
const manyAnswer = dataOf(
  z
    .object({ uids: perReceiver, guids: perReceiver })
    .transform((v): SendToManyRecord => ({ users: v.uids, groups: v.guids })),
);

/**
 * `POST /messages` with `multipleReceivers`: one message per receiver. CometChat answers with a
 * map per receiver kind (`{uids:{<uid>: message | {error}}, guids:{...}}`), not a single message.
 */
export function sendMessageToMany(
  client: UpstreamClient,
  input: SendToManyInput,
  opts: CallOptions = {},
): Promise<SendToManyRecord> {
  return call(client, 'POST', '/messages', manyAnswer, { body: sendBody(input), ...opts });
}

/** The cursor part of every message list query. */
export interface CursorQuery {
  /** 1..1000; always sent explicitly because CometChat's default changed (10 vs 100). */
  limit?: number | undefined;
  /** `append` = newer than the cursor, `prepend` (default) = older. */
  affix?: 'append' | 'prepend' | undefined;
  /** Exclusive message id to page from. */
  id?: string | null | undefined;
  /** Epoch seconds, used when `id` is absent. */
  sentAt?: number | null | undefined;
}

export interface MessageFilters extends CursorQuery {
  searchKey?: string | undefined;
  sender?: string | undefined;
  category?: 'message' | 'custom' | 'action' | 'call' | 'interactive' | undefined;
  categories?: string[] | undefined;
  type?: string | undefined;
  types?: string[] | undefined;
  hasAttachments?: boolean | undefined;
  attachmentTypes?: ('image' | 'video' | 'audio' | 'file')[] | undefined;
  hasMentions?: boolean | undefined;
  mentionedUids?: string[] | undefined;
  hasReactions?: boolean | undefined;
  hasLinks?: boolean | undefined;
  tags?: string[] | undefined;
  withTags?: boolean | undefined;
  hideDeleted?: boolean | undefined;
  onlyDeleted?: boolean | undefined;
  hideReplies?: boolean | undefined;
  /** Only messages unread by the `onBehalfOf` user (CometChat wants `count` with it). */
  unread?: boolean | undefined;
  /** Include counts in the answer's meta. */
  count?: boolean | undefined;
  /** Epoch seconds; `toTimestamp` is ignored without `fromTimestamp`. */
  fromTimestamp?: number | undefined;
  toTimestamp?: number | undefined;
  hideMessagesFromBlockedUsers?: boolean | undefined;
  mentionsWithBlockedInfo?: boolean | undefined;
  mentionsWithTagInfo?: boolean | undefined;
  /** Only messages pinned in their conversation. */
  pinned?: boolean | undefined;
  /** Only messages the `onBehalfOf` user saved. */
  saved?: boolean | undefined;
}

export interface ListMessagesQuery extends MessageFilters {
  receiverType?: ReceiverType | undefined;
  conversationId?: string | undefined;
}

export interface ListUserMessagesQuery extends MessageFilters {
  undelivered?: boolean | undefined;
  myMentionsOnly?: boolean | undefined;
}

export type ListGroupMessagesQuery = MessageFilters & { undelivered?: boolean | undefined };

/** Drops null cursor parts so a page's `next`/`previous` can be spread straight into a query. */
function listQuery(query: object): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    out[key] = value as QueryValue; // the query interfaces above only hold QueryValue-typed fields
  }
  return out;
}

/** Query values to fetch the page a cursor points at (`next` or `previous` of a page). */
export function cursorQuery(cursor: MessageCursor, limit?: number): CursorQuery {
  return {
    affix: cursor.affix,
    ...(cursor.id !== null ? { id: cursor.id } : {}),
    ...(cursor.sentAt !== null ? { sentAt: cursor.sentAt } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** `GET /messages`: all messages of the app, or those visible to `onBehalfOf`. */
export function listMessages(
  client: UpstreamClient,
  query: ListMessagesQuery = {},
  opts: CallOptions = {},
): Promise<CursorPage<MessageRecord>> {
  return call(client, 'GET', '/messages', messagePage, { query: listQuery(query), ...opts });
}

/** `GET /users/{uid}/messages`: the 1:1 conversation between `onBehalfOf` and `uid`. */
export function listUserMessages(
  client: UpstreamClient,
  uid: string,
  query: ListUserMessagesQuery = {},
  opts: CallOptions = {},
): Promise<CursorPage<MessageRecord>> {
  return call(client, 'GET', '/users/{uid}/messages', messagePage, {
    params: { uid },
    query: listQuery(query),
    ...opts,
  });
}

/** `GET /groups/{guid}/messages`. */
export function listGroupMessages(
  client: UpstreamClient,
  guid: string,
  query: ListGroupMessagesQuery = {},
  opts: CallOptions = {},
): Promise<CursorPage<MessageRecord>> {
  return call(client, 'GET', '/groups/{guid}/messages', messagePage, {
    params: { guid },
    query: listQuery(query),
    ...opts,
  });
}

/** `GET /messages/{id}`. */
export function getMessage(
  client: UpstreamClient,
  id: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return call(client, 'GET', '/messages/{id}', messageAnswer, { params: { id }, ...opts });
}

export interface EditMessageInput {
  data?:
    | {
        text?: string | undefined;
        metadata?: Record<string, unknown> | undefined;
        customData?: unknown;
      }
    | undefined;
  tags?: string[] | undefined;
}

/**
 * `PUT /messages/{id}`. CometChat answers with the `edited` action message; the edited message is
 * its `on` entity. Both are returned.
 */
export function editMessage(
  client: UpstreamClient,
  id: string,
  input: EditMessageInput,
  opts: CallOptions = {},
): Promise<EditedMessageRecord> {
  return call(client, 'PUT', '/messages/{id}', editedMessageSchema, {
    params: { id },
    body: { ...input },
    ...opts,
  });
}

export interface DeletedMessageRecord {
  /** The deleted message (with `deletedAt`), when CometChat returns it in full. */
  message: MessageRecord | null;
  /** The `deleted` action message, when CometChat answers with one. */
  action: MessageRecord | null;
}

/**
 * The delete answer is not pinned down by CometChat's docs (the example is a copy of the edit
 * one): an action message, the deleted message itself, or an acknowledgement are all accepted.
 */
const deleteAnswer: z.ZodType<DeletedMessageRecord, unknown> = z.union([
  messageAnswer.transform(
    (m): DeletedMessageRecord =>
      m.category === 'action'
        ? { action: m, message: m.entities.on?.kind === 'message' ? m.entities.on : null }
        : { action: null, message: m },
  ),
  ackSchema.transform((): DeletedMessageRecord => ({ message: null, action: null })),
]);

/** `DELETE /messages/{id}`; soft by default, `permanent` removes it for good. */
export function deleteMessage(
  client: UpstreamClient,
  id: string,
  options: { permanent?: boolean | undefined } = {},
  opts: CallOptions = {},
): Promise<DeletedMessageRecord> {
  return call(client, 'DELETE', '/messages/{id}', deleteAnswer, {
    params: { id },
    body: { permanent: options.permanent ?? false },
    ...opts,
  });
}

export interface ThreadReplyInput extends MessageContentInput {
  /** Defaults to the parent's conversation (the group, or the other user of a 1:1). */
  receiver?: string | undefined;
  receiverType?: ReceiverType | undefined;
}

/** `POST /messages/{id}/thread` (onBehalfOf required): a reply whose `parentId` is `parentId`. */
export function sendThreadReply(
  client: UpstreamClient,
  parentId: string,
  input: ThreadReplyInput,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return callAsUser(client, 'POST', '/messages/{id}/thread', messageAnswer, {
    params: { id: parentId },
    body: sendBody(input),
    ...opts,
  });
}

/** `GET /messages/{id}/thread`: replies to a message, as a cursor list. */
export function listThreadMessages(
  client: UpstreamClient,
  parentId: string,
  query: MessageFilters = {},
  opts: CallOptions = {},
): Promise<CursorPage<MessageRecord>> {
  return call(client, 'GET', '/messages/{id}/thread', messagePage, {
    params: { id: parentId },
    query: listQuery(query),
    ...opts,
  });
}

/** `POST /bots/{uid}/messages`: sends as the bot user `botUid`. */
export function sendBotMessage(
  client: UpstreamClient,
  botUid: string,
  input: SendMessageInput,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return call(client, 'POST', '/bots/{uid}/messages', messageAnswer, {
    params: { uid: botUid },
    body: sendBody(input),
    ...opts,
  });
}
