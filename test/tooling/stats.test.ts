/**
 * Usage metrics through GraphQL against the emulator: `appStats` with users and message buckets,
 * the period checked before any call, an upstream refusal mapped, end users refused.
 */
import { describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import { useHarness } from '../support/harness.js';

const h = useHarness();

const STATS = `query ($from: DateTime!, $to: DateTime!) { appStats(from: $from, to: $to) {
  from to activeUsers concurrentUsers audioMinutes videoMinutes recordedMinutes
  messageBuckets { startsAt endsAt messagesSent readReceipts deliveryReceipts } } }`;

describe('appStats', () => {
  it('reports the period and its message buckets in two calls', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    let body: Record<string, unknown> | undefined;
    const calls = await h.countUpstream(async () => {
      const response = await h.query(STATS, { from: from.toISOString(), to: to.toISOString() });
      expect(response.errors).toBeUndefined();
      body = response.data?.appStats as Record<string, unknown>;
    });
    expect(calls).toBe(2);
    expect(body).toMatchObject({ audioMinutes: 0, videoMinutes: 0 });
    expect(typeof body?.activeUsers).toBe('number');
    expect(new Date(String(body?.from)).getTime()).toBe(Math.floor(from.getTime() / 1000) * 1000);
    const buckets = body?.messageBuckets as { messagesSent: number }[];
    expect(Array.isArray(buckets)).toBe(true);
  });

  it('counts a message just sent in the current bucket', async () => {
    await h.asUser(
      u(1),
      `mutation { messageSend(input: { receiverUids: ["${u(2)}"], text: "metrics" }) { __typename } }`,
    );
    const to = new Date(Date.now() + 60_000);
    const response = await h.query<{ appStats: { messageBuckets: { messagesSent: number }[] } }>(
      STATS,
      { from: new Date(Date.now() - 3_600_000).toISOString(), to: to.toISOString() },
    );
    const total = response.data?.appStats.messageBuckets.reduce((n, b) => n + b.messagesSent, 0);
    expect(total).toBeGreaterThan(0);
  });

  it('refuses a reversed period before any call', async () => {
    const calls = await h.countUpstream(async () => {
      const response = await h.query(STATS, {
        from: '2025-02-01T00:00:00Z',
        to: '2025-01-01T00:00:00Z',
      });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
    expect(calls).toBe(0);
  });

  it('maps an upstream refusal to a client error', async () => {
    h.emulator.injectFault({ method: 'GET', path: '/v3/stats', status: 503, times: 10 });
    const response = await h.query(STATS, {
      from: '2025-01-01T00:00:00Z',
      to: '2025-01-02T00:00:00Z',
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    h.emulator.clearFaults();
  });

  it('refuses end users', async () => {
    const response = await h.asUser(u(1), STATS, {
      from: '2025-01-01T00:00:00Z',
      to: '2025-01-02T00:00:00Z',
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
