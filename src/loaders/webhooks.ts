import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import type { WebhookRecord } from '../upstream/records.js';
import { getWebhook, listTriggers } from '../upstream/webhooks.js';
import { fanOut } from './fan-out.js';

/**
 * CometChat documents about 55 trigger ids, so one page of 100 normally holds every trigger of a
 * webhook; further pages are still followed, up to this many, in case the catalogue grows.
 */
export const TRIGGERS_PER_PAGE = 100;
const MAX_TRIGGER_PAGES = 20;

/**
 * Loads webhooks by id, in key order: a missing webhook is `null`, any other failure an `Error`
 * in its slot. The Management API has no get-by-ids call, so a batch becomes parallel single
 * `GET /apps/{appId}/webhooks/{id}` calls under a concurrency cap.
 */
export async function loadWebhooks(
  client: UpstreamClient,
  ids: readonly string[],
  options: CallOptions = {},
): Promise<(WebhookRecord | null | Error)[]> {
  return fanOut(ids, (id) => getWebhook(client, id, options));
}

/**
 * Loads the trigger ids of webhooks, in key order: `null` for a webhook that does not exist, an
 * `Error` in its slot for other failures. Triggers are listed per webhook (one call each, normally
 * one page), under the same concurrency cap.
 */
export async function loadWebhookTriggers(
  client: UpstreamClient,
  ids: readonly string[],
  options: CallOptions = {},
): Promise<(string[] | null | Error)[]> {
  return fanOut(ids, async (id) => {
    const triggers: string[] = [];
    for (let page = 1; page <= MAX_TRIGGER_PAGES; page++) {
      const result = await listTriggers(client, id, { page, perPage: TRIGGERS_PER_PAGE }, options);
      for (const trigger of result.items) triggers.push(trigger.id);
      const { currentPage, totalPages } = result.pagination;
      if (result.items.length < TRIGGERS_PER_PAGE || currentPage >= totalPages) break;
    }
    return triggers;
  });
}
