/**
 * Per-request observability: enters the request scope for every HTTP request (request id, trace
 * id, operation, caller kind, upstream calls), writes one access line per request when it is
 * answered, and feeds finished CometChat calls to the metrics, the request's count, the trace and,
 * when they failed, a log line of the request.
 *
 * The access line carries the request id, method, path (never the query string), HTTP status,
 * duration, operation name and type, upstream calls and the caller's kind; never a token, the
 * Authorization value or a variable.
 */
import { getOperationAST } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from './logger.js';
import type { GatewayMetrics } from './metrics.js';
import {
  createRequestScope,
  currentScope,
  type RequestScope,
  requestLogger,
  runInScope,
} from './request-scope.js';
import { recordUpstreamSpan, type Tracing } from './tracing.js';
import type { UpstreamCallEvent, UpstreamLogger } from './upstream/client.js';

/** Paths answered often and uninterestingly: their access lines are at debug level. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);
const MAX_LOGGED = 100;
const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** What the context factory's result tells the access line (read defensively: any context). */
interface ContextView {
  caller?: { kind?: unknown };
  logger?: Logger;
}

export interface Observability {
  /** The Yoga plugin (first in the list, so the scope wraps every other plugin). */
  plugin: Plugin;
  /** For `UpstreamClient.onCall`. */
  onUpstreamCall(event: UpstreamCallEvent): void;
  /** An upstream-client logger whose lines carry the request id of the request they serve. */
  upstreamLogger: UpstreamLogger;
  /** The current request's logger, or `fallback` outside a request. */
  logger(fallback: Logger): Logger;
}

export interface ObservabilityOptions {
  logger: Logger;
  metrics: GatewayMetrics;
  /** Resolved once tracing has started; null when tracing is off. */
  tracing: () => Tracing | null;
}

function loggedName(name: string | null | undefined): string | undefined {
  return name && name.length <= MAX_LOGGED && NAME.test(name) ? name : undefined;
}

export function createObservability(options: ObservabilityOptions): Observability {
  const { logger, metrics } = options;
  const scopes = new WeakMap<Request, RequestScope>();
  const upstreamBase = logger.child({ component: 'upstream' });
  const upstreamLoggerFor = (level: 'debug' | 'warn' | 'error'): Logger | null => {
    if (!upstreamBase.isLevelEnabled(level)) return null;
    const scope = currentScope();
    return scope ? requestLogger(scope).child({ component: 'upstream' }) : upstreamBase;
  };

  function accessLine(scope: RequestScope, request: Request, response: Response): void {
    let path: string;
    try {
      path = new URL(request.url).pathname.slice(0, 200);
    } catch {
      path = '?';
    }
    const level = QUIET_PATHS.has(path) ? 'debug' : 'info';
    const log = requestLogger(scope);
    if (!log.isLevelEnabled(level)) return;
    log[level](
      {
        method: request.method,
        path,
        status: response.status,
        durationMs: Math.round((performance.now() - scope.startedAt) * 10) / 10,
        ...(scope.operationType ? { operationType: scope.operationType } : {}),
        ...(scope.operationName ? { operationName: scope.operationName } : {}),
        upstreamCalls: scope.upstreamCalls,
        callerKind: scope.callerKind,
      },
      'request',
    );
  }

  const plugin: Plugin = {
    instrumentation: {
      request({ request }, wrapped) {
        const scope = createRequestScope(request, logger);
        scopes.set(request, scope);
        return runInScope(scope, wrapped);
      },
    },
    onParse({ context }) {
      const scope = currentScope();
      if (!scope) return;
      const requested = (context as { params?: { operationName?: string | null } }).params; // Yoga's request params
      return ({ result }) => {
        if (result instanceof Error || result === null) {
          scope.operationName = loggedName(requested?.operationName);
          return;
        }
        const operation = getOperationAST(result, requested?.operationName ?? undefined);
        scope.operationName = loggedName(operation?.name?.value);
        scope.operationType = operation?.operation;
      };
    },
    onContextBuilding() {
      const scope = currentScope();
      if (!scope) return;
      return ({ context }) => {
        const view = context as ContextView; // the gateway's context, or whatever a test built
        if (typeof view.caller?.kind === 'string') scope.callerKind = view.caller.kind;
        // The context itself, not its logger: the context makes its logger on first use.
        if ('logger' in view) scope.loggerSource = view as { logger: Logger };
      };
    },
    onResponse({ request, response, serverContext }) {
      const scope = scopes.get(request);
      if (!scope) return;
      // HTTP authentication runs before parsing and leaves the caller on the server context, so
      // a request refused after it (e.g. a syntax error) still names its caller's kind.
      const caller = (serverContext as ContextView).caller;
      if (scope.callerKind === 'anonymous' && typeof caller?.kind === 'string') {
        scope.callerKind = caller.kind;
      }
      if (!response.headers.has('x-request-id')) {
        response.headers.set('x-request-id', scope.requestId);
      }
      accessLine(scope, request, response);
    },
  };

  return {
    plugin,
    onUpstreamCall(event) {
      metrics.observeUpstream(event);
      const scope = currentScope();
      if (scope) scope.upstreamCalls += event.attempts;
      if (event.outcome !== 'ok' && event.outcome !== 'retried') {
        // A 4xx is usually an expected answer (a missing user); outages and limits are not.
        const expected =
          event.outcome === 'aborted' ||
          (event.outcome === 'error' && event.status !== undefined && event.status < 500);
        const level = expected ? 'debug' : 'warn';
        if (upstreamBase.isLevelEnabled(level)) {
          const log = scope ? requestLogger(scope).child({ component: 'upstream' }) : upstreamBase;
          log[level](
            {
              method: event.method,
              route: event.route,
              status: event.status,
              outcome: event.outcome,
              attempts: event.attempts,
              durationMs: event.durationMs,
            },
            'upstream call failed',
          );
        }
      }
      const tracing = options.tracing();
      if (tracing) recordUpstreamSpan(tracing.tracer, event);
    },
    upstreamLogger: {
      debug: (obj, msg) => upstreamLoggerFor('debug')?.debug(obj, msg),
      warn: (obj, msg) => upstreamLoggerFor('warn')?.warn(obj, msg),
      error: (obj, msg) => upstreamLoggerFor('error')?.error(obj, msg),
    },
    logger(fallback) {
      const scope = currentScope();
      return scope ? requestLogger(scope) : fallback;
    },
  };
}
