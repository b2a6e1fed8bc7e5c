/**
 * `/roles`: CRUD. The `default` role exists in every app and cannot be deleted; users of a deleted
 * role fall back to `default`. An app holds at most 25 roles.
 */
import {
  ack,
  assertValid,
  bodyObject,
  checkString,
  EmuError,
  LIMITS,
  normaliseId,
  ok,
  pageList,
  type Router,
  readPage,
} from './http.js';
import type { RoleRow, Store } from './store.js';

export const DEFAULT_ROLE = 'default';
const MAX_ROLES = 25;
const SETTING_KEYS = ['listUsers', 'sendMessagesTo'] as const;
const SETTING_VALUES = ['all', 'friendsOnly'];
const UNSETTABLE = ['settings', 'description', 'metadata'] as const;

export function roleNotFound(role: string): EmuError {
  return new EmuError(404, 'ERR_ROLE_NOT_FOUND', `The role ${role} does not exist.`);
}

export function renderRole(row: RoleRow): Record<string, unknown> {
  return {
    role: row.role,
    name: row.name,
    ...(row.description !== undefined ? { description: row.description } : {}),
    ...(row.metadata !== undefined ? { metadata: row.metadata } : {}),
    ...(row.settings !== undefined ? { settings: row.settings } : {}),
    createdAt: row.createdAt,
    ...(row.updatedAt !== undefined ? { updatedAt: row.updatedAt } : {}),
  };
}

function checkObject(
  value: unknown,
  field: string,
  details: Record<string, string[]>,
): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    details[field] = [`The ${field} must be an object.`];
    return undefined;
  }
  return value as Record<string, unknown>; // a JSON object, checked above
}

function checkSettings(
  value: unknown,
  details: Record<string, string[]>,
): Record<string, unknown> | undefined {
  const settings = checkObject(value, 'settings', details);
  if (settings === undefined) return undefined;
  for (const [key, setting] of Object.entries(settings)) {
    if (!SETTING_KEYS.some((k) => k === key)) {
      details.settings = [`The settings may only hold ${SETTING_KEYS.join(' and ')}.`];
      return undefined;
    }
    if (typeof setting !== 'string' || !SETTING_VALUES.includes(setting)) {
      details.settings = [`The settings.${key} must be all or friendsOnly.`];
      return undefined;
    }
  }
  return settings;
}

function findRole(store: Store, raw: string | undefined): RoleRow {
  const id = (raw ?? '').toLowerCase();
  const row = store.roles.get(id);
  if (!row) throw roleNotFound(id);
  return row;
}

/** Registers the CometChat roles routes. */
export function registerRoles(router: Router): void {
  router.add('POST', '/roles', (req, { store }) => {
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const role = normaliseId(body.role, 'role', details);
    const name = checkString(body.name, 'name', LIMITS.name, details, true);
    const description = checkString(body.description, 'description', LIMITS.description, details);
    const metadata = checkObject(body.metadata, 'metadata', details);
    const settings = checkSettings(body.settings, details);
    if (role !== '' && store.roles.has(role)) details.role = ['The role has already been taken.'];
    else if (store.roles.size >= MAX_ROLES) {
      details.role = [`An app may have at most ${MAX_ROLES} roles.`];
    }
    assertValid(details);
    const row: RoleRow = {
      role,
      name: name ?? role,
      createdAt: store.now(),
      ...(description !== undefined ? { description } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
      ...(settings !== undefined ? { settings } : {}),
    };
    store.roles.set(role, row);
    return ok(renderRole(row));
  });

  router.add('GET', '/roles', (req, { store }) =>
    pageList([...store.roles.values()], readPage(req.query), renderRole),
  );

  router.add('GET', '/roles/:role', (req, { store }) =>
    ok(renderRole(findRole(store, req.params.role))),
  );

  router.add('PUT', '/roles/:role', (req, { store }) => {
    const row = findRole(store, req.params.role);
    const body = bodyObject(req);
    const details: Record<string, string[]> = {};
    const name = checkString(body.name, 'name', LIMITS.name, details, body.name !== undefined);
    const description = checkString(body.description, 'description', LIMITS.description, details);
    const metadata = checkObject(body.metadata, 'metadata', details);
    const settings = checkSettings(body.settings, details);
    const unset: (typeof UNSETTABLE)[number][] = [];
    if (body.unset !== undefined && body.unset !== null) {
      const list = Array.isArray(body.unset) ? body.unset : [body.unset];
      for (const item of list) {
        const field = UNSETTABLE.find((f) => f === item);
        if (field === undefined) {
          details.unset = [`The unset values must be among ${UNSETTABLE.join(', ')}.`];
          break;
        }
        unset.push(field);
      }
    }
    assertValid(details);
    if (name !== undefined) row.name = name;
    if (description !== undefined) row.description = description;
    if (metadata !== undefined) row.metadata = metadata;
    if (settings !== undefined) row.settings = { ...row.settings, ...settings };
    for (const field of unset) delete row[field];
    row.updatedAt = store.now();
    return ok(renderRole(row));
  });

  router.add('DELETE', '/roles/:role', (req, { store }) => {
    const row = findRole(store, req.params.role);
    if (row.role === DEFAULT_ROLE) {
      throw new EmuError(403, 'ERR_ROLE_DELETE_DENIED', 'The default role cannot be deleted.');
    }
    store.roles.delete(row.role);
    const now = store.now();
    for (const user of store.users.values()) {
      if (user.role === row.role) {
        user.role = DEFAULT_ROLE;
        user.updatedAt = now;
      }
    }
    return ack(`Role ${row.role} has been deleted successfully.`);
  });
}
