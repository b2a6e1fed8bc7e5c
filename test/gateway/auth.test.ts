import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAuthenticator, tokenFingerprint } from '../../src/auth.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ViewerQuery } from './operations.js';

const VIEWER = '{ viewer { kind user { uid } } }';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

function post(transport: 'inProcess' | 'overHttp', headers: Record<string, string>) {
  return t[transport]('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: VIEWER }),
  });
}

describe.each(['inProcess', 'overHttp'] as const)('authentication over HTTP (%s)', (transport) => {
  it('accepts an admin token and reports the caller as an admin', async () => {
    const { status, body } = await t.execute(ViewerQuery, {}, { transport });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.viewer).toEqual({ kind: 'ADMIN', user: null });
  });

  it('refuses a request without a token with 401 UNAUTHENTICATED', async () => {
    const response = await post(transport, {});
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toMatch(/Authorization: Bearer/);
  });

  it('refuses a wrong token', async () => {
    const response = await post(transport, { authorization: 'Bearer not-the-token' });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0].message).toBe('The bearer token is not valid.');
  });

  it('refuses a token that is not a bearer token, or a prefix of the real one', async () => {
    for (const authorization of [
      ADMIN_TOKEN,
      `Basic ${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN.slice(0, -1)}`,
      `Bearer ${ADMIN_TOKEN}x`,
    ]) {
      const response = await post(transport, { authorization });
      expect(response.status, authorization).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses unauthenticated GET queries too', async () => {
    const response = await t[transport](`/graphql?query=${encodeURIComponent(VIEWER)}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(401);
  });
});

describe('authentication over WebSocket', () => {
  function wsClient(connectionParams: Record<string, unknown>) {
    return createClient({
      url: t.info.graphqlUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: true,
    });
  }

  it('runs a query for a caller with an admin token in the connection parameters', async () => {
    const client = wsClient({ authorization: `Bearer ${ADMIN_TOKEN}` });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: VIEWER },
          { next: (data) => (value = data), error: reject, complete: () => resolve(value) },
        );
      });
      t.record(JSON.stringify(result));
      expect(result).toEqual({ data: { viewer: { kind: 'ADMIN', user: null } } });
    } finally {
      await client.dispose();
    }
  });

  it('accepts the header name in any case, as GraphiQL sends it', async () => {
    const client = wsClient({ Authorization: `Bearer ${ADMIN_TOKEN}` });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: VIEWER },
          { next: (data) => (value = data), error: reject, complete: () => resolve(value) },
        );
      });
      expect(result).toMatchObject({ data: { viewer: { kind: 'ADMIN' } } });
    } finally {
      await client.dispose();
    }
  });

  it('answers an invalid document with an error message, keeping the connection', async () => {
    const client = wsClient({ authorization: `Bearer ${ADMIN_TOKEN}` });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: '{ viewer { nope } }' },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        );
      });
      expect(errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
      const again = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        client.subscribe(
          { query: VIEWER },
          { next: (data) => (value = data), error: reject, complete: () => resolve(value) },
        );
      });
      expect(again).toMatchObject({ data: { viewer: { kind: 'ADMIN' } } });
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer wrong' }],
  ])('closes the connection with 4401 for %s', async (_label, params) => {
    const client = wsClient(params);
    try {
      const error = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: VIEWER },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        );
      });
      expect(error).toMatchObject({ code: 4401, reason: 'Unauthorized' });
    } finally {
      await client.dispose();
    }
  });
});

describe('the authenticator', () => {
  it('identifies admins by a short fingerprint, never the token', async () => {
    const authenticator = createAuthenticator({
      adminTokens: ['first-token', 'second-token'],
      jwt: null,
    });
    const caller = await authenticator.authenticate({ authorization: 'Bearer second-token' });
    expect(caller).toEqual({ kind: 'admin', tokenId: tokenFingerprint('second-token') });
    expect(JSON.stringify(caller)).not.toContain('second-token');
    expect(tokenFingerprint('second-token')).toMatch(/^[0-9a-f]{8}$/);
    await expect(
      authenticator.authenticate({ authorization: 'bearer   first-token ' }),
    ).resolves.toMatchObject({ kind: 'admin' });
  });
});
