/** Webhook configuration (Management API) as validated records; the Basic-auth password is dropped. */
import { z } from 'zod';
import type { WebhookTriggerWire, WebhookWire } from '../wire-extra.js';
import { optionalBoolean, optionalEpoch, optionalString, parseNested } from './common.js';
import { wireShape } from './wire-check.js';

export interface WebhookRecord {
  id: string;
  name: string;
  url: string;
  useBasicAuth: boolean;
  username: string | null;
  enabled: boolean;
  retryOnFailure: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface WebhookTriggerRecord {
  id: string;
  description: string | null;
}

/** `password` is deliberately not read: it must never leave this layer. */
export const webhookSchema: z.ZodType<WebhookRecord, unknown> = z
  .object(
    wireShape<WebhookWire>()({
      id: z.string().min(1),
      name: z.string(),
      webhookURL: z.string(),
      useBasicAuth: optionalBoolean,
      username: optionalString,
      // CometChat's list example omits `enabled`; webhooks are enabled unless they say otherwise.
      enabled: optionalBoolean,
      retryOnFailure: optionalBoolean,
      createdAt: optionalEpoch,
      updatedAt: optionalEpoch,
    }),
  )
  .transform(
    (w): WebhookRecord => ({
      id: w.id,
      name: w.name,
      url: w.webhookURL,
      useBasicAuth: w.useBasicAuth ?? false,
      username: w.username,
      enabled: w.enabled ?? true,
      retryOnFailure: w.retryOnFailure ?? false,
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
    }),
  );

/**
 * A single webhook. The management spec's examples show `{data:{...}}`, `[{data:{...}}]` and
 * `{data:[{data:{...}}]}`; all three are unwrapped.
 */
export const singleWebhookSchema: z.ZodType<WebhookRecord, unknown> = z
  .unknown()
  .transform((raw, ctx): WebhookRecord => {
    let value: unknown = raw;
    const path: (string | number)[] = [];
    for (let depth = 0; depth < 4; depth++) {
      if (Array.isArray(value) && value.length === 1) {
        value = value[0];
        path.push(0);
      } else if (value !== null && typeof value === 'object' && 'data' in value) {
        value = (value as { data: unknown }).data; // `in` checked on the line above
        path.push('data');
      } else break;
    }
    return parseNested(webhookSchema, value, ctx, path) ?? z.NEVER;
  });

export const webhookTriggerSchema: z.ZodType<WebhookTriggerRecord, unknown> = z.object(
  wireShape<WebhookTriggerWire>()({ id: z.string().min(1), description: optionalString }),
);
