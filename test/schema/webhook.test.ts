import { encodeGlobalID } from '@pothos/plugin-relay';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/context.js';
import { UpstreamClient } from '../../src/upstream/client.js';
import { mgmt } from '../support/emulator-http.js';
import { errorCodes, type GraphQLResponse } from '../support/graphql-http.js';
import { useHarness } from '../support/harness.js';

const h = useHarness();

/** Creates a webhook through the emulator's Management API, as an operator would. */
async function createWebhook(body: Record<string, unknown>, triggerIds: string[]): Promise<void> {
  const created = await mgmt(h.emulator, 'POST', '/webhooks', { body });
  expect(created.status).toBe(200);
  if (triggerIds.length === 0) return;
  const added = await mgmt(h.emulator, 'POST', `/webhooks/${String(body.id)}/triggers`, {
    body: { triggerIds },
  });
  expect(added.status).toBe(200);
}

beforeAll(async () => {
  await createWebhook(
    {
      id: 'messages-hook',
      name: 'Message archive',
      webhookURL: 'https://hooks.example.com/messages',
      useBasicAuth: true,
      username: 'archiver',
      password: 'hook-password-never-shown',
      enabled: true,
      retryOnFailure: true,
    },
    ['message_sent', 'message_edited', 'message_deleted'],
  );
  await createWebhook(
    {
      id: 'groups-hook',
      name: 'Group audit',
      webhookURL: 'https://hooks.example.com/groups',
      enabled: false,
    },
    ['group_created'],
  );
  await createWebhook(
    { id: 'idle-hook', name: 'Idle', webhookURL: 'https://hooks.example.com/idle' },
    [],
  );
});
beforeEach(() => {
  h.emulator.clearRequests();
});

const WEBHOOK_FIELDS = `
  id webhookId name url triggers useBasicAuth basicAuthUsername enabled retryOnFailure
  createdAt updatedAt
`;

describe('webhook(id)', () => {
  it('returns the configuration of a webhook, with its triggers and without the password', async () => {
    const result = await h.query<{ webhook: Record<string, unknown> }>(
      `{ webhook(id: "messages-hook") { ${WEBHOOK_FIELDS} } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.webhook).toMatchObject({
      webhookId: 'messages-hook',
      name: 'Message archive',
      url: 'https://hooks.example.com/messages',
      triggers: ['message_sent', 'message_edited', 'message_deleted'],
      useBasicAuth: true,
      basicAuthUsername: 'archiver',
      enabled: true,
      retryOnFailure: true,
    });
    expect(new Date(String(result.data?.webhook.createdAt)).getTime()).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain('hook-password-never-shown');
  });

  it('has no field that could reveal the Basic-auth password', async () => {
    const result = await h.query<{ __type: { fields: { name: string }[] } }>(
      '{ __type(name: "Webhook") { fields { name } } }',
    );
    const names = result.data?.__type.fields.map((field) => field.name) ?? [];
    expect(names).toContain('basicAuthUsername');
    expect(names.filter((name) => /password|secret/i.test(name))).toEqual([]);
  });

  it('is null for a webhook that does not exist, without an error', async () => {
    const result = await h.query('{ webhook(id: "no-such-hook") { name triggers } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ webhook: null });
  });

  it('resolves through node(id) and nodes(ids), null for a missing one', async () => {
    const result = await h.query<{
      node: { __typename: string; webhookId: string } | null;
      nodes: ({ webhookId: string } | null)[];
    }>(
      `query ($id: ID!, $ids: [ID!]!) {
        node(id: $id) { __typename ... on Webhook { webhookId } }
        nodes(ids: $ids) { ... on Webhook { webhookId } }
      }`,
      {
        id: encodeGlobalID('Webhook', 'groups-hook'),
        ids: [
          encodeGlobalID('Webhook', 'idle-hook'),
          encodeGlobalID('Webhook', 'gone-hook'),
          encodeGlobalID('Webhook', 'groups-hook'),
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      node: { __typename: 'Webhook', webhookId: 'groups-hook' },
      nodes: [{ webhookId: 'idle-hook' }, null, { webhookId: 'groups-hook' }],
    });
  });
});

describe('webhooks', () => {
  it('lists every webhook with a total; triggers cost one call per webhook', async () => {
    let result: GraphQLResponse<{
      webhooks: {
        totalCount: number;
        nodes: { webhookId: string; enabled: boolean; triggers: string[] }[];
      };
    }> = {};
    const calls = await h.countUpstream(async () => {
      result = await h.query('{ webhooks { totalCount nodes { webhookId enabled triggers } } }');
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.webhooks.totalCount).toBe(3);
    expect(result.data?.webhooks.nodes).toEqual([
      {
        webhookId: 'messages-hook',
        enabled: true,
        triggers: ['message_sent', 'message_edited', 'message_deleted'],
      },
      { webhookId: 'groups-hook', enabled: false, triggers: ['group_created'] },
      { webhookId: 'idle-hook', enabled: true, triggers: [] },
    ]);
    expect(calls).toBe(1 + 3);
  });

  it('makes a single call when triggers are not asked for', async () => {
    const calls = await h.countUpstream(async () => {
      const result = await h.query('{ webhooks(first: 2) { nodes { name url } } }');
      expect(result.errors).toBeUndefined();
    });
    expect(calls).toBe(1);
  });

  it('searches by name and pages with first/after', async () => {
    const search = await h.query<{ webhooks: { nodes: { webhookId: string }[] } }>(
      '{ webhooks(search: "audit") { nodes { webhookId } } }',
    );
    expect(search.errors).toBeUndefined();
    expect(search.data?.webhooks.nodes).toEqual([{ webhookId: 'groups-hook' }]);

    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const result: GraphQLResponse<{
        webhooks: {
          nodes: { webhookId: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      }> = await h.query(
        'query ($after: String) { webhooks(first: 2, after: $after) { nodes { webhookId } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(result.errors).toBeUndefined();
      seen.push(...(result.data?.webhooks.nodes.map((node) => node.webhookId) ?? []));
      if (!result.data?.webhooks.pageInfo.hasNextPage) break;
      after = result.data.webhooks.pageInfo.endCursor;
    }
    expect(seen).toEqual(['messages-hook', 'groups-hook', 'idle-hook']);
  });
});

describe('webhook access', () => {
  const ADMIN: Caller = { kind: 'admin', tokenId: 'test' };
  const ACCESS_QUERIES = [
    '{ webhooks { nodes { name } } }',
    '{ webhook(id: "messages-hook") { name } }',
    `{ node(id: "${encodeGlobalID('Webhook', 'messages-hook')}") { id } }`,
  ];

  it('is FORBIDDEN to a user caller, with no upstream call', async () => {
    const calls = await h.countUpstream(async () => {
      for (const query of ACCESS_QUERIES) {
        const result = await h.asUser('cometchat-uid-1', query);
        expect(errorCodes(result.errors)).toEqual(['FORBIDDEN']);
      }
    });
    expect(calls).toBe(0);
  });

  it('is FORBIDDEN with a clear message when the gateway has no management credentials', async () => {
    const upstream = new UpstreamClient({ baseUrl: h.emulator.baseUrl, apiKey: h.emulator.apiKey });
    try {
      const calls = await h.countUpstream(async () => {
        for (const query of ACCESS_QUERIES) {
          const result = await h.queryAs(ADMIN, query, {}, { upstream });
          expect(errorCodes(result.errors)).toEqual(['FORBIDDEN']);
          expect(result.errors?.[0]?.message).toMatch(/Webhook management is not configured/);
          expect(result.errors?.[0]?.message).toContain('COMETCHAT_MGMT_KEY');
        }
      });
      expect(calls).toBe(0);
    } finally {
      await upstream.close();
    }
  });
});
