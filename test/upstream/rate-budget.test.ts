/** The rate budget's arithmetic, on a hand-driven clock. */
import { describe, expect, it } from 'vitest';
import { OverBudget, RateBudget } from '../../src/upstream/rate-budget.js';

function clock(start = 1_800_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const never = new AbortController().signal;

async function refusal(promise: Promise<unknown>): Promise<OverBudget> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OverBudget) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('RateBudget', () => {
  it('admits a full bucket, then refuses with the time until the next token', async () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 60, maxWaitMs: 0, clock: c.now });
    for (let i = 0; i < 60; i++) (await budget.admit(never, Number.POSITIVE_INFINITY)).done();
    const refused = await refusal(budget.admit(never, Number.POSITIVE_INFINITY));
    expect(refused.retryAfterMs).toBe(1000);
    c.advance(1000);
    await expect(budget.admit(never, Number.POSITIVE_INFINITY)).resolves.toBeDefined();
  });

  it('gives a token back when the request was not sent', async () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 1, maxWaitMs: 0, clock: c.now });
    (await budget.admit(never, Number.POSITIVE_INFINITY)).refund();
    await expect(budget.admit(never, Number.POSITIVE_INFINITY)).resolves.toBeDefined();
  });

  it('never exceeds what CometChat says remains, counting requests still in flight', async () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 1000, maxWaitMs: 0, clock: c.now });
    const resetAt = String(Math.floor(c.now() / 1000) + 30);
    const a = await budget.admit(never, Number.POSITIVE_INFINITY);
    await budget.admit(never, Number.POSITIVE_INFINITY); // still in flight
    budget.observe(200, { 'X-RateLimit-Remaining': '2', 'X-RateLimit-Reset': resetAt });
    a.done();
    // 2 remain, one of them may go to the request in flight: one more may be sent.
    await budget.admit(never, Number.POSITIVE_INFINITY);
    const refused = await refusal(budget.admit(never, Number.POSITIVE_INFINITY));
    expect(refused.retryAfterMs).toBe(30_000);
    c.advance(30_000);
    await expect(budget.admit(never, Number.POSITIVE_INFINITY)).resolves.toBeDefined();
  });

  it('works from the headers alone when no budget is configured (both spellings)', async () => {
    const c = clock();
    const budget = new RateBudget({ maxWaitMs: 0, clock: c.now });
    const admitted = await budget.admit(never, Number.POSITIVE_INFINITY);
    budget.observe(200, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '20' });
    admitted.done();
    expect((await refusal(budget.admit(never, Number.POSITIVE_INFINITY))).retryAfterMs).toBe(
      20_000,
    );
  });

  it('holds everything after a 429 that says the window is used up, for its Retry-After', async () => {
    const c = clock();
    const budget = new RateBudget({ maxWaitMs: 0, clock: c.now });
    budget.observe(429, { 'retry-after': '5', 'x-ratelimit-remaining': '0' });
    expect((await refusal(budget.admit(never, Number.POSITIVE_INFINITY))).retryAfterMs).toBe(5000);
    c.advance(5000);
    await expect(budget.admit(never, Number.POSITIVE_INFINITY)).resolves.toBeDefined();
  });

  it('leaves other requests alone after a 429 that does not say so (a per-user limit)', async () => {
    const budget = new RateBudget({ maxWaitMs: 0, clock: clock().now });
    budget.observe(429, { 'retry-after': '60' });
    await expect(budget.admit(never, Number.POSITIVE_INFINITY)).resolves.toBeDefined();
  });

  it('waits briefly for a token instead of refusing, but not for long', async () => {
    const soon = new RateBudget({ perMinute: 600, maxWaitMs: 500 });
    for (let i = 0; i < 600; i++) (await soon.admit(never, Number.POSITIVE_INFINITY)).done();
    // The next token comes within 100 ms: worth waiting for.
    await expect(soon.admit(never, Number.POSITIVE_INFINITY)).resolves.toBeDefined();

    const late = new RateBudget({ perMinute: 6, maxWaitMs: 500 });
    for (let i = 0; i < 6; i++) (await late.admit(never, Number.POSITIVE_INFINITY)).done();
    // The next token is 10 s away: refused at once rather than waited for.
    const refused = await refusal(late.admit(never, Number.POSITIVE_INFINITY));
    expect(refused.retryAfterMs).toBeGreaterThan(500);
  });
});
