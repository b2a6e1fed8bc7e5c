/**
 * The Agent Builder's tools through GraphQL against the emulator: custom API tools, MCP servers
 * and frontend actions listed (also as nodes), looked up, created, changed and deleted; bad input
 * refused before any call, CometChat's refusals typed, end users refused, and an API tool's
 * basic-auth password and header values never shown or logged.
 */
import { describe, expect, it } from 'vitest';
import { agentToolsOf } from '../../src/emulator/ai-agent-tools.js';
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
const PARAMS = 'parameters { key type description isRequired }';
const API_TOOL = `id slug name description icon endpoint method isBasicAuthEnabled headerNames bodyTemplate isAdditionalPropertyAllowed ${PARAMS} createdAt updatedAt`;
const MCP = 'id slug name description url icon createdAt';
const ACTION = `id actionId name description triggerFunction icon ${PARAMS}`;
const API_CREATE = mutationDocument('aiApiToolCreate', `aiApiTool { ${API_TOOL} }`, ERRORS);
const API_UPDATE = mutationDocument('aiApiToolUpdate', `aiApiTool { ${API_TOOL} }`, ERRORS);
const API_DELETE = mutationDocument('aiApiToolDelete', 'slug', ERRORS);
const MCP_CREATE = mutationDocument('aiMcpServerCreate', `aiMcpServer { ${MCP} }`, ERRORS);
const MCP_UPDATE = mutationDocument('aiMcpServerUpdate', `aiMcpServer { ${MCP} }`, ERRORS);
const ACTION_CREATE = mutationDocument(
  'aiFrontendActionCreate',
  `aiFrontendAction { ${ACTION} }`,
  ERRORS,
);
const ACTION_UPDATE = mutationDocument(
  'aiFrontendActionUpdate',
  `aiFrontendAction { ${ACTION} }`,
  ERRORS,
);
const ACTION_DELETE = mutationDocument('aiFrontendActionDelete', 'actionId', ERRORS);

interface Item {
  id: string;
  [key: string]: unknown;
}

function stored(kind: 'api-tools' | 'mcp-servers' | 'frontend-actions', id: string) {
  return agentToolsOf(h.emulator.store).get(kind)?.get(id)?.fields;
}

describe('custom API tools', () => {
  it('lists the seeded tool, looks it up and reads it as a node', async () => {
    const list = await h.query<{ aiApiTools: { totalCount: number; nodes: Item[] } }>(
      `{ aiApiTools(first: 10) { totalCount nodes { ${API_TOOL} } } }`,
    );
    expect(list.errors).toBeUndefined();
    const seeded = list.data?.aiApiTools.nodes.find((tool) => tool.slug === 'order-lookup');
    expect(seeded).toMatchObject({
      name: 'Order lookup',
      endpoint: 'https://api.example.com/orders',
      method: 'GET',
      isBasicAuthEnabled: false,
      headerNames: ['Content-Type'],
      parameters: [
        { key: 'orderId', type: 'string', description: 'The order number', isRequired: true },
      ],
    });
    expect(await nodeOf(h, 'AiApiTool', 'slug name', seeded?.id)).toEqual({
      slug: 'order-lookup',
      name: 'Order lookup',
    });
    const missing = await h.query<{ aiApiTool: Item | null }>(
      '{ aiApiTool(slug: "nope") { slug } }',
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.aiApiTool).toBeNull();
  });

  it('creates, changes and deletes a tool, one write each', async () => {
    const created = await h.mutate<{ aiApiTool: Item }>(API_CREATE, {
      input: {
        slug: 'create_lead',
        name: 'Create lead',
        description: 'Creates a lead in the CRM.',
        endpoint: 'https://crm.example.com/leads',
        method: 'POST',
        headers: [{ name: 'X-Trace', value: 'on' }],
        bodyTemplate: '{"email": "{{email}}"}',
        parameters: [{ key: 'email', type: 'STRING', description: 'The e-mail', isRequired: true }],
      },
    });
    expect(created.calls).toBe(1);
    expect(created.result.aiApiTool).toMatchObject({
      slug: 'create_lead',
      method: 'POST',
      headerNames: ['X-Trace'],
      bodyTemplate: '{"email": "{{email}}"}',
      parameters: [{ key: 'email', type: 'string', isRequired: true }],
    });
    expect(stored('api-tools', 'create_lead')).toMatchObject({
      headers: '{"X-Trace":"on"}',
      parameters: [{ key: 'email', type: 'string', description: 'The e-mail', required: true }],
    });
    const updated = await h.mutate<{ aiApiTool: Item }>(API_UPDATE, {
      input: { slug: 'create_lead', method: 'PUT', isAdditionalPropertyAllowed: true },
    });
    expect(updated.calls).toBe(1);
    expect(updated.result.aiApiTool).toMatchObject({
      name: 'Create lead',
      method: 'PUT',
      isAdditionalPropertyAllowed: true,
      headerNames: ['X-Trace'],
    });
    const deleted = await h.mutate(API_DELETE, { input: { slug: 'create_lead' } });
    expect(deleted.writes).toBe(1);
    expect(deleted.result).toEqual({ __typename: 'AiApiToolDeletePayload', slug: 'create_lead' });
    expect(stored('api-tools', 'create_lead')).toBeUndefined();
  });

  it('checks the input before any call and maps CometChat refusals', async () => {
    const tool = {
      slug: 'x',
      name: 'X',
      endpoint: 'https://x.example.com',
      method: 'GET',
    };
    await expectCheckedFirst(h, [
      [API_CREATE, { ...tool, slug: 'has space' }, ['input', 'slug']],
      [API_CREATE, { ...tool, endpoint: 'ftp://x.example.com' }, ['input', 'endpoint']],
      [API_CREATE, { ...tool, name: ' ' }, ['input', 'name']],
      [API_CREATE, { ...tool, isBasicAuthEnabled: true }, ['input', 'basicAuthUsername']],
      [
        API_CREATE,
        {
          ...tool,
          headers: [
            { name: 'A', value: '1' },
            { name: 'a', value: '2' },
          ],
        },
        ['input', 'headers'],
      ],
      [
        API_CREATE,
        { ...tool, headers: [{ name: 'Bad Name', value: '1' }] },
        ['input', 'headers', '0', 'name'],
      ],
      [
        API_CREATE,
        {
          ...tool,
          parameters: [
            { key: 'k', type: 'STRING' },
            { key: 'k', type: 'NUMBER' },
          ],
        },
        ['input', 'parameters'],
      ],
      [API_UPDATE, { slug: 'order-lookup' }, ['input']],
      [API_DELETE, { slug: '' }, ['input', 'slug']],
    ]);
    await expectUserError(
      h,
      API_CREATE,
      { ...tool, slug: 'order-lookup' },
      { __typename: 'ConflictError', path: ['input', 'slug'], code: 'ERR_CONFLICT' },
      1,
    );
    for (const [document, input] of [
      [API_UPDATE, { slug: 'nope', name: 'Y' }],
      [API_DELETE, { slug: 'nope' }],
    ] as const) {
      await expectUserError(
        h,
        document,
        input,
        { __typename: 'NotFoundError', path: ['input', 'slug'], code: 'ERR_NOT_FOUND' },
        1,
      );
    }
  });

  it('never shows or logs the basic-auth password or a header value', async () => {
    const password = 'pw-live-basic-secret-91';
    const token = 'Bearer tok-live-header-secret-42';
    // Every answer and log line is checked for these, and for the API key.
    await withSecretsKept([password, token, 'tok-live-header-secret'], async (t) => {
      const input = {
        slug: 'secret-tool',
        name: 'Secret tool',
        endpoint: 'https://secure.example.com/api',
        method: 'POST',
        isBasicAuthEnabled: true,
        basicAuthUsername: 'svc',
        basicAuthPassword: password,
        headers: [{ name: 'Authorization', value: token }],
      };
      const created = await t.query(API_CREATE, { input });
      expect(created.errors).toBeUndefined();
      expect(created.data?.aiApiToolCreate).toMatchObject({
        aiApiTool: { isBasicAuthEnabled: true, headerNames: ['Authorization'] },
      });
      const refusals = [
        await t.query(API_CREATE, { input }), // a ConflictError
        await t.query(API_UPDATE, { input: { slug: 'nope', basicAuthPassword: password } }),
        await t.query(API_CREATE, { input: { ...input, slug: 'bad slug' } }), // checked
      ];
      expect(
        refusals.map((r) => (r.data?.aiApiToolCreate ?? r.data?.aiApiToolUpdate) as object),
      ).toMatchObject([
        { __typename: 'ConflictError' },
        { __typename: 'NotFoundError' },
        { __typename: 'ValidationError' },
      ]);
      const changed = await t.query(API_UPDATE, {
        input: {
          slug: 'secret-tool',
          basicAuthPassword: `${password}-2`,
          headers: [{ name: 'Authorization', value: `${token}-2` }],
        },
      });
      expect(changed.errors).toBeUndefined();
      expect((await t.query(`{ aiApiTools { nodes { ${API_TOOL} } } }`)).errors).toBeUndefined();
      await t.query(`{ aiApiTool(slug: "secret-tool") { ${API_TOOL} } }`);
      const kept = agentToolsOf(t.emulator.store).get('api-tools')?.get('secret-tool')?.fields;
      expect(kept?.basicAuthPassword).toBe(`${password}-2`);
      expect(String(kept?.headers)).toContain(`${token}-2`);
    });
  });
});

describe('MCP servers', () => {
  it('lists, looks up, creates and changes servers', async () => {
    const list = await h.query<{ aiMcpServers: { totalCount: number; nodes: Item[] } }>(
      `{ aiMcpServers { totalCount nodes { ${MCP} } } }`,
    );
    expect(list.errors).toBeUndefined();
    const seeded = list.data?.aiMcpServers.nodes.find((s) => s.slug === 'docs-search');
    expect(seeded).toMatchObject({ name: 'Docs search', url: 'https://mcp.example.com/sse' });
    expect(await nodeOf(h, 'AiMcpServer', 'slug', seeded?.id)).toEqual({ slug: 'docs-search' });

    const created = await h.mutate<{ aiMcpServer: Item }>(MCP_CREATE, {
      input: { slug: 'weather-server', name: 'Weather', url: 'https://weather.example.com/mcp' },
    });
    expect(created.calls).toBe(1);
    expect(created.result.aiMcpServer).toMatchObject({ slug: 'weather-server', name: 'Weather' });
    const one = await h.query<{ aiMcpServer: Item | null }>(
      '{ aiMcpServer(slug: "weather-server") { url } }',
    );
    expect(one.data?.aiMcpServer).toEqual({ url: 'https://weather.example.com/mcp' });
    const updated = await h.mutate<{ aiMcpServer: Item }>(MCP_UPDATE, {
      input: { slug: 'weather-server', description: 'Forecasts' },
    });
    expect(updated.calls).toBe(1);
    expect(updated.result.aiMcpServer).toMatchObject({ name: 'Weather', description: 'Forecasts' });
  });

  it('checks the input before any call and maps CometChat refusals', async () => {
    const server = { slug: 's', name: 'S', url: 'https://s.example.com' };
    await expectCheckedFirst(h, [
      [MCP_CREATE, { ...server, url: 'not a url' }, ['input', 'url']],
      [MCP_CREATE, { ...server, slug: 's/1' }, ['input', 'slug']],
      [MCP_CREATE, { ...server, description: 'd'.repeat(1001) }, ['input', 'description']],
      [MCP_UPDATE, { slug: 'docs-search' }, ['input']],
    ]);
    await expectUserError(
      h,
      MCP_CREATE,
      { ...server, slug: 'docs-search' },
      { __typename: 'ConflictError', path: ['input', 'slug'] },
      1,
    );
    await expectUserError(
      h,
      MCP_UPDATE,
      { slug: 'nope', name: 'Y' },
      { __typename: 'NotFoundError', path: ['input', 'slug'], code: 'ERR_NOT_FOUND' },
      1,
    );
  });
});

describe('frontend actions', () => {
  it('creates, lists, looks up, changes and deletes an action', async () => {
    const created = await h.mutate<{ aiFrontendAction: Item }>(ACTION_CREATE, {
      input: {
        name: 'Open product',
        description: 'Opens the product modal.',
        triggerFunction: 'showProductModal',
        parameters: [{ key: 'productId', type: 'STRING', isRequired: true }],
      },
    });
    expect(created.calls).toBe(1);
    const action = created.result.aiFrontendAction;
    expect(action).toMatchObject({
      name: 'Open product',
      triggerFunction: 'showProductModal',
      parameters: [{ key: 'productId', type: 'string', isRequired: true, description: null }],
    });
    const actionId = String(action.actionId);
    const list = await h.query<{ aiFrontendActions: { totalCount: number; nodes: Item[] } }>(
      '{ aiFrontendActions { totalCount nodes { actionId } } }',
    );
    expect(list.data?.aiFrontendActions.nodes).toContainEqual({ actionId });
    expect(await nodeOf(h, 'AiFrontendAction', 'triggerFunction', action.id)).toEqual({
      triggerFunction: 'showProductModal',
    });
    const updated = await h.mutate<{ aiFrontendAction: Item }>(ACTION_UPDATE, {
      input: { actionId, description: 'Opens the product page.' },
    });
    expect(updated.calls).toBe(1);
    expect(updated.result.aiFrontendAction).toMatchObject({
      description: 'Opens the product page.',
      triggerFunction: 'showProductModal',
    });
    const deleted = await h.mutate(ACTION_DELETE, { input: { actionId } });
    expect(deleted.result).toEqual({ __typename: 'AiFrontendActionDeletePayload', actionId });
    const gone = await h.query<{ aiFrontendAction: Item | null }>(
      `{ aiFrontendAction(actionId: "${actionId}") { actionId } }`,
    );
    expect(gone.data?.aiFrontendAction).toBeNull();
  });

  it('checks the input before any call and maps CometChat refusals', async () => {
    const action = { name: 'A', description: 'Does a.', triggerFunction: 'doA' };
    await expectCheckedFirst(h, [
      [ACTION_CREATE, { ...action, triggerFunction: '1abc' }, ['input', 'triggerFunction']],
      [ACTION_CREATE, { ...action, description: ' ' }, ['input', 'description']],
      [ACTION_CREATE, { ...action, icon: 'nope' }, ['input', 'icon']],
      [ACTION_UPDATE, { actionId: 'x' }, ['input']],
      [ACTION_DELETE, { actionId: '' }, ['input', 'actionId']],
    ]);
    await h.mutate(ACTION_CREATE, { input: action });
    await expectUserError(
      h,
      ACTION_CREATE,
      action,
      { __typename: 'ConflictError', path: ['input', 'triggerFunction'] },
      1,
    );
    await expectUserError(
      h,
      ACTION_UPDATE,
      { actionId: 'nope', name: 'B' },
      { __typename: 'NotFoundError', path: ['input', 'actionId'], code: 'ERR_NOT_FOUND' },
      1,
    );
  });
});

it('refuses end users, reading and writing, without an upstream call', async () => {
  const tool = { slug: 'x', name: 'X', endpoint: 'https://x.example.com', method: 'GET' };
  await expectEndUserRefused(h, {
    reads: [
      '{ aiApiTools { totalCount } }',
      '{ aiApiTool(slug: "order-lookup") { slug } }',
      '{ aiMcpServers { totalCount } }',
      '{ aiMcpServer(slug: "docs-search") { slug } }',
      '{ aiFrontendActions { totalCount } }',
      '{ aiFrontendAction(actionId: "x") { actionId } }',
    ],
    writes: [
      [API_CREATE, tool],
      [API_UPDATE, { slug: 'order-lookup', name: 'Y' }],
      [API_DELETE, { slug: 'order-lookup' }],
      [MCP_CREATE, { slug: 'x', name: 'X', url: 'https://x.example.com' }],
      [MCP_UPDATE, { slug: 'docs-search', name: 'Y' }],
      [ACTION_CREATE, { name: 'A', description: 'B', triggerFunction: 'c' }],
      [ACTION_UPDATE, { actionId: 'x', name: 'Y' }],
      [ACTION_DELETE, { actionId: 'x' }],
    ],
  });
});
