/**
 * The gateway's own budget of CometChat requests, so that a burst is refused here instead of being
 * answered 429 by CometChat (and counted against the app's limit). Three sources decide:
 *
 * - an optional token bucket of `perMinute` tokens where each spent token comes back one minute
 *   after it was spent: no 60-second window ever sees more than `perMinute` requests, so the
 *   budget cannot overrun a per-minute limit such as CometChat's even in a burst (a bucket that
 *   refilled continuously would let `perMinute` plus the refill through in the first minute);
 * - what CometChat says on its answers: `X-RateLimit-Remaining` / `X-Rate-Limit-Remaining` with the
 *   window's reset time caps what may still be sent before that reset (requests still in flight
 *   count as spent), so the bucket cannot outrun CometChat's own window;
 * - a 429 that says the app's window is used up (remaining 0): nothing is sent until its
 *   `Retry-After` has passed.
 *
 * Over budget, a request waits when room comes soon enough (`maxWaitMs` and the caller's deadline),
 * otherwise it is refused at once with the wait it should observe. All of it is in-process state.
 */
import { retryAfterSecondsFrom } from './errors.js';
import { sleep } from './sleep.js';

type Headers = Record<string, string | string[] | undefined>;

const MINUTE = 60_000;

export interface RateBudgetOptions {
  /** Requests per minute the gateway allows itself; undefined = no bucket (headers still count). */
  perMinute?: number | undefined;
  /** The longest a request waits for room before it is refused; default 1000 ms. */
  maxWaitMs?: number | undefined;
  clock?: () => number;
}

/** A request refused by the budget; nothing was sent. */
export class OverBudget extends Error {
  constructor(readonly retryAfterMs: number) {
    super('over the gateway rate budget');
    this.name = 'OverBudget';
  }
}

/** One admitted request: `done()` when its answer (or failure) is in. */
export interface Admission {
  done(): void;
  /** Gives the token back: the request was not sent after all. */
  refund(): void;
}

function header(headers: Headers, ...names: string[]): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (!names.includes(key.toLowerCase()) || value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== '') return first.trim();
  }
  return undefined;
}

function count(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

export class RateBudget {
  readonly perMinute: number | undefined;
  private readonly maxWaitMs: number;
  private readonly clock: () => number;
  /** When each token still out was spent (ascending from `head`); it comes back a minute later. */
  private spent: number[] = [];
  private head = 0;
  /** Nothing is sent before this time (a 429's Retry-After, or CometChat's window is used up). */
  private heldUntil = 0;
  /** What CometChat said may still be sent before `resetAt`, less what was sent since. */
  private window: { remaining: number; resetAt: number } | null = null;
  private inFlight = 0;

  constructor(options: RateBudgetOptions = {}) {
    const perMinute = options.perMinute;
    if (perMinute !== undefined && !(Number.isFinite(perMinute) && perMinute > 0)) {
      throw new TypeError('RateBudget perMinute must be a positive number');
    }
    this.perMinute = perMinute;
    this.maxWaitMs = options.maxWaitMs ?? 1_000;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Admits one request, waiting up to `maxWaitMs` (and never past `deadline`) for room.
   * @throws OverBudget when there is no room in time; the caller's abort reason when `signal` aborts.
   */
  async admit(signal: AbortSignal, deadline: number): Promise<Admission> {
    const giveUpAt = Math.min(this.clock() + this.maxWaitMs, deadline);
    for (;;) {
      const waitMs = this.tryTake();
      if (waitMs === 0) return this.admission();
      if (this.clock() + waitMs > giveUpAt) throw new OverBudget(waitMs);
      await sleep(waitMs, signal);
    }
  }

  /** Learns from one CometChat answer: its rate-limit headers, and a 429's wait. */
  observe(status: number, headers: Headers): void {
    const now = this.clock();
    const remaining = count(header(headers, 'x-ratelimit-remaining', 'x-rate-limit-remaining'));
    // Only a 429 that says the app's window is used up holds every request; one without that
    // (a per-user limit such as 30 sends a minute) is that request's business alone.
    if (status === 429 && remaining === 0) {
      const seconds = retryAfterSecondsFrom(headers) ?? 1;
      this.heldUntil = Math.max(this.heldUntil, now + seconds * 1000);
    }
    const reset = header(headers, 'x-ratelimit-reset', 'x-rate-limit-reset');
    if (remaining === undefined || reset === undefined) return;
    const resetSeconds = Number(reset);
    if (!Number.isFinite(resetSeconds)) return;
    // Unix timestamps are ~1.7e9; anything far below that is a number of seconds from now.
    const resetAt = resetSeconds < 1e9 ? now + resetSeconds * 1000 : resetSeconds * 1000;
    if (resetAt <= now) return;
    // Requests still in flight (this one excluded) may not be counted in `remaining` yet.
    const room = remaining - Math.max(0, this.inFlight - 1);
    const known = this.window && this.window.resetAt === resetAt ? this.window.remaining : room;
    this.window = { remaining: Math.min(known, room), resetAt };
  }

  /** 0 when a token was taken, otherwise how long until there may be room. */
  private tryTake(): number {
    const now = this.clock();
    if (now < this.heldUntil) return this.heldUntil - now;
    if (this.window && now >= this.window.resetAt) this.window = null;
    if (this.window && this.window.remaining <= 0) return this.window.resetAt - now;
    if (this.perMinute !== undefined) {
      while (this.head < this.spent.length && (this.spent[this.head] ?? 0) + MINUTE <= now) {
        this.head += 1;
      }
      if (this.head > 1024 && this.head * 2 > this.spent.length) {
        this.spent = this.spent.slice(this.head);
        this.head = 0;
      }
      if (this.spent.length - this.head >= this.perMinute) {
        return (this.spent[this.head] ?? now) + MINUTE - now;
      }
      this.spent.push(now);
    }
    if (this.window) this.window.remaining -= 1;
    return 0;
  }

  private admission(): Admission {
    this.inFlight += 1;
    let settled = false;
    return {
      done: () => {
        if (settled) return;
        settled = true;
        this.inFlight -= 1;
      },
      refund: () => {
        if (settled) return;
        settled = true;
        this.inFlight -= 1;
        // The most recently spent token is as good as this one: give that one back.
        if (this.perMinute !== undefined && this.spent.length > this.head) this.spent.pop();
        if (this.window) this.window.remaining += 1;
      },
    };
  }
}
