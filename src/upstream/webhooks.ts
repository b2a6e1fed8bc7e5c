/**
 * Webhook configuration on CometChat's Management API (`/apps/{appId}/webhooks...`, `key` and
 * `secret` headers). Without management credentials every function fails with an UpstreamError
 * (kind `unauthorized`, code `MGMT_NOT_CONFIGURED`) and sends nothing.
 */
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
  return client.request(
    {
      method: 'GET',
      path: '/apps/{appId}/webhooks',
      query: { ...query },
      api: 'management',
      ...opts,
    },
    (raw) => webhookPage.parse(raw),
  );
}

/** `GET /apps/{appId}/webhooks/{webhookId}`. */
export function getWebhook(
  client: UpstreamClient,
  id: string,
  opts: CallOptions = {},
): Promise<WebhookRecord> {
  return client.request(
    {
      method: 'GET',
      path: '/apps/{appId}/webhooks/{webhookId}',
      params: { webhookId: id },
      api: 'management',
      ...opts,
    },
    (raw) => singleWebhookSchema.parse(raw),
  );
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
  return client.request(
    {
      method: 'POST',
      path: '/apps/{appId}/webhooks',
      body: webhookBody(input),
      api: 'management',
      redact: input.password ? [input.password] : [],
      ...opts,
    },
    (raw) => singleWebhookSchema.parse(raw),
  );
}

/** `PUT /apps/{appId}/webhooks/{webhookId}`. */
export function updateWebhook(
  client: UpstreamClient,
  id: string,
  input: WebhookInput,
  opts: CallOptions = {},
): Promise<WebhookRecord> {
  return client.request(
    {
      method: 'PUT',
      path: '/apps/{appId}/webhooks/{webhookId}',
      params: { webhookId: id },
      body: webhookBody(input),
      api: 'management',
      redact: input.password ? [input.password] : [],
      ...opts,
    },
    (raw) => singleWebhookSchema.parse(raw),
  );
}

/** `DELETE /apps/{appId}/webhooks/{webhookId}`. */
export function deleteWebhook(
  client: UpstreamClient,
  id: string,
  opts: CallOptions = {},
): Promise<AckRecord> {
  return client.request(
    {
      method: 'DELETE',
      path: '/apps/{appId}/webhooks/{webhookId}',
      params: { webhookId: id },
      api: 'management',
      ...opts,
    },
    (raw) => ackSchema.parse(raw),
  );
}

/** `POST /apps/{appId}/webhooks/{webhookId}/triggers` `{triggerIds}`: per-trigger results. */
export function addTriggers(
  client: UpstreamClient,
  id: string,
  triggerIds: string[],
  opts: CallOptions = {},
): Promise<BulkOutcome<never>> {
  return client.request(
    {
      method: 'POST',
      path: '/apps/{appId}/webhooks/{webhookId}/triggers',
      params: { webhookId: id },
      body: { triggerIds },
      api: 'management',
      ...opts,
    },
    (raw) => triggersAdded.parse(raw),
  );
}

/** `GET /apps/{appId}/webhooks/{webhookId}/triggers`. */
export function listTriggers(
  client: UpstreamClient,
  id: string,
  query: { page?: number | undefined; perPage?: number | undefined } = {},
  opts: CallOptions = {},
): Promise<Page<WebhookTriggerRecord>> {
  return client.request(
    {
      method: 'GET',
      path: '/apps/{appId}/webhooks/{webhookId}/triggers',
      params: { webhookId: id },
      query: { ...query },
      api: 'management',
      ...opts,
    },
    (raw) => triggerPage.parse(raw),
  );
}

/** `DELETE /apps/{appId}/webhooks/{webhookId}/triggers` `{triggerIds}`. */
export function removeTriggers(
  client: UpstreamClient,
  id: string,
  triggerIds: string[],
  opts: CallOptions = {},
): Promise<AckRecord> {
  return client.request(
    {
      method: 'DELETE',
      path: '/apps/{appId}/webhooks/{webhookId}/triggers',
      params: { webhookId: id },
      body: { triggerIds },
      api: 'management',
      ...opts,
    },
    (raw) => ackSchema.parse(raw),
  );
}
