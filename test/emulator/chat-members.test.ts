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
const users = ['owner', 'adm', 'mod', 'mod2', 'p1', 'p2', 'p3', 'out', 'banme'];

beforeAll(async () => {
  env = await startChat();
  await createUsers(env, users);
  await createGroup(env, 'team', { as: 'owner' });
});
afterAll(() => env.close());

async function actions(guid: string): Promise<Array<[unknown, unknown, unknown]>> {
  const reply = await env.call('GET', `/groups/${guid}/messages?category=action&limit=100`);
  return list(reply).map((m) => [
    pick(m, 'data', 'action'),
    pick(m, 'data', 'entities', 'on', 'entity', 'uid'),
    m.sender,
  ]);
}

describe('POST /groups/:guid/members', () => {
  it('adds by bucket with admin > moderator > participant precedence and action messages', async () => {
    const reply = await env.call('POST', '/groups/team/members', {
      body: {
        admins: ['adm'],
        moderators: ['mod', 'adm', 'MOD2'],
        participants: ['p1', 'p2', 'mod', 'ghost'],
        usersToBan: ['banme'],
      },
    });
    expect(reply.status).toBe(200);
    const result = data(reply);
    expect(keys(result.admins)).toEqual(['adm']);
    expect(keys(result.moderators)).toEqual(['mod', 'mod2']);
    expect(keys(result.participants)).toEqual(['p1', 'p2', 'ghost']);
    expect(pick(result, 'usersToBan', 'banme')).toEqual({ success: true });
    expect(pick(result, 'participants', 'ghost')).toMatchObject({
      success: false,
      error: { code: 'ERR_UID_NOT_FOUND' },
    });
    const added = pick(result, 'admins', 'adm', 'data');
    expect(added).toMatchObject({
      conversationId: 'group_team',
      sender: 'app_system',
      receiverType: 'group',
      receiver: 'team',
      category: 'action',
      type: 'groupMember',
      data: {
        action: 'added',
        entities: {
          by: { entity: { uid: 'app_system', name: 'System' }, entityType: 'user' },
          on: { entity: { uid: 'adm' }, entityType: 'user' },
          for: { entity: { guid: 'team' }, entityType: 'group' },
        },
      },
    });
    expect(typeof pick(added, 'id')).toBe('string');
  });

  it('reports ERR_ALREADY_JOINED and ERR_BANNED_GROUPMEMBER per uid', async () => {
    const reply = await env.call('POST', '/groups/team/members', {
      body: { participants: ['p1', 'banme', 'p3'] },
    });
    const result = data(reply);
    expect(pick(result, 'participants', 'p1', 'error', 'code')).toBe('ERR_ALREADY_JOINED');
    expect(pick(result, 'participants', 'banme', 'error', 'code')).toBe('ERR_BANNED_GROUPMEMBER');
    expect(pick(result, 'participants', 'p3', 'success')).toBe(true);
  });

  it('allows at most 25 uids across buckets', async () => {
    const uids = Array.from({ length: 26 }, (_, i) => `u${i}`);
    const reply = await env.call('POST', '/groups/team/members', {
      body: { participants: uids.slice(0, 20), moderators: uids.slice(20) },
    });
    expect(reply.status).toBe(400);
    expect(code(reply)).toBe('ERR_BAD_REQUEST');
    const empty = await env.call('POST', '/groups/team/members', { body: {} });
    expect(code(empty)).toBe('ERR_BAD_REQUEST');
  });

  it('enforces scopes with onBehalfOf, and lets a user join a public group', async () => {
    const byModerator = await env.call('POST', '/groups/team/members', {
      as: 'mod',
      body: { participants: ['out'] },
    });
    expect(code(byModerator)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const byOutsider = await env.call('POST', '/groups/team/members', {
      as: 'out',
      body: { participants: ['p2'] },
    });
    expect(code(byOutsider)).toBe('ERR_NOT_A_MEMBER');
    const join = await env.call('POST', '/groups/team/members', {
      as: 'out',
      body: { participants: ['out'] },
    });
    expect(pick(data(join), 'participants', 'out', 'data', 'data', 'action')).toBe('joined');
    await createGroup(env, 'closed', { as: 'owner', type: 'private' });
    const closed = await env.call('POST', '/groups/closed/members', {
      as: 'out',
      body: { participants: ['out'] },
    });
    expect(code(closed)).toBe('ERR_GROUP_JOIN_NOT_ALLOWED');
    const byAdmin = await env.call('POST', '/groups/closed/members', {
      as: 'owner',
      body: { participants: ['out'] },
    });
    expect(pick(data(byAdmin), 'participants', 'out', 'data', 'sender')).toBe('owner');
  });
});

describe('GET /groups/:guid/members', () => {
  it('lists members with user fields, scope and joinedAt, filtered by scopes', async () => {
    const reply = await env.call('GET', '/groups/team/members?perPage=3');
    expect(list(reply)[0]).toMatchObject({
      uid: 'owner',
      name: 'Name owner',
      scope: 'admin',
      joinedAt: env.now(),
      status: expect.any(String),
      role: 'default',
    });
    expect(pick(reply.body, 'meta', 'pagination')).toMatchObject({
      total: 8,
      count: 3,
      per_page: 3,
    });
    const mods = list(await env.call('GET', '/groups/team/members?scopes=moderator'));
    expect(mods.map((m) => m.uid)).toEqual(['mod', 'mod2']);
    const both = list(await env.call('GET', '/groups/team/members?scopes=admin,moderator'));
    expect(both.map((m) => m.uid)).toEqual(['owner', 'adm', 'mod', 'mod2']);
    expect(code(await env.call('GET', '/groups/team/members?scopes=owner'))).toBe(
      'ERR_BAD_REQUEST',
    );
  });
});

describe('PUT /groups/:guid/members/:uid', () => {
  it('changes scope and answers {guid, uid, scope, joinedAt}', async () => {
    const reply = await env.call('PUT', '/groups/team/members/p1', {
      body: { scope: 'moderator' },
    });
    expect(data(reply)).toEqual({
      guid: 'team',
      uid: 'p1',
      scope: 'moderator',
      joinedAt: env.now(),
    });
    const same = await env.call('PUT', '/groups/team/members/p1', { body: { scope: 'moderator' } });
    expect(code(same)).toBe('ERR_SAME_SCOPE');
    const bad = await env.call('PUT', '/groups/team/members/p1', { body: { scope: 'owner' } });
    expect(code(bad)).toBe('ERR_BAD_REQUEST');
    const outsider = await env.call('PUT', '/groups/team/members/ghost', {
      body: { scope: 'admin' },
    });
    expect(code(outsider)).toBe('ERR_UID_NOT_FOUND');
    const nonMember = await env.call('PUT', '/groups/closed/members/p2', {
      body: { scope: 'admin' },
    });
    expect(code(nonMember)).toBe('ERR_NOT_A_MEMBER');
  });

  it('applies the moderator and participant rules', async () => {
    const promote = await env.call('PUT', '/groups/team/members/p2', {
      as: 'mod',
      body: { scope: 'moderator' },
    });
    expect(promote.status).toBe(200);
    const toAdmin = await env.call('PUT', '/groups/team/members/p2', {
      as: 'mod',
      body: { scope: 'admin' },
    });
    expect(code(toAdmin)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const onAdmin = await env.call('PUT', '/groups/team/members/adm', {
      as: 'mod',
      body: { scope: 'participant' },
    });
    expect(code(onAdmin)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const demote = await env.call('PUT', '/groups/team/members/p2', {
      as: 'mod',
      body: { scope: 'participant' },
    });
    expect(demote.status).toBe(200);
    const self = await env.call('PUT', '/groups/team/members/mod', {
      as: 'mod',
      body: { scope: 'participant' },
    });
    expect(code(self)).toBe('ERR_GROUP_NO_SELF_ACTION');
    const byParticipant = await env.call('PUT', '/groups/team/members/p3', {
      as: 'p2',
      body: { scope: 'moderator' },
    });
    expect(code(byParticipant)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const onOwner = await env.call('PUT', '/groups/team/members/owner', {
      as: 'adm',
      body: { scope: 'participant' },
    });
    expect(code(onOwner)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
  });
});

describe('kick, ban, unban', () => {
  it('kicks: moderators only participants, admins anyone', async () => {
    const modOnMod = await env.call('DELETE', '/groups/team/members/mod2', { as: 'mod' });
    expect(code(modOnMod)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const kick = await env.call('DELETE', '/groups/team/members/p3', { as: 'mod' });
    expect(data(kick)).toEqual({
      success: true,
      message: 'The member with p3 has been kicked from the Group with team.',
    });
    const again = await env.call('DELETE', '/groups/team/members/p3', { as: 'adm' });
    expect(code(again)).toBe('ERR_NOT_A_MEMBER');
    const adminKick = await env.call('DELETE', '/groups/team/members/mod2', { as: 'adm' });
    expect(adminKick.status).toBe(200);
  });

  it('bans (removing membership), lists and unbans', async () => {
    const ban = await env.call('POST', '/groups/team/bannedusers/p2', { as: 'mod' });
    expect(data(ban)).toMatchObject({ success: true });
    const members = list(await env.call('GET', '/groups/team/members'));
    expect(members.map((m) => m.uid)).not.toContain('p2');
    const twice = await env.call('POST', '/groups/team/bannedusers/p2');
    expect(code(twice)).toBe('ERR_ALREADY_BANNED');
    const banned = list(await env.call('GET', '/groups/team/bannedusers'));
    expect(banned.map((u) => u.uid)).toEqual(['banme', 'p2']);
    expect(banned[0]).toMatchObject({ name: 'Name banme', isBanned: true });
    const readd = await env.call('POST', '/groups/team/members', {
      body: { participants: ['p2'] },
    });
    expect(pick(data(readd), 'participants', 'p2', 'error', 'code')).toBe('ERR_BANNED_GROUPMEMBER');
    const byParticipant = await env.call('DELETE', '/groups/team/bannedusers/p2', { as: 'out' });
    expect(code(byParticipant)).toBe('ERR_GROUP_NO_SCOPE_CLEARANCE');
    const unban = await env.call('DELETE', '/groups/team/bannedusers/p2', { as: 'adm' });
    expect(data(unban)).toMatchObject({ success: true });
    const notBanned = await env.call('DELETE', '/groups/team/bannedusers/p2');
    expect(code(notBanned)).toBe('ERR_NOT_A_BANNED_USER');
    const self = await env.call('POST', '/groups/team/bannedusers/mod', { as: 'mod' });
    expect(code(self)).toBe('ERR_GROUP_NO_SELF_ACTION');
  });

  it('stores a groupMember action message for every change, sent by the actor', async () => {
    const all = await actions('team');
    expect(all).toEqual(
      expect.arrayContaining([
        ['added', 'adm', 'app_system'],
        ['banned', 'banme', 'app_system'],
        ['joined', 'out', 'out'],
        ['scopeChanged', 'p1', 'app_system'],
        ['scopeChanged', 'p2', 'mod'],
        ['kicked', 'p3', 'mod'],
        ['kicked', 'mod2', 'adm'],
        ['banned', 'p2', 'mod'],
        ['unbanned', 'p2', 'adm'],
      ]),
    );
    const scope = list(
      await env.call('GET', '/groups/team/messages?category=action&limit=100'),
    ).find((m) => pick(m, 'data', 'action') === 'scopeChanged');
    expect(pick(scope, 'data', 'extras', 'scope')).toEqual({
      old: 'participant',
      new: 'moderator',
    });
  });
});
