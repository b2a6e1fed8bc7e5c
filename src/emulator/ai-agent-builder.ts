/**
 * The Agent Builder's knowledge base and custom variables, kept per store: knowledge-base records
 * (`GET /ai-agents/agent-builder/knowledge-base`), text entries (`/knowledge-base/text[/:id]`),
 * sources attached to agents (`PATCH /agents/:uid/knowledge-base/:sourceType/add|remove`) and
 * custom variables (`/agents/variables/custom[/:id]`). Answers follow CometChat's examples. A text
 * entry is listed with the type `text` and counts as indexed as soon as it is written (CometChat
 * indexes in the background and does not name the type of text records); an unknown id is a 404
 * `ERR_NOT_FOUND`, a duplicate variable name a 409 `ERR_CONFLICT` and invalid fields a 400
 * `ERR_BAD_REQUEST` with `details`: the emulator's own error shapes.
 */
import { randomUUID } from 'node:crypto';
import { agentNotFound, hasBuilderAgent } from './ai-agents.js';
import {
  assertValid,
  badRequest,
  bodyObject,
  checkString,
  EmuError,
  type EmuResponse,
  type Router,
  readLimit,
} from './http.js';
import type { Store } from './store.js';

interface Source {
  uniqueId: string;
  type: string;
  sourceName: string;
  title: string;
  text: string;
  fileName: string;
  createdAt: number;
  updatedAt: number;
}

interface Variable {
  id: string;
  name: string;
  description?: string;
  sourceType: string;
  sourcePath?: string;
  constantValue?: string;
  defaultValue?: string;
  createdAt: number;
  updatedAt: number;
}

export interface AgentBuilderState {
  sources: Map<string, Source>;
  /** agent uid -> source type -> attached source ids */
  attached: Map<string, Map<string, Set<string>>>;
  variables: Map<string, Variable>;
}

const STATES = new WeakMap<Store, AgentBuilderState>();
const SOURCE_TYPES = ['message_metadata', 'user_metadata', 'constant'];
const VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_.]*$/;

/** The knowledge base, attachments and variables of `store` (tests read it to see what was kept). */
export function agentBuilderStateOf(store: Store): AgentBuilderState {
  let state = STATES.get(store);
  if (!state) {
    const now = store.now() * 1000;
    const faq: Source = {
      uniqueId: 'kb-faq',
      type: 'text',
      sourceName: 'FAQ',
      title: 'FAQ',
      text: 'Opening hours are 9 to 5.',
      fileName: 'faq.md',
      createdAt: now,
      updatedAt: now,
    };
    const plan: Variable = {
      id: 'var-plan',
      name: 'user.plan',
      description: 'The user subscription plan',
      sourceType: 'user_metadata',
      sourcePath: 'metadata.plan',
      defaultValue: 'free',
      createdAt: now,
      updatedAt: now,
    };
    state = {
      sources: new Map([[faq.uniqueId, faq]]),
      attached: new Map(),
      variables: new Map([[plan.id, plan]]),
    };
    STATES.set(store, state);
  }
  return state;
}

function notFound(what: string, id: string): EmuError {
  return new EmuError(404, 'ERR_NOT_FOUND', `The ${what} ${id} does not exist.`);
}

function json(body: unknown, status = 200): EmuResponse {
  return { status, body };
}

function fileNameOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'text'}.md`;
}

function renderRecord(appId: string, source: Source) {
  return {
    uniqueId: source.uniqueId,
    appId,
    sourceName: source.sourceName,
    type: source.type,
    status: 'indexed',
    lastSynced: source.updatedAt,
    createdAt: source.createdAt,
    updatedAt: source.updatedAt,
  };
}

function renderVariable(appId: string, variable: Variable) {
  return {
    _id: variable.id,
    appId,
    name: variable.name,
    description: variable.description ?? '',
    sourceType: variable.sourceType,
    sourcePath: variable.sourcePath ?? '',
    constantValue: variable.constantValue ?? '',
    defaultValue: variable.defaultValue ?? '',
    category: 'custom',
    createdAt: variable.createdAt,
    updatedAt: variable.updatedAt,
  };
}

function checkVariable(
  body: Record<string, unknown>,
  variable: Partial<Variable>,
  creating: boolean,
) {
  const details: Record<string, string[]> = {};
  const name = creating ? checkString(body.name, 'name', 50, details, true) : undefined;
  if (name !== undefined && !VARIABLE_NAME.test(name)) {
    details.name = ['The name must start with a letter and hold only letters, digits, _ and .'];
  }
  if (!creating && body.name !== undefined) details.name = ['The name cannot be changed.'];
  const sourceType = checkString(body.sourceType, 'sourceType', 20, details, creating);
  if (sourceType !== undefined && !SOURCE_TYPES.includes(sourceType)) {
    details.sourceType = [`The sourceType must be one of ${SOURCE_TYPES.join(', ')}.`];
  }
  const description = checkString(body.description, 'description', 200, details);
  const sourcePath = checkString(body.sourcePath, 'sourcePath', 100, details);
  const constantValue = checkString(body.constantValue, 'constantValue', 500, details);
  const defaultValue = checkString(body.defaultValue, 'defaultValue', 200, details);
  assertValid(details);
  if (name !== undefined) variable.name = name;
  if (sourceType !== undefined) variable.sourceType = sourceType;
  if (description !== undefined) variable.description = description;
  if (sourcePath !== undefined) variable.sourcePath = sourcePath;
  if (constantValue !== undefined) variable.constantValue = constantValue;
  if (defaultValue !== undefined) variable.defaultValue = defaultValue;
}

/** Registers the knowledge-base and custom-variable routes on the chat API. */
export function registerAgentBuilder(chat: Router): void {
  const kb = '/ai-agents/agent-builder/knowledge-base';
  chat.add('GET', kb, (req, { store, settings }) => {
    const limit = readLimit(req.query);
    const all = [...agentBuilderStateOf(store).sources.values()].sort(
      (a, b) => b.createdAt - a.createdAt,
    );
    const page = all.slice(0, limit);
    return json({
      data: page.map((source) => renderRecord(settings.appId, source)),
      meta: { current: { limit, count: page.length } },
    });
  });
  chat.add('POST', `${kb}/text`, (req, { store }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const title = checkString(body.title, 'title', 500, details, true);
    const text = checkString(body.text, 'text', 5000, details, true);
    assertValid(details);
    const now = store.now() * 1000;
    const source: Source = {
      uniqueId: randomUUID(),
      type: 'text',
      sourceName: title ?? '',
      title: title ?? '',
      text: text ?? '',
      fileName: fileNameOf(title ?? ''),
      createdAt: now,
      updatedAt: now,
    };
    agentBuilderStateOf(store).sources.set(source.uniqueId, source);
    return json(
      {
        success: true,
        message: 'Text detail created and uploaded successfully',
        data: {
          uniqueId: source.uniqueId,
          title: source.title,
          fileName: source.fileName,
          status: 'indexing',
        },
      },
      201,
    );
  });
  const textEntry = (store: Store, id: string): Source => {
    const source = agentBuilderStateOf(store).sources.get(id);
    if (source?.type !== 'text') throw notFound('text entry', id);
    return source;
  };
  chat.add('GET', `${kb}/text/:id`, (req, { store }) => {
    const source = textEntry(store, req.params.id ?? '');
    return json({
      data: {
        uniqueId: source.uniqueId,
        title: source.title,
        text: source.text,
        fileName: source.fileName,
        status: 'indexed',
        vectorizationStatus: 'completed',
        createdAt: source.createdAt,
        updatedAt: source.updatedAt,
        isActive: true,
      },
    });
  });
  chat.add('PATCH', `${kb}/text/:id`, (req, { store }) => {
    const source = textEntry(store, req.params.id ?? '');
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const title = checkString(body.title, 'title', 500, details);
    const text = checkString(body.text, 'text', 5000, details);
    assertValid(details);
    if (title !== undefined) {
      source.title = title;
      source.sourceName = title;
      source.fileName = fileNameOf(title);
    }
    if (text !== undefined) source.text = text;
    source.updatedAt = store.now() * 1000;
    return json({
      success: true,
      message: 'Text detail updated successfully',
      data: {
        uniqueId: source.uniqueId,
        title: source.title,
        fileName: source.fileName,
        status: 'indexing',
      },
    });
  });
  chat.add('DELETE', `${kb}/text/:id`, (req, { store }) => {
    const source = textEntry(store, req.params.id ?? '');
    const state = agentBuilderStateOf(store);
    state.sources.delete(source.uniqueId);
    for (const byType of state.attached.values()) {
      for (const ids of byType.values()) ids.delete(source.uniqueId);
    }
    return json({
      success: true,
      message: 'Text detail and all associated data deleted successfully',
      data: { uniqueId: source.uniqueId, fileName: source.fileName, deletedFromAgents: true },
    });
  });
  for (const change of ['add', 'remove'] as const) {
    chat.add(
      'PATCH',
      `/ai-agents/agent-builder/agents/:uid/knowledge-base/:sourceType/${change}`,
      (req, { store }) => {
        const uid = req.params.uid ?? '';
        const sourceType = req.params.sourceType ?? '';
        if (!hasBuilderAgent(store, uid)) throw agentNotFound(uid);
        const body = bodyObject(req);
        const ids = body.uniqueIds;
        const state = agentBuilderStateOf(store);
        if (
          !Array.isArray(ids) ||
          ids.length === 0 ||
          ids.some((id) => typeof id !== 'string' || state.sources.get(id)?.type !== sourceType)
        ) {
          throw badRequest({
            uniqueIds: [`The uniqueIds must name existing ${sourceType} sources.`],
          });
        }
        const byType = state.attached.get(uid) ?? new Map<string, Set<string>>();
        state.attached.set(uid, byType);
        const set = byType.get(sourceType) ?? new Set<string>();
        byType.set(sourceType, set);
        for (const id of ids as string[]) {
          if (change === 'add') set.add(id);
          else set.delete(id);
        }
        return json({ success: true });
      },
    );
  }

  const variables = '/ai-agents/agent-builder/agents/variables/custom';
  chat.add('GET', variables, (_req, { store, settings }) =>
    json(
      [...agentBuilderStateOf(store).variables.values()].map((v) =>
        renderVariable(settings.appId, v),
      ),
    ),
  );
  chat.add('POST', variables, (req, { store, settings }) => {
    const now = store.now() * 1000;
    const variable: Variable = {
      id: randomUUID().replace(/-/g, '').slice(0, 24),
      name: '',
      sourceType: 'constant',
      createdAt: now,
      updatedAt: now,
    };
    checkVariable(bodyObject(req), variable, true);
    const state = agentBuilderStateOf(store);
    if ([...state.variables.values()].some((v) => v.name === variable.name)) {
      throw new EmuError(409, 'ERR_CONFLICT', `A variable named ${variable.name} already exists.`);
    }
    state.variables.set(variable.id, variable);
    return json(renderVariable(settings.appId, variable), 201);
  });
  chat.add('PATCH', `${variables}/:id`, (req, { store, settings }) => {
    const id = req.params.id ?? '';
    const variable = agentBuilderStateOf(store).variables.get(id);
    if (!variable) throw notFound('variable', id);
    const changed = { ...variable };
    checkVariable(bodyObject(req), changed, false);
    Object.assign(variable, changed, { updatedAt: store.now() * 1000 });
    return json(renderVariable(settings.appId, variable));
  });
}
