import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys, pick } from '../support/emulator-http.js';
import {
  type ChatEnv,
  code,
  createGroup,
  createUsers,
  data,
  list,
  startChat,
} from './chat-helpers.js';

let env: ChatEnv;

beforeAll(async () => {
  env = await startChat();
  await createUsers(env, ['alice', 'bob', 'carol', 'dave', 'erin']);
});
afterAll(() => env.close());

describe('POST /groups', () => {
  it('creates a group owned by the onBehalfOf user, who becomes its admin', async () => {
    const group = await createGroup(env, 'Hikers', {
      as: 'alice',
      members: { participants: ['bob'] },
    });
    expect(group).toMatchObject({
      guid: 'hikers',
      name: 'Group Hikers',
      type: 'public',
      owner: 'alice',
      scope: 'admin',
      hasJoined: true,
      membersCount: 2,
      conversationId: 'group_hikers',
      createdAt: env.now(),
    });
    expect(group).not.toHaveProperty('password');
  });

  it('makes the system user the owner of an app-level group without owner', async () => {
    const group = await createGroup(env, 'sysgroup');
    expect(group.owner).toBe('app_system');
    expect(group.membersCount).toBe(0);
    expect(group).not.toHaveProperty('hasJoined');
  });

  it('honours an explicit owner', async () => {
    const group = await createGroup(env, 'owned', { owner: 'carol' });
    expect(group).toMatchObject({ owner: 'carol', scope: 'admin', hasJoined: true });
    const missing = await env.call('POST', '/groups', {
      body: { guid: 'nobody', name: 'x', type: 'public', owner: 'ghost' },
    });
    expect(code(missing)).toBe('ERR_UID_NOT_FOUND');
  });

  it('validates the body with ERR_BAD_REQUEST details', async () => {
    const reply = await env.call('POST', '/groups', { body: { guid: 'bad id!', type: 'secret' } });
    expect(reply.status).toBe(400);
    expect(code(reply)).toBe('ERR_BAD_REQUEST');
    expect(keys(pick(reply.body, 'error', 'details')).sort()).toEqual(['guid', 'name', 'type']);
  });

  it('requires a password for password groups and hides it afterwards', async () => {
    const none = await env.call('POST', '/groups', {
      body: { guid: 'locked', name: 'Locked', type: 'password' },
    });
    expect(code(none)).toBe('ERR_EMPTY_GROUP_PASS');
    const group = await createGroup(env, 'locked', { type: 'password', password: 's3cret' });
    expect(group.type).toBe('password');
    expect(group).not.toHaveProperty('password');
  });

  it('rejects a duplicate guid', async () => {
    const reply = await env.call('POST', '/groups', {
      body: { guid: 'HIKERS', name: 'Again', type: 'public' },
    });
    expect(code(reply)).toBe('ERR_GUID_ALREADY_EXISTS');
  });
});

describe('GET /groups', () => {
  beforeAll(async () => {
    await createGroup(env, 'secret-club', { as: 'dave', type: 'private' });
    await env.call('PUT', '/groups/hikers', { body: { tags: ['outdoor'] } });
  });

  it('lists every group for the app, with page meta', async () => {
    const reply = await env.call('GET', '/groups?perPage=2&page=1');
    expect(list(reply)).toHaveLength(2);
    expect(reply.body.meta).toMatchObject({
      pagination: { total: 5, count: 2, per_page: 2, current_page: 1, total_pages: 3 },
    });
  });

  it('hides private groups from non-members and adds viewer fields', async () => {
    const asAlice = list(await env.call('GET', '/groups', { as: 'alice' }));
    expect(asAlice.map((g) => g.guid)).not.toContain('secret-club');
    expect(asAlice.find((g) => g.guid === 'hikers')).toMatchObject({
      hasJoined: true,
      scope: 'admin',
    });
    expect(asAlice.find((g) => g.guid === 'owned')).toMatchObject({ hasJoined: false });
    const asDave = list(await env.call('GET', '/groups', { as: 'dave' }));
    expect(asDave.map((g) => g.guid)).toContain('secret-club');
  });

  it('filters by hasJoined (only with onBehalfOf), type, tags and searchKey', async () => {
    const joined = list(await env.call('GET', '/groups?hasJoined=true', { as: 'bob' }));
    expect(joined.map((g) => g.guid)).toEqual(['hikers']);
    const ignored = list(await env.call('GET', '/groups?hasJoined=true'));
    expect(ignored).toHaveLength(5);
    const password = list(await env.call('GET', '/groups?type=password'));
    expect(password.map((g) => g.guid)).toEqual(['locked']);
    const tagged = list(await env.call('GET', '/groups?tags=outdoor&withTags=true'));
    expect(tagged).toEqual([expect.objectContaining({ guid: 'hikers', tags: ['outdoor'] })]);
    const search = list(await env.call('GET', '/groups?searchKey=group%20h&searchIn=name'));
    expect(search.map((g) => g.guid)).toEqual(['hikers']);
  });

  it('sorts by name, guid or createdAt in either order', async () => {
    const byGuid = list(await env.call('GET', '/groups?sortBy=guid&sortOrder=desc'));
    expect(byGuid.map((g) => g.guid)).toEqual([
      'sysgroup',
      'secret-club',
      'owned',
      'locked',
      'hikers',
    ]);
    const bad = await env.call('GET', '/groups?sortBy=size');
    expect(code(bad)).toBe('ERR_BAD_REQUEST');
    const perPage = await env.call('GET', '/groups?perPage=1001');
    expect(code(perPage)).toBe('ERR_BAD_REQUEST');
  });
});

describe('GET/PUT/DELETE /groups/:guid', () => {
  it('answers ERR_GUID_NOT_FOUND for an unknown group', async () => {
    const reply = await env.call('GET', '/groups/nope');
    expect(reply.status).toBe(404);
    expect(code(reply)).toBe('ERR_GUID_NOT_FOUND');
  });

  it('updates fields, unsets optional ones and records updatedBy', async () => {
    await env.call('PUT', '/groups/hikers', {
      body: { description: 'Walks', icon: 'https://x.io/i.png' },
    });
    env.tick();
    const reply = await env.call('PUT', '/groups/hikers', {
      as: 'alice',
      body: { name: 'Hikers', unset: ['icon'] },
    });
    expect(data(reply)).toMatchObject({
      name: 'Hikers',
      description: 'Walks',
      updatedBy: 'alice',
      updatedAt: env.now(),
    });
    expect(data(reply)).not.toHaveProperty('icon');
  });

  it('lets moderators update but not participants', async () => {
    await env.call('POST', '/groups/hikers/members', { body: { moderators: ['carol'] } });
    const moderator = await env.call('PUT', '/groups/hikers', {
      as: 'carol',
      body: { name: 'H2' },
    });
    expect(moderator.status).toBe(200);
    const participant = await env.call('PUT', '/groups/hikers', {
      as: 'bob',
      body: { name: 'H3' },
    });
    expect(code(participant)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const outsider = await env.call('PUT', '/groups/hikers', { as: 'erin', body: { name: 'H4' } });
    expect(code(outsider)).toBe('ERR_NOT_A_MEMBER');
  });

  it('transfers ownership from the app but ignores owner with onBehalfOf', async () => {
    const ignored = await env.call('PUT', '/groups/hikers', {
      as: 'alice',
      body: { owner: 'bob' },
    });
    expect(data(ignored).owner).toBe('alice');
    const notMember = await env.call('PUT', '/groups/hikers', { body: { owner: 'erin' } });
    expect(code(notMember)).toBe('ERR_NOT_A_MEMBER');
    const moved = await env.call('PUT', '/groups/hikers', { body: { owner: 'bob' } });
    expect(data(moved).owner).toBe('bob');
    const bob = data(await env.call('GET', '/groups/hikers', { as: 'bob' }));
    expect(bob).toMatchObject({ scope: 'admin', hasJoined: true });
  });

  it('deletes a group (admins only) with its conversation', async () => {
    await createGroup(env, 'doomed', { as: 'alice', members: { participants: ['bob'] } });
    const byParticipant = await env.call('DELETE', '/groups/doomed', { as: 'bob' });
    expect(code(byParticipant)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const reply = await env.call('DELETE', '/groups/doomed', { as: 'alice' });
    expect(data(reply)).toEqual({
      success: true,
      message: 'Group with guid doomed has been deleted successfully.',
    });
    expect(code(await env.call('GET', '/groups/doomed'))).toBe('ERR_GUID_NOT_FOUND');
    expect(env.emu.store.messagesByConversation.has('group_doomed')).toBe(false);
    expect(env.emu.store.groupsByUser.get('bob')?.has('doomed')).toBe(false);
  });
});
