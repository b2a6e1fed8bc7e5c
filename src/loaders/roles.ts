import type { CallOptions, UpstreamClient } from '../upstream/client.js';
import type { RoleRecord } from '../upstream/records.js';
import { listRoles } from '../upstream/roles.js';

/** CometChat allows at most 25 roles per app, so one page of 100 always holds all of them. */
export const ROLES_PER_PAGE = 100;

/**
 * Loads roles by key (`role`), in key order, with ONE list call whatever the batch size; an
 * unknown role is `null`.
 */
export async function loadRoles(
  client: UpstreamClient,
  keys: readonly string[],
  options: CallOptions = {},
): Promise<(RoleRecord | null)[]> {
  const page = await listRoles(client, { page: 1, perPage: ROLES_PER_PAGE }, options);
  const byKey = new Map(page.items.map((role) => [role.role, role]));
  return keys.map((key) => byKey.get(key) ?? null);
}
