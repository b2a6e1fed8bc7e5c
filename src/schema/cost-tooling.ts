/**
 * What the internal-tooling fields (RBAC, moderation, metrics, API keys) cost in CometChat calls,
 * merged into `COST_RULES` (see src/schema/cost.ts for the rules' meaning).
 */

import { NOTIFICATION_ADMIN_COST_RULES } from './cost-notification-admin.js';
import {
  type CostRule,
  free,
  inputCount,
  listCall,
  lookup as lookupOf,
  pagedList as pagedListOf,
  windowList,
  writes,
} from './cost-rules.js';

/** Objects that came inside an answer and were never primed: their relations cost lookups. */
const notPrimed: CostRule = () => ({ origin: 'notPrimed' });
/** One call per resolution. */
const lookup = lookupOf();
/** A role by key (the roles loader: one `GET /roles` for every role). */
const roleLoad: CostRule = () => ({ roleLoads: 1 });
/** A connection over a page list: one call, two when read after a cursor. */
const pagedList = pagedListOf();

/** One page of permission descriptors holds them all (at most 100). */
const PERMISSIONS = 100;
/** The most settings one permission change returns: the permissions CometChat has. */
const SETTINGS = 100;

export const TOOLING_COST_RULES: Readonly<Record<string, CostRule>> = {
  // RBAC ---------------------------------------------------------------------------------------
  'Role.permissions': listCall(PERMISSIONS),
  'Role.restrictedFeatures': pagedList,
  'Group.scopePermissions': listCall(PERMISSIONS),
  'Mutation.rolePermissionsUpdate': writes(1),
  'Mutation.rolePermissionReset': writes(1),
  'Mutation.groupScopePermissionsUpdate': writes(1),
  'Mutation.groupScopePermissionReset': writes(1),
  'Mutation.roleFeaturesRestrict': writes(1),
  'Mutation.roleFeaturesAllow': writes(1),
  'RolePermissionsUpdatePayload.role': roleLoad,
  'RolePermissionsUpdatePayload.permissions': () => ({ items: SETTINGS }),
  'RolePermissionResetPayload.role': roleLoad,
  'RolePermissionResetPayload.permissions': () => ({ items: SETTINGS }),
  'GroupScopePermissionsUpdatePayload.group': lookup,
  'GroupScopePermissionsUpdatePayload.permissions': () => ({ items: SETTINGS }),
  'GroupScopePermissionResetPayload.group': lookup,
  'GroupScopePermissionResetPayload.permissions': () => ({ items: SETTINGS }),
  'RoleFeaturesRestrictPayload.role': roleLoad,
  'RoleFeaturesRestrictPayload.featureOutcomes': (env) => ({
    items: inputCount(env, 'features', 50),
  }),
  'RoleFeatureOutcome.error': free,
  'RoleFeaturesAllowPayload.role': roleLoad,

  // Moderation: one list call each, paged in memory (at most 100 items) -----------------------
  'Query.moderationQueue': windowList,
  'Query.moderationBlockedMessages': windowList,
  'Query.moderationReviewedMessages': windowList,
  'Query.moderationReasons': windowList,
  'Query.moderationReason': lookup,
  'Query.moderationRules': windowList,
  'Query.moderationKeywordLists': windowList,
  // The messages come inside the list's answer, never primed into the loaders.
  'FlaggedMessage.message': notPrimed,
  'FlaggedMessage.flags': () => ({ items: 10 }),
  'MessageFlagReport.flaggedBy': lookup,
  'ModeratedMessage.message': notPrimed,
  'Mutation.moderationReasonCreate': writes(1),
  'Mutation.moderationReasonUpdate': writes(1),
  'Mutation.moderationReasonDelete': writes(1),
  'Mutation.flaggedMessageReview': writes(1),
  'Mutation.moderatedMessageReview': writes(1),
  'ModerationReasonCreatePayload.reason': free,
  'ModerationReasonUpdatePayload.reason': free,
  'FlaggedMessageReviewPayload.message': lookup,
  'ModeratedMessageReviewPayload.message': lookup,

  // API keys: a page list and a lookup; updates and deletes find the key first (two calls) ------
  'Query.apiKeys': pagedList,
  'Query.apiKey': lookup,
  'Mutation.apiKeyCreate': writes(1),
  'Mutation.apiKeyUpdate': writes(2),
  'Mutation.apiKeyDelete': writes(2),
  'ApiKeyCreatePayload.apiKey': free,
  'ApiKeyUpdatePayload.apiKey': free,

  // Usage metrics -----------------------------------------------------------------------------
  'Query.appStats': lookup,
  'AppStats.messageBuckets': () => ({ calls: 1, items: 1000 }),

  ...NOTIFICATION_ADMIN_COST_RULES,
};
