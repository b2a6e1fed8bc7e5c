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
 *
 * A request of the gateway works through {@link UpstreamClient.forRequest}: a view of the client
 * that shares its connections but counts the calls made through it and refuses any beyond the
 * request's budget.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  type FailureInit,
  failuresOf,
  type HttpAnswer,
  readJson,
  readParsed,
  readSuccess,
  scrubText,
} from './answers.js';
import { readTags, writeTags } from './cache-tags.js';
import { isUpstreamError, type UpstreamError } from './errors.js';
import type {
  UpstreamCallEvent,
  UpstreamCallObserver,
  UpstreamClientOptions,
  UpstreamOutcome,
  UpstreamRequest,
} from './options.js';
import {
  type CacheStore,
  type ReadAnswer,
  type SharedReadObserver,
  SharedReads,
  type SharedReadsLogger,
} from './shared-reads.js';
import { type Exchange, Transport, type UpstreamHealth } from './transport.js';
import { UnknownOutcomes } from './unknown-outcomes.js';
import { buildQuery, fillPath, type Origin, parseBase } from './urls.js';

export { requireOnBehalfOf } from './call.js';
export type {
  CallOptions,
  HttpMethod,
  ManagementOptions,
  QueryValue,
  UpstreamApi,
  UpstreamCallEvent,
  UpstreamCallObserver,
  UpstreamClientOptions,
  UpstreamLogger,
  UpstreamOutcome,
  UpstreamRequest,
} from './options.js';
export type {
  CacheLookup,
  CacheStore,
  SharedReadEvent,
  SharedReadObserver,
  SharedReadOutcome,
} from './shared-reads.js';
export type { UpstreamHealth } from './transport.js';
export { baseUrlFor } from './urls.js';

/** What a request-scoped view allows: {@link UpstreamClient.forRequest}. */
export interface CallBudgetOptions {
  /** The most calls the view sends; a positive whole number. */
  maxCalls: number;
  /** The error a call past the budget rejects with (the caller decides what the client sees). */
  exceeded: () => Error;
}

/** The calls a request-scoped view has sent, out of its budget. */
export class CallBudget {
  readonly maxCalls: number;
  private used = 0;
  private readonly exceeded: () => Error;

  constructor(options: CallBudgetOptions) {
    if (!Number.isSafeInteger(options.maxCalls) || options.maxCalls < 1) {
      throw new TypeError('A call budget needs a positive whole number of calls');
    }
    this.maxCalls = options.maxCalls;
    this.exceeded = options.exceeded;
  }

  /** Calls sent so far (retries of one call count once). */
  get calls(): number {
    return this.used;
  }

  /** Counts one call, or throws the budget's error (counting nothing) when it is spent. */
  take(): void {
    if (this.used >= this.maxCalls) throw this.exceeded();
    this.used += 1;
  }

  /** Gives back a call that was counted but not sent (answered from the read cache). */
  refund(): void {
    if (this.used > 0) this.used -= 1;
  }
}

/** What every view of one client shares: where to send, the credentials, the pool, observers. */
interface ClientCore {
  chat: Origin;
  management: (Origin & { appId: string; key: string; secret: string }) | undefined;
  /** The Calls API (call logs): a host of its own, the same `apikey`. */
  calls: Origin | undefined;
  apiKey: string;
  secrets: string[];
  transport: Transport;
  observers: Set<UpstreamCallObserver>;
  /** Writes whose outcome was unknown: shared by the client and its request-scoped views. */
  unknownOutcomes: UnknownOutcomes;
  /** Reads in flight shared across requests, and the read cache when one is set. */
  shared: SharedReads;
  closed: boolean;
}

/** Builds a request-scoped view; a module-private key, so only `forRequest` can. */
const VIEW = Symbol('request-scoped view');
interface ViewInit {
  [VIEW]: true;
  core: ClientCore;
  budget: CallBudget;
}

/**
 * A CometChat REST client. Resource modules (`users.ts`, `groups.ts`, ...) call
 * {@link UpstreamClient.request} with a zod-backed parser and return typed records.
 */
export class UpstreamClient {
  readonly hasManagement: boolean;
  /** Number of HTTP requests sent (each retry counts), for budgets and metrics. */
  readonly stats: { requests: number };
  /** Writes whose outcome was unknown, by a key their callers choose (see `UnknownOutcomes`). */
  get unknownOutcomes(): UnknownOutcomes {
    return this.core.unknownOutcomes;
  }
  /** A request-scoped view's budget (see {@link forRequest}); null for the client itself. */
  readonly callBudget: CallBudget | null;

  private readonly core: ClientCore;
  /**
   * A request-scoped view's answers to its reads, by call: an identical read later in the same
   * request gets the same answer (emptied by any write through the view). Null on the client,
   * and on a view until its first read (an idle subscription's view never reads).
   */
  private answered: Map<string, Promise<ReadAnswer>> | null = null;

  /** `options` configure a new client; views come from {@link forRequest} only. */
  constructor(options: UpstreamClientOptions | ViewInit) {
    if (VIEW in options) {
      this.core = options.core;
      this.callBudget = options.budget;
    } else {
      this.core = createCore(options);
      this.callBudget = null;
    }
    this.hasManagement = this.core.management !== undefined;
    this.stats = this.core.transport.stats;
  }

  /**
   * A view of this client for one request: the same connections, credentials, settings and
   * observers, but every call it sends counts against `maxCalls`, and a call past that rejects
   * with `exceeded()` without being sent. Views are cheap (one per request) and closing one
   * closes nothing.
   */
  forRequest(options: CallBudgetOptions): UpstreamClient {
    return new UpstreamClient({ [VIEW]: true, core: this.core, budget: new CallBudget(options) });
  }

  /**
   * Whether `value` is the API key this client sends (`apikey`), compared in constant time. The
   * key itself is never handed out.
   */
  usesApiKey(value: string): boolean {
    const own = createHash('sha256').update(this.core.apiKey).digest();
    const other = createHash('sha256').update(value).digest();
    return timingSafeEqual(own, other);
  }

  /**
   * Calls `observer` after every call that reached the transport (metrics, traces, per-request
   * counts), through this client or any of its views. Observers run synchronously in the caller's
   * async context; one that throws is ignored. Returns a function that removes it.
   */
  onCall(observer: UpstreamCallObserver): () => void {
    this.core.observers.add(observer);
    return () => this.core.observers.delete(observer);
  }

  /**
   * Keeps answers to cacheable reads in `store` across requests (see `cache-tags.ts` for what is
   * cached and what makes it stale); null turns the cache off. Affects the client and its views.
   */
  useReadCache(store: CacheStore | null, logger?: SharedReadsLogger): void {
    this.core.shared.useCache(store, logger);
  }

  /** Which read cache is on, if any. */
  get readCache(): CacheStore['kind'] | null {
    return this.core.shared.cacheKind;
  }

  /**
   * Marks what a change outside the gateway touched (a webhook event) as stale: `tags` from
   * `cache-tags.ts`. Never rejects.
   */
  invalidate(tags: readonly string[]): Promise<void> {
    return this.core.shared.invalidate(tags);
  }

  /** Calls `observer` for every read answered without its own HTTP call, and every cache lookup. */
  onSharedRead(observer: SharedReadObserver): () => void {
    return this.core.shared.onRead(observer);
  }

  /**
   * Sends one call and parses a successful answer with `parse` (normally a zod schema's `parse`).
   * Reads are retried on 429/502/503/504, connection failures and attempt timeouts within the
   * call's deadline; writes never are.
   * Rejects with an {@link UpstreamError}, with the caller's abort reason when `signal` aborts,
   * or, on a request-scoped view whose budget is spent, with the budget's error (nothing sent).
   */
  async request<T>(req: UpstreamRequest, parse: (raw: unknown) => T): Promise<T> {
    const core = this.core;
    const api = req.api ?? 'chat';
    const redact = [...core.secrets, ...(req.redact ?? []).filter((s) => s !== '')];
    const scrub = (text: string): string => scrubText(text, redact);
    const fail = failuresOf(req.method, req.path, scrub);

    if (core.closed) {
      throw fail({
        kind: 'unavailable',
        message: `CometChat ${req.method} ${req.path}: the client is closed`,
      });
    }
    const target =
      api === 'management' ? core.management : api === 'calls' ? core.calls : core.chat;
    if (!target && api === 'calls') {
      throw fail({
        kind: 'unavailable',
        message: `CometChat ${req.method} ${req.path}: the Calls API base URL is not configured`,
      });
    }
    if (!target) {
      throw fail({
        kind: 'unauthorized',
        code: 'MGMT_NOT_CONFIGURED',
        message: `CometChat ${req.method} ${req.path}: the Management API (key and secret) is not configured`,
      });
    }
    const params: Record<string, string> = { ...(req.params ?? {}) };
    if (api === 'management' && core.management && params.appId === undefined) {
      params.appId = core.management.appId;
    }
    const path = fillPath(req.method, req.path, params, (message) => fail(invalid(message)));
    // Past this point errors name the filled path, as CometChat would see it.
    const refuse = (why: string): UpstreamError =>
      fail(invalid(`CometChat ${req.method} ${path}: ${why}`), path);
    const query = buildQuery(req.query, refuse);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (api === 'management' && core.management) {
      headers.key = core.management.key;
      headers.secret = core.management.secret;
    } else {
      headers.apikey = core.apiKey;
    }
    if (req.onBehalfOf !== undefined && req.onBehalfOf !== '') {
      if (!/^[\x21-\x7e]{1,200}$/.test(req.onBehalfOf))
        throw refuse('onBehalfOf is not a valid uid');
      headers.onBehalfOf = req.onBehalfOf;
    }
    let body: string | undefined;
    if (req.form !== undefined) {
      if (req.body !== undefined) throw refuse('a request has either a JSON body or a form');
      const boundary = `----gateway-form-${randomUUID()}`;
      headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
      body = multipartBody(req.form, boundary);
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      try {
        body = JSON.stringify(req.body);
      } catch {
        throw refuse('the body cannot be sent as JSON');
      }
    }

    const exchangeWith = (signal: AbortSignal | undefined): Exchange => ({
      method: req.method,
      api,
      origin: target.origin,
      target: target.basePath + path + query,
      headers,
      body,
      signal,
      path,
      scrub,
      fail,
      sent: 0,
    });

    const isWrite = req.method !== 'GET';
    if (!isWrite && req.fresh !== true) {
      // Identical reads share one answer: within this request (until a write), and with any
      // identical read in flight in the same perspective; cacheable ones may come from the cache.
      const key = `${api} ${headers.onBehalfOf ?? ''} ${target.basePath}${path}${query}`;
      // Views (which have a budget) share answers within their request; the client does not.
      if (this.callBudget !== null) this.answered ??= new Map();
      const answered = this.answered;
      let pending = answered?.get(key);
      if (pending) {
        core.shared.notify(req.path, 'shared-request');
      } else {
        const tags =
          api === 'chat'
            ? readTags({
                route: req.path,
                params,
                query: req.query,
                onBehalfOf: headers.onBehalfOf,
              })
            : null;
        const started = core.shared.read(
          key,
          req.path,
          tags,
          req.signal,
          async (signal) => {
            return this.send(exchangeWith(signal), req.path, signal, (answer) => ({
              status: answer.status,
              text: answer.text,
              json: readJson(answer, 'GET', path, fail),
            }));
          },
          this.callBudget,
        );
        pending = started;
        if (answered) {
          answered.set(key, started);
          // A failed read is not remembered: a later identical one tries again.
          started.catch(() => {
            if (answered.get(key) === started) answered.delete(key);
          });
        }
      }
      const answer = await pending;
      return readParsed(answer.json, answer.status, parse, 'GET', path, fail);
    }

    // A write: never shared; what it touched is stale afterwards, for this request too. (A fresh
    // read goes this way too, without invalidating anything.)
    if (isWrite) this.answered?.clear();
    // Counted when it is certain to be sent: a call refused above costs nothing.
    this.callBudget?.take();
    const exchange = exchangeWith(req.signal);
    let answerText: string | null = null;
    try {
      return await this.send(exchange, req.path, req.signal, (answer) => {
        answerText = answer.text;
        return readSuccess(answer, parse, req.method, path, fail);
      });
    } finally {
      if (isWrite && exchange.sent > 0 && api === 'chat') {
        await core.shared.invalidate(
          writeTags({ method: req.method, route: req.path, params, answer: answerText }),
        );
      }
    }
  }

  /**
   * Sends one exchange, reads its 2xx answer with `read` and tells the observers how it went (a
   * `read` that throws is an `error`).
   */
  private async send<R>(
    exchange: Exchange,
    route: string,
    signal: AbortSignal | undefined,
    read: (answer: HttpAnswer) => R,
  ): Promise<R> {
    const core = this.core;
    if (core.observers.size === 0) return core.transport.exchange(exchange, read);
    const startedAt = Date.now();
    let status: number | undefined;
    const report = (outcome: UpstreamOutcome): void => {
      this.notify({
        api: exchange.api,
        method: exchange.method,
        route,
        status,
        outcome,
        attempts: exchange.sent,
        onBehalfOf: exchange.headers.onBehalfOf !== undefined,
        startedAt,
        durationMs: Date.now() - startedAt,
      });
    };
    try {
      const result = await core.transport.exchange(exchange, (answer) => {
        status = answer.status;
        return read(answer);
      });
      report(exchange.sent > 1 ? 'retried' : 'ok');
      return result;
    } catch (error) {
      if (isUpstreamError(error)) status = error.status ?? status;
      report(outcomeOf(error, signal));
      throw error;
    }
  }

  private notify(event: UpstreamCallEvent): void {
    for (const observer of this.core.observers) {
      try {
        observer(event);
      } catch {
        // An observer is telemetry: it never changes the outcome of a call.
      }
    }
  }

  /** What recent chat API answers say: reachability, credentials, circuit states (for readiness). */
  health(): UpstreamHealth {
    return this.core.transport.health(this.core.chat.origin);
  }

  /**
   * Closes pooled connections (only when the client created its own dispatcher). A
   * request-scoped view closes nothing: the pool belongs to the client it came from.
   */
  async close(): Promise<void> {
    if (this.callBudget !== null || this.core.closed) return;
    this.core.closed = true;
    await this.core.transport.close();
  }
}

function createCore(options: UpstreamClientOptions): ClientCore {
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new TypeError('UpstreamClient needs a non-empty apiKey');
  }
  const chat = parseBase(options.baseUrl, 'CometChat baseUrl');
  const mgmt = options.management;
  let management: ClientCore['management'];
  if (mgmt) {
    if (!mgmt.appId || !mgmt.key || !mgmt.secret) {
      throw new TypeError('CometChat management options need appId, key and secret');
    }
    management = {
      ...parseBase(mgmt.baseUrl, 'CometChat management baseUrl'),
      appId: mgmt.appId,
      key: mgmt.key,
      secret: mgmt.secret,
    };
  }
  const calls =
    options.callBaseUrl === undefined
      ? undefined
      : parseBase(options.callBaseUrl, 'CometChat callBaseUrl');
  const secrets = [options.apiKey, mgmt?.key, mgmt?.secret].filter(
    (s): s is string => typeof s === 'string' && s !== '',
  );
  return {
    chat,
    management,
    calls,
    apiKey: options.apiKey,
    secrets,
    transport: new Transport(options),
    observers: new Set(options.onCall ? [options.onCall] : []),
    unknownOutcomes: new UnknownOutcomes(),
    shared: new SharedReads(options.logger),
    closed: false,
  };
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

/** Text fields as a `multipart/form-data` body (CRLF line ends, one part per defined field). */
function multipartBody(form: Record<string, string | undefined>, boundary: string): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(form)) {
    if (value === undefined) continue;
    const safeName = name.replace(/["\r\n]/g, '_');
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${safeName}"\r\n\r\n${value}\r\n`,
    );
  }
  return `${parts.join('')}--${boundary}--\r\n`;
}
