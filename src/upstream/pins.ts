/**
 * CometChat's newer per-message and per-conversation marks: pin and unpin a message (for its whole
 * conversation; as the app or as a user), save and unsave a message (private to one user), and pin
 * or unpin a conversation in one user's list. Each answers with the record it changed.
 */

import { z } from 'zod';
import { call, callAsUser } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type AckRecord, ackSchema, dataOf } from './records/common.js';
import { type ConversationRecord, singleConversationSchema } from './records/conversations.js';
import { type MessageRecord, messageSchema } from './records/messages.js';

const messageAnswer = dataOf(messageSchema);

/**
 * `POST /messages/{id}/pin` (onBehalfOf optional: without it the app pins, `pinnedBy:
 * "app_system"`): the message with `pinnedAt`/`pinnedBy`.
 */
export function pinMessage(
  client: UpstreamClient,
  messageId: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return call(client, 'POST', '/messages/{id}/pin', messageAnswer, {
    params: { id: messageId },
    ...opts,
  });
}

/** `DELETE /messages/{id}/pin` (onBehalfOf optional): the message without its pin. */
export function unpinMessage(
  client: UpstreamClient,
  messageId: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return call(client, 'DELETE', '/messages/{id}/pin', messageAnswer, {
    params: { id: messageId },
    ...opts,
  });
}

/** `POST /messages/{id}/save` (onBehalfOf required): the message with that user's `savedAt`. */
export function saveMessage(
  client: UpstreamClient,
  messageId: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return callAsUser(client, 'POST', '/messages/{id}/save', messageAnswer, {
    params: { id: messageId },
    ...opts,
  });
}

/** `DELETE /messages/{id}/save` (onBehalfOf required): the message without that user's save. */
export function unsaveMessage(
  client: UpstreamClient,
  messageId: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return callAsUser(client, 'DELETE', '/messages/{id}/save', messageAnswer, {
    params: { id: messageId },
    ...opts,
  });
}

/** The other side of a conversation whose pin changes: a user (1:1) or a group. */
export type ConversationPartner = { type: 'user'; uid: string } | { type: 'group'; guid: string };

function conversationPin(
  client: UpstreamClient,
  method: 'POST' | 'DELETE',
  partner: ConversationPartner,
  opts: CallOptions,
): Promise<ConversationRecord> {
  return partner.type === 'user'
    ? callAsUser(client, method, '/users/{uid}/conversation/pin', singleConversationSchema, {
        params: { uid: partner.uid },
        ...opts,
      })
    : callAsUser(client, method, '/groups/{guid}/conversation/pin', singleConversationSchema, {
        params: { guid: partner.guid },
        ...opts,
      });
}

/**
 * `POST /users/{uid}/conversation/pin` or `/groups/{guid}/conversation/pin` (onBehalfOf
 * required): pins the conversation in that user's list; the conversation with `pinnedAt`.
 */
export function pinConversation(
  client: UpstreamClient,
  partner: ConversationPartner,
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return conversationPin(client, 'POST', partner, opts);
}

/** `DELETE …/conversation/pin` (onBehalfOf required): the conversation without the pin. */
export function unpinConversation(
  client: UpstreamClient,
  partner: ConversationPartner,
  opts: CallOptions = {},
): Promise<ConversationRecord> {
  return conversationPin(client, 'DELETE', partner, opts);
}

/**
 * `POST /messages/{id}/thread/subscription` (onBehalfOf required): that user follows the thread
 * of the message (idempotent). Answers with an acknowledgement.
 */
export function subscribeThread(
  client: UpstreamClient,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return callAsUser(client, 'POST', '/messages/{id}/thread/subscription', ackSchema, {
    params: { id: messageId },
    ...opts,
  });
}

/** `DELETE /messages/{id}/thread/subscription` (onBehalfOf required): stops following it. */
export function unsubscribeThread(
  client: UpstreamClient,
  messageId: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return callAsUser(client, 'DELETE', '/messages/{id}/thread/subscription', ackSchema, {
    params: { id: messageId },
    ...opts,
  });
}

/** The flag answer: `{data:{message}}` (SDK docs show `{message}`); an acknowledgement is accepted too. */
const flagAnswer = z.union([
  ackSchema.transform((ack) => ack.message),
  z.object({ data: z.object({ message: z.string() }) }).transform((v) => v.data.message),
  z.object({ message: z.string() }).transform((v) => v.message),
]);

export interface FlagInput {
  /** One of the app's moderation reasons (`GET /moderation/reasons`). */
  reasonId: string;
  remark?: string | undefined;
}

/**
 * `POST /messages/{id}/flagged` `{reasonId, remark}` (onBehalfOf required): that user reports
 * the message for moderation. Answers with CometChat's confirmation text.
 */
export function flagMessage(
  client: UpstreamClient,
  messageId: string,
  input: FlagInput,
  opts: CallOptions = {},
): Promise<string> {
  const body = { reasonId: input.reasonId, ...(input.remark ? { remark: input.remark } : {}) };
  return callAsUser(client, 'POST', '/messages/{id}/flagged', flagAnswer, {
    params: { id: messageId },
    body,
    ...opts,
  });
}
