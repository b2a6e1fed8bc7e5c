/**
 * The Agent Builder's tools on the chat API host (`apikey`): custom API tools
 * (`/ai-agents/agent-builder/api-tools[/{slug}]`), MCP servers (`/mcp-servers[/{slug}]`) and
 * frontend actions (`/frontend-actions[/{id}]`). Each is a resource with the same five calls: a
 * list (`{data, meta}`, first {@link TOOL_WINDOW}), a get, a create and an update (both answer
 * the object) and a delete. See docs/cometchat-tooling-endpoints.md#agent-builder-tools.
 *
 * An API tool's basic-auth password and header values are write-only: the records below keep
 * whether they are set and the header names, never the values (CometChat's answers carry the
 * headers as a JSON string).
 */
import { z } from 'zod';
import { BASE, done, inData, listOf, millis, text } from './ai-agent-builder.js';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';

/** The most items one list call asks for; the gateway pages within them. */
export const TOOL_WINDOW = 100;

/** A parameter the agent fills in when it calls an API tool or a frontend action. */
export interface ToolParameterRecord {
  key: string;
  type: string | null;
  description: string | null;
  isRequired: boolean;
}

/** What CometChat takes for a parameter. */
export interface ToolParameterWrite {
  key: string;
  type: string;
  description?: string | undefined;
  required: boolean;
}

const parameters = z
  .array(
    z
      .object({
        key: z.string().min(1),
        type: text,
        description: text,
        required: z.unknown().optional(),
      })
      .transform(({ required, ...rest }) => ({ ...rest, isRequired: required === true })),
  )
  .nullish()
  .transform((v) => v ?? []);

// ---------------------------------------------------------------------------------------------
// The five calls of one resource

/** What an update sends: any part of a create's body. */
export type Changes<W> = { [K in keyof W]?: W[K] | undefined };

export interface ToolResource<R, W> {
  list(client: UpstreamClient, opts?: CallOptions): Promise<R[]>;
  get(client: UpstreamClient, id: string, opts?: CallOptions): Promise<R>;
  create(client: UpstreamClient, body: W, opts?: CallOptions): Promise<R>;
  update(client: UpstreamClient, id: string, changes: Changes<W>, opts?: CallOptions): Promise<R>;
  remove(client: UpstreamClient, id: string, opts?: CallOptions): Promise<true>;
}

/** The five calls of `/ai-agents/agent-builder/{collection}[/{key}]`. */
function resource<R, W extends object>(
  collection: string,
  key: 'slug' | 'id',
  item: z.ZodType<R, unknown>,
  what: string,
): ToolResource<R, W> {
  const path = `${BASE}/${collection}`;
  const itemPath = `${path}/{${key}}`;
  const one = z.preprocess(inData, item);
  return {
    list: (client, opts = {}) =>
      call(client, 'GET', path, listOf(item, what), { query: { limit: TOOL_WINDOW }, ...opts }),
    get: (client, id, opts = {}) =>
      call(client, 'GET', itemPath, one, { params: { [key]: id }, ...opts }),
    create: (client, body, opts = {}) =>
      call(client, 'POST', path, one, { body: { ...body }, ...opts }),
    update: (client, id, changes, opts = {}) =>
      call(client, 'PATCH', itemPath, one, {
        params: { [key]: id },
        body: { ...changes },
        ...opts,
      }),
    remove: (client, id, opts = {}) =>
      call(client, 'DELETE', itemPath, done, { params: { [key]: id }, ...opts }),
  };
}

// ---------------------------------------------------------------------------------------------
// Custom API tools

export type ApiToolMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiToolRecord {
  slug: string;
  name: string | null;
  description: string | null;
  icon: string | null;
  endpoint: string | null;
  method: string | null;
  isBasicAuthEnabled: boolean;
  /** The names of the headers CometChat sends (their values are write-only). */
  headerNames: string[];
  bodyTemplate: string | null;
  isAdditionalPropertyAllowed: boolean;
  parameters: ToolParameterRecord[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** The names of a JSON object of headers (a string, as CometChat keeps them, or an object). */
function headerNamesOf(raw: unknown): string[] {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return [];
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.keys(value)
    : [];
}

const apiToolObject: z.ZodType<ApiToolRecord, unknown> = z
  .object({
    slug: z.string().min(1),
    name: text,
    description: text,
    icon: text,
    endpoint: text,
    method: text,
    enableBasicAuth: z.unknown().optional(),
    headers: z.unknown().optional(),
    bodyTemplate: text,
    allowAdditionalProperties: z.unknown().optional(),
    parameters,
    createdAt: millis,
    updatedAt: millis,
  })
  .transform((v) => ({
    slug: v.slug,
    name: v.name,
    description: v.description,
    icon: v.icon,
    endpoint: v.endpoint,
    method: v.method,
    isBasicAuthEnabled: v.enableBasicAuth === true,
    headerNames: headerNamesOf(v.headers),
    bodyTemplate: v.bodyTemplate,
    isAdditionalPropertyAllowed: v.allowAdditionalProperties === true,
    parameters: v.parameters,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }));

/** A create's body, in CometChat's names (an update sends any part of it but the slug). */
export interface ApiToolWrite {
  slug: string;
  name: string;
  description?: string | undefined;
  icon?: string | undefined;
  endpoint: string;
  method: ApiToolMethod;
  enableBasicAuth?: boolean | undefined;
  basicAuthUsername?: string | undefined;
  basicAuthPassword?: string | undefined;
  /** A JSON object of header names and values, as a string. */
  headers?: string | undefined;
  bodyTemplate?: string | undefined;
  allowAdditionalProperties?: boolean | undefined;
  parameters?: ToolParameterWrite[] | undefined;
}

/** `/ai-agents/agent-builder/api-tools[/{slug}]`. */
export const apiTools = resource<ApiToolRecord, ApiToolWrite>(
  'api-tools',
  'slug',
  apiToolObject,
  'API tool',
);

// ---------------------------------------------------------------------------------------------
// MCP servers

export interface McpServerRecord {
  slug: string;
  name: string | null;
  description: string | null;
  url: string | null;
  icon: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const mcpServerObject: z.ZodType<McpServerRecord, unknown> = z.object({
  slug: z.string().min(1),
  name: text,
  description: text,
  url: text,
  icon: text,
  createdAt: millis,
  updatedAt: millis,
});

export interface McpServerWrite {
  slug: string;
  name: string;
  url: string;
  description?: string | undefined;
  icon?: string | undefined;
}

/**
 * `/ai-agents/agent-builder/mcp-servers[/{slug}]`: list, get, create and update. No delete is
 * offered: no CometChat page documenting one was found (docs/cometchat-tooling-endpoints.md).
 */
const { remove: _undocumented, ...mcpServerCalls } = resource<McpServerRecord, McpServerWrite>(
  'mcp-servers',
  'slug',
  mcpServerObject,
  'MCP server',
);
export const mcpServers: Omit<
  ToolResource<McpServerRecord, McpServerWrite>,
  'remove'
> = mcpServerCalls;

// ---------------------------------------------------------------------------------------------
// Frontend actions

export interface FrontendActionRecord {
  actionId: string;
  name: string | null;
  description: string | null;
  triggerFunction: string | null;
  icon: string | null;
  parameters: ToolParameterRecord[];
  createdAt: Date | null;
  updatedAt: Date | null;
}

const frontendActionObject: z.ZodType<FrontendActionRecord, unknown> = z
  .object({
    _id: z.string().min(1),
    name: text,
    description: text,
    triggerFunction: text,
    icon: text,
    parameters,
    createdAt: millis,
    updatedAt: millis,
  })
  .transform(({ _id, ...rest }) => ({ ...rest, actionId: _id }));

export interface FrontendActionWrite {
  name: string;
  description: string;
  triggerFunction: string;
  icon?: string | undefined;
  parameters?: ToolParameterWrite[] | undefined;
}

/** `/ai-agents/agent-builder/frontend-actions[/{id}]`. */
export const frontendActions = resource<FrontendActionRecord, FrontendActionWrite>(
  'frontend-actions',
  'id',
  frontendActionObject,
  'frontend action',
);
