import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/context.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { FAN_OUT_CONCURRENCY } from '../../src/loaders/fan-out.js';
import { createReadLayer } from '../../src/loaders/index.js';
import { UpstreamClient } from '../../src/upstream/client.js';

let emulator: Emulator;
let client: UpstreamClient;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, latencyMs: 20 });
  client = new UpstreamClient({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKey });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});
beforeEach(() => {
  emulator.clearRequests();
});

const admin = { kind: 'admin', tokenId: 'test' } as const;

/** A fresh request's view for `caller` (its own perspective). */
function viewFor(caller: Caller) {
  return createReadLayer({ upstream: client, caller, signal: undefined }).view();
}

describe('the users loader', () => {
  it('de-duplicates a batch into one GET per distinct uid, in key order, null for misses', async () => {
    const { loaders } = viewFor(admin);
    const uids = ['cometchat-uid-2', 'cometchat-uid-1', 'nobody-here', 'cometchat-uid-2'];
    const users = await Promise.all(uids.map((uid) => loaders.users.load(uid)));
    expect(users.map((user) => user?.uid ?? null)).toEqual([
      'cometchat-uid-2',
      'cometchat-uid-1',
      null,
      'cometchat-uid-2',
    ]);
    const paths = emulator
      .requests()
      .map((r) => r.path)
      .sort();
    expect(paths).toEqual([
      '/v3/users/cometchat-uid-1',
      '/v3/users/cometchat-uid-2',
      '/v3/users/nobody-here',
    ]);
  });

  it('keeps at most a few GETs in flight at once', async () => {
    const { loaders } = viewFor(admin);
    const uids = Array.from({ length: 20 }, (_, i) => `cometchat-uid-${i + 1}`);
    await loaders.users.loadMany(uids);
    const arrivals = emulator
      .requests()
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(arrivals).toHaveLength(20);
    // With 20 ms per answer, a cap of N spreads 20 calls over at least ceil(20 / N) - 1 rounds.
    const rounds = Math.ceil(20 / FAN_OUT_CONCURRENCY) - 1;
    expect((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(rounds * 20 - 5);
  });

  it('acts on behalf of a user caller', async () => {
    const { loaders } = viewFor({ kind: 'user', uid: 'cometchat-uid-1' });
    await loaders.users.load('cometchat-uid-3');
    expect(emulator.requests()[0]?.onBehalfOf).toBe('cometchat-uid-1');
  });

  it('uses a primed record without calling CometChat', async () => {
    const view = viewFor(admin);
    const [record] = await viewFor(admin).loaders.users.loadMany(['cometchat-uid-5']);
    emulator.clearRequests();
    if (!record || record instanceof Error) throw new Error('no record');
    view.prime.user(record);
    expect(await view.loaders.users.load('cometchat-uid-5')).toBe(record);
    expect(emulator.requests()).toHaveLength(0);
  });
});

describe('the roles loader', () => {
  it('loads any number of roles with one list call, null for unknown ones', async () => {
    const { loaders } = viewFor(admin);
    const roles = await Promise.all(
      ['moderator', 'default', 'no-such-role', 'manager', 'default'].map((key) =>
        loaders.roles.load(key),
      ),
    );
    expect(roles.map((role) => role?.role ?? null)).toEqual([
      'moderator',
      'default',
      null,
      'manager',
      'default',
    ]);
    expect(roles[1]?.name).toBe('Default Role');
    const calls = emulator.requests();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/v3/roles' });
  });
});
