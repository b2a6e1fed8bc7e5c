/**
 * The emulator's PLATFORM endpoints (users, auth tokens, roles, friends, blocked users, webhooks)
 * answer with bodies that validate against the pinned specs' response schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { type CallOptions, chat, mgmt, pick } from '../support/emulator-http.js';
import { type SpecName, validateResponse } from '../support/spec-validator.js';

let emu: Emulator;
let seededToken = '';

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  seededToken = emu.store.authTokens.get('cometchat-uid-1')?.[0]?.authToken ?? '';
});
afterAll(() => emu.close());

interface Case {
  spec: SpecName;
  method: string;
  /** The spec's path template. */
  template: string;
  /** The concrete path (chat: without /v3; management: after /apps/{appId}). */
  path: () => string;
  options?: CallOptions;
}

const chatCase = (
  method: string,
  template: string,
  path: string | (() => string),
  options?: CallOptions,
): Case => ({
  spec: 'chat',
  method,
  template,
  path: typeof path === 'string' ? () => path : path,
  ...(options ? { options } : {}),
});

const mgmtCase = (method: string, template: string, path: string, body?: unknown): Case => ({
  spec: 'management',
  method,
  template,
  path: () => path,
  ...(body !== undefined ? { options: { body } } : {}),
});

// In order: later cases rely on what earlier ones created.
const cases: Case[] = [
  chatCase('POST', '/users', '/users', {
    body: { uid: 'spec-user', name: 'Spec User', tags: ['t'], withAuthToken: true },
  }),
  chatCase('GET', '/users', '/users?withTags=true', { onBehalfOf: 'cometchat-uid-1' }),
  chatCase('GET', '/users', '/users?searchKey=an&status=available&perPage=5&page=2'),
  chatCase('GET', '/users/{uid}', '/users/cometchat-uid-25', { onBehalfOf: 'cometchat-uid-1' }),
  chatCase('PUT', '/users/{uid}', '/users/spec-user', {
    body: { name: 'Spec User 2', metadata: { a: 1 }, unset: ['avatar'] },
  }),
  chatCase('DELETE', '/users', '/users', { body: { uidsToDeactivate: ['spec-user'] } }),
  chatCase('PUT', '/users', '/users', { body: { uidsToActivate: ['spec-user'] } }),
  chatCase('POST', '/users/{uid}/auth_tokens', '/users/spec-user/auth_tokens', {
    body: { force: true },
  }),
  chatCase('GET', '/users/{uid}/auth_tokens', '/users/cometchat-uid-1/auth_tokens'),
  chatCase(
    'GET',
    '/users/{uid}/auth_tokens/{authToken}',
    () => `/users/cometchat-uid-1/auth_tokens/${seededToken}`,
  ),
  chatCase(
    'PUT',
    '/users/{uid}/auth_tokens/{authToken}',
    () => `/users/cometchat-uid-1/auth_tokens/${seededToken}`,
    { body: { platform: 'web', userAgent: 'Spec', appInfo: { v: 1 } } },
  ),
  chatCase(
    'DELETE',
    '/users/{uid}/auth_tokens/{authToken}',
    () => `/users/cometchat-uid-1/auth_tokens/${seededToken}`,
  ),
  chatCase('DELETE', '/users/{uid}/auth_tokens', '/users/cometchat-uid-2/auth_tokens'),
  chatCase('POST', '/roles', '/roles', {
    body: { role: 'spec-role', name: 'Spec', settings: { listUsers: 'all' }, metadata: { x: 1 } },
  }),
  chatCase('GET', '/roles', '/roles'),
  chatCase('GET', '/roles/{role}', '/roles/manager'),
  chatCase('PUT', '/roles/{role}', '/roles/spec-role', {
    body: { description: 'Updated', unset: ['metadata'] },
  }),
  chatCase('DELETE', '/roles/{role}', '/roles/spec-role'),
  chatCase('POST', '/users/{uid}/friends', '/users/spec-user/friends', {
    body: { accepted: ['cometchat-uid-1', 'spec-user', 'ghost'] },
  }),
  chatCase('GET', '/users/{uid}/friends', '/users/cometchat-uid-1/friends?searchKey=g'),
  chatCase('DELETE', '/users/{uid}/friends', '/users/spec-user/friends', {
    body: { friends: ['cometchat-uid-1'] },
  }),
  chatCase('POST', '/users/{uid}/blockedusers', '/users/spec-user/blockedusers', {
    body: { blockedUids: ['cometchat-uid-2', 'spec-user'] },
  }),
  chatCase('GET', '/users/{uid}/blockedusers', '/users/spec-user/blockedusers'),
  chatCase(
    'GET',
    '/users/{uid}/blockedusers',
    '/users/cometchat-uid-2/blockedusers?direction=both',
  ),
  chatCase('DELETE', '/users/{uid}/blockedusers', '/users/spec-user/blockedusers', {
    body: { blockedUids: ['cometchat-uid-2'] },
  }),
  chatCase('DELETE', '/users/{uid}', '/users/spec-user', { body: { permanent: true } }),
  mgmtCase('POST', '/apps/{appId}/webhooks', '/webhooks', {
    id: 'spec-hook',
    name: 'Spec hook',
    webhookURL: 'https://example.com/hook',
    useBasicAuth: true,
    username: 'u',
    password: 'p',
  }),
  mgmtCase('GET', '/apps/{appId}/webhooks', '/webhooks?perPage=10'),
  mgmtCase('GET', '/apps/{appId}/webhooks/{webhookId}', '/webhooks/spec-hook'),
  mgmtCase('PUT', '/apps/{appId}/webhooks/{webhookId}', '/webhooks/spec-hook', { enabled: false }),
  mgmtCase('POST', '/apps/{appId}/webhooks/{webhookId}/triggers', '/webhooks/spec-hook/triggers', {
    triggerIds: ['message_sent', 'message_read_receipt'],
  }),
  mgmtCase('GET', '/apps/{appId}/webhooks/{webhookId}/triggers', '/webhooks/spec-hook/triggers'),
  mgmtCase(
    'DELETE',
    '/apps/{appId}/webhooks/{webhookId}/triggers',
    '/webhooks/spec-hook/triggers',
    {
      triggerIds: ['message_sent'],
    },
  ),
  mgmtCase('DELETE', '/apps/{appId}/webhooks/{webhookId}', '/webhooks/spec-hook'),
];

describe('platform responses match the pinned specs', () => {
  it.each(cases.map((c) => [`${c.spec} ${c.method} ${c.template}`, c] as const))(
    '%s',
    async (_name, c) => {
      const reply =
        c.spec === 'chat'
          ? await chat(emu, c.method, c.path(), c.options)
          : await mgmt(emu, c.method, c.path(), c.options);
      expect(reply.status, reply.text).toBe(200);
      expect(pick(reply.body, 'data'), reply.text).toBeDefined();
      expect(validateResponse(c.spec, c.method, c.template, reply.status, reply.body)).toEqual([]);
    },
  );

  it('reports a mismatch, so that the checks above can fail', () => {
    const wrong = { data: { uid: 7, createdAt: 'yesterday', metadata: 'x' } };
    expect(validateResponse('chat', 'GET', '/users/{uid}', 200, wrong)).toHaveLength(3);
    expect(validateResponse('chat', 'GET', '/users/{nope}', 200, {})).toEqual([
      'the chat spec has no path /users/{nope}',
    ]);
    const list = { data: [{ id: 5, enabled: 'yes' }], meta: { pagination: { total: '1' } } };
    expect(validateResponse('management', 'GET', '/apps/{appId}/webhooks', 200, list)).toHaveLength(
      3,
    );
  });
});
