/**
 * The OpenTelemetry SDK side of tracing, imported only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set:
 * a tracer provider of the gateway's own (the global one is left alone), batched OTLP/HTTP export,
 * the W3C trace-context propagator, and an AsyncLocalStorage context manager so spans started in
 * resolvers and the upstream client find their operation.
 */
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Tracing, TracingOptions } from './tracing.js';

/** `<endpoint>/v1/traces`, as the OTLP exporter specification derives it from the base URL. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

export function createTracing(options: TracingOptions, exporter?: SpanExporter): Tracing {
  // Registering fails harmlessly when the process already has a context manager.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        'service.name': options.serviceName ?? 'cometchat-graphql-gateway',
        ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
      }),
    ),
    spanProcessors: [
      new BatchSpanProcessor({
        exporter: exporter ?? new OTLPTraceExporter({ url: tracesUrl(options.endpoint) }),
        scheduledDelayMillis: 2_000,
      }),
    ],
  });
  const propagator = new W3CTraceContextPropagator();
  return {
    tracer: provider.getTracer('cometchat-graphql-gateway'),
    extract: (carrier) =>
      propagator.extract(ROOT_CONTEXT, carrier, {
        keys: (c) => Object.keys(c),
        get: (c, key) => c[key],
      }),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
