/**
 * What the message mutations (and the reaction and conversation ones) share: message ids given
 * either way, the edge a changed message gets in its list, and the loaders it primes.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../../builder.js';
import { isMessageId, type View } from '../../../loaders/index.js';
import type { MessageRecord } from '../../../upstream/records.js';
import { kind } from '../../input.js';
import { MESSAGE_TYPE_NAMES, type MessageTypeName } from '../../message/common.js';
import { messageListKey, repliesKey } from '../../message/list.js';
import { cursorListEdge, type Edge } from '../../pagination.js';

/**
 * The `MessageEdge` type MessageConnection registers. Its ref is not exported, so this ref is
 * bound to the type by name: a payload's edge is then the very type a client's connection uses.
 */
export const MessageEdgeRef = builder.objectRef<Edge<MessageRecord>>('MessageEdge');
builder.configStore.associateParamWithRef(MessageEdgeRef, 'MessageEdge');

/** The CometChat id inside a message's global ID, or the value itself when it is not one. */
function rawMessageId(value: string): string {
  if (/^\d+$/.test(value)) return value;
  try {
    const { typename, id } = decodeGlobalID(value);
    if (MESSAGE_TYPE_NAMES.includes(typename as MessageTypeName)) return id; // checked by includes
  } catch {
    // Not a global ID: the check below rejects it.
  }
  return value;
}

/** Characters of a message id as an input names it (a global ID is longer than a CometChat id). */
const MAX_MESSAGE_ID = 200;

/** A message named by its CometChat id (`cometchatId`) or its global ID; yields the CometChat id. */
export const messageIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_MESSAGE_ID, `must be at most ${MAX_MESSAGE_ID} characters`)
  .transform(rawMessageId)
  .refine(isMessageId, {
    message: "must be a message's CometChat id (`cometchatId`, e.g. `42`) or its global ID",
  });

/** A message input field: the message's CometChat id or its global ID, checked as above. */
export const messageId = kind('String', messageIdSchema, `1 to ${MAX_MESSAGE_ID} characters.`);

/** The edge of `message` in its conversation's message lists (any of them, whoever reads it). */
export function conversationEdge(message: MessageRecord): Edge<MessageRecord> {
  // The key of every list over the message's conversation, so the cursor pages on in each of them.
  return cursorListEdge(message, {
    key: messageListKey({ conversationId: message.conversationId }),
    idOf: (item) => item.id,
  });
}

/** The edge of a thread reply in its parent's `replies` list. */
export function replyEdge(parentId: string, reply: MessageRecord): Edge<MessageRecord> {
  return cursorListEdge(reply, { key: repliesKey(parentId), idOf: (item) => item.id });
}

/** Makes the acting view serve `message` as its write just returned it (rendered for that view). */
export function remember(view: View, message: MessageRecord): void {
  view.prime.message(message);
}
