/**
 * What the internal-tooling fields (RBAC, moderation, metrics, API keys) cost in CometChat calls,
 * merged into `COST_RULES` (see src/schema/cost.ts for the rules' meaning).
 */
import type { CostRule, FieldEnv } from './cost.js';
import { NOTIFICATION_ADMIN_COST_RULES } from './cost-notification-admin.js';

/** The page size of a connection as `cost.ts` reads it (20 by default, at most 100). */
function page(args: Record<string, unknown>): number | null {
  const first = args.first ?? null;
  if (first === null) return 20;
  return typeof first === 'number' && Number.isInteger(first) && first >= 0 && first <= 100
    ? first
    : null;
}

/** A connection over a page list: one call, two when read after a cursor. */
const pagedList: CostRule = ({ args }) => {
  const size = page(args);
  if (size === null) return { refused: true };
  return { calls: args.after == null ? 1 : 2, page: size };
};

/** A connection over one list call, paged in memory (both ways). */
const windowList: CostRule = ({ args }) => {
  const size = page(args);
  const last = args.last ?? null;
  if (size === null) return { refused: true };
  if (
    last !== null &&
    !(typeof last === 'number' && Number.isInteger(last) && last >= 0 && last <= 100)
  ) {
    return { refused: true };
  }
  return { calls: 1, page: Math.max(size, typeof last === 'number' ? last : 0) };
};

/** Objects that came inside an answer and were never primed: their relations cost lookups. */
const notPrimed: CostRule = () => ({ origin: 'notPrimed' });

/** One call per resolution. */
const lookup: CostRule = () => ({ calls: 1 });
/** A list of objects from one call, at most `items` of them. */
function listCall(items: number): CostRule {
  return () => ({ calls: 1, items });
}
/** No call. */
const free: CostRule = () => ({});
/** A role by key (the roles loader: one `GET /roles` for every role). */
const roleLoad: CostRule = () => ({ roleLoads: 1 });
/** A mutation's own calls. */
function writes(calls: number): CostRule {
  return () => ({ calls });
}

function inputList(env: FieldEnv, field: string, max: number): number {
  const input = env.rootArgs.input;
  const value =
    typeof input === 'object' && input !== null
      ? (input as Record<string, unknown>)[field] // a mutation's input object
      : undefined;
  return Array.isArray(value) ? Math.min(new Set(value.map(String)).size, max) : 0;
}

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
    items: inputList(env, 'features', 50),
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
