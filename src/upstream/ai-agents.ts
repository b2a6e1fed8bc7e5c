/**
 * CometChat's AI agents on the chat API host (`apikey`): the Agent Builder's native agents
 * (`/ai-agents/agent-builder/agents[/{uid}]`: list, get, create, update, delete) and the
 * bring-your-own (BYO) agent registrations (`/ai-agents/agents[/{uid}]`: list, create, update,
 * delete). Their answers are not CometChat's usual envelopes: a get answers the bare object, a
 * create `{agent: {...}}`, an update `{success: true}`, the BYO list a bare array. Each parser also
 * takes the object inside a `data` wrapper, the envelope of CometChat's other endpoints.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';

/** Unwraps `{data: X}` (or `{agent: X}`) to X; anything else is left as it is. */
function unwrap(key: 'data' | 'agent') {
  return (raw: unknown): unknown =>
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) && key in raw
      ? (raw as Record<string, unknown>)[key] // an object holding the key
      : raw;
}

const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);
const text = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** Epoch milliseconds (the Agent Builder) or an ISO date string (BYO agents). */
const instant = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v === undefined || v === null || v === '') return null;
    const date =
      typeof v === 'number' ? new Date(v) : new Date(Number.isNaN(Number(v)) ? v : Number(v));
    return Number.isNaN(date.getTime()) ? null : date;
  });

export interface AiAgentRecord {
  uid: string;
  name: string;
  description: string | null;
  icon: string | null;
  isActive: boolean;
  model: string | null;
  instruction: string | null;
  tools: string[];
  apiTools: string[];
  mcpServers: string[];
  frontendActions: string[];
  temperature: number | null;
  maxTokens: number | null;
  lastMessageAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const agentObject: z.ZodType<AiAgentRecord, unknown> = z
  .object({
    uid: z.string().min(1),
    name: z.string(),
    description: text,
    icon: text,
    isActive: z.boolean().nullish(),
    model: text,
    instruction: text,
    tools: strings,
    apiTools: strings,
    mcpServers: strings,
    frontendActions: strings,
    modelMetaData: z
      .object({ temperature: z.number().nullish(), maxTokens: z.number().nullish() })
      .passthrough()
      .nullish(),
    lastMessageAt: instant,
    createdAt: instant,
    updatedAt: instant,
  })
  .transform(({ modelMetaData, isActive, ...rest }) => ({
    ...rest,
    isActive: isActive !== false,
    temperature: modelMetaData?.temperature ?? null,
    maxTokens: modelMetaData?.maxTokens ?? null,
  }));

const agentAnswer = z.preprocess(unwrap('data'), z.preprocess(unwrap('agent'), agentObject));
const agentList = z.preprocess(
  unwrap('data'),
  z.array(z.unknown()).transform((items, ctx) =>
    items.map((item) => {
      const parsed = agentObject.safeParse(item);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'unreadable agent', input: item });
      return z.NEVER;
    }),
  ),
);
/** An update's or a delete's answer: `{success: true}` (with a message for deletes). */
const done = z.unknown().transform(() => true as const);

/** What the Agent Builder's create and update send (update: only the fields given). */
export interface AiAgentWrite {
  name?: string | undefined;
  description?: string | undefined;
  icon?: string | undefined;
  instruction?: string | undefined;
  model?: string | undefined;
  tools?: string[] | undefined;
  apiTools?: string[] | undefined;
  mcpServers?: string[] | undefined;
  isActive?: boolean | undefined;
  modelMetaData?: { temperature?: number; maxTokens?: number } | undefined;
}

/** The most agents one list call asks for; the gateway pages within them. */
export const AI_AGENT_WINDOW = 100;

/** `GET /ai-agents/agent-builder/agents?limit=100`: the first page (the window). */
export function listAiAgents(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<AiAgentRecord[]> {
  return call(client, 'GET', '/ai-agents/agent-builder/agents', agentList, {
    query: { limit: AI_AGENT_WINDOW },
    ...opts,
  });
}

/** `GET /ai-agents/agent-builder/agents/{uid}`. */
export function getAiAgent(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<AiAgentRecord> {
  return call(client, 'GET', '/ai-agents/agent-builder/agents/{uid}', agentAnswer, {
    params: { uid },
    ...opts,
  });
}

/** `POST /ai-agents/agent-builder/agents`: answers `{agent: {...}}`. */
export function createAiAgent(
  client: UpstreamClient,
  agent: AiAgentWrite,
  opts: CallOptions = {},
): Promise<AiAgentRecord> {
  return call(client, 'POST', '/ai-agents/agent-builder/agents', agentAnswer, {
    body: { ...agent },
    ...opts,
  });
}

/** `PATCH /ai-agents/agent-builder/agents/{uid}`: answers `{success: true}`. */
export function updateAiAgent(
  client: UpstreamClient,
  uid: string,
  changes: AiAgentWrite,
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'PATCH', '/ai-agents/agent-builder/agents/{uid}', done, {
    params: { uid },
    body: { ...changes },
    ...opts,
  });
}

/** `DELETE /ai-agents/agent-builder/agents/{uid}`. */
export function deleteAiAgent(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'DELETE', '/ai-agents/agent-builder/agents/{uid}', done, {
    params: { uid },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Bring-your-own agents

export interface ByoAgentRecord {
  uid: string;
  name: string;
  icon: string | null;
  isActive: boolean;
  integrateWith: string | null;
  integrationType: string | null;
  tools: string[];
  actions: string[];
  instruction: string | null;
  /** `integrationMeta.baseUrl` and `.agentId` (documented for Mastra); the rest is not shown. */
  baseUrl: string | null;
  externalAgentId: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const byoObject: z.ZodType<ByoAgentRecord, unknown> = z
  .object({
    uid: z.string().min(1),
    name: z.string(),
    icon: text,
    isActive: z.boolean().nullish(),
    integrateWith: text,
    integrationType: text,
    tools: strings,
    actions: strings,
    instruction: text,
    integrationMeta: z
      .object({ baseUrl: z.unknown(), agentId: z.unknown() })
      .passthrough()
      .nullish(),
    createdAt: instant,
    updatedAt: instant,
  })
  .transform(({ integrationMeta, isActive, ...rest }) => ({
    ...rest,
    isActive: isActive !== false,
    baseUrl: typeof integrationMeta?.baseUrl === 'string' ? integrationMeta.baseUrl : null,
    externalAgentId: typeof integrationMeta?.agentId === 'string' ? integrationMeta.agentId : null,
  }));

const byoAnswer = z.preprocess(unwrap('data'), z.preprocess(unwrap('agent'), byoObject));
const byoList = z.preprocess(
  unwrap('data'),
  z.array(z.unknown()).transform((items, ctx) =>
    items.map((item) => {
      const parsed = byoObject.safeParse(item);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: 'custom', message: 'unreadable agent', input: item });
      return z.NEVER;
    }),
  ),
);

/** What a BYO create and update send (update: only the fields given). */
export interface ByoAgentWrite {
  name?: string | undefined;
  icon?: string | undefined;
  isActive?: boolean | undefined;
  integrateWith?: string | undefined;
  integrationType?: 'llm' | 'agent' | undefined;
  integrationMeta?: IntegrationMeta | undefined;
  tools?: string[] | undefined;
  actions?: string[] | undefined;
  instruction?: string | undefined;
}

/** `GET /ai-agents/agents`: every BYO agent of the app (a bare array, no paging). */
export function listByoAgents(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<ByoAgentRecord[]> {
  return call(client, 'GET', '/ai-agents/agents', byoList, { ...opts });
}

/** A BYO agent's whole `integrationMeta`, credentials included: only ever sent back, never shown. */
export type IntegrationMeta = Record<string, unknown>;

const rawMetaList = z.preprocess(
  unwrap('data'),
  z.array(
    z
      .object({ uid: z.string(), integrationMeta: z.record(z.string(), z.unknown()).nullish() })
      .passthrough(),
  ),
);

/**
 * `GET /ai-agents/agents`, keeping only the `integrationMeta` of `uid` (null when there is no such
 * agent): what an update merges a new `baseUrl` or `agentId` into, so that the headers and other
 * settings CometChat holds for the agent are sent back unchanged whether CometChat replaces or
 * merges the object.
 */
export async function readByoIntegrationMeta(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<IntegrationMeta | null> {
  const all = await call(client, 'GET', '/ai-agents/agents', rawMetaList, { ...opts });
  const agent = all.find((entry) => entry.uid === uid);
  return agent ? (agent.integrationMeta ?? {}) : null;
}

/** `POST /ai-agents/agents`: answers `{agent: {...}}`. */
export function createByoAgent(
  client: UpstreamClient,
  agent: ByoAgentWrite,
  opts: CallOptions = {},
): Promise<ByoAgentRecord> {
  return call(client, 'POST', '/ai-agents/agents', byoAnswer, { body: { ...agent }, ...opts });
}

/** `PATCH /ai-agents/agents/{uid}`: answers `{success: true}`. */
export function updateByoAgent(
  client: UpstreamClient,
  uid: string,
  changes: ByoAgentWrite,
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'PATCH', '/ai-agents/agents/{uid}', done, {
    params: { uid },
    body: { ...changes },
    ...opts,
  });
}

/** `DELETE /ai-agents/agents/{uid}`. */
export function deleteByoAgent(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'DELETE', '/ai-agents/agents/{uid}', done, { params: { uid }, ...opts });
}
