/**
 * The HTTP receiver for CometChat webhook deliveries (`POST /webhooks/cometchat`). CometChat
 * authenticates deliveries with HTTP Basic only, expects a 200 within two seconds, and retries
 * failed deliveries (after 10 s, then 30 s) without an event id, so the receiver checks the
 * credentials in constant time, answers at once, drops retries it has already seen, and hands
 * the event to the pub/sub after answering.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebhookCredentials } from '../config.js';
import type { Logger } from '../logger.js';
import { type GatewayEvent, parseWebhookDelivery, WebhookPayloadError } from './events.js';
import { type GatewayPubSub, publishEvent } from './pubsub.js';

export const WEBHOOK_PATH = '/webhooks/cometchat';

export interface WebhookReceiverOptions {
  /** Null disables the receiver (404). */
  credentials: WebhookCredentials | null;
  pubsub: GatewayPubSub;
  logger: Logger;
  /** How long a delivery's key is remembered to drop its retries. Default 10 minutes. */
  dedupTtlMs?: number;
  /** Keys remembered at most (oldest forgotten first). Default 10,000. */
  dedupMaxEntries?: number;
  /** Largest accepted body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Told the outcome of every delivery (for metrics). */
  onOutcome?: (outcome: DeliveryOutcome, trigger: string | null) => void;
  now?: () => number;
}

export type DeliveryOutcome = 'accepted' | 'duplicate' | 'unauthorized' | 'malformed';

export interface WebhookReceiver {
  handle(request: Request): Promise<Response>;
}

/** Remembers keys for a while; `seen` records a key and says whether it was already there. */
export function createDeduplicator(ttlMs: number, maxEntries: number) {
  const expiries = new Map<string, number>();
  return {
    seen(key: string, now: number): boolean {
      // Map iteration is insertion order, so expired keys sit at the front.
      for (const [oldKey, expiry] of expiries) {
        if (expiry > now && expiries.size < maxEntries) break;
        expiries.delete(oldKey);
      }
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > now) return true;
      expiries.set(key, now + ttlMs);
      return false;
    },
    get size(): number {
      return expiries.size;
    },
  };
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

export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const logger = options.logger.child({ component: 'webhooks' });
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const dedup = createDeduplicator(
    options.dedupTtlMs ?? 10 * 60_000,
    options.dedupMaxEntries ?? 10_000,
  );

  return {
    async handle(request) {
      const credentials = options.credentials;
      if (credentials === null) {
        return json(404, { error: 'The webhook receiver is not configured (WEBHOOK_USERNAME).' });
      }
      if (request.method !== 'POST') {
        return json(405, { error: 'Use POST.' }, { allow: 'POST' });
      }
      if (!credentialsMatch(request.headers.get('authorization'), credentials)) {
        logger.warn('webhook delivery refused: missing or wrong credentials');
        options.onOutcome?.('unauthorized', null);
        return json(
          401,
          { error: 'Missing or wrong HTTP Basic credentials.' },
          { 'www-authenticate': 'Basic realm="cometchat-webhooks"' },
        );
      }
      const declaredLength = Number(request.headers.get('content-length') ?? '0');
      if (declaredLength > maxBodyBytes) return json(413, { error: 'The body is too large.' });
      const raw = await request.text();
      if (Buffer.byteLength(raw) > maxBodyBytes)
        return json(413, { error: 'The body is too large.' });

      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        options.onOutcome?.('malformed', null);
        return json(400, { error: 'The body is not valid JSON.' });
      }
      let event: GatewayEvent;
      try {
        event = parseWebhookDelivery(body, new Date(now()));
      } catch (error) {
        if (error instanceof WebhookPayloadError) {
          options.onOutcome?.('malformed', null);
          return json(400, { error: error.message });
        }
        throw error;
      }
      if (dedup.seen(event.dedupKey, now())) {
        logger.debug(
          { trigger: event.trigger, dedupKey: event.dedupKey },
          'duplicate delivery dropped',
        );
        options.onOutcome?.('duplicate', event.trigger);
        return json(200, { received: true, duplicate: true });
      }
      logger.debug(
        { trigger: event.trigger, webhookId: event.webhookId },
        'webhook event received',
      );
      options.onOutcome?.('accepted', event.trigger);
      // Subscribers run after the answer is on its way: CometChat only waits two seconds.
      setImmediate(() => {
        try {
          publishEvent(options.pubsub, event);
        } catch (error) {
          logger.error({ err: error, trigger: event.trigger }, 'webhook event dispatch failed');
        }
      });
      return json(200, { received: true, duplicate: false });
    },
  };
}
