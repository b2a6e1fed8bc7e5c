/**
 * OpenTelemetry traces: a span per GraphQL operation (a child of the client's W3C `traceparent`
 * when it sends one) and a span per CometChat call under it (method, path template, status,
 * attempts, whether it acted for a user; never an id, the key or a token).
 *
 * Off unless `OTEL_EXPORTER_OTLP_ENDPOINT` is set: then the SDK is loaded (`tracing-sdk.ts`) and
 * spans are exported over OTLP/HTTP. When off, nothing here runs: the plugin is not installed, no
 * span is created and the SDK is never imported.
 */
import {
  type Context,
  context,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type DocumentNode, getOperationAST } from 'graphql/index.js';
import type { Plugin } from 'graphql-yoga';
import { currentScope, setTraceId } from './request-scope.js';
import type { UpstreamCallEvent } from './upstream/client.js';

export interface Tracing {
  tracer: Tracer;
  /** The parent context named by W3C trace-context headers (`traceparent`, `tracestate`). */
  extract(carrier: Readonly<Record<string, string | undefined>>): Context;
  /** Exports what is buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTLP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  serviceName?: string;
  serviceVersion?: string;
}

/** Loads the OpenTelemetry SDK and starts exporting (only called when an endpoint is set). */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  const sdk = await import('./tracing-sdk.js');
  return sdk.createTracing(options);
}

const MAX_NAME = 100;

function headerCarrier(headers: Headers): Record<string, string | undefined> {
  return {
    traceparent: headers.get('traceparent') ?? undefined,
    tracestate: headers.get('tracestate') ?? undefined,
  };
}

/** graphql-ws clients may send the trace context as connection parameters. */
function paramsCarrier(params: unknown): Record<string, string | undefined> {
  if (typeof params !== 'object' || params === null) return {};
  const { traceparent, tracestate } = params as Record<string, unknown>; // connection parameters are client JSON
  return {
    traceparent: typeof traceparent === 'string' ? traceparent : undefined,
    tracestate: typeof tracestate === 'string' ? tracestate : undefined,
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function' // duck-typing a thenable
  );
}

function failSpan(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'operation failed' });
  if (error instanceof Error) span.setAttribute('error.type', error.name);
}

/** Runs `wrapped` inside a new operation span under `parent`, ending it when done. */
function inOperationSpan<T>(tracer: Tracer, parent: Context, wrapped: () => T): T {
  const span = tracer.startSpan('graphql.operation', { kind: SpanKind.SERVER }, parent);
  const scope = currentScope();
  if (scope) setTraceId(scope, span.spanContext().traceId);
  try {
    const result = context.with(trace.setSpan(parent, span), wrapped);
    if (isPromiseLike(result)) {
      return result.then(
        (value) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          failSpan(span, error);
          span.end();
          throw error;
        },
      ) as T; // the same promise type, settled after the span ends
    }
    span.end();
    return result;
  } catch (error) {
    failSpan(span, error);
    span.end();
    throw error;
  }
}

function nameSpan(document: DocumentNode, operationName: string | null | undefined): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return;
  const name = operation.name?.value.slice(0, MAX_NAME);
  span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
  span.setAttribute('graphql.operation.type', operation.operation);
  if (name) span.setAttribute('graphql.operation.name', name);
}

function markErrors(result: unknown): void {
  const errors = (result as { errors?: unknown }).errors; // an ExecutionResult
  if (!Array.isArray(errors) || errors.length === 0) return;
  const span = trace.getActiveSpan();
  span?.setStatus({ code: SpanStatusCode.ERROR, message: 'result has errors' });
  span?.setAttribute('graphql.error.count', errors.length);
}

/**
 * The Yoga plugin that opens the operation spans. Installed only when tracing is configured;
 * `getTracing` is null until the SDK has loaded (the gateway waits for it before listening).
 */
export function tracingPlugin(getTracing: () => Tracing | null): Plugin {
  // WebSocket operations do not go through Yoga's HTTP handling: they get their span around
  // execute/subscribe, unless an HTTP operation span is already active.
  const aroundWs = (payload: { context: object }, wrapped: () => unknown): unknown => {
    const tracing = getTracing();
    if (!tracing || trace.getSpan(context.active())) return wrapped();
    const params = (payload.context as { connectionParams?: unknown }).connectionParams; // set by graphql-ws
    const parent = tracing.extract(paramsCarrier(params));
    return inOperationSpan(tracing.tracer, parent, wrapped);
  };
  return {
    instrumentation: {
      operation: ({ request }, wrapped) => {
        const tracing = getTracing();
        if (!tracing) return wrapped();
        const parent = tracing.extract(headerCarrier(request.headers));
        return inOperationSpan(tracing.tracer, parent, wrapped);
      },
      execute: (payload, wrapped) => aroundWs(payload, wrapped) as ReturnType<typeof wrapped>,
      subscribe: (payload, wrapped) => aroundWs(payload, wrapped) as ReturnType<typeof wrapped>,
    },
    onParse({ context: ctx }) {
      return ({ result }) => {
        if (result instanceof Error || result === null) {
          trace
            .getActiveSpan()
            ?.setStatus({ code: SpanStatusCode.ERROR, message: 'document not parsed' });
          return;
        }
        const params = (ctx as { params?: { operationName?: string | null } }).params; // Yoga's request params
        nameSpan(result, params?.operationName);
      };
    },
    onExecute({ args }) {
      nameSpan(args.document, args.operationName);
      return { onExecuteDone: ({ result }) => markErrors(result) };
    },
    onSubscribe({ args }) {
      nameSpan(args.document, args.operationName);
    },
  };
}

/** A span for one finished CometChat call, under the operation that made it. */
export function recordUpstreamSpan(tracer: Tracer, event: UpstreamCallEvent): void {
  const span = tracer.startSpan(
    `cometchat ${event.method} ${event.route}`,
    {
      kind: SpanKind.CLIENT,
      startTime: event.startedAt,
      attributes: {
        'http.request.method': event.method,
        'url.template': event.route,
        'cometchat.api': event.api,
        'cometchat.attempts': event.attempts,
        'http.request.resend_count': Math.max(0, event.attempts - 1),
        'cometchat.on_behalf_of': event.onBehalfOf,
        'cometchat.outcome': event.outcome,
        ...(event.status !== undefined ? { 'http.response.status_code': event.status } : {}),
      },
    },
    context.active(),
  );
  if (event.outcome !== 'ok' && event.outcome !== 'retried') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.outcome });
  }
  span.end(event.startedAt + event.durationMs);
}
