import { beforeEach, describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import { chat } from '../support/emulator-http.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-http.js';
import { useHarness } from '../support/harness.js';

const h = useHarness();
beforeEach(() => {
  h.emulator.clearRequests();
});

interface TokenNode {
  token: string;
  platform: string | null;
  userAgent: string | null;
  appInfo: Record<string, unknown> | null;
  createdAt: string;
  user: { uid: string } | null;
}

describe('User.authTokens', () => {
  it("lists a user's tokens, oldest first, with the token for an admin", async () => {
    const stored = h.emulator.store.authTokens.get(u(1)) ?? [];
    expect(stored).toHaveLength(2);
    const result = await h.query<{
      user: { authTokens: { totalCount: number; nodes: TokenNode[] } };
    }>(
      `{
        user(uid: "${u(1)}") {
          authTokens { totalCount nodes { token platform userAgent appInfo createdAt user { uid } } }
        }
      }`,
    );
    expect(result.errors).toBeUndefined();
    const tokens = result.data?.user.authTokens;
    expect(tokens?.totalCount).toBe(2);
    expect(tokens?.nodes).toEqual(
      stored.map((row) => ({
        token: row.authToken,
        platform: null,
        userAgent: null,
        appInfo: null,
        createdAt: new Date(row.createdAt * 1000).toISOString(),
        user: { uid: u(1) },
      })),
    );
  });

  it('shows the device details a token was updated with', async () => {
    const [row] = h.emulator.store.authTokens.get(u(2)) ?? [];
    if (!row) throw new Error('seed changed');
    const update = await chat(h.emulator, 'PUT', `/users/${u(2)}/auth_tokens/${row.authToken}`, {
      body: { platform: 'ios', userAgent: 'ChatApp/2.1', appInfo: { version: '2.1' } },
    });
    expect(update.status).toBe(200);
    const result = await h.query<{ user: { authTokens: { nodes: Partial<TokenNode>[] } } }>(
      `{ user(uid: "${u(2)}") { authTokens { nodes { platform userAgent appInfo } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.user.authTokens.nodes).toEqual([
      { platform: 'ios', userAgent: 'ChatApp/2.1', appInfo: { version: '2.1' } },
    ]);
  });

  it('is empty for a user without tokens', async () => {
    const result = await h.query(
      `{ user(uid: "${u(12)}") { authTokens { totalCount nodes { token } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ user: { authTokens: { totalCount: 0, nodes: [] } } });
  });

  it('pages with first/after, every token once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 4; i++) {
      const result: GraphQLResponse<{
        user: {
          authTokens: {
            nodes: { token: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
      }> = await h.query(
        `query ($after: String) {
          user(uid: "${u(1)}") {
            authTokens(first: 1, after: $after) { nodes { token } pageInfo { hasNextPage endCursor } }
          }
        }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data?.user.authTokens;
      seen.push(...(page?.nodes.map((node) => node.token) ?? []));
      if (!page?.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual((h.emulator.store.authTokens.get(u(1)) ?? []).map((row) => row.authToken));
  });

  it('is FORBIDDEN to a user caller, even for their own tokens, without an upstream call for them', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.asUser<{ user: unknown }>(
        u(1),
        `{ user(uid: "${u(1)}") { uid authTokens { nodes { platform } } } }`,
      );
      expect(errorCodes(result.errors)).toEqual(['FORBIDDEN']);
      expect(result.errors?.[0]?.path).toEqual(['user', 'authTokens']);
    });
    expect(calls).toBe(1);
    expect(h.emulator.requests().some((request) => request.path.endsWith('/auth_tokens'))).toBe(
      false,
    );
  });
});
