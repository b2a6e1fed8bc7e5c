/**
 * What the AI agent fields and the moderation rule and keyword-list writes cost in CometChat
 * calls, merged into `COST_RULES` (see src/schema/cost.ts for the rules' meaning).
 */
import type { CostRule } from './cost.js';

/** One list call, paged in memory (at most 100 items a page). */
const windowList: CostRule = ({ args }) => {
  const first = args.first ?? null;
  const last = args.last ?? null;
  const size = (v: unknown) =>
    v === null ? 0 : typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100 ? v : -1;
  if (size(first) < 0 || size(last) < 0) return { refused: true };
  return {
    calls: 1,
    page: Math.max(first === null && last === null ? 20 : 0, size(first), size(last)),
  };
};
const lookup: CostRule = () => ({ calls: 1 });
const free: CostRule = () => ({});
function writes(calls: number): CostRule {
  return () => ({ calls });
}

export const AI_AGENT_COST_RULES: Readonly<Record<string, CostRule>> = {
  'Query.aiAgents': windowList,
  'Query.aiAgent': lookup,
  'Query.byoAiAgents': windowList,
  'Query.byoAiAgent': lookup,
  'Mutation.aiAgentCreate': writes(1),
  'Mutation.aiAgentUpdate': writes(1),
  'Mutation.aiAgentDelete': writes(1),
  'Mutation.byoAiAgentCreate': writes(1),
  'Mutation.byoAiAgentUpdate': writes(2),
  'Mutation.byoAiAgentDelete': writes(1),
  'AiAgentCreatePayload.aiAgent': free,
  'AiAgentUpdatePayload.aiAgent': lookup,
  'ByoAiAgentCreatePayload.byoAiAgent': free,
  'ByoAiAgentUpdatePayload.byoAiAgent': lookup,
  'Query.aiKnowledgeSources': windowList,
  'Query.aiKnowledgeText': lookup,
  'Query.aiAgentVariables': windowList,
  'AiKnowledgeSource.textEntry': lookup,
  'Mutation.aiKnowledgeTextCreate': writes(1),
  'Mutation.aiKnowledgeTextUpdate': writes(1),
  'Mutation.aiKnowledgeTextDelete': writes(1),
  'Mutation.aiAgentKnowledgeAttach': writes(2),
  'Mutation.aiAgentKnowledgeDetach': writes(2),
  'Mutation.aiAgentVariableCreate': writes(1),
  'Mutation.aiAgentVariableUpdate': writes(1),
  'AiKnowledgeTextCreatePayload.aiKnowledgeText': lookup,
  'AiKnowledgeTextUpdatePayload.aiKnowledgeText': lookup,
  'AiAgentKnowledgeAttachPayload.aiAgent': lookup,
  'AiAgentKnowledgeDetachPayload.aiAgent': lookup,
  'AiAgentVariableCreatePayload.aiAgentVariable': free,
  'AiAgentVariableUpdatePayload.aiAgentVariable': free,
  'Query.aiApiTools': windowList,
  'Query.aiApiTool': lookup,
  'Query.aiMcpServers': windowList,
  'Query.aiMcpServer': lookup,
  'Query.aiFrontendActions': windowList,
  'Query.aiFrontendAction': lookup,
  'AiApiTool.parameters': () => ({ items: 0 }),
  'AiFrontendAction.parameters': () => ({ items: 0 }),
  'Mutation.aiApiToolCreate': writes(1),
  'Mutation.aiApiToolUpdate': writes(1),
  'Mutation.aiApiToolDelete': writes(1),
  'Mutation.aiMcpServerCreate': writes(1),
  'Mutation.aiMcpServerUpdate': writes(1),
  'Mutation.aiFrontendActionCreate': writes(1),
  'Mutation.aiFrontendActionUpdate': writes(1),
  'Mutation.aiFrontendActionDelete': writes(1),
  'AiApiToolCreatePayload.aiApiTool': free,
  'AiApiToolUpdatePayload.aiApiTool': free,
  'AiMcpServerCreatePayload.aiMcpServer': free,
  'AiMcpServerUpdatePayload.aiMcpServer': free,
  'AiFrontendActionCreatePayload.aiFrontendAction': free,
  'AiFrontendActionUpdatePayload.aiFrontendAction': free,

  'Mutation.moderationRuleCreate': writes(1),
  'Mutation.moderationRuleUpdate': writes(1),
  'Mutation.moderationRuleDelete': writes(1),
  'Mutation.moderationKeywordListCreate': writes(1),
  'Mutation.moderationKeywordListUpdate': writes(1),
  'Mutation.moderationKeywordListDelete': writes(1),
  'ModerationRuleCreatePayload.moderationRule': free,
  'ModerationRuleUpdatePayload.moderationRule': free,
  'ModerationKeywordListCreatePayload.moderationKeywordList': free,
  'ModerationKeywordListUpdatePayload.moderationKeywordList': free,
};
