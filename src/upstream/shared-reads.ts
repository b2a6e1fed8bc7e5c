/**
 * Reads that need not be sent again: identical GETs in flight at the same time share one HTTP
 * call (across requests, within one perspective: the key holds `onBehalfOf`), and, when a
 * {@link CacheStore} is set, answers are kept across requests until a change bumps one of their
 * tags (`cache-tags.ts`) or their time to live runs out. Writes are never shared or cached.
 *
 * A cached answer is the raw text CometChat sent (each reader parses it afresh), stored with the
 * versions its tags had when the read was looked up, before it was sent: a change that lands
 * while the read is in flight leaves the stored answer stale by version, so it is never served.
 */

/** A successful read: CometChat's text and its JSON (shared by every reader: never changed). */
export interface ReadAnswer {
  status: number;
  text: string;
  json: unknown;
}

/** The versions of an entry's tags when it was looked up, and its text when there was one. */
export interface CacheLookup {
  text: string | null;
  versions: readonly string[];
}

/** Where cached answers and tag versions live: in process, or in Redis for every replica. */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  /** The entry under `key`, served only when stored with the current versions of `tags`. */
  lookup(key: string, tags: readonly string[]): Promise<CacheLookup>;
  /** Keeps `text` under `key` with the versions `lookup` read (for the time to live). */
  store(key: string, text: string, lookup: CacheLookup): Promise<void>;
  /** Gives every tag a new version: entries stored with an older one are stale. */
  bump(tags: readonly string[]): Promise<void>;
}

/**
 * What happened to one read: `hit` / `miss` (a cached read: served from the cache or not),
 * `error` (the cache could not be read: the read went upstream), `shared-request` (an identical
 * read of the same request answered it), `shared-in-flight` (it joined an identical read in
 * flight).
 */
export type SharedReadOutcome = 'hit' | 'miss' | 'error' | 'shared-request' | 'shared-in-flight';

export interface SharedReadEvent {
  /** The path template, as upstream call events name routes. */
  route: string;
  outcome: SharedReadOutcome;
}

export type SharedReadObserver = (event: SharedReadEvent) => void;

/** What a read started here is charged to (a request's call budget). */
export interface Charge {
  take(): void;
  refund(): void;
}

interface InFlight {
  promise: Promise<ReadAnswer>;
  controller: AbortController;
  tags: readonly string[] | null;
  /** Readers that can still give up (each with an AbortSignal). */
  waiting: number;
  /** A reader without a signal never gives up: the call runs to its end. */
  pinned: boolean;
}

export interface SharedReadsLogger {
  warn(obj: object, msg?: string): void;
}

export class SharedReads {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly observers = new Set<SharedReadObserver>();
  private cache: CacheStore | null = null;
  private logger: SharedReadsLogger | undefined;

  constructor(logger?: SharedReadsLogger) {
    this.logger = logger;
  }

  /** Turns the cross-request cache on (or off with null). */
  useCache(store: CacheStore | null, logger?: SharedReadsLogger): void {
    this.cache = store;
    if (logger) this.logger = logger;
  }

  get cacheKind(): CacheStore['kind'] | null {
    return this.cache?.kind ?? null;
  }

  onRead(observer: SharedReadObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  notify(route: string, outcome: SharedReadOutcome): void {
    for (const observer of this.observers) {
      try {
        observer({ route, outcome });
      } catch {
        // Telemetry never changes a read.
      }
    }
  }

  /**
   * The answer to the read `key`: joined when an identical one is in flight, otherwise started
   * (charged to `charge` first; a cache hit refunds it) from the cache when `tags` is not null
   * and the cache has it, else through `fetch`. Rejects with `signal`'s reason as soon as it
   * aborts; the shared call itself is aborted only when every reader gave up.
   */
  read(
    key: string,
    route: string,
    tags: readonly string[] | null,
    signal: AbortSignal | undefined,
    fetch: (signal: AbortSignal) => Promise<ReadAnswer>,
    charge: Charge | null,
  ): Promise<ReadAnswer> {
    const existing = this.inFlight.get(key);
    if (existing && !existing.controller.signal.aborted) {
      this.notify(route, 'shared-in-flight');
      return follow(existing, signal);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    charge?.take();
    const controller = new AbortController();
    const entry: InFlight = {
      promise: this.load(key, route, tags, controller.signal, fetch, charge),
      controller,
      tags,
      waiting: 0,
      pinned: false,
    };
    this.inFlight.set(key, entry);
    const settled = () => {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    };
    entry.promise.then(settled, settled);
    return follow(entry, signal);
  }

  /**
   * Marks what a change touched as stale: later reads neither join a read in flight that may
   * predate it nor get a cached answer stored before it. Never rejects (a cache that cannot be
   * told is logged; its entries expire with their time to live).
   */
  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    const touched = new Set(tags);
    for (const [key, entry] of this.inFlight) {
      if (entry.tags === null || entry.tags.some((tag) => touched.has(tag))) {
        this.inFlight.delete(key);
      }
    }
    if (!this.cache) return;
    try {
      await this.cache.bump(tags);
    } catch (error) {
      this.logger?.warn(
        { err: error, tags: tags.length },
        'read cache could not be invalidated; its entries expire with their time to live',
      );
    }
  }

  private async load(
    key: string,
    route: string,
    tags: readonly string[] | null,
    signal: AbortSignal,
    fetch: (signal: AbortSignal) => Promise<ReadAnswer>,
    charge: Charge | null,
  ): Promise<ReadAnswer> {
    const cache = tags === null ? null : this.cache;
    let lookup: CacheLookup | null = null;
    if (cache && tags) {
      try {
        lookup = await cache.lookup(key, tags);
      } catch (error) {
        this.logger?.warn({ err: error }, 'read cache unavailable; reading from CometChat');
        this.notify(route, 'error');
      }
      const hit = lookup?.text == null ? null : decode(lookup.text);
      if (hit) {
        charge?.refund();
        this.notify(route, 'hit');
        return hit;
      }
      if (lookup) this.notify(route, 'miss');
    }
    const answer = await fetch(signal);
    if (cache && lookup) {
      try {
        await cache.store(key, answer.text, lookup);
      } catch (error) {
        this.logger?.warn({ err: error }, 'read cache could not store an answer');
      }
    }
    return answer;
  }
}

/** A cached text as an answer; null (a miss) for one that is not JSON. */
function decode(text: string): ReadAnswer | null {
  try {
    return { status: 200, text, json: text === '' ? undefined : JSON.parse(text) };
  } catch {
    return null;
  }
}

/** One reader's view of a shared read: its own abort ends its wait (and the call, if it was the last). */
function follow(entry: InFlight, signal: AbortSignal | undefined): Promise<ReadAnswer> {
  if (!signal) {
    entry.pinned = true;
    return entry.promise;
  }
  if (signal.aborted) return Promise.reject(signal.reason);
  entry.waiting += 1;
  return new Promise<ReadAnswer>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      entry.waiting -= 1;
      if (entry.waiting === 0 && !entry.pinned) entry.controller.abort(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    entry.promise.then(
      (answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
