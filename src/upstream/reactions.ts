/** CometChat message reactions: list (all or one emoji), add and remove as a user. */
import type { CallOptions, UpstreamClient } from './client.js';
import { requireOnBehalfOf } from './client.js';
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
  return client.request(
    reaction === undefined
      ? {
          method: 'GET',
          path: '/messages/{id}/reactions',
          params: { id: messageId },
          query: cursor,
          ...opts,
        }
      : {
          method: 'GET',
          path: '/messages/{id}/reactions/{reaction}',
          params: { id: messageId, reaction },
          query: cursor,
          ...opts,
        },
    (raw) => reactionPage.parse(raw),
  );
}

/**
 * `POST /messages/{id}/reactions/{reaction}` (onBehalfOf required): the emoji is the path segment
 * itself, URL-encoded. Returns the message with its updated reaction counts.
 */
export async function addReaction(
  client: UpstreamClient,
  messageId: string,
  reaction: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  const path = '/messages/{id}/reactions/{reaction}';
  requireOnBehalfOf(opts, 'POST', path);
  return client.request(
    { method: 'POST', path, params: { id: messageId, reaction }, ...opts },
    (raw) => messageAnswer.parse(raw),
  );
}

/** `DELETE /messages/{id}/reactions/{reaction}` (onBehalfOf required): returns the message. */
export async function removeReaction(
  client: UpstreamClient,
  messageId: string,
  reaction: string,
  opts: CallOptions = {},
): Promise<MessageRecord> {
  const path = '/messages/{id}/reactions/{reaction}';
  requireOnBehalfOf(opts, 'DELETE', path);
  return client.request(
    { method: 'DELETE', path, params: { id: messageId, reaction }, ...opts },
    (raw) => messageAnswer.parse(raw),
  );
}
