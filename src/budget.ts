/**
 * The budget of CometChat calls per operation (`GATEWAY_MAX_UPSTREAM_CALLS`): end users get N,
 * admins 10 x N. Two guards hold it:
 *
 * - before execution, {@link useUpstreamBudget} estimates the operation's worst case
 *   (src/schema/cost.ts) and refuses it with QUERY_TOO_EXPENSIVE when it is over, so nothing is
 *   sent; the message names neither the budget nor the estimate;
 * - during execution, the request's client (`createContext` with `maxUpstreamCalls`) counts every
 *   call and refuses those past the budget, so no request can send more, whatever the estimate.
 */
import type { GraphQLError } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import type { UpstreamCallLimits } from './config.js';
import type { Caller, GatewayContext } from './context.js';
import { queryTooExpensive } from './errors.js';
import { estimateUpstreamCalls } from './schema/cost.js';

/** The budget of CometChat calls for one operation of `caller`. */
export function upstreamCallBudget(limits: UpstreamCallLimits, caller: Caller): number {
  return caller.kind === 'user' ? limits.user : limits.admin;
}

/**
 * Refuses, after validation and before execution (HTTP, SSE and graphql-ws alike), every
 * operation whose worst case needs more CometChat calls than its caller's budget.
 */
export function useUpstreamBudget(limits: UpstreamCallLimits): Plugin {
  function check(args: {
    schema: Parameters<typeof estimateUpstreamCalls>[0]['schema'];
    document: Parameters<typeof estimateUpstreamCalls>[0]['document'];
    operationName?: string | null | undefined;
    variableValues?: Readonly<Record<string, unknown>> | null | undefined;
    contextValue: unknown;
  }): GraphQLError | null {
    const context = args.contextValue as GatewayContext; // the context factory's (src/context.ts)
    const budget = upstreamCallBudget(limits, context.caller);
    const estimate = estimateUpstreamCalls({
      schema: args.schema,
      document: args.document,
      operationName: args.operationName,
      variableValues: args.variableValues,
      caller: context.caller.kind,
    });
    if (estimate <= budget) return null;
    context.logger.info({ estimate, budget }, 'operation refused: over the upstream-call budget');
    return queryTooExpensive();
  }
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = check(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = check(args);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
