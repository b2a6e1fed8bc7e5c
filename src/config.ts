/**
 * The gateway's configuration: the only module that reads the environment. `loadConfig` is pure
 * (it takes the environment as an argument and throws a `ConfigError`), so every rule here is
 * unit-testable; `main.ts` turns a `ConfigError` into one line on stderr and exit code 1.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const REGIONS = ['us', 'eu', 'in'] as const;
export type Region = (typeof REGIONS)[number];

export const SEEDS = ['demo', 'none', 'large'] as const;
export type EmulatorSeed = (typeof SEEDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** The admin token that emulator mode (and a loopback upstream in development) accepts by default. */
export const DEV_ADMIN_TOKEN = 'dev-admin-token';

export interface EmulatorConfig {
  /** 0 = any free loopback port (the default when the emulator is embedded). */
  port: number;
  appId: string;
  apiKey: string;
  seed: EmulatorSeed;
  latencyMs: number;
  rateLimitPerMin: number | undefined;
  /** Where webhook deliveries may go: loopback addresses only (the default), or anywhere. */
  webhookHosts: EmulatorWebhookHosts;
}

export const EMULATOR_WEBHOOK_HOSTS = ['loopback', 'any'] as const;
export type EmulatorWebhookHosts = (typeof EMULATOR_WEBHOOK_HOSTS)[number];

/** Where the gateway's CometChat calls go. */
export type UpstreamConfig =
  | { kind: 'emulator'; emulator: EmulatorConfig }
  | {
      kind: 'cometchat';
      baseUrl: string;
      apiKey: string;
      appId: string | null;
      region: Region;
      /** The Calls API (call logs); null when neither an app id nor COMETCHAT_CALL_BASE_URL says where. */
      callBaseUrl: string | null;
    };

/** How the CometChat client protects the upstream and bounds its own waits (see docs/architecture.md). */
export interface UpstreamTuning {
  /** One HTTP attempt. */
  attemptTimeoutMs: number;
  /** One call, retries and waits included. */
  requestTimeoutMs: number;
  /** Larger answers are refused while they are read. */
  maxResponseBytes: number;
  /** The gateway's own budget of chat API requests per minute; undefined = off. */
  rateLimitPerMin: number | undefined;
  /** Consecutive outage-like failures that open a host's circuit. */
  breakerFailures: number;
  /** How long an open circuit fails calls before a probe. */
  breakerCooldownMs: number;
}

export interface ManagementConfig {
  baseUrl: string;
  appId: string;
  key: string;
  secret: string;
}

export interface WebhookCredentials {
  username: string;
  password: string;
}

/** End-user JWTs: HS256 with a shared secret, or RS256/ES256 from a JWKS URL. */
export interface JwtConfig {
  secret: string | null;
  jwksUrl: string | null;
  issuer: string | null;
  audience: string | null;
  /** True when the secret was generated at start-up for emulator-mode development. */
  development: boolean;
}

/** The most CometChat calls one operation may cost, by kind of caller (see src/budget.ts). */
export interface UpstreamCallLimits {
  /** End users (`caller.kind === 'user'`). */
  user: number;
  /** Admin tokens. */
  admin: number;
}

/** `GATEWAY_MAX_UPSTREAM_CALLS` unset: end users 50, admins 10 times that. */
export const DEFAULT_MAX_UPSTREAM_CALLS = 50;
/** Admins get this many times the end users' budget. */
export const ADMIN_UPSTREAM_CALLS_FACTOR = 10;

/** The read cache: off, in process, or in Redis (shared by every replica). */
export interface CacheConfig {
  kind: 'off' | 'memory' | 'redis';
  /** How long an answer is kept when no change is reported (seconds). */
  ttlSeconds: number;
  /** The in-process cache's memory cap, in bytes. */
  memoryMaxBytes: number;
}

export interface Config {
  port: number;
  host: string;
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  /** GraphiQL served on GET /graphql. */
  graphiql: boolean;
  /** Introspection queries allowed. */
  introspection: boolean;
  upstream: UpstreamConfig;
  /** Timeouts, size cap, rate budget and circuit breaker of the CometChat client. */
  upstreamTuning: UpstreamTuning;
  management: ManagementConfig | null;
  /** Bearer tokens that act with app-level access. */
  adminTokens: string[];
  /** True when `adminTokens` is the well-known development default. */
  adminTokensDefaulted: boolean;
  /** Receiver credentials; null outside emulator mode when unset (receiver off). */
  webhook: WebhookCredentials | null;
  redisUrl: string | null;
  /** Realtime: the in-process webhook de-duplication store's memory cap, in bytes. */
  webhookDedupMaxBytes: number;
  /** End-user JWT verification; null when no JWT is accepted. */
  jwt: JwtConfig | null;
  /** `/metrics`: a bearer token scrapes must carry, and a separate loopback port. */
  metrics: MetricsConfig;
  /** OTLP base URL for traces (`OTEL_EXPORTER_OTLP_ENDPOINT`); null: tracing off. */
  otlpEndpoint: string | null;
  /** The most bytes a request body may have (413 over it). */
  maxBodyBytes: number;
  /** Which browser origins get CORS headers. */
  cors: CorsConfig;
  /** Path of a JSON manifest `{ id: document }`: when set, only those documents are accepted. */
  trustedDocumentsPath: string | null;
  /** The read cache across requests (`GATEWAY_CACHE`, `GATEWAY_CACHE_TTL_S`, `GATEWAY_CACHE_MEMORY_MB`). */
  cache: CacheConfig;
  /** Per-operation budgets of CometChat calls (`GATEWAY_MAX_UPSTREAM_CALLS`). */
  maxUpstreamCalls: UpstreamCallLimits;
  /** Data import jobs: where they are kept and how fast they go (`GATEWAY_IMPORT_*`). */
  dataImport: DataImportConfig;
  /** API key writes (create, update, delete) allowed (`GATEWAY_ALLOW_KEY_MANAGEMENT`). */
  allowKeyManagement: boolean;
}

/** Data import jobs (src/imports). */
export interface DataImportConfig {
  /** Directory the jobs are persisted in (without it and without Redis: in memory only). */
  dir: string | null;
  /** Requests per window on each CometChat import endpoint (CometChat allows 60 a minute). */
  requestsPerWindow: number;
  /** The window in milliseconds (60000; shorter only against a server with a shorter window). */
  windowMs: number;
  /** Entities per import request, 1 to 50. */
  chunkSize: number;
  /** Pause before a chunk that failed as a whole (not a 429) is tried again, in milliseconds. */
  retryDelayMs: number;
}

export interface MetricsConfig {
  /** When set, `/metrics` needs `Authorization: Bearer <token>`. */
  token: string | null;
  /** When set, `/metrics` is served on 127.0.0.1:<port> only (and not on the main port). */
  port: number | null;
}

/**
 * The CORS allowlist: exact origins (`CORS_ORIGINS`), plus any loopback origin when
 * `allowLoopback` (emulator mode without `CORS_ORIGINS`, so local frontends work).
 */
export interface CorsConfig {
  origins: string[];
  allowLoopback: boolean;
}

/** The default request body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`Invalid configuration: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

// Variables whose values must never be echoed back in an error message.
const SECRET_VARIABLES = new Set([
  'COMETCHAT_API_KEY',
  'COMETCHAT_MGMT_KEY',
  'COMETCHAT_MGMT_SECRET',
  'GATEWAY_ADMIN_TOKENS',
  'WEBHOOK_PASSWORD',
  'EMULATOR_API_KEY',
  'REDIS_URL',
  'GATEWAY_JWT_SECRET',
  'METRICS_TOKEN',
]);

type Env = Record<string, string | undefined>;

/** An unset or blank variable counts as absent (Docker and CI often pass empty strings). */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function fail(name: string, requirement: string, value?: string): never {
  const got = value === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got '${value}')`;
  throw new ConfigError(name, `${name} ${requirement}${got}`);
}

function parseWith<T>(
  env: Env,
  name: string,
  schema: z.ZodType<T>,
  requirement: string,
): T | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  if (!result.success) fail(name, requirement, raw);
  return result.data;
}

const portSchema = z.coerce.number().int().min(0).max(65_535);
const nonNegativeInt = z.coerce.number().int().min(0);
const positiveInt = z.coerce.number().int().min(1);
const booleanSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
const httpUrl = z.string().refine((value) => {
  if (!/^https?:\/\/[^/?#]/i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
});
const redisUrl = z.url({ protocol: /^rediss?$/ });
// A browser origin exactly as browsers send it: scheme://host[:port], nothing after it.
const origin = z.string().refine((value) => {
  if (!/^https?:\/\/[^/?#*\s]+$/i.test(value)) return false;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
});
const originList = z
  .string()
  .transform((value) => value.split(',').map((entry) => entry.trim()))
  .pipe(z.array(origin).min(1))
  .transform((origins) => [...new Set(origins)]);
// CometChat app ids appear in a host name, so they are limited to host-name characters.
const appIdSchema = z.string().regex(/^[a-zA-Z0-9-]{1,63}$/);
// Webhook credentials: CometChat accepts alphanumeric usernames (50) and passwords (100).
// The emulator's app id and key follow what `npm run emulator` accepts for the same variables.
const emulatorAppId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const emulatorApiKey = z.string().regex(/^\S+$/);
const webhookUser = z.string().regex(/^[A-Za-z0-9]{1,50}$/);
const webhookPassword = z.string().regex(/^[A-Za-z0-9]{1,100}$/);

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

/**
 * Parses and validates the gateway configuration. Pure: reads only `env`.
 * @throws ConfigError naming the first offending variable.
 */
export function loadConfig(env: Env): Config {
  const nodeEnv =
    parseWith(env, 'NODE_ENV', z.enum(NODE_ENVS), `must be one of ${NODE_ENVS.join(', ')}`) ??
    'development';
  const port = parseWith(env, 'PORT', portSchema, 'must be a port number (0-65535)') ?? 4000;
  const host = read(env, 'HOST') ?? '127.0.0.1';
  const logLevel =
    parseWith(env, 'LOG_LEVEL', z.enum(LOG_LEVELS), `must be one of ${LOG_LEVELS.join(', ')}`) ??
    (nodeEnv === 'test' ? 'silent' : 'info');
  const graphiqlFlag = parseWith(env, 'GRAPHIQL', booleanSchema, 'must be true or false');
  const graphiql = graphiqlFlag ?? nodeEnv !== 'production';

  const region =
    parseWith(env, 'COMETCHAT_REGION', z.enum(REGIONS), `must be one of ${REGIONS.join(', ')}`) ??
    'us';
  const appId = parseWith(
    env,
    'COMETCHAT_APP_ID',
    appIdSchema,
    'must be a CometChat app id (letters, digits and dashes)',
  );
  const baseUrlRaw = parseWith(
    env,
    'COMETCHAT_BASE_URL',
    httpUrl,
    'must be an http(s) URL such as https://APP_ID.api-us.cometchat.io/v3',
  );
  const apiKey = read(env, 'COMETCHAT_API_KEY');

  let upstream: UpstreamConfig;
  if (apiKey === undefined) {
    // Never the emulator (and so never its development token) in production.
    if (nodeEnv === 'production') {
      fail(
        'COMETCHAT_API_KEY',
        'is required when NODE_ENV=production (the built-in emulator is for development only)',
      );
    }
    for (const name of ['COMETCHAT_BASE_URL', 'COMETCHAT_APP_ID', 'COMETCHAT_REGION']) {
      if (read(env, name) !== undefined) {
        fail(
          'COMETCHAT_API_KEY',
          `is required when ${name} is set (unset every COMETCHAT_* variable to use the built-in emulator)`,
        );
      }
    }
    if (read(env, 'COMETCHAT_CALL_BASE_URL') !== undefined) {
      fail('COMETCHAT_API_KEY', 'is required when COMETCHAT_CALL_BASE_URL is set');
    }
    upstream = { kind: 'emulator', emulator: loadEmulatorConfig(env, 0) };
  } else {
    let baseUrl: string;
    if (baseUrlRaw !== undefined) baseUrl = withoutTrailingSlash(baseUrlRaw);
    else if (appId !== undefined) baseUrl = `https://${appId}.api-${region}.cometchat.io/v3`;
    else
      fail(
        'COMETCHAT_APP_ID',
        'is required when COMETCHAT_API_KEY is set without COMETCHAT_BASE_URL',
      );
    const callBaseUrl = loadCallBaseUrl(env, appId, region);
    upstream = { kind: 'cometchat', baseUrl, apiKey, appId: appId ?? null, region, callBaseUrl };
  }

  const upstreamTuning = loadUpstreamTuning(env);
  const management = loadManagement(env, upstream, appId);
  const { adminTokens, adminTokensDefaulted } = loadAdminTokens(env, upstream, nodeEnv);

  const webhookUsername = parseWith(
    env,
    'WEBHOOK_USERNAME',
    webhookUser,
    'must be 1-50 letters or digits',
  );
  const webhookPasswordValue = parseWith(
    env,
    'WEBHOOK_PASSWORD',
    webhookPassword,
    'must be 1-100 letters or digits',
  );
  if (webhookUsername !== undefined && webhookPasswordValue === undefined) {
    fail('WEBHOOK_PASSWORD', 'is required when WEBHOOK_USERNAME is set');
  }
  if (webhookPasswordValue !== undefined && webhookUsername === undefined) {
    fail('WEBHOOK_USERNAME', 'is required when WEBHOOK_PASSWORD is set');
  }
  const webhook =
    webhookUsername !== undefined && webhookPasswordValue !== undefined
      ? { username: webhookUsername, password: webhookPasswordValue }
      : null;

  const redis =
    parseWith(env, 'REDIS_URL', redisUrl, 'must be a redis:// or rediss:// URL') ?? null;
  const webhookDedupMaxBytes =
    (parseWith(
      env,
      'WEBHOOK_DEDUP_MEMORY_MB',
      positiveInt.max(65_536),
      'must be a whole number of MiB (1-65536)',
    ) ?? 64) *
    1024 *
    1024;

  const jwt = loadJwt(env, upstream);

  // Operations: metrics access and trace export.
  const metricsToken =
    parseWith(env, 'METRICS_TOKEN', z.string().regex(/^\S+$/), 'must not contain whitespace') ??
    null;
  const metricsPort =
    parseWith(env, 'METRICS_PORT', portSchema, 'must be a port number (0-65535)') ?? null;
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) {
    fail('METRICS_PORT', 'must differ from PORT', String(metricsPort));
  }
  const otlpEndpoint =
    parseWith(
      env,
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      httpUrl,
      'must be an http(s) URL such as http://127.0.0.1:4318',
    ) ?? null;

  // Exposure: request body limit, CORS allowlist, trusted documents.
  const maxBodyBytes =
    parseWith(
      env,
      'GATEWAY_MAX_BODY_BYTES',
      positiveInt.min(1024).max(104_857_600),
      'must be a whole number of bytes from 1024 to 104857600',
    ) ?? DEFAULT_MAX_BODY_BYTES;
  const corsOrigins = parseWith(
    env,
    'CORS_ORIGINS',
    originList,
    'must be a comma-separated list of origins such as https://app.example.com (scheme, host and optional port, nothing after; * is not accepted)',
  );
  const cors: CorsConfig = {
    origins: corsOrigins ?? [],
    allowLoopback: corsOrigins === undefined && upstream.kind === 'emulator',
  };
  const trustedDocumentsPath = read(env, 'GATEWAY_TRUSTED_DOCUMENTS') ?? null;
  // The budget of CometChat calls per operation: N for end users, 10 x N for admins. Digits
  // only: `Number()` would also take `1e3`, `0x10` or `12.0`.
  const upstreamCallsSchema = z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .transform(Number)
    .refine((value) => value <= 100_000);
  const maxCallsBase =
    parseWith(
      env,
      'GATEWAY_MAX_UPSTREAM_CALLS',
      upstreamCallsSchema,
      'must be a positive whole number (at most 100000)',
    ) ?? DEFAULT_MAX_UPSTREAM_CALLS;
  const maxUpstreamCalls: UpstreamCallLimits = {
    user: maxCallsBase,
    admin: maxCallsBase * ADMIN_UPSTREAM_CALLS_FACTOR,
  };

  // The read cache across requests (off by default).
  const cacheKind =
    parseWith(
      env,
      'GATEWAY_CACHE',
      z.enum(['off', 'memory', 'redis']),
      'must be off, memory or redis',
    ) ?? 'off';
  if (cacheKind === 'redis' && redis === null) {
    fail('GATEWAY_CACHE', 'redis needs REDIS_URL', cacheKind);
  }
  const cache: CacheConfig = {
    kind: cacheKind,
    ttlSeconds:
      parseWith(
        env,
        'GATEWAY_CACHE_TTL_S',
        positiveInt.max(86_400),
        'must be a whole number of seconds (1-86400)',
      ) ?? 30,
    memoryMaxBytes:
      (parseWith(
        env,
        'GATEWAY_CACHE_MEMORY_MB',
        positiveInt.max(65_536),
        'must be a whole number of MiB (1-65536)',
      ) ?? 64) *
      1024 *
      1024,
  };

  return {
    port,
    host,
    nodeEnv,
    logLevel,
    graphiql,
    introspection: graphiqlFlag ?? nodeEnv !== 'production',
    upstream,
    upstreamTuning,
    management,
    adminTokens,
    adminTokensDefaulted,
    webhook,
    redisUrl: redis,
    webhookDedupMaxBytes,
    jwt,
    metrics: { token: metricsToken, port: metricsPort },
    otlpEndpoint,
    maxBodyBytes,
    cors,
    trustedDocumentsPath,
    cache,
    maxUpstreamCalls,
    dataImport: loadDataImport(env),
    allowKeyManagement: loadKeyManagement(env),
  };
}

/** `GATEWAY_ALLOW_KEY_MANAGEMENT`: API key writes through the graph, off unless `true`. */
function loadKeyManagement(env: Env): boolean {
  return (
    parseWith(env, 'GATEWAY_ALLOW_KEY_MANAGEMENT', booleanSchema, 'must be true or false') ?? false
  );
}

function loadDataImport(env: Env): DataImportConfig {
  return {
    dir: read(env, 'GATEWAY_IMPORT_DIR') ?? null,
    requestsPerWindow:
      parseWith(
        env,
        'GATEWAY_IMPORT_REQUESTS_PER_WINDOW',
        positiveInt.max(10_000),
        'must be a whole number from 1 to 10000',
      ) ?? 60,
    windowMs:
      parseWith(
        env,
        'GATEWAY_IMPORT_WINDOW_MS',
        positiveInt.max(600_000),
        'must be a whole number of milliseconds (1-600000)',
      ) ?? 60_000,
    chunkSize:
      parseWith(
        env,
        'GATEWAY_IMPORT_CHUNK_SIZE',
        positiveInt.max(50),
        'must be a whole number from 1 to 50',
      ) ?? 50,
    retryDelayMs:
      parseWith(
        env,
        'GATEWAY_IMPORT_RETRY_DELAY_MS',
        positiveInt.max(600_000),
        'must be a whole number of milliseconds (1-600000)',
      ) ?? 1000,
  };
}

function loadJwt(env: Env, upstream: UpstreamConfig): JwtConfig | null {
  const secret = parseWith(
    env,
    'GATEWAY_JWT_SECRET',
    z.string().min(32),
    'must be at least 32 characters (an HS256 key)',
  );
  const jwksUrl = parseWith(env, 'GATEWAY_JWKS_URL', httpUrl, 'must be an http(s) URL');
  if (secret !== undefined && jwksUrl !== undefined) {
    fail('GATEWAY_JWKS_URL', 'cannot be set together with GATEWAY_JWT_SECRET (choose one)');
  }
  const issuer = read(env, 'GATEWAY_JWT_ISSUER') ?? null;
  const audience = read(env, 'GATEWAY_JWT_AUDIENCE') ?? null;
  if (secret === undefined && jwksUrl === undefined) {
    for (const name of ['GATEWAY_JWT_ISSUER', 'GATEWAY_JWT_AUDIENCE']) {
      if (read(env, name) !== undefined) {
        fail(name, 'needs GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL');
      }
    }
    // Emulator mode: a fresh secret per start, so a development JWT can be printed and used.
    if (upstream.kind !== 'emulator') return null;
    return {
      secret: randomBytes(32).toString('hex'),
      jwksUrl: null,
      issuer: null,
      audience: null,
      development: true,
    };
  }
  return {
    secret: secret ?? null,
    jwksUrl: jwksUrl ?? null,
    issuer,
    audience,
    development: false,
  };
}

/** Values the logger must never print (the public development token is not one of them). */
export function secretsOf(config: Config): string[] {
  const secrets: string[] = [];
  if (config.upstream.kind === 'cometchat') secrets.push(config.upstream.apiKey);
  if (config.management) secrets.push(config.management.key, config.management.secret);
  if (config.webhook) secrets.push(config.webhook.password);
  if (!config.adminTokensDefaulted) secrets.push(...config.adminTokens);
  if (config.redisUrl) secrets.push(config.redisUrl);
  if (config.jwt?.secret) secrets.push(config.jwt.secret);
  if (config.metrics.token) secrets.push(config.metrics.token);
  return secrets;
}

/**
 * The standalone and embedded emulator settings (`EMULATOR_*`). `defaultPort` is 4010 for
 * `npm run emulator` and 0 (a free port) when the gateway embeds the emulator.
 */
export function loadEmulatorConfig(env: Env, defaultPort: number): EmulatorConfig {
  return {
    port:
      parseWith(env, 'EMULATOR_PORT', portSchema, 'must be a port number (0-65535)') ?? defaultPort,
    appId:
      parseWith(
        env,
        'EMULATOR_APP_ID',
        emulatorAppId,
        'must be letters, digits, dashes and underscores (up to 100)',
      ) ?? 'emulator',
    apiKey:
      parseWith(env, 'EMULATOR_API_KEY', emulatorApiKey, 'must not contain whitespace') ??
      'emulator-api-key',
    seed:
      parseWith(env, 'EMULATOR_SEED', z.enum(SEEDS), `must be one of ${SEEDS.join(', ')}`) ??
      'demo',
    latencyMs:
      parseWith(
        env,
        'EMULATOR_LATENCY_MS',
        nonNegativeInt.max(600_000),
        'must be a whole number of milliseconds (up to 600000)',
      ) ?? 0,
    rateLimitPerMin: parseWith(
      env,
      'EMULATOR_RATE_LIMIT_PER_MIN',
      positiveInt,
      'must be a positive whole number',
    ),
    webhookHosts:
      parseWith(
        env,
        'EMULATOR_WEBHOOK_HOSTS',
        z.enum(EMULATOR_WEBHOOK_HOSTS),
        `must be one of ${EMULATOR_WEBHOOK_HOSTS.join(', ')}`,
      ) ?? 'loopback',
  };
}

const MAX_TIMEOUT_MS = 600_000;

/** `COMETCHAT_*` settings of the client's resilience: timeouts, answer size, budget, breaker. */
function loadUpstreamTuning(env: Env): UpstreamTuning {
  const ms = positiveInt.max(MAX_TIMEOUT_MS);
  const msRule = `must be a whole number of milliseconds (1-${MAX_TIMEOUT_MS})`;
  const attemptTimeoutMs = parseWith(env, 'COMETCHAT_ATTEMPT_TIMEOUT_MS', ms, msRule) ?? 5_000;
  const requestTimeoutMs =
    parseWith(env, 'COMETCHAT_REQUEST_TIMEOUT_MS', ms, msRule) ?? Math.max(8_000, attemptTimeoutMs);
  if (requestTimeoutMs < attemptTimeoutMs) {
    fail(
      'COMETCHAT_REQUEST_TIMEOUT_MS',
      `must be at least COMETCHAT_ATTEMPT_TIMEOUT_MS (${attemptTimeoutMs})`,
      String(requestTimeoutMs),
    );
  }
  return {
    attemptTimeoutMs,
    requestTimeoutMs,
    maxResponseBytes:
      parseWith(
        env,
        'COMETCHAT_MAX_RESPONSE_BYTES',
        z.coerce
          .number()
          .int()
          .min(1024)
          .max(1024 * 1024 * 1024),
        'must be a whole number of bytes (1024-1073741824)',
      ) ?? 8 * 1024 * 1024,
    rateLimitPerMin: parseWith(
      env,
      'COMETCHAT_RATE_LIMIT_PER_MIN',
      positiveInt,
      'must be a positive whole number of requests per minute',
    ),
    breakerFailures:
      parseWith(
        env,
        'COMETCHAT_BREAKER_FAILURES',
        positiveInt.max(1000),
        'must be a whole number (1-1000)',
      ) ?? 5,
    breakerCooldownMs: parseWith(env, 'COMETCHAT_BREAKER_COOLDOWN_MS', ms, msRule) ?? 10_000,
  };
}

/**
 * The Calls API base URL (`GET /calls`): `COMETCHAT_CALL_BASE_URL`, else derived from the app id
 * and region (`https://{appId}.call-{region}.cometchat.io/v3`); null when neither is set.
 */
function loadCallBaseUrl(env: Env, appId: string | undefined, region: Region): string | null {
  const raw = parseWith(
    env,
    'COMETCHAT_CALL_BASE_URL',
    httpUrl,
    'must be an http(s) URL such as https://APP_ID.call-us.cometchat.io/v3',
  );
  if (raw !== undefined) return withoutTrailingSlash(raw);
  return appId === undefined ? null : `https://${appId}.call-${region}.cometchat.io/v3`;
}

function loadManagement(
  env: Env,
  upstream: UpstreamConfig,
  appId: string | undefined,
): ManagementConfig | null {
  const names = ['COMETCHAT_MGMT_KEY', 'COMETCHAT_MGMT_SECRET', 'COMETCHAT_MGMT_BASE_URL'] as const;
  const present = names.filter((name) => read(env, name) !== undefined);
  if (present.length === 0) return null;
  const missing = names.find((name) => read(env, name) === undefined);
  if (missing !== undefined)
    fail(missing, `is required when ${present[0]} is set (set all three or none)`);
  if (upstream.kind === 'emulator') {
    fail('COMETCHAT_API_KEY', `is required when ${present[0]} is set`);
  }
  if (appId === undefined) fail('COMETCHAT_APP_ID', 'is required when COMETCHAT_MGMT_KEY is set');
  const baseUrl = parseWith(env, 'COMETCHAT_MGMT_BASE_URL', httpUrl, 'must be an http(s) URL');
  return {
    baseUrl: withoutTrailingSlash(baseUrl ?? ''),
    appId,
    key: read(env, 'COMETCHAT_MGMT_KEY') ?? '',
    secret: read(env, 'COMETCHAT_MGMT_SECRET') ?? '',
  };
}

function loadAdminTokens(
  env: Env,
  upstream: UpstreamConfig,
  nodeEnv: NodeEnv,
): { adminTokens: string[]; adminTokensDefaulted: boolean } {
  const raw = read(env, 'GATEWAY_ADMIN_TOKENS');
  if (raw !== undefined) {
    const tokens = raw.split(',').map((token) => token.trim());
    if (tokens.some((token) => token === '' || /\s/.test(token))) {
      fail(
        'GATEWAY_ADMIN_TOKENS',
        'must be a comma-separated list of non-empty tokens without spaces',
      );
    }
    // The development token is printed in the README: a production gateway never accepts it.
    if (nodeEnv === 'production' && tokens.includes(DEV_ADMIN_TOKEN)) {
      fail(
        'GATEWAY_ADMIN_TOKENS',
        `must not contain the public development token ${DEV_ADMIN_TOKEN} when NODE_ENV=production`,
      );
    }
    return { adminTokens: [...new Set(tokens)], adminTokensDefaulted: false };
  }
  // A loopback upstream (e.g. `npm run emulator` beside the gateway) is local development, so it
  // gets the same well-known token as emulator mode; production never does.
  const local =
    upstream.kind === 'emulator' || (nodeEnv !== 'production' && isLoopbackUrl(upstream.baseUrl));
  if (!local) {
    fail(
      'GATEWAY_ADMIN_TOKENS',
      'is required when COMETCHAT_API_KEY is set (comma-separated bearer tokens)',
    );
  }
  return { adminTokens: [DEV_ADMIN_TOKEN], adminTokensDefaulted: true };
}
