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
 *
 * Some events carry nothing that tells a second occurrence from a redelivery of the first:
 * `user_blocked` is `{users, by}`, a member's `group_member_joined` is `{members, group}`, so
 * "block, unblock, block again" or "join, leave, join again" repeat a payload exactly. Those
 * events name a *subject* (the pair, the member of the group), and `claimNext` keys each one by
 * its place in that subject's sequence: the delivery key chained to the last event accepted for
 * the subject. A redelivery of the subject's latest event is a duplicate; the same payload after
 * a different event about the subject is a new event. (A redelivery that arrives only after a
 * later event about the same subject was accepted is taken for a new one: CometChat redelivers
 * only deliveries that were not answered with a 2xx, so that takes a lost answer followed by a
 * change to the same subject within the retry window.)
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface DedupStore {
  /** Records `key`; true when this call is the first to do so within the time to live. */
  claim(key: string): Promise<boolean>;
  /** Forgets `key` (a claimed delivery that could not be published, so its retry may be). */
  release(key: string): Promise<void>;
  /**
   * Claims `key` as the next event about `subject` (see above). Returns what was claimed, to pass
   * to `releaseNext`, or null when the delivery is a redelivery. Atomic like `claim`.
   */
  claimNext(subject: string, key: string): Promise<string | null>;
  /** Undoes a `claimNext` whose delivery could not be published. */
  releaseNext(subject: string, claimed: string): Promise<void>;
}

/**
 * The key of the event that follows `previous` (a claimed chain key, or `^subject` for a subject's
 * first event) in a subject's sequence.
 */
function chained(key: string, previous: string): string {
  return createHash('sha256').update(`${key}>${previous}`).digest().toString('base64url', 0, 16);
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
    sweepLatest(at);
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

  /** Per subject: the latest accepted delivery key, its chain key, and the entry it replaced. */
  interface Latest {
    key: string;
    chain: string;
    expiry: number;
    previous: Latest | null;
  }
  const latest = new Map<string, Latest>();
  const latestCost = (subject: string) => DEDUP_ENTRY_BYTES * 2 + subject.length * 2;

  function current(subject: string, at: number): Latest | null {
    const entry = latest.get(subject);
    if (entry === undefined) return null;
    if (entry.expiry > at) return entry;
    latest.delete(subject);
    bytes -= latestCost(subject);
    return null;
  }

  function setLatest(subject: string, entry: Latest | null): void {
    if (latest.delete(subject)) bytes -= latestCost(subject);
    if (entry === null) return;
    // Re-inserted at the back: the map stays in expiry order, like `expiries`.
    latest.set(subject, entry);
    bytes += latestCost(subject);
  }

  function sweepLatest(at: number): void {
    for (const [subject, entry] of latest) {
      if (entry.expiry > at && bytes <= maxBytes) break;
      latest.delete(subject);
      bytes -= latestCost(subject);
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

  function claimNextNow(subject: string, key: string): string | null {
    const at = now() - origin;
    sweepLatest(at);
    const last = current(subject, at);
    if (last?.key === key) return null;
    const chain = chained(key, last ? last.chain : `^${subject}`);
    if (!claimNow(chain)) return null;
    // Only one step back is kept (for `releaseNext`), so a subject costs the same however long its
    // sequence.
    const previous = last ? { ...last, previous: null } : null;
    setLatest(subject, { key, chain, expiry: at + ttlMs, previous });
    return chain;
  }

  return {
    claim: (key) => Promise.resolve(claimNow(key)),
    release(key) {
      if (expiries.has(key)) drop(key);
      return Promise.resolve();
    },
    claimNext: (subject, key) => Promise.resolve(claimNextNow(subject, key)),
    releaseNext(subject, claimed) {
      if (expiries.has(claimed)) drop(claimed);
      const last = latest.get(subject);
      if (last?.chain === claimed) setLatest(subject, last.previous);
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
    async claimNext(subject, key) {
      const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
      const answer = await redis.eval(
        CLAIM_NEXT,
        1,
        `${prefix}latest:${subject}`,
        key,
        String(seconds),
        prefix,
      );
      return typeof answer === 'string' ? answer : null;
    },
    async releaseNext(subject, claimed) {
      await redis.eval(RELEASE_NEXT, 1, `${prefix}latest:${subject}`, claimed, prefix);
    },
  };
}

/**
 * `claimNext` in one atomic step. The subject's entry holds "key chain previousKey previousChain"
 * (the previous pair empty for a subject's first event). Chain keys are a SHA-1 of the delivery
 * key and the previous chain key, so every replica computes the same one.
 */
const CLAIM_NEXT = `
local latest = redis.call('GET', KEYS[1])
local lastKey, lastChain = nil, nil
if latest then
  local parts = {}
  for part in string.gmatch(latest, '%S+') do parts[#parts + 1] = part end
  lastKey, lastChain = parts[1], parts[2]
end
if lastKey == ARGV[1] then return false end
local chain = string.sub(redis.sha1hex(ARGV[1] .. '>' .. (lastChain or ('^' .. KEYS[1]))), 1, 22)
if not redis.call('SET', ARGV[3] .. chain, '1', 'EX', ARGV[2], 'NX') then return false end
redis.call('SET', KEYS[1], ARGV[1] .. ' ' .. chain .. ' ' .. (lastKey or '') .. ' ' .. (lastChain or ''), 'EX', ARGV[2])
return chain
`;

/** Undoes `CLAIM_NEXT`: forgets the chain key and, if still the latest, restores the previous entry. */
const RELEASE_NEXT = `
redis.call('DEL', ARGV[2] .. ARGV[1])
local latest = redis.call('GET', KEYS[1])
if not latest then return 0 end
local parts = {}
for part in string.gmatch(latest, '%S+') do parts[#parts + 1] = part end
if parts[2] ~= ARGV[1] then return 0 end
if parts[3] then
  local ttl = redis.call('TTL', KEYS[1])
  redis.call('SET', KEYS[1], parts[3] .. ' ' .. parts[4] .. '  ', 'EX', math.max(ttl, 1))
else
  redis.call('DEL', KEYS[1])
end
return 1
`;
