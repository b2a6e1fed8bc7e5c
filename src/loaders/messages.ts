import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { isUpstreamError } from '../upstream/errors.js';
import { getMessage } from '../upstream/messages.js';
import type { MessageRecord } from '../upstream/records.js';

/** Parallel single GETs per batch are capped so one query cannot flood the upstream. */
export const MESSAGE_FETCH_CONCURRENCY = 8;

/** CometChat message ids are decimal numbers (sent as strings); anything else names no message. */
const MESSAGE_ID = /^\d{1,20}$/;

/** Whether `id` can be a CometChat message id at all. */
export function isMessageId(id: string): boolean {
  return MESSAGE_ID.test(id);
}

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

/**
 * The request's message loader. `onLoad` sees every message fetched, so the records CometChat
 * embeds in it (sender, receiver, action targets) can prime the other loaders.
 */
export function createMessageLoader(
  client: UpstreamClient,
  options: CallOptions,
  onLoad: (message: MessageRecord) => void,
): DataLoader<string, MessageRecord | null> {
  return new DataLoader(
    async (ids) => {
      const results = await loadMessages(client, ids, options);
      for (const result of results) {
        if (result !== null && !(result instanceof Error)) onLoad(result);
      }
      return results;
    },
    { maxBatchSize: 100 },
  );
}
