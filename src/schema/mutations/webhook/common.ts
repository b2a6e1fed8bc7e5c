/**
 * What the webhook configuration mutations share. They change CometChat's Management API, admin
 * only. A gateway without management credentials answers FORBIDDEN before validating anything,
 * exactly as the webhook queries do: there is nothing in the input a caller could change to make
 * the call possible.
 */
import type { GatewayContext } from '../../../context.js';
import type { WebhookRecord } from '../../../upstream/records.js';
import { NotFoundFailure, ValidationFailure } from '../../errors.js';
import type { DeclaredInput } from '../../input.js';
import type { MutationOptions } from '../../mutation-support.js';
import { assertManagement } from '../../webhook.js';

/** The end of every webhook mutation's description. */
export const ACCESS_NOTE =
  'Admin only. Changes CometChat\'s Management API: a gateway started without management credentials answers FORBIDDEN ("Webhook management is not configured") before looking at the input.';

/** The checked input of a webhook mutation, once the gateway is known to manage webhooks. */
export function webhookInput<Out>(
  context: GatewayContext,
  declared: DeclaredInput<Out>,
  input: unknown,
): Out {
  assertManagement(context);
  return declared.parse(input);
}

/** The refusals of a mutation that names an existing webhook. */
export const TARGETED_ERRORS = [ValidationFailure, NotFoundFailure];

/** Where CometChat's field names land in the input. */
export const FIELD_MAP: Record<string, string[]> = {
  id: ['webhookId'],
  webhookURL: ['url'],
  useBasicAuth: ['basicAuth'],
  username: ['basicAuth', 'username'],
  password: ['basicAuth', 'password'],
  triggerIds: ['triggers'],
};

/** Refusals of a call about one webhook point at `webhookId`. */
export const TARGET: MutationOptions = { fieldMap: FIELD_MAP, targetPath: ['webhookId'] };

/** The webhook as it is after a change that CometChat answered without it. */
export async function reloadWebhook(
  context: GatewayContext,
  webhookId: string,
): Promise<WebhookRecord> {
  const record = await context.view(null).loaders.webhooks.load(webhookId);
  if (!record) {
    throw new NotFoundFailure(
      `The webhook ${webhookId} does not exist any more.`,
      ['input', 'webhookId'],
      null,
    );
  }
  return record;
}
