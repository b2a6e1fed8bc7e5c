/**
 * Remembers which deliveries were already published, so CometChat's redeliveries (after 10 s and
 * 30 s; it sends no event id) become one event. `claim` is atomic: of any number of concurrent
 * claims of one key exactly one wins. Keys are held 24 hours by default.
 *
 * In process, keys live in a Map in arrival order (which is also expiry order, every key having
 * the same time to live), so expired keys are dropped from the front as new ones arrive. Memory is
 * bounded by bytes, not by a count: only when the accounted size passes `maxBytes` (64 MiB by
 * default, about 700,000 keys, a day of 8 deliveries a second) are the oldest keys forgotten
 * before their time. With Redis, each key is one `SET NX EX` entry that Redis expires.
 */
import type { Redis } from 'ioredis';

export interface DedupStore {
  /** Records `key`; true when this call is the first to do so within the time to live. */
  claim(key: string): Promise<boolean>;
  /** Forgets `key` (a claimed delivery that could not be published, so its retry may be). */
  release(key: string): Promise<void>;
}

export const DEDUP_TTL_MS = 24 * 60 * 60 * 1000;

/** What one remembered key costs in process, measured with the 22-character keys the receiver makes. */
export const DEDUP_ENTRY_BYTES = 96;

export interface MemoryDedupOptions {
  ttlMs?: number;
  maxBytes?: number;
  now?: () => number;
}

export interface MemoryDedupStore extends DedupStore {
  /** Keys held now. */
  readonly size: number;
  /** Accounted bytes held now. */
  readonly bytes: number;
  /** Keys forgotten before their time because memory was over `maxBytes`. */
  readonly evicted: number;
}

export function createMemoryDedupStore(options: MemoryDedupOptions = {}): MemoryDedupStore {
  const ttlMs = options.ttlMs ?? DEDUP_TTL_MS;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // Expiry times are kept relative to the store's start, in whole milliseconds: small integers.
  const origin = now();
  const expiries = new Map<string, number>();
  let bytes = 0;
  let evicted = 0;
  const cost = (key: string) => DEDUP_ENTRY_BYTES + Math.max(0, key.length - 22) * 2;

  function drop(key: string): void {
    expiries.delete(key);
    bytes -= cost(key);
  }

  function sweep(at: number): void {
    for (const [key, expiry] of expiries) {
      if (expiry > at) break;
      drop(key);
    }
    for (const key of expiries.keys()) {
      if (bytes <= maxBytes) break;
      drop(key);
      evicted++;
    }
  }

  function claimNow(key: string): boolean {
    const at = now() - origin;
    sweep(at);
    const expiry = expiries.get(key);
    if (expiry !== undefined && expiry > at) return false;
    // A re-claimed expired key moves to the back, keeping the map in expiry order.
    if (expiry !== undefined) drop(key);
    expiries.set(key, at + ttlMs);
    bytes += cost(key);
    sweep(at);
    return true;
  }

  return {
    claim: (key) => Promise.resolve(claimNow(key)),
    release(key) {
      if (expiries.has(key)) drop(key);
      return Promise.resolve();
    },
    get size() {
      return expiries.size;
    },
    get bytes() {
      return bytes;
    },
    get evicted() {
      return evicted;
    },
  };
}

/** Keys are `SET <prefix><key> 1 NX EX <seconds>`: Redis decides the winner and expires the key. */
export function createRedisDedupStore(
  redis: Redis,
  prefix: string,
  ttlMs: number = DEDUP_TTL_MS,
): DedupStore {
  return {
    async claim(key) {
      const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
      const answer = await redis.set(`${prefix}${key}`, '1', 'EX', seconds, 'NX');
      return answer === 'OK';
    },
    async release(key) {
      await redis.del(`${prefix}${key}`);
    },
  };
}
