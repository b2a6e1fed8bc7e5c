/**
 * Prometheus metrics for one gateway instance, in its own registry (two gateways in one process,
 * as in tests, never share or clash): Yoga/envelop request metrics, process metrics, upstream
 * request count and webhook deliveries.
 */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';

export interface GatewayMetrics {
  registry: Registry;
  plugin: Plugin;
  webhookDeliveries: Counter<'trigger' | 'outcome'>;
}

export function createMetrics(upstreamStats: { readonly requests: number }): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'gateway_upstream_requests',
    help: 'HTTP requests sent to CometChat since start.',
    registers: [registry],
    collect() {
      this.set(upstreamStats.requests);
    },
  });
  const webhookDeliveries = new Counter({
    name: 'gateway_webhook_deliveries_total',
    help: 'CometChat webhook deliveries received, by trigger and outcome (accepted, duplicate).',
    labelNames: ['trigger', 'outcome'] as const,
    registers: [registry],
  });
  const plugin = usePrometheus({
    endpoint: METRICS_PATH,
    registry,
    metrics: {
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_context: true,
      graphql_envelop_phase_execute: true,
      graphql_yoga_http_duration: true,
    },
  });
  return { registry, plugin, webhookDeliveries };
}
