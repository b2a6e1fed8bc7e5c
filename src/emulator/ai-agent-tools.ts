/**
 * The Agent Builder's tools, kept per store: custom API tools (`/ai-agents/agent-builder/api-tools`),
 * MCP servers (`/mcp-servers`) and frontend actions (`/frontend-actions`), each listed
 * (`{data, meta: {current: {limit, count}}}`, newest first), read, created and changed (answering
 * the object, as CometChat's examples do) and deleted (`{success, message}`). An item's `_id` is the
 * app id and its slug (or trigger function) joined by `_`, as in CometChat's examples. An API tool
 * is answered with its headers (CometChat's examples show them) but never its basic-auth password.
 * An unknown id is a 404 `ERR_NOT_FOUND`, a taken slug a 409 `ERR_CONFLICT` and invalid fields a 400
 * `ERR_BAD_REQUEST` with `details`: the emulator's own error shapes.
 */
import {
  assertValid,
  bodyObject,
  checkBoolean,
  checkString,
  checkUrl,
  EmuError,
  type EmuResponse,
  type Router,
  readLimit,
} from './http.js';
import type { Store } from './store.js';

type Fields = Record<string, unknown>;

interface Item {
  /** The path id: the slug, or the `_id` of a frontend action. */
  id: string;
  fields: Fields;
  createdAt: number;
  updatedAt: number;
}

type Kind = 'api-tools' | 'mcp-servers' | 'frontend-actions';

const STATES = new WeakMap<Store, Map<Kind, Map<string, Item>>>();
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const MAX_PARAMETERS = 50;

/** The tools of `store`, by kind (tests read it to see what was kept). */
export function agentToolsOf(store: Store): Map<Kind, Map<string, Item>> {
  let state = STATES.get(store);
  if (!state) {
    const now = store.now() * 1000;
    const item = (id: string, fields: Fields): [string, Item] => [
      id,
      { id, fields, createdAt: now, updatedAt: now },
    ];
    state = new Map<Kind, Map<string, Item>>([
      [
        'api-tools',
        new Map([
          item('order-lookup', {
            slug: 'order-lookup',
            name: 'Order lookup',
            description: 'Finds an order by its number.',
            endpoint: 'https://api.example.com/orders',
            method: 'GET',
            enableBasicAuth: false,
            headers: '{"Content-Type":"application/json"}',
            allowAdditionalProperties: false,
            parameters: [
              { key: 'orderId', type: 'string', description: 'The order number', required: true },
            ],
          }),
        ]),
      ],
      [
        'mcp-servers',
        new Map([
          item('docs-search', {
            slug: 'docs-search',
            name: 'Docs search',
            description: 'Searches the product documentation.',
            url: 'https://mcp.example.com/sse',
          }),
        ]),
      ],
      ['frontend-actions', new Map()],
    ]);
    STATES.set(store, state);
  }
  return state;
}

function json(body: unknown, status = 200): EmuResponse {
  return { status, body };
}

function checkParameters(value: unknown, details: Record<string, string[]>): Fields[] | undefined {
  if (value === undefined || value === null) return undefined;
  const valid =
    Array.isArray(value) &&
    value.length <= MAX_PARAMETERS &&
    value.every(
      (p) =>
        p !== null &&
        typeof p === 'object' &&
        typeof (p as Fields).key === 'string' &&
        (p as Fields).key !== '' &&
        typeof (p as Fields).type === 'string',
    );
  if (!valid) {
    details.parameters = [
      `The parameters must be a list of at most ${MAX_PARAMETERS} objects with a key and a type.`,
    ];
    return undefined;
  }
  return value as Fields[]; // checked above
}

/** The fields of `body` one kind takes, checked; `creating` requires the required ones. */
function checkFields(kind: Kind, body: Fields, creating: boolean): Fields {
  const details: Record<string, string[]> = {};
  const out: Fields = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  const str = (key: string, max: number, required = false) =>
    put(key, checkString(body[key], key, max, details, creating && required));
  if (kind === 'api-tools' || kind === 'mcp-servers') {
    if (creating) str('slug', 100, true);
    else if (body.slug !== undefined && typeof body.slug !== 'string') {
      details.slug = ['The slug must be a string.'];
    }
    str('name', 100, true);
    str('description', 1000);
    put('icon', checkUrl(body.icon, 'icon', details));
  }
  if (kind === 'api-tools') {
    put('endpoint', checkUrl(body.endpoint, 'endpoint', details));
    if (creating && body.endpoint === undefined) details.endpoint = ['The endpoint is required.'];
    const method = checkString(body.method, 'method', 10, details, creating);
    if (method !== undefined && !METHODS.includes(method)) {
      details.method = [`The method must be one of ${METHODS.join(', ')}.`];
    }
    put('method', method);
    put('enableBasicAuth', checkBoolean(body.enableBasicAuth, 'enableBasicAuth', details));
    str('basicAuthUsername', 255);
    str('basicAuthPassword', 500);
    const headers = checkString(body.headers, 'headers', 5000, details);
    if (headers !== undefined) {
      try {
        const parsed: unknown = JSON.parse(headers);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw 0;
      } catch {
        details.headers = ['The headers must be a JSON object.'];
      }
    }
    put('headers', headers);
    str('bodyTemplate', 10_000);
    put(
      'allowAdditionalProperties',
      checkBoolean(body.allowAdditionalProperties, 'allowAdditionalProperties', details),
    );
  }
  if (kind === 'mcp-servers') {
    put('url', checkUrl(body.url, 'url', details));
    if (creating && body.url === undefined) details.url = ['The url is required.'];
  }
  if (kind === 'frontend-actions') {
    str('name', 100, true);
    str('description', 1000, true);
    put('icon', checkUrl(body.icon, 'icon', details));
    if (creating) str('triggerFunction', 100, true);
    else if (body.triggerFunction !== undefined) {
      details.triggerFunction = ['The triggerFunction cannot be changed.'];
    }
  }
  if (kind !== 'mcp-servers') put('parameters', checkParameters(body.parameters, details));
  assertValid(details);
  return out;
}

function render(kind: Kind, appId: string, item: Item) {
  const { basicAuthUsername: _user, basicAuthPassword: _password, ...shown } = item.fields;
  const key = kind === 'frontend-actions' ? item.fields.triggerFunction : item.fields.slug;
  return {
    _id: kind === 'frontend-actions' ? item.id : `${appId}_${key}`,
    appId,
    ...shown,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/** Registers one kind's five routes. */
function registerKind(chat: Router, kind: Kind, what: string): void {
  const path = `/ai-agents/agent-builder/${kind}`;
  const find = (store: Store, id: string): Item => {
    const item = agentToolsOf(store).get(kind)?.get(id);
    if (!item) throw new EmuError(404, 'ERR_NOT_FOUND', `The ${what} ${id} does not exist.`);
    return item;
  };
  chat.add('GET', path, (req, { store, settings }) => {
    const limit = readLimit(req.query);
    const all = [...(agentToolsOf(store).get(kind)?.values() ?? [])].sort(
      (a, b) => b.createdAt - a.createdAt,
    );
    const page = all.slice(0, limit);
    return json({
      data: page.map((item) => render(kind, settings.appId, item)),
      meta: { current: { limit, count: page.length } },
    });
  });
  chat.add('GET', `${path}/:id`, (req, { store, settings }) =>
    json(render(kind, settings.appId, find(store, req.params.id ?? ''))),
  );
  chat.add('POST', path, (req, { store, settings }) => {
    const fields = checkFields(kind, bodyObject(req), true);
    const items = agentToolsOf(store).get(kind) ?? new Map<string, Item>();
    const id =
      kind === 'frontend-actions'
        ? `${settings.appId}_${String(fields.triggerFunction)}`
        : String(fields.slug);
    if (items.has(id)) {
      throw new EmuError(409, 'ERR_CONFLICT', `A ${what} named ${id} already exists.`);
    }
    const now = store.now() * 1000;
    const item: Item = { id, fields, createdAt: now, updatedAt: now };
    items.set(id, item);
    return json(render(kind, settings.appId, item), 201);
  });
  chat.add('PATCH', `${path}/:id`, (req, { store, settings }) => {
    const item = find(store, req.params.id ?? '');
    const { slug: _slug, ...changes } = checkFields(kind, bodyObject(req), false);
    Object.assign(item.fields, changes);
    item.updatedAt = store.now() * 1000;
    return json(render(kind, settings.appId, item));
  });
  // No delete page was found for MCP servers, so the emulator serves none (see the docs).
  if (kind === 'mcp-servers') return;
  chat.add('DELETE', `${path}/:id`, (req, { store }) => {
    const item = find(store, req.params.id ?? '');
    agentToolsOf(store).get(kind)?.delete(item.id);
    return json({ success: true, message: `The ${what} ${item.id} has been deleted.` });
  });
}

/** Registers the API tool, MCP server and frontend action routes on the chat API. */
export function registerAgentTools(chat: Router): void {
  registerKind(chat, 'api-tools', 'API tool');
  registerKind(chat, 'mcp-servers', 'MCP server');
  registerKind(chat, 'frontend-actions', 'frontend action');
}
