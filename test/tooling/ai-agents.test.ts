/**
 * AI agents through GraphQL against the emulator: Agent Builder agents and bring-your-own agent
 * registrations listed, looked up (also as nodes), created, changed and deleted; bad input refused
 * before any call, CometChat's refusals typed, end users refused.
 */
import { describe, expect, it } from 'vitest';
import { chat, pick } from '../support/emulator-http.js';
import {
  ERROR_AND_VIOLATION_FIELDS as ERRORS,
  mutationDocument,
  useHarness,
} from '../support/harness.js';
import {
  expectCheckedFirst,
  expectEndUserRefused,
  expectUserError,
  nodeOf,
  withSecretsKept,
} from '../support/tooling.js';

const h = useHarness();
const AGENT = 'id agentUid name description isActive model instruction temperature maxTokens tools';
const BYO =
  'id agentUid name isActive integrateWith integrationType baseUrl externalAgentId tools actions';
const CREATE = mutationDocument('aiAgentCreate', `aiAgent { ${AGENT} }`, ERRORS);
const UPDATE = mutationDocument('aiAgentUpdate', `agentUid aiAgent { ${AGENT} }`, ERRORS);
const DELETE = mutationDocument('aiAgentDelete', 'agentUid', ERRORS);
const BYO_CREATE = mutationDocument('byoAiAgentCreate', `byoAiAgent { ${BYO} }`, ERRORS);
const BYO_UPDATE = mutationDocument('byoAiAgentUpdate', `agentUid byoAiAgent { ${BYO} }`, ERRORS);
const BYO_DELETE = mutationDocument('byoAiAgentDelete', 'agentUid', ERRORS);

interface Agent {
  id: string;
  agentUid: string;
  name: string;
  [key: string]: unknown;
}

describe('Agent Builder agents', () => {
  it('lists the seeded agent and looks it up by uid and as a node', async () => {
    const list = await h.query<{ aiAgents: { totalCount: number; nodes: Agent[] } }>(
      `{ aiAgents(first: 10) { totalCount nodes { ${AGENT} } } }`,
    );
    expect(list.errors).toBeUndefined();
    const seeded = list.data?.aiAgents.nodes.find((a) => a.agentUid === 'support-agent');
    expect(seeded).toMatchObject({ name: 'Support Agent', model: 'gpt-4o-mini', isActive: true });
    expect(await nodeOf(h, 'AiAgent', 'agentUid name', seeded?.id)).toEqual({
      agentUid: 'support-agent',
      name: 'Support Agent',
    });
    const missing = await h.query<{ aiAgent: Agent | null }>(
      '{ aiAgent(agentUid: "nope") { name } }',
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.aiAgent).toBeNull();
  });

  it('creates, changes and deletes an agent', async () => {
    const created = await h.mutate<{ aiAgent: Agent }>(CREATE, {
      input: {
        name: 'Billing',
        description: 'Billing help',
        tools: ['gmail'],
        temperature: 0.3,
        maxTokens: 500,
      },
    });
    expect(created.writes).toBe(1);
    expect(created.result.aiAgent).toMatchObject({
      name: 'Billing',
      description: 'Billing help',
      tools: ['gmail'],
      temperature: 0.3,
      maxTokens: 500,
      isActive: true,
    });
    const uid = created.result.aiAgent.agentUid;
    const updated = await h.mutate<{ aiAgent: Agent }>(UPDATE, {
      input: { agentUid: uid, name: 'Billing desk', isActive: false },
    });
    expect(updated.writes).toBe(1);
    expect(updated.result).toMatchObject({
      agentUid: uid,
      aiAgent: { name: 'Billing desk', isActive: false, description: 'Billing help' },
    });
    const deleted = await h.mutate(DELETE, { input: { agentUid: uid } });
    expect(deleted.result).toEqual({ __typename: 'AiAgentDeletePayload', agentUid: uid });
    const gone = await h.query<{ aiAgent: Agent | null }>(
      `{ aiAgent(agentUid: "${uid}") { name } }`,
    );
    expect(gone.data?.aiAgent).toBeNull();
  });

  it('checks the input before any call and maps an unknown agent', async () => {
    await expectCheckedFirst(h, [
      [CREATE, { name: '' }, ['input', 'name']],
      [CREATE, { name: 'x', icon: 'ftp://x' }, ['input', 'icon']],
      [CREATE, { name: 'x', temperature: 5 }, ['input', 'temperature']],
      [CREATE, { name: 'x', tools: ['a', 'a'] }, ['input', 'tools']],
      [UPDATE, { agentUid: 'support-agent' }, ['input']],
      [DELETE, { agentUid: '' }, ['input', 'agentUid']],
    ]);
    await expectUserError(
      h,
      UPDATE,
      { agentUid: 'nope', name: 'x' },
      { __typename: 'NotFoundError', path: ['input', 'agentUid'], code: 'ERR_AGENT_NOT_FOUND' },
      1,
    );
    await expectUserError(
      h,
      DELETE,
      { agentUid: 'nope' },
      { __typename: 'NotFoundError', path: ['input', 'agentUid'] },
    );
  });
});

describe('bring-your-own agents', () => {
  it('registers, lists, changes and deletes an agent', async () => {
    const created = await h.mutate<{ byoAiAgent: Agent }>(BYO_CREATE, {
      input: {
        name: 'Travel',
        integrateWith: 'mastra',
        integrationType: 'AGENT',
        baseUrl: 'https://agents.example.com/travel',
        externalAgentId: 'travelAgent',
      },
    });
    expect(created.writes).toBe(1);
    expect(created.result.byoAiAgent).toMatchObject({
      name: 'Travel',
      integrateWith: 'mastra',
      integrationType: 'agent',
      baseUrl: 'https://agents.example.com/travel',
      externalAgentId: 'travelAgent',
      tools: [],
      actions: [],
      isActive: true,
    });
    const uid = created.result.byoAiAgent.agentUid;
    const list = await h.query<{ byoAiAgents: { nodes: Agent[] } }>(
      '{ byoAiAgents { nodes { id agentUid name } } }',
    );
    const listed = list.data?.byoAiAgents.nodes.find((a) => a.agentUid === uid);
    expect(listed?.name).toBe('Travel');
    expect(await nodeOf(h, 'ByoAiAgent', 'agentUid', listed?.id)).toEqual({ agentUid: uid });

    const updated = await h.mutate(BYO_UPDATE, { input: { agentUid: uid, actions: ['open-map'] } });
    expect(updated.result).toMatchObject({
      agentUid: uid,
      byoAiAgent: { actions: ['open-map'], name: 'Travel' },
    });
    const deleted = await h.mutate(BYO_DELETE, { input: { agentUid: uid } });
    expect(deleted.result).toEqual({ __typename: 'ByoAiAgentDeletePayload', agentUid: uid });
    const lookup = await h.query<{ byoAiAgent: Agent | null }>(
      `{ byoAiAgent(agentUid: "${uid}") { name } }`,
    );
    expect(lookup.data?.byoAiAgent).toBeNull();
  });

  it('checks the input before any call and maps an unknown agent', async () => {
    await expectCheckedFirst(h, [
      [
        BYO_CREATE,
        { name: 'x', integrateWith: '', integrationType: 'AGENT' },
        ['input', 'integrateWith'],
      ],
      [
        BYO_CREATE,
        { name: 'x', integrateWith: 'mastra', integrationType: 'AGENT', baseUrl: 'nope' },
        ['input', 'baseUrl'],
      ],
      [BYO_UPDATE, { agentUid: 'weather-agent' }, ['input']],
      [BYO_DELETE, { agentUid: '  ' }, ['input', 'agentUid']],
    ]);
    await expectUserError(
      h,
      BYO_DELETE,
      { agentUid: 'nope' },
      { __typename: 'NotFoundError', path: ['input', 'agentUid'], code: 'ERR_AGENT_NOT_FOUND' },
      1,
    );
  });
});

it('refuses end users, reading and writing, without an upstream call', async () => {
  await expectEndUserRefused(h, {
    reads: [
      '{ aiAgents { totalCount } }',
      '{ aiAgent(agentUid: "support-agent") { name } }',
      '{ byoAiAgents { totalCount } }',
      '{ byoAiAgent(agentUid: "weather-agent") { name } }',
    ],
    writes: [
      [CREATE, { name: 'x' }],
      [UPDATE, { agentUid: 'support-agent', name: 'x' }],
      [DELETE, { agentUid: 'support-agent' }],
      [BYO_CREATE, { name: 'x', integrateWith: 'mastra', integrationType: 'AGENT' }],
      [BYO_UPDATE, { agentUid: 'weather-agent', name: 'x' }],
      [BYO_DELETE, { agentUid: 'weather-agent' }],
    ],
  });
});

describe('bring-your-own agent credentials', () => {
  it('never appear in an answer or a log line, on reads, changes and refusals', async () => {
    const secrets = ['Bearer byo-secret-token-0001', 'x-api-key-secret-0002', 'basic-pass-0003'];
    await withSecretsKept(secrets, async (t) => {
      // Registered as the dashboard would, with the headers CometChat sends the agent.
      const seeded = await chat(t.emulator, 'POST', '/ai-agents/agents', {
        body: {
          name: 'Secret Keeper',
          isActive: true,
          integrateWith: 'ag-ui',
          integrationType: 'agent',
          tools: [],
          actions: [],
          integrationMeta: {
            baseUrl: 'https://agents.example.com/keeper',
            agentId: 'keeper',
            headers: {
              Authorization: 'Bearer byo-secret-token-0001',
              'X-API-Key': 'x-api-key-secret-0002',
            },
            password: 'basic-pass-0003',
          },
        },
      });
      expect(seeded.status).toBe(200);
      const uid = String(pick(seeded.body, 'agent', 'uid'));
      const fields = `id agentUid ${BYO} baseUrl icon instruction createdAt updatedAt`;
      const list = await t.query(`{ byoAiAgents { nodes { ${fields} } } }`);
      expect(list.errors).toBeUndefined();
      const lookup = await t.query(`{ byoAiAgent(agentUid: "${uid}") { ${fields} } }`);
      expect(lookup.data?.byoAiAgent).toMatchObject({
        baseUrl: 'https://agents.example.com/keeper',
        externalAgentId: 'keeper',
      });
      const id = (lookup.data?.byoAiAgent as { id: string } | undefined)?.id;
      expect(
        (await t.query(`{ node(id: "${id}") { ... on ByoAiAgent { ${fields} } } }`)).errors,
      ).toBeUndefined();
      const moved = await t.query(BYO_UPDATE, {
        input: { agentUid: uid, baseUrl: 'https://agents.example.com/keeper-v2' },
      });
      expect(moved.data?.byoAiAgentUpdate).toMatchObject({
        byoAiAgent: { baseUrl: 'https://agents.example.com/keeper-v2', externalAgentId: 'keeper' },
      });
      // Refusals: the gateway's own (checked before any call) and an unknown agent.
      await t.query(BYO_UPDATE, { input: { agentUid: uid, externalAgentId: 'x'.repeat(101) } });
      await t.query(BYO_UPDATE, { input: { agentUid: 'nope', baseUrl: 'https://a.example.com' } });
      // An answer the gateway cannot read, holding the credentials: its error names neither.
      t.emulator.injectFault({
        method: 'GET',
        path: '/v3/ai-agents/agents',
        status: 200,
        body: [{ uid, integrationMeta: { headers: { Authorization: secrets[0] } } }],
      });
      const unreadable = await t.query(`{ byoAiAgents { nodes { ${fields} } } }`);
      expect(unreadable.errors?.length).toBe(1);
      // The emulator kept the credentials through the change, so the answers left them out.
      const stored = await chat(t.emulator, 'GET', '/ai-agents/agents');
      for (const secret of secrets) expect(stored.text).toContain(secret);
      await t.query(BYO_DELETE, { input: { agentUid: uid } });
    });
  });

  it('are sent back unchanged when the deployment URL or agent id changes', async () => {
    const seeded = await chat(h.emulator, 'POST', '/ai-agents/agents', {
      body: {
        name: 'Header Keeper',
        isActive: true,
        integrateWith: 'mastra',
        integrationType: 'agent',
        tools: [],
        actions: [],
        integrationMeta: {
          baseUrl: 'https://agents.example.com/a',
          agentId: 'a',
          headers: { Authorization: 'Bearer kept-token-9' },
        },
      },
    });
    const uid = String(pick(seeded.body, 'agent', 'uid'));
    const moved = await h.mutate(BYO_UPDATE, {
      input: { agentUid: uid, baseUrl: 'https://agents.example.com/b', externalAgentId: 'b' },
    });
    expect(moved.calls).toBe(3); // read the settings, write them, read the agent for the payload
    expect(JSON.stringify(moved.result)).not.toContain('kept-token-9');
    const after = await chat(h.emulator, 'GET', '/ai-agents/agents');
    const agent = (after.body as { uid: string; integrationMeta: unknown }[]).find(
      (a) => a.uid === uid,
    );
    expect(agent?.integrationMeta).toEqual({
      baseUrl: 'https://agents.example.com/b',
      agentId: 'b',
      headers: { Authorization: 'Bearer kept-token-9' },
    });
    await expectUserError(
      h,
      BYO_UPDATE,
      { agentUid: 'nope', baseUrl: 'https://agents.example.com/c' },
      { __typename: 'NotFoundError', path: ['input', 'agentUid'] },
      1,
    );
  });
});
