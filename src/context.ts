/**
 * What every resolver receives. Only authenticated requests get this far: the caller is always
 * known. An admin acts with app-level access; a user caller acts on CometChat as that user through
 * `onBehalfOf`.
 */
import type { Loaders } from './loaders/index.js';
import { createLoaders } from './loaders/index.js';
import type { Logger } from './logger.js';
import type { CallOptions, UpstreamClient } from './upstream/client.js';
import type { EventFeed } from './webhooks/feed.js';

/** How an end-user caller proved who they are. */
export type UserCredential = 'jwt' | 'auth-token' | 'act-as';

/**
 * Who is asking, decided by src/auth.ts before anything else runs. An admin acts for the app; a
 * user caller (a JWT, a CometChat auth token, or an admin token with `X-Act-As`) acts on CometChat
 * as that user through `onBehalfOf`, under every rule an end user is under.
 */
export type Caller =
  | { kind: 'admin'; tokenId: string }
  | {
      kind: 'user';
      uid: string;
      /** Absent only for callers built in process (tests, internal tools). */
      via?: UserCredential;
      /** The admin token's fingerprint, when an admin acts as this user. */
      adminTokenId?: string;
      /** When the credential expires (ms since the epoch), for long-lived WebSocket connections. */
      expiresAt?: number;
    };

export interface GatewayContext {
  caller: Caller;
  upstream: UpstreamClient;
  loaders: Loaders;
  signal: AbortSignal | undefined;
  requestId: string;
  logger: Logger;
  /** Webhook events for subscriptions; absent where the gateway has no event bus. */
  realtime?: EventFeed | undefined;
}

export interface ContextInput {
  caller: Caller;
  upstream: UpstreamClient;
  signal: AbortSignal | undefined;
  requestId: string;
  logger: Logger;
  realtime?: EventFeed | undefined;
}

/** A log label for a caller: never a token, only its fingerprint. */
export function describeCaller(caller: Caller): string {
  if (caller.kind === 'admin') return `admin:${caller.tokenId}`;
  const via = caller.via === 'act-as' ? `admin:${caller.adminTokenId}>` : '';
  return `${via}user:${caller.uid}`;
}

/** Builds the per-request context, with fresh loaders: nothing is cached across requests. */
export function createContext(input: ContextInput): GatewayContext {
  const logger = input.logger.child({
    requestId: input.requestId,
    caller: describeCaller(input.caller),
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
