import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { chat, dataOf, errorCode, listOf, pick, uidsOf } from '../support/emulator-http.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

describe('friends', () => {
  it('adds friends with per-uid results, both ways', async () => {
    const reply = await chat(emu, 'POST', '/users/cometchat-uid-8/friends', {
      body: { accepted: ['cometchat-uid-9', 'COMETCHAT-UID-10', 'cometchat-uid-8', 'ghost'] },
    });
    expect(reply.status).toBe(200);
    const accepted = pick(reply.body, 'data', 'accepted');
    expect(accepted).toMatchObject({
      'cometchat-uid-9': { success: true, message: 'Created relationship with status accepted.' },
      'cometchat-uid-10': { success: true },
      'cometchat-uid-8': { success: false, error: { code: 'ERR_CANNOT_FORM_SELF_RELATION' } },
      ghost: { success: false, error: { code: 'ERR_UID_NOT_FOUND' } },
    });
    const theirs = await chat(emu, 'GET', '/users/cometchat-uid-9/friends');
    expect(uidsOf(theirs.body)).toContain('cometchat-uid-8');
    const again = await chat(emu, 'POST', '/users/cometchat-uid-8/friends', {
      body: { accepted: ['cometchat-uid-9'] },
    });
    expect(pick(again.body, 'data', 'accepted', 'cometchat-uid-9', 'error', 'code')).toBe(
      'ERR_ALREADY_FRIEND',
    );
  });

  it('lists friends as users relative to the owner, with searchKey and paging', async () => {
    const list = await chat(emu, 'GET', '/users/cometchat-uid-1/friends');
    expect(uidsOf(list.body).sort()).toEqual([
      'cometchat-uid-2',
      'cometchat-uid-3',
      'cometchat-uid-4',
      'cometchat-uid-5',
    ]);
    expect(pick(list.body, 'data', 0, 'conversationId')).toMatch(/^cometchat-uid-1_user_/);
    expect(pick(list.body, 'meta', 'pagination', 'total')).toBe(4);
    const search = await chat(emu, 'GET', '/users/cometchat-uid-1/friends?searchKey=nan');
    expect(uidsOf(search.body)).toEqual(['cometchat-uid-3']);
    const paged = await chat(emu, 'GET', '/users/cometchat-uid-1/friends?perPage=3&page=2');
    expect(uidsOf(paged.body)).toHaveLength(1);
  });

  it('removes friends both ways', async () => {
    const reply = await chat(emu, 'DELETE', '/users/cometchat-uid-1/friends', {
      body: { friends: ['cometchat-uid-2'] },
    });
    expect(reply.body).toEqual({
      data: { success: true, message: 'Deleted the friend relations succussfully' },
    });
    expect(uidsOf((await chat(emu, 'GET', '/users/cometchat-uid-2/friends')).body)).toEqual([
      'cometchat-uid-3',
    ]);
    const bad = await chat(emu, 'DELETE', '/users/cometchat-uid-1/friends', { body: {} });
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
    const nobody = await chat(emu, 'GET', '/users/ghost/friends');
    expect(errorCode(nobody.body)).toBe('ERR_UID_NOT_FOUND');
  });
});

describe('blocked users', () => {
  it('blocks with per-uid results and lists the blocked users with block markers', async () => {
    const reply = await chat(emu, 'POST', '/users/cometchat-uid-6/blockedusers', {
      body: { blockedUids: ['cometchat-uid-7', 'cometchat-uid-6', 'ghost'] },
    });
    expect(reply.status).toBe(200);
    expect(dataOf(reply.body)).toEqual({
      'cometchat-uid-7': {
        success: true,
        message:
          'The user with UID cometchat-uid-6 has blocked user with UID cometchat-uid-7 successfully.',
      },
      'cometchat-uid-6': {
        success: false,
        message: expect.any(String),
        error: expect.objectContaining({ code: 'ERR_CANNOT_BLOCK_SELF' }),
      },
      ghost: {
        success: false,
        message: expect.any(String),
        error: expect.objectContaining({ code: 'ERR_UID_NOT_FOUND' }),
      },
    });
    const list = await chat(emu, 'GET', '/users/cometchat-uid-6/blockedusers');
    expect(listOf(list.body)).toEqual([
      expect.objectContaining({
        uid: 'cometchat-uid-7',
        blockedByMe: true,
        blockedByMeAt: expect.any(Number),
        conversationId: 'cometchat-uid-6_user_cometchat-uid-7',
      }),
    ]);
    const other = await chat(
      emu,
      'GET',
      '/users/cometchat-uid-7/blockedusers?direction=hasBlockedMe',
    );
    expect(listOf(other.body)).toEqual([
      expect.objectContaining({
        uid: 'cometchat-uid-6',
        blockedByMe: false,
        blockedAt: expect.any(Number),
      }),
    ]);
    expect(
      (await chat(emu, 'GET', '/users/cometchat-uid-7/blockedusers?direction=sideways')).status,
    ).toBe(400);
  });

  it('unblocks', async () => {
    const reply = await chat(emu, 'DELETE', '/users/cometchat-uid-1/blockedusers', {
      body: { blockedUids: ['cometchat-uid-25'] },
    });
    expect(pick(reply.body, 'data', 'cometchat-uid-25', 'success')).toBe(true);
    expect(listOf((await chat(emu, 'GET', '/users/cometchat-uid-1/blockedusers')).body)).toEqual(
      [],
    );
    const missing = await chat(emu, 'POST', '/users/cometchat-uid-1/blockedusers', { body: {} });
    expect([missing.status, errorCode(missing.body)]).toEqual([400, 'ERR_BAD_REQUEST']);
  });
});
