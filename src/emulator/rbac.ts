/**
 * Role-based access control: the permissions of each role and of each member scope per group
 * (a catalogue of documented permission ids with their defaults; the app's changes override the
 * defaults), and the legacy restricted features of roles. State lives beside the store, one per
 * store, so `reset()` starts it afresh.
 */
import {
  ack,
  assertValid,
  badRequest,
  bodyObject,
  EmuError,
  guidNotFound,
  ok,
  pageList,
  type Router,
  readPage,
} from './http.js';
import { roleNotFound } from './roles.js';
import { isScope } from './scopes.js';
import type { Store } from './store.js';

type Value = string | string[];

interface PermissionDef {
  id: string;
  title: string;
  dataType: 'string' | 'stringArray';
  availableValues: string[];
  defaultValue: Value;
}

const ALLOW_DENY = ['allow', 'deny'];
const MESSAGE_TYPES = ['text', 'image', 'audio', 'video', 'file'];
/** When the catalogue was published, as CometChat's examples show it (epoch seconds). */
const CATALOGUE_AT = 1765962204;

function def(
  id: string,
  title: string,
  availableValues: string[],
  defaultValue: Value,
): PermissionDef {
  return {
    id,
    title,
    dataType: Array.isArray(defaultValue) ? 'stringArray' : 'string',
    availableValues,
    defaultValue,
  };
}

/** Role permissions, from CometChat's RBAC pages (a subset of the 28 ids). */
const ROLE_PERMISSIONS: readonly PermissionDef[] = [
  def('createGroup', 'Allows/Denies creating groups', ALLOW_DENY, 'allow'),
  def(
    'createGroup.allowedGroupTypes',
    'Allows creating groups of the specified types',
    ['public', 'private', 'password'],
    [],
  ),
  def('sendMessage', 'Allows/Denies sending messages', ALLOW_DENY, 'allow'),
  def(
    'sendMessage.allowedMessageTypes',
    'Allows sending messages of the specified types',
    MESSAGE_TYPES,
    [],
  ),
  def('listUsers', 'Allows/Denies listing users', ALLOW_DENY, 'allow'),
  def('listUsers.mode', 'Which users are listed', ['all', 'friends', 'roles'], 'all'),
  def('editMessage', 'Allows/Denies editing messages', ALLOW_DENY, 'allow'),
  def('deleteMessage', 'Allows/Denies deleting messages', ALLOW_DENY, 'allow'),
  def('initiateCall', 'Allows/Denies initiating calls', ALLOW_DENY, 'allow'),
  def('joinGroup', 'Allows/Denies joining groups', ALLOW_DENY, 'allow'),
];

/** Group scope permissions, from the same pages. */
const SCOPE_PERMISSIONS: readonly PermissionDef[] = [
  def('sendMessage', 'Allows/Denies sending messages in the group', ALLOW_DENY, 'allow'),
  def('sendThreadedMessage', 'Allows/Denies replying in threads', ALLOW_DENY, 'allow'),
  def('addReaction', 'Allows/Denies reacting to messages', ALLOW_DENY, 'allow'),
  def('listReactions', 'Allows/Denies listing reactions', ALLOW_DENY, 'allow'),
  def('listMembers', 'Allows/Denies listing members', ALLOW_DENY, 'allow'),
  def(
    'listMembers.allowedScopes',
    'Lists only members of these scopes',
    ['admin', 'moderator', 'participant'],
    [],
  ),
  def('editMessage', 'Allows/Denies editing own messages', ALLOW_DENY, 'allow'),
  def('initiateCall', 'Allows/Denies starting calls in the group', ALLOW_DENY, 'allow'),
  def('initiateCall.allowedType', 'Allows calls of these types', ['audio', 'video'], []),
];

interface FeatureDef {
  key: string;
  title: string;
  description: string;
  path: string;
}

/** The legacy restrictable features (`u.` user-facing actions). */
const FEATURES: readonly FeatureDef[] = [
  { key: 'u.listUsers', title: 'List users', description: 'Lists users.', path: '/v3/users' },
  {
    key: 'u.createGroup',
    title: 'Create group',
    description: 'Creates a group.',
    path: '/v3/groups',
  },
  {
    key: 'u.deleteGroup',
    title: 'Delete group',
    description: 'Deletes a group.',
    path: '/v3/groups/{{guid}}',
  },
  {
    key: 'u.sendMessage',
    title: 'Send message',
    description: 'Sends a message.',
    path: '/v3/messages',
  },
];

interface RbacState {
  /** role -> id -> value */
  roles: Map<string, Map<string, Value>>;
  /** `${guid}|${scope}` -> id -> value */
  scopes: Map<string, Map<string, Value>>;
  /** role -> feature key -> restrictedAt */
  restricted: Map<string, Map<string, number>>;
}

const STATES = new WeakMap<Store, RbacState>();

function stateOf(store: Store): RbacState {
  let state = STATES.get(store);
  if (!state) {
    state = { roles: new Map(), scopes: new Map(), restricted: new Map() };
    STATES.set(store, state);
  }
  return state;
}

function renderDef(d: PermissionDef, type: 'role' | 'scope'): Record<string, unknown> {
  return {
    id: d.id,
    type,
    title: d.title,
    description: d.title,
    dataType: d.dataType,
    availableValues: d.availableValues,
    defaultValue: d.defaultValue,
    createdAt: CATALOGUE_AT,
    updatedAt: CATALOGUE_AT,
  };
}

function current(catalogue: readonly PermissionDef[], overrides: Map<string, Value> | undefined) {
  const out: Record<string, Value> = {};
  for (const d of catalogue) out[d.id] = overrides?.get(d.id) ?? d.defaultValue;
  return out;
}

function checkValue(d: PermissionDef, value: unknown): string | null {
  if (d.dataType === 'string') {
    if (typeof value !== 'string' || !d.availableValues.includes(value)) {
      return `The permission ${d.id} must be one of ${d.availableValues.join(', ')}.`;
    }
    return null;
  }
  if (
    !Array.isArray(value) ||
    !value.every((v) => typeof v === 'string' && d.availableValues.includes(v))
  ) {
    return `The permission ${d.id} must be a list of ${d.availableValues.join(', ')}.`;
  }
  return null;
}

/** PUT: validates every pair, then applies them; answers per id plus the map in force. */
function applyPermissions(
  body: Record<string, unknown>,
  catalogue: readonly PermissionDef[],
  overrides: Map<string, Value>,
  owner: string,
): Record<string, unknown> {
  const permissions = body.permissions;
  if (typeof permissions !== 'object' || permissions === null || Array.isArray(permissions)) {
    throw badRequest({ permissions: ['The permissions field is required and must be an object.'] });
  }
  const entries = Object.entries(permissions);
  const details: Record<string, string[]> = {};
  if (entries.length === 0) details.permissions = ['The permissions field must not be empty.'];
  for (const [id, value] of entries) {
    const d = catalogue.find((p) => p.id === id);
    const problem = d ? checkValue(d, value) : `The permission ${id} does not exist.`;
    if (problem) details[`permissions.${id}`] = [problem];
  }
  assertValid(details);
  const answer: Record<string, unknown> = {};
  for (const [id, value] of entries) {
    overrides.set(id, value as Value); // checked above
    answer[id] = {
      success: true,
      message: `Permission with id ${id} have been mapped successfully to ${owner}.`,
    };
  }
  return { ...answer, permissions: current(catalogue, overrides) };
}

function resetPermission(
  id: string | undefined,
  catalogue: readonly PermissionDef[],
  overrides: Map<string, Value>,
): Record<string, unknown> {
  if (!catalogue.some((p) => p.id === id)) {
    throw badRequest({ permission: [`The permission ${id ?? ''} does not exist.`] });
  }
  overrides.delete(id ?? '');
  return { permissions: current(catalogue, overrides) };
}

function existingRole(store: Store, raw: string | undefined): string {
  const role = (raw ?? '').toLowerCase();
  if (!store.roles.has(role)) throw roleNotFound(role);
  return role;
}

function scopeKey(store: Store, guid: string | undefined, scope: string | undefined): string {
  const id = (guid ?? '').toLowerCase();
  if (!store.groups.has(id)) throw guidNotFound(id);
  if (!isScope(scope)) {
    throw new EmuError(
      400,
      'ERR_BAD_REQUEST',
      'Failed to validate the data sent with the request.',
      { scope: ['The scope must be one of admin, moderator, participant.'] },
    );
  }
  return `${id}|${scope}`;
}

function overridesOf<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let overrides = map.get(key);
  if (!overrides) {
    overrides = new Map();
    map.set(key, overrides);
  }
  return overrides;
}

/** Registers the RBAC and restricted-feature routes. */
export function registerRbac(router: Router): void {
  router.add('GET', '/roles/:role/permissions', (req, { store }) => {
    existingRole(store, req.params.role);
    return pageList([...ROLE_PERMISSIONS], readPage(req.query), (d) => renderDef(d, 'role'));
  });
  router.add('PUT', '/roles/:role/permissions', (req, { store }) => {
    const role = existingRole(store, req.params.role);
    const overrides = overridesOf(stateOf(store).roles, role);
    return ok(applyPermissions(bodyObject(req), ROLE_PERMISSIONS, overrides, `role ${role}`));
  });
  router.add('DELETE', '/roles/:role/permissions/:permission', (req, { store }) => {
    const role = existingRole(store, req.params.role);
    const overrides = overridesOf(stateOf(store).roles, role);
    return ok(resetPermission(req.params.permission, ROLE_PERMISSIONS, overrides));
  });

  router.add('GET', '/groups/:guid/scopes/:scope/permissions', (req, { store }) => {
    scopeKey(store, req.params.guid, req.params.scope);
    return pageList([...SCOPE_PERMISSIONS], readPage(req.query), (d) => renderDef(d, 'scope'));
  });
  router.add('PUT', '/groups/:guid/scopes/:scope/permissions', (req, { store }) => {
    const key = scopeKey(store, req.params.guid, req.params.scope);
    const overrides = overridesOf(stateOf(store).scopes, key);
    return ok(
      applyPermissions(bodyObject(req), SCOPE_PERMISSIONS, overrides, `scope ${req.params.scope}`),
    );
  });
  router.add('DELETE', '/groups/:guid/scopes/:scope/permissions/:permission', (req, { store }) => {
    const key = scopeKey(store, req.params.guid, req.params.scope);
    const overrides = overridesOf(stateOf(store).scopes, key);
    return ok(resetPermission(req.params.permission, SCOPE_PERMISSIONS, overrides));
  });

  router.add('GET', '/roles/:role/restrictedfeatures', (req, { store }) => {
    const role = existingRole(store, req.params.role);
    const restricted = stateOf(store).restricted.get(role) ?? new Map<string, number>();
    const rows = FEATURES.filter((f) => restricted.has(f.key));
    return pageList(rows, readPage(req.query), (f) => ({
      ...f,
      createdAt: restricted.get(f.key),
    }));
  });
  router.add('POST', '/roles/:role/restrictedfeatures', (req, { store }) => {
    const role = existingRole(store, req.params.role);
    const list = bodyObject(req).featuresToRestrict;
    if (!Array.isArray(list) || list.length === 0 || !list.every((k) => typeof k === 'string')) {
      throw badRequest({ featuresToRestrict: ['The featuresToRestrict field is required.'] });
    }
    const restricted = overridesOf(stateOf(store).restricted, role);
    const answer: Record<string, unknown> = {};
    for (const key of list as string[]) {
      if (!FEATURES.some((f) => f.key === key)) {
        answer[key] = {
          success: false,
          error: { code: 'ERR_BAD_REQUEST', message: `The feature ${key} does not exist.` },
        };
        continue;
      }
      if (!restricted.has(key)) restricted.set(key, store.now());
      answer[key] = {
        success: true,
        message: `The feature ${key} has been restricted successfully.`,
      };
    }
    return ok(answer);
  });
  router.add('DELETE', '/roles/:role/restrictedfeatures', (req, { store }) => {
    const role = existingRole(store, req.params.role);
    const body = bodyObject(req);
    const restricted = stateOf(store).restricted.get(role);
    if (body.allowAll === true) restricted?.clear();
    else {
      const list = body.featuresToAllow;
      if (!Array.isArray(list) || list.length === 0) {
        throw badRequest({ featuresToAllow: ['The featuresToAllow field is required.'] });
      }
      for (const key of list) if (typeof key === 'string') restricted?.delete(key);
    }
    return ack('The feature has been allowed successfully.');
  });
}
