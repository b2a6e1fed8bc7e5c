/**
 * Reads of the internal-tooling resources (RBAC, moderation, metrics, API keys). They are admin
 * resources read as the app: each read takes the app view, so its calls carry the view's options
 * (its abort signal, never an `onBehalfOf`). Nothing is cached across fields: these lists are
 * small and read once per field.
 */
import type { UpstreamClient } from '../upstream/client.js';
import {
  listRestrictedFeatures,
  listRolePermissions,
  listScopePermissions,
  type PermissionRecord,
  type RestrictedFeatureRecord,
  type ScopeName,
} from '../upstream/rbac.js';
import type { Page } from '../upstream/records.js';
import type { AppView } from './view.js';

/** CometChat documents 28 role permissions; one page of 100 holds every one. */
const PERMISSIONS_PAGE = 100;

/** The tooling reads of one request, as the app. */
export interface ToolingReads {
  /** `GET /roles/{role}/permissions`: every permission a role can be given. */
  rolePermissions(role: string): Promise<PermissionRecord[]>;
  /** `GET /groups/{guid}/scopes/{scope}/permissions`. */
  scopePermissions(guid: string, scope: ScopeName): Promise<PermissionRecord[]>;
  /** `GET /roles/{role}/restrictedfeatures` (legacy), one page. */
  restrictedFeatures(
    role: string,
    page: number,
    perPage: number,
  ): Promise<Page<RestrictedFeatureRecord>>;
}

/** The tooling reads of `view` (the app view) through the request's `upstream` client. */
export function toolingReads(upstream: UpstreamClient, view: AppView): ToolingReads {
  const options = view.options;
  return {
    async rolePermissions(role) {
      const page = await listRolePermissions(
        upstream,
        role,
        { page: 1, perPage: PERMISSIONS_PAGE },
        options,
      );
      return page.items;
    },
    async scopePermissions(guid, scope) {
      const page = await listScopePermissions(
        upstream,
        guid,
        scope,
        { page: 1, perPage: PERMISSIONS_PAGE },
        options,
      );
      return page.items;
    },
    restrictedFeatures(role, page, perPage) {
      return listRestrictedFeatures(upstream, role, { page, perPage }, options);
    },
  };
}
