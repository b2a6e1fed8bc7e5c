/**
 * The Agent Builder's knowledge base and custom variables for internal tools: knowledge-base
 * sources (`AiKnowledgeSource`) and text entries (`AiKnowledgeText`), attaching sources to an
 * agent, and custom variables (`AiAgentVariable`), with their lists, lookups and mutations. Admin
 * only; a variable's constant value is write-only (CometChat suggests constants for API keys). See
 * docs/cometchat-tooling-endpoints.md#ai-agents.
 */
import './mutation.js';
import { z } from 'zod';
import { ADMIN_NOTE, builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { toolingReads } from '../loaders/index.js';
import {
  type CustomVariableRecord,
  type CustomVariableWrite,
  changeAgentKnowledge,
  createCustomVariable,
  createKnowledgeText,
  deleteKnowledgeText,
  KNOWLEDGE_WINDOW,
  type KnowledgeSourceRecord,
  type KnowledgeTextRecord,
  updateCustomVariable,
  updateKnowledgeText,
} from '../upstream/ai-agent-builder.js';
import { AiAgent, aiKey, MAX_AI_KEY, orNull } from './ai-agents.js';
import { shortTextArg } from './arg-checks.js';
import { adminWindowList, countedConnection } from './connections.js';
import { ConflictFailure, NotFoundFailure, ValidationFailure } from './errors.js';
import { choice, type InputOf, inputObject, kind } from './input.js';
import { checkChanges, runMutation } from './mutation-support.js';

/** A text entry's title and text (CometChat's limits). */
export const MAX_KNOWLEDGE_TITLE = 500;
export const MAX_KNOWLEDGE_TEXT = 5000;
/** Sources one attach or detach may name (a gateway limit). */
export const MAX_ATTACH = 50;

function options(context: GatewayContext) {
  return context.view(null).options;
}

/** The tooling reads, as the app. */
function tooling(context: GatewayContext) {
  return toolingReads(context.upstream, context.view(null));
}

async function findSource(
  context: GatewayContext,
  id: string,
): Promise<KnowledgeSourceRecord | null> {
  const all = await tooling(context).knowledgeSources();
  return all.find((source) => source.uniqueId === id) ?? null;
}

async function findVariable(
  context: GatewayContext,
  id: string,
): Promise<CustomVariableRecord | null> {
  const all = await tooling(context).customVariables();
  return all.find((variable) => variable.variableId === id) ?? null;
}

function readText(context: GatewayContext, id: string) {
  return orNull(tooling(context).knowledgeText(id));
}

// ---------------------------------------------------------------------------------------------
// Types

export const AiKnowledgeText = builder.node(
  builder.objectRef<KnowledgeTextRecord>('AiKnowledgeText'),
  {
    description: `A text entry of the Agent Builder's knowledge base: a title and up to ${MAX_KNOWLEDGE_TEXT} characters that agents it is attached to can draw on. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    id: { resolve: (entry) => entry.uniqueId },
    loadOne: (id, context) => readText(context, id),
    fields: (t) => ({
      sourceId: t.exposeString('uniqueId', { description: "The entry's CometChat id." }),
      title: t.exposeString('title', { description: 'The title.' }),
      text: t.exposeString('text', {
        nullable: true,
        description: 'The text; null when not sent.',
      }),
      fileName: t.exposeString('fileName', {
        nullable: true,
        description: 'The Markdown file CometChat keeps it as.',
      }),
      status: t.exposeString('status', {
        nullable: true,
        description: 'Its indexing status, e.g. `indexing`, `indexed`, `failed` (an open set).',
      }),
      vectorizationStatus: t.exposeString('vectorizationStatus', {
        nullable: true,
        description: 'Its vectorization status, e.g. `completed` (an open set).',
      }),
      isActive: t.exposeBoolean('isActive', { description: 'Whether it is in use.' }),
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
  },
);

export const AiKnowledgeSource = builder.node(
  builder.objectRef<KnowledgeSourceRecord>('AiKnowledgeSource'),
  {
    description: `A source of the Agent Builder's knowledge base (an uploaded file, a text entry, a crawled website...). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    id: { resolve: (source) => source.uniqueId },
    loadOne: (id, context) => findSource(context, id),
    fields: (t) => ({
      sourceId: t.exposeString('uniqueId', { description: "The source's CometChat id." }),
      name: t.exposeString('sourceName', {
        nullable: true,
        description: 'Its name (a file name or a title).',
      }),
      kind: t.exposeString('type', {
        nullable: true,
        description:
          'Its kind as CometChat names it, e.g. `uploads` (an open set); also the source type it is attached to agents under.',
      }),
      status: t.exposeString('status', {
        nullable: true,
        description: 'Its indexing status, e.g. `indexed` (an open set).',
      }),
      lastSyncedAt: t.expose('lastSynced', {
        type: 'DateTime',
        nullable: true,
        description: 'When it was last indexed; null when never.',
      }),
      createdAt: t.expose('createdAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When it was added; null when CometChat did not say.',
      }),
      updatedAt: t.expose('updatedAt', {
        type: 'DateTime',
        nullable: true,
        description: 'When it last changed; null when CometChat did not say.',
      }),
      textEntry: t.field({
        type: AiKnowledgeText,
        nullable: true,
        description:
          'The text entry behind this source (one more call); null when it is not a text entry.',
        resolve: (source, _args, context) => readText(context, source.uniqueId),
      }),
    }),
  },
);

const VariableSourceType = builder.enumType('AiAgentVariableSourceType', {
  description: "Where a custom variable's value comes from.",
  values: {
    MESSAGE_METADATA: {
      value: 'message_metadata',
      description: "The message's metadata, at `sourcePath`.",
    },
    USER_METADATA: {
      value: 'user_metadata',
      description: "The sender's metadata, at `sourcePath`.",
    },
    CONSTANT: { value: 'constant', description: 'A fixed value (`constantValue`).' },
  } as const,
});

export const AiAgentVariable = builder.node(
  builder.objectRef<CustomVariableRecord>('AiAgentVariable'),
  {
    description: `A custom variable of the Agent Builder: a value agents' instructions and API tools insert as \`@var-custom:name\`. Its constant value is never shown (CometChat suggests constants for API keys). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    id: { resolve: (variable) => variable.variableId },
    loadOne: (id, context) => findVariable(context, id),
    fields: (t) => ({
      variableId: t.exposeString('variableId', { description: "The variable's CometChat id." }),
      name: t.exposeString('name', { description: 'Its name (fixed once created).' }),
      reference: t.string({
        description: 'How instructions insert it: `@var-custom:` and its name.',
        resolve: (variable) => `@var-custom:${variable.name}`,
      }),
      description: t.exposeString('description', {
        nullable: true,
        description: 'What it holds; null when none is set.',
      }),
      sourceType: t.field({
        type: VariableSourceType,
        nullable: true,
        description: 'Where its value comes from; null for a kind this gateway does not know.',
        resolve: (variable) =>
          variable.sourceType === 'message_metadata' ||
          variable.sourceType === 'user_metadata' ||
          variable.sourceType === 'constant'
            ? variable.sourceType
            : null,
      }),
      sourcePath: t.exposeString('sourcePath', {
        nullable: true,
        description: 'The dot path into the metadata; null when none is set.',
      }),
      hasConstantValue: t.exposeBoolean('hasConstantValue', {
        description: 'Whether a constant value is set (the value itself is write-only).',
      }),
      defaultValue: t.exposeString('defaultValue', {
        nullable: true,
        description: 'The value used when the path does not resolve; null when none.',
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
  },
);

const AiKnowledgeSourceConnection = countedConnection(
  {
    name: 'AiKnowledgeSourceConnection',
    type: AiKnowledgeSource,
    description: 'A page of knowledge-base sources.',
    totalCount: `How many sources the window holds (at most ${KNOWLEDGE_WINDOW}).`,
  },
  { name: 'AiKnowledgeSourceEdge', description: 'A knowledge-base source, with its cursor.' },
);
const AiAgentVariableConnection = countedConnection(
  {
    name: 'AiAgentVariableConnection',
    type: AiAgentVariable,
    description: 'A page of custom variables.',
    totalCount: 'How many custom variables the app has.',
  },
  { name: 'AiAgentVariableEdge', description: 'A custom variable, with its cursor.' },
);

builder.queryFields((t) => ({
  aiKnowledgeSources: adminWindowList(t, {
    type: AiKnowledgeSourceConnection,
    noun: 'sources',
    description: `The sources of the Agent Builder's knowledge base, newest first. The gateway reads the newest ${KNOWLEDGE_WINDOW} (one upstream call) and pages within them. ${ADMIN_NOTE} Null when they could not be read (the error on this field says why).`,
    key: 'aiKnowledgeSources',
    read: (context) => tooling(context).knowledgeSources(),
  }),
  aiKnowledgeText: t.field({
    type: AiKnowledgeText,
    nullable: true,
    description: `Looks a knowledge-base text entry up by its id. Null when there is no such entry. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    args: {
      sourceId: t.arg.string({
        required: true,
        description: "The entry's id.",
        validate: shortTextArg,
      }),
    },
    resolve: (_root, args, context) => readText(context, args.sourceId.trim()),
  }),
  aiAgentVariables: adminWindowList(t, {
    type: AiAgentVariableConnection,
    noun: 'variables',
    description: `The custom variables of the Agent Builder (CometChat answers them all in one call; the gateway pages within them). ${ADMIN_NOTE} Null when they could not be read (the error on this field says why).`,
    key: 'aiAgentVariables',
    read: (context) => tooling(context).customVariables(),
  }),
}));

// ---------------------------------------------------------------------------------------------
// Knowledge-base mutations

const title = kind(
  'String',
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_KNOWLEDGE_TITLE, `must be at most ${MAX_KNOWLEDGE_TITLE} characters`),
  `1 to ${MAX_KNOWLEDGE_TITLE} characters.`,
);
const body = kind(
  'String',
  z
    .string()
    .refine((v) => v.trim() !== '', 'must not be empty')
    .refine(
      (v) => [...v].length <= MAX_KNOWLEDGE_TEXT,
      `must be at most ${MAX_KNOWLEDGE_TEXT} characters`,
    ),
  `At most ${MAX_KNOWLEDGE_TEXT.toLocaleString('en')} characters, not all blank.`,
);
const sourceIds = kind(
  ['String'],
  z
    .array(aiKey.schema)
    .min(1, 'must name at least one source')
    .max(MAX_ATTACH, `must name at most ${MAX_ATTACH} sources`)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a source'),
  `1 to ${MAX_ATTACH} ids, each given once; each: 1 to ${MAX_AI_KEY} characters.`,
);

const AiKnowledgeTextCreate = inputObject('AiKnowledgeTextCreateInput', {
  description: 'A new knowledge-base text entry.',
  fields: {
    title: title.required('Its title.'),
    text: body.required('Its text.'),
  },
});
const AiKnowledgeTextUpdate = inputObject('AiKnowledgeTextUpdateInput', {
  description: 'Changes to a text entry; omitted fields stay. At least one change.',
  fields: {
    sourceId: aiKey.required("The entry's id."),
    title: title.optional('A new title.'),
    text: body.optional('A new text (replaces the old one).'),
  },
  check: (input, ctx) => checkChanges(input, 'sourceId', ctx),
});
const AiKnowledgeTextDelete = inputObject('AiKnowledgeTextDeleteInput', {
  description: 'The text entry to delete.',
  fields: { sourceId: aiKey.required("The entry's id.") },
});
function attachInput(name: string, description: string) {
  return inputObject(name, {
    description,
    fields: {
      agentUid: aiKey.required("The Agent Builder agent's uid."),
      sourceIds: sourceIds.required('The knowledge-base sources, by id.'),
    },
  });
}
const AiAgentKnowledgeAttach = attachInput(
  'AiAgentKnowledgeAttachInput',
  'Knowledge-base sources to attach to an agent.',
);
const AiAgentKnowledgeDetach = attachInput(
  'AiAgentKnowledgeDetachInput',
  'Knowledge-base sources to detach from an agent (they stay in the knowledge base).',
);
function textPayload(name: string, description: string) {
  return builder.objectRef<{ sourceId: string }>(name).implement({
    description,
    fields: (t) => ({
      sourceId: t.exposeString('sourceId', { description: "The entry's id." }),
      aiKnowledgeText: t.field({
        type: AiKnowledgeText,
        nullable: true,
        description:
          'The entry as CometChat holds it now (read with a second call when selected: the write answers only a summary); null when it is gone.',
        resolve: (value, _args, context) => readText(context, value.sourceId),
      }),
    }),
  });
}
const AiKnowledgeTextCreatePayload = textPayload(
  'AiKnowledgeTextCreatePayload',
  'The text entry that was created.',
);
const AiKnowledgeTextUpdatePayload = textPayload(
  'AiKnowledgeTextUpdatePayload',
  'The text entry that was changed.',
);
const AiKnowledgeTextDeletePayload = builder
  .objectRef<{ sourceId: string }>('AiKnowledgeTextDeletePayload')
  .implement({
    description: 'The text entry that was deleted (and detached from every agent).',
    fields: (t) => ({
      sourceId: t.exposeString('sourceId', { description: "The deleted entry's id." }),
    }),
  });
function attachPayload(name: string, description: string) {
  return builder.objectRef<{ agentUid: string }>(name).implement({
    description,
    fields: (t) => ({
      agentUid: t.exposeString('agentUid', { description: "The agent's uid." }),
      aiAgent: t.field({
        type: AiAgent,
        nullable: true,
        description: 'The agent (read with a second call when selected); null when it is gone.',
        resolve: (value, _args, context) => orNull(tooling(context).aiAgent(value.agentUid)),
      }),
    }),
  });
}
const AiAgentKnowledgeAttachPayload = attachPayload(
  'AiAgentKnowledgeAttachPayload',
  'The agent the sources were attached to.',
);
const AiAgentKnowledgeDetachPayload = attachPayload(
  'AiAgentKnowledgeDetachPayload',
  'The agent the sources were detached from.',
);

/**
 * Attaches or detaches sources: one list call to learn each source's kind (CometChat's add and
 * remove take the source type in the path), then one call per kind.
 */
async function changeKnowledge(
  context: GatewayContext,
  { agentUid, sourceIds }: InputOf<typeof AiAgentKnowledgeAttach>,
  change: 'add' | 'remove',
): Promise<{ agentUid: string }> {
  await runMutation(
    context,
    async () => {
      const known = new Map(
        (await tooling(context).knowledgeSources()).map((s) => [s.uniqueId, s]),
      );
      const byKind = new Map<string, string[]>();
      for (const [index, id] of sourceIds.entries()) {
        const source = known.get(id);
        if (!source) {
          throw new NotFoundFailure(
            `There is no knowledge-base source ${id} (among the newest ${KNOWLEDGE_WINDOW}).`,
            ['input', 'sourceIds', String(index)],
            null,
          );
        }
        const kind = source.type ?? 'uploads';
        byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
      }
      for (const [kind, ids] of byKind) {
        await changeAgentKnowledge(context.upstream, agentUid, kind, change, ids, options(context));
      }
    },
    { targetPath: ['agentUid'], fieldMap: { uniqueIds: ['sourceIds'] } },
  );
  return { agentUid };
}

// ---------------------------------------------------------------------------------------------
// Variable mutations

const VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_.]*$/;
const MAX_VARIABLE_NAME = 50;
const MAX_VARIABLE_TEXT = 200;
const MAX_SOURCE_PATH = 100;
const MAX_CONSTANT_VALUE = 500;

const variableName = kind(
  'String',
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_VARIABLE_NAME, `must be at most ${MAX_VARIABLE_NAME} characters`)
    .regex(VARIABLE_NAME, 'must start with a letter and hold only letters, digits, _ and .'),
  `A letter, then letters, digits, \`_\` and \`.\`: 1 to ${MAX_VARIABLE_NAME} characters.`,
);
const variableText = kind(
  'String',
  z.string().max(MAX_VARIABLE_TEXT, `must be at most ${MAX_VARIABLE_TEXT} characters`),
  `At most ${MAX_VARIABLE_TEXT} characters.`,
);
const sourcePath = kind(
  'String',
  z.string().trim().max(MAX_SOURCE_PATH, `must be at most ${MAX_SOURCE_PATH} characters`),
  `At most ${MAX_SOURCE_PATH} characters.`,
);
const constantValue = kind(
  'String',
  z.string().max(MAX_CONSTANT_VALUE, `must be at most ${MAX_CONSTANT_VALUE} characters`),
  `At most ${MAX_CONSTANT_VALUE} characters.`,
);

const AiAgentVariableCreate = inputObject('AiAgentVariableCreateInput', {
  description: 'A new custom variable.',
  fields: {
    name: variableName.required('Its name (unique; fixed once created).'),
    sourceType: choice(VariableSourceType).required('Where its value comes from.'),
    description: variableText.optional('What it holds.'),
    sourcePath: sourcePath.optional(
      'The dot path into the metadata; required unless the source type is CONSTANT.',
    ),
    constantValue: constantValue.optional(
      'The fixed value; required when the source type is CONSTANT. Write-only: never shown again.',
    ),
    defaultValue: variableText.optional('The value used when the path does not resolve.'),
  },
  check: (input, ctx) => {
    if (input.sourceType === 'constant' && input.constantValue === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'is required when the source type is CONSTANT',
        path: ['constantValue'],
      });
    }
    if (input.sourceType !== 'constant' && input.sourcePath === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'is required when the value comes from metadata',
        path: ['sourcePath'],
      });
    }
  },
});
const AiAgentVariableUpdate = inputObject('AiAgentVariableUpdateInput', {
  description: 'Changes to a custom variable (its name cannot change); omitted fields stay.',
  fields: {
    variableId: aiKey.required("The variable's id."),
    sourceType: choice(VariableSourceType).optional('A new source.'),
    description: variableText.optional('A new description.'),
    sourcePath: sourcePath.optional('A new metadata path.'),
    constantValue: constantValue.optional('A new constant value (write-only).'),
    defaultValue: variableText.optional('A new default value.'),
  },
  check: (input, ctx) => checkChanges(input, 'variableId', ctx),
});

function variablePayload(name: string, description: string) {
  return builder.objectRef<{ variable: CustomVariableRecord }>(name).implement({
    description,
    fields: (t) => ({
      aiAgentVariable: t.field({
        type: AiAgentVariable,
        description: 'The variable as CometChat answered it.',
        resolve: (value) => value.variable,
      }),
    }),
  });
}
const AiAgentVariableCreatePayload = variablePayload(
  'AiAgentVariableCreatePayload',
  'The variable that was created.',
);
const AiAgentVariableUpdatePayload = variablePayload(
  'AiAgentVariableUpdatePayload',
  'The variable that was changed.',
);

function variableWrite(input: Record<string, unknown>): CustomVariableWrite {
  const write: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) write[key] = value;
  return write as CustomVariableWrite;
}

builder.mutationFields((t) => ({
  aiKnowledgeTextCreate: t.field({
    type: AiKnowledgeTextCreatePayload,
    description: `Adds a text entry to the Agent Builder's knowledge base (\`POST /ai-agents/agent-builder/knowledge-base/text\`); CometChat indexes it in the background. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The new entry, or why it was not created.' },
    },
    args: {
      input: t.arg({ type: AiKnowledgeTextCreate.ref, required: true, description: 'The entry.' }),
    },
    resolve: async (_root, args, context) => {
      const input = AiKnowledgeTextCreate.parse(args.input);
      const sourceId = await runMutation(context, () =>
        createKnowledgeText(context.upstream, input, options(context)),
      );
      return { sourceId };
    },
  }),
  aiKnowledgeTextUpdate: t.field({
    type: AiKnowledgeTextUpdatePayload,
    description: `Changes a knowledge-base text entry (\`PATCH /ai-agents/agent-builder/knowledge-base/text/{uniqueId}\`); CometChat indexes it again. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed entry, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: AiKnowledgeTextUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { sourceId, ...changes } = AiKnowledgeTextUpdate.parse(args.input);
      await runMutation(
        context,
        () => updateKnowledgeText(context.upstream, sourceId, changes, options(context)),
        { targetPath: ['sourceId'] },
      );
      return { sourceId };
    },
  }),
  aiKnowledgeTextDelete: t.field({
    type: AiKnowledgeTextDeletePayload,
    description: `Deletes a knowledge-base text entry and detaches it from every agent (\`DELETE /ai-agents/agent-builder/knowledge-base/text/{uniqueId}\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted entry, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: AiKnowledgeTextDelete.ref, required: true, description: 'The entry.' }),
    },
    resolve: async (_root, args, context) => {
      const { sourceId } = AiKnowledgeTextDelete.parse(args.input);
      await runMutation(
        context,
        () => deleteKnowledgeText(context.upstream, sourceId, options(context)),
        { targetPath: ['sourceId'] },
      );
      return { sourceId };
    },
  }),
  aiAgentKnowledgeAttach: t.field({
    type: AiAgentKnowledgeAttachPayload,
    description: `Attaches knowledge-base sources to an Agent Builder agent: one read of the knowledge base for each source's kind, then \`PATCH /ai-agents/agent-builder/agents/{uid}/knowledge-base/{sourceType}/add\` once per kind. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The agent, or why nothing was attached.' },
    },
    args: {
      input: t.arg({
        type: AiAgentKnowledgeAttach.ref,
        required: true,
        description: 'What to attach.',
      }),
    },
    resolve: (_root, args, context) =>
      changeKnowledge(context, AiAgentKnowledgeAttach.parse(args.input), 'add'),
  }),
  aiAgentKnowledgeDetach: t.field({
    type: AiAgentKnowledgeDetachPayload,
    description: `Detaches knowledge-base sources from an Agent Builder agent (they stay in the knowledge base): one read of the knowledge base, then \`PATCH /ai-agents/agent-builder/agents/{uid}/knowledge-base/{sourceType}/remove\` once per kind. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The agent, or why nothing was detached.' },
    },
    args: {
      input: t.arg({
        type: AiAgentKnowledgeDetach.ref,
        required: true,
        description: 'What to detach.',
      }),
    },
    resolve: (_root, args, context) =>
      changeKnowledge(context, AiAgentKnowledgeDetach.parse(args.input), 'remove'),
  }),
  aiAgentVariableCreate: t.field({
    type: AiAgentVariableCreatePayload,
    description: `Creates a custom variable (\`POST /ai-agents/agent-builder/agents/variables/custom\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, ConflictFailure],
      union: { description: 'The new variable, or why it was not created.' },
    },
    args: {
      input: t.arg({
        type: AiAgentVariableCreate.ref,
        required: true,
        description: 'The variable.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = AiAgentVariableCreate.parse(args.input);
      const variable = await runMutation(
        context,
        () => createCustomVariable(context.upstream, variableWrite(input), options(context)),
        { targetPath: ['name'] },
      );
      return { variable };
    },
  }),
  aiAgentVariableUpdate: t.field({
    type: AiAgentVariableUpdatePayload,
    description: `Changes a custom variable (\`PATCH /ai-agents/agent-builder/agents/variables/custom/{variableId}\`); its name cannot change. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed variable, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: AiAgentVariableUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { variableId, ...changes } = AiAgentVariableUpdate.parse(args.input);
      const variable = await runMutation(
        context,
        () =>
          updateCustomVariable(
            context.upstream,
            variableId,
            variableWrite(changes),
            options(context),
          ),
        { targetPath: ['variableId'] },
      );
      return { variable };
    },
  }),
}));
