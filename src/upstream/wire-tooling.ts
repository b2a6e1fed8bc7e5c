/**
 * Endpoints of the internal-tooling resources (RBAC, moderation, metrics) that the pinned 2023
 * spec lacks, with where they are documented (see docs/cometchat-tooling-endpoints.md). Listed
 * in `HAND_ADDED_ENDPOINTS`.
 */
import { NOTIFICATION_ADMIN_ENDPOINTS } from './notification-admin.js';
import type { EndpointRef } from './wire-extra.js';

const RBAC = 'docs/cometchat-tooling-endpoints.md (RBAC); FACTS.md 7.8';
const MODERATION = 'docs/cometchat-tooling-endpoints.md (Moderation); FACTS.md 7.10';
const RULE_WRITES =
  'docs/cometchat-tooling-endpoints.md (Rule and keyword-list writes); management-apis/moderation pages';
const AI_AGENTS = 'docs/cometchat-tooling-endpoints.md (AI agents); ai-agents-apis pages';
const METRICS = 'docs/cometchat-tooling-endpoints.md (Usage metrics); FACTS.md 7.10';
export const TOOLING_ENDPOINTS: readonly EndpointRef[] = [
  // The notification admin endpoints are listed beside their calls.
  ...NOTIFICATION_ADMIN_ENDPOINTS,
  { method: 'GET', path: '/roles/{role}/permissions', source: RBAC },
  { method: 'PUT', path: '/roles/{role}/permissions', source: RBAC },
  { method: 'DELETE', path: '/roles/{role}/permissions/{permission}', source: RBAC },
  { method: 'GET', path: '/groups/{guid}/scopes/{scope}/permissions', source: RBAC },
  { method: 'PUT', path: '/groups/{guid}/scopes/{scope}/permissions', source: RBAC },
  {
    method: 'DELETE',
    path: '/groups/{guid}/scopes/{scope}/permissions/{permission}',
    source: RBAC,
  },
  { method: 'GET', path: '/moderation/reasons', source: MODERATION },
  { method: 'POST', path: '/moderation/reasons', source: MODERATION },
  { method: 'GET', path: '/moderation/reasons/{id}', source: MODERATION },
  { method: 'PUT', path: '/moderation/reasons/{id}', source: MODERATION },
  { method: 'DELETE', path: '/moderation/reasons/{id}', source: MODERATION },
  { method: 'GET', path: '/moderation/flagged-messages', source: MODERATION },
  { method: 'PATCH', path: '/moderation/flagged-messages/{id}', source: MODERATION },
  { method: 'GET', path: '/moderation/blocked-messages', source: MODERATION },
  { method: 'PATCH', path: '/moderation/blocked-messages/{id}', source: MODERATION },
  { method: 'GET', path: '/moderation/reviewed-messages', source: MODERATION },
  { method: 'GET', path: '/apps/{appId}/moderation/rules', source: MODERATION },
  { method: 'GET', path: '/apps/{appId}/moderation/keywords', source: MODERATION },
  { method: 'POST', path: '/apps/{appId}/moderation/rules', source: RULE_WRITES },
  { method: 'PUT', path: '/apps/{appId}/moderation/rules/{ruleId}', source: RULE_WRITES },
  { method: 'DELETE', path: '/apps/{appId}/moderation/rules/{ruleId}', source: RULE_WRITES },
  { method: 'POST', path: '/apps/{appId}/moderation/keywords', source: RULE_WRITES },
  { method: 'PUT', path: '/apps/{appId}/moderation/keywords/{keywordId}', source: RULE_WRITES },
  { method: 'DELETE', path: '/apps/{appId}/moderation/keywords/{keywordId}', source: RULE_WRITES },
  { method: 'GET', path: '/ai-agents/agent-builder/agents', source: AI_AGENTS },
  { method: 'POST', path: '/ai-agents/agent-builder/agents', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agent-builder/agents/{uid}', source: AI_AGENTS },
  { method: 'PATCH', path: '/ai-agents/agent-builder/agents/{uid}', source: AI_AGENTS },
  { method: 'DELETE', path: '/ai-agents/agent-builder/agents/{uid}', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agents', source: AI_AGENTS },
  { method: 'POST', path: '/ai-agents/agents', source: AI_AGENTS },
  { method: 'PATCH', path: '/ai-agents/agents/{uid}', source: AI_AGENTS },
  { method: 'DELETE', path: '/ai-agents/agents/{uid}', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agent-builder/knowledge-base', source: AI_AGENTS },
  { method: 'POST', path: '/ai-agents/agent-builder/knowledge-base/text', source: AI_AGENTS },
  {
    method: 'GET',
    path: '/ai-agents/agent-builder/knowledge-base/text/{uniqueId}',
    source: AI_AGENTS,
  },
  {
    method: 'PATCH',
    path: '/ai-agents/agent-builder/knowledge-base/text/{uniqueId}',
    source: AI_AGENTS,
  },
  {
    method: 'DELETE',
    path: '/ai-agents/agent-builder/knowledge-base/text/{uniqueId}',
    source: AI_AGENTS,
  },
  {
    method: 'PATCH',
    path: '/ai-agents/agent-builder/agents/{uid}/knowledge-base/{sourceType}/add',
    source: AI_AGENTS,
  },
  {
    method: 'PATCH',
    path: '/ai-agents/agent-builder/agents/{uid}/knowledge-base/{sourceType}/remove',
    source: AI_AGENTS,
  },
  { method: 'GET', path: '/ai-agents/agent-builder/agents/variables/custom', source: AI_AGENTS },
  { method: 'POST', path: '/ai-agents/agent-builder/agents/variables/custom', source: AI_AGENTS },
  {
    method: 'PATCH',
    path: '/ai-agents/agent-builder/agents/variables/custom/{variableId}',
    source: AI_AGENTS,
  },
  { method: 'GET', path: '/ai-agents/agent-builder/api-tools', source: AI_AGENTS },
  { method: 'POST', path: '/ai-agents/agent-builder/api-tools', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agent-builder/api-tools/{slug}', source: AI_AGENTS },
  { method: 'PATCH', path: '/ai-agents/agent-builder/api-tools/{slug}', source: AI_AGENTS },
  { method: 'DELETE', path: '/ai-agents/agent-builder/api-tools/{slug}', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agent-builder/mcp-servers', source: AI_AGENTS },
  { method: 'POST', path: '/ai-agents/agent-builder/mcp-servers', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agent-builder/mcp-servers/{slug}', source: AI_AGENTS },
  { method: 'PATCH', path: '/ai-agents/agent-builder/mcp-servers/{slug}', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agent-builder/frontend-actions', source: AI_AGENTS },
  { method: 'POST', path: '/ai-agents/agent-builder/frontend-actions', source: AI_AGENTS },
  { method: 'GET', path: '/ai-agents/agent-builder/frontend-actions/{id}', source: AI_AGENTS },
  { method: 'PATCH', path: '/ai-agents/agent-builder/frontend-actions/{id}', source: AI_AGENTS },
  { method: 'DELETE', path: '/ai-agents/agent-builder/frontend-actions/{id}', source: AI_AGENTS },
  { method: 'GET', path: '/stats', source: METRICS },
  { method: 'GET', path: '/stats/messages', source: METRICS },
];
