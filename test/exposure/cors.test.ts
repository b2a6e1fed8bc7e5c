/**
 * CORS: none by default outside emulator mode, exact origins from CORS_ORIGINS (with credentials),
 * loopback origins in emulator mode so local frontends work, and preflights answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type InProcessGateway, startQuietGateway } from '../support/gateway.js';

const APP = 'https://app.example.com';
const ADMIN_APP = 'https://admin.example.com:8443';

let closed: InProcessGateway;
let listed: InProcessGateway;
let emulated: InProcessGateway;
beforeAll(async () => {
  [closed, listed, emulated] = await Promise.all([
    startQuietGateway(),
    startQuietGateway({ env: { CORS_ORIGINS: `${APP}, ${ADMIN_APP}` } }),
    startQuietGateway({ mode: 'embedded' }),
  ]);
});
afterAll(async () => {
  await Promise.all([closed.close(), listed.close(), emulated.close()]);
});

function query(gateway: InProcessGateway, origin: string): Promise<Response> {
  return gateway.inProcess('/graphql', {
    method: 'POST',
    headers: {
      origin,
      'content-type': 'application/json',
      authorization: `Bearer ${gateway.config.adminTokens[0] ?? ADMIN_TOKEN}`,
    },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

function preflight(gateway: InProcessGateway, origin: string): Promise<Response> {
  return gateway.inProcess('/graphql', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

function expectNoCors(response: Response): void {
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-credentials')).toBeNull();
}

describe('CORS outside emulator mode, by default', () => {
  it.each([APP, 'http://localhost:3000', 'null'])('gives %s no CORS headers', async (origin) => {
    const response = await query(closed, origin);
    expect(response.status).toBe(200);
    expectNoCors(response);
    expectNoCors(await preflight(closed, origin));
  });
});

describe('CORS_ORIGINS', () => {
  it.each([APP, ADMIN_APP])('lets %s read answers, with credentials', async (origin) => {
    const response = await query(listed, origin);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('answers a preflight from a listed origin', async () => {
    const response = await preflight(listed, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it.each([
    'https://evil.example.com',
    'http://app.example.com',
    'https://app.example.com.evil.com',
    'https://admin.example.com',
    'http://localhost:3000',
  ])('gives the unlisted %s nothing, not even on a preflight', async (origin) => {
    expectNoCors(await query(listed, origin));
    expectNoCors(await preflight(listed, origin));
  });

  it('gives nothing to a request without Origin (not a browser cross-origin call)', async () => {
    const response = await listed.query('{ __typename }');
    expect(response.data).toEqual({ __typename: 'Query' });
  });
});

describe('CORS in emulator mode', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:3000', 'http://localhost'])(
    'lets the local frontend %s call it',
    async (origin) => {
      const response = await query(emulated, origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      const answer = await preflight(emulated, origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    },
  );

  it.each([
    'https://app.example.com',
    'http://localhost.evil.com',
    'http://127.0.0.1.evil.com:3000',
  ])('still gives %s nothing', async (origin) => {
    expectNoCors(await query(emulated, origin));
  });
});
