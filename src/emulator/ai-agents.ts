/**
 * AI agents on the chat API, kept per store: the Agent Builder's agents
 * (`/ai-agents/agent-builder/agents[/:uid]`) and bring-your-own registrations
 * (`/ai-agents/agents[/:uid]`). Answers follow CometChat's examples: a get answers the bare object,
 * a create `{agent}`, an update `{success: true}`, a delete `{success, message}`, the Agent Builder
 * list `{data, meta: {current: {limit, count}}}` and the BYO list a bare array. An unknown uid is a
 * 404 `ERR_AGENT_NOT_FOUND` and invalid fields a 400 `ERR_BAD_REQUEST` with `details`: the
 * emulator's own error shapes, since CometChat's error guide for these endpoints is not relied on.
 */
import { randomUUID } from 'node:crypto';
import {
  assertValid,
  bodyObject,
  checkBoolean,
  checkString,
  EmuError,
  type EmuResponse,
  type Router,
  readLimit,
} from './http.js';
import type { Store } from './store.js';

interface BuilderAgent {
  uid: string;
  name: string;
  description?: string;
  icon?: string;
  isActive: boolean;
  instruction?: string;
  model: string;
  tools: string[];
  apiTools: string[];
  mcpServers: string[];
  modelMetaData: Record<string, number>;
  createdAt: number;
  updatedAt: number;
}

interface ByoAgent {
  uid: string;
  name: string;
  icon?: string;
  isActive: boolean;
  integrateWith: string;
  integrationType: string;
  integrationMeta: IntegrationMeta;
  tools: string[];
  actions: string[];
  instruction?: string;
  createdAt: number;
  updatedAt: number;
}

/** `baseUrl`, `agentId` and the like, and maps such as the `headers` CometChat sends the agent. */
type IntegrationMeta = Record<string, string | Record<string, string>>;

interface AgentsState {
  builder: Map<string, BuilderAgent>;
  byo: Map<string, ByoAgent>;
}

const STATES = new WeakMap<Store, AgentsState>();
const MAX_REFERENCES = 50;

function stateOf(store: Store): AgentsState {
  let state = STATES.get(store);
  if (!state) {
    const now = store.now() * 1000;
    const builder: BuilderAgent = {
      uid: 'support-agent',
      name: 'Support Agent',
      description: 'Answers questions about the demo app.',
      isActive: true,
      instruction: 'You are a helpful assistant.',
      model: 'gpt-4o-mini',
      tools: [],
      apiTools: [],
      mcpServers: [],
      modelMetaData: {},
      createdAt: now,
      updatedAt: now,
    };
    const byo: ByoAgent = {
      uid: 'weather-agent',
      name: 'Weather Agent',
      isActive: true,
      integrateWith: 'mastra',
      integrationType: 'agent',
      integrationMeta: { baseUrl: 'https://agents.example.com', agentId: 'weatherAgent' },
      tools: [],
      actions: [],
      createdAt: now,
      updatedAt: now,
    };
    state = { builder: new Map([[builder.uid, builder]]), byo: new Map([[byo.uid, byo]]) };
    STATES.set(store, state);
  }
  return state;
}

/** Whether the app has the Agent Builder agent `uid` (for the knowledge-base routes). */
export function hasBuilderAgent(store: Store, uid: string): boolean {
  return stateOf(store).builder.has(uid);
}

export function agentNotFound(uid: string): EmuError {
  return new EmuError(404, 'ERR_AGENT_NOT_FOUND', `The agent ${uid} does not exist.`);
}

function json(body: unknown): EmuResponse {
  return { status: 200, body };
}

function checkNames(
  value: unknown,
  field: string,
  details: Record<string, string[]>,
): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length > MAX_REFERENCES ||
    value.some((v) => typeof v !== 'string' || v === '' || v.length > 100)
  ) {
    details[field] = [`The ${field} must be a list of at most ${MAX_REFERENCES} names.`];
    return undefined;
  }
  return value as string[]; // checked above
}

function checkModelMeta(value: unknown, details: Record<string, string[]>) {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    details.modelMetaData = ['The modelMetaData must be an object.'];
    return undefined;
  }
  const out: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      details[`modelMetaData.${key}`] = [`The ${key} must be a number.`];
    } else out[key] = v;
  }
  return out;
}

function checkMeta(value: unknown, details: Record<string, string[]>) {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    details.integrationMeta = ['The integrationMeta must be an object.'];
    return undefined;
  }
  const out: IntegrationMeta = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (isStringMap(v)) out[key] = { ...v };
    else details[`integrationMeta.${key}`] = [`The ${key} must be a string or a map of strings.`];
  }
  return out;
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** The Agent Builder fields of a create (`creating`) or an update body, checked into `agent`. */
function applyBuilder(
  body: Record<string, unknown>,
  agent: Partial<BuilderAgent>,
  creating: boolean,
): void {
  const details: Record<string, string[]> = {};
  const name = checkString(body.name, 'name', 100, details, creating);
  const description = checkString(body.description, 'description', 1000, details);
  const icon = checkString(body.icon, 'icon', 3000, details);
  const instruction = checkString(body.instruction, 'instruction', 10_000, details);
  const model = checkString(body.model, 'model', 100, details);
  const isActive = checkBoolean(body.isActive, 'isActive', details);
  const tools = checkNames(body.tools, 'tools', details);
  const apiTools = checkNames(body.apiTools, 'apiTools', details);
  const mcpServers = checkNames(body.mcpServers, 'mcpServers', details);
  const modelMetaData = checkModelMeta(body.modelMetaData, details);
  assertValid(details);
  if (name !== undefined) agent.name = name;
  if (description !== undefined) agent.description = description;
  if (icon !== undefined) agent.icon = icon;
  if (instruction !== undefined) agent.instruction = instruction;
  if (model !== undefined) agent.model = model;
  if (isActive !== undefined) agent.isActive = isActive;
  if (tools !== undefined) agent.tools = tools;
  if (apiTools !== undefined) agent.apiTools = apiTools;
  if (mcpServers !== undefined) agent.mcpServers = mcpServers;
  if (modelMetaData !== undefined) agent.modelMetaData = modelMetaData;
}

function applyByo(body: Record<string, unknown>, agent: Partial<ByoAgent>, creating: boolean) {
  const details: Record<string, string[]> = {};
  const name = checkString(body.name, 'name', 100, details, creating);
  const icon = checkString(body.icon, 'icon', 3000, details);
  const isActive = checkBoolean(body.isActive, 'isActive', details);
  const integrateWith = checkString(body.integrateWith, 'integrateWith', 100, details, creating);
  const integrationType = checkString(
    body.integrationType,
    'integrationType',
    10,
    details,
    creating,
  );
  if (integrationType !== undefined && integrationType !== 'llm' && integrationType !== 'agent') {
    details.integrationType = ['The integrationType must be llm or agent.'];
  }
  const integrationMeta = checkMeta(body.integrationMeta, details);
  const tools = checkNames(body.tools, 'tools', details);
  const actions = checkNames(body.actions, 'actions', details);
  if (creating && body.tools === undefined) details.tools = ['The tools field is required.'];
  if (creating && body.actions === undefined) details.actions = ['The actions field is required.'];
  const instruction = checkString(body.instruction, 'instruction', 10_000, details);
  assertValid(details);
  if (name !== undefined) agent.name = name;
  if (icon !== undefined) agent.icon = icon;
  if (isActive !== undefined) agent.isActive = isActive;
  if (integrateWith !== undefined) agent.integrateWith = integrateWith;
  if (integrationType !== undefined) agent.integrationType = integrationType;
  if (integrationMeta !== undefined) agent.integrationMeta = integrationMeta;
  if (tools !== undefined) agent.tools = tools;
  if (actions !== undefined) agent.actions = actions;
  if (instruction !== undefined) agent.instruction = instruction;
}

function renderBuilder(appId: string, agent: BuilderAgent): Record<string, unknown> {
  return {
    uid: agent.uid,
    appId,
    name: agent.name,
    ...(agent.icon !== undefined ? { icon: agent.icon } : {}),
    isActive: agent.isActive,
    ...(agent.description !== undefined ? { description: agent.description } : {}),
    tools: agent.tools,
    files: [],
    websites: [],
    otherKbIntegrations: [],
    apiTools: agent.apiTools,
    mcpServers: agent.mcpServers,
    frontendActions: [],
    ragVersion: 'v2',
    lastMessageAt: null,
    ...(agent.instruction !== undefined
      ? { instruction: agent.instruction, formattedInstruction: agent.instruction }
      : {}),
    metaData: {},
    model: agent.model,
    modelMetaData: agent.modelMetaData,
    createdAt: agent.createdAt,
    updatedAt: agent.updatedAt,
  };
}

function renderByo(appId: string, agent: ByoAgent): Record<string, unknown> {
  return {
    uid: agent.uid,
    appId,
    name: agent.name,
    ...(agent.icon !== undefined ? { icon: agent.icon } : {}),
    isActive: agent.isActive,
    integrateWith: agent.integrateWith,
    integrationType: agent.integrationType,
    tools: agent.tools,
    actions: agent.actions,
    ...(agent.instruction !== undefined ? { instruction: agent.instruction } : {}),
    integrationMeta: agent.integrationMeta,
    metaData: {},
    deletedAt: null,
    createdAt: new Date(agent.createdAt).toISOString(),
    updatedAt: new Date(agent.updatedAt).toISOString(),
  };
}

/** Registers the Agent Builder and BYO agent routes on the chat API. */
export function registerAiAgents(chat: Router): void {
  const base = '/ai-agents/agent-builder/agents';
  chat.add('GET', base, (req, { store, settings }) => {
    const limit = readLimit(req.query);
    const all = [...stateOf(store).builder.values()].sort((a, b) => b.createdAt - a.createdAt);
    const page = all.slice(0, limit);
    return json({
      data: page.map((agent) => renderBuilder(settings.appId, agent)),
      meta: { current: { limit, count: page.length } },
    });
  });
  chat.add('GET', `${base}/:uid`, (req, { store, settings }) => {
    const uid = req.params.uid ?? '';
    const agent = stateOf(store).builder.get(uid);
    if (!agent) throw agentNotFound(uid);
    return json(renderBuilder(settings.appId, agent));
  });
  chat.add('POST', base, (req, { store, settings }) => {
    const now = store.now() * 1000;
    const agent: BuilderAgent = {
      uid: randomUUID(),
      name: '',
      isActive: true,
      model: 'gpt-4o-mini',
      tools: [],
      apiTools: [],
      mcpServers: [],
      modelMetaData: {},
      createdAt: now,
      updatedAt: now,
    };
    applyBuilder(bodyObject(req), agent, true);
    stateOf(store).builder.set(agent.uid, agent);
    return json({ agent: renderBuilder(settings.appId, agent) });
  });
  chat.add('PATCH', `${base}/:uid`, (req, { store }) => {
    const uid = req.params.uid ?? '';
    const agent = stateOf(store).builder.get(uid);
    if (!agent) throw agentNotFound(uid);
    const changed = { ...agent };
    applyBuilder(bodyObject(req), changed, false);
    Object.assign(agent, changed, { updatedAt: store.now() * 1000 });
    return json({ success: true });
  });
  chat.add('DELETE', `${base}/:uid`, (req, { store }) => {
    const uid = req.params.uid ?? '';
    if (!stateOf(store).builder.delete(uid)) throw agentNotFound(uid);
    return json({ success: true, message: 'Operation completed successfully' });
  });

  chat.add('GET', '/ai-agents/agents', (_req, { store, settings }) =>
    json([...stateOf(store).byo.values()].map((agent) => renderByo(settings.appId, agent))),
  );
  chat.add('POST', '/ai-agents/agents', (req, { store, settings }) => {
    const now = store.now() * 1000;
    const agent: ByoAgent = {
      uid: randomUUID(),
      name: '',
      isActive: true,
      integrateWith: '',
      integrationType: 'agent',
      integrationMeta: {},
      tools: [],
      actions: [],
      createdAt: now,
      updatedAt: now,
    };
    applyByo(bodyObject(req), agent, true);
    stateOf(store).byo.set(agent.uid, agent);
    return json({ agent: renderByo(settings.appId, agent) });
  });
  chat.add('PATCH', '/ai-agents/agents/:uid', (req, { store }) => {
    const uid = req.params.uid ?? '';
    const agent = stateOf(store).byo.get(uid);
    if (!agent) throw agentNotFound(uid);
    const changed = { ...agent };
    applyByo(bodyObject(req), changed, false);
    Object.assign(agent, changed, { updatedAt: store.now() * 1000 });
    return json({ success: true });
  });
  chat.add('DELETE', '/ai-agents/agents/:uid', (req, { store }) => {
    const uid = req.params.uid ?? '';
    if (!stateOf(store).byo.delete(uid)) throw agentNotFound(uid);
    return json({
      success: true,
      message: `Agent with UID '${uid}' has been deleted successfully`,
    });
  });
}
