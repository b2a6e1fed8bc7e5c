import { describe, expect, it } from 'vitest';
import {
  createAuthToken,
  deleteAuthToken,
  flushAuthTokens,
  getAuthToken,
  listAuthTokens,
  updateAuthToken,
} from '../../src/upstream/auth-tokens.js';
import { createUser } from '../../src/upstream/users.js';
import { expectFailure, uniqueId, useEmulator } from './harness.js';

const h = useEmulator('none');

async function freshUser(): Promise<string> {
  return (await createUser(h.client, { uid: uniqueId('tok'), name: 'Token Owner' })).uid;
}

describe('auth tokens against the emulator', () => {
  it('creates, lists, gets and updates a token', async () => {
    const uid = await freshUser();
    const token = await createAuthToken(h.client, uid);
    expect(token.uid).toBe(uid);
    expect(token.authToken).toMatch(new RegExp(`^${uid}_`));
    expect(token.createdAt).toBeInstanceOf(Date);

    const forced = await createAuthToken(h.client, uid, { force: true });
    expect(forced.authToken).not.toBe(token.authToken);

    const page = await listAuthTokens(h.client, uid, { perPage: 10 });
    expect(page.items.map((t) => t.authToken)).toEqual(
      expect.arrayContaining([token.authToken, forced.authToken]),
    );

    const one = await getAuthToken(h.client, uid, token.authToken);
    expect(one.authToken).toBe(token.authToken);

    const updated = await updateAuthToken(h.client, uid, token.authToken, {
      platform: 'web',
      userAgent: 'vitest',
      appInfo: { version: '1.0.0' },
    });
    expect(updated).toMatchObject({
      platform: 'web',
      userAgent: 'vitest',
      appInfo: { version: '1.0.0' },
    });
  });

  it('deletes one token, then flushes the rest', async () => {
    const uid = await freshUser();
    const a = await createAuthToken(h.client, uid, { force: true });
    await createAuthToken(h.client, uid, { force: true });
    expect((await deleteAuthToken(h.client, uid, a.authToken)).success).toBe(true);
    expect((await listAuthTokens(h.client, uid)).items).toHaveLength(1);
    expect((await flushAuthTokens(h.client, uid)).success).toBe(true);
    expect((await listAuthTokens(h.client, uid)).items).toHaveLength(0);
  });

  it('answers not_found for an unknown token and keeps the token out of the error', async () => {
    const uid = await freshUser();
    const secretToken = `${uid}_0000000000secrettokenvalue`;
    const error = await expectFailure(
      h,
      getAuthToken(h.client, uid, secretToken),
      'not_found',
      'ERR_AUTH_TOKEN_NOT_FOUND',
    );
    expect(error.path).toBe(`/users/${uid}/auth_tokens/[redacted]`);
    expect(error.message).not.toContain(secretToken);
  });

  it('answers not_found for tokens of an unknown user', async () => {
    await expectFailure(
      h,
      listAuthTokens(h.client, 'nobody-here'),
      'not_found',
      'ERR_UID_NOT_FOUND',
    );
  });
});
