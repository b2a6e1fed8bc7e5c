import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/context.js';
import { WEBHOOK_TRIGGERS } from '../../src/emulator/webhooks.js';
import { UpstreamClient } from '../../src/upstream/client.js';
import { WEBHOOK_TRIGGER_IDS } from '../../src/webhooks/triggers.js';
import { startTestGateway } from '../support/gateway.js';
import type { GraphQLResponse } from '../support/graphql-http.js';
import {
  mutationDocument,
  USER_ERROR_FIELDS,
  useHarness,
  VIOLATION_FIELDS,
} from '../support/harness.js';

const h = useHarness();
beforeEach(() => {
  h.emulator.reset();
});

type Data = Record<string, Record<string, unknown> | null>;

const ERRORS = `${USER_ERROR_FIELDS} ${VIOLATION_FIELDS}`;
const WEBHOOK = `webhook { id webhookId name url triggers useBasicAuth basicAuthUsername enabled retryOnFailure }`;
const OUTCOMES = `triggerOutcomes { trigger ok error { __typename message path code } }`;

const CREATE = mutationDocument('webhookCreate', `${WEBHOOK} ${OUTCOMES}`, ERRORS);
const UPDATE = mutationDocument('webhookUpdate', WEBHOOK, ERRORS);
const DELETE = mutationDocument('webhookDelete', 'webhookId deletedId', ERRORS);
const TRIGGERS_ADD = mutationDocument('webhookTriggersAdd', `${WEBHOOK} ${OUTCOMES}`, ERRORS);
const TRIGGERS_REMOVE = mutationDocument(
  'webhookTriggersRemove',
  `${WEBHOOK} removedTriggers`,
  ERRORS,
);
const READ = `query ($id: String!) { webhook(id: $id) { webhookId name url triggers useBasicAuth basicAuthUsername enabled retryOnFailure } }`;

async function mutate(text: string, input: Record<string, unknown>) {
  return h.query<Data>(text, { input });
}

async function read(id: string): Promise<Record<string, unknown> | null> {
  const result = await h.query<Data>(READ, { id });
  expect(result.errors).toBeUndefined();
  return result.data?.webhook ?? null;
}

const BASE = {
  webhookId: 'archive1',
  name: 'Message archive',
  url: 'https://hooks.example.com/archive',
};

/** A webhook made through the gateway, as the tests' starting point. */
async function seedWebhook(extra: Record<string, unknown> = {}): Promise<void> {
  const result = await mutate(CREATE, { ...BASE, ...extra });
  expect(result.data?.webhookCreate?.__typename).toBe('WebhookCreatePayload');
}

/** Asserts a ValidationError at `path` and that CometChat was not called. */
async function expectRejected(
  text: string,
  input: Record<string, unknown>,
  field: string,
  path: string[],
): Promise<Record<string, unknown>> {
  let result: GraphQLResponse<Data> | undefined;
  const calls = await h.countUpstream(async () => {
    result = await mutate(text, input);
  });
  expect(result?.errors).toBeUndefined();
  const payload = result?.data?.[field];
  expect(payload).toMatchObject({ __typename: 'ValidationError', path, code: null });
  expect(calls).toBe(0);
  return payload ?? {};
}

const hooksPath = () => `/apps/${h.emulator.appId}/webhooks`;

describe('webhookCreate', () => {
  it('creates a webhook with credentials and triggers; the password is sent but never returned', async () => {
    const result = await mutate(CREATE, {
      ...BASE,
      triggers: ['message_sent', 'group_created', 'message_sent'],
      basicAuth: { username: 'archiver', password: 'S3cretPassw0rd' },
      enabled: false,
      retryOnFailure: true,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.webhookCreate).toMatchObject({
      __typename: 'WebhookCreatePayload',
      webhook: {
        id: encodeGlobalID('Webhook', 'archive1'),
        webhookId: 'archive1',
        name: 'Message archive',
        url: 'https://hooks.example.com/archive',
        triggers: ['message_sent', 'group_created'],
        useBasicAuth: true,
        basicAuthUsername: 'archiver',
        enabled: false,
        retryOnFailure: true,
      },
      triggerOutcomes: [
        { trigger: 'message_sent', ok: true, error: null },
        { trigger: 'group_created', ok: true, error: null },
      ],
    });
    expect(await read('archive1')).toMatchObject({
      triggers: ['message_sent', 'group_created'],
      useBasicAuth: true,
      basicAuthUsername: 'archiver',
      enabled: false,
    });
    expect(h.emulator.store.webhooks.get('archive1')?.password).toBe('S3cretPassw0rd');
    expect(JSON.stringify(result)).not.toContain('S3cretPassw0rd');
  });

  it('creates a webhook without triggers or credentials, enabled by default', async () => {
    let result: GraphQLResponse<Data> | undefined;
    const calls = await h.countUpstream(async () => {
      result = await h.query<Data>(
        `mutation ($input: WebhookCreateInput!) { webhookCreate(input: $input) {
          ... on WebhookCreatePayload { webhook { webhookId useBasicAuth enabled retryOnFailure } triggerOutcomes { trigger } } } }`,
        { input: { ...BASE, url: 'http://127.0.0.1:4000/webhooks/cometchat' } },
      );
    });
    expect(result?.data?.webhookCreate).toEqual({
      webhook: { webhookId: 'archive1', useBasicAuth: false, enabled: true, retryOnFailure: false },
      triggerOutcomes: [],
    });
    expect(calls).toBe(1);
  });

  it('refuses bad input before calling CometChat, listing every violation', async () => {
    const payload = await expectRejected(
      CREATE,
      {
        webhookId: 'has-dash',
        name: 'x'.repeat(51),
        url: 'http://hooks.example.com/plain',
        triggers: ['message_sent', 'message_exploded'],
        basicAuth: { username: 'u'.repeat(51), password: 'with space' },
      },
      'webhookCreate',
      ['input', 'webhookId'],
    );
    const paths = (payload.violations as { path: string[] }[]).map((v) => v.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'input.webhookId',
        'input.name',
        'input.url',
        'input.triggers.1',
        'input.basicAuth.username',
        'input.basicAuth.password',
      ]),
    );
  });

  it.each([
    ['an id over 50 characters', { webhookId: 'a'.repeat(51) }, ['input', 'webhookId']],
    [
      'a URL over 255 characters',
      { url: `https://h.example.com/${'a'.repeat(240)}` },
      ['input', 'url'],
    ],
    ['a URL with credentials', { url: 'https://user:pw@hooks.example.com/' }, ['input', 'url']],
    ['a non-http URL', { url: 'ftp://hooks.example.com/' }, ['input', 'url']],
    [
      'a password over 100 characters',
      { basicAuth: { username: 'u', password: 'p'.repeat(101) } },
      ['input', 'basicAuth', 'password'],
    ],
  ])('refuses %s with zero upstream calls', async (_label, change, path) => {
    await expectRejected(CREATE, { ...BASE, ...change }, 'webhookCreate', path);
  });

  it('answers a taken id with ConflictError carrying CometChat code', async () => {
    await seedWebhook();
    const result = await mutate(CREATE, BASE);
    expect(result.data?.webhookCreate).toMatchObject({
      __typename: 'ConflictError',
      path: ['input', 'webhookId'],
      code: 'ERR_BAD_REQUEST',
    });
  });

  it('maps CometChat per-field refusals onto input paths', async () => {
    h.emulator.injectFault({
      method: 'POST',
      path: hooksPath(),
      status: 400,
      body: {
        error: {
          code: 'ERR_BAD_REQUEST',
          message: 'Failed to validate the data sent with the request.',
          details: { webhookURL: ['The webhookURL is not reachable.'] },
        },
      },
    });
    const result = await mutate(CREATE, BASE);
    expect(result.data?.webhookCreate).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'url'],
      code: 'ERR_BAD_REQUEST',
      violations: [{ path: ['input', 'url'], message: 'The webhookURL is not reachable.' }],
    });
  });

  it('keeps the created webhook when adding its triggers fails, and says so at triggerOutcomes', async () => {
    h.emulator.injectFault({
      method: 'POST',
      path: `${hooksPath()}/archive1/triggers`,
      status: 503,
    });
    const result = await mutate(CREATE, { ...BASE, triggers: ['message_sent'] });
    expect(result.data?.webhookCreate).toMatchObject({
      __typename: 'WebhookCreatePayload',
      webhook: { webhookId: 'archive1', triggers: [] },
      triggerOutcomes: null,
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      path: ['webhookCreate', 'triggerOutcomes'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE' },
    });
    expect(h.requestCount('POST', `${hooksPath()}/archive1/triggers`)).toBe(1);
    expect(await read('archive1')).toMatchObject({ webhookId: 'archive1', triggers: [] });
  });

  it('reports per-trigger refusals from CometChat as typed errors on those triggers', async () => {
    h.emulator.injectFault({
      method: 'POST',
      path: `${hooksPath()}/archive1/triggers`,
      status: 200,
      body: {
        data: {
          message_sent: { success: true, message: 'Triggers has been added successfully.' },
          group_created: {
            success: false,
            error: { code: 'ERR_TRIGGER_NOT_FOUND', message: 'The trigger does not exist.' },
          },
        },
      },
    });
    const result = await mutate(CREATE, {
      ...BASE,
      triggers: ['message_sent', 'user_blocked', 'group_created'],
    });
    expect(result.data?.webhookCreate?.triggerOutcomes).toEqual([
      { trigger: 'message_sent', ok: true, error: null },
      {
        trigger: 'user_blocked',
        ok: false,
        error: {
          __typename: 'NotFoundError',
          message: expect.stringContaining('no outcome'),
          path: ['input', 'triggers', '1'],
          code: null,
        },
      },
      {
        trigger: 'group_created',
        ok: false,
        error: {
          __typename: 'NotFoundError',
          message: 'The trigger does not exist.',
          path: ['input', 'triggers', '2'],
          code: 'ERR_TRIGGER_NOT_FOUND',
        },
      },
    ]);
  });
});

describe('the Basic-auth password', () => {
  it('is masked when CometChat quotes it in a refusal', async () => {
    h.emulator.injectFault({
      method: 'POST',
      path: hooksPath(),
      status: 400,
      body: {
        error: {
          code: 'ERR_BAD_REQUEST',
          message: 'The password Quoted4Password is too weak.',
          details: { password: ['Quoted4Password is too weak.'] },
        },
      },
    });
    const result = await mutate(CREATE, {
      ...BASE,
      basicAuth: { username: 'ops', password: 'Quoted4Password' },
    });
    expect(result.data?.webhookCreate).toMatchObject({
      __typename: 'ValidationError',
      path: ['input', 'basicAuth', 'password'],
    });
    expect(JSON.stringify(result)).not.toContain('Quoted4Password');
  });

  it('never appears in the gateway log, even at trace level', async () => {
    const gateway = await startTestGateway();
    try {
      const response = await gateway.inProcess('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${gateway.config.adminTokens[0] ?? ''}`,
        },
        body: JSON.stringify({
          query: CREATE,
          variables: {
            input: { ...BASE, basicAuth: { username: 'ops', password: 'LoggedNever9' } },
          },
        }),
      });
      const body = (await response.json()) as GraphQLResponse<Data>; // a GraphQL JSON body
      expect(body.data?.webhookCreate?.__typename).toBe('WebhookCreatePayload');
      expect(gateway.emulator.store.webhooks.get('archive1')?.password).toBe('LoggedNever9');
      expect(gateway.logs.length).toBeGreaterThan(0);
      expect(gateway.logs.filter((line) => line.includes('LoggedNever9'))).toEqual([]);
      expect(gateway.bodies.filter((text) => text.includes('LoggedNever9'))).toEqual([]);
    } finally {
      await gateway.close();
    }
  });
});

describe('webhookUpdate', () => {
  it('changes fields, turns Basic auth off with null, and leaves the rest as it was', async () => {
    await seedWebhook({
      basicAuth: { username: 'archiver', password: 'pw1' },
      triggers: ['message_sent'],
    });
    const result = await mutate(UPDATE, {
      webhookId: 'archive1',
      name: 'Renamed',
      url: 'https://hooks.example.com/v2',
      basicAuth: null,
      retryOnFailure: true,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.webhookUpdate).toMatchObject({
      __typename: 'WebhookUpdatePayload',
      webhook: {
        webhookId: 'archive1',
        name: 'Renamed',
        url: 'https://hooks.example.com/v2',
        useBasicAuth: false,
        enabled: true,
        retryOnFailure: true,
        triggers: ['message_sent'],
      },
    });
    expect(await read('archive1')).toMatchObject({ name: 'Renamed', useBasicAuth: false });
  });

  it('sets new credentials without ever returning the password', async () => {
    await seedWebhook();
    const result = await mutate(UPDATE, {
      webhookId: 'archive1',
      basicAuth: { username: 'ops', password: 'N3wPassword' },
    });
    expect(result.data?.webhookUpdate).toMatchObject({
      webhook: { useBasicAuth: true, basicAuthUsername: 'ops' },
    });
    expect(JSON.stringify(result)).not.toContain('N3wPassword');
    expect(h.emulator.store.webhooks.get('archive1')?.password).toBe('N3wPassword');
  });

  it('refuses an update that changes nothing, or a bad URL, with zero upstream calls', async () => {
    await expectRejected(UPDATE, { webhookId: 'archive1' }, 'webhookUpdate', ['input']);
    await expectRejected(
      UPDATE,
      { webhookId: 'archive1', url: 'http://10.0.0.5/hook' },
      'webhookUpdate',
      ['input', 'url'],
    );
  });

  it('answers an unknown webhook with NotFoundError', async () => {
    const result = await mutate(UPDATE, { webhookId: 'nosuchhook', name: 'x' });
    expect(result.data?.webhookUpdate).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'webhookId'],
      code: 'ERR_WEBHOOK_NOT_FOUND',
    });
  });
});

describe('webhookDelete', () => {
  it('deletes a webhook: the lookup is null afterwards', async () => {
    await seedWebhook();
    const result = await mutate(DELETE, { webhookId: 'archive1' });
    expect(result.data?.webhookDelete).toEqual({
      __typename: 'WebhookDeletePayload',
      webhookId: 'archive1',
      deletedId: encodeGlobalID('Webhook', 'archive1'),
    });
    expect(await read('archive1')).toBeNull();
  });

  it('refuses an empty id with zero upstream calls', async () => {
    await expectRejected(DELETE, { webhookId: '  ' }, 'webhookDelete', ['input', 'webhookId']);
  });

  it('answers an unknown webhook with NotFoundError', async () => {
    const result = await mutate(DELETE, { webhookId: 'nosuchhook' });
    expect(result.data?.webhookDelete).toMatchObject({
      __typename: 'NotFoundError',
      code: 'ERR_WEBHOOK_NOT_FOUND',
    });
  });
});

describe('webhookTriggersAdd', () => {
  it('adds triggers with one outcome each; the webhook read afterwards has them', async () => {
    await seedWebhook({ triggers: ['message_sent'] });
    const result = await mutate(TRIGGERS_ADD, {
      webhookId: 'archive1',
      triggers: ['group_created', 'message_sent', 'call_ended'],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.webhookTriggersAdd).toMatchObject({
      __typename: 'WebhookTriggersAddPayload',
      webhook: { webhookId: 'archive1', triggers: ['message_sent', 'group_created', 'call_ended'] },
      triggerOutcomes: [
        { trigger: 'group_created', ok: true, error: null },
        { trigger: 'message_sent', ok: true, error: null },
        { trigger: 'call_ended', ok: true, error: null },
      ],
    });
    expect((await read('archive1'))?.triggers).toEqual([
      'message_sent',
      'group_created',
      'call_ended',
    ]);
  });

  it('refuses an empty list or an unknown trigger with zero upstream calls', async () => {
    await expectRejected(
      TRIGGERS_ADD,
      { webhookId: 'archive1', triggers: [] },
      'webhookTriggersAdd',
      ['input', 'triggers'],
    );
    await expectRejected(
      TRIGGERS_ADD,
      { webhookId: 'archive1', triggers: ['message_sent', 'MESSAGE_SENT'] },
      'webhookTriggersAdd',
      ['input', 'triggers', '1'],
    );
  });

  it('answers an unknown webhook with NotFoundError', async () => {
    const result = await mutate(TRIGGERS_ADD, {
      webhookId: 'nosuchhook',
      triggers: ['message_sent'],
    });
    expect(result.data?.webhookTriggersAdd).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'webhookId'],
      code: 'ERR_WEBHOOK_NOT_FOUND',
    });
  });

  it('points an unknown-trigger refusal from CometChat at the triggers', async () => {
    await seedWebhook();
    h.emulator.injectFault({
      method: 'POST',
      path: `${hooksPath()}/archive1/triggers`,
      status: 404,
      body: {
        error: { code: 'ERR_TRIGGER_NOT_FOUND', message: 'The trigger call_ended does not exist.' },
      },
    });
    const result = await mutate(TRIGGERS_ADD, { webhookId: 'archive1', triggers: ['call_ended'] });
    expect(result.data?.webhookTriggersAdd).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'triggers'],
      code: 'ERR_TRIGGER_NOT_FOUND',
    });
  });
});

describe('webhookTriggersRemove', () => {
  it('removes triggers; the webhook read afterwards no longer has them', async () => {
    await seedWebhook({ triggers: ['message_sent', 'group_created', 'user_blocked'] });
    const result = await mutate(TRIGGERS_REMOVE, {
      webhookId: 'archive1',
      triggers: ['group_created', 'group_created', 'call_ended'],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.webhookTriggersRemove).toMatchObject({
      __typename: 'WebhookTriggersRemovePayload',
      webhook: { triggers: ['message_sent', 'user_blocked'] },
      removedTriggers: ['group_created', 'call_ended'],
    });
    expect((await read('archive1'))?.triggers).toEqual(['message_sent', 'user_blocked']);
  });

  it('refuses an unknown trigger with zero upstream calls', async () => {
    await expectRejected(
      TRIGGERS_REMOVE,
      { webhookId: 'archive1', triggers: ['after_message'] },
      'webhookTriggersRemove',
      ['input', 'triggers', '0'],
    );
  });

  it('answers an unknown webhook with NotFoundError', async () => {
    const result = await mutate(TRIGGERS_REMOVE, {
      webhookId: 'nosuchhook',
      triggers: ['message_sent'],
    });
    expect(result.data?.webhookTriggersRemove).toMatchObject({
      __typename: 'NotFoundError',
      code: 'ERR_WEBHOOK_NOT_FOUND',
    });
  });
});

describe('access', () => {
  const admin: Caller = { kind: 'admin', tokenId: 'test' };

  it('answers FORBIDDEN, naming the missing configuration, when management credentials are absent', async () => {
    const upstream = new UpstreamClient({ baseUrl: h.emulator.baseUrl, apiKey: h.emulator.apiKey });
    try {
      const cases: [string, Record<string, unknown>][] = [
        [CREATE, { ...BASE, webhookId: 'bad-id' }],
        [UPDATE, { webhookId: 'archive1', name: 'x' }],
        [DELETE, { webhookId: 'archive1' }],
        [TRIGGERS_ADD, { webhookId: 'archive1', triggers: ['message_sent'] }],
        [TRIGGERS_REMOVE, { webhookId: 'archive1', triggers: ['message_sent'] }],
      ];
      const calls = await h.countUpstream(async () => {
        for (const [text, input] of cases) {
          const result = await h.queryAs<Data>(admin, text, { input }, { upstream });
          expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          expect(result.errors?.[0]?.message).toContain('Webhook management is not configured');
        }
      });
      expect(calls).toBe(0);
    } finally {
      await upstream.close();
    }
  });

  it('refuses a user caller with FORBIDDEN and no upstream call', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.asUser('cometchat-uid-1', CREATE, { input: BASE });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
    expect(calls).toBe(0);
  });
});

describe('trigger catalogue', () => {
  it('is the list the emulator implements, each id once', () => {
    expect(new Set(WEBHOOK_TRIGGER_IDS).size).toBe(WEBHOOK_TRIGGER_IDS.length);
    expect([...WEBHOOK_TRIGGER_IDS].sort()).toEqual(Object.keys(WEBHOOK_TRIGGERS).sort());
  });
});
