/**
 * `GET /threads`: the threads of the `onBehalfOf` user (CometChat's "thread inbox"), as a cursor
 * list of their parent messages. See docs/cometchat-newer-endpoints.md for what is documented and
 * what is assumed about it.
 */
import { callAsUser } from './call.js';
import type { CallOptions, QueryValue, UpstreamClient } from './client.js';
import { type CursorPage, cursorPageOf } from './records/common.js';
import { type MessageRecord, messageSchema } from './records/messages.js';

const threadPage = cursorPageOf(messageSchema);

export interface ListThreadsQuery {
  /** Only threads the user takes part in (started, replied in, subscribed to); default true. */
  participatedByMe?: boolean | undefined;
  /** 1..1000; CometChat's SDKs default to 30. */
  limit?: number | undefined;
  affix?: 'append' | 'prepend' | undefined;
  /** Exclusive parent message id to page from. */
  id?: string | null | undefined;
}

/** `GET /threads` (onBehalfOf required): a page of thread parents rendered for that user. */
export function listThreads(
  client: UpstreamClient,
  query: ListThreadsQuery = {},
  opts: CallOptions = {},
): Promise<CursorPage<MessageRecord>> {
  const q: Record<string, QueryValue> = {
    participatedByMe: query.participatedByMe ?? true,
    limit: query.limit,
    affix: query.affix,
  };
  if (query.id !== null && query.id !== undefined) q.id = query.id;
  return callAsUser(client, 'GET', '/threads', threadPage, { query: q, ...opts });
}
