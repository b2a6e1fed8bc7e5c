/**
 * Prometheus metrics for one gateway instance, in its own registry (two gateways in one process,
 * as in tests, never share or clash): GraphQL operations (Yoga/envelop), CometChat calls, webhook
 * deliveries, subscriptions and the process (event-loop lag included).
 *
 * Every label has a bounded set of values: operation names go through a limiter (known names,
 * then the first few others, then `other`), upstream calls are labelled by their path template
 * (`/users/{uid}`, never a filled-in id), webhook triggers by the known trigger list. No label
 * holds a URL, a query string, an id or a credential.
 *
 * `/metrics` answers only a bearer `METRICS_TOKEN` when one is set (compared in constant time),
 * and may be moved to a separate port on loopback (`METRICS_PORT`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
  usePrometheus,
} from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { listenOn } from './listen.js';
import {
  createLabelLimiter,
  createOperationNameLabels,
  type LabelLimiterOptions,
  type OperationNameLabels,
} from './operation-names.js';
import type { SharedReadEvent, UpstreamCallEvent } from './upstream/client.js';
import type { DeliveryOutcome } from './webhooks/receiver.js';
import { RECEIVER_TRIGGERS } from './webhooks/triggers.js';

export const METRICS_PATH = '/metrics';

export interface MetricsOptions {
  /** When set, scrapes need `Authorization: Bearer <token>`. */
  token?: string | null | undefined;
  /** Bounds of the operation-name label (known names, how many others, how long). */
  operationNames?: LabelLimiterOptions | undefined;
  /** Gauge of HTTP requests sent upstream (kept for existing dashboards). */
  upstreamStats?: { readonly requests: number } | undefined;
}

/** What a scrape gets: 200 with the metrics, or 401. */
export interface Scrape {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface GatewayMetrics {
  registry: Registry;
  /** The Yoga plugin that records GraphQL operations (it does not serve `/metrics`). */
  plugin: Plugin;
  operationNames: OperationNameLabels;
  /** Records one finished CometChat call. */
  observeUpstream(event: UpstreamCallEvent): void;
  /** Records a read answered without its own CometChat call, or a read-cache lookup. */
  observeSharedRead(event: SharedReadEvent): void;
  /** Records one webhook delivery and its outcome. */
  countWebhookDelivery(outcome: DeliveryOutcome, trigger: string | null): void;
  /** Counts an open subscription; call the returned function once when it ends. */
  subscriptionOpened(): () => void;
  /** Sets the number of open subscriptions (for code that keeps its own count). */
  setSubscriptions(count: number): void;
  /** Answers a scrape with this `Authorization` value. */
  scrape(authorization: string | null | undefined): Promise<Scrape>;
}

const STATUS_CLASSES = new Set(['1xx', '2xx', '3xx', '4xx', '5xx']);
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const TRIGGERS = new Set<string>(RECEIVER_TRIGGERS);

function statusClass(status: number | undefined): string {
  if (status === undefined) return 'none';
  const label = `${Math.floor(status / 100)}xx`;
  return STATUS_CLASSES.has(label) ? label : 'other';
}

function operationType(value: string | undefined): string {
  return value && OPERATION_TYPES.has(value) ? value : 'unknown';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** `Bearer <token>` against the expected token, in constant time (digests of equal length). */
function bearerMatches(authorization: string | null | undefined, expected: Buffer): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization?.trim() ?? '');
  const equal = timingSafeEqual(digest(match?.[1] ?? ''), expected);
  return match !== null && equal;
}

type OperationLabel = 'operationName' | 'operationType';

export function createMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  // Process metrics, event-loop lag (nodejs_eventloop_lag_*) included.
  collectDefaultMetrics({ register: registry });
  const operationNames = createOperationNameLabels(options.operationNames);
  const tokenDigest = options.token ? digest(options.token) : null;

  const upstreamStats = options.upstreamStats;
  if (upstreamStats) {
    new Gauge({
      name: 'gateway_upstream_requests',
      help: 'HTTP requests sent to CometChat since start (retries count). Deprecated: use gateway_upstream_request_duration_seconds.',
      registers: [registry],
      collect() {
        this.set(upstreamStats.requests);
      },
    });
  }

  const upstreamDuration = new Histogram({
    name: 'gateway_upstream_request_duration_seconds',
    help: 'CometChat calls (retries included), by path template, method, status class of the last answer and outcome (ok, retried, timeout, rate-limited, breaker-open, aborted, error).',
    labelNames: ['route', 'method', 'status_class', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });
  const upstreamAttempts = new Counter({
    name: 'gateway_upstream_attempts_total',
    help: 'HTTP requests sent to CometChat (a retried call counts each attempt), by path template and method.',
    labelNames: ['route', 'method'] as const,
    registers: [registry],
  });
  // Templates come from code, so they are few; the limit only guards against a filled-in path.
  const routes = createLabelLimiter({
    maxDistinct: 200,
    maxLength: 120,
    pattern: /^\/[A-Za-z0-9/{}_.-]*$/,
  });

  const cacheLookups = new Counter({
    name: 'gateway_cache_lookups_total',
    help: 'Read-cache lookups (GATEWAY_CACHE), by path template and result (hit, miss, error: the cache could not be read). Hit ratio: hit / (hit + miss + error).',
    labelNames: ['route', 'result'] as const,
    registers: [registry],
  });
  const sharedReads = new Counter({
    name: 'gateway_upstream_shared_reads_total',
    help: 'CometChat reads answered by an identical read instead of a call of their own, by path template and scope (request: earlier in the same request; in-flight: in flight for another request of the same perspective).',
    labelNames: ['route', 'scope'] as const,
    registers: [registry],
  });

  const webhookDeliveries = new Counter({
    name: 'gateway_webhook_deliveries_total',
    help: 'CometChat webhook deliveries, by trigger (known triggers; other; none when unreadable) and outcome (accepted, duplicate, rejected).',
    labelNames: ['trigger', 'outcome'] as const,
    registers: [registry],
  });

  const subscriptions = new Gauge({
    name: 'gateway_subscriptions_active',
    help: 'GraphQL subscriptions currently open.',
    registers: [registry],
  });

  const operationLabels = (params: FillLabelsFnParams): Record<OperationLabel, string> => ({
    operationName: operationNames.labelOperation(params.operationName),
    operationType: operationType(params.operationType),
  });
  const operationHistogram = <Phase>(name: string, help: string) =>
    createHistogram<Phase, OperationLabel>({
      registry,
      histogram: { name, help, labelNames: ['operationName', 'operationType'] },
      fillLabelsFn: operationLabels,
    });

  const plugin = usePrometheus({
    endpoint: false,
    registry,
    metrics: {
      graphql_envelop_request: createCounter<'execute' | 'subscribe', OperationLabel>({
        registry,
        counter: {
          name: 'graphql_envelop_request',
          help: 'GraphQL operations executed, by operation name (bounded) and type.',
          labelNames: ['operationName', 'operationType'],
        },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_request_duration: operationHistogram<'execute' | 'subscribe'>(
        'graphql_envelop_request_duration',
        'Time to run GraphQL operations (parse to result), by operation name (bounded) and type.',
      ),
      graphql_envelop_phase_parse: operationHistogram<'parse'>(
        'graphql_envelop_phase_parse',
        'Time spent parsing GraphQL documents.',
      ),
      graphql_envelop_phase_validate: operationHistogram<'validate'>(
        'graphql_envelop_phase_validate',
        'Time spent validating GraphQL documents.',
      ),
      graphql_envelop_phase_context: operationHistogram<'context'>(
        'graphql_envelop_phase_context',
        'Time spent building the GraphQL context (fresh loaders for the caller).',
      ),
      graphql_envelop_phase_execute: operationHistogram<'execute'>(
        'graphql_envelop_phase_execute',
        'Time spent executing GraphQL operations.',
      ),
      graphql_envelop_phase_subscribe: operationHistogram<'subscribe'>(
        'graphql_envelop_phase_subscribe',
        'Time spent starting GraphQL subscriptions.',
      ),
      graphql_envelop_error_result: createCounter<
        'parse' | 'validate' | 'context' | 'execute' | 'subscribe',
        OperationLabel | 'phase'
      >({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'GraphQL errors in results, by operation name (bounded), type and phase.',
          labelNames: ['operationName', 'operationType', 'phase'],
        },
        fillLabelsFn: (params) => ({
          ...operationLabels(params),
          phase: params.errorPhase ?? 'unknown',
        }),
      }),
      graphql_yoga_http_duration: createHistogram<
        'request',
        OperationLabel | 'method' | 'statusCode',
        FillLabelsFnParams & { request: Request; response: Response }
      >({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time to answer GraphQL HTTP requests, by operation name (bounded), type, method and status code.',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode'],
        },
        fillLabelsFn: (params) => ({
          ...operationLabels(params),
          method: HTTP_METHODS.has(params.request.method) ? params.request.method : 'other',
          statusCode: String(params.response.status),
        }),
      }),
      // Off: labels or a cost that the above do not need.
      graphql_envelop_request_time_summary: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_execute_resolver: false,
      graphql_envelop_schema_change: false,
    },
  });

  return {
    registry,
    plugin,
    operationNames,
    observeUpstream(event) {
      const route = routes.label(event.route);
      const method = HTTP_METHODS.has(event.method) ? event.method : 'other';
      upstreamDuration.observe(
        { route, method, status_class: statusClass(event.status), outcome: event.outcome },
        event.durationMs / 1000,
      );
      if (event.attempts > 0) upstreamAttempts.inc({ route, method }, event.attempts);
    },
    observeSharedRead(event) {
      const route = routes.label(event.route);
      switch (event.outcome) {
        case 'hit':
        case 'miss':
        case 'error':
          cacheLookups.inc({ route, result: event.outcome });
          break;
        case 'shared-request':
          sharedReads.inc({ route, scope: 'request' });
          break;
        case 'shared-in-flight':
          sharedReads.inc({ route, scope: 'in-flight' });
          break;
      }
    },
    countWebhookDelivery(outcome, trigger) {
      const triggerLabel = trigger === null ? 'none' : TRIGGERS.has(trigger) ? trigger : 'other';
      const outcomeLabel = outcome === 'accepted' || outcome === 'duplicate' ? outcome : 'rejected';
      webhookDeliveries.inc({ trigger: triggerLabel, outcome: outcomeLabel });
    },
    subscriptionOpened() {
      subscriptions.inc();
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        subscriptions.dec();
      };
    },
    setSubscriptions(count) {
      subscriptions.set(count);
    },
    async scrape(authorization) {
      if (tokenDigest && !bearerMatches(authorization, tokenDigest)) {
        return {
          status: 401,
          headers: {
            'content-type': 'text/plain; charset=utf-8',
            'www-authenticate': 'Bearer realm="metrics"',
            'cache-control': 'no-store',
          },
          body: 'Unauthorized: send Authorization: Bearer <METRICS_TOKEN>.\n',
        };
      }
      return {
        status: 200,
        headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
        body: await registry.metrics(),
      };
    },
  };
}

/** Serves a scrape as a fetch Response (for the gateway's own port). */
export async function metricsResponse(
  metrics: GatewayMetrics,
  request: Request,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Use GET.\n', { status: 405, headers: { allow: 'GET, HEAD' } });
  }
  const scrape = await metrics.scrape(request.headers.get('authorization'));
  return new Response(request.method === 'HEAD' ? null : scrape.body, {
    status: scrape.status,
    headers: scrape.headers,
  });
}

export interface MetricsServer {
  server: Server;
  /** http://127.0.0.1:PORT/metrics */
  url: string;
  close(): Promise<void>;
}

/** `/metrics` alone on its own port, on loopback only (`METRICS_PORT`). */
export async function startMetricsServer(
  metrics: GatewayMetrics,
  port: number,
  host = '127.0.0.1',
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== METRICS_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    metrics.scrape(req.headers.authorization).then(
      (scrape) =>
        res
          .writeHead(scrape.status, scrape.headers)
          .end(req.method === 'HEAD' ? undefined : scrape.body),
      () => res.writeHead(500).end(),
    );
  });
  await listenOn(server, port, host, 'METRICS_PORT');
  const { port: bound } = server.address() as AddressInfo; // a TCP server listening on a port
  return {
    server,
    url: `http://${host}:${bound}${METRICS_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
