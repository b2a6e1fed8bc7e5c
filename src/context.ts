/**
 * What every resolver receives. Only authenticated requests get this far: the caller is always
 * known. An admin acts with app-level access; a user caller (end-user tokens, a later addition)
 * acts on CometChat as that user through `onBehalfOf`.
 */
import type { Loaders } from './loaders/index.js';
import { createLoaders } from './loaders/index.js';
import type { Logger } from './logger.js';
import type { CallOptions, UpstreamClient } from './upstream/client.js';

export type Caller = { kind: 'admin'; tokenId: string } | { kind: 'user'; uid: string };

export interface GatewayContext {
  caller: Caller;
  upstream: UpstreamClient;
  loaders: Loaders;
  signal: AbortSignal | undefined;
  requestId: string;
  logger: Logger;
}

export interface ContextInput {
  caller: Caller;
  upstream: UpstreamClient;
  signal: AbortSignal | undefined;
  requestId: string;
  logger: Logger;
}

/** Builds the per-request context, with fresh loaders: nothing is cached across requests. */
export function createContext(input: ContextInput): GatewayContext {
  const logger = input.logger.child({
    requestId: input.requestId,
    caller:
      input.caller.kind === 'admin' ? `admin:${input.caller.tokenId}` : `user:${input.caller.uid}`,
  });
  return {
    ...input,
    logger,
    loaders: createLoaders(input.upstream, input.caller, input.signal),
  };
}

/** The upstream call options for a caller: app-level for admins, on behalf of the user otherwise. */
export function callOptionsFor(caller: Caller, signal: AbortSignal | undefined): CallOptions {
  return caller.kind === 'user' ? { onBehalfOf: caller.uid, signal } : { signal };
}

/** Shorthand for resolvers: `listUsers(ctx.upstream, query, upstreamOptions(ctx))`. */
export function upstreamOptions(context: GatewayContext): CallOptions {
  return callOptionsFor(context.caller, context.signal);
}
