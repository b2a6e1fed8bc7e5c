/**
 * CometChat's newer per-message and per-conversation marks: pin and unpin a message (for its whole
 * conversation; as the app or as a user), save and unsave a message (private to one user), and pin
 * or unpin a conversation in one user's list. Each answers with the record it changed.
 */
import { call, callAsUser } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { dataOf } from './records/common.js';
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
