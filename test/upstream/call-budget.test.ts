/**
 * Request-scoped views of the client (`forRequest`): each counts its own calls against its budget,
 * refuses the calls past it without sending them, and shares the client's connections.
 */
import { describe, expect, it } from 'vitest';
import { CallBudget } from '../../src/upstream/client.js';
import { isUpstreamError } from '../../src/upstream/errors.js';
import { getUser } from '../../src/upstream/users.js';
import { useEmulator } from './harness.js';

const h = useEmulator('demo');

class BudgetSpent extends Error {}

function spent(): Error {
  return new BudgetSpent('budget spent');
}

describe('a request-scoped view', () => {
  it('sends calls up to its budget and refuses the rest without sending them', async () => {
    const view = h.client.forRequest({ maxCalls: 3, exceeded: spent });
    h.emulator.clearRequests();
    const results = await Promise.allSettled(
      ['1', '2', '3', '4', '5'].map((n) => getUser(view, `cometchat-uid-${n}`)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r.reason).toBeInstanceOf(BudgetSpent);
    expect(h.emulator.requests()).toHaveLength(3);
    expect(view.callBudget?.calls).toBe(3);
    // Still spent afterwards: a later call is refused too.
    await expect(getUser(view, 'cometchat-uid-5')).rejects.toBeInstanceOf(BudgetSpent);
    expect(h.emulator.requests()).toHaveLength(3);
    // A read the view already made is answered again without a call (and costs nothing).
    expect((await getUser(view, 'cometchat-uid-1')).uid).toBe('cometchat-uid-1');
    expect(h.emulator.requests()).toHaveLength(3);
  });

  it('counts a call that fails upstream, but not one refused before sending', async () => {
    const view = h.client.forRequest({ maxCalls: 5, exceeded: spent });
    const missing = await getUser(view, 'no-such-user').catch((error: unknown) => error);
    expect(isUpstreamError(missing) && missing.kind).toBe('not_found');
    expect(view.callBudget?.calls).toBe(1);
    const refused = await view
      .request({ method: 'GET', path: '/users/{uid}', params: { uid: '' } }, (raw) => raw)
      .catch((error: unknown) => error);
    expect(isUpstreamError(refused) && refused.kind).toBe('invalid');
    expect(view.callBudget?.calls).toBe(1);
  });

  it('keeps its own count: views of one client do not share a budget', async () => {
    const a = h.client.forRequest({ maxCalls: 1, exceeded: spent });
    const b = h.client.forRequest({ maxCalls: 1, exceeded: spent });
    await getUser(a, 'cometchat-uid-1');
    await getUser(b, 'cometchat-uid-1');
    await expect(getUser(a, 'cometchat-uid-2')).rejects.toBeInstanceOf(BudgetSpent);
    expect(h.client.callBudget).toBeNull();
    // The client itself has no budget.
    await getUser(h.client, 'cometchat-uid-2');
  });

  it('shares the client: its requests show in the client stats, and closing it closes nothing', async () => {
    const view = h.client.forRequest({ maxCalls: 10, exceeded: spent });
    const before = h.client.stats.requests;
    await getUser(view, 'cometchat-uid-1');
    expect(h.client.stats.requests).toBe(before + 1);
    expect(view.stats).toBe(h.client.stats);
    expect(view.hasManagement).toBe(h.client.hasManagement);
    await view.close();
    await getUser(h.client, 'cometchat-uid-1');
    await getUser(view, 'cometchat-uid-1');
  });

  it('takes only a positive whole number of calls', () => {
    for (const maxCalls of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new CallBudget({ maxCalls, exceeded: spent })).toThrow(TypeError);
    }
  });
});
