/**
 * The upstream client's options and the shape of one request; `client.ts` re-exports all of them,
 * so callers keep importing from there.
 */
import type { Dispatcher } from 'undici';

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
  api: 'chat' | 'management';
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
