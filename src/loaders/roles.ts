import type { Page, RoleRecord } from '../upstream/records.js';

/** CometChat allows at most 25 roles per app, so one page of 100 always holds all of them. */
export const ROLES_PER_PAGE = 100;

/**
 * Roles by key (`role`), in key order, from the one page of all roles (`GET /roles`, page 1 of
 * {@link ROLES_PER_PAGE}): ONE list call per batch whatever its size; an unknown role is `null`.
 */
export function rolesByKey(page: Page<RoleRecord>, keys: readonly string[]): (RoleRecord | null)[] {
  const byKey = new Map(page.items.map((role) => [role.role, role]));
  return keys.map((key) => byKey.get(key) ?? null);
}
