/**
 * Paces requests to CometChat's import endpoints: each endpoint (a lane) sends one request at a
 * time, and never more than `perWindow` requests whose answers came back within any `windowMs`.
 *
 * Why answers and not sends: request `i + perWindow` is sent no earlier than `windowMs` after the
 * answer to request `i` arrived, and that answer left CometChat after request `i` reached it. So
 * however long each request travels, the arrivals CometChat counts of any `perWindow + 1`
 * consecutive requests span at least `windowMs`: no fixed or sliding window of that length sees
 * more than `perWindow` of them. A request that failed counts as well (CometChat may have counted
 * it).
 */
import { sleep } from '../upstream/sleep.js';

export interface PacerOptions {
  /** Requests allowed per window per lane (CometChat: 60). */
  perWindow: number;
  /** The window's length in milliseconds (CometChat: one minute). */
  windowMs: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
}

interface Lane {
  /** Settles when the lane's previous request is done. */
  tail: Promise<void>;
  /** When the answers of the last `perWindow` requests arrived, oldest first. */
  answered: number[];
}

export class ImportPacer {
  readonly perWindow: number;
  readonly windowMs: number;
  private readonly clock: () => number;
  private readonly lanes = new Map<string, Lane>();

  constructor(options: PacerOptions) {
    if (!Number.isSafeInteger(options.perWindow) || options.perWindow < 1) {
      throw new TypeError('perWindow must be a positive whole number');
    }
    if (!Number.isSafeInteger(options.windowMs) || options.windowMs < 1) {
      throw new TypeError('windowMs must be a positive whole number of milliseconds');
    }
    this.perWindow = options.perWindow;
    this.windowMs = options.windowMs;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Runs `send` in `lane` once the lane is free and the window allows it. Rejects with the
   * signal's reason (sending nothing) when `signal` aborts while waiting.
   */
  async run<T>(lane: string, send: () => Promise<T>, signal: AbortSignal): Promise<T> {
    const state = this.lanes.get(lane) ?? { tail: Promise.resolve(), answered: [] };
    this.lanes.set(lane, state);
    const previous = state.tail;
    let release = () => {};
    state.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      await this.waitForRoom(state, signal);
      try {
        return await send();
      } finally {
        state.answered.push(this.clock());
        if (state.answered.length > this.perWindow) state.answered.shift();
      }
    } finally {
      release();
    }
  }

  private async waitForRoom(state: Lane, signal: AbortSignal): Promise<void> {
    if (state.answered.length < this.perWindow) {
      signal.throwIfAborted();
      return;
    }
    const oldest = state.answered[0] ?? 0;
    const at = oldest + this.windowMs;
    // Timers may fire a millisecond early by the wall clock: wait again until it is really time.
    for (let now = this.clock(); now < at; now = this.clock()) {
      await sleep(at - now, signal);
    }
    signal.throwIfAborted();
  }
}
