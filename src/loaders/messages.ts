import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import { getMessage } from '../upstream/messages.js';
import type { MessageRecord } from '../upstream/records.js';
import { fanOut } from './fan-out.js';
import { isMessageId } from './keys.js';

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
  return fanOut(ids, (id) => getMessage(client, id, options), {
    accepts: isMessageId,
    missing: ['not_found', 'forbidden'],
  });
}
