import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { chat, dataOf, errorCode, listOf, pick } from '../support/emulator-http.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

describe('auth tokens', () => {
  const base = '/users/cometchat-uid-7/auth_tokens';

  it('creates a token, reuses it without force and makes a new one with force', async () => {
    const first = dataOf((await chat(emu, 'POST', base)).body);
    expect(first).toEqual({
      uid: 'cometchat-uid-7',
      authToken: expect.stringMatching(/^cometchat-uid-7_\d{10}[0-9a-f]{30}$/),
      createdAt: expect.any(Number),
    });
    const again = dataOf((await chat(emu, 'POST', base, { body: {} })).body);
    expect(again.authToken).toBe(first.authToken);
    const forced = dataOf((await chat(emu, 'POST', base, { body: { force: true } })).body);
    expect(forced.authToken).not.toBe(first.authToken);
    const list = await chat(emu, 'GET', base);
    expect(listOf(list.body).map((t) => t.authToken)).toEqual([first.authToken, forced.authToken]);
    expect(pick(list.body, 'meta', 'pagination', 'total')).toBe(2);
  });

  it('gets, updates and deletes one token; flushes all', async () => {
    const token = String(dataOf((await chat(emu, 'POST', base)).body).authToken);
    const one = await chat(emu, 'GET', `${base}/${token}`);
    expect(pick(one.body, 'data', 'authToken')).toBe(token);
    const updated = await chat(emu, 'PUT', `${base}/${token}`, {
      body: { platform: 'ios', userAgent: 'App/1.0', appInfo: { version: '1.0' } },
    });
    expect(dataOf(updated.body)).toMatchObject({
      platform: 'ios',
      userAgent: 'App/1.0',
      appInfo: { version: '1.0' },
    });
    const badInfo = await chat(emu, 'PUT', `${base}/${token}`, { body: { appInfo: 'x' } });
    expect(badInfo.status).toBe(400);
    const removed = await chat(emu, 'DELETE', `${base}/${token}`);
    expect(pick(removed.body, 'data', 'success')).toBe(true);
    const gone = await chat(emu, 'GET', `${base}/${token}`);
    expect([gone.status, errorCode(gone.body)]).toEqual([404, 'ERR_AUTH_TOKEN_NOT_FOUND']);

    await chat(emu, 'POST', base, { body: { force: true } });
    const flushed = await chat(emu, 'DELETE', base);
    expect(flushed.body).toEqual({
      data: { success: true, message: 'Cleared Auth Tokens successfully for uid cometchat-uid-7.' },
    });
    expect(listOf((await chat(emu, 'GET', base)).body)).toEqual([]);
  });

  it('rejects tokens of another user and unknown users', async () => {
    const seeded = emu.store.authTokens.get('cometchat-uid-1')?.[0]?.authToken ?? '';
    const foreign = await chat(emu, 'GET', `${base}/${seeded}`);
    expect(errorCode(foreign.body)).toBe('ERR_AUTH_TOKEN_NOT_FOUND');
    const nobody = await chat(emu, 'POST', '/users/nobody/auth_tokens');
    expect([nobody.status, errorCode(nobody.body)]).toEqual([404, 'ERR_UID_NOT_FOUND']);
    const badForce = await chat(emu, 'POST', base, { body: { force: 'yes' } });
    expect(badForce.status).toBe(400);
  });
});

describe('roles', () => {
  it('creates, lists, gets, updates and deletes a role', async () => {
    const created = await chat(emu, 'POST', '/roles', {
      body: {
        role: 'Support',
        name: 'Support',
        description: 'Helps customers',
        metadata: { tier: 1 },
        settings: { listUsers: 'friendsOnly', sendMessagesTo: 'all' },
      },
    });
    expect(created.body).toEqual({
      data: {
        role: 'support',
        name: 'Support',
        description: 'Helps customers',
        metadata: { tier: 1 },
        settings: { listUsers: 'friendsOnly', sendMessagesTo: 'all' },
        createdAt: expect.any(Number),
      },
    });
    const list = await chat(emu, 'GET', '/roles');
    expect(listOf(list.body).map((r) => r.role)).toEqual([
      'default',
      'moderator',
      'manager',
      'support',
    ]);
    expect(pick((await chat(emu, 'GET', '/roles/support')).body, 'data', 'name')).toBe('Support');
    const updated = await chat(emu, 'PUT', '/roles/support', {
      body: { name: 'Customer Support', unset: ['description', 'metadata'] },
    });
    const role = dataOf(updated.body);
    expect(role).toMatchObject({ role: 'support', name: 'Customer Support' });
    expect(role.description).toBeUndefined();
    expect(role.metadata).toBeUndefined();
    const removed = await chat(emu, 'DELETE', '/roles/support');
    expect(removed.body).toEqual({
      data: { success: true, message: 'Role support has been deleted successfully.' },
    });
    const gone = await chat(emu, 'GET', '/roles/support');
    expect([gone.status, errorCode(gone.body)]).toEqual([404, 'ERR_ROLE_NOT_FOUND']);
  });

  it('validates role bodies and rejects duplicates', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x' }, 'role'],
      [{ role: 'bad role', name: 'x' }, 'role'],
      [{ role: 'x' }, 'name'],
      [{ role: 'x', name: 'x', description: 'd'.repeat(256) }, 'description'],
      [{ role: 'x', name: 'x', settings: { listUsers: 'some' } }, 'settings'],
      [{ role: 'x', name: 'x', settings: { anything: 'all' } }, 'settings'],
      [{ role: 'Moderator', name: 'again' }, 'role'],
    ];
    for (const [body, field] of cases) {
      const reply = await chat(emu, 'POST', '/roles', { body });
      expect([field, reply.status, errorCode(reply.body)]).toEqual([field, 400, 'ERR_BAD_REQUEST']);
      expect(pick(reply.body, 'error', 'details', field)).toEqual([expect.any(String)]);
    }
  });

  it('never deletes the default role', async () => {
    const reply = await chat(emu, 'DELETE', '/roles/default');
    expect([reply.status, errorCode(reply.body)]).toEqual([403, 'ERR_ROLE_DELETE_DENIED']);
    expect((await chat(emu, 'GET', '/roles/default')).status).toBe(200);
  });

  it('moves the users of a deleted role back to default', async () => {
    expect(emu.store.users.get('cometchat-uid-3')?.role).toBe('manager');
    await chat(emu, 'DELETE', '/roles/manager');
    const user = await chat(emu, 'GET', '/users/cometchat-uid-3');
    expect(pick(user.body, 'data', 'role')).toBe('default');
    const byRole = await chat(emu, 'GET', '/users?role=manager');
    expect(listOf(byRole.body)).toEqual([]);
  });

  it('caps an app at 25 roles', async () => {
    for (let i = 0; i < 22; i++) {
      const reply = await chat(emu, 'POST', '/roles', { body: { role: `r${i}`, name: `R ${i}` } });
      expect(reply.status).toBe(200);
    }
    const over = await chat(emu, 'POST', '/roles', { body: { role: 'one-more', name: 'x' } });
    expect([over.status, errorCode(over.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
  });
});
