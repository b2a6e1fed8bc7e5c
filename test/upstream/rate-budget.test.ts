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
  it('admits a full bucket, then refuses until a spent token comes back a minute later', async () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 60, maxWaitMs: 0, clock: c.now });
    for (let i = 0; i < 30; i++) (await budget.admit(never, Number.POSITIVE_INFINITY)).done();
    c.advance(20_000);
    for (let i = 0; i < 30; i++) (await budget.admit(never, Number.POSITIVE_INFINITY)).done();
    const refused = await refusal(budget.admit(never, Number.POSITIVE_INFINITY));
    expect(refused.retryAfterMs).toBe(40_000);
    c.advance(39_999);
    await refusal(budget.admit(never, Number.POSITIVE_INFINITY));
    c.advance(1);
    // The first 30 tokens are back; the other 30 only 20 s later.
    for (let i = 0; i < 30; i++) (await budget.admit(never, Number.POSITIVE_INFINITY)).done();
    expect((await refusal(budget.admit(never, Number.POSITIVE_INFINITY))).retryAfterMs).toBe(
      20_000,
    );
  });

  it('never lets more than the budget through in any minute, however the burst is spread', async () => {
    const c = clock();
    const budget = new RateBudget({ perMinute: 100, maxWaitMs: 0, clock: c.now });
    const admittedAt: number[] = [];
    for (let step = 0; step < 3000; step++) {
      try {
        (await budget.admit(never, Number.POSITIVE_INFINITY)).done();
        admittedAt.push(c.now());
      } catch (error) {
        if (!(error instanceof OverBudget)) throw error;
      }
      c.advance(97);
    }
    for (const start of admittedAt) {
      const inMinute = admittedAt.filter((at) => at >= start && at < start + 60_000).length;
      expect(inMinute).toBeLessThanOrEqual(100);
    }
    expect(admittedAt.length).toBeGreaterThan(400);
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

  it('waits briefly for room instead of refusing, but not for long', async () => {
    const soon = new RateBudget({ maxWaitMs: 1500 });
    soon.observe(429, { 'retry-after': '1', 'x-ratelimit-remaining': '0' });
    // Room comes back within a second: worth waiting for.
    await expect(soon.admit(never, Number.POSITIVE_INFINITY)).resolves.toBeDefined();

    const late = new RateBudget({ perMinute: 6, maxWaitMs: 500 });
    for (let i = 0; i < 6; i++) (await late.admit(never, Number.POSITIVE_INFINITY)).done();
    // The next token is a minute away: refused at once rather than waited for.
    const refused = await refusal(late.admit(never, Number.POSITIVE_INFINITY));
    expect(refused.retryAfterMs).toBeGreaterThan(500);
  });
});
