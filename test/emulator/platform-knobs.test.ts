import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { call, chat, control, errorCode, listOf, pick, uidsOf } from '../support/emulator-http.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
afterEach(() => {
  emu.reset();
  emu.updateSettings({ latencyMs: 0, rateLimitPerMin: undefined });
});

describe('latency', () => {
  it('adds the configured latency before answering, and can be changed at run time', async () => {
    // The clock is fake, so the check counts timer milliseconds instead of measuring real time:
    // an answer at latency 0 needs no timer at all, one at latency 150 needs 150 ms of timers.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const fast = await chat(emu, 'GET', '/roles');
      expect(fast.status).toBe(200);

      const set = await control(emu, 'PUT', '/settings', { body: { latencyMs: 150 } });
      expect(pick(set.body, 'data')).toEqual({
        latencyMs: 150,
        rateLimitPerMin: null,
        importRateLimit: 60,
        importWindowMs: 60_000,
      });
      let answered = false;
      const slow = chat(emu, 'GET', '/roles').finally(() => {
        answered = true;
      });
      let advancedMs = 0;
      for (let turn = 0; !answered && turn < 100_000; turn++) {
        await new Promise((resolve) => setImmediate(resolve)); // let real I/O happen
        if (answered) break;
        await vi.advanceTimersByTimeAsync(5);
        advancedMs += 5;
      }
      expect((await slow).status).toBe(200);
      expect(advancedMs).toBeGreaterThanOrEqual(150);
    } finally {
      vi.useRealTimers();
    }
  });

  it('applies latency from the start options', async () => {
    const slowEmu = await startEmulator({ port: 0, seed: 'none', latencyMs: 80 });
    try {
      const started = Date.now();
      await chat(slowEmu, 'GET', '/roles');
      expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    } finally {
      await slowEmu.close();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 ERR_TOO_MANY_REQUESTS with Retry-After and X-RateLimit-* headers', async () => {
    let now = 1_800_000_000;
    const limited = await startEmulator({
      port: 0,
      seed: 'none',
      rateLimitPerMin: 3,
      clock: () => now,
    });
    try {
      const first = await chat(limited, 'GET', '/roles');
      expect(first.headers.get('x-ratelimit-limit')).toBe('3');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
      expect(first.headers.get('x-ratelimit-reset')).toBe(String(now + 60));
      await chat(limited, 'GET', '/roles');
      const third = await chat(limited, 'GET', '/nothing');
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
      now += 20;
      const blocked = await chat(limited, 'GET', '/roles');
      expect(blocked.status).toBe(429);
      expect(errorCode(blocked.body)).toBe('ERR_TOO_MANY_REQUESTS');
      expect(blocked.headers.get('retry-after')).toBe('40');
      expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(blocked.headers.get('x-ratelimit-reset')).toBe(String(now + 40));
      expect(limited.requests().at(-1)?.status).toBe(429);
      now += 40;
      const again = await chat(limited, 'GET', '/roles');
      expect(again.status).toBe(200);
      expect(again.headers.get('x-ratelimit-remaining')).toBe('2');
    } finally {
      await limited.close();
    }
  });

  it('sends no rate-limit headers when unlimited, and can be set through the control surface', async () => {
    const open = await chat(emu, 'GET', '/roles');
    expect(open.headers.get('x-ratelimit-limit')).toBeNull();
    await control(emu, 'PUT', '/settings', { body: { rateLimitPerMin: 1 } });
    expect((await chat(emu, 'GET', '/roles')).status).toBe(200);
    const blocked = await chat(emu, 'GET', '/roles');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await control(emu, 'PUT', '/settings', { body: { rateLimitPerMin: null } });
    expect((await chat(emu, 'GET', '/roles')).status).toBe(200);
  });
});

describe('faults', () => {
  it('answers with the injected status and a CometChat error body, `times` times', async () => {
    const added = await control(emu, 'POST', '/faults', {
      body: { method: 'GET', path: '/v3/users', status: 503, times: 2 },
    });
    expect(added.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const reply = await chat(emu, 'GET', '/users');
      expect([reply.status, errorCode(reply.body)]).toEqual([503, 'ERR_MISSION_FAILED']);
    }
    expect((await chat(emu, 'GET', '/users')).status).toBe(200);
    expect(emu.requests().map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('matches prefixes with *, paths without /v3, methods, and custom bodies and headers', async () => {
    await control(emu, 'POST', '/faults', {
      body: {
        path: '/users/*',
        method: 'POST',
        status: 429,
        body: { error: { code: 'ERR_TOO_MANY_REQUESTS', message: 'slow down' } },
        headers: { 'retry-after': '7' },
      },
    });
    expect((await chat(emu, 'GET', '/users/cometchat-uid-1')).status).toBe(200);
    const hit = await chat(emu, 'POST', '/users/cometchat-uid-1/friends', {
      body: { accepted: ['cometchat-uid-9'] },
    });
    expect(hit.status).toBe(429);
    expect(hit.headers.get('retry-after')).toBe('7');
    expect(pick(hit.body, 'error', 'message')).toBe('slow down');
    expect(emu.store.friends.get('cometchat-uid-1')?.has('cometchat-uid-9')).toBe(false);
  });

  it('resets the connection, hangs, or only delays', async () => {
    emu.injectFault({ path: '/v3/roles', mode: 'reset' });
    await expect(chat(emu, 'GET', '/roles')).rejects.toThrow();
    emu.injectFault({ path: '/v3/roles', mode: 'hang' });
    await expect(
      chat(emu, 'GET', '/roles', { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    emu.injectFault({ path: '/v3/roles', delayMs: 120 });
    const started = Date.now();
    const delayed = await chat(emu, 'GET', '/roles');
    expect(delayed.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(emu.requests().map((r) => r.status)).toEqual([0, 0, 200]);
  });

  it('answers a raw body verbatim, breaks a body halfway, or drops the answer of a handled write', async () => {
    emu.injectFault({ path: '/v3/roles', status: 200, rawBody: '{"data": [' });
    const raw = await chat(emu, 'GET', '/roles');
    expect(raw.status).toBe(200);
    expect(raw.text).toBe('{"data": [');

    emu.injectFault({ path: '/v3/roles', mode: 'truncate' });
    await expect(chat(emu, 'GET', '/roles')).rejects.toThrow();

    const before = emu.store.friends.get('cometchat-uid-1')?.has('cometchat-uid-9') ?? false;
    expect(before).toBe(false);
    emu.injectFault({
      method: 'POST',
      path: '/users/cometchat-uid-1/friends',
      mode: 'reset-after',
    });
    await expect(
      chat(emu, 'POST', '/users/cometchat-uid-1/friends', {
        body: { accepted: ['cometchat-uid-9'] },
      }),
    ).rejects.toThrow();
    expect(emu.store.friends.get('cometchat-uid-1')?.has('cometchat-uid-9')).toBe(true);
    expect(emu.requests().map((r) => r.status)).toEqual([200, 200, 0]);

    const both = await control(emu, 'POST', '/faults', {
      body: { path: '/roles', body: {}, rawBody: 'x' },
    });
    expect(both.status).toBe(400);
  });

  it('lists and clears faults; rejects invalid ones', async () => {
    const bad = await control(emu, 'POST', '/faults', {
      body: { path: 'users', status: 99, mode: 'explode', times: 0 },
    });
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
    expect(pick(bad.body, 'error', 'details')).toEqual({
      mode: [expect.any(String)],
      path: [expect.any(String)],
      status: [expect.any(String)],
      times: [expect.any(String)],
    });
    await control(emu, 'POST', '/faults', { body: { path: '/v3/*', status: 500 } });
    expect(listOf((await control(emu, 'GET', '/faults')).body)).toHaveLength(1);
    await control(emu, 'DELETE', '/faults');
    expect(listOf((await control(emu, 'GET', '/faults')).body)).toHaveLength(0);
    expect((await chat(emu, 'GET', '/roles')).status).toBe(200);
  });
});

describe('control surface', () => {
  it('requires the apikey and answers unknown control paths with ERR_API_NOT_FOUND', async () => {
    const anonymous = await control(emu, 'GET', '/requests', { headers: {} });
    expect([anonymous.status, errorCode(anonymous.body)]).toEqual([401, 'AUTH_ERR_EMPTY_APIKEY']);
    const unknown = await control(emu, 'GET', '/everything');
    expect([unknown.status, errorCode(unknown.body)]).toEqual([404, 'ERR_API_NOT_FOUND']);
  });

  it('resets to a seed and exposes and clears the request log', async () => {
    await chat(emu, 'POST', '/users', { body: { uid: 'temp-user', name: 'Temp' } });
    const log = await control(emu, 'GET', '/requests');
    expect(listOf(log.body).map((r) => r.path)).toEqual(['/v3/users']);
    await control(emu, 'DELETE', '/requests');
    expect(listOf((await control(emu, 'GET', '/requests')).body)).toEqual([]);

    const none = await control(emu, 'POST', '/reset', { body: { seed: 'none' } });
    expect(none.status).toBe(200);
    expect(uidsOf((await chat(emu, 'GET', '/users')).body)).toEqual([]);
    await control(emu, 'POST', '/reset');
    expect(uidsOf((await chat(emu, 'GET', '/users')).body)).toContain('cometchat-uid-1');
    expect(uidsOf((await chat(emu, 'GET', '/users')).body)).not.toContain('temp-user');
    const bad = await control(emu, 'POST', '/reset', { body: { seed: 'huge' } });
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
  });

  it('validates settings', async () => {
    const bad = await control(emu, 'PUT', '/settings', { body: { latencyMs: -1 } });
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
    const current = await control(emu, 'GET', '/settings');
    expect(pick(current.body, 'data')).toEqual({
      latencyMs: 0,
      rateLimitPerMin: null,
      importRateLimit: 60,
      importWindowMs: 60_000,
    });
  });

  it('limits each data import endpoint on its own window, set at run time', async () => {
    const set = await control(emu, 'PUT', '/settings', {
      body: { importRateLimit: 2, importWindowMs: 600_000 },
    });
    expect(pick(set.body, 'data')).toMatchObject({ importRateLimit: 2, importWindowMs: 600_000 });
    const body = (uid: string) => ({ body: { users: { [uid]: { uid, name: uid } } } });
    const statuses: number[] = [];
    for (const uid of ['knob-a', 'knob-b', 'knob-c']) {
      statuses.push((await chat(emu, 'POST', '/data_import/users', body(uid))).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    const groups = await chat(emu, 'POST', '/data_import/groups', {
      body: { groups: { g1: { guid: 'g1', name: 'G', type: 'public', owner: 'knob-a' } } },
    });
    expect(groups.status).toBe(200);
    const bad = await control(emu, 'PUT', '/settings', { body: { importWindowMs: 0 } });
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
    await control(emu, 'PUT', '/settings', {
      body: { importRateLimit: 60, importWindowMs: 60_000 },
    });
  });
});

describe('close', () => {
  it('stops accepting connections, also with a hanging request open', async () => {
    const other = await startEmulator({ port: 0, seed: 'none' });
    other.injectFault({ path: '/v3/roles', mode: 'hang' });
    const hanging = call(other, 'GET', '/v3/roles').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    expect(await hanging).toBeInstanceOf(Error);
    await expect(call(other, 'GET', '/v3/roles')).rejects.toThrow();
  });
});
