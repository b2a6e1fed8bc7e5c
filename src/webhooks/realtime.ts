/**
 * The realtime side of one gateway, assembled: the event bus (in process, or Redis with
 * `REDIS_URL`), the de-duplication store beside it, the webhook receiver that publishes on it and
 * the feed subscriptions read from it.
 */
import type { WebhookCredentials } from '../config.js';
import type { Logger } from '../logger.js';
import { createEventFeed, type EventFeed } from './feed.js';
import type { RealtimeEvent } from './payloads.js';
import { createEventBus, type EventBus } from './pubsub.js';
import { createWebhookReceiver, type DeliveryOutcome, type WebhookReceiver } from './receiver.js';

export interface RealtimeOptions {
  logger: Logger;
  redisUrl: string | null;
  /** The receiver's credentials; null turns it off. */
  credentials: WebhookCredentials | null;
  /** The CometChat app whose deliveries are accepted; null when not known (any is accepted). */
  appId: string | null;
  /** The in-process de-duplication store's memory cap. */
  dedupMaxBytes?: number;
  /** How long delivery keys are held (default 24 h). */
  dedupTtlMs?: number;
  onOutcome?: (outcome: DeliveryOutcome, trigger: string | null) => void;
  /** Told the number of open subscriptions whenever it changes. */
  onSubscriptions?: (open: number) => void;
  /** Told every new event before it is published (see the receiver's `onEvent`). */
  onEvent?: (event: RealtimeEvent) => Promise<void>;
}

export interface Realtime {
  bus: EventBus;
  feed: EventFeed;
  receiver: WebhookReceiver;
  /** Connects to Redis when configured; rejects when it cannot. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createRealtime(options: RealtimeOptions): Realtime {
  const bus = createEventBus({
    logger: options.logger,
    redisUrl: options.redisUrl,
    namespace: `cometchat-gateway:${options.appId ?? 'app'}:`,
    dedup: {
      ...(options.dedupMaxBytes !== undefined ? { maxBytes: options.dedupMaxBytes } : {}),
      ...(options.dedupTtlMs !== undefined ? { ttlMs: options.dedupTtlMs } : {}),
    },
  });
  const feed = createEventFeed(bus, options.logger, options.onSubscriptions);
  // In process there is nothing to connect to: membership events are followed from the start.
  if (bus.kind === 'memory') feed.start();
  const receiver = createWebhookReceiver({
    credentials: options.credentials,
    appId: options.appId,
    bus,
    logger: options.logger,
    ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  let closing: Promise<void> | null = null;
  return {
    bus,
    feed,
    receiver,
    async ready() {
      await bus.ready();
      feed.start();
    },
    close() {
      closing ??= (async () => {
        await feed.close();
        await bus.close();
      })();
      return closing;
    },
  };
}
