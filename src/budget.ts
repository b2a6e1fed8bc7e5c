/**
 * The budget of CometChat calls per operation (`GATEWAY_MAX_UPSTREAM_CALLS`): end users get N,
 * admins 10 x N. Two guards hold it:
 *
 * - before execution, {@link useUpstreamBudget} estimates the operation's worst case
 *   (src/schema/cost.ts) and refuses it with QUERY_TOO_EXPENSIVE when it is over, so nothing is
 *   sent; the message names neither the budget nor the estimate;
 * - during execution, the request's client (`createContext` with `maxUpstreamCalls`) counts every
 *   call and refuses those past the budget, so no request can send more, whatever the estimate.
 *
 * The estimate is a pure function of the schema, the parsed document, the operation name, the
 * variables and the caller's kind, so it is remembered per document (Yoga's parse cache hands a
 * repeated query the same DocumentNode): a repeated operation with the same variables skips the
 * walk. Only variables that are plain JSON (what HTTP and WebSocket requests carry) make a key.
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
  const estimates = new EstimateCache();
  function check(args: {
    schema: Parameters<typeof estimateUpstreamCalls>[0]['schema'];
    document: Parameters<typeof estimateUpstreamCalls>[0]['document'];
    operationName?: string | null | undefined;
    variableValues?: Readonly<Record<string, unknown>> | null | undefined;
    contextValue: unknown;
  }): GraphQLError | null {
    const context = args.contextValue as GatewayContext; // the context factory's (src/context.ts)
    const budget = upstreamCallBudget(limits, context.caller);
    const estimate = estimates.estimate({
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

type EstimateArgs = Parameters<typeof estimateUpstreamCalls>[0];

/** How many variable sets (with operation name and caller kind) are remembered per document. */
const ESTIMATES_PER_DOCUMENT = 64;

// Set by `plainJson` when a value has no exact JSON form (undefined, NaN, a Date, a class...).
let notPlain = false;
function plainJson(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key]; // the value before any toJSON
  switch (typeof raw) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(raw)) notPlain = true;
      return value;
    case 'object': {
      if (raw === null || Array.isArray(raw)) return value;
      const proto = Object.getPrototypeOf(raw);
      if (proto !== Object.prototype && proto !== null) notPlain = true;
      return value;
    }
    default:
      notPlain = true;
      return value;
  }
}

/** The cache key of a variable set, or null when it is not plain JSON. */
function variablesKey(variables: EstimateArgs['variableValues']): string | null {
  if (variables == null) return '';
  notPlain = false;
  let key: string;
  try {
    key = JSON.stringify(variables, plainJson);
  } catch {
    return null; // a cycle or a BigInt
  }
  return notPlain ? null : key;
}

/** Estimates remembered per schema and document (both held weakly). */
class EstimateCache {
  private readonly bySchema = new WeakMap<
    EstimateArgs['schema'],
    WeakMap<EstimateArgs['document'], Map<string, number>>
  >();

  estimate(args: EstimateArgs): number {
    const variables = variablesKey(args.variableValues);
    if (variables === null) return estimateUpstreamCalls(args);
    let byDocument = this.bySchema.get(args.schema);
    if (!byDocument) {
      byDocument = new WeakMap();
      this.bySchema.set(args.schema, byDocument);
    }
    let known = byDocument.get(args.document);
    if (!known) {
      known = new Map();
      byDocument.set(args.document, known);
    }
    const key = `${args.caller}\u0000${args.operationName ?? ''}\u0000${variables}`;
    const remembered = known.get(key);
    if (remembered !== undefined) return remembered;
    const estimate = estimateUpstreamCalls(args);
    if (known.size >= ESTIMATES_PER_DOCUMENT) known.clear();
    known.set(key, estimate);
    return estimate;
  }
}
