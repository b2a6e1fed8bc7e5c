/**
 * Webhook configuration on CometChat's Management API (`/apps/{appId}/webhooks...`, `key` and
 * `secret` headers). Without management credentials every function fails with an UpstreamError
 * (kind `unauthorized`, code `MGMT_NOT_CONFIGURED`) and sends nothing.
 */
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import {
  type AckRecord,
  ackSchema,
  type BulkOutcome,
  bulkOf,
  dataOf,
  type Page,
  pageOf,
} from './records/common.js';
import {
  singleWebhookSchema,
  type WebhookRecord,
  type WebhookTriggerRecord,
  webhookSchema,
  webhookTriggerSchema,
} from './records/webhooks.js';

const webhookPage = pageOf(webhookSchema);
const triggerPage = pageOf(webhookTriggerSchema);
const triggersAdded = dataOf(bulkOf());

/** {@link call} on the Management API, where every webhook endpoint lives. */
const manage: typeof call = (client, method, path, answer, req = {}) =>
  call(client, method, path, answer, { api: 'management', ...req });

/** `GET /apps/{appId}/webhooks`. */
export function listWebhooks(
  client: UpstreamClient,
  query: {
    page?: number | undefined;
    perPage?: number | undefined;
    searchKey?: string | undefined;
  } = {},
  opts: CallOptions = {},
): Promise<Page<WebhookRecord>> {
  return manage(client, 'GET', '/apps/{appId}/webhooks', webhookPage, {
    query: { ...query },
    ...opts,
  });
}

/** `GET /apps/{appId}/webhooks/{webhookId}`. */
export function getWebhook(
  client: UpstreamClient,
  id: string,
  opts: CallOptions = {},
): Promise<WebhookRecord> {
  return manage(client, 'GET', '/apps/{appId}/webhooks/{webhookId}', singleWebhookSchema, {
    params: { webhookId: id },
    ...opts,
  });
}

export interface WebhookInput {
  name?: string | undefined;
  /** HTTPS URL that receives the deliveries (sent as `webhookURL`). */
  url?: string | undefined;
  useBasicAuth?: boolean | undefined;
  username?: string | undefined;
  /** Sent, masked in errors and logs, and never read back. */
  password?: string | undefined;
  enabled?: boolean | undefined;
  /** Retry failed deliveries after 10 s and 30 s. */
  retryOnFailure?: boolean | undefined;
}

function webhookBody(input: WebhookInput): Record<string, unknown> {
  const { url, ...rest } = input;
  return { ...rest, ...(url !== undefined ? { webhookURL: url } : {}) };
}

/** `POST /apps/{appId}/webhooks`. */
export function createWebhook(
  client: UpstreamClient,
  input: WebhookInput & { id: string; name: string; url: string },
  opts: CallOptions = {},
): Promise<WebhookRecord> {
  return manage(client, 'POST', '/apps/{appId}/webhooks', singleWebhookSchema, {
    body: webhookBody(input),
    redact: input.password ? [input.password] : [],
    ...opts,
  });
}

/** `PUT /apps/{appId}/webhooks/{webhookId}`. */
export function updateWebhook(
  client: UpstreamClient,
  id: string,
  input: WebhookInput,
  opts: CallOptions = {},
): Promise<WebhookRecord> {
  return manage(client, 'PUT', '/apps/{appId}/webhooks/{webhookId}', singleWebhookSchema, {
    params: { webhookId: id },
    body: webhookBody(input),
    redact: input.password ? [input.password] : [],
    ...opts,
  });
}

/** `DELETE /apps/{appId}/webhooks/{webhookId}`. */
export function deleteWebhook(
  client: UpstreamClient,
  id: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return manage(client, 'DELETE', '/apps/{appId}/webhooks/{webhookId}', ackSchema, {
    params: { webhookId: id },
    ...opts,
  });
}

/** `POST /apps/{appId}/webhooks/{webhookId}/triggers` `{triggerIds}`: per-trigger results. */
export function addTriggers(
  client: UpstreamClient,
  id: string,
  triggerIds: string[],
  opts: CallOptions = {},
): Promise<BulkOutcome<never>> {
  return manage(client, 'POST', '/apps/{appId}/webhooks/{webhookId}/triggers', triggersAdded, {
    params: { webhookId: id },
    body: { triggerIds },
    ...opts,
  });
}

/** `GET /apps/{appId}/webhooks/{webhookId}/triggers`. */
export function listTriggers(
  client: UpstreamClient,
  id: string,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<WebhookTriggerRecord>> {
  return manage(client, 'GET', '/apps/{appId}/webhooks/{webhookId}/triggers', triggerPage, {
    params: { webhookId: id },
    query: { ...query },
    ...opts,
  });
}

/** `DELETE /apps/{appId}/webhooks/{webhookId}/triggers` `{triggerIds}`. */
export function removeTriggers(
  client: UpstreamClient,
  id: string,
  triggerIds: string[],
  opts: CallOptions = {},
): Promise<AckRecord> {
  return manage(client, 'DELETE', '/apps/{appId}/webhooks/{webhookId}/triggers', ackSchema, {
    params: { webhookId: id },
    body: { triggerIds },
    ...opts,
  });
}
