/**
 * The read cache's stores (`GATEWAY_CACHE`): in process (a Map in least-recently-used order,
 * capped in bytes) or in Redis (shared by every replica, so an invalidation made by one replica,
 * for a webhook it received or a write it sent, holds for all). Both keep CometChat's answers
 * with the versions their tags had when they were looked up (`upstream/shared-reads.ts`), and a
 * version per bumped tag for a little longer than the time to live: an entry is served only when
 * every one of its tags still has the version it was stored with.
 *
 * A tag that was never bumped (or whose version expired) has version `0`; an expired version
 * cannot bring back an entry stored before the bump, because such an entry expired first.
 */

import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import type { CacheConfig, Config } from './config.js';
import type { Logger } from './logger.js';
import type { GatewayMetrics } from './metrics.js';
import type { CacheLookup, CacheStore, UpstreamClient } from './upstream/client.js';
import { invalidatedBy } from './webhooks/invalidation.js';
import type { RealtimeEvent } from './webhooks/payloads.js';

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

/** How much longer than an entry a tag's version is kept. */
const VERSION_MARGIN_MS = 60_000;

const NEVER_BUMPED = '0';

function sameVersions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((version, i) => version === b[i]);
}

interface MemoryEntry {
  text: string;
  versions: readonly string[];
  expiresAt: number;
  bytes: number;
}

export interface MemoryStoreOptions {
  ttlMs: number;
  maxBytes: number;
  now?: () => number;
}

/** The in-process store: one replica's own cache. */
export function createMemoryStore(options: MemoryStoreOptions): CacheStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, MemoryEntry>();
  const versions = new Map<string, { version: string; expiresAt: number }>();
  let bytes = 0;
  let counter = 0;
  let bumpsSincePrune = 0;

  const versionOf = (tag: string, at: number): string => {
    const known = versions.get(tag);
    if (!known) return NEVER_BUMPED;
    if (known.expiresAt <= at) {
      versions.delete(tag);
      return NEVER_BUMPED;
    }
    return known.version;
  };
  const remove = (key: string, entry: MemoryEntry) => {
    entries.delete(key);
    bytes -= entry.bytes;
  };

  return {
    kind: 'memory',
    lookup(key, tags) {
      const at = now();
      const current = tags.map((tag) => versionOf(tag, at));
      const entry = entries.get(key);
      if (entry && entry.expiresAt > at && sameVersions(entry.versions, current)) {
        // Most recently used last: eviction takes from the front.
        entries.delete(key);
        entries.set(key, entry);
        return Promise.resolve({ text: entry.text, versions: current });
      }
      if (entry) remove(key, entry);
      return Promise.resolve({ text: null, versions: current });
    },
    store(key, text, lookup: CacheLookup) {
      const size = 2 * (key.length + text.length) + 64 * (lookup.versions.length + 2);
      // One answer never takes more than an eighth of the cache.
      if (size > options.maxBytes / 8) return Promise.resolve();
      const previous = entries.get(key);
      if (previous) remove(key, previous);
      entries.set(key, {
        text,
        versions: lookup.versions,
        expiresAt: now() + options.ttlMs,
        bytes: size,
      });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (bytes <= options.maxBytes) break;
        remove(oldest, entry);
      }
      return Promise.resolve();
    },
    bump(tags) {
      const at = now();
      counter += 1;
      const version = String(counter);
      for (const tag of tags) {
        versions.set(tag, { version, expiresAt: at + options.ttlMs + VERSION_MARGIN_MS });
      }
      bumpsSincePrune += 1;
      if (bumpsSincePrune >= 1000) {
        bumpsSincePrune = 0;
        for (const [tag, known] of versions) if (known.expiresAt <= at) versions.delete(tag);
      }
      return Promise.resolve();
    },
  };
}

export interface RedisStoreOptions {
  client: Redis;
  /** Prefix of every key (one namespace per app). */
  prefix: string;
  ttlMs: number;
}

/**
 * The Redis store: entries under `<prefix>e:<sha256 of the read>` (JSON of versions and text,
 * expiring with the time to live), versions under `<prefix>t:<tag>` (a random id per bump). A
 * lookup is one MGET of the entry and its tags' versions; a bump is one pipeline of SETs.
 */
export function createRedisStore(options: RedisStoreOptions): CacheStore {
  const { client, prefix } = options;
  const entryKey = (key: string) => `${prefix}e:${createHash('sha256').update(key).digest('hex')}`;
  const tagKey = (tag: string) => `${prefix}t:${tag}`;
  return {
    kind: 'redis',
    async lookup(key, tags) {
      const values = await client.mget(entryKey(key), ...tags.map(tagKey));
      const [stored, ...found] = values;
      const current = found.map((value) => value ?? NEVER_BUMPED);
      if (typeof stored === 'string') {
        try {
          const entry = JSON.parse(stored) as { v?: unknown; t?: unknown };
          if (
            typeof entry.t === 'string' &&
            Array.isArray(entry.v) &&
            sameVersions(entry.v as string[], current)
          ) {
            return { text: entry.t, versions: current };
          }
        } catch {
          // An unreadable entry is a miss; storing the fresh answer replaces it.
        }
      }
      return { text: null, versions: current };
    },
    async store(key, text, lookup) {
      await client.set(
        entryKey(key),
        JSON.stringify({ v: lookup.versions, t: text }),
        'PX',
        options.ttlMs,
      );
    },
    async bump(tags) {
      const pipeline = client.pipeline();
      for (const tag of tags) {
        pipeline.set(tagKey(tag), randomUUID(), 'PX', options.ttlMs + VERSION_MARGIN_MS);
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed?.[0]) throw failed[0];
    },
  };
}

/** A configured read cache: its store, and the connection it needs (Redis). */
export interface ReadCache {
  store: CacheStore;
  /** Connects to Redis (nothing in process); rejects when it cannot. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface ReadCacheOptions {
  config: CacheConfig;
  redisUrl: string | null;
  /** Prefix of the Redis keys, e.g. `cometchat-gateway:<appId>:`. */
  namespace: string;
  logger: Logger;
}

/** The read cache `GATEWAY_CACHE` asks for; null when it is off. */
export function createReadCache(options: ReadCacheOptions): ReadCache | null {
  const { config } = options;
  const ttlMs = config.ttlSeconds * 1000;
  if (config.kind === 'off') return null;
  if (config.kind === 'memory') {
    return {
      store: createMemoryStore({ ttlMs, maxBytes: config.memoryMaxBytes }),
      ready: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
  }
  if (options.redisUrl === null) throw new Error('GATEWAY_CACHE=redis needs REDIS_URL');
  const logger = options.logger.child({ component: 'read-cache' });
  const client = newRedis(options.redisUrl, {
    lazyConnect: true,
    connectionName: 'cometchat-gateway-cache',
    // A cache that does not answer quickly is skipped: the read goes to CometChat.
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
  });
  let lastError: unknown = null;
  // Without a listener ioredis reports every failed reconnection as an unhandled error.
  client.on('error', (error: unknown) => {
    lastError = error;
    logger.warn({ err: error }, 'Redis error (read cache)');
  });
  let connecting: Promise<void> | null = null;
  return {
    store: createRedisStore({ client, prefix: `${options.namespace}cache:`, ttlMs }),
    ready() {
      connecting ??= client.connect().then(
        () => undefined,
        (error: unknown) => {
          const reason = lastError instanceof Error ? lastError.message : String(error);
          throw new Error(`Could not connect to Redis for the read cache (REDIS_URL): ${reason}`);
        },
      );
      return connecting;
    },
    async close() {
      if (client.status === 'end' || client.status === 'wait') {
        client.disconnect();
        return;
      }
      await client.quit().then(
        () => undefined,
        () => client.disconnect(),
      );
    },
  };
}

export interface WiredReadCache {
  /** The receiver's hook: what a webhook event touched is stale before CometChat gets its answer. */
  onEvent(event: RealtimeEvent): Promise<void>;
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Sets the configured read cache (or none) on the gateway's client, counts its lookups and the
 * shared reads in the metrics, and gives the webhook receiver its invalidation hook (which also
 * keeps later reads from joining one in flight from before the event, cache or not).
 */
export function wireReadCache(input: {
  config: Config;
  upstream: UpstreamClient;
  metrics: GatewayMetrics;
  logger: Logger;
  appId: string | null;
}): WiredReadCache {
  const { config, upstream, metrics, logger } = input;
  const cache = createReadCache({
    config: config.cache,
    redisUrl: config.redisUrl,
    namespace: `cometchat-gateway:${input.appId ?? 'app'}:`,
    logger,
  });
  upstream.useReadCache(cache?.store ?? null, logger.child({ component: 'read-cache' }));
  const stopCounting = upstream.onSharedRead((event) => metrics.observeSharedRead(event));
  return {
    onEvent: (event) => upstream.invalidate(invalidatedBy(event)),
    ready: () => cache?.ready() ?? Promise.resolve(),
    async close() {
      stopCounting();
      await cache?.close();
    },
  };
}
