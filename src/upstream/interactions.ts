/**
 * `PATCH /messages/{id}/interacted`: marks elements of an interactive message (a form's submit
 * button, a card's action) as interacted by the `onBehalfOf` user.
 */
import { callAsUser } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import { type AckRecord, ackSchema } from './records/common.js';

/**
 * `PATCH /messages/{id}/interacted` `{interactions: [elementId]}` (onBehalfOf required). Answers
 * with an acknowledgement ("The message id 7 has been marked as interacted for the user …").
 */
export function markInteracted(
  client: UpstreamClient,
  messageId: string,
  elementIds: readonly string[],
  opts: CallOptions = {},
): Promise<AckRecord> {
  return callAsUser(client, 'PATCH', '/messages/{id}/interacted', ackSchema, {
    params: { id: messageId },
    body: { interactions: [...elementIds] },
    ...opts,
  });
}
