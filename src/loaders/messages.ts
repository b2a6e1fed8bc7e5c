import pLimit from 'p-limit';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { isUpstreamError } from '../upstream/errors.js';
import { getMessage } from '../upstream/messages.js';
import type { MessageRecord } from '../upstream/records.js';
import { isMessageId } from './keys.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const MESSAGE_FETCH_CONCURRENCY = 8;

/**
 * Loads messages by id, in key order. A message that does not exist, or that the `onBehalfOf`
 * user may not see (`ERR_MESSAGE_NO_ACCESS`), is `null`: to that caller it does not exist. Other
 * failures are an `Error` in their slot. CometChat has no get-by-ids endpoint (`GET /messages`
 * filters by conversation, sender and content, not by id), so a batch becomes parallel single
 * `GET /messages/{id}` calls under a concurrency cap.
 */
export async function loadMessages(
  client: UpstreamClient,
  ids: readonly string[],
  options: CallOptions = {},
): Promise<(MessageRecord | null | Error)[]> {
  const limit = pLimit(MESSAGE_FETCH_CONCURRENCY);
  return Promise.all(
    ids.map((id) => {
      if (!isMessageId(id)) return null;
      return limit(async () => {
        try {
          return await getMessage(client, id, options);
        } catch (error) {
          if (
            isUpstreamError(error) &&
            (error.kind === 'not_found' || error.kind === 'forbidden')
          ) {
            return null;
          }
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    }),
  );
}
