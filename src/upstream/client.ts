/**
 * The only code that speaks HTTP to CometChat. A client holds the base URLs and credentials: the
 * `apikey` header (or the Management API's `key` + `secret`) and `onBehalfOf` when a call acts as
 * a user. It checks and builds each call here and leaves sending to its {@link Transport} (pool,
 * attempt timeouts inside a deadline, caller AbortSignals, rate budget, circuit breakers, bounded
 * retries for reads).
 *
 * Every failure leaves as an {@link UpstreamError} that names the method and path, never the host,
 * the query string or a credential; CometChat's own error text is scrubbed of the credentials too,
 * because some of its messages quote the key that was used.
 */
import { type FailureInit, failuresOf, readSuccess, scrubText } from './answers.js';
import { isUpstreamError, type UpstreamError } from './errors.js';
import type {
  UpstreamCallEvent,
  UpstreamCallObserver,
  UpstreamClientOptions,
  UpstreamOutcome,
  UpstreamRequest,
} from './options.js';
import { type Exchange, Transport, type UpstreamHealth } from './transport.js';
import { UnknownOutcomes } from './unknown-outcomes.js';
import { buildQuery, fillPath, type Origin, parseBase } from './urls.js';

export { requireOnBehalfOf } from './call.js';
export type {
  CallOptions,
  HttpMethod,
  ManagementOptions,
  QueryValue,
  UpstreamCallEvent,
  UpstreamCallObserver,
  UpstreamClientOptions,
  UpstreamLogger,
  UpstreamOutcome,
  UpstreamRequest,
} from './options.js';
export type { UpstreamHealth } from './transport.js';
export { baseUrlFor } from './urls.js';

/**
 * A CometChat REST client. Resource modules (`users.ts`, `groups.ts`, ...) call
 * {@link UpstreamClient.request} with a zod-backed parser and return typed records.
 */
export class UpstreamClient {
  readonly hasManagement: boolean;
  /** Number of HTTP requests sent (each retry counts), for budgets and metrics. */
  readonly stats: { requests: number };
  /** Writes whose outcome was unknown, by a key their callers choose (see `UnknownOutcomes`). */
  readonly unknownOutcomes = new UnknownOutcomes();

  private readonly chat: Origin;
  private readonly management:
    | (Origin & { appId: string; key: string; secret: string })
    | undefined;
  private readonly apiKey: string;
  private readonly secrets: string[];
  private readonly transport: Transport;
  private readonly observers = new Set<UpstreamCallObserver>();
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
    this.transport = new Transport(options);
    this.stats = this.transport.stats;
    if (options.onCall) this.observers.add(options.onCall);
  }

  /**
   * Calls `observer` after every call that reached the transport (metrics, traces, per-request
   * counts). Observers run synchronously in the caller's async context; one that throws is
   * ignored. Returns a function that removes it.
   */
  onCall(observer: UpstreamCallObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * Sends one call and parses a successful answer with `parse` (normally a zod schema's `parse`).
   * Reads are retried on 429/502/503/504, connection failures and attempt timeouts within the
   * call's deadline; writes never are.
   * Rejects with an {@link UpstreamError}, or with the caller's abort reason when `signal` aborts.
   */
  async request<T>(req: UpstreamRequest, parse: (raw: unknown) => T): Promise<T> {
    const api = req.api ?? 'chat';
    const redact = [...this.secrets, ...(req.redact ?? []).filter((s) => s !== '')];
    const scrub = (text: string): string => scrubText(text, redact);
    const fail = failuresOf(req.method, req.path, scrub);

    if (this.closed) {
      throw fail({
        kind: 'unavailable',
        message: `CometChat ${req.method} ${req.path}: the client is closed`,
      });
    }
    const target = api === 'management' ? this.management : this.chat;
    if (!target) {
      throw fail({
        kind: 'unauthorized',
        code: 'MGMT_NOT_CONFIGURED',
        message: `CometChat ${req.method} ${req.path}: the Management API (key and secret) is not configured`,
      });
    }
    const params: Record<string, string> = { ...(req.params ?? {}) };
    if (api === 'management' && this.management && params.appId === undefined) {
      params.appId = this.management.appId;
    }
    const path = fillPath(req.method, req.path, params, (message) => fail(invalid(message)));
    // Past this point errors name the filled path, as CometChat would see it.
    const refuse = (why: string): UpstreamError =>
      fail(invalid(`CometChat ${req.method} ${path}: ${why}`), path);
    const query = buildQuery(req.query, refuse);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (api === 'management' && this.management) {
      headers.key = this.management.key;
      headers.secret = this.management.secret;
    } else {
      headers.apikey = this.apiKey;
    }
    if (req.onBehalfOf !== undefined && req.onBehalfOf !== '') {
      if (!/^[\x21-\x7e]{1,200}$/.test(req.onBehalfOf))
        throw refuse('onBehalfOf is not a valid uid');
      headers.onBehalfOf = req.onBehalfOf;
    }
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      try {
        body = JSON.stringify(req.body);
      } catch {
        throw refuse('the body cannot be sent as JSON');
      }
    }

    const exchange: Exchange = {
      method: req.method,
      api,
      origin: target.origin,
      target: target.basePath + path + query,
      headers,
      body,
      signal: req.signal,
      path,
      scrub,
      fail,
      sent: 0,
    };
    if (this.observers.size === 0) {
      return this.transport.exchange(exchange, (answer) =>
        readSuccess(answer, parse, req.method, path, fail),
      );
    }
    const startedAt = Date.now();
    let status: number | undefined;
    const report = (outcome: UpstreamOutcome): void => {
      this.notify({
        api,
        method: req.method,
        route: req.path,
        status,
        outcome,
        attempts: exchange.sent,
        onBehalfOf: headers.onBehalfOf !== undefined,
        startedAt,
        durationMs: Date.now() - startedAt,
      });
    };
    try {
      const result = await this.transport.exchange(exchange, (answer) => {
        status = answer.status;
        return readSuccess(answer, parse, req.method, path, fail);
      });
      report(exchange.sent > 1 ? 'retried' : 'ok');
      return result;
    } catch (error) {
      if (isUpstreamError(error)) status = error.status ?? status;
      report(outcomeOf(error, req.signal));
      throw error;
    }
  }

  private notify(event: UpstreamCallEvent): void {
    for (const observer of this.observers) {
      try {
        observer(event);
      } catch {
        // An observer is telemetry: it never changes the outcome of a call.
      }
    }
  }

  /** What recent chat API answers say: reachability, credentials, circuit states (for readiness). */
  health(): UpstreamHealth {
    return this.transport.health(this.chat.origin);
  }

  /** Closes pooled connections (only when the client created its own dispatcher). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.transport.close();
  }
}

/** How a failed call ended, for observers. */
function outcomeOf(error: unknown, signal: AbortSignal | undefined): UpstreamOutcome {
  if (!isUpstreamError(error)) return signal?.aborted ? 'aborted' : 'error';
  if (error.code === BREAKER_OPEN_CODE) return 'breaker-open';
  if (error.kind === 'timeout') return 'timeout';
  if (error.kind === 'rate_limited') return 'rate-limited';
  return 'error';
}

/**
 * The `code` of the UpstreamError a circuit breaker throws when it refuses a call without sending
 * it; observers report such calls as `breaker-open`.
 */
export const BREAKER_OPEN_CODE = 'BREAKER_OPEN';

/** A request refused before any HTTP call. */
function invalid(message: string): FailureInit {
  return { kind: 'invalid', code: 'CLIENT_INVALID_ARGUMENT', message };
}
