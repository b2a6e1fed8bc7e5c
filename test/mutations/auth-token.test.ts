import { describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import { mutationDocument, type UserErrorShape, useHarness } from '../support/harness.js';

const h = useHarness();

interface TokenView {
  token: string;
  platform: string | null;
  userAgent: string | null;
  appInfo: Record<string, unknown> | null;
}

async function tokensOf(uid: string): Promise<{ totalCount: number; nodes: TokenView[] }> {
  const response = await h.query<{
    user: { authTokens: { totalCount: number; nodes: TokenView[] } };
  }>(
    'query ($uid: String!) { user(uid: $uid) { authTokens(first: 100) { totalCount nodes { token platform userAgent appInfo } } } }',
    { uid },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.user.authTokens ?? { totalCount: -1, nodes: [] };
}

const CREATE = mutationDocument('authTokenCreate', 'authToken { token createdAt user { uid } }');

interface CreateResult extends Partial<UserErrorShape> {
  authToken?: { token: string; createdAt: string; user: { uid: string } };
}

describe('authTokenCreate', () => {
  it('hands back the latest token without force and issues a new one with it', async () => {
    const before = await tokensOf(u(1));
    const latest = before.nodes[before.nodes.length - 1]?.token;
    expect(before.totalCount).toBe(2);

    const reused = await h.mutate<CreateResult>(CREATE, { input: { uid: u(1).toUpperCase() } });
    // The write, plus the lookup that `user { uid }` costs.
    expect(h.emulator.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v3/users/${u(1)}/auth_tokens`,
      `GET /v3/users/${u(1)}`,
    ]);
    expect(reused.calls).toBe(2);
    expect(reused.result.authToken?.token).toBe(latest);

    const forced = await h.mutate<CreateResult>(CREATE, { input: { uid: u(1), force: true } });
    expect(forced.result.__typename).toBe('AuthTokenCreatePayload');
    expect(forced.result.authToken?.token).not.toBe(latest);
    expect(forced.result.authToken?.token).toMatch(new RegExp(`^${u(1)}_`));
    expect(forced.result.authToken?.user.uid).toBe(u(1));

    const after = await tokensOf(u(1));
    expect(after.totalCount).toBe(3);
    expect(after.nodes.map((n) => n.token)).toContain(forced.result.authToken?.token);
  });

  it('rejects a malformed uid before any upstream call', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(CREATE, {
      input: { uid: 'no spaces' },
    });
    expect(calls).toBe(0);
    expect(result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });
  });

  it('maps an unknown user to NotFoundError', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(CREATE, {
      input: { uid: 'nobody-here', force: true },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});

const UPDATE = mutationDocument(
  'authTokenUpdate',
  'authToken { token platform userAgent appInfo }',
);

describe('authTokenUpdate', () => {
  it('records the device of a token, visible in the token list', async () => {
    const token = (await tokensOf(u(2))).nodes[0]?.token ?? '';
    const { result, calls } = await h.mutate<{ authToken?: TokenView }>(UPDATE, {
      input: {
        uid: u(2),
        token,
        platform: 'android',
        userAgent: 'ChatApp/2.1',
        appInfo: { version: '2.1.0' },
      },
    });
    expect(calls).toBe(1);
    const expected = {
      token,
      platform: 'android',
      userAgent: 'ChatApp/2.1',
      appInfo: { version: '2.1.0' },
    };
    expect(result.authToken).toEqual(expected);
    expect((await tokensOf(u(2))).nodes).toContainEqual(expected);

    const partial = await h.mutate<{ authToken?: TokenView }>(UPDATE, {
      input: { uid: u(2), token, platform: 'ios' },
    });
    expect(partial.result.authToken).toEqual({ ...expected, platform: 'ios' });
  });

  it('rejects an empty change or a malformed token before any upstream call', async () => {
    const empty = await h.mutate<UserErrorShape>(UPDATE, { input: { uid: u(2), token: 'abc' } });
    expect(empty.calls).toBe(0);
    expect(empty.result).toMatchObject({ __typename: 'ValidationError', path: ['input'] });

    const malformed = await h.mutate<UserErrorShape>(UPDATE, {
      input: { uid: u(2), token: '../x', platform: 'web' },
    });
    expect(malformed.calls).toBe(0);
    expect(malformed.result).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'token'],
    });
  });

  it('maps an unknown token to NotFoundError on token', async () => {
    const { result, calls } = await h.mutate<UserErrorShape>(UPDATE, {
      input: { uid: u(2), token: `${u(2)}_0000`, platform: 'web' },
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'token'],
      code: 'ERR_AUTH_TOKEN_NOT_FOUND',
    });
    expect(result.message).not.toContain(`${u(2)}_0000`);
  });
});

const DELETE = mutationDocument('authTokenDelete', 'uid user { authTokens { totalCount } }');

describe('authTokenDelete', () => {
  it('revokes one token', async () => {
    const token = (await tokensOf(u(3))).nodes[0]?.token ?? '';
    const { result } = await h.mutate<Record<string, unknown>>(DELETE, {
      input: { uid: u(3), token },
    });
    expect(result).toEqual({
      __typename: 'AuthTokenDeletePayload',
      uid: u(3),
      user: { authTokens: { totalCount: 0 } },
    });
    expect((await tokensOf(u(3))).nodes.map((n) => n.token)).not.toContain(token);
  });

  it('rejects an empty token before any upstream call and maps an unknown one', async () => {
    const empty = await h.mutate<UserErrorShape>(DELETE, { input: { uid: u(3), token: ' ' } });
    expect(empty.calls).toBe(0);
    expect(empty.result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'token'] });

    const unknown = await h.mutate<UserErrorShape>(DELETE, {
      input: { uid: u(3), token: `${u(3)}_gone` },
    });
    expect(unknown.calls).toBe(1);
    expect(unknown.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'token'],
      code: 'ERR_AUTH_TOKEN_NOT_FOUND',
    });
  });
});

const FLUSH = mutationDocument('authTokensFlush', 'uid');

describe('authTokensFlush', () => {
  it("revokes every token of a user and no one else's", async () => {
    expect((await tokensOf(u(4))).totalCount).toBeGreaterThan(0);
    const { result, calls } = await h.mutate<Record<string, unknown>>(FLUSH, {
      input: { uid: u(4) },
    });
    expect(calls).toBe(1);
    expect(result).toEqual({ __typename: 'AuthTokensFlushPayload', uid: u(4) });
    expect((await tokensOf(u(4))).totalCount).toBe(0);
    expect((await tokensOf(u(5))).totalCount).toBeGreaterThan(0);
  });

  it('rejects a malformed uid before any upstream call and maps an unknown one', async () => {
    const bad = await h.mutate<UserErrorShape>(FLUSH, { input: { uid: 'x'.repeat(101) } });
    expect(bad.calls).toBe(0);
    expect(bad.result).toMatchObject({ __typename: 'ValidationError', path: ['input', 'uid'] });

    const unknown = await h.mutate<UserErrorShape>(FLUSH, { input: { uid: 'nobody-here' } });
    expect(unknown.result).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'uid'],
      code: 'ERR_UID_NOT_FOUND',
    });
  });
});
