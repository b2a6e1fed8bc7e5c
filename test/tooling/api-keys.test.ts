/**
 * API keys through GraphQL against the emulator: the list and the lookup (never a key's value,
 * only its last 4 characters), and create, update and delete behind GATEWAY_ALLOW_KEY_MANAGEMENT:
 * input checks before any call, an unknown key, the gateway's own key refused, end users refused,
 * and a created key's value in its create answer only (never in another answer or a log line).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUid as u } from '../../src/emulator/seed-demo.js';
import {
  type InProcessGateway,
  startQuietGateway,
  startTestGateway,
  type TestGateway,
} from '../support/gateway.js';
import { ERROR_AND_VIOLATION_FIELDS, mutateOn, USER_ERROR_FIELDS } from '../support/harness.js';
import { expectCheckedFirst, expectSecretsKept } from '../support/tooling.js';

const KEY_FIELDS = 'keyId keyHint name scope createdAt isGatewayKey';
const LIST = `query ($scope: ApiKeyScope, $search: String) {
  apiKeys(scope: $scope, search: $search, first: 50) { totalCount edges { node { ${KEY_FIELDS} } } }
}`;
const LOOKUP = `query ($key: String!) { apiKey(key: $key) { ${KEY_FIELDS} } }`;
const CREATE = `mutation ($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) {
  __typename ... on ApiKeyCreatePayload { keyValue apiKey { ${KEY_FIELDS} } } ${ERROR_AND_VIOLATION_FIELDS} } }`;
const UPDATE = `mutation ($input: ApiKeyUpdateInput!) { apiKeyUpdate(input: $input) {
  __typename ... on ApiKeyUpdatePayload { apiKey { ${KEY_FIELDS} } } ${ERROR_AND_VIOLATION_FIELDS} } }`;
const DELETE = `mutation ($input: ApiKeyDeleteInput!) { apiKeyDelete(input: $input) {
  __typename ... on ApiKeyDeletePayload { keyId keyHint } ${USER_ERROR_FIELDS} } }`;

interface KeyNode {
  keyId: string;
  keyHint: string;
  name: string | null;
  scope: string | null;
  createdAt: string | null;
  isGatewayKey: boolean;
}

type Row = Record<string, unknown>;

async function listKeys(t: InProcessGateway, variables: Row = {}): Promise<KeyNode[]> {
  const response = await t.query<{ apiKeys: { edges: { node: KeyNode }[] } }>(LIST, variables);
  expect(response.errors).toBeUndefined();
  return response.data?.apiKeys.edges.map((e) => e.node) ?? [];
}

/** Runs one mutation as the admin; its root field and the emulator requests it caused. */
function run(t: InProcessGateway, document: string, input: Row) {
  return mutateOn<Row>(t, document, { input });
}

/** A chat API call with `key` as the apikey header, straight to the emulator. */
async function statusWithKey(t: InProcessGateway, key: string): Promise<number> {
  const response = await fetch(`${t.emulator.baseUrl}/users?perPage=1`, {
    headers: { apikey: key, accept: 'application/json' },
  });
  await response.arrayBuffer();
  return response.status;
}

describe('API keys with key management on', () => {
  let t: TestGateway;
  const created: string[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ env: { GATEWAY_ALLOW_KEY_MANAGEMENT: 'true' } });
  });
  afterAll(async () => {
    await t?.close(); // also checks that the gateway's own key never leaked
  });

  it("lists the app's keys with hints, the gateway's own key among them, in one call", async () => {
    let keys: KeyNode[] = [];
    const calls = await t.countUpstream(async () => {
      keys = await listKeys(t);
    });
    expect(calls).toBe(1);
    const own = keys.find((k) => k.isGatewayKey);
    expect(own).toMatchObject({
      scope: 'FULL_ACCESS',
      keyHint: `…${t.emulator.apiKey.slice(-4)}`,
      name: 'Rest API Key',
    });
    expect(own?.keyId).toMatch(/^key_[0-9a-f]{24}$/);
  });

  it('creates a key, shows its value once, and the new key works against the emulator', async () => {
    const { result, calls } = await run(t, CREATE, { name: 'Support tool', scope: 'FULL_ACCESS' });
    expect(calls).toBe(1);
    expect(result.__typename).toBe('ApiKeyCreatePayload');
    const value = result.keyValue as string;
    created.push(value);
    expect(value).toMatch(/^[0-9a-f]{40}$/);
    expect(result.apiKey).toMatchObject({
      name: 'Support tool',
      scope: 'FULL_ACCESS',
      keyHint: `…${value.slice(-4)}`,
      isGatewayKey: false,
    });
    expect(await statusWithKey(t, value)).toBe(200);

    const keys = await listKeys(t, { search: 'support' });
    expect(keys.map((k) => k.name)).toEqual(['Support tool']);
    const lookup = await t.query<{ apiKey: KeyNode | null }>(LOOKUP, { key: value });
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data?.apiKey).toMatchObject({
      name: 'Support tool',
      keyHint: `…${value.slice(-4)}`,
    });
  });

  it('answers null for an unknown key (CometChat 404), after one call', async () => {
    let data: { apiKey: KeyNode | null } | null | undefined;
    const calls = await t.countUpstream(async () => {
      const response = await t.query<{ apiKey: KeyNode | null }>(LOOKUP, {
        key: 'ffffffffffffffffffffffffffffffffffffffff',
      });
      expect(response.errors).toBeUndefined();
      data = response.data;
    });
    expect(calls).toBe(1);
    expect(data).toEqual({ apiKey: null });
  });

  it('renames a key and changes its scope; an authOnly key no longer works for the REST API', async () => {
    const { result: made } = await run(t, CREATE, { name: 'Importer', scope: 'FULL_ACCESS' });
    const value = made.keyValue as string;
    created.push(value);
    const keyId = (made.apiKey as KeyNode).keyId;
    const { result, calls, writes } = await run(t, UPDATE, {
      keyId,
      name: 'Importer (auth only)',
      scope: 'AUTH_ONLY',
    });
    expect([calls, writes]).toEqual([2, 1]); // find the key, then PUT
    expect(result.apiKey).toMatchObject({
      keyId,
      name: 'Importer (auth only)',
      scope: 'AUTH_ONLY',
    });
    expect(await statusWithKey(t, value)).toBe(401);
    const authOnly = await listKeys(t, { scope: 'AUTH_ONLY' });
    expect(authOnly.map((k) => k.keyId)).toContain(keyId);
  });

  it('deletes a key: it leaves the list and stops working', async () => {
    const { result: made } = await run(t, CREATE, { name: 'Short-lived', scope: 'FULL_ACCESS' });
    const value = made.keyValue as string;
    created.push(value);
    const keyId = (made.apiKey as KeyNode).keyId;
    const { result, writes } = await run(t, DELETE, { keyId });
    expect(writes).toBe(1);
    expect(result).toEqual({
      __typename: 'ApiKeyDeletePayload',
      keyId,
      keyHint: `…${value.slice(-4)}`,
    });
    expect((await listKeys(t)).map((k) => k.keyId)).not.toContain(keyId);
    expect(await statusWithKey(t, value)).toBe(401);
  });

  it('refuses bad input with a ValidationError before any call', async () => {
    await expectCheckedFirst(t, [
      [CREATE, { name: '', scope: 'AUTH_ONLY' }, ['input', 'name']],
      [CREATE, { name: 'x'.repeat(101), scope: 'AUTH_ONLY' }, ['input', 'name']],
      [UPDATE, { keyId: 'key_0123456789abcdef01234567' }, ['input']],
      [UPDATE, { keyId: 'not-a-key-id', name: 'x' }, ['input', 'keyId']],
      [DELETE, { keyId: 'f1915e328e249ffaaafd97fb46a57ba55d233fbf' }, ['input', 'keyId']],
    ]);
  });

  it('answers NotFoundError for a keyId the app does not have, without a write', async () => {
    const { result, writes } = await run(t, DELETE, { keyId: 'key_0123456789abcdef01234567' });
    expect(result).toMatchObject({ __typename: 'NotFoundError', path: ['input', 'keyId'] });
    expect(writes).toBe(0);
  });

  it("refuses to update or delete the gateway's own key (PermissionDeniedError, no write)", async () => {
    const own = (await listKeys(t)).find((k) => k.isGatewayKey);
    expect(own).toBeDefined();
    for (const [document, input] of [
      [UPDATE, { keyId: own?.keyId, name: 'renamed' }],
      [DELETE, { keyId: own?.keyId }],
    ] as const) {
      const { result, writes } = await run(t, document, input);
      expect(result).toMatchObject({
        __typename: 'PermissionDeniedError',
        path: ['input', 'keyId'],
      });
      expect(writes).toBe(0);
    }
    expect((await listKeys(t)).find((k) => k.isGatewayKey)?.name).toBe('Rest API Key');
  });

  it('refuses end users with FORBIDDEN, without a call', async () => {
    for (const [document, variables] of [
      [LIST, {}],
      [LOOKUP, { key: 'ffffffffffffffffffffffffffffffffffffffff' }],
      [CREATE, { input: { name: 'mine', scope: 'FULL_ACCESS' } }],
      [DELETE, { input: { keyId: 'key_0123456789abcdef01234567' } }],
    ] as const) {
      t.emulator.clearRequests();
      const response = await t.asUser(u(1), document, variables);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(t.emulator.requests().filter((r) => r.path.includes('/apikeys'))).toEqual([]);
    }
  });

  it('shows each created value in its create answer only, and never in a log line', () => {
    expect(created).toHaveLength(3);
    for (const value of created) {
      expect(t.bodies.filter((body) => body.includes(value))).toHaveLength(1);
      expect(t.logs.filter((line) => line.includes(value))).toEqual([]);
    }
    expectSecretsKept(t);
  });
});

describe('API keys with key management off (the default)', () => {
  let t: InProcessGateway;
  beforeAll(async () => {
    t = await startQuietGateway();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every key mutation FORBIDDEN naming the variable, without a call', async () => {
    for (const [document, input] of [
      [CREATE, { name: 'tool', scope: 'AUTH_ONLY' }],
      [UPDATE, { keyId: 'key_0123456789abcdef01234567', name: 'x' }],
      [DELETE, { keyId: 'key_0123456789abcdef01234567' }],
      [CREATE, { name: '', scope: 'AUTH_ONLY' }], // refused before the input is even checked
    ] as const) {
      t.emulator.clearRequests();
      const response = await t.query(document, { input });
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.errors?.[0]?.message).toContain('GATEWAY_ALLOW_KEY_MANAGEMENT=true');
      expect(t.emulator.requests()).toEqual([]);
    }
  });

  it('still lists keys', async () => {
    expect((await listKeys(t)).some((k) => k.isGatewayKey)).toBe(true);
  });
});
