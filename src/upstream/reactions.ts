/** CometChat message reactions: list (all or one emoji), add and remove as a user. */
import { call, callAsUser } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type CursorPage, cursorPageOf, dataOf } from './records/common.js';
import {
  type MessageRecord,
  messageSchema,
  type ReactionRecord,
  reactionSchema,
} from './records/messages.js';

const reactionPage = cursorPageOf(reactionSchema);
const messageAnswer = dataOf(messageSchema);

export interface ListReactionsQuery {
  /** Only this emoji (uses `GET /messages/{id}/reactions/{reaction}`). */
  reaction?: string | undefined;
  limit?: number | undefined;
  affix?: 'append' | 'prepend' | undefined;
  /** Exclusive reaction id to page from. */
  id?: string | null | undefined;
}

/** `GET /messages/{id}/reactions[/{reaction}]`: who reacted, as a cursor list. */
export function listReactions(
  client: UpstreamClient,
  messageId: string,
  query: ListReactionsQuery = {},
  opts: CallOptions = {},
): Promise<CursorPage<ReactionRecord>> {
  const { reaction, id, ...rest } = query;
  const cursor = { ...rest, ...(id !== null && id !== undefined ? { id } : {}) };
  if (reaction === undefined) {
    return call(client, 'GET', '/messages/{id}/reactions', reactionPage, {
      params: { id: messageId },
      query: cursor,
      ...opts,
    });
  }
  return call(client, 'GET', '/messages/{id}/reactions/{reaction}', reactionPage, {
    params: { id: messageId, reaction },
    query: cursor,
    ...opts,
  });
}

/**
 * `POST /messages/{id}/reactions/{reaction}` (onBehalfOf required): the emoji is the path segment
 * itself, URL-encoded. Returns the message with its updated reaction counts.
 */
export function addReaction(
  client: UpstreamClient,
  messageId: string,
  reaction: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return callAsUser(client, 'POST', '/messages/{id}/reactions/{reaction}', messageAnswer, {
    params: { id: messageId, reaction },
    ...opts,
  });
}

/** `DELETE /messages/{id}/reactions/{reaction}` (onBehalfOf required): returns the message. */
export function removeReaction(
  client: UpstreamClient,
  messageId: string,
  reaction: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  return callAsUser(client, 'DELETE', '/messages/{id}/reactions/{reaction}', messageAnswer, {
    params: { id: messageId, reaction },
    ...opts,
  });
}
