/**
 * The Agent Builder's knowledge base and custom variables on the chat API host (`apikey`):
 * knowledge-base records (`GET /ai-agents/agent-builder/knowledge-base`), text entries
 * (`/knowledge-base/text[/{uniqueId}]`), attaching sources to an agent
 * (`PATCH /agents/{uid}/knowledge-base/{sourceType}/add|remove`) and custom variables
 * (`/agents/variables/custom[/{variableId}]`). See docs/cometchat-tooling-endpoints.md#ai-agents.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';

export const BASE = '/ai-agents/agent-builder';

export const text = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** Epoch milliseconds (or their string). */
export const millis = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v) => {
    if (v === undefined || v === null || v === '') return null;
    const date = new Date(typeof v === 'number' ? v : Number.isNaN(Number(v)) ? v : Number(v));
    return Number.isNaN(date.getTime()) ? null : date;
  });

/** Takes `{data: X}` as X; anything else as it is. */
export function inData(raw: unknown): unknown {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'data' in raw
    ? (raw as { data: unknown }).data
    : raw;
}

/** A list whose items must each parse, or the answer is unreadable. */
export function listOf<T>(item: z.ZodType<T, unknown>, what: string) {
  return z.preprocess(
    inData,
    z.array(z.unknown()).transform((items, ctx) =>
      items.map((entry) => {
        const parsed = item.safeParse(entry);
        if (parsed.success) return parsed.data;
        ctx.addIssue({ code: 'custom', message: `unreadable ${what}` });
        return z.NEVER;
      }),
    ),
  );
}

export const done = z.unknown().transform(() => true as const);

// ---------------------------------------------------------------------------------------------
// Knowledge base

export interface KnowledgeSourceRecord {
  uniqueId: string;
  sourceName: string | null;
  /** `uploads`, `text`, `website`... as CometChat names them (an open set). */
  type: string | null;
  status: string | null;
  lastSynced: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const sourceObject: z.ZodType<KnowledgeSourceRecord, unknown> = z.object({
  uniqueId: z.string().min(1),
  sourceName: text,
  type: text,
  status: text,
  lastSynced: millis,
  createdAt: millis,
  updatedAt: millis,
});

/** The most records one list call asks for; the gateway pages within them. */
export const KNOWLEDGE_WINDOW = 100;

/** `GET /ai-agents/agent-builder/knowledge-base?limit=100`: the newest records (the window). */
export function listKnowledgeSources(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<KnowledgeSourceRecord[]> {
  return call(client, 'GET', `${BASE}/knowledge-base`, listOf(sourceObject, 'record'), {
    query: { limit: KNOWLEDGE_WINDOW },
    ...opts,
  });
}

export interface KnowledgeTextRecord {
  uniqueId: string;
  title: string;
  text: string | null;
  fileName: string | null;
  status: string | null;
  vectorizationStatus: string | null;
  isActive: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const textObject: z.ZodType<KnowledgeTextRecord, unknown> = z
  .object({
    uniqueId: z.string().min(1),
    title: z.string(),
    text,
    fileName: text,
    status: text,
    vectorizationStatus: text,
    isActive: z.boolean().nullish(),
    createdAt: millis,
    updatedAt: millis,
  })
  .transform(({ isActive, ...rest }) => ({ ...rest, isActive: isActive !== false }));

const textAnswer = z.preprocess(inData, textObject);
/** A create's or an update's answer: `{success, message, data: {uniqueId, ...}}`. */
const textWritten = z.preprocess(
  inData,
  z.object({ uniqueId: z.string().min(1) }).transform((v) => v.uniqueId),
);

/** `GET /ai-agents/agent-builder/knowledge-base/text/{uniqueId}`. */
export function getKnowledgeText(
  client: UpstreamClient,
  uniqueId: string,
  opts: CallOptions = {},
): Promise<KnowledgeTextRecord> {
  return call(client, 'GET', `${BASE}/knowledge-base/text/{uniqueId}`, textAnswer, {
    params: { uniqueId },
    ...opts,
  });
}

/** `POST /ai-agents/agent-builder/knowledge-base/text`: answers the new entry's uniqueId. */
export function createKnowledgeText(
  client: UpstreamClient,
  entry: { title: string; text: string },
  opts: CallOptions = {},
): Promise<string> {
  return call(client, 'POST', `${BASE}/knowledge-base/text`, textWritten, {
    body: { ...entry },
    ...opts,
  });
}

/** `PATCH /ai-agents/agent-builder/knowledge-base/text/{uniqueId}` (only the fields given). */
export function updateKnowledgeText(
  client: UpstreamClient,
  uniqueId: string,
  changes: { title?: string | undefined; text?: string | undefined },
  opts: CallOptions = {},
): Promise<string> {
  return call(client, 'PATCH', `${BASE}/knowledge-base/text/{uniqueId}`, textWritten, {
    params: { uniqueId },
    body: { ...changes },
    ...opts,
  });
}

/** `DELETE /ai-agents/agent-builder/knowledge-base/text/{uniqueId}`. */
export function deleteKnowledgeText(
  client: UpstreamClient,
  uniqueId: string,
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'DELETE', `${BASE}/knowledge-base/text/{uniqueId}`, done, {
    params: { uniqueId },
    ...opts,
  });
}

/**
 * `PATCH /ai-agents/agent-builder/agents/{uid}/knowledge-base/{sourceType}/add` (or `remove`)
 * `{uniqueIds}`: attaches sources of one type to an agent, or detaches them.
 */
export function changeAgentKnowledge(
  client: UpstreamClient,
  uid: string,
  sourceType: string,
  change: 'add' | 'remove',
  uniqueIds: string[],
  opts: CallOptions = {},
): Promise<true> {
  return call(client, 'PATCH', `${BASE}/agents/{uid}/knowledge-base/{sourceType}/${change}`, done, {
    params: { uid, sourceType },
    body: { uniqueIds },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Custom variables

export type VariableSourceType = 'message_metadata' | 'user_metadata' | 'constant';

export interface CustomVariableRecord {
  variableId: string;
  name: string;
  description: string | null;
  /** An open set upstream; the three documented values are typed. */
  sourceType: string;
  sourcePath: string | null;
  /** Whether a constant value is set. The value itself is not kept (it may be a credential). */
  hasConstantValue: boolean;
  defaultValue: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const variableObject: z.ZodType<CustomVariableRecord, unknown> = z
  .object({
    _id: z.string().min(1),
    name: z.string(),
    description: text,
    sourceType: z.string(),
    sourcePath: text,
    constantValue: z.unknown(),
    defaultValue: text,
    createdAt: millis,
    updatedAt: millis,
  })
  .transform(({ _id, constantValue, ...rest }) => ({
    ...rest,
    variableId: _id,
    hasConstantValue: typeof constantValue === 'string' && constantValue !== '',
  }));

const variableAnswer = z.preprocess(inData, variableObject);

/** What a create or an update sends (update: no name, only the fields given). */
export interface CustomVariableWrite {
  name?: string | undefined;
  sourceType?: VariableSourceType | undefined;
  description?: string | undefined;
  sourcePath?: string | undefined;
  constantValue?: string | undefined;
  defaultValue?: string | undefined;
}

/** `GET /ai-agents/agent-builder/agents/variables/custom`: every custom variable (a bare array). */
export function listCustomVariables(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<CustomVariableRecord[]> {
  return call(
    client,
    'GET',
    `${BASE}/agents/variables/custom`,
    listOf(variableObject, 'variable'),
    {
      ...opts,
    },
  );
}

/** `POST /ai-agents/agent-builder/agents/variables/custom`: answers the variable. */
export function createCustomVariable(
  client: UpstreamClient,
  variable: CustomVariableWrite,
  opts: CallOptions = {},
): Promise<CustomVariableRecord> {
  return call(client, 'POST', `${BASE}/agents/variables/custom`, variableAnswer, {
    body: { ...variable },
    ...opts,
  });
}

/** `PATCH /ai-agents/agent-builder/agents/variables/custom/{variableId}`: answers the variable. */
export function updateCustomVariable(
  client: UpstreamClient,
  variableId: string,
  changes: CustomVariableWrite,
  opts: CallOptions = {},
): Promise<CustomVariableRecord> {
  return call(client, 'PATCH', `${BASE}/agents/variables/custom/{variableId}`, variableAnswer, {
    params: { variableId },
    body: { ...changes },
    ...opts,
  });
}
