/**
 * The app's API keys (`/apikeys`). The store of keys always holds the key the emulator
 * authenticates with (`Rest API Key`, fullAccess): it is listed, readable, and cannot be deleted
 * or given another scope here. Keys created here are 40 hex characters, as CometChat's are, and a
 * created fullAccess key is accepted in the `apikey` header like the emulator's own. State lives
 * beside the store, one per store, so `reset()` starts it afresh.
 */
import { randomBytes } from 'node:crypto';
import {
  ack,
  assertValid,
  bodyObject,
  checkString,
  EmuError,
  type EmulatorSettings,
  ok,
  pageList,
  type Router,
  readPage,
} from './http.js';
import type { Store } from './store.js';

type Scope = 'fullAccess' | 'authOnly';

interface KeyRow {
  apiKey: string;
  name: string;
  scope: Scope;
  createdAt: number;
}

/** CometChat allows at most 25 keys per app (FACTS.md 1). */
export const MAX_API_KEYS = 25;

const STATES = new WeakMap<Store, Map<string, KeyRow>>();

function keysOf(store: Store, settings: EmulatorSettings): Map<string, KeyRow> {
  let keys = STATES.get(store);
  if (!keys) {
    keys = new Map([
      [
        settings.apiKey,
        {
          apiKey: settings.apiKey,
          name: 'Rest API Key',
          scope: 'fullAccess',
          createdAt: store.now(),
        },
      ],
    ]);
    STATES.set(store, keys);
  }
  return keys;
}

/** Whether `key` is a fullAccess key created through `POST /apikeys` on `store` (and not deleted). */
export function isCreatedFullAccessKey(store: Store, key: string): boolean {
  return STATES.get(store)?.get(key)?.scope === 'fullAccess';
}

function keyNotFound(): EmuError {
  return new EmuError(404, 'ERR_APIKEY_NOT_FOUND', 'The API key does not exist for this app.');
}

/** `authOnly`/`fullAccess`, or the spec's PUT spellings `userauth`/`admin`. */
function readScope(value: unknown, details: Record<string, string[]>): Scope | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'authOnly' || value === 'userauth') return 'authOnly';
  if (value === 'fullAccess' || value === 'admin') return 'fullAccess';
  details.scope = ['The selected scope is invalid.'];
  return undefined;
}

function render(row: KeyRow): Record<string, unknown> {
  return { apiKey: row.apiKey, name: row.name, scope: row.scope, createdAt: row.createdAt };
}

/** Registers the `/apikeys` routes. */
export function registerApiKeys(router: Router): void {
  router.add('GET', '/apikeys', (req, { store, settings }) => {
    const page = readPage(req.query);
    const details: Record<string, string[]> = {};
    const scope = readScope(req.query.get('scope') ?? undefined, details);
    assertValid(details);
    const search = (req.query.get('searchKey') ?? '').toLowerCase();
    const rows = [...keysOf(store, settings).values()].filter(
      (row) =>
        (scope === undefined || row.scope === scope) &&
        (search === '' || row.name.toLowerCase().includes(search)),
    );
    return pageList(rows, page, render);
  });
  router.add('GET', '/apikeys/:apiKey', (req, { store, settings }) => {
    const row = keysOf(store, settings).get(req.params.apiKey ?? '');
    if (!row) throw keyNotFound();
    return ok(render(row));
  });
  router.add('POST', '/apikeys', (req, { store, settings }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const name = checkString(body.name, 'name', 100, details, true);
    const scope = readScope(body.scope, details) ?? 'authOnly';
    assertValid(details);
    const keys = keysOf(store, settings);
    if (keys.size >= MAX_API_KEYS) {
      throw new EmuError(
        400,
        'ERR_APIKEY_LIMIT_REACHED',
        `An app can have at most ${MAX_API_KEYS} API keys.`,
      );
    }
    const row: KeyRow = {
      apiKey: randomBytes(20).toString('hex'),
      name: name ?? '',
      scope,
      createdAt: store.now(),
    };
    keys.set(row.apiKey, row);
    return ok(render(row));
  });
  router.add('PUT', '/apikeys/:apiKey', (req, { store, settings }) => {
    const row = keysOf(store, settings).get(req.params.apiKey ?? '');
    if (!row) throw keyNotFound();
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const name = checkString(body.name, 'name', 100, details);
    const scope = readScope(body.scope, details);
    if (name !== undefined && name.trim() === '') details.name = ['The name must be a string.'];
    if (row.apiKey === settings.apiKey && scope !== undefined && scope !== row.scope) {
      details.scope = ['The scope of the key used by this app cannot be changed.'];
    }
    assertValid(details);
    if (name !== undefined) row.name = name;
    if (scope !== undefined) row.scope = scope;
    return ok(render(row));
  });
  router.add('DELETE', '/apikeys/:apiKey', (req, { store, settings }) => {
    const keys = keysOf(store, settings);
    const row = keys.get(req.params.apiKey ?? '');
    if (!row) throw keyNotFound();
    if (row.apiKey === settings.apiKey) {
      throw new EmuError(400, 'ERR_BAD_REQUEST', 'The key used by this app cannot be deleted.');
    }
    keys.delete(row.apiKey);
    return ack('The Api Key has been deleted successfully.');
  });
}
