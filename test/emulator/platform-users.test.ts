import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { conversationIdFor } from '../../src/emulator/store.js';
import { chat, dataOf, errorCode, listOf, pick, uidsOf } from '../support/emulator-http.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

async function createUsers(count: number, prefix: string, extra: Record<string, unknown> = {}) {
  for (let i = 1; i <= count; i++) {
    const reply = await chat(emu, 'POST', '/users', {
      body: { uid: `${prefix}-${i}`, name: `${prefix} ${i}`, ...extra },
    });
    expect(reply.status).toBe(200);
  }
}

describe('POST /users', () => {
  it('creates a user with defaults, lowercasing the uid', async () => {
    const reply = await chat(emu, 'POST', '/users', {
      body: { uid: 'New_User-1', name: 'New User', tags: ['a'], metadata: { team: 'x' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      data: {
        uid: 'new_user-1',
        name: 'New User',
        metadata: { team: 'x' },
        status: 'offline',
        role: 'default',
        createdAt: expect.any(Number),
        tags: ['a'],
      },
    });
    expect((await chat(emu, 'GET', '/users/NEW_USER-1')).status).toBe(200);
  });

  it('returns an auth token with withAuthToken', async () => {
    const reply = await chat(emu, 'POST', '/users', {
      body: { uid: 'with-token', name: 'Token', withAuthToken: true },
    });
    expect(pick(reply.body, 'data', 'authToken')).toMatch(/^with-token_\d{10}[0-9a-f]{30}$/);
  });

  it('validates uid charset and length, name, tags, metadata size, urls and role', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'No uid' }, 'uid'],
      [{ uid: 'has space', name: 'x' }, 'uid'],
      [{ uid: 'a'.repeat(101), name: 'x' }, 'uid'],
      [{ uid: 'ok-uid' }, 'name'],
      [{ uid: 'ok-uid', name: 'n'.repeat(101) }, 'name'],
      [{ uid: 'ok-uid', name: 'x', tags: Array.from({ length: 26 }, (_, i) => `t${i}`) }, 'tags'],
      [{ uid: 'ok-uid', name: 'x', metadata: { blob: 'x'.repeat(6000) } }, 'metadata'],
      [{ uid: 'ok-uid', name: 'x', avatar: 'not a url' }, 'avatar'],
      [{ uid: 'ok-uid', name: 'x', withAuthToken: 'yes' }, 'withAuthToken'],
    ];
    for (const [body, field] of cases) {
      const reply = await chat(emu, 'POST', '/users', { body });
      expect([field, reply.status, errorCode(reply.body)]).toEqual([field, 400, 'ERR_BAD_REQUEST']);
      expect(pick(reply.body, 'error', 'details', field)).toEqual([expect.any(String)]);
    }
    const okay = await chat(emu, 'POST', '/users', {
      body: {
        uid: 'a'.repeat(100),
        name: 'x',
        tags: Array.from({ length: 25 }, (_, i) => `t${i}`),
      },
    });
    expect(okay.status).toBe(200);
    const role = await chat(emu, 'POST', '/users', {
      body: { uid: 'ok-uid', name: 'x', role: 'astronaut' },
    });
    expect([role.status, errorCode(role.body)]).toEqual([404, 'ERR_ROLE_NOT_FOUND']);
  });

  it('answers a duplicate uid (in any case) with 409 ERR_UID_ALREADY_EXISTS', async () => {
    const reply = await chat(emu, 'POST', '/users', {
      body: { uid: 'CometChat-UID-1', name: 'Again' },
    });
    expect([reply.status, errorCode(reply.body)]).toEqual([409, 'ERR_UID_ALREADY_EXISTS']);
  });
});

describe('GET /users', () => {
  it('pages with perPage default 100 and rejects perPage over 1000', async () => {
    await createUsers(40, 'bulk');
    const first = await chat(emu, 'GET', '/users');
    expect(pick(first.body, 'meta', 'pagination')).toEqual({
      total: 105,
      count: 100,
      per_page: 100,
      current_page: 1,
      total_pages: 2,
    });
    const second = await chat(emu, 'GET', '/users?page=2');
    expect(uidsOf(second.body)).toHaveLength(5);
    const all = [...uidsOf(first.body), ...uidsOf(second.body)];
    expect(new Set(all).size).toBe(105);
    expect((await chat(emu, 'GET', '/users?perPage=1000')).status).toBe(200);
    const tooMany = await chat(emu, 'GET', '/users?perPage=1001');
    expect([tooMany.status, errorCode(tooMany.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
    expect((await chat(emu, 'GET', '/users?page=0')).status).toBe(400);
  });

  it('filters by searchKey (prefix of uid or name) and searchIn', async () => {
    const both = uidsOf((await chat(emu, 'GET', '/users?searchKey=geo')).body);
    expect(both).toEqual(['cometchat-uid-2']);
    expect(uidsOf((await chat(emu, 'GET', '/users?searchKey=alan')).body)).toEqual([]);
    const byUid = uidsOf(
      (await chat(emu, 'GET', '/users?searchKey=cometchat-uid-2&perPage=1000')).body,
    );
    expect(byUid.sort()).toEqual([
      'cometchat-uid-2',
      'cometchat-uid-20',
      'cometchat-uid-21',
      'cometchat-uid-22',
      'cometchat-uid-23',
      'cometchat-uid-24',
      'cometchat-uid-25',
    ]);
    const nameOnly = await chat(emu, 'GET', '/users?searchKey=cometchat&searchIn=name');
    expect(uidsOf(nameOnly.body)).toEqual([]);
    const uidOnly = await chat(emu, 'GET', '/users?searchKey=george&searchIn[]=uid');
    expect(uidsOf(uidOnly.body)).toEqual([]);
    expect((await chat(emu, 'GET', '/users?searchIn=email')).status).toBe(400);
  });

  it('filters by status, role, roles and tags; includes tags only with withTags', async () => {
    const available = await chat(emu, 'GET', '/users?status=available&perPage=1000');
    expect(pick(available.body, 'data', 0, 'tags')).toBeUndefined();
    for (const user of uidsOf(available.body)) {
      expect(emu.store.users.get(user)?.status).toBe('available');
    }
    expect((await chat(emu, 'GET', '/users?status=online')).status).toBe(400);
    expect(uidsOf((await chat(emu, 'GET', '/users?role=manager')).body).sort()).toEqual([
      'cometchat-uid-10',
      'cometchat-uid-3',
    ]);
    const roles = uidsOf((await chat(emu, 'GET', '/users?roles=manager,moderator')).body);
    expect(roles.sort()).toEqual([
      'cometchat-uid-10',
      'cometchat-uid-2',
      'cometchat-uid-3',
      'cometchat-uid-7',
    ]);
    const tagged = await chat(emu, 'GET', '/users?tags=lead,sales&withTags=true');
    for (const item of listOf(tagged.body)) {
      const tags = item.tags;
      expect(Array.isArray(tags) && tags.some((t) => t === 'lead' || t === 'sales')).toBe(true);
    }
    expect(uidsOf(tagged.body).length).toBeGreaterThan(0);
  });

  it('hides deactivated users unless withDeactivated or onlyDeactivated', async () => {
    const off = await chat(emu, 'DELETE', '/users', {
      body: { uidsToDeactivate: ['cometchat-uid-5', 'COMETCHAT-UID-6', 'nobody'] },
    });
    expect(off.body).toEqual({ data: { deactivatedUids: ['cometchat-uid-5', 'cometchat-uid-6'] } });
    const visible = uidsOf((await chat(emu, 'GET', '/users?perPage=1000')).body);
    expect(visible).not.toContain('cometchat-uid-5');
    const only = uidsOf((await chat(emu, 'GET', '/users?onlyDeactivated=true')).body);
    expect(only.sort()).toEqual(['cometchat-uid-5', 'cometchat-uid-6']);
    const withThem = uidsOf((await chat(emu, 'GET', '/users?withDeactivated=1&perPage=1000')).body);
    expect(withThem).toHaveLength(65);
    expect((await chat(emu, 'GET', '/users/cometchat-uid-5')).status).toBe(404);

    const on = await chat(emu, 'PUT', '/users', { body: { uidsToActivate: ['cometchat-uid-5'] } });
    expect(on.body).toEqual({ data: { nonDeactivatedUids: ['cometchat-uid-5'] } });
    expect((await chat(emu, 'GET', '/users/cometchat-uid-5')).status).toBe(200);
    const bad = await chat(emu, 'DELETE', '/users', { body: { uidsToDeactivate: 'x' } });
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
  });
});

describe('/users/:uid', () => {
  it('answers ERR_UID_NOT_FOUND for a missing user', async () => {
    const reply = await chat(emu, 'GET', '/users/no-such-user');
    expect(reply.status).toBe(404);
    expect(errorCode(reply.body)).toBe('ERR_UID_NOT_FOUND');
    expect(pick(reply.body, 'error', 'message')).toContain('no-such-user');
  });

  it('updates fields, unsets avatar/link/metadata and validates the role', async () => {
    const reply = await chat(emu, 'PUT', '/users/cometchat-uid-1', {
      body: { name: 'Andy', role: 'manager', tags: ['x'], unset: ['avatar', 'link', 'metadata'] },
    });
    expect(reply.status).toBe(200);
    const user = dataOf(reply.body);
    expect(user).toMatchObject({ name: 'Andy', role: 'manager', tags: ['x'] });
    expect(user.avatar).toBeUndefined();
    expect(user.link).toBeUndefined();
    expect(user.metadata).toBeUndefined();
    expect(user.updatedAt).toEqual(expect.any(Number));
    const badUnset = await chat(emu, 'PUT', '/users/cometchat-uid-1', {
      body: { unset: ['name'] },
    });
    expect(badUnset.status).toBe(400);
    const badRole = await chat(emu, 'PUT', '/users/cometchat-uid-1', { body: { role: 'nope' } });
    expect(errorCode(badRole.body)).toBe('ERR_ROLE_NOT_FOUND');
    const emptyName = await chat(emu, 'PUT', '/users/cometchat-uid-1', { body: { name: '' } });
    expect(emptyName.status).toBe(400);
  });

  it('deletes a user with its memberships, keeping messages unless permanent', async () => {
    const conversation = conversationIdFor('user', 'cometchat-uid-1', 'cometchat-uid-3');
    const messagesBefore = emu.store.messagesByConversation.get(conversation)?.length ?? 0;
    expect(messagesBefore).toBeGreaterThan(0);
    const reply = await chat(emu, 'DELETE', '/users/cometchat-uid-3');
    expect(reply.body).toEqual({
      data: { success: true, message: 'User with cometchat-uid-3 has been deleted successfully.' },
    });
    expect(emu.store.member('cometchat-guid-1', 'cometchat-uid-3')).toBeUndefined();
    expect(emu.store.groupsByUser.get('cometchat-uid-3')).toBeUndefined();
    expect(emu.store.friends.get('cometchat-uid-1')?.has('cometchat-uid-3')).toBe(false);
    expect(emu.store.messagesByConversation.get(conversation)?.length).toBe(messagesBefore);
    expect((await chat(emu, 'GET', '/users/cometchat-uid-3')).status).toBe(404);
    expect((await chat(emu, 'DELETE', '/users/cometchat-uid-3')).status).toBe(404);
  });

  it('a permanent delete also removes the user’s messages and conversations', async () => {
    const conversation = conversationIdFor('user', 'cometchat-uid-1', 'cometchat-uid-4');
    const reply = await chat(emu, 'DELETE', '/users/cometchat-uid-4', {
      body: { permanent: true },
    });
    expect(reply.status).toBe(200);
    expect(emu.store.messagesByConversation.get(conversation)).toBeUndefined();
    expect(emu.store.userConversations.get('cometchat-uid-1')?.has(conversation)).toBe(false);
    const sent = [...emu.store.messages.values()].filter((m) => m.sender === 'cometchat-uid-4');
    expect(sent).toEqual([]);
    const bad = await chat(emu, 'DELETE', '/users/cometchat-uid-5', { body: { permanent: 'yes' } });
    expect(bad.status).toBe(400);
  });
});
