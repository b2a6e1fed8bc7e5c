/**
 * The CometChat API key (and the management secret) must never reach a client or a log line.
 * One gateway goes through everything that talks about the upstream: answers, refusals, upstream
 * errors that quote the key, readiness failures, webhooks, metrics, GraphiQL and WebSocket
 * traffic, with every log line captured at trace level and no value scrubbing in the logger.
 * (Every other gateway test runs the same check when its gateway closes.)
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { FirstFiveUsersQuery, UserByUidQuery, ViewerQuery } from './operations.js';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({
    mode: 'embedded',
    deps: { readyCacheMs: 0 },
  });
});
afterAll(async () => {
  await t.close();
});

describe('the API key', () => {
  it('appears in no response body or log line, whatever happens', async () => {
    const key = t.emulator.apiKey;
    expect(key).toMatch(/^apikey[0-9a-f]{32}$/);

    await t.execute(FirstFiveUsersQuery, {}, { transport: 'overHttp' });
    await t.execute(ViewerQuery, {}, { token: null });
    await t.execute(ViewerQuery, {}, { token: 'wrong' });

    // CometChat's error messages sometimes quote the key that was used.
    const quoting = {
      error: { code: 'AUTH_ERR_APIKEY_NOT_FOUND', message: `The apikey ${key} is not valid.` },
    };
    t.emulator.injectFault({ path: '/v3/users/*', status: 401, body: quoting, times: 5 });
    t.emulator.injectFault({ path: '/v3/roles', status: 401, body: quoting, times: 5 });
    await t.execute(UserByUidQuery, { uid: 'cometchat-uid-1' });
    await t.inProcess('/ready');
    t.emulator.injectFault({ path: '/v3/users', status: 500, body: quoting, times: 5 });
    await t.execute(FirstFiveUsersQuery, {});
    t.emulator.injectFault({ path: '/v3/users/*', status: 200, body: { data: { uid: key } } });
    await t.execute(UserByUidQuery, { uid: 'cometchat-uid-2' });
    t.emulator.clearFaults();

    await t.inProcess('/ready');
    await t.inProcess('/metrics');
    await t.inProcess('/graphql', { headers: { accept: 'text/html' } });
    await t.inProcess('/webhooks/cometchat', { method: 'POST', body: `{"apikey":"${key}"` });

    const client = createClient({
      url: t.info.graphqlUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.config.adminTokens[0]}` },
      retryAttempts: 0,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        client.subscribe(
          { query: '{ users(first: 2) { nodes { uid } } }' },
          { next: (value) => t.record(JSON.stringify(value)), error: reject, complete: resolve },
        );
      });
    } finally {
      await client.dispose();
    }

    expect(t.logs.length).toBeGreaterThan(10);
    expect(t.bodies.length).toBeGreaterThan(10);
    expect(() => t.assertNoSecretLeaked()).not.toThrow();
  });

  it('would be caught by the check if it leaked', () => {
    t.logs.push(`{"msg":"oops ${t.emulator.apiKey}"}`);
    try {
      expect(() => t.assertNoSecretLeaked()).toThrow(/log line/);
    } finally {
      t.logs.pop();
    }
    t.bodies.push(`{"data":"${t.emulator.apiKey}"}`);
    try {
      expect(() => t.assertNoSecretLeaked()).toThrow(/response body/);
    } finally {
      t.bodies.pop();
    }
  });
});
