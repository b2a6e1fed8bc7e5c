/**
 * AI agents for internal tools: the Agent Builder's native agents (`AiAgent`) and the
 * bring-your-own agent registrations (`ByoAiAgent`), both nodes, with their lists, lookups and
 * create/update/delete mutations. Admin only; the calls go to the chat API host with the REST API
 * key (see docs/cometchat-tooling-endpoints.md#ai-agents).
 */
import './mutation.js';
import { z } from 'zod';
import { ADMIN_NOTE, builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { toolingReads } from '../loaders/index.js';
import {
  AI_AGENT_WINDOW,
  type AiAgentRecord,
  type AiAgentWrite,
  type ByoAgentRecord,
  type ByoAgentWrite,
  createAiAgent,
  createByoAgent,
  deleteAiAgent,
  deleteByoAgent,
  updateAiAgent,
  updateByoAgent,
} from '../upstream/ai-agents.js';
import { isUpstreamError } from '../upstream/errors.js';
import { shortTextArg } from './arg-checks.js';
import { adminWindowList, countedConnection } from './connections.js';
import { NotFoundFailure, ValidationFailure } from './errors.js';
import { choice, displayName, flag, type InputOf, inputObject, kind, url } from './input.js';
import { checkChanges, runMutation } from './mutation-support.js';

/** Tools, API tools, MCP servers and actions an agent may name (a gateway limit). */
export const MAX_AGENT_REFERENCES = 50;
/** An agent's instruction (a gateway limit; CometChat documents none). */
export const MAX_INSTRUCTION = 10_000;
/** An agent's description (a gateway limit; CometChat documents none). */
export const MAX_AGENT_DESCRIPTION = 1000;

/** The value, or null when CometChat answers 404. */
export async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (isUpstreamError(error) && error.kind === 'not_found') return null;
    throw error;
  }
}

function options(context: GatewayContext) {
  return context.view(null).options;
}

/** The tooling reads, as the app. */
function tooling(context: GatewayContext) {
  return toolingReads(context.upstream, context.view(null));
}

async function findByo(context: GatewayContext, uid: string): Promise<ByoAgentRecord | null> {
  const all = await tooling(context).byoAgents();
  return all.find((agent) => agent.uid === uid) ?? null;
}

export const AiAgent = builder.node(builder.objectRef<AiAgentRecord>('AiAgent'), {
  description: `An agent built with CometChat's Agent Builder: its model, instruction and the tools it may use. ${ADMIN_NOTE}`,
  authScopes: { admin: true },
  id: { resolve: (agent) => agent.uid },
  loadOne: (uid, context) => orNull(tooling(context).aiAgent(uid)),
  fields: (t) => ({
    agentUid: t.exposeString('uid', { description: "The agent's CometChat uid." }),
    name: t.exposeString('name', { description: 'The display name.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the agent does; null when none is set.',
    }),
    icon: t.exposeString('icon', {
      nullable: true,
      description: "The URL of the agent's icon; null when none is set.",
    }),
    isActive: t.exposeBoolean('isActive', { description: 'Whether the agent answers users.' }),
    model: t.exposeString('model', {
      nullable: true,
      description: 'The AI model it runs on, e.g. `gpt-4o-mini` (an open set).',
    }),
    instruction: t.exposeString('instruction', {
      nullable: true,
      description: 'The instructions that shape its behaviour; null when none.',
    }),
    temperature: t.exposeFloat('temperature', {
      nullable: true,
      description: "The model's temperature; null when not set.",
    }),
    maxTokens: t.exposeInt('maxTokens', {
      nullable: true,
      description: 'The most tokens per answer; null when not set.',
    }),
    tools: t.exposeStringList('tools', {
      description: 'The ready-made tools it may use, by name.',
    }),
    apiTools: t.exposeStringList('apiTools', { description: 'The custom API tools it may use.' }),
    mcpServers: t.exposeStringList('mcpServers', { description: 'The MCP servers it may use.' }),
    frontendActions: t.exposeStringList('frontendActions', {
      description: 'The frontend actions it may trigger.',
    }),
    lastMessageAt: t.expose('lastMessageAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it last answered; null when never.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was created; null when CometChat did not say.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it last changed; null when CometChat did not say.',
    }),
  }),
});

export const ByoAiAgent = builder.node(builder.objectRef<ByoAgentRecord>('ByoAiAgent'), {
  description: `A bring-your-own agent: one hosted outside CometChat (Mastra, LangGraph, CrewAI...) that CometChat forwards conversations to. Credentials in its integration settings are never shown. ${ADMIN_NOTE}`,
  authScopes: { admin: true },
  id: { resolve: (agent) => agent.uid },
  loadOne: (uid, context) => findByo(context, uid),
  fields: (t) => ({
    agentUid: t.exposeString('uid', { description: "The agent's CometChat uid." }),
    name: t.exposeString('name', { description: 'The display name.' }),
    icon: t.exposeString('icon', {
      nullable: true,
      description: "The URL of the agent's icon; null when none is set.",
    }),
    isActive: t.exposeBoolean('isActive', { description: 'Whether the agent answers users.' }),
    integrateWith: t.exposeString('integrateWith', {
      nullable: true,
      description: 'The framework or platform it runs on, e.g. `mastra` (an open set).',
    }),
    integrationType: t.exposeString('integrationType', {
      nullable: true,
      description: 'How CometChat connects to it: `agent` or `llm` (an open set).',
    }),
    baseUrl: t.exposeString('baseUrl', {
      nullable: true,
      description: 'Where the agent is deployed (`integrationMeta.baseUrl`); null when not set.',
    }),
    externalAgentId: t.exposeString('externalAgentId', {
      nullable: true,
      description:
        "The agent's id in its own framework (`integrationMeta.agentId`); null when not set.",
    }),
    tools: t.exposeStringList('tools', { description: 'The tools it may use, by name.' }),
    actions: t.exposeStringList('actions', { description: 'The actions it may trigger, by name.' }),
    instruction: t.exposeString('instruction', {
      nullable: true,
      description: 'Its instruction; null when none.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was registered; null when CometChat did not say.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it last changed; null when CometChat did not say.',
    }),
  }),
});

const AiAgentConnection = countedConnection(
  {
    name: 'AiAgentConnection',
    type: AiAgent,
    description: 'A page of Agent Builder agents.',
    totalCount: `How many agents the window holds (at most ${AI_AGENT_WINDOW}).`,
  },
  { name: 'AiAgentEdge', description: 'An agent, with its cursor.' },
);
const ByoAiAgentConnection = countedConnection(
  {
    name: 'ByoAiAgentConnection',
    type: ByoAiAgent,
    description: 'A page of bring-your-own agents.',
    totalCount: 'How many bring-your-own agents the app has.',
  },
  { name: 'ByoAiAgentEdge', description: 'A bring-your-own agent, with its cursor.' },
);

builder.queryFields((t) => ({
  aiAgents: adminWindowList(t, {
    type: AiAgentConnection,
    noun: 'agents',
    description: `The Agent Builder agents of the app, newest first. The gateway reads the first ${AI_AGENT_WINDOW} (one upstream call) and pages within them. ${ADMIN_NOTE} Null when they could not be read (the error on this field says why).`,
    key: 'aiAgents',
    read: (context) => tooling(context).aiAgents(),
  }),
  aiAgent: t.field({
    type: AiAgent,
    nullable: true,
    description: `Looks an Agent Builder agent up by its uid. Null when there is no such agent. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    args: {
      agentUid: t.arg.string({
        required: true,
        description: "The agent's uid.",
        validate: shortTextArg,
      }),
    },
    resolve: (_root, args, context) => orNull(tooling(context).aiAgent(args.agentUid.trim())),
  }),
  byoAiAgents: adminWindowList(t, {
    type: ByoAiAgentConnection,
    noun: 'agents',
    description: `The bring-your-own agents of the app (CometChat answers them all in one call; the gateway pages within them). ${ADMIN_NOTE} Null when they could not be read (the error on this field says why).`,
    key: 'byoAiAgents',
    read: (context) => tooling(context).byoAgents(),
  }),
  byoAiAgent: t.field({
    type: ByoAiAgent,
    nullable: true,
    description: `Looks a bring-your-own agent up by its uid (from the list: CometChat documents no single read). Null when there is no such agent. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    args: {
      agentUid: t.arg.string({
        required: true,
        description: "The agent's uid.",
        validate: shortTextArg,
      }),
    },
    resolve: (_root, args, context) => findByo(context, args.agentUid.trim()),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Mutations

/** An id, a model or framework name: trimmed, at most this many characters (a gateway limit). */
export const MAX_AI_KEY = 100;

/** A trimmed id or short name (an agent's uid, a source's id, a model...). */
export const aiKeySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_AI_KEY, `must be at most ${MAX_AI_KEY} characters`);
export const aiKey = kind('String', aiKeySchema, `1 to ${MAX_AI_KEY} characters.`);
const agentDescription = kind(
  'String',
  z.string().max(MAX_AGENT_DESCRIPTION, `must be at most ${MAX_AGENT_DESCRIPTION} characters`),
  `At most ${MAX_AGENT_DESCRIPTION.toLocaleString('en')} characters.`,
);
const instruction = kind(
  'String',
  z.string().max(MAX_INSTRUCTION, `must be at most ${MAX_INSTRUCTION} characters`),
  `At most ${MAX_INSTRUCTION.toLocaleString('en')} characters.`,
);
const MAX_TEMPERATURE = 2;
const temperature = kind(
  'Float',
  z
    .number()
    .min(0, `must be 0 to ${MAX_TEMPERATURE}`)
    .max(MAX_TEMPERATURE, `must be 0 to ${MAX_TEMPERATURE}`),
  `From 0 to ${MAX_TEMPERATURE}.`,
);
const MAX_TOKENS = 1_000_000;
const maxTokens = kind(
  'Int',
  z.number().int().min(1, 'must be at least 1').max(MAX_TOKENS, 'is too large'),
  `From 1 to ${MAX_TOKENS.toLocaleString('en')}.`,
);
/** Names of tools, API tools, MCP servers or actions an agent may use. */
const references = kind(
  ['String'],
  z
    .array(aiKeySchema)
    .max(MAX_AGENT_REFERENCES, `must hold at most ${MAX_AGENT_REFERENCES} names`)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a name'),
  `At most ${MAX_AGENT_REFERENCES} names of 1 to ${MAX_AI_KEY} characters each, each given once.`,
);

const agentFields = {
  description: agentDescription.optional('What it does.'),
  icon: url.optional('Its icon.'),
  instruction: instruction.optional('Instructions that shape its behaviour.'),
  model: aiKey.optional("The AI model, e.g. `gpt-4o-mini` (CometChat's default)."),
  temperature: temperature.optional("The model's temperature."),
  maxTokens: maxTokens.optional('The most tokens per answer.'),
  tools: references.optional('Ready-made tools it may use, by name.'),
  apiTools: references.optional('Custom API tools it may use, by name.'),
  mcpServers: references.optional('MCP servers it may use, by name.'),
  isActive: flag.optional('Whether it answers users (default true).'),
};

const AiAgentCreate = inputObject('AiAgentCreateInput', {
  description: 'A new Agent Builder agent.',
  fields: { name: displayName.required('The display name.'), ...agentFields },
});

const AiAgentUpdate = inputObject('AiAgentUpdateInput', {
  description: 'Changes to an Agent Builder agent; omitted fields stay. At least one change.',
  fields: {
    agentUid: aiKey.required("The agent's uid."),
    name: displayName.optional('A new display name.'),
    description: agentDescription.optional('A new description.'),
    icon: url.optional('A new icon URL.'),
    instruction: instruction.optional('New instructions.'),
    model: aiKey.optional('A new model.'),
    temperature: temperature.optional('A new temperature.'),
    maxTokens: maxTokens.optional('A new token limit per answer.'),
    tools: references.optional('The new list of ready-made tools (replaces the old).'),
    apiTools: references.optional('The new list of custom API tools.'),
    mcpServers: references.optional('The new list of MCP servers.'),
    isActive: flag.optional('Turn the agent on or off.'),
  },
  check: (input, ctx) => checkChanges(input, 'agentUid', ctx),
});

function deleteInput(name: string, description: string) {
  return inputObject(name, {
    description,
    fields: { agentUid: aiKey.required("The agent's uid.") },
  });
}
const AiAgentDelete = deleteInput('AiAgentDeleteInput', 'The Agent Builder agent to delete.');
const ByoAiAgentDelete = deleteInput(
  'ByoAiAgentDeleteInput',
  'The bring-your-own agent to delete.',
);

const AiAgentIntegrationType = builder.enumType('ByoAiAgentIntegrationType', {
  description: 'How CometChat connects to a bring-your-own agent.',
  values: {
    AGENT: { value: 'agent', description: 'An agent deployed at a URL (`baseUrl`).' },
    LLM: { value: 'llm', description: 'A language model CometChat calls directly.' },
  } as const,
});

const ByoAiAgentCreate = inputObject('ByoAiAgentCreateInput', {
  description: 'A new bring-your-own agent registration.',
  fields: {
    icon: url.optional('Its icon.'),
    isActive: flag.optional('Whether it answers users (default true).'),
    integrationType: choice(AiAgentIntegrationType).required('How CometChat connects to it.'),
    integrateWith: aiKey.required('The framework or platform, e.g. `mastra`.'),
    baseUrl: url.optional('Where the agent is deployed.'),
    externalAgentId: aiKey.optional("The agent's id in its own framework."),
    tools: references.optional('Tools it may use, by name (default none).'),
    actions: references.optional('Actions it may trigger, by name (default none).'),
    instruction: instruction.optional('Its instruction.'),
    name: displayName.required('The display name.'),
  },
});

const ByoAiAgentUpdate = inputObject('ByoAiAgentUpdateInput', {
  description: 'Changes to a bring-your-own agent; omitted fields stay. At least one change.',
  fields: {
    agentUid: aiKey.required("The agent's uid."),
    name: displayName.optional('A new display name.'),
    icon: url.optional('A new icon URL.'),
    isActive: flag.optional('Turn the agent on or off.'),
    integrationType: choice(AiAgentIntegrationType).optional('A new connection type.'),
    integrateWith: aiKey.optional('A new framework or platform.'),
    baseUrl: url.optional('A new deployment URL.'),
    externalAgentId: aiKey.optional("A new id in the agent's own framework."),
    tools: references.optional('The new list of tools (replaces the old).'),
    actions: references.optional('The new list of actions (replaces the old).'),
    instruction: instruction.optional('A new instruction.'),
  },
  check: (input, ctx) => checkChanges(input, 'agentUid', ctx),
});

type Loose<T> = { [K in keyof T]?: T[K] | undefined };

function agentWrite(input: Loose<InputOf<typeof AiAgentCreate>>): AiAgentWrite {
  const { temperature, maxTokens, ...rest } = input;
  const write: AiAgentWrite = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (write as Record<string, unknown>)[key] = value;
  }
  if (temperature !== undefined || maxTokens !== undefined) {
    write.modelMetaData = {
      ...(temperature !== undefined ? { temperature } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
    };
  }
  return write;
}

function byoWrite(input: Loose<InputOf<typeof ByoAiAgentCreate>>): ByoAgentWrite {
  const { baseUrl, externalAgentId, ...rest } = input;
  const write: ByoAgentWrite = {};
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (write as Record<string, unknown>)[key] = value;
  }
  if (baseUrl !== undefined || externalAgentId !== undefined) {
    write.integrationMeta = {
      ...(baseUrl !== undefined ? { baseUrl } : {}),
      ...(externalAgentId !== undefined ? { agentId: externalAgentId } : {}),
    };
  }
  return write;
}

const AiAgentCreatePayload = builder
  .objectRef<{ agent: AiAgentRecord }>('AiAgentCreatePayload')
  .implement({
    description: 'The agent that was created.',
    fields: (t) => ({
      aiAgent: t.field({ type: AiAgent, description: 'The new agent.', resolve: (v) => v.agent }),
    }),
  });

function changedPayload<Record>(
  name: string,
  type: typeof AiAgent | typeof ByoAiAgent,
  read: (context: GatewayContext, uid: string) => Promise<Record | null>,
  fieldName: 'aiAgent' | 'byoAiAgent',
) {
  return builder.objectRef<{ agentUid: string }>(name).implement({
    description: 'The agent that was changed.',
    fields: (t) => ({
      agentUid: t.exposeString('agentUid', { description: "The agent's uid." }),
      [fieldName]: t.field({
        type: type as typeof AiAgent,
        nullable: true,
        description:
          'The agent as CometChat holds it now (read with a second call when selected: the update answers only a success flag); null when it is gone.',
        resolve: (value, _args, context) =>
          read(context, value.agentUid) as Promise<AiAgentRecord | null>,
      }),
    }),
  });
}

const AiAgentUpdatePayload = changedPayload(
  'AiAgentUpdatePayload',
  AiAgent,
  (context, uid) => orNull(tooling(context).aiAgent(uid)),
  'aiAgent',
);
const ByoAiAgentUpdatePayload = changedPayload(
  'ByoAiAgentUpdatePayload',
  ByoAiAgent,
  (context, uid) => findByo(context, uid),
  'byoAiAgent',
);

function deletedPayload(name: string) {
  return builder.objectRef<{ agentUid: string }>(name).implement({
    description: 'The agent that was deleted.',
    fields: (t) => ({
      agentUid: t.exposeString('agentUid', { description: "The deleted agent's uid." }),
    }),
  });
}
const AiAgentDeletePayload = deletedPayload('AiAgentDeletePayload');
const ByoAiAgentDeletePayload = deletedPayload('ByoAiAgentDeletePayload');

const ByoAiAgentCreatePayload = builder
  .objectRef<{ agent: ByoAgentRecord }>('ByoAiAgentCreatePayload')
  .implement({
    description: 'The agent that was registered.',
    fields: (t) => ({
      byoAiAgent: t.field({
        type: ByoAiAgent,
        description: 'The new registration.',
        resolve: (v) => v.agent,
      }),
    }),
  });

const FIELD_MAP = { modelMetaData: ['temperature'], integrationMeta: ['baseUrl'] };

builder.mutationFields((t) => ({
  aiAgentCreate: t.field({
    type: AiAgentCreatePayload,
    description: `Creates an Agent Builder agent (\`POST /ai-agents/agent-builder/agents\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The new agent, or why it was not created.' },
    },
    args: { input: t.arg({ type: AiAgentCreate.ref, required: true, description: 'The agent.' }) },
    resolve: async (_root, args, context) => {
      const input = AiAgentCreate.parse(args.input);
      const agent = await runMutation(
        context,
        () => createAiAgent(context.upstream, agentWrite(input), options(context)),
        { fieldMap: FIELD_MAP },
      );
      return { agent };
    },
  }),
  aiAgentUpdate: t.field({
    type: AiAgentUpdatePayload,
    description: `Changes an Agent Builder agent (\`PATCH /ai-agents/agent-builder/agents/{uid}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed agent, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: AiAgentUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const { agentUid, ...changes } = AiAgentUpdate.parse(args.input);
      await runMutation(
        context,
        () => updateAiAgent(context.upstream, agentUid, agentWrite(changes), options(context)),
        { targetPath: ['agentUid'], fieldMap: FIELD_MAP },
      );
      return { agentUid };
    },
  }),
  aiAgentDelete: t.field({
    type: AiAgentDeletePayload,
    description: `Deletes an Agent Builder agent (\`DELETE /ai-agents/agent-builder/agents/{uid}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted agent, or why it was not deleted.' },
    },
    args: { input: t.arg({ type: AiAgentDelete.ref, required: true, description: 'The agent.' }) },
    resolve: async (_root, args, context) => {
      const { agentUid } = AiAgentDelete.parse(args.input);
      await runMutation(
        context,
        () => deleteAiAgent(context.upstream, agentUid, options(context)),
        { targetPath: ['agentUid'] },
      );
      return { agentUid };
    },
  }),
  byoAiAgentCreate: t.field({
    type: ByoAiAgentCreatePayload,
    description: `Registers a bring-your-own agent (\`POST /ai-agents/agents\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The new registration, or why it was not made.' },
    },
    args: {
      input: t.arg({ type: ByoAiAgentCreate.ref, required: true, description: 'The agent.' }),
    },
    resolve: async (_root, args, context) => {
      const input = ByoAiAgentCreate.parse(args.input);
      const write = byoWrite(input);
      const agent = await runMutation(
        context,
        () =>
          createByoAgent(
            context.upstream,
            { tools: [], actions: [], isActive: true, ...write },
            options(context),
          ),
        { fieldMap: FIELD_MAP },
      );
      return { agent };
    },
  }),
  byoAiAgentUpdate: t.field({
    type: ByoAiAgentUpdatePayload,
    description: `Changes a bring-your-own agent (\`PATCH /ai-agents/agents/{uid}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed agent, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: ByoAiAgentUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const { agentUid, ...changes } = ByoAiAgentUpdate.parse(args.input);
      const write = byoWrite(changes);
      await runMutation(
        context,
        async () => {
          if (write.integrationMeta !== undefined) {
            // Sent whole, so the headers CometChat holds for the agent survive a new baseUrl.
            const current = await tooling(context).byoIntegrationMeta(agentUid);
            if (current === null) {
              throw new NotFoundFailure(
                `There is no bring-your-own agent ${agentUid}.`,
                ['input', 'agentUid'],
                null,
              );
            }
            write.integrationMeta = { ...current, ...write.integrationMeta };
          }
          return updateByoAgent(context.upstream, agentUid, write, options(context));
        },
        { targetPath: ['agentUid'], fieldMap: FIELD_MAP },
      );
      return { agentUid };
    },
  }),
  byoAiAgentDelete: t.field({
    type: ByoAiAgentDeletePayload,
    description: `Deletes a bring-your-own agent registration (\`DELETE /ai-agents/agents/{uid}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted agent, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: ByoAiAgentDelete.ref, required: true, description: 'The agent.' }),
    },
    resolve: async (_root, args, context) => {
      const { agentUid } = ByoAiAgentDelete.parse(args.input);
      await runMutation(
        context,
        () => deleteByoAgent(context.upstream, agentUid, options(context)),
        { targetPath: ['agentUid'] },
      );
      return { agentUid };
    },
  }),
}));
