/**
 * What the gateway knows about the HTTP request being served, wherever the code runs: the request
 * id, the W3C trace id, the operation, the caller's kind and the upstream calls made so far. It
 * lives in an AsyncLocalStorage entered once per request (see `observability.ts`), so the shared
 * upstream client, Yoga's logger and the error masker can log with the request's id without
 * threading it through every call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger.js';

export interface RequestScope {
  readonly requestId: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /** The W3C trace id: from the client's `traceparent`, or the operation span's when tracing. */
  traceId: string | undefined;
  operationName: string | undefined;
  operationType: string | undefined;
  /** `admin`, `user`, ... once the caller is authenticated; `anonymous` until then. */
  callerKind: string;
  /** HTTP requests sent to CometChat on this request's behalf (retries count). */
  upstreamCalls: number;
  /**
   * The request's GraphQL context once built, for its logger (request id, caller), which the
   * context makes on first use.
   */
  loggerSource: { readonly logger: Logger } | undefined;
  /** The logger lines of this request go to before the context exists. */
  readonly baseLogger: Logger;
  cachedLogger: Logger | undefined;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** A request id the client sent, when it is short and plain; otherwise a fresh one. */
export function sanitizeRequestId(value: string | null | undefined): string {
  return value && /^[\w.:-]{1,100}$/.test(value) ? value : randomUUID();
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/;

/** The trace id of a valid W3C `traceparent` header, or undefined. */
export function traceIdOf(traceparent: string | null | undefined): string | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!match?.[1] || !match[2]) return undefined;
  if (/^0+$/.test(match[1]) || /^0+$/.test(match[2]) || traceparent?.startsWith('ff')) {
    return undefined;
  }
  return match[1];
}

export function createRequestScope(request: Request, logger: Logger): RequestScope {
  return createScope(
    {
      requestId: sanitizeRequestId(request.headers.get('x-request-id')),
      traceId: traceIdOf(request.headers.get('traceparent')),
    },
    logger,
  );
}

/** A scope with the given ids (a WebSocket operation: a fresh request id, the socket's trace). */
export function createScope(
  ids: { requestId: string; traceId: string | undefined },
  logger: Logger,
): RequestScope {
  return {
    requestId: ids.requestId,
    startedAt: performance.now(),
    traceId: ids.traceId,
    operationName: undefined,
    operationType: undefined,
    callerKind: 'anonymous',
    upstreamCalls: 0,
    loggerSource: undefined,
    baseLogger: logger,
    cachedLogger: undefined,
  };
}

export function runInScope<T, A extends unknown[] = []>(
  scope: RequestScope,
  fn: (...args: A) => T,
  ...args: A
): T {
  return storage.run(scope, fn, ...args);
}

/** The scope of the request the current code runs for; undefined outside one (e.g. WebSocket). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * The logger for lines about this request: the GraphQL context's (request id and caller) once it
 * exists, before that a child of the gateway's logger with the request id; with the trace id
 * when there is one.
 */
export function requestLogger(scope: RequestScope): Logger {
  const fromContext = scope.loggerSource?.logger;
  if (fromContext) return fromContext;
  scope.cachedLogger ??= scope.baseLogger.child({
    requestId: scope.requestId,
    ...(scope.traceId ? { traceId: scope.traceId } : {}),
  });
  return scope.cachedLogger;
}

/** Sets the trace id (once tracing knows it); loggers built afterwards carry it. */
export function setTraceId(scope: RequestScope, traceId: string): void {
  if (scope.traceId === traceId) return;
  scope.traceId = traceId;
  scope.cachedLogger = undefined;
}
