/**
 * The only code that speaks HTTP to CometChat. One pooled undici dispatcher per client
 * (keep-alive, bounded connections, connect/headers/body timeouts), the `apikey` header (or the
 * Management API's `key` + `secret`), `onBehalfOf` when a call acts as a user, an overall deadline
 * per call, caller AbortSignals, and bounded retries for idempotent GETs only.
 *
 * Every failure leaves as an {@link UpstreamError} that names the method and path, never the host,
 * the query string or a credential; CometChat's own error text is scrubbed of the credentials too,
 * because some of its messages quote the key that was used.
 */
import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import { errorKindFor, normaliseDetails, retryAfterSecondsFrom, UpstreamError } from './errors.js';

export interface UpstreamLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface ManagementOptions {
  /** e.g. https://apimgmt.cometchat.io (no trailing path needed). */
  baseUrl: string;
  appId: string;
  key: string;
  secret: string;
}

export interface UpstreamClientOptions {
  /** e.g. https://{appId}.api-{region}.cometchat.io/v3 or http://127.0.0.1:4010/v3 */
  baseUrl: string;
  apiKey: string;
  /** CometChat's Management API, where webhooks are managed. */
  management?: ManagementOptions | undefined;
  /** Connections per origin; default 32. */
  connections?: number | undefined;
  /** Defaults 5 s / 15 s / 15 s. */
  connectTimeoutMs?: number | undefined;
  headersTimeoutMs?: number | undefined;
  bodyTimeoutMs?: number | undefined;
  /** Overall deadline per call, retries and waits included; default 20 s. */
  requestTimeoutMs?: number | undefined;
  /** Retries for idempotent GETs on 429/503/connection errors; default 2. */
  retries?: number | undefined;
  /** The longest `Retry-After` worth waiting for; longer means giving up at once. Default 2 s. */
  maxRetryWaitMs?: number | undefined;
  /** First back-off step when the upstream gives no `Retry-After` (doubles per retry); default 100 ms. */
  retryBaseDelayMs?: number | undefined;
  /** Idle keep-alive sockets are closed after this long; default 10 s. */
  keepAliveTimeoutMs?: number | undefined;
  /** Larger response bodies are refused as bad responses; default 64 MiB. */
  maxResponseBytes?: number | undefined;
  /** Tests inject an undici MockAgent here; the client then neither owns nor closes it. */
  dispatcher?: Dispatcher | undefined;
  logger?: UpstreamLogger | undefined;
}

export interface CallOptions {
  /** Act as this CometChat user (sent as the `onBehalfOf` header). */
  onBehalfOf?: string | undefined;
  /** Aborting rejects the call promptly with the signal's reason; it is never retried. */
  signal?: AbortSignal | undefined;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | string[] | undefined;

export interface UpstreamRequest extends CallOptions {
  method: HttpMethod;
  /**
   * The path below the base URL. `{name}` placeholders are filled from `params`, each value
   * URL-encoded and required to be non-empty; on the management API `{appId}` is filled in.
   */
  path: string;
  params?: Record<string, string> | undefined;
  /** Arrays are sent comma-separated (OpenAPI `form`, `explode: false`); undefined is left out. */
  query?: Record<string, QueryValue> | undefined;
  /** Sent as JSON when defined (DELETE included). */
  body?: unknown;
  api?: 'chat' | 'management' | undefined;
  /** Further values (e.g. auth tokens in the path) masked in errors and logs. */
  redact?: readonly string[] | undefined;
}

const DEFAULTS = {
  connections: 32,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  requestTimeoutMs: 20_000,
  retries: 2,
  maxRetryWaitMs: 2_000,
  retryBaseDelayMs: 100,
  keepAliveTimeoutMs: 10_000,
  maxResponseBytes: 64 * 1024 * 1024,
} as const;

const REGIONS = ['us', 'eu', 'in'] as const;

/**
 * Fails fast, without an HTTP call, when an endpoint that CometChat documents as acting for a user
 * (onBehalfOf required) is called without one.
 */
export function requireOnBehalfOf(opts: CallOptions, method: HttpMethod, path: string): string {
  if (opts.onBehalfOf === undefined || opts.onBehalfOf === '') {
    throw new UpstreamError({
      kind: 'invalid',
      code: 'CLIENT_INVALID_ARGUMENT',
      method,
      path,
      message: `CometChat ${method} ${path}: onBehalfOf is required`,
    });
  }
  return opts.onBehalfOf;
}

/**
 * The chat API base URL of a CometChat app: `https://{appId}.api-{region}.cometchat.io/v3`.
 * Throws a TypeError for an app id that cannot be a host label or an unknown region.
 */
export function baseUrlFor(appId: string, region: 'us' | 'eu' | 'in'): string {
  if (!/^[a-zA-Z0-9-]{1,63}$/.test(appId)) {
    throw new TypeError('CometChat app id must be letters, digits and dashes (1..63 characters)');
  }
  if (!REGIONS.includes(region)) {
    throw new TypeError(`CometChat region must be one of ${REGIONS.join(', ')}`);
  }
  return `https://${appId.toLowerCase()}.api-${region}.cometchat.io/v3`;
}

interface Origin {
  origin: string;
  basePath: string;
}

function parseBase(url: string, what: string): Origin {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${what} must be an absolute http(s) URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`${what} must be an absolute http(s) URL`);
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.search !== '') {
    throw new TypeError(`${what} must not carry credentials or a query string`);
  }
  return { origin: parsed.origin, basePath: parsed.pathname.replace(/\/+$/, '') };
}

function positive(value: number | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new TypeError(`UpstreamClient option ${name} must be a number >= ${min}`);
  }
  return value;
}

/** Errors that happen before a request reaches the server: safe to retry, never an unknown write. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** The connection broke after the request may have been sent. */
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code; // reading an optional field of an object
    if (typeof code === 'string') return code;
    const nested = (current as { errors?: unknown }).errors; // AggregateError from happy eyeballs
    current =
      Array.isArray(nested) && nested.length > 0
        ? nested[0]
        : (current as { cause?: unknown }).cause; // same
  }
  return undefined;
}

/** Thrown inside an attempt to carry a transport failure out to the retry loop. */
class TransportFailure extends Error {
  constructor(
    readonly failure: 'connect' | 'reset' | 'timeout' | 'aborted' | 'too_large' | 'other',
    readonly errorCode: string | undefined,
    /** The request may have reached the server. */
    readonly sent: boolean,
  ) {
    super(failure);
  }
}

class DeadlineExceeded extends Error {}

interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A CometChat REST client. Resource modules (`users.ts`, `groups.ts`, ...) call
 * {@link UpstreamClient.request} with a zod-backed parser and return typed records.
 */
export class UpstreamClient {
  readonly hasManagement: boolean;
  /** Number of HTTP requests sent (each retry counts), for budgets and metrics. */
  readonly stats: { requests: number } = { requests: 0 };

  private readonly chat: Origin;
  private readonly management:
    | (Origin & { appId: string; key: string; secret: string })
    | undefined;
  private readonly apiKey: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly secrets: string[];
  private readonly logger: UpstreamLogger | undefined;
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryWaitMs: number;
  private readonly retryBaseDelayMs: number;
  private readonly maxResponseBytes: number;
  private closed = false;

  constructor(options: UpstreamClientOptions) {
    if (typeof options.apiKey !== 'string' || options.apiKey === '') {
      throw new TypeError('UpstreamClient needs a non-empty apiKey');
    }
    this.chat = parseBase(options.baseUrl, 'CometChat baseUrl');
    this.apiKey = options.apiKey;
    const mgmt = options.management;
    if (mgmt) {
      if (!mgmt.appId || !mgmt.key || !mgmt.secret) {
        throw new TypeError('CometChat management options need appId, key and secret');
      }
      this.management = {
        ...parseBase(mgmt.baseUrl, 'CometChat management baseUrl'),
        appId: mgmt.appId,
        key: mgmt.key,
        secret: mgmt.secret,
      };
    }
    this.hasManagement = this.management !== undefined;
    this.secrets = [options.apiKey, mgmt?.key, mgmt?.secret].filter(
      (s): s is string => typeof s === 'string' && s !== '',
    );
    this.logger = options.logger;
    const connectTimeout = positive(
      options.connectTimeoutMs,
      DEFAULTS.connectTimeoutMs,
      'connectTimeoutMs',
      1,
    );
    this.headersTimeoutMs = positive(
      options.headersTimeoutMs,
      DEFAULTS.headersTimeoutMs,
      'headersTimeoutMs',
      1,
    );
    this.bodyTimeoutMs = positive(
      options.bodyTimeoutMs,
      DEFAULTS.bodyTimeoutMs,
      'bodyTimeoutMs',
      1,
    );
    this.requestTimeoutMs = positive(
      options.requestTimeoutMs,
      DEFAULTS.requestTimeoutMs,
      'requestTimeoutMs',
      1,
    );
    this.retries = Math.floor(positive(options.retries, DEFAULTS.retries, 'retries'));
    this.maxRetryWaitMs = positive(
      options.maxRetryWaitMs,
      DEFAULTS.maxRetryWaitMs,
      'maxRetryWaitMs',
    );
    this.retryBaseDelayMs = positive(
      options.retryBaseDelayMs,
      DEFAULTS.retryBaseDelayMs,
      'retryBaseDelayMs',
    );
    this.maxResponseBytes = positive(
      options.maxResponseBytes,
      DEFAULTS.maxResponseBytes,
      'maxResponseBytes',
      1,
    );
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
      this.ownsDispatcher = false;
    } else {
      // An Agent keeps one bounded keep-alive pool per origin (chat API and management API).
      this.dispatcher = new Agent({
        connections: Math.floor(
          positive(options.connections, DEFAULTS.connections, 'connections', 1),
        ),
        keepAliveTimeout: positive(
          options.keepAliveTimeoutMs,
          DEFAULTS.keepAliveTimeoutMs,
          'keepAliveTimeoutMs',
          1,
        ),
        connect: { timeout: connectTimeout },
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyTimeoutMs,
      });
      this.ownsDispatcher = true;
    }
  }

  /**
   * Sends one call and parses a successful answer with `parse` (normally a zod schema's `parse`).
   * GETs are retried on 429/503/connection errors within the call's deadline; writes never are.
   * Rejects with an {@link UpstreamError}, or with the caller's abort reason when `signal` aborts.
   */
  async request<T>(req: UpstreamRequest, parse: (raw: unknown) => T): Promise<T> {
    const api = req.api ?? 'chat';
    const redact = [...this.secrets, ...(req.redact ?? []).filter((s) => s !== '')];
    const scrub = (text: string): string => scrubText(text, redact);
    const templatePath = req.path;
    const fail = (
      init: Omit<ConstructorParameters<typeof UpstreamError>[0], 'method' | 'path'>,
      path = templatePath,
    ) =>
      new UpstreamError({
        ...init,
        message: scrub(init.message),
        method: req.method,
        path: scrub(path),
      });

    if (this.closed) {
      throw fail({
        kind: 'unavailable',
        message: `CometChat ${req.method} ${templatePath}: the client is closed`,
      });
    }
    const target = api === 'management' ? this.management : this.chat;
    if (!target) {
      throw fail({
        kind: 'unauthorized',
        code: 'MGMT_NOT_CONFIGURED',
        message: `CometChat ${req.method} ${templatePath}: the Management API (key and secret) is not configured`,
      });
    }
    const path = this.resolvePath(req, api, fail);
    const query = buildQuery(req.query, (message) =>
      fail(
        {
          kind: 'invalid',
          code: 'CLIENT_INVALID_ARGUMENT',
          message: `CometChat ${req.method} ${path}: ${message}`,
        },
        path,
      ),
    );
    const headers: Record<string, string> = { accept: 'application/json' };
    if (api === 'management' && this.management) {
      headers.key = this.management.key;
      headers.secret = this.management.secret;
    } else {
      headers.apikey = this.apiKey;
    }
    if (req.onBehalfOf !== undefined && req.onBehalfOf !== '') {
      if (!/^[\x21-\x7e]{1,200}$/.test(req.onBehalfOf)) {
        throw fail(
          {
            kind: 'invalid',
            code: 'CLIENT_INVALID_ARGUMENT',
            message: `CometChat ${req.method} ${path}: onBehalfOf is not a valid uid`,
          },
          path,
        );
      }
      headers.onBehalfOf = req.onBehalfOf;
    }
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      try {
        body = JSON.stringify(req.body);
      } catch {
        throw fail(
          {
            kind: 'invalid',
            code: 'CLIENT_INVALID_ARGUMENT',
            message: `CometChat ${req.method} ${path}: the body cannot be sent as JSON`,
          },
          path,
        );
      }
    }

    const callerSignal = req.signal;
    if (callerSignal?.aborted) throw callerSignal.reason;
    const controller = new AbortController();
    const deadline = Date.now() + this.requestTimeoutMs;
    const deadlineError = new DeadlineExceeded();
    const timer = setTimeout(() => controller.abort(deadlineError), this.requestTimeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

    const isWrite = req.method !== 'GET';
    const logPath = scrub(path);
    try {
      for (let attempt = 0; ; attempt++) {
        const started = Date.now();
        let outcome: { answer: HttpAnswer } | { transport: TransportFailure };
        try {
          outcome = {
            answer: await this.send(
              target.origin,
              target.basePath + path + query,
              req.method,
              headers,
              body,
              controller.signal,
            ),
          };
        } catch (error) {
          if (callerSignal?.aborted) throw callerSignal.reason;
          if (controller.signal.aborted) throw deadlineError;
          outcome = { transport: error instanceof TransportFailure ? error : classify(error) };
        }
        const durationMs = Date.now() - started;

        if ('transport' in outcome) {
          const transport = outcome.transport;
          this.logger?.debug(
            {
              method: req.method,
              path: logPath,
              attempt,
              durationMs,
              failure: transport.failure,
              errorCode: transport.errorCode,
            },
            'cometchat request failed',
          );
          const retryable =
            !isWrite && (transport.failure === 'connect' || transport.failure === 'reset');
          if (retryable && attempt < this.retries) {
            const waitMs = this.backoff(attempt);
            if (Date.now() + waitMs < deadline) {
              this.logger?.warn(
                { method: req.method, path: logPath, attempt, waitMs, failure: transport.failure },
                'retrying cometchat request',
              );
              await sleep(waitMs, controller.signal);
              continue;
            }
          }
          throw fail(transportError(transport, isWrite, req.method, path), path);
        }
        const answer = outcome.answer;

        this.logger?.debug(
          { method: req.method, path: logPath, attempt, durationMs, status: answer.status },
          'cometchat request',
        );
        if (answer.status >= 200 && answer.status < 300) {
          return this.parseSuccess(answer, parse, req.method, path, fail);
        }
        const error = httpError(answer, req.method, path, scrub);
        const retryable = !isWrite && (answer.status === 429 || answer.status === 503);
        if (retryable && attempt < this.retries) {
          const waitMs =
            error.retryAfterSeconds !== undefined
              ? error.retryAfterSeconds * 1000
              : this.backoff(attempt);
          if (waitMs <= this.maxRetryWaitMs && Date.now() + waitMs < deadline) {
            this.logger?.warn(
              { method: req.method, path: logPath, attempt, waitMs, status: answer.status },
              'retrying cometchat request',
            );
            await sleep(waitMs, controller.signal);
            continue;
          }
        }
        throw error;
      }
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (
        error instanceof DeadlineExceeded ||
        (controller.signal.aborted && !(error instanceof UpstreamError))
      ) {
        throw fail(
          {
            kind: 'timeout',
            message: `CometChat ${req.method} ${path}: no answer within ${this.requestTimeoutMs} ms`,
            outcomeUnknown: isWrite,
          },
          path,
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Closes pooled connections (only when the client created its own dispatcher). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private resolvePath(
    req: UpstreamRequest,
    api: 'chat' | 'management',
    fail: (init: { kind: 'invalid'; code: string; message: string }) => UpstreamError,
  ): string {
    if (!req.path.startsWith('/')) {
      throw fail({
        kind: 'invalid',
        code: 'CLIENT_INVALID_ARGUMENT',
        message: `CometChat ${req.method} ${req.path}: path must start with /`,
      });
    }
    const params: Record<string, string> = { ...(req.params ?? {}) };
    if (api === 'management' && this.management && params.appId === undefined) {
      params.appId = this.management.appId;
    }
    return req.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
      const value = params[name];
      if (typeof value !== 'string' || value.trim() === '') {
        throw fail({
          kind: 'invalid',
          code: 'CLIENT_INVALID_ARGUMENT',
          message: `CometChat ${req.method} ${req.path}: ${name} must be a non-empty string`,
        });
      }
      return encodeURIComponent(value);
    });
  }

  private backoff(attempt: number): number {
    return this.retryBaseDelayMs * 2 ** attempt;
  }

  private async send(
    origin: string,
    path: string,
    method: HttpMethod,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<HttpAnswer> {
    this.stats.requests += 1;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin,
        path,
        method,
        headers,
        body: body ?? null,
        signal,
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyTimeoutMs,
      });
    } catch (error) {
      throw classify(error);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array); // body chunks are bytes
        size += buffer.length;
        if (size > this.maxResponseBytes) {
          response.body.destroy();
          throw new TransportFailure('too_large', undefined, true);
        }
        chunks.push(buffer);
      }
    } catch (error) {
      if (error instanceof TransportFailure) throw error;
      const failure = classify(error);
      // Headers arrived, so the request was processed; a broken body after a success status
      // still leaves a write's result unread.
      throw new TransportFailure(
        failure.failure === 'connect' ? 'reset' : failure.failure,
        failure.errorCode,
        response.statusCode < 400,
      );
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      text: Buffer.concat(chunks).toString('utf8'),
    };
  }

  private parseSuccess<T>(
    answer: HttpAnswer,
    parse: (raw: unknown) => T,
    method: HttpMethod,
    path: string,
    fail: (
      init: { kind: 'bad_response'; message: string; status: number },
      path: string,
    ) => UpstreamError,
  ): T {
    let raw: unknown;
    try {
      raw = answer.text === '' ? undefined : JSON.parse(answer.text);
    } catch {
      throw fail(
        {
          kind: 'bad_response',
          status: answer.status,
          message: `CometChat ${method} ${path}: the response body is not JSON`,
        },
        path,
      );
    }
    try {
      return parse(raw);
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      const reason =
        error instanceof z.ZodError
          ? describeIssue(error)
          : error instanceof Error
            ? error.message
            : 'the response could not be read';
      throw fail(
        {
          kind: 'bad_response',
          status: answer.status,
          message: `CometChat ${method} ${path}: unexpected response, ${reason}`,
        },
        path,
      );
    }
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid body';
  const path = issue.path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
  return `${path === '' ? '(root)' : path}: ${issue.message}`;
}

function classify(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = errorCodeOf(error);
  if (code !== undefined && CONNECT_CODES.has(code))
    return new TransportFailure('connect', code, false);
  if (code !== undefined && RESET_CODES.has(code)) return new TransportFailure('reset', code, true);
  if (code !== undefined && TIMEOUT_CODES.has(code))
    return new TransportFailure('timeout', code, true);
  if (
    code === 'UND_ERR_ABORTED' ||
    code === 'UND_ERR_ABORT' ||
    (error instanceof Error && error.name === 'AbortError')
  ) {
    return new TransportFailure('aborted', code, true);
  }
  return new TransportFailure('other', code, true);
}

function transportError(
  t: TransportFailure,
  isWrite: boolean,
  method: string,
  path: string,
): ConstructorParameters<typeof UpstreamError>[0] {
  const outcomeUnknown = isWrite && t.sent;
  const why = t.errorCode ? ` (${t.errorCode})` : '';
  const base = { method, path, outcomeUnknown };
  switch (t.failure) {
    case 'timeout':
    case 'aborted':
      return { ...base, kind: 'timeout', message: `CometChat ${method} ${path}: timed out${why}` };
    case 'too_large':
      return {
        ...base,
        kind: 'bad_response',
        message: `CometChat ${method} ${path}: the response body is too large`,
      };
    case 'connect':
      return {
        ...base,
        kind: 'unavailable',
        message: `CometChat ${method} ${path}: could not connect${why}`,
      };
    case 'reset':
      return {
        ...base,
        kind: 'unavailable',
        message: `CometChat ${method} ${path}: the connection broke${why}`,
      };
    default:
      return {
        ...base,
        kind: 'unavailable',
        message: `CometChat ${method} ${path}: request failed${why}`,
      };
  }
}

const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    devMessage: z.string().optional(),
    details: z.unknown().optional(),
  }),
});

function httpError(
  answer: HttpAnswer,
  method: HttpMethod,
  path: string,
  scrub: (text: string) => string,
): UpstreamError {
  let parsed: z.infer<typeof errorBodySchema> | undefined;
  try {
    const result = errorBodySchema.safeParse(JSON.parse(answer.text));
    if (result.success) parsed = result.data;
  } catch {
    // Not JSON (a proxy's HTML page, an empty 503): the status alone decides.
  }
  const code = parsed?.error.code;
  const text = parsed?.error.message ?? parsed?.error.devMessage ?? `HTTP ${answer.status}`;
  const details = normaliseDetails(parsed?.error.details);
  let scrubbed: Record<string, string[]> | undefined;
  if (details) {
    // A field message may quote a credential just like the top-level message can.
    scrubbed = {};
    for (const [field, messages] of Object.entries(details))
      scrubbed[scrub(field)] = messages.map(scrub);
  }
  return new UpstreamError({
    kind: errorKindFor(answer.status, code),
    method,
    path: scrub(path),
    status: answer.status,
    code,
    details: scrubbed,
    retryAfterSeconds: retryAfterSecondsFrom(answer.headers, parsed?.error.details),
    message: scrub(
      `CometChat ${method} ${path}: ${answer.status}${code ? ` ${code}` : ''}, ${text}`,
    ),
  });
}

function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      if (form !== '') out = out.split(form).join('[redacted]');
    }
  }
  return out;
}

function buildQuery(
  query: Record<string, QueryValue> | undefined,
  invalid: (message: string) => UpstreamError,
): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.append(name, value.join(','));
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw invalid(`query parameter ${name} must be a finite number`);
      params.append(name, String(value));
    } else {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
