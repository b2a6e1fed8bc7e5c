/**
 * End-user identity over HTTP and WebSocket: JWTs (HS256 secret, RS256/ES256 from a JWKS URL),
 * CometChat auth tokens, and admins acting as a user with X-Act-As. Every refusal happens before
 * the document is parsed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { chat, dataOf } from '../support/emulator-http.js';
import { ADMIN_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.js';

const SECRET = 'an-hs256-secret-for-tests-0123456789abcdef';
const VIEWER = '{ viewer { kind user { uid } } }';
const U1 = 'cometchat-uid-1';

async function hsJwt(
  claims: Record<string, unknown>,
  options: { secret?: string; exp?: string | number; sub?: string | null } = {},
): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (options.sub !== null) jwt = jwt.setSubject(options.sub ?? U1);
  jwt = jwt.setExpirationTime(options.exp ?? '10m');
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

function post(
  t: TestGateway,
  headers: Record<string, string>,
  query = VIEWER,
  transport: 'inProcess' | 'overHttp' = 'inProcess',
) {
  return t[transport]('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}

describe('end users by JWT (HS256 secret)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      env: {
        GATEWAY_JWT_SECRET: SECRET,
        GATEWAY_JWT_ISSUER: 'https://backend.example',
        GATEWAY_JWT_AUDIENCE: 'chat-gateway',
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });
  const good = { iss: 'https://backend.example', aud: 'chat-gateway' };

  it.each(['inProcess', 'overHttp'] as const)('acts as the user in `sub` (%s)', async (how) => {
    const response = await post(t, { authorization: `Bearer ${await hsJwt(good)}` }, VIEWER, how);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { viewer: { kind: 'USER', user: { uid: U1 } } },
    });
  });

  it('sends every upstream call of that user on their behalf', async () => {
    const token = await hsJwt(good);
    t.emulator.clearRequests();
    const response = await post(
      t,
      { authorization: `Bearer ${token}` },
      `{ viewer { user { name conversations(first: 5) { nodes { conversationId } } } } }`,
    );
    expect(response.status).toBe(200);
    const calls = t.emulator.requests();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.onBehalfOf === U1)).toBe(true);
  });

  it.each([
    [
      'a wrong signature',
      () => hsJwt(good, { secret: 'another-secret-another-secret-0123456789' }),
    ],
    ['an expired token', () => hsJwt(good, { exp: Math.floor(Date.now() / 1000) - 600 })],
    ['a wrong issuer', () => hsJwt({ ...good, iss: 'https://evil.example' })],
    ['a wrong audience', () => hsJwt({ ...good, aud: 'someone-else' })],
    ['no subject', () => hsJwt(good, { sub: null })],
    ['a user that does not exist', () => hsJwt(good, { sub: 'no-such-user-anywhere' })],
    ['an invalid uid', () => hsJwt(good, { sub: 'a b/c' })],
    ['an unsigned token', async () => `${(await hsJwt(good)).split('.').slice(0, 2).join('.')}.`],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, make) => {
    const response = await post(t, { authorization: `Bearer ${await make()}` });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a deactivated user', async () => {
    const uid = 'cometchat-uid-24';
    const fresh = await startTestGateway({ env: { GATEWAY_JWT_SECRET: SECRET } });
    try {
      await chat(fresh.emulator, 'DELETE', '/users', { body: { uidsToDeactivate: [uid] } });
      const response = await post(fresh, {
        authorization: `Bearer ${await hsJwt({}, { sub: uid })}`,
      });
      expect(response.status).toBe(401);
    } finally {
      await fresh.close();
    }
  });

  it('answers an anonymous caller the same whatever the document says', async () => {
    const probes = [
      '{ viewer { kind } }',
      '{ noSuchField }',
      '{ users { nodes { passwordHash } } }',
      '{{{',
    ];
    const answers = new Set<string>();
    for (const query of probes) {
      const response = await post(t, {}, query);
      expect(response.status).toBe(401);
      answers.add(await response.text());
    }
    expect(answers.size).toBe(1);
  });

  it('does not let a user act as someone else with X-Act-As', async () => {
    const response = await post(t, {
      authorization: `Bearer ${await hsJwt(good)}`,
      'x-act-as': 'cometchat-uid-2',
    });
    expect(response.status).toBe(403);
    expect((await response.json()).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('checks a burst of requests with one upstream call', async () => {
    const token = await hsJwt(good, { sub: 'cometchat-uid-7' });
    t.emulator.clearRequests();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        post(t, { authorization: `Bearer ${token}` }, '{ viewer { kind } }'),
      ),
    );
    const checks = t.emulator
      .requests()
      .filter((call) => call.method === 'GET' && call.path === '/v3/users/cometchat-uid-7');
    expect(checks).toHaveLength(1);
  });

  describe('over WebSocket', () => {
    function run(connectionParams: Record<string, unknown>, query = VIEWER) {
      const client = createClient({
        url: t.info.graphqlUrl.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
      });
      return new Promise<unknown>((resolve) => {
        let value: unknown;
        client.subscribe(
          { query },
          {
            next: (data) => (value = data),
            error: (error) => resolve({ error }),
            complete: () => resolve(value),
          },
        );
      }).finally(() => client.dispose());
    }

    it('acts as the JWT user', async () => {
      expect(await run({ authorization: `Bearer ${await hsJwt(good)}` })).toEqual({
        data: { viewer: { kind: 'USER', user: { uid: U1 } } },
      });
    });

    it('closes with 4401 for a bad JWT and 4403 for X-Act-As from a user', async () => {
      expect(
        await run({ authorization: `Bearer ${await hsJwt(good, { secret: 'x'.repeat(40) })}` }),
      ).toMatchObject({
        error: { code: 4401 },
      });
      expect(
        await run({ authorization: `Bearer ${await hsJwt(good)}`, 'x-act-as': 'cometchat-uid-2' }),
      ).toMatchObject({ error: { code: 4403 } });
    });

    it('lets an admin act as a user', async () => {
      expect(
        await run({ authorization: `Bearer ${ADMIN_TOKEN}`, 'X-Act-As': 'cometchat-uid-3' }),
      ).toEqual({ data: { viewer: { kind: 'USER', user: { uid: 'cometchat-uid-3' } } } });
    });
  });
});

describe('end users by JWT from a JWKS URL (RS256, ES256)', () => {
  let t: TestGateway;
  let jwksServer: Server;
  let rsa: CryptoKey;
  let ec: CryptoKey;
  beforeAll(async () => {
    const rsaPair = await generateKeyPair('RS256');
    const ecPair = await generateKeyPair('ES256');
    rsa = rsaPair.privateKey;
    ec = ecPair.privateKey;
    const keys = [
      { ...(await exportJWK(rsaPair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ecPair.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    t = await startTestGateway({
      env: { GATEWAY_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it.each([
    ['RS256', 'rsa-1'],
    ['ES256', 'ec-1'],
  ])('accepts a %s token', async (alg, kid) => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg, kid })
      .setSubject('cometchat-uid-2')
      .setExpirationTime('5m')
      .sign(alg === 'RS256' ? rsa : ec);
    const response = await post(t, { authorization: `Bearer ${token}` });
    expect(await response.json()).toEqual({
      data: { viewer: { kind: 'USER', user: { uid: 'cometchat-uid-2' } } },
    });
  });

  it('refuses an HS256 token signed with anything', async () => {
    const response = await post(t, { authorization: `Bearer ${await hsJwt({})}` });
    expect(response.status).toBe(401);
  });
});

describe('end users by CometChat auth token', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
  });

  async function issue(uid: string): Promise<string> {
    const reply = await chat(t.emulator, 'POST', `/users/${uid}/auth_tokens`, {
      body: { force: true },
    });
    return dataOf(reply.body).authToken as string;
  }

  it('acts as the token owner, checked once for a burst', async () => {
    const token = await issue('cometchat-uid-4');
    t.emulator.clearRequests();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(t, { authorization: `CometChat ${token}` })),
    );
    for (const response of responses) {
      expect(await response.json()).toEqual({
        data: { viewer: { kind: 'USER', user: { uid: 'cometchat-uid-4' } } },
      });
    }
    const checks = t.emulator.requests().filter((call) => call.path.includes('/auth_tokens/'));
    expect(checks).toHaveLength(1);
    expect(checks[0]?.onBehalfOf).toBe('cometchat-uid-4');
  });

  it('refuses a token CometChat does not know, a forged owner and a deleted token', async () => {
    const token = await issue('cometchat-uid-5');
    const forged = token.replace('cometchat-uid-5', 'cometchat-uid-1');
    for (const value of [`${token}0`, forged, 'garbage', `cometchat-uid-5_${'0'.repeat(40)}`]) {
      const response = await post(t, { authorization: `CometChat ${value}` });
      expect(response.status, value).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const body = await (await post(t, { authorization: `CometChat ${forged}` })).text();
    expect(body).not.toContain(forged);
  });

  it('creates a token through the gateway that then works as a credential', async () => {
    const created = await t.query<{ authTokenCreate: { authToken?: { token: string } } }>(
      `mutation { authTokenCreate(input: { uid: "cometchat-uid-6", force: true }) {
        ... on AuthTokenCreatePayload { authToken { token } } } }`,
    );
    const token = created.data?.authTokenCreate.authToken?.token;
    expect(token).toMatch(/^cometchat-uid-6_/);
    const response = await post(t, { authorization: `CometChat ${token}` });
    expect(await response.json()).toEqual({
      data: { viewer: { kind: 'USER', user: { uid: 'cometchat-uid-6' } } },
    });
  });

  it('accepts the same token sent as a bearer token, and refuses an unknown one', async () => {
    const token = await issue('cometchat-uid-7');
    const response = await post(t, { authorization: `Bearer ${token}` });
    expect(await response.json()).toEqual({
      data: { viewer: { kind: 'USER', user: { uid: 'cometchat-uid-7' } } },
    });
    for (const value of [`${token}0`, token.replace('cometchat-uid-7', 'cometchat-uid-1')]) {
      const refused = await post(t, { authorization: `Bearer ${value}` });
      expect(refused.status, value).toBe(401);
      expect((await refused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('admins acting as a user (X-Act-As)', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
  });

  it('acts as the named user for every upstream call', async () => {
    t.emulator.clearRequests();
    const response = await post(
      t,
      { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-act-as': 'cometchat-uid-2' },
      '{ viewer { user { uid } } conversations(first: 3) { nodes { conversationId } } }',
    );
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer.user.uid).toBe('cometchat-uid-2');
    const calls = t.emulator.requests();
    expect(calls.every((call) => call.onBehalfOf === 'cometchat-uid-2')).toBe(true);
  });

  it('refuses a user that does not exist', async () => {
    const response = await post(t, {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'x-act-as': 'nobody-here',
    });
    expect(response.status).toBe(401);
  });

  it('ignores onBehalfOf and apikey headers and uids in extensions', async () => {
    t.emulator.clearRequests();
    const response = await t.inProcess('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'x-act-as': 'cometchat-uid-2',
        onBehalfOf: 'cometchat-uid-1',
        apikey: 'another-key',
      },
      body: JSON.stringify({
        query: '{ viewer { user { uid } } }',
        extensions: { onBehalfOf: 'cometchat-uid-1', actAs: 'cometchat-uid-1' },
      }),
    });
    expect((await response.json()).data.viewer.user.uid).toBe('cometchat-uid-2');
    expect(t.emulator.requests().every((call) => call.onBehalfOf === 'cometchat-uid-2')).toBe(true);
  });
});
