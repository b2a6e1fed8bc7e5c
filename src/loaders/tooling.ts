/**
 * Reads of the internal-tooling resources (RBAC, moderation, metrics, API keys, AI agents and
 * the Agent Builder's knowledge base and variables, notification providers, settings and logs). They are admin
 * resources read as the app: each read takes the app view, so its calls carry the view's options
 * (its abort signal, never an `onBehalfOf`). Nothing is cached across fields: these lists are
 * small and read once per field.
 */

import {
  type CustomVariableRecord,
  getKnowledgeText,
  type KnowledgeSourceRecord,
  type KnowledgeTextRecord,
  listCustomVariables,
  listKnowledgeSources,
} from '../upstream/ai-agent-builder.js';
import {
  type ApiToolRecord,
  apiTools,
  type FrontendActionRecord,
  frontendActions,
  type McpServerRecord,
  mcpServers,
} from '../upstream/ai-agent-tools.js';
import {
  type AiAgentRecord,
  type ByoAgentRecord,
  getAiAgent,
  type IntegrationMeta,
  listAiAgents,
  listByoAgents,
  readByoIntegrationMeta,
} from '../upstream/ai-agents.js';
import {
  type ApiKeyListQuery,
  type ApiKeyRecord,
  getApiKey,
  listApiKeys,
} from '../upstream/api-keys.js';
import type { UpstreamClient } from '../upstream/client.js';
import { isUpstreamError } from '../upstream/errors.js';
import {
  type BlockedMessageRecord,
  type FlaggedMessageRecord,
  getModerationReason,
  type KeywordListRecord,
  listBlockedMessages,
  listFlaggedMessages,
  listKeywordLists,
  listModerationReasons,
  listModerationRules,
  listReviewedMessages,
  type ModerationReasonRecord,
  type ModerationRuleRecord,
} from '../upstream/moderation.js';
import {
  type ApnsProviderRecord,
  type CustomProviderChannel,
  type CustomProviderRecord,
  type FcmProviderRecord,
  getCustomProvider,
  getNotificationSettings,
  getSendGridProvider,
  getTwilioProvider,
  listApnsProviders,
  listFcmProviders,
  listNotificationLogs,
  type NotificationLogPage,
  type NotificationLogQuery,
  type NotificationSettingsRecord,
  type SendGridProviderRecord,
  type TwilioProviderRecord,
} from '../upstream/notification-admin.js';
import {
  listRestrictedFeatures,
  listRolePermissions,
  listScopePermissions,
  type PermissionRecord,
  type RestrictedFeatureRecord,
  type ScopeName,
} from '../upstream/rbac.js';
import type { Page } from '../upstream/records.js';
import {
  type AppStatsRecord,
  getAppStats,
  getMessageStats,
  type MessageBucketRecord,
} from '../upstream/stats.js';
import type { AppView } from './view.js';

/** CometChat documents 28 role permissions; one page of 100 holds every one. */
const PERMISSIONS_PAGE = 100;

/**
 * CometChat's moderation lists have no documented page parameter: the gateway reads the first
 * this many items of each and pages within them.
 */
export const MODERATION_WINDOW = 100;

/** The tooling reads of one request, as the app. */
export interface ToolingReads {
  /** `GET /stats` for a period (epoch seconds). */
  appStats(fromDate: number, toDate: number): Promise<AppStatsRecord>;
  /** `GET /stats/messages`: the 5-minute message buckets CometChat reports. */
  messageStats(): Promise<MessageBucketRecord[]>;
  /** `GET /moderation/reasons`, the first {@link MODERATION_WINDOW}. */
  moderationReasons(): Promise<ModerationReasonRecord[]>;
  /** `GET /moderation/reasons/{id}`; null when there is no such reason. */
  moderationReason(id: string): Promise<ModerationReasonRecord | null>;
  /** `GET /moderation/flagged-messages`, the first {@link MODERATION_WINDOW}. */
  flaggedMessages(): Promise<FlaggedMessageRecord[]>;
  /** `GET /moderation/blocked-messages`, the first {@link MODERATION_WINDOW}. */
  blockedMessages(): Promise<BlockedMessageRecord[]>;
  /** `GET /moderation/reviewed-messages`, the first {@link MODERATION_WINDOW}. */
  reviewedMessages(): Promise<BlockedMessageRecord[]>;
  /** `GET /apps/{appId}/moderation/rules` (Management API). */
  moderationRules(): Promise<ModerationRuleRecord[]>;
  /** `GET /apps/{appId}/moderation/keywords` (Management API). */
  keywordLists(): Promise<KeywordListRecord[]>;
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
  /** `GET /apikeys`, one page (optionally by scope, or a part of the name). */
  apiKeys(query: ApiKeyListQuery): Promise<Page<ApiKeyRecord>>;
  /** `GET /apikeys/{apiKey}`; null when there is no such key. */
  apiKey(value: string): Promise<ApiKeyRecord | null>;
  /** `GET /ai-agents/agent-builder/agents`, the first window of them. */
  aiAgents(): Promise<AiAgentRecord[]>;
  /** `GET /ai-agents/agent-builder/agents/{uid}` (fails with not found when there is none). */
  aiAgent(uid: string): Promise<AiAgentRecord>;
  /** `GET /ai-agents/agents`: the bring-your-own agent registrations. */
  byoAgents(): Promise<ByoAgentRecord[]>;
  /**
   * `GET /ai-agents/agents`, the whole `integrationMeta` of `uid` (credentials included: for an
   * update to send back, never to show); null when there is no such agent.
   */
  byoIntegrationMeta(uid: string): Promise<IntegrationMeta | null>;
  /** `GET /ai-agents/agent-builder/knowledge-base`, the newest window of sources. */
  knowledgeSources(): Promise<KnowledgeSourceRecord[]>;
  /** `GET /ai-agents/agent-builder/knowledge-base/text/{uniqueId}` (not found when there is none). */
  knowledgeText(uniqueId: string): Promise<KnowledgeTextRecord>;
  /** `GET /ai-agents/agent-builder/agents/variables/custom`: every custom variable. */
  customVariables(): Promise<CustomVariableRecord[]>;
  /** `GET /ai-agents/agent-builder/api-tools`, the newest window of them. */
  apiTools(): Promise<ApiToolRecord[]>;
  /** `GET /ai-agents/agent-builder/api-tools/{slug}` (not found when there is none). */
  apiTool(slug: string): Promise<ApiToolRecord>;
  /** `GET /ai-agents/agent-builder/mcp-servers`, the newest window of them. */
  mcpServers(): Promise<McpServerRecord[]>;
  /** `GET /ai-agents/agent-builder/mcp-servers/{slug}` (not found when there is none). */
  mcpServer(slug: string): Promise<McpServerRecord>;
  /** `GET /ai-agents/agent-builder/frontend-actions`, the newest window of them. */
  frontendActions(): Promise<FrontendActionRecord[]>;
  /** `GET /ai-agents/agent-builder/frontend-actions/{id}` (not found when there is none). */
  frontendAction(id: string): Promise<FrontendActionRecord>;
  /** `GET /notifications/push/v1/providers/fcm`. */
  fcmProviders(): Promise<FcmProviderRecord[]>;
  /** `GET /notifications/push/v1/providers/apns`. */
  apnsProviders(): Promise<ApnsProviderRecord[]>;
  /** `GET /notifications/{push|sms|email}/v1/providers/custom`. */
  customProvider(channel: CustomProviderChannel): Promise<CustomProviderRecord>;
  /** `GET /notifications/sms/v1/providers/twilio`. */
  twilioProvider(): Promise<TwilioProviderRecord>;
  /** `GET /notifications/email/v1/providers/sendgrid`. */
  sendGridProvider(): Promise<SendGridProviderRecord>;
  /** `GET /notifications/v1/settings`. */
  notificationSettings(): Promise<NotificationSettingsRecord>;
  /** `GET /notifications/v1/logs`, one page. */
  notificationLogs(query: NotificationLogQuery): Promise<NotificationLogPage>;
}

/** The tooling reads of `view` (the app view) through the request's `upstream` client. */
export function toolingReads(upstream: UpstreamClient, view: AppView): ToolingReads {
  const options = view.options;
  const window = { limit: MODERATION_WINDOW };
  return {
    appStats(fromDate, toDate) {
      return getAppStats(upstream, { fromDate, toDate }, options);
    },
    messageStats() {
      return getMessageStats(upstream, options);
    },
    async moderationReasons() {
      return (await listModerationReasons(upstream, window, options)).items;
    },
    async moderationReason(id) {
      try {
        return await getModerationReason(upstream, id, options);
      } catch (error) {
        if (isUpstreamError(error) && error.kind === 'not_found') return null;
        throw error;
      }
    },
    async flaggedMessages() {
      return (await listFlaggedMessages(upstream, window, options)).items;
    },
    async blockedMessages() {
      return (await listBlockedMessages(upstream, window, options)).items;
    },
    async reviewedMessages() {
      return (await listReviewedMessages(upstream, window, options)).items;
    },
    async moderationRules() {
      return (await listModerationRules(upstream, window, options)).items;
    },
    async keywordLists() {
      return (await listKeywordLists(upstream, window, options)).items;
    },
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
    apiKeys(query) {
      return listApiKeys(upstream, query, options);
    },
    async apiKey(value) {
      try {
        return await getApiKey(upstream, value, options);
      } catch (error) {
        if (isUpstreamError(error) && error.kind === 'not_found') return null;
        throw error;
      }
    },
    aiAgents: () => listAiAgents(upstream, options),
    aiAgent: (uid) => getAiAgent(upstream, uid, options),
    byoAgents: () => listByoAgents(upstream, options),
    byoIntegrationMeta: (uid) => readByoIntegrationMeta(upstream, uid, options),
    knowledgeSources: () => listKnowledgeSources(upstream, options),
    knowledgeText: (uniqueId) => getKnowledgeText(upstream, uniqueId, options),
    customVariables: () => listCustomVariables(upstream, options),
    apiTools: () => apiTools.list(upstream, options),
    apiTool: (slug) => apiTools.get(upstream, slug, options),
    mcpServers: () => mcpServers.list(upstream, options),
    mcpServer: (slug) => mcpServers.get(upstream, slug, options),
    frontendActions: () => frontendActions.list(upstream, options),
    frontendAction: (id) => frontendActions.get(upstream, id, options),
    fcmProviders: () => listFcmProviders(upstream, options),
    apnsProviders: () => listApnsProviders(upstream, options),
    customProvider: (channel) => getCustomProvider(upstream, channel, options),
    twilioProvider: () => getTwilioProvider(upstream, options),
    sendGridProvider: () => getSendGridProvider(upstream, options),
    notificationSettings: () => getNotificationSettings(upstream, options),
    notificationLogs: (query) => listNotificationLogs(upstream, query, options),
  };
}
