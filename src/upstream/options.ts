/**
 * The upstream client's options and the shape of one request; `client.ts` re-exports all of them,
 * so callers keep importing from there.
 */
import type { Dispatcher } from 'undici';

export interface UpstreamLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  /** For problems an operator must fix (CometChat refusing the credentials); `warn` when absent. */
  error?(obj: object, msg?: string): void;
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
  /**
   * The Calls API (call logs), e.g. https://{appId}.call-{region}.cometchat.io/v3; the same
   * `apikey`. Without it, calls to `api: 'calls'` are refused before sending.
   */
  callBaseUrl?: string | undefined;
  /** Connections per origin; default 32. */
  connections?: number | undefined;
  /** Connecting to CometChat; default 5 s. */
  connectTimeoutMs?: number | undefined;
  /** undici's socket-level waits for headers and between body chunks; default the attempt timeout. */
  headersTimeoutMs?: number | undefined;
  bodyTimeoutMs?: number | undefined;
  /** One HTTP attempt, answer read in full; default 5 s. A read whose attempt times out is retried. */
  attemptTimeoutMs?: number | undefined;
  /** Overall deadline per call, retries and waits included; default 8 s. */
  requestTimeoutMs?: number | undefined;
  /** Retries for reads on 429/502/503/504, connection failures and attempt timeouts; default 2. */
  retries?: number | undefined;
  /** The longest `Retry-After` worth waiting for; longer means giving up at once. Default: the deadline. */
  maxRetryWaitMs?: number | undefined;
  /** Back-off cap of the first retry without `Retry-After` (doubles per retry, full jitter); default 200 ms. */
  retryBaseDelayMs?: number | undefined;
  /** Idle keep-alive sockets are closed after this long; default 10 s. */
  keepAliveTimeoutMs?: number | undefined;
  /** Larger response bodies are refused while they are read; default 8 MiB. */
  maxResponseBytes?: number | undefined;
  /** The gateway's own budget of chat API requests per minute; default none (CometChat's headers still count). */
  rateLimitPerMin?: number | undefined;
  /** How long a request over budget may wait for room before it is refused; default 1 s. */
  rateLimitMaxWaitMs?: number | undefined;
  /** Consecutive outage-like failures (5xx, timeouts, connection failures) that open a host's circuit; default 5. */
  breakerFailures?: number | undefined;
  /** How long an open circuit fails calls before one probe may go through; default 10 s. */
  breakerCooldownMs?: number | undefined;
  /** Tests inject an undici MockAgent here; the client then neither owns nor closes it. */
  dispatcher?: Dispatcher | undefined;
  logger?: UpstreamLogger | undefined;
  /** Told about every call that reached the transport (see {@link UpstreamCallEvent}). */
  onCall?: UpstreamCallObserver | undefined;
}

/**
 * How a call ended, for metrics and traces: `ok` at the first attempt, `retried` (succeeded after
 * retries), `timeout`, `rate-limited` (a 429 was the last answer), `breaker-open` (refused by a
 * circuit breaker without an HTTP request), `aborted` (the caller gave up), `error` (anything else).
 */
export type UpstreamOutcome =
  | 'ok'
  | 'retried'
  | 'timeout'
  | 'rate-limited'
  | 'breaker-open'
  | 'aborted'
  | 'error';

/** One finished call (retries included), as observers see it. Never carries a credential. */
export interface UpstreamCallEvent {
  api: UpstreamApi;
  method: HttpMethod;
  /** The path template the call was made with, e.g. `/users/{uid}`: never a filled-in id. */
  route: string;
  /** The last HTTP status received; undefined when no answer came (timeout, connection failure). */
  status: number | undefined;
  outcome: UpstreamOutcome;
  /** HTTP requests sent for this call (1 + retries; 0 when refused before sending). */
  attempts: number;
  /** Whether the call acted as a user (`onBehalfOf` set); the uid itself is not reported. */
  onBehalfOf: boolean;
  /** Epoch milliseconds when the call started, and how long it took. */
  startedAt: number;
  durationMs: number;
}

export type UpstreamCallObserver = (event: UpstreamCallEvent) => void;

export interface CallOptions {
  /** Act as this CometChat user (sent as the `onBehalfOf` header). */
  onBehalfOf?: string | undefined;
  /** Aborting rejects the call promptly with the signal's reason; it is never retried. */
  signal?: AbortSignal | undefined;
  /**
   * A read that must reach CometChat itself (a readiness probe): never answered from the read
   * cache or by an identical read, in flight or earlier in the request.
   */
  fresh?: boolean | undefined;
}

/** Which CometChat API a call goes to: chat (default), Management, or Calls (call logs). */
export type UpstreamApi = 'chat' | 'management' | 'calls';

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
  /**
   * Sent as a `multipart/form-data` body of text fields instead of JSON (CometChat's keyword-list
   * uploads); undefined values are left out. Not together with `body`.
   */
  form?: Record<string, string | undefined> | undefined;
  api?: UpstreamApi | undefined;
  /** Further values (e.g. auth tokens in the path) masked in errors and logs. */
  redact?: readonly string[] | undefined;
}
