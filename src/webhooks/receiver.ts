/**
 * The HTTP receiver for CometChat webhook deliveries (`POST /webhooks/cometchat`). CometChat
 * authenticates deliveries with HTTP Basic only, expects a 200 within two seconds, and retries
 * failed deliveries (after 10 s, then 30 s) without an event id. So the receiver, in order:
 *
 * 1. checks the credentials in constant time (401, nothing read or published);
 * 2. takes `application/json` only (415);
 * 3. reads the body up to `maxBodyBytes`, counting while it streams: a body that declares or
 *    reaches more is cut off there (413, and the connection is closed);
 * 4. parses the JSON and the `{trigger, data, appId, region, webhook}` envelope (400 with the reason);
 * 5. refuses another app's deliveries when the app id is known (403, never published);
 * 6. acknowledges triggers it does not publish (200 `ignored`, logged);
 * 7. validates the trigger's documented payload (400 with the reason);
 * 8. claims the delivery's key in the de-duplication store (for events whose payload can repeat
 *    exactly, its place in its subject's sequence: see `dedup.ts`); a redelivery gets 200
 *    `duplicate`;
 * 9. publishes the delivery and answers 200. In process the subscribers run after the answer;
 *    with Redis the answer waits for Redis to take it, and a failure there answers 503 (and
 *    forgets the claim) so CometChat's retry can succeed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebhookCredentials } from '../config.js';
import type { Logger } from '../logger.js';
import {
  type Delivery,
  deliveryKey,
  parseEnvelope,
  subjectKey,
  WebhookPayloadError,
} from './events.js';
import { eventOf, parsePayload, type RealtimeEvent, rememberEvent } from './payloads.js';
import { channelsOf, type EventBus } from './pubsub.js';

export const WEBHOOK_PATH = '/webhooks/cometchat';

/** The largest delivery body accepted by default (CometChat's payloads are a few KiB). */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

export type DeliveryOutcome =
  | 'accepted'
  | 'duplicate'
  | 'ignored'
  | 'unauthorized'
  | 'unsupported_media_type'
  | 'too_large'
  | 'malformed'
  | 'wrong_app'
  | 'unavailable';

export interface WebhookReceiverOptions {
  /** Null disables the receiver (404). */
  credentials: WebhookCredentials | null;
  /** The app whose deliveries are accepted; null accepts any app id (it is not known). */
  appId: string | null;
  bus: EventBus;
  logger: Logger;
  /** Largest accepted body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Told the outcome of every delivery (for metrics). */
  onOutcome?: (outcome: DeliveryOutcome, trigger: string | null) => void;
  /**
   * Told every new event before it is published and before CometChat gets its answer (the read
   * cache's invalidation); it must not reject.
   */
  onEvent?: (event: RealtimeEvent) => Promise<void>;
  now?: () => number;
}

export interface WebhookReceiver {
  handle(request: Request): Promise<Response>;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function credentialsMatch(authorization: string | null, expected: WebhookCredentials): boolean {
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const separator = decoded.indexOf(':');
  const username = separator >= 0 ? decoded.slice(0, separator) : '';
  const password = separator >= 0 ? decoded.slice(separator + 1) : '';
  // Both parts are always compared, as fixed-length digests, so timing reveals nothing.
  const userOk = timingSafeEqual(digest(username), digest(expected.username));
  const passwordOk = timingSafeEqual(digest(password), digest(expected.password));
  return match !== null && userOk && passwordOk;
}

function isJson(contentType: string | null): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

type BodyRead = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'invalid' };

/** Reads the body, stopping (and cancelling the stream) as soon as it passes `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<BodyRead> {
  if (request.body === null) return { kind: 'ok', text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too-large' };
      }
      chunks.push(value);
    }
  } catch {
    return { kind: 'invalid' };
  }
  try {
    return {
      kind: 'ok',
      text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)),
    };
  } catch {
    return { kind: 'invalid' };
  }
}

export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const logger = options.logger.child({ component: 'webhooks' });
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  const { bus } = options;
  const outcome = (kind: DeliveryOutcome, trigger: string | null) =>
    options.onOutcome?.(kind, trigger);
  // Closing the connection stops a client that keeps streaming past the limit.
  const tooLarge = () =>
    json(413, { error: `The body is larger than ${maxBodyBytes} bytes.` }, { connection: 'close' });

  async function handle(request: Request): Promise<Response> {
    const credentials = options.credentials;
    if (credentials === null) {
      return json(404, { error: 'The webhook receiver is not configured (WEBHOOK_USERNAME).' });
    }
    if (request.method !== 'POST') {
      return json(405, { error: 'Use POST.' }, { allow: 'POST' });
    }
    if (!credentialsMatch(request.headers.get('authorization'), credentials)) {
      logger.warn('webhook delivery refused: missing or wrong credentials');
      outcome('unauthorized', null);
      return json(
        401,
        { error: 'Missing or wrong HTTP Basic credentials.' },
        { 'www-authenticate': 'Basic realm="cometchat-webhooks"' },
      );
    }
    if (!isJson(request.headers.get('content-type'))) {
      outcome('unsupported_media_type', null);
      return json(
        415,
        { error: 'Send the delivery as application/json.' },
        { accept: 'application/json' },
      );
    }
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      outcome('too_large', null);
      return tooLarge();
    }
    const read = await readLimited(request, maxBodyBytes);
    if (read.kind === 'too-large') {
      outcome('too_large', null);
      return tooLarge();
    }
    if (read.kind === 'invalid') {
      outcome('malformed', null);
      return json(400, { error: 'The body could not be read as UTF-8 text.' });
    }

    let body: unknown;
    try {
      body = JSON.parse(read.text);
    } catch {
      outcome('malformed', null);
      return json(400, { error: 'The body is not valid JSON.' });
    }
    let delivery: Delivery;
    let channels: string[];
    let subject: string | null = null;
    try {
      const envelope = parseEnvelope(body);
      if (options.appId !== null && envelope.appId !== options.appId) {
        logger.warn({ trigger: envelope.trigger }, 'webhook delivery refused: another app id');
        outcome('wrong_app', envelope.trigger);
        return json(403, { error: 'This delivery is for another CometChat app.' });
      }
      const parsed = parsePayload(envelope);
      if (parsed === null) {
        logger.info(
          { trigger: envelope.trigger },
          'webhook delivery ignored: trigger not published',
        );
        outcome('ignored', envelope.trigger);
        return json(200, { received: true, ignored: true });
      }
      delivery = { ...envelope, receivedAt: now(), key: deliveryKey(envelope, parsed.natural) };
      if (parsed.subject !== undefined) subject = subjectKey(envelope, parsed.subject);
      rememberEvent(delivery, parsed);
      channels = channelsOf(envelope.trigger, parsed.scope);
    } catch (error) {
      if (error instanceof WebhookPayloadError) {
        outcome('malformed', null);
        return json(400, { error: error.message });
      }
      throw error;
    }

    // Even a delivery taken for a duplicate invalidates: a different change that happens to get
    // the same key (same ids, same second) must not leave stale answers behind.
    const event = options.onEvent ? eventOf(delivery) : null;
    if (event) await options.onEvent?.(event);
    // What was claimed, to forget if publishing fails; null for a redelivery.
    let claimed: string | null;
    try {
      claimed =
        subject === null
          ? (await bus.dedup.claim(delivery.key))
            ? delivery.key
            : null
          : await bus.dedup.claimNext(subject, delivery.key);
    } catch (error) {
      logger.error({ err: error, trigger: delivery.trigger }, 'webhook de-duplication unavailable');
      outcome('unavailable', delivery.trigger);
      return json(503, { error: 'The delivery could not be recorded; retry later.' });
    }
    if (claimed === null) {
      logger.debug({ trigger: delivery.trigger, key: delivery.key }, 'duplicate delivery dropped');
      outcome('duplicate', delivery.trigger);
      return json(200, { received: true, duplicate: true });
    }
    try {
      await bus.publish(delivery, channels);
    } catch (error) {
      logger.error(
        { err: error, trigger: delivery.trigger },
        'webhook event could not be published',
      );
      await (subject === null
        ? bus.dedup.release(claimed)
        : bus.dedup.releaseNext(subject, claimed)
      ).catch(() => undefined);
      outcome('unavailable', delivery.trigger);
      return json(503, { error: 'The delivery could not be published; retry later.' });
    }
    logger.debug(
      { trigger: delivery.trigger, webhookId: delivery.webhook },
      'webhook event published',
    );
    outcome('accepted', delivery.trigger);
    return json(200, { received: true, duplicate: false });
  }

  return {
    async handle(request) {
      try {
        return await handle(request);
      } catch (error) {
        logger.error({ err: error }, 'webhook delivery failed unexpectedly');
        return json(500, { error: 'Unexpected error.' });
      }
    },
  };
}
