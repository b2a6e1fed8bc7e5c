import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { call, chat, errorCode, mgmt, pick } from '../support/emulator-http.js';

let emu: Emulator;
const unexpected: unknown[] = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, onUnexpectedError: (error) => unexpected.push(error) });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

describe('authentication', () => {
  it('answers AUTH_ERR_EMPTY_APIKEY without an apikey header', async () => {
    const reply = await chat(emu, 'GET', '/users', { headers: {} });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      error: {
        code: 'AUTH_ERR_EMPTY_APIKEY',
        message: expect.any(String),
        devMessage: expect.any(String),
        source: 'chat-api',
      },
    });
  });

  it('answers AUTH_ERR_APIKEY_NOT_FOUND for a wrong key, without echoing any key', async () => {
    const reply = await chat(emu, 'GET', '/users', { headers: { apikey: 'not-the-key-123' } });
    expect(reply.status).toBe(401);
    expect(errorCode(reply.body)).toBe('AUTH_ERR_APIKEY_NOT_FOUND');
    expect(reply.text).not.toContain('not-the-key-123');
    expect(reply.text).not.toContain(emu.apiKey);
  });

  it('checks key and secret on the Management API', async () => {
    const none = await mgmt(emu, 'GET', '/webhooks', { headers: {} });
    expect([none.status, errorCode(none.body)]).toEqual([401, 'AUTH_ERR_EMPTY_AUTH_HEADER']);
    const wrong = await mgmt(emu, 'GET', '/webhooks', {
      headers: { key: emu.mgmtKey, secret: 'nope' },
    });
    expect([wrong.status, errorCode(wrong.body)]).toEqual([401, 'AUTH_ERR_APIKEY_NOT_FOUND']);
    expect(wrong.text).not.toContain(emu.mgmtSecret);
    const apiKeyOnly = await mgmt(emu, 'GET', '/webhooks', { headers: { apikey: emu.apiKey } });
    expect(apiKeyOnly.status).toBe(401);
    const otherApp = await call(emu, 'GET', '/apps/another-app/webhooks', {
      headers: { key: emu.mgmtKey, secret: emu.mgmtSecret },
    });
    expect([otherApp.status, errorCode(otherApp.body)]).toEqual([404, 'ERR_APP_NOT_FOUND']);
  });
});

describe('routing and request bodies', () => {
  it('answers ERR_API_NOT_FOUND for unknown paths, wrong methods and paths outside /v3', async () => {
    for (const [method, path] of [
      ['GET', '/v3/nothing-here'],
      ['PATCH', '/v3/users'],
      ['POST', '/v3/users/cometchat-uid-1'],
      ['GET', '/users'],
      ['GET', '/v2/users'],
    ] as const) {
      const reply = await call(emu, method, path);
      expect([method, path, reply.status, errorCode(reply.body)]).toEqual([
        method,
        path,
        404,
        'ERR_API_NOT_FOUND',
      ]);
    }
  });

  it('rejects malformed JSON with ERR_BAD_REQUEST', async () => {
    const reply = await chat(emu, 'POST', '/users', { raw: '{"uid": "x",' });
    expect(reply.status).toBe(400);
    expect(errorCode(reply.body)).toBe('ERR_BAD_REQUEST');
    expect(pick(reply.body, 'error', 'details', 'body')).toEqual(expect.any(Array));
  });

  it('rejects a body that is not an object, and bodies over 1 MB', async () => {
    const list = await chat(emu, 'POST', '/users', { body: [1, 2] });
    expect([list.status, errorCode(list.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
    const huge = await chat(emu, 'POST', '/users', {
      body: { uid: 'big', name: 'Big', metadata: { blob: 'x'.repeat(1_100_000) } },
    });
    expect([huge.status, errorCode(huge.body)]).toEqual([413, 'ERR_BAD_REQUEST']);
    expect(emu.store.users.has('big')).toBe(false);
  });

  it('answers unexpected exceptions with 500 ERR_MISSION_FAILED and no stack trace', async () => {
    const row = emu.store.users.get('cometchat-uid-1');
    if (!row) throw new Error('demo user missing');
    // A corrupted row makes the users list throw inside the handler.
    Object.assign(row, { name: 42 });
    const reply = await chat(emu, 'GET', '/users');
    expect(reply.status).toBe(500);
    expect(errorCode(reply.body)).toBe('ERR_MISSION_FAILED');
    expect(reply.text).not.toMatch(/at .*\.ts:\d+|TypeError|toLowerCase/);
    expect(unexpected.length).toBeGreaterThan(0);
  });
});

describe('onBehalfOf', () => {
  it('rejects an unknown user with ERR_UID_NOT_FOUND', async () => {
    const reply = await chat(emu, 'GET', '/users/cometchat-uid-2', { onBehalfOf: 'ghost-user' });
    expect(reply.status).toBe(404);
    expect(errorCode(reply.body)).toBe('ERR_UID_NOT_FOUND');
  });

  it('lowercases the header and applies viewer-relative fields', async () => {
    const reply = await chat(emu, 'GET', '/users/cometchat-uid-25', {
      onBehalfOf: 'CometChat-UID-1',
    });
    expect(reply.status).toBe(200);
    expect(pick(reply.body, 'data', 'conversationId')).toBe(
      'cometchat-uid-1_user_cometchat-uid-25',
    );
    expect(pick(reply.body, 'data', 'blockedByMe')).toBe(true);
    expect(emu.requests().at(-1)?.onBehalfOf).toBe('cometchat-uid-1');
  });

  it('treats a deactivated user as missing', async () => {
    await chat(emu, 'DELETE', '/users', { body: { uidsToDeactivate: ['cometchat-uid-3'] } });
    const reply = await chat(emu, 'GET', '/users/cometchat-uid-2', {
      onBehalfOf: 'cometchat-uid-3',
    });
    expect(errorCode(reply.body)).toBe('ERR_UID_NOT_FOUND');
  });
});

describe('request log', () => {
  it('records API requests (path with /v3, query, status) but not control requests', async () => {
    emu.clearRequests();
    const before = Date.now();
    await chat(emu, 'GET', '/users?perPage=2&page=1');
    await chat(emu, 'GET', '/users/nobody');
    await call(emu, 'GET', '/__emulator/requests', { headers: { apikey: emu.apiKey } });
    const log = emu.requests();
    expect(log).toEqual([
      {
        method: 'GET',
        path: '/v3/users',
        query: 'perPage=2&page=1',
        status: 200,
        at: expect.any(Number),
        finishedAt: expect.any(Number),
      },
      {
        method: 'GET',
        path: '/v3/users/nobody',
        query: '',
        status: 404,
        at: expect.any(Number),
        finishedAt: expect.any(Number),
      },
    ]);
    expect(log[0]?.at).toBeGreaterThanOrEqual(before);
    for (const entry of log) expect(entry.finishedAt).toBeGreaterThanOrEqual(entry.at);
  });
});
