/**
 * What every resolver receives. Only authenticated requests get this far: the caller is always
 * known. Reads go through the request's read layer: `view(perspective)` is one perspective's view
 * (the app's, or a user's), whose upstream calls all carry that perspective as `onBehalfOf`.
 */
import { upstreamCallBudgetSpent } from './errors.js';
import type { DataImports } from './imports/service.js';
import { createReadLayer, type ReadLayer, type ViewOf } from './loaders/index.js';
import type { Logger } from './logger.js';
import type { UpstreamClient } from './upstream/client.js';
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
  /** The request's read layer: its views, who may read in which, and emptying after writes. */
  reads: ReadLayer;
  /**
   * The request's view of a perspective: null for the app, a uid for that user, the caller's own
   * when omitted (the app for an admin, themselves for a user caller). A user caller asking for
   * any other is FORBIDDEN.
   */
  view: ViewOf;
  signal: AbortSignal | undefined;
  requestId: string;
  logger: Logger;
  /** Webhook events for subscriptions; absent where the gateway has no event bus. */
  realtime?: EventFeed | undefined;
  /** Data import jobs; absent where the gateway runs none (contexts built in process). */
  dataImports?: DataImports | undefined;
  /** API key writes allowed (`GATEWAY_ALLOW_KEY_MANAGEMENT`); off when absent. */
  allowKeyManagement?: boolean | undefined;
}

export interface ContextInput {
  caller: Caller;
  upstream: UpstreamClient;
  signal: AbortSignal | undefined;
  requestId: string;
  logger: Logger;
  /**
   * The most CometChat calls this request may make (see src/budget.ts); calls past it fail with
   * QUERY_TOO_EXPENSIVE and are not sent. Unlimited when absent.
   */
  maxUpstreamCalls?: number | undefined;
  /** Webhook events for subscriptions; absent where the gateway has no event bus. */
  realtime?: EventFeed | undefined;
  /** Data import jobs; absent where the gateway runs none. */
  dataImports?: DataImports | undefined;
  /** API key writes allowed (`GATEWAY_ALLOW_KEY_MANAGEMENT`); off when absent. */
  allowKeyManagement?: boolean | undefined;
}

/** A log label for a caller: never a token, only its fingerprint. */
export function describeCaller(caller: Caller): string {
  if (caller.kind === 'admin') return `admin:${caller.tokenId}`;
  const via = caller.via === 'act-as' ? `admin:${caller.adminTokenId}>` : '';
  return `${via}user:${caller.uid}`;
}

/** What every context holds besides its logger: the fields `createContext` and `buildContextOn` share. */
function contextFields(input: ContextInput): Omit<GatewayContext, 'logger'> {
  const { maxUpstreamCalls, logger: _logger, ...rest } = input;
  const upstream =
    maxUpstreamCalls === undefined
      ? input.upstream
      : input.upstream.forRequest({
          maxCalls: maxUpstreamCalls,
          exceeded: upstreamCallBudgetSpent,
        });
  const reads = createReadLayer({ caller: input.caller, upstream, signal: input.signal });
  return { ...rest, upstream, reads, view: reads.view };
}

function childLogger(logger: Logger, requestId: string, caller: Caller): Logger {
  return logger.child({ requestId, caller: describeCaller(caller) });
}

/**
 * Builds the per-request context, with a fresh read layer (only the opt-in read cache of the
 * upstream client keeps answers across requests). The
 * context's client (and every view over it) is a request-scoped client that counts its calls.
 */
export function createContext(input: ContextInput): GatewayContext {
  const fields = contextFields(input);
  return { ...fields, logger: childLogger(input.logger, input.requestId, input.caller) };
}

const BASE_LOGGER = Symbol('base logger');
const LOGGER = Symbol('logger');

interface LazyLoggerHost {
  requestId: string;
  caller: Caller;
  [BASE_LOGGER]: Logger;
  [LOGGER]?: Logger;
}

/** `logger` made on first use (one descriptor for all contexts: no closure per request). */
const LAZY_LOGGER: PropertyDescriptor = {
  get(this: LazyLoggerHost): Logger {
    let logger = this[LOGGER];
    if (logger === undefined) {
      logger = childLogger(this[BASE_LOGGER], this.requestId, this.caller);
      this[LOGGER] = logger;
    }
    return logger;
  },
  set(this: LazyLoggerHost, logger: Logger) {
    this[LOGGER] = logger;
  },
  enumerable: false,
  configurable: true,
};

/**
 * `createContext` on `host` (the context object Yoga already made for the request), which is
 * returned. The request's child logger (request id and caller) is made when something first
 * logs through it, not for every request: a long-lived subscription seldom logs. `logger` is
 * not enumerable, so Yoga's merge of the returned context into itself does not make it.
 */
export function buildContextOn<T extends object>(host: T, input: ContextInput): T & GatewayContext {
  const context = Object.assign(host, contextFields(input)) as T &
    Omit<GatewayContext, 'logger'> &
    LazyLoggerHost;
  context[BASE_LOGGER] = input.logger;
  Object.defineProperty(context, 'logger', LAZY_LOGGER);
  return context as unknown as T & GatewayContext;
}

/**
 * Starts a long-lived request's next unit of work afresh (a subscription's next event): a new
 * call budget of the same size, so each event's checks and enrichment are counted on their own
 * as one operation's are, and fresh views over it, so nothing read for an earlier event is served.
 */
export function renewForEvent(context: GatewayContext): void {
  const budget = context.upstream.callBudget;
  if (budget !== null) {
    context.upstream = context.upstream.forRequest({
      maxCalls: budget.maxCalls,
      exceeded: upstreamCallBudgetSpent,
    });
  }
  context.reads.restart(context.upstream);
}
