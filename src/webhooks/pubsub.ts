/**
 * The event bus between the webhook receiver and GraphQL subscriptions, with the de-duplication
 * store beside it. In process by default; with `REDIS_URL`, deliveries go through Redis pub/sub
 * (`@graphql-yoga/redis-event-target` on the subscribing side) and de-duplication through Redis
 * keys, so any replica may take a delivery and every replica's subscribers get it once.
 *
 * Each delivery is published on a few channels: its trigger's, and the trigger's narrowed to its
 * conversation, group, message or call session where it has one. A subscription listens on the
 * narrowest channel its filter allows, so a targeted event wakes only the subscribers it concerns.
 */

import { setMaxListeners } from 'node:events';
import { createRequire } from 'node:module';
import type * as RedisEventTargetModule from '@graphql-yoga/redis-event-target';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import {
  createMemoryDedupStore,
  createRedisDedupStore,
  type DedupStore,
  type MemoryDedupOptions,
} from './dedup.js';
import type { Delivery } from './events.js';
import type { EventScope } from './payloads.js';

const require = createRequire(import.meta.url);

/**
 * `new Redis(url, options)`, ioredis loaded on first use: a gateway without Redis does not carry
 * its modules (about 9 MiB of idle RSS, docs/bench.md). It ships CommonJS, so `require` keeps
 * this synchronous.
 */
function newRedis(url: string, options: RedisOptions): Redis {
  const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
  return new RedisClient(url, options);
}

/** `createRedisEventTarget`, loaded on first use like ioredis (CommonJS as well). */
function loadRedisEventTarget(): typeof RedisEventTargetModule.createRedisEventTarget {
  const module = require('@graphql-yoga/redis-event-target') as typeof RedisEventTargetModule;
  return module.createRedisEventTarget;
}

/** Events a subscriber may fall behind by before the oldest it has not taken yet are dropped. */
export const SUBSCRIBER_BUFFER = 1000;

/** What narrows a channel beyond its trigger. */
export type ChannelScope =
  | { conversationId: string }
  | { guid: string }
  | { messageId: string }
  | { sessionId: string };

/** The name of a trigger's channel, or of its narrowing to one conversation, group, message or session. */
export function channelName(trigger: string, scope?: ChannelScope): string {
  if (scope === undefined) return trigger;
  if ('conversationId' in scope) return `${trigger}/c/${scope.conversationId}`;
  if ('guid' in scope) return `${trigger}/g/${scope.guid}`;
  if ('messageId' in scope) return `${trigger}/m/${scope.messageId}`;
  return `${trigger}/s/${scope.sessionId}`;
}

/** Every channel a delivery with this trigger and scope is published on. */
export function channelsOf(trigger: string, scope: EventScope): string[] {
  const channels = [channelName(trigger)];
  if (scope.conversationId !== null)
    channels.push(channelName(trigger, { conversationId: scope.conversationId }));
  if (scope.guid !== null) channels.push(channelName(trigger, { guid: scope.guid }));
  if (scope.messageId !== null) channels.push(channelName(trigger, { messageId: scope.messageId }));
  if (scope.sessionId !== null) channels.push(channelName(trigger, { sessionId: scope.sessionId }));
  return channels;
}

export interface EventBus {
  readonly kind: 'memory' | 'redis';
  readonly dedup: DedupStore;
  /** Subscriptions open on this process's bus (one per subscription field, plus the feed's own). */
  readonly active: number;
  /**
   * Publishes `delivery` on `channels`. In process, subscribers get it after the current turn
   * (the receiver answers first); with Redis, this resolves once Redis took every PUBLISH and
   * rejects when it did not.
   */
  publish(delivery: Delivery, channels: readonly string[]): Promise<void>;
  /**
   * The deliveries published on any of `channels` from now on, until the iterator is returned
   * (or the bus closes); `onEnd` is told once when it ends.
   */
  subscribe(channels: readonly string[], onEnd?: () => void): AsyncIterableIterator<Delivery>;
  /** Connects to Redis (no-op in process). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The part of an EventTarget the bus uses; events carry the delivery as `detail`. */
interface ListenerTarget {
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

function isDelivery(value: unknown): value is Delivery {
  return (
    typeof value === 'object' &&
    value !== null &&
    'trigger' in value &&
    'data' in value &&
    'key' in value &&
    'receivedAt' in value
  );
}

/**
 * One subscriber's deliveries, in arrival order: pushed by the bus, pulled by the subscription.
 * A plain queue (no executor, no timers) keeps an idle subscriber cheap; one that falls more than
 * SUBSCRIBER_BUFFER deliveries behind loses the oldest.
 */
class DeliveryQueue implements AsyncIterableIterator<Delivery> {
  private buffer: Delivery[] | null = null;
  /** Pending pulls: one at a time in practice (a subscription pulls its next event when done). */
  private waiting: ((result: IteratorResult<Delivery>) => void)[] | null = null;
  private ended = false;

  constructor(private readonly onEnd: (queue: DeliveryQueue) => void) {}

  push(delivery: Delivery): void {
    if (this.ended) return;
    const waiter = this.waiting?.shift();
    if (waiter) {
      waiter({ value: delivery, done: false });
      return;
    }
    this.buffer ??= [];
    this.buffer.push(delivery);
    if (this.buffer.length > SUBSCRIBER_BUFFER) this.buffer.shift();
  }

  next(): Promise<IteratorResult<Delivery>> {
    const buffered = this.buffer?.shift();
    if (buffered !== undefined) return Promise.resolve({ value: buffered, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      if (this.waiting === null) this.waiting = [resolve];
      else this.waiting.push(resolve);
    });
  }

  return(): Promise<IteratorResult<Delivery>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Stops listening and finishes every pending `next`. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.buffer = null;
    this.onEnd(this);
    for (const waiter of this.waiting ?? []) waiter({ value: undefined, done: true });
    this.waiting = null;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Delivery> {
    return this;
  }
}

/** The open subscriptions of a bus, so closing it ends them (and the streams reading them). */
class Subscriptions {
  private readonly queues = new Set<DeliveryQueue>();
  private closed = false;

  open(
    target: ListenerTarget,
    channels: readonly string[],
    onEnd?: () => void,
  ): AsyncIterableIterator<Delivery> {
    const listener = (event: Event) => {
      const detail = 'detail' in event ? event.detail : undefined;
      if (isDelivery(detail)) queue.push(detail);
    };
    const queue = new DeliveryQueue((ended) => {
      this.queues.delete(ended);
      for (const channel of channels) target.removeEventListener(channel, listener);
      onEnd?.();
    });
    if (this.closed) {
      queue.end();
      return queue;
    }
    this.queues.add(queue);
    for (const channel of channels) target.addEventListener(channel, listener);
    return queue;
  }

  get active(): number {
    return this.queues.size;
  }

  closeAll(): void {
    this.closed = true;
    for (const queue of [...this.queues]) queue.end();
  }
}

export interface EventBusOptions {
  logger: Logger;
  /** `redis://` or `rediss://`; null keeps everything in process. */
  redisUrl: string | null;
  /** Prefix of every Redis channel and key (one namespace per app). */
  namespace: string;
  /** In-process de-duplication settings (time to live, memory cap). */
  dedup?: MemoryDedupOptions;
}

export function createEventBus(options: EventBusOptions): EventBus {
  return options.redisUrl === null
    ? createMemoryBus(options)
    : createRedisBus({ ...options, redisUrl: options.redisUrl });
}

function createMemoryBus(options: EventBusOptions): EventBus {
  const target = new EventTarget();
  // Many subscribers on one channel are expected, not a leak.
  setMaxListeners(0, target);
  const subscriptions = new Subscriptions();
  let closed = false;
  return {
    kind: 'memory',
    dedup: createMemoryDedupStore(options.dedup),
    get active() {
      return subscriptions.active;
    },
    publish(delivery, channels) {
      setImmediate(() => {
        if (closed) return;
        for (const channel of channels) {
          target.dispatchEvent(new CustomEvent(channel, { detail: delivery }));
        }
      });
      return Promise.resolve();
    },
    subscribe: (channels, onEnd) => subscriptions.open(target, channels, onEnd),
    ready: () => Promise.resolve(),
    close() {
      closed = true;
      subscriptions.closeAll();
      return Promise.resolve();
    },
  };
}

/**
 * The subscribing client as the event target uses it (`on`, `subscribe`, `unsubscribe`), with the
 * promises it leaves unawaited caught: a failed SUBSCRIBE during a Redis outage is logged, and
 * ioredis subscribes again on reconnect.
 */
function guardedSubscriber(client: Redis, logger: Logger): Redis {
  const guarded = {
    on: (event: string, listener: (...args: unknown[]) => void) => {
      client.on(event, listener);
      return guarded;
    },
    subscribe: (channel: string) =>
      client.subscribe(channel).catch((error: unknown) => {
        logger.warn({ err: error }, 'Redis SUBSCRIBE failed');
        return 0;
      }),
    unsubscribe: (channel: string) =>
      client.unsubscribe(channel).catch((error: unknown) => {
        logger.debug({ err: error }, 'Redis UNSUBSCRIBE failed');
        return 0;
      }),
  };
  // The event target calls only these three methods of its subscribe client.
  return guarded as unknown as Redis;
}

function createRedisBus(options: EventBusOptions & { redisUrl: string }): EventBus {
  const logger = options.logger.child({ component: 'redis' });
  const clientOptions = {
    lazyConnect: true,
    connectionName: 'cometchat-gateway',
    // Fail a command after a few reconnection attempts instead of queueing it forever.
    maxRetriesPerRequest: 3,
  };
  const publisher = newRedis(options.redisUrl, clientOptions);
  const subscriber = newRedis(options.redisUrl, clientOptions);
  let lastError: unknown = null;
  for (const [name, client] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // Without a listener ioredis reports every failed reconnection as an unhandled error.
    client.on('error', (error: unknown) => {
      lastError = error;
      logger.warn({ err: error, client: name }, 'Redis error');
    });
  }
  const prefix = options.namespace;
  const createRedisEventTarget = loadRedisEventTarget();
  const eventTarget = createRedisEventTarget<CustomEvent>({
    publishClient: publisher,
    subscribeClient: guardedSubscriber(subscriber, logger),
  });
  const target: ListenerTarget = {
    addEventListener: (type, listener) =>
      eventTarget.addEventListener(`${prefix}${type}`, listener),
    removeEventListener: (type, listener) =>
      eventTarget.removeEventListener(`${prefix}${type}`, listener),
  };
  const subscriptions = new Subscriptions();
  let connecting: Promise<void> | null = null;
  return {
    kind: 'redis',
    dedup: createRedisDedupStore(publisher, `${prefix}dedup:`),
    get active() {
      return subscriptions.active;
    },
    async publish(delivery, channels) {
      const payload = JSON.stringify(delivery);
      const pipeline = publisher.pipeline();
      for (const channel of channels) pipeline.publish(`${prefix}${channel}`, payload);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed?.[0]) throw failed[0];
    },
    subscribe: (channels, onEnd) => subscriptions.open(target, channels, onEnd),
    ready() {
      // Both clients connect before the first SUBSCRIBE: a ready check on a client already in
      // subscriber mode fails ("only subscriber commands may be used").
      connecting ??= Promise.all([publisher.connect(), subscriber.connect()]).then(
        () => undefined,
        (error: unknown) => {
          const reason = lastError instanceof Error ? lastError.message : String(error);
          throw new Error(`Could not connect to Redis (REDIS_URL): ${reason}`);
        },
      );
      return connecting;
    },
    async close() {
      subscriptions.closeAll();
      await Promise.all(
        [publisher, subscriber].map((client) =>
          client.status === 'end' || client.status === 'wait'
            ? Promise.resolve(client.disconnect())
            : client.quit().then(
                () => undefined,
                () => client.disconnect(),
              ),
        ),
      );
    },
  };
}
