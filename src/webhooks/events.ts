/**
 * A CometChat webhook delivery as the receiver accepts it and the event bus carries it. The
 * envelope is `{trigger, data, appId, region, webhook}` (docs/cometchat-facts.md 8.4); `data` travels as delivered
 * (JSON, so it crosses Redis unchanged) and each subscriber's process turns it into a typed event
 * once (`payloads.ts`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** One accepted delivery: the envelope plus when it arrived and its de-duplication key. */
export interface Delivery {
  trigger: string;
  appId: string;
  region: string;
  /** The id of the webhook (CometChat-side configuration) that delivered it. */
  webhook: string;
  /** The delivery's `data`, as CometChat sent it. */
  data: Record<string, unknown>;
  /** When the receiver took it, epoch milliseconds. */
  receivedAt: number;
  /** Identical for a delivery and its redeliveries (see `deliveryKey`). */
  key: string;
}

export class WebhookPayloadError extends Error {
  override readonly name = 'WebhookPayloadError';
}

const envelopeSchema = z.object({
  trigger: z.string().regex(/^[a-z_]{1,100}$/, 'must be a trigger name'),
  data: z.record(z.string(), z.unknown()),
  appId: z.string().min(1).max(200),
  region: z.string().max(20),
  webhook: z.string().max(200),
});

export type Envelope = z.infer<typeof envelopeSchema>;

/** `path message` of the first zod issue, for a 400 answer. */
export function firstIssue(error: z.ZodError, prefix: string[] = []): string {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? []).map(String)];
  return `${path.length > 0 ? path.join('.') : 'body'}: ${issue?.message ?? 'is invalid'}`;
}

/**
 * Checks that `body` (decoded JSON) is a webhook envelope.
 * @throws WebhookPayloadError naming the first field that is wrong.
 */
export function parseEnvelope(body: unknown): Envelope {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) {
    throw new WebhookPayloadError(
      `Not a CometChat webhook delivery (${firstIssue(parsed.error)}); expected {trigger, data, appId, region, webhook}.`,
    );
  }
  return parsed.data;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>) // checked just above: a non-array object
    : null;
}

/** JSON with sorted keys, so equal payloads hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = record(value);
  if (object) {
    return `{${Object.keys(object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The de-duplication key of a delivery: a fixed-size digest of the app, the trigger and what names
 * the event. `natural` is an id plus a timestamp where the payload has them (a message's id and
 * `updatedAt`, a reaction's id and `reactedAt`, a receipt's message, reader and time); otherwise the
 * whole payload names it (CometChat sends no event id), compared with its keys sorted.
 */
export function deliveryKey(envelope: Envelope, natural: string | null): string {
  const name = natural ?? `#${canonicalJson(envelope.data)}`;
  return createHash('sha256')
    .update(`${envelope.appId}\n${envelope.trigger}\n${name}`)
    .digest()
    .toString('base64url', 0, 16);
}

/** A fixed-size name for what an event changes (see `Parsed.subject`), within its app. */
export function subjectKey(envelope: Envelope, subject: string): string {
  return createHash('sha256')
    .update(`${envelope.appId}\n${subject}`)
    .digest()
    .toString('base64url', 0, 16);
}
