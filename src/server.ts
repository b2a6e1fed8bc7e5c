/**
 * The composition root: config -> upstream client -> Yoga (HTTP, SSE) + graphql-ws on the same
 * port and path + the webhook receiver, /health, /ready and /metrics.
 */

import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  type ExecutionArgs,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type SubscriptionArgs,
} from 'graphql/index.js';
import type { Context, SubscribePayload } from 'graphql-ws';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { assertNotExpired, createAuthenticator, credentialsFromConnectionParams } from './auth.js';
import { upstreamCallBudget, useUpstreamBudget } from './budget.js';
import { type Config, secretsOf, type WebhookCredentials } from './config.js';
import { buildContextOn, type Caller, type GatewayContext } from './context.js';
import { createErrorMasker, loggedAsUpstreamFailure } from './error-masking.js';
import { ERROR_CODES, gatewayError } from './errors.js';
import { createBodyLimit } from './exposure/body-limit.js';
import { corsPolicy, varyOnOrigin } from './exposure/cors.js';
import {
  armorRefusals,
  checkRequestJson,
  documentLimitsPlugin,
} from './exposure/document-limits.js';
import { requestErrors } from './exposure/request-errors.js';
import { loadTrustedDocuments } from './exposure/trusted-documents.js';
import { createGraphiQL, graphiqlOptions } from './graphiql.js';
import { GRAPHQL_SSE_PATH, graphqlSsePlugin } from './graphql-sse.js';
import { authenticationPlugin, refusal } from './http-auth.js';
import { createDataImports } from './imports/setup.js';
import { listenOn } from './listen.js';
import { setBatchTracer } from './loaders/index.js';
import { createLogger, type Logger, yogaLogger } from './logger.js';
import {
  createMetrics,
  type GatewayMetrics,
  METRICS_PATH,
  type MetricsServer,
  metricsResponse,
  startMetricsServer,
} from './metrics.js';
import { createObservability } from './observability.js';
import type { LabelLimiterOptions } from './operation-names.js';
import { wireReadCache } from './read-cache.js';
import { createReadiness, type ReadinessOptions } from './readiness.js';
import { currentScope, type RequestScope, runInScope, sanitizeRequestId } from './request-scope.js';
import { schema } from './schema/index.js';
import { useSharedSubscriptionResults } from './subscription-fanout.js';
import { useOneSubscriptionWrapper } from './subscription-hooks.js';
import { startTracing, type Tracing, tracingPlugin } from './tracing.js';
import { UpstreamClient, type UpstreamLogger } from './upstream/client.js';
import { addTriggers, createWebhook } from './upstream/webhooks.js';
import { createRealtime, type Realtime } from './webhooks/realtime.js';
import { WEBHOOK_PATH } from './webhooks/receiver.js';
import { RECEIVER_TRIGGERS } from './webhooks/triggers.js';
import { createSocketObservability } from './ws-observability.js';
import { type SocketExtra, useWsServer } from './ws-server.js';

export const GRAPHQL_PATH = '/graphql';
export const HEALTH_PATH = '/health';
export const READY_PATH = '/ready';
export { GRAPHQL_SSE_PATH } from './graphql-sse.js';
/** The largest WebSocket message accepted (a subscribe message with its document and variables). */
export const WS_MAX_PAYLOAD_BYTES = 64 * 1024;

/** The parts of an embedded emulator the gateway uses (see src/emulator/server.ts). */
export interface EmbeddedEmulator {
  baseUrl: string;
  mgmtBaseUrl: string;
  /** The Calls API (call logs). */
  callBaseUrl: string;
  appId: string;
  apiKey: string;
  mgmtKey: string;
  mgmtSecret: string;
  close(): Promise<void>;
}

export interface GatewayDeps {
  logger?: Logger;
  /** A ready-made client (closed with the gateway); by default built from config or emulator. */
  upstream?: UpstreamClient;
  /** The emulator the gateway runs against in emulator mode; closed with the gateway. */
  emulator?: EmbeddedEmulator;
  /** How long a readiness probe's answer is reused. Default 5 s. */
  readyCacheMs?: number;
  /** The other readiness settings (see src/readiness.ts). */
  readiness?: ReadinessOptions;
  /** How long shutdown waits for in-flight requests. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** Emulator mode: a development end-user JWT that GraphiQL shows how to use. */
  developmentUser?: { uid: string; jwt: string } | null;
  /** How long webhook delivery keys are remembered. Default 24 h. */
  webhookDedupTtlMs?: number;
  /** Bounds of the operation-name metric label (e.g. the names of trusted documents as known). */
  operationNames?: LabelLimiterOptions;
}

/** What Yoga's context factory starts from: node's req/res over HTTP, the socket's over WebSocket. */
export interface ServerContext {
  /** node's request over HTTP; absent over WebSocket (the upgrade request is not kept). */
  req?: IncomingMessage;
  res?: ServerResponse;
  /** graphql-ws connection parameters (WebSocket operations only). */
  connectionParams?: Readonly<Record<string, unknown>>;
  /** The caller, authenticated before the request's document was read (see src/http-auth.ts). */
  caller?: Caller;
}

export interface ListeningInfo {
  /** http://HOST:PORT */
  url: string;
  /** http://HOST:PORT/graphql */
  graphqlUrl: string;
  port: number;
  /** http://127.0.0.1:PORT/metrics when `METRICS_PORT` moved the metrics off the main port. */
  metricsUrl?: string;
}

export interface Gateway {
  yoga: YogaServerInstance<ServerContext, GatewayContext>;
  server: Server;
  upstream: UpstreamClient;
  /** The event bus, the de-duplication store, the receiver and the subscriptions' feed. */
  realtime: Realtime;
  logger: Logger;
  /** The gateway's Prometheus metrics (e.g. `metrics.subscriptionOpened()`). */
  metrics: GatewayMetrics;
  /** The credentials webhook deliveries must carry; null when the receiver is off. */
  webhookCredentials: WebhookCredentials | null;
  listen(): Promise<ListeningInfo>;
  close(): Promise<void>;
}

function buildUpstream(
  config: Config,
  deps: GatewayDeps,
  upstreamLogger: UpstreamLogger,
): UpstreamClient {
  if (deps.upstream) return deps.upstream;
  if (deps.emulator) {
    const emulator = deps.emulator;
    return new UpstreamClient({
      baseUrl: emulator.baseUrl,
      callBaseUrl: emulator.callBaseUrl,
      apiKey: emulator.apiKey,
      management: {
        baseUrl: emulator.mgmtBaseUrl,
        appId: emulator.appId,
        key: emulator.mgmtKey,
        secret: emulator.mgmtSecret,
      },
      ...config.upstreamTuning,
      logger: upstreamLogger,
    });
  }
  if (config.upstream.kind === 'emulator') {
    throw new Error('Emulator mode needs a started emulator: pass it as deps.emulator.');
  }
  return new UpstreamClient({
    baseUrl: config.upstream.baseUrl,
    ...(config.upstream.callBaseUrl ? { callBaseUrl: config.upstream.callBaseUrl } : {}),
    apiKey: config.upstream.apiKey,
    ...(config.management ? { management: config.management } : {}),
    ...config.upstreamTuning,
    logger: upstreamLogger,
  });
}

function randomAlphanumeric(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function publicHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// Codes GraphQL libraries use for requests the client must fix (GRAPHQL_VALIDATION_FAILED,
// GRAPHQL_PARSE_FAILED, BAD_REQUEST, OPERATION_RESOLUTION_FAILURE, ...) are not ours: anything
// unexpected was masked as INTERNAL before this point, so what is left is BAD_USER_INPUT.
const OUR_CODES = new Set<unknown>(ERROR_CODES);

function needsCode(error: GraphQLError): boolean {
  return !OUR_CODES.has(error.extensions?.code);
}

function withBadInputCode(error: GraphQLError): GraphQLError {
  if (!needsCode(error)) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions: { http: { status: 400 }, ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

function hasHttpStatus(error: GraphQLError): boolean {
  return error.extensions?.http !== undefined;
}

function withoutHttpStatus(error: GraphQLError): GraphQLError {
  if (!hasHttpStatus(error)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    source: error.source ?? null,
    positions: error.positions ?? null,
    path: error.path ?? null,
    originalError: error.originalError ?? null,
    extensions,
  });
}

type EnvelopedRoot = {
  execute: (args: ExecutionArgs) => unknown;
  subscribe: (args: SubscriptionArgs) => unknown;
};

function envelopedRoot(args: ExecutionArgs): EnvelopedRoot {
  return args.rootValue as EnvelopedRoot; // onSubscribe below always sets rootValue to this shape
}

/** Exports what traces are buffered, waiting at most a few seconds for the collector. */
async function stopTracing(tracing: Tracing, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), 3_000);
  });
  const outcome = await Promise.race([
    tracing.shutdown().then(
      () => 'done' as const,
      () => 'failed' as const,
    ),
    timeout,
  ]);
  clearTimeout(timer);
  if (outcome !== 'done') logger.warn(`traces could not be exported at shutdown (${outcome})`);
}

export function createGateway(config: Config, deps: GatewayDeps = {}): Gateway {
  const logger =
    deps.logger ?? createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  const metrics = createMetrics({
    token: config.metrics.token,
    operationNames: deps.operationNames,
    upstreamStats: {
      get requests() {
        return upstream.stats.requests;
      },
    },
  });
  // Tracing loads its SDK only when an OTLP endpoint is configured; `listen` waits for it.
  let tracing: Tracing | null = null;
  const tracingReady = config.otlpEndpoint
    ? startTracing({ endpoint: config.otlpEndpoint }).then(
        (started) => {
          tracing = started;
          setBatchTracer(started.tracer);
        },
        (error: unknown) =>
          logger.error({ err: error }, 'tracing could not start; continuing without'),
      )
    : null;
  const observability = createObservability({ logger, metrics, tracing: () => tracing });
  const upstream = buildUpstream(config, deps, observability.upstreamLogger);
  const stopObserving = upstream.onCall(observability.onUpstreamCall);
  const appId =
    deps.emulator?.appId ??
    (config.upstream.kind === 'cometchat' ? config.upstream.appId : null) ??
    config.management?.appId ??
    null;
  const readCache = wireReadCache({ config, upstream, metrics, logger, appId });
  const authenticator = createAuthenticator({
    adminTokens: config.adminTokens,
    jwt: config.jwt,
    upstream,
    logger: logger.child({ component: 'auth' }),
  });
  const dataImports = createDataImports(config, upstream, logger);
  const bodyLimit = createBodyLimit({ maxBytes: config.maxBodyBytes, exemptPaths: [WEBHOOK_PATH] });
  const trustedDocuments = config.trustedDocumentsPath
    ? loadTrustedDocuments(config.trustedDocumentsPath)
    : null;
  const webhookCredentials: WebhookCredentials | null =
    config.webhook ??
    (deps.emulator
      ? { username: `gateway${randomAlphanumeric(6)}`, password: randomAlphanumeric(24) }
      : null);
  const realtime = createRealtime({
    logger,
    redisUrl: config.redisUrl,
    credentials: webhookCredentials,
    appId,
    dedupMaxBytes: config.webhookDedupMaxBytes,
    ...(deps.webhookDedupTtlMs !== undefined ? { dedupTtlMs: deps.webhookDedupTtlMs } : {}),
    onOutcome: (outcome, trigger) => metrics.countWebhookDelivery(outcome, trigger),
    onSubscriptions: (open) => metrics.setSubscriptions(open),
    onEvent: readCache.onEvent,
  });

  const readiness = createReadiness(upstream, {
    cacheMs: deps.readyCacheMs,
    ...deps.readiness,
  });

  let shuttingDown = false;
  const routes: Plugin = {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname === WEBHOOK_PATH) {
        endResponse(await realtime.receiver.handle(request));
      } else if (url.pathname === METRICS_PATH && config.metrics.port === null) {
        // With METRICS_PORT the metrics live on their own loopback port only.
        endResponse(await metricsResponse(metrics, request));
      } else if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        // The root is where people point a browser first: send them to GraphiQL / the endpoint.
        endResponse(
          new fetchAPI.Response(null, {
            status: 302,
            headers: { location: GRAPHQL_PATH, 'cache-control': 'no-store' },
          }),
        );
      } else if (url.pathname === READY_PATH) {
        const { ready, reason } = shuttingDown
          ? { ready: false, reason: 'shutting down' }
          : await readiness.check();
        endResponse(
          new fetchAPI.Response(
            JSON.stringify(ready ? { status: 'ready' } : { status: 'unavailable', reason }),
            {
              status: ready ? 200 : 503,
              headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
            },
          ),
        );
      }
    },
  };

  // Every error a client sees carries a code from the closed list: what is left without one by
  // now is a request the client must fix (syntax, unknown fields, query limits).
  const errorCodes: Plugin = {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors) return;
          if (!result.errors.some(needsCode)) return;
          setResult({ ...result, errors: result.errors.map(withBadInputCode) });
        },
      };
    },
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors) return;
      let errors = result.errors as readonly GraphQLError[];
      if (errors.some(needsCode)) errors = errors.map(withBadInputCode);
      // GraphQL over HTTP: a result that carries data is a 200, whatever its field errors (a
      // FORBIDDEN field beside readable siblings must not make clients drop the data).
      const data = (result as { data?: unknown }).data;
      if (data !== null && data !== undefined && errors.some(hasHttpStatus)) {
        errors = errors.map(withoutHttpStatus);
      }
      if (errors !== result.errors) setResult({ ...result, errors });
    },
  };

  const introspectionOff: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };

  const graphiql = config.graphiql
    ? createGraphiQL(
        graphiqlOptions({
          prefillToken: config.adminTokensDefaulted ? (config.adminTokens[0] ?? null) : null,
          developmentUser: deps.developmentUser ?? null,
        }),
        GRAPHQL_PATH,
      )
    : null;

  const yoga = createYoga<ServerContext, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    logging: yogaLogger(logger, () => observability.logger(logger), loggedAsUpstreamFailure),
    // The body limit's own plugins count what needs counting (see src/exposure/body-limit.ts).
    maxRequestBodySize: false,
    cors: corsPolicy(config.cors),
    graphiql: graphiql ? graphiql.options : false,
    ...(graphiql ? { renderGraphiQL: graphiql.render } : {}),
    maskedErrors: {
      isDev: false,
      maskError: createErrorMasker(() => observability.logger(logger)),
    },
    context: (initial) => {
      const { request, caller } = initial;
      // Authentication ran before the document was read (HTTP: the authentication plugin; WebSocket:
      // onConnect). A request without a caller never gets here by design; refuse it all the same.
      if (!caller) throw gatewayError('UNAUTHENTICATED', 'Authentication required.');
      assertNotExpired(caller);
      const scope = currentScope();
      // One request runs many upstream calls at once, each listening to its abort signal: that is
      // not a leak, so Node's "possible memory leak" warning past 10 listeners would only mislead.
      if (request?.signal instanceof EventTarget) setMaxListeners(0, request.signal);
      // On Yoga's own context object, with the request's child logger made on first use.
      return buildContextOn(initial, {
        caller,
        upstream,
        signal: request?.signal,
        requestId: scope?.requestId ?? sanitizeRequestId(request?.headers.get('x-request-id')),
        logger: scope?.traceId ? logger.child({ traceId: scope.traceId }) : logger,
        maxUpstreamCalls: upstreamCallBudget(config.maxUpstreamCalls, caller),
        realtime: realtime.feed,
        dataImports,
        allowKeyManagement: config.allowKeyManagement,
      });
    },
    plugins: [
      observability.plugin,
      ...(config.otlpEndpoint ? [tracingPlugin(() => tracing)] : []),
      authenticationPlugin(authenticator, GRAPHQL_PATH, logger, graphiql !== null),
      routes,
      bodyLimit.plugin,
      // The GraphQL over SSE protocol's endpoint authenticates as /graphql does.
      authenticationPlugin(authenticator, GRAPHQL_SSE_PATH, logger, false),
      graphqlSsePlugin(),
      errorCodes,
      requestErrors(GRAPHQL_PATH),
      varyOnOrigin,
      ...(trustedDocuments ? [trustedDocuments.plugin()] : []),
      documentLimitsPlugin(),
      ...(graphiql ? [graphiql.plugin] : []),
      metrics.plugin,
      EnvelopArmorPlugin({
        maxDepth: { n: 12, ...armorRefusals('Ask for fewer nested levels.') },
        maxAliases: { n: 30, ...armorRefusals('Use fewer aliases, or split the operation.') },
        maxDirectives: { n: 50, ...armorRefusals('Use fewer directives.') },
        // The token (and nesting) limit is documentLimitsPlugin's: armor's would overflow first.
        maxTokens: { enabled: false },
        // A coarse guard; the schema's complexity limit (which knows page sizes) is the precise one.
        costLimit: {
          maxCost: 50_000,
          ...armorRefusals('Ask for fewer items, fewer fields or fewer nested lists.'),
        },
        blockFieldSuggestion: { enabled: !config.introspection },
      }),
      ...(config.introspection ? [] : [introspectionOff]),
      useUpstreamBudget(config.maxUpstreamCalls),
      useSharedSubscriptionResults(),
      bodyLimit.streamingPlugin,
      // Last: it runs every plugin's subscription hooks and wraps a subscription's results once.
      useOneSubscriptionWrapper(),
    ],
  });

  // Count in-flight HTTP requests so shutdown can wait for them (bounded).
  let inFlight = 0;
  const idleWaiters = new Set<() => void>();
  const handleRequest = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0) for (const resolve of idleWaiters) resolve();
    });
    if (!bodyLimit.admit(req, res)) return;
    void yoga(req, res, { req, res });
  };
  const server = createServer(handleRequest);
  server.on('checkContinue', bodyLimit.continueOrRefuse(handleRequest));

  // Upgrades are handed over explicitly (not the `server` option), so a port that cannot be
  // bound is reported once, by `listen`, and not also as a WebSocket server error.
  const socketLog = createSocketObservability(logger);
  const wsServer = new WebSocketServer({
    noServer: true,
    path: GRAPHQL_PATH,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
  });
  server.on('upgrade', (req, socket, head) => {
    wsServer.handleUpgrade(req, socket, head, (ws) => wsServer.emit('connection', ws, req));
  });
  const wsDisposable = useWsServer(
    {
      execute: (args) =>
        socketLog.run(args.contextValue, () => envelopedRoot(args).execute(args)) as ReturnType<
          NonNullable<Parameters<typeof useWsServer>[0]['execute']>
        >,
      subscribe: (args) =>
        socketLog.run(args.contextValue, () => envelopedRoot(args).subscribe(args)) as ReturnType<
          NonNullable<Parameters<typeof useWsServer>[0]['subscribe']>
        >,
      onNext: (ctx, id) => socketLog.next(ctx, id),
      onError: (ctx, id) => socketLog.end(ctx, id, 'error'),
      onComplete: (ctx, id) => socketLog.end(ctx, id, 'complete'),
      onClose: (ctx, code) => socketLog.closed(ctx, code),
      onConnect: async (ctx) => {
        try {
          const caller = await authenticator.authenticate(
            credentialsFromConnectionParams(ctx.connectionParams),
          );
          ctx.extra.caller = caller;
          return true;
        } catch (error) {
          // 4401 tells graphql-ws clients the credentials are wrong, so they do not retry; 4403
          // that they are valid but not allowed (X-Act-As from a non-admin).
          const status = refusal(error, globalThis).status;
          if (status === 403) ctx.extra.socket.close(4403, 'Forbidden');
          else if (status === 401) ctx.extra.socket.close(4401, 'Unauthorized');
          else ctx.extra.socket.close(1011, 'Authentication unavailable');
          return false;
        }
      },
      onSubscribe: (ctx, id, params) => {
        const scope = socketLog.begin(ctx, id);
        return runInScope(scope, () => subscribeOperation(ctx, params, scope));
      },
    },
    wsServer,
    { logger, production: config.nodeEnv === 'production' },
  );

  async function subscribeOperation(
    ctx: Context<Record<string, unknown> | undefined, SocketExtra>,
    params: SubscribePayload,
    scope: RequestScope,
  ) {
    const caller = ctx.extra.caller as Caller | undefined; // set by onConnect above
    const {
      schema: envelopedSchema,
      execute,
      subscribe,
      contextFactory,
      parse,
      validate,
    } = yoga.getEnveloped({
      // What plugins read over WebSocket: the connection parameters (tracing), the request's
      // params (operation name) and the authenticated caller. One literal shape for all.
      connectionParams: ctx.connectionParams,
      socket: ctx.extra.socket,
      params,
      caller,
    });
    // Parse and validation failures (query limits throw) become error messages, not a
    // closed socket.
    let document: ReturnType<typeof parse>;
    let errors: readonly GraphQLError[];
    try {
      checkRequestJson(params);
      document = parse(
        trustedDocuments ? trustedDocuments.resolveSocketPayload(params) : params.query,
      );
      socketLog.describe(scope, document, params.operationName, caller?.kind);
      errors = validate(envelopedSchema, document);
    } catch (error) {
      if (error instanceof GraphQLError) return [withBadInputCode(error)];
      throw error;
    }
    if (errors.length > 0) return errors.map(withBadInputCode);
    let contextValue: unknown;
    try {
      contextValue = await contextFactory();
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
    socketLog.bind(contextValue, scope);
    return {
      schema: envelopedSchema,
      operationName: params.operationName ?? null,
      document,
      variableValues: params.variables ?? null,
      contextValue,
      rootValue: { execute, subscribe },
    };
  }

  let listening: ListeningInfo | null = null;
  let metricsServer: MetricsServer | null = null;

  async function registerWithEmulator(info: ListeningInfo): Promise<void> {
    if (!deps.emulator || !webhookCredentials) return;
    const id = `gateway${randomAlphanumeric(6)}`;
    await createWebhook(upstream, {
      id,
      name: 'GraphQL gateway',
      url: `${info.url}${WEBHOOK_PATH}`,
      useBasicAuth: true,
      username: webhookCredentials.username,
      password: webhookCredentials.password,
      enabled: true,
      retryOnFailure: true,
    });
    await addTriggers(upstream, id, [...RECEIVER_TRIGGERS]);
    logger.debug(
      { webhookId: id, triggers: RECEIVER_TRIGGERS.length },
      'webhook receiver registered with the emulator',
    );
  }

  let closing: Promise<void> | null = null;

  return {
    yoga,
    server,
    upstream,
    realtime,
    logger,
    metrics,
    webhookCredentials,
    async listen() {
      if (listening) return listening;
      await tracingReady;
      await realtime.ready();
      await readCache.ready();
      await listenOn(server, config.port, config.host, 'PORT');
      const { port } = server.address() as AddressInfo; // a TCP server listening on a port
      const url = `http://${publicHost(config.host)}:${port}`;
      if (config.metrics.port !== null) {
        try {
          metricsServer = await startMetricsServer(metrics, config.metrics.port);
        } catch (error) {
          await new Promise<void>((resolve) => server.close(() => resolve()));
          throw error;
        }
      }
      listening = {
        url,
        graphqlUrl: `${url}${GRAPHQL_PATH}`,
        port,
        ...(metricsServer ? { metricsUrl: metricsServer.url } : {}),
      };
      if (config.nodeEnv === 'production' && !config.metrics.token && !metricsServer) {
        logger.warn(
          '/metrics is open to anyone who can reach the gateway: set METRICS_TOKEN or METRICS_PORT',
        );
      }
      await registerWithEmulator(listening);
      if (graphiql) {
        graphiql
          .warm()
          .catch((error: unknown) => logger.warn({ err: error }, 'GraphiQL could not be prepared'));
      }
      return listening;
    },
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        const timeoutMs = deps.shutdownTimeoutMs ?? 10_000;
        const serverClosed = new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
        });
        server.closeIdleConnections();
        await wsDisposable.dispose();
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
        await realtime.close();
        await dataImports.close();
        if (inFlight > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, timeoutMs);
            idleWaiters.add(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        server.closeAllConnections();
        await serverClosed;
        await metricsServer?.close();
        await yoga.dispose();
        stopObserving();
        await readCache.close();
        await upstream.close();
        await tracingReady;
        if (tracing) {
          setBatchTracer(null);
          await stopTracing(tracing, logger);
        }
        await deps.emulator?.close();
        logger.info('gateway stopped');
      })();
      return closing;
    },
  };
}
