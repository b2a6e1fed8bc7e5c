/**
 * The Agent Builder's tools for internal tools: custom API tools (`AiApiTool`), MCP servers
 * (`AiMcpServer`) and frontend actions (`AiFrontendAction`), each a node with a list, a lookup and
 * create/update/delete mutations. Admin only. An API tool's basic-auth password and header values
 * are write-only (only the header names show). See
 * docs/cometchat-tooling-endpoints.md#agent-builder-tools.
 */
import './mutation.js';
import type { ObjectRef } from '@pothos/core';
import { z } from 'zod';
import { ADMIN_NOTE, builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { type ToolingReads, toolingReads } from '../loaders/index.js';
import {
  type ApiToolRecord,
  type ApiToolWrite,
  apiTools,
  type Changes,
  type FrontendActionRecord,
  type FrontendActionWrite,
  frontendActions,
  type McpServerRecord,
  type McpServerWrite,
  mcpServers,
  TOOL_WINDOW,
  type ToolParameterRecord,
  type ToolResource,
} from '../upstream/ai-agent-tools.js';
import { aiKey, aiKeySchema, MAX_AI_KEY, orNull } from './ai-agents.js';
import { shortTextArg } from './arg-checks.js';
import { adminWindowList, countedConnection } from './connections.js';
import { ConflictFailure, NotFoundFailure, ValidationFailure } from './errors.js';
import { choice, displayName, flag, type InputOf, inputObject, kind, url } from './input.js';
import { checkChanges, runMutation } from './mutation-support.js';
import { type ObjectFieldBuilder, objectPayload, type Types } from './mutations/fields.js';

/** Gateway limits (CometChat documents none for these). */
export const MAX_TOOL_PARAMETERS = 50;
export const MAX_TOOL_HEADERS = 50;
const MAX_TOOL_DESCRIPTION = 1000;
const MAX_BODY_TEMPLATE = 10_000;

function options(context: GatewayContext) {
  return context.view(null).options;
}

/** The tooling reads, as the app. */
function tooling(context: GatewayContext) {
  return toolingReads(context.upstream, context.view(null));
}

// ---------------------------------------------------------------------------------------------
// Output types

const AiToolParameter = builder.objectRef<ToolParameterRecord>('AiToolParameter').implement({
  description: 'A parameter the agent fills in when it uses an API tool or a frontend action.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Its name.' }),
    type: t.exposeString('type', {
      nullable: true,
      description: 'Its data type as CometChat keeps it, e.g. `string` (an open set).',
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'Guidance for the agent; null when none is set.',
    }),
    isRequired: t.exposeBoolean('isRequired', { description: 'Whether the agent must supply it.' }),
  }),
});

/** `createdAt`/`updatedAt`, which every tool type has. */
function timestamps<T extends { createdAt: Date | null; updatedAt: Date | null }>(
  t: ObjectFieldBuilder<T>,
) {
  return {
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was created; null when CometChat did not say.',
      resolve: (item) => item.createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it last changed; null when CometChat did not say.',
      resolve: (item) => item.updatedAt,
    }),
  };
}

export const AiApiTool = builder.node(builder.objectRef<ApiToolRecord>('AiApiTool'), {
  description: `A custom API tool of the Agent Builder: a REST endpoint agents may call. Its basic-auth password and header values are write-only. ${ADMIN_NOTE}`,
  authScopes: { admin: true },
  id: { resolve: (tool) => tool.slug },
  loadOne: (slug, context) => orNull(tooling(context).apiTool(slug)),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: "The tool's unique slug (its CometChat id)." }),
    name: t.exposeString('name', { nullable: true, description: 'Its display name.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What it does and when to use it; null when none is set.',
    }),
    icon: t.exposeString('icon', { nullable: true, description: 'Its icon URL; null when none.' }),
    endpoint: t.exposeString('endpoint', { nullable: true, description: 'The URL it calls.' }),
    method: t.exposeString('method', {
      nullable: true,
      description: 'The HTTP method it calls with, e.g. `GET`.',
    }),
    isBasicAuthEnabled: t.exposeBoolean('isBasicAuthEnabled', {
      description: 'Whether CometChat sends basic-auth credentials (never shown).',
    }),
    headerNames: t.exposeStringList('headerNames', {
      description: 'The names of the headers it sends (their values are write-only).',
    }),
    bodyTemplate: t.exposeString('bodyTemplate', {
      nullable: true,
      description: 'The Handlebars body template; null when none is set.',
    }),
    isAdditionalPropertyAllowed: t.exposeBoolean('isAdditionalPropertyAllowed', {
      description: 'Whether the agent may send parameters beyond the defined ones.',
    }),
    parameters: t.field({
      type: [AiToolParameter],
      description: 'The parameters the agent fills in.',
      resolve: (tool) => tool.parameters,
    }),
    ...timestamps(t),
  }),
});

export const AiMcpServer = builder.node(builder.objectRef<McpServerRecord>('AiMcpServer'), {
  description: `A Model Context Protocol server registered with the Agent Builder, whose tools agents may use. ${ADMIN_NOTE}`,
  authScopes: { admin: true },
  id: { resolve: (server) => server.slug },
  loadOne: (slug, context) => orNull(tooling(context).mcpServer(slug)),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: "The server's unique slug (its CometChat id)." }),
    name: t.exposeString('name', { nullable: true, description: 'Its display name.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What it provides; null when none is set.',
    }),
    url: t.exposeString('url', { nullable: true, description: 'The URL CometChat connects to.' }),
    icon: t.exposeString('icon', { nullable: true, description: 'Its icon URL; null when none.' }),
    ...timestamps(t),
  }),
});

export const AiFrontendAction = builder.node(
  builder.objectRef<FrontendActionRecord>('AiFrontendAction'),
  {
    description: `A frontend action of the Agent Builder: a function of the client app that agents may ask the app to run. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    id: { resolve: (action) => action.actionId },
    loadOne: (id, context) => orNull(tooling(context).frontendAction(id)),
    fields: (t) => ({
      actionId: t.exposeString('actionId', { description: "The action's CometChat id." }),
      name: t.exposeString('name', { nullable: true, description: 'Its display name.' }),
      description: t.exposeString('description', {
        nullable: true,
        description: 'What it does.',
      }),
      triggerFunction: t.exposeString('triggerFunction', {
        nullable: true,
        description: 'The function the client app runs (fixed once created).',
      }),
      icon: t.exposeString('icon', {
        nullable: true,
        description: 'Its icon URL; null when none.',
      }),
      parameters: t.field({
        type: [AiToolParameter],
        description: 'The parameters the agent fills in.',
        resolve: (action) => action.parameters,
      }),
      ...timestamps(t),
    }),
  },
);

/** The list (a connection over the newest window) and the lookup of one kind of tool. */
function toolQueries<Shape>(spec: {
  name: string;
  type: ObjectRef<Types, Shape>;
  noun: string;
  list: string;
  one: string;
  idArg: string;
  idNoun: string;
  all: (reads: ToolingReads) => Promise<Shape[]>;
  get: (reads: ToolingReads, id: string) => Promise<Shape>;
}) {
  const connection = countedConnection(
    {
      name: `${spec.name}Connection`,
      type: spec.type,
      description: `A page of ${spec.noun}.`,
      totalCount: `How many ${spec.noun} the window holds (at most ${TOOL_WINDOW}).`,
    },
    { name: `${spec.name}Edge`, description: `One of the ${spec.noun}, with its cursor.` },
  );
  builder.queryFields((t) => ({
    [spec.list]: adminWindowList(t, {
      type: connection,
      noun: spec.noun,
      description: `The Agent Builder's ${spec.noun}, newest first. The gateway reads the newest ${TOOL_WINDOW} (one upstream call) and pages within them. ${ADMIN_NOTE} Null when they could not be read (the error on this field says why).`,
      key: spec.list,
      read: (context) => spec.all(tooling(context)),
    }),
    [spec.one]: t.field({
      type: spec.type,
      nullable: true,
      description: `Looks one of the ${spec.noun} up by its ${spec.idNoun}. Null when there is none. ${ADMIN_NOTE}`,
      authScopes: { admin: true },
      args: {
        [spec.idArg]: t.arg.string({
          required: true,
          description: `Its ${spec.idNoun}.`,
          validate: shortTextArg,
        }),
      },
      resolve: (_root, args, context) =>
        orNull(spec.get(tooling(context), String(args[spec.idArg]).trim())) as never, // same
    }),
  }));
}

toolQueries({
  name: 'AiApiTool',
  type: AiApiTool,
  noun: 'custom API tools',
  list: 'aiApiTools',
  one: 'aiApiTool',
  idArg: 'slug',
  idNoun: 'slug',
  all: (reads) => reads.apiTools(),
  get: (reads, slug) => reads.apiTool(slug),
});
toolQueries({
  name: 'AiMcpServer',
  type: AiMcpServer,
  noun: 'MCP servers',
  list: 'aiMcpServers',
  one: 'aiMcpServer',
  idArg: 'slug',
  idNoun: 'slug',
  all: (reads) => reads.mcpServers(),
  get: (reads, slug) => reads.mcpServer(slug),
});
toolQueries({
  name: 'AiFrontendAction',
  type: AiFrontendAction,
  noun: 'frontend actions',
  list: 'aiFrontendActions',
  one: 'aiFrontendAction',
  idArg: 'actionId',
  idNoun: 'id',
  all: (reads) => reads.frontendActions(),
  get: (reads, id) => reads.frontendAction(id),
});

// ---------------------------------------------------------------------------------------------
// Inputs

const MAX_HEADER_VALUE = 2000;
const MAX_BASIC_AUTH_USERNAME = 255;
const MAX_BASIC_AUTH_PASSWORD = 500;

/** At most `max` characters (UTF-16 code units, as zod counts them). */
function atMost(max: number) {
  return kind(
    'String',
    z.string().max(max, `must be at most ${max} characters`),
    `At most ${max.toLocaleString('en')} characters.`,
  );
}

const slug = kind(
  'String',
  aiKeySchema.regex(/^[a-zA-Z0-9_-]+$/, 'may contain only letters, digits, - and _'),
  `1 to ${MAX_AI_KEY} letters, digits, "-" or "_".`,
);
const descriptionSchema = z
  .string()
  .refine(
    (v) => [...v].length <= MAX_TOOL_DESCRIPTION,
    `must be at most ${MAX_TOOL_DESCRIPTION} characters`,
  );
const toolDescription = kind(
  'String',
  descriptionSchema,
  `At most ${MAX_TOOL_DESCRIPTION.toLocaleString('en')} characters.`,
);
const PARAMETER_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;

const AiToolParameterType = builder.enumType('AiToolParameterType', {
  description: "A parameter's data type (JSON Schema's types).",
  values: Object.fromEntries(
    PARAMETER_TYPES.map((type) => [type.toUpperCase(), { value: type, description: `A ${type}.` }]),
  ) as Record<
    Uppercase<(typeof PARAMETER_TYPES)[number]>,
    { value: (typeof PARAMETER_TYPES)[number]; description: string }
  >,
});

const AiApiToolMethod = builder.enumType('AiApiToolMethod', {
  description: 'The HTTP method an API tool calls with.',
  values: {
    GET: { value: 'GET', description: 'GET.' },
    POST: { value: 'POST', description: 'POST.' },
    PUT: { value: 'PUT', description: 'PUT.' },
    PATCH: { value: 'PATCH', description: 'PATCH.' },
    DELETE: { value: 'DELETE', description: 'DELETE.' },
  } as const,
});

const AiToolParameterInput = inputObject('AiToolParameterInput', {
  description: 'A parameter the agent fills in.',
  fields: {
    key: kind(
      'String',
      aiKeySchema.regex(/^\S+$/, 'must not contain spaces'),
      `1 to ${MAX_AI_KEY} characters, no spaces.`,
    ).required('Its name.'),
    type: choice(AiToolParameterType).required('Its data type.'),
    description: toolDescription.optional('Guidance for the agent.'),
    isRequired: flag.optional('Whether the agent must supply it (default false).'),
  },
});
const parameters = kind(
  [AiToolParameterInput.ref],
  z
    .array(AiToolParameterInput.schema)
    .max(MAX_TOOL_PARAMETERS, `must hold at most ${MAX_TOOL_PARAMETERS} parameters`)
    .refine(
      (list) => new Set(list.map((p) => p.key)).size === list.length,
      'must not repeat a key',
    ),
  `At most ${MAX_TOOL_PARAMETERS} parameters, each key once.`,
);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const AiApiToolHeaderInput = inputObject('AiApiToolHeaderInput', {
  description: 'A header an API tool sends. The value is write-only.',
  fields: {
    name: kind(
      'String',
      aiKeySchema.regex(HEADER_NAME, 'must be an HTTP header name'),
      `An HTTP header name of 1 to ${MAX_AI_KEY} characters.`,
    ).required('The header name.'),
    value: atMost(MAX_HEADER_VALUE).required('The header value (write-only).'),
  },
});
const headers = kind(
  [AiApiToolHeaderInput.ref],
  z
    .array(AiApiToolHeaderInput.schema)
    .max(MAX_TOOL_HEADERS, `must hold at most ${MAX_TOOL_HEADERS} headers`)
    .refine(
      (list) => new Set(list.map((h) => h.name.toLowerCase())).size === list.length,
      'must not repeat a header',
    ),
  `At most ${MAX_TOOL_HEADERS} headers, each name once.`,
);

/** The API tool fields create and update share (the others are required on create). */
const apiToolLook = {
  description: toolDescription.optional('What it does and when to use it.'),
  icon: url.optional('Its icon.'),
};
const apiToolCall = {
  isBasicAuthEnabled: flag.optional(
    'Whether to send basic-auth credentials (then both are required on create).',
  ),
  basicAuthUsername: atMost(MAX_BASIC_AUTH_USERNAME).optional('The basic-auth user name.'),
  basicAuthPassword: atMost(MAX_BASIC_AUTH_PASSWORD).optional(
    'The basic-auth password (write-only).',
  ),
  headers: headers.optional('Headers to send.'),
  bodyTemplate: atMost(MAX_BODY_TEMPLATE).optional('A Handlebars body template.'),
  isAdditionalPropertyAllowed: flag.optional(
    'Whether the agent may send parameters beyond the defined ones.',
  ),
  parameters: parameters.optional('The parameters; replaces the list.'),
};

const AiApiToolCreate = inputObject('AiApiToolCreateInput', {
  description: 'A new custom API tool. The basic-auth password and header values are write-only.',
  fields: {
    slug: slug.required('Its unique slug (fixed once created).'),
    name: displayName.required('Its display name.'),
    ...apiToolLook,
    endpoint: url.required('The URL it calls.'),
    method: choice(AiApiToolMethod).required('The HTTP method.'),
    ...apiToolCall,
  },
  check: (input, ctx) => {
    if (input.isBasicAuthEnabled !== true) return;
    for (const field of ['basicAuthUsername', 'basicAuthPassword'] as const) {
      if (!input[field]) {
        ctx.addIssue({ code: 'custom', message: 'is required with basic auth', path: [field] });
      }
    }
  },
});
const AiApiToolUpdate = inputObject('AiApiToolUpdateInput', {
  description:
    'Changes to a custom API tool; omitted fields stay. At least one change. Headers given replace all of its headers.',
  fields: {
    slug: slug.required("The tool's slug."),
    name: displayName.optional('Its display name.'),
    ...apiToolLook,
    endpoint: url.optional('The URL it calls.'),
    method: choice(AiApiToolMethod).optional('The HTTP method.'),
    ...apiToolCall,
  },
  check: (input, ctx) => checkChanges(input, 'slug', ctx),
});

const AiMcpServerCreate = inputObject('AiMcpServerCreateInput', {
  description: 'A new MCP server.',
  fields: {
    slug: slug.required('Its unique slug (fixed once created).'),
    name: displayName.required('Its display name.'),
    url: url.required('The URL of the server.'),
    description: toolDescription.optional('What it provides.'),
    icon: url.optional('Its icon.'),
  },
});
const AiMcpServerUpdate = inputObject('AiMcpServerUpdateInput', {
  description: 'Changes to an MCP server; omitted fields stay. At least one change.',
  fields: {
    slug: slug.required("The server's slug."),
    name: displayName.optional('Its display name.'),
    url: url.optional('The URL of the server.'),
    description: toolDescription.optional('What it provides.'),
    icon: url.optional('Its icon.'),
  },
  check: (input, ctx) => checkChanges(input, 'slug', ctx),
});

const AiFrontendActionCreate = inputObject('AiFrontendActionCreateInput', {
  description: 'A new frontend action.',
  fields: {
    name: displayName.required('Its display name.'),
    description: kind(
      'String',
      descriptionSchema.refine((v) => v.trim() !== '', 'must not be empty'),
      `At most ${MAX_TOOL_DESCRIPTION.toLocaleString('en')} characters, not all blank.`,
    ).required('What it does.'),
    triggerFunction: kind(
      'String',
      aiKeySchema.regex(
        /^[a-zA-Z_$][a-zA-Z0-9_$]*$/,
        'must be a function name (a letter, _ or $, then letters, digits, _ or $)',
      ),
      `A function name (a letter, \`_\` or \`$\`, then letters, digits, \`_\` or \`$\`) of 1 to ${MAX_AI_KEY} characters.`,
    ).required('The function the client app runs (fixed once created).'),
    icon: url.optional('Its icon.'),
    parameters: parameters.optional('The parameters.'),
  },
});
const AiFrontendActionUpdate = inputObject('AiFrontendActionUpdateInput', {
  description: 'Changes to a frontend action; omitted fields stay. At least one change.',
  fields: {
    actionId: aiKey.required("The action's id."),
    name: displayName.optional('A new display name.'),
    description: toolDescription.optional('A new description.'),
    icon: url.optional('A new icon URL.'),
    parameters: parameters.optional('A new list of parameters (replaces the list).'),
  },
  check: (input, ctx) => checkChanges(input, 'actionId', ctx),
});
const AiApiToolDelete = inputObject('AiApiToolDeleteInput', {
  description: 'The custom API tool to delete.',
  fields: { slug: slug.required("The tool's slug.") },
});
const AiFrontendActionDelete = inputObject('AiFrontendActionDeleteInput', {
  description: 'The frontend action to delete.',
  fields: { actionId: aiKey.required("The action's id.") },
});

function parametersOut(list: InputOf<typeof AiToolParameterInput>[] | undefined) {
  return list?.map((p) => ({
    key: p.key,
    type: p.type,
    ...(p.description === undefined ? {} : { description: p.description }),
    required: p.isRequired === true,
  }));
}

/** Only the fields given (CometChat's PATCH takes any part of the body). */
function given<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}

function apiToolBody(input: Changes<InputOf<typeof AiApiToolCreate>>): Changes<ApiToolWrite> {
  return given({
    name: input.name,
    description: input.description,
    icon: input.icon,
    endpoint: input.endpoint,
    method: input.method,
    enableBasicAuth: input.isBasicAuthEnabled,
    basicAuthUsername: input.basicAuthUsername,
    basicAuthPassword: input.basicAuthPassword,
    headers:
      input.headers === undefined
        ? undefined
        : JSON.stringify(Object.fromEntries(input.headers.map((h) => [h.name, h.value]))),
    bodyTemplate: input.bodyTemplate,
    allowAdditionalProperties: input.isAdditionalPropertyAllowed,
    parameters: parametersOut(input.parameters),
  });
}

/** CometChat's body names back to the input's, for its per-field `details`. */
const API_TOOL_FIELDS = {
  enableBasicAuth: ['isBasicAuthEnabled'],
  allowAdditionalProperties: ['isAdditionalPropertyAllowed'],
};

// ---------------------------------------------------------------------------------------------
// Payloads

/** A delete's payload: the id of what was deleted. */
function deletePayload(name: string, description: string, field: 'slug' | 'actionId') {
  return builder.objectRef<{ id: string }>(name).implement({
    description,
    fields: (t) => ({
      [field]: t.string({ description: 'The id of what was deleted.', resolve: (v) => v.id }),
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Mutations

interface Writes<R, W, Calls extends keyof ToolResource<R, W> = 'create' | 'update'> {
  resource: Pick<ToolResource<R, W>, Calls>;
  context: GatewayContext;
  targetPath: string[];
  fieldMap?: Record<string, string[]>;
}

function create<R, W>(w: Writes<R, W>, body: W): Promise<R> {
  return runMutation(
    w.context,
    () => w.resource.create(w.context.upstream, body, options(w.context)),
    { targetPath: w.targetPath, fieldMap: w.fieldMap ?? {} },
  );
}

function update<R, W>(w: Writes<R, W>, id: string, changes: Changes<W>): Promise<R> {
  return runMutation(
    w.context,
    () => w.resource.update(w.context.upstream, id, changes, options(w.context)),
    { targetPath: w.targetPath, fieldMap: w.fieldMap ?? {} },
  );
}

async function remove<R, W>(w: Writes<R, W, 'remove'>, id: string): Promise<{ id: string }> {
  await runMutation(
    w.context,
    () => w.resource.remove(w.context.upstream, id, options(w.context)),
    { targetPath: w.targetPath },
  );
  return { id };
}

const AiApiToolCreatePayload = objectPayload(
  'AiApiToolCreatePayload',
  'The custom API tool that was created.',
  {
    name: 'aiApiTool',
    type: AiApiTool,
    description: 'As CometChat answered it.',
  },
);
const AiApiToolUpdatePayload = objectPayload(
  'AiApiToolUpdatePayload',
  'The custom API tool that was changed.',
  {
    name: 'aiApiTool',
    type: AiApiTool,
    description: 'As CometChat answered it.',
  },
);
const AiMcpServerCreatePayload = objectPayload(
  'AiMcpServerCreatePayload',
  'The MCP server that was registered.',
  {
    name: 'aiMcpServer',
    type: AiMcpServer,
    description: 'As CometChat answered it.',
  },
);
const AiMcpServerUpdatePayload = objectPayload(
  'AiMcpServerUpdatePayload',
  'The MCP server that was changed.',
  {
    name: 'aiMcpServer',
    type: AiMcpServer,
    description: 'As CometChat answered it.',
  },
);
const AiFrontendActionCreatePayload = objectPayload(
  'AiFrontendActionCreatePayload',
  'The frontend action that was created.',
  {
    name: 'aiFrontendAction',
    type: AiFrontendAction,
    description: 'As CometChat answered it.',
  },
);
const AiFrontendActionUpdatePayload = objectPayload(
  'AiFrontendActionUpdatePayload',
  'The frontend action that was changed.',
  {
    name: 'aiFrontendAction',
    type: AiFrontendAction,
    description: 'As CometChat answered it.',
  },
);
const AiApiToolDeletePayload = deletePayload(
  'AiApiToolDeletePayload',
  'The custom API tool that was deleted.',
  'slug',
);
const AiFrontendActionDeletePayload = deletePayload(
  'AiFrontendActionDeletePayload',
  'The frontend action that was deleted.',
  'actionId',
);

const CREATE_ERRORS = [ValidationFailure, ConflictFailure];
const CHANGE_ERRORS = [ValidationFailure, NotFoundFailure];

builder.mutationFields((t) => ({
  aiApiToolCreate: t.field({
    type: AiApiToolCreatePayload,
    nullable: true,
    description: `Creates a custom API tool (\`POST /ai-agents/agent-builder/api-tools\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CREATE_ERRORS,
      union: { description: 'The tool, or why it was not created.' },
    },
    args: {
      input: t.arg({
        type: AiApiToolCreate.ref,
        required: true,
        description: 'The tool.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = AiApiToolCreate.parse(args.input);
      const body = { slug: input.slug, ...apiToolBody(input) } as ApiToolWrite;
      return {
        aiApiTool: await create(
          { resource: apiTools, context, targetPath: ['slug'], fieldMap: API_TOOL_FIELDS },
          body,
        ),
      };
    },
  }),
  aiApiToolUpdate: t.field({
    type: AiApiToolUpdatePayload,
    nullable: true,
    description: `Changes a custom API tool (\`PATCH /ai-agents/agent-builder/api-tools/{slug}\`); only the fields given are sent. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CHANGE_ERRORS,
      union: { description: 'The tool, or why it was not changed.' },
    },
    args: {
      input: t.arg({
        type: AiApiToolUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { slug, ...changes } = AiApiToolUpdate.parse(args.input);
      return {
        aiApiTool: await update(
          { resource: apiTools, context, targetPath: ['slug'], fieldMap: API_TOOL_FIELDS },
          slug,
          apiToolBody(changes),
        ),
      };
    },
  }),
  aiApiToolDelete: t.field({
    type: AiApiToolDeletePayload,
    nullable: true,
    description: `Deletes a custom API tool (\`DELETE /ai-agents/agent-builder/api-tools/{slug}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CHANGE_ERRORS,
      union: { description: 'The tool, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: AiApiToolDelete.ref, required: true, description: 'The tool.' }),
    },
    resolve: (_root, args, context) =>
      remove(
        { resource: apiTools, context, targetPath: ['slug'] },
        AiApiToolDelete.parse(args.input).slug,
      ),
  }),
  aiMcpServerCreate: t.field({
    type: AiMcpServerCreatePayload,
    nullable: true,
    description: `Registers an MCP server (\`POST /ai-agents/agent-builder/mcp-servers\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CREATE_ERRORS,
      union: { description: 'The server, or why it was not registered.' },
    },
    args: {
      input: t.arg({
        type: AiMcpServerCreate.ref,
        required: true,
        description: 'The server.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = AiMcpServerCreate.parse(args.input);
      return {
        aiMcpServer: await create(
          { resource: mcpServers, context, targetPath: ['slug'] },
          given(input) as McpServerWrite,
        ),
      };
    },
  }),
  aiMcpServerUpdate: t.field({
    type: AiMcpServerUpdatePayload,
    nullable: true,
    description: `Changes an MCP server (\`PATCH /ai-agents/agent-builder/mcp-servers/{slug}\`); only the fields given are sent. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CHANGE_ERRORS,
      union: { description: 'The server, or why it was not changed.' },
    },
    args: {
      input: t.arg({
        type: AiMcpServerUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { slug, ...changes } = AiMcpServerUpdate.parse(args.input);
      return {
        aiMcpServer: await update(
          { resource: mcpServers, context, targetPath: ['slug'] },
          slug,
          given(changes),
        ),
      };
    },
  }),
  aiFrontendActionCreate: t.field({
    type: AiFrontendActionCreatePayload,
    nullable: true,
    description: `Creates a frontend action (\`POST /ai-agents/agent-builder/frontend-actions\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CREATE_ERRORS,
      union: { description: 'The action, or why it was not created.' },
    },
    args: {
      input: t.arg({
        type: AiFrontendActionCreate.ref,
        required: true,
        description: 'The action.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = AiFrontendActionCreate.parse(args.input);
      const body = given({
        ...input,
        parameters: parametersOut(input.parameters),
      }) as FrontendActionWrite;
      return {
        aiFrontendAction: await create(
          { resource: frontendActions, context, targetPath: ['triggerFunction'] },
          body,
        ),
      };
    },
  }),
  aiFrontendActionUpdate: t.field({
    type: AiFrontendActionUpdatePayload,
    nullable: true,
    description: `Changes a frontend action (\`PATCH /ai-agents/agent-builder/frontend-actions/{id}\`); only the fields given are sent; its trigger function cannot change. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CHANGE_ERRORS,
      union: { description: 'The action, or why it was not changed.' },
    },
    args: {
      input: t.arg({
        type: AiFrontendActionUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { actionId, ...changes } = AiFrontendActionUpdate.parse(args.input);
      return {
        aiFrontendAction: await update(
          { resource: frontendActions, context, targetPath: ['actionId'] },
          actionId,
          given({ ...changes, parameters: parametersOut(changes.parameters) }),
        ),
      };
    },
  }),
  aiFrontendActionDelete: t.field({
    type: AiFrontendActionDeletePayload,
    nullable: true,
    description: `Deletes a frontend action (\`DELETE /ai-agents/agent-builder/frontend-actions/{id}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: CHANGE_ERRORS,
      union: { description: 'The action, or why it was not deleted.' },
    },
    args: {
      input: t.arg({
        type: AiFrontendActionDelete.ref,
        required: true,
        description: 'The action.',
      }),
    },
    resolve: (_root, args, context) =>
      remove(
        { resource: frontendActions, context, targetPath: ['actionId'] },
        AiFrontendActionDelete.parse(args.input).actionId,
      ),
  }),
}));
