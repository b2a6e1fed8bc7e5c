/**
 * The internal-tooling resources (RBAC, moderation, metrics, API keys, notification admin, AI agents): each registers its chat
 * routes, and the Management-API ones their routes on the management surface.
 */
import { registerAgentBuilder } from './ai-agent-builder.js';
import { registerAgentTools } from './ai-agent-tools.js';
import { registerAiAgents } from './ai-agents.js';
import { registerApiKeys } from './api-keys.js';
import type { Router } from './http.js';
import { registerModeration } from './moderation.js';
import { registerNotificationAdmin } from './notification-admin.js';
import { registerRbac } from './rbac.js';
import { registerStats } from './stats.js';

/** Registers every tooling route on the chat API and the Management API routers. */
export function registerTooling(chat: Router, management: Router): void {
  registerRbac(chat);
  registerModeration(chat, management);
  registerStats(chat);
  registerApiKeys(chat);
  registerNotificationAdmin(chat);
  registerAiAgents(chat);
  registerAgentBuilder(chat);
  registerAgentTools(chat);
}
