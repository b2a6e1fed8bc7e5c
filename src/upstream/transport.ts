/**
 * Sending one call: a pooled undici dispatcher (keep-alive, bounded connections), a timeout per
 * attempt inside one deadline per call, the caller's AbortSignal, the gateway's rate budget, a
 * circuit breaker per upstream host, and bounded retries for reads. Writes are sent once. Every
 * failure leaves as an UpstreamError (or, when the caller aborts, as the caller's abort reason).
 *
 * Retries (reads only, at most `retries`): 429 (after its `Retry-After` when that fits the
 * deadline), 502, 503, 504, refused or broken connections and attempt timeouts, with exponential
 * back-off and full jitter. Anything else is final at once.
 */
import { Agent, type Dispatcher } from 'undici';
import { type Fail, type HttpAnswer, httpError } from './answers.js';
import { Breakers, type CircuitView, isOpenCircuit } from './breaker.js';
import { isUpstreamError } from './errors.js';
import type { HttpMethod, UpstreamApi, UpstreamClientOptions, UpstreamLogger } from './options.js';
import { type Admission, OverBudget, RateBudget } from './rate-budget.js';
import { sleep } from './sleep.js';
import {
  AttemptTimeout,
  classify,
  DeadlineExceeded,
  TransportFailure,
  transportError,
} from './transport-failures.js';

const DEFAULTS = {
  connections: 32,
  connectTimeoutMs: 5_000,
  attemptTimeoutMs: 5_000,
  requestTimeoutMs: 8_000,
  retries: 2,
  retryBaseDelayMs: 200,
  keepAliveTimeoutMs: 10_000,
  maxResponseBytes: 8 * 1024 * 1024,
  rateLimitMaxWaitMs: 1_000,
} as const;

/** The back-off never waits longer than this per retry (before jitter). */
const MAX_BACKOFF_MS = 2_000;

/** Statuses after which a read is tried again. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

function positive(value: number | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) {
    throw new TypeError(`UpstreamClient option ${name} must be a number >= ${min}`);
  }
  return value;
}

/** One call, ready to send: everything but the dispatcher, the deadline and the retries. */
export interface Exchange {
  method: HttpMethod;
  /** Which API: only the chat API's answers count for readiness. */
  api: UpstreamApi;
  origin: string;
  /** Everything after the origin: base path, filled path and query string. */
  target: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
  /** The filled path without the query string, as errors and logs name the call. */
  path: string;
  scrub: (text: string) => string;
  fail: Fail;
  /** HTTP requests sent so far for this call (each retry counts), for call observers. */
  sent: number;
}

/** What one attempt gave: an answer (any status) or a transport failure. */
type Outcome = { answer: HttpAnswer } | { transport: TransportFailure };

/** Signs that the host is down or overloaded (they count towards opening its circuit). */
function isOutage(outcome: Outcome): boolean {
  if ('answer' in outcome) return outcome.answer.status >= 500;
  const failure = outcome.transport.failure;
  return failure !== 'too_large' && failure !== 'aborted';
}

/** What the chat API's answers say about this replica's ability to serve (for readiness). */
export interface UpstreamHealth {
  /** When the chat API last answered with a status below 500 (429 included); 0 = never. */
  lastReachableAt: number;
  /** The chat API refused the credentials on its latest answer that said anything about them. */
  credentialsRejected: boolean;
  /** The chat API host's circuit; null before its first call. */
  circuit: CircuitView | null;
}

/** The HTTP side of an UpstreamClient: its pool, timeouts, budget, breakers and retry policy. */
export class Transport {
  /** Number of HTTP requests sent (each retry counts). */
  readonly stats: { requests: number } = { requests: 0 };

  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: UpstreamLogger | undefined;
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryWaitMs: number;
  private readonly retryBaseDelayMs: number;
  private readonly maxResponseBytes: number;
  /** The chat API host's budget (with `rateLimitPerMin`); other hosts get their own, headers only. */
  private readonly chatBudget: RateBudget;
  private readonly chatOrigin: string | undefined;
  private readonly budgetWaitMs: number;
  private readonly otherBudgets = new Map<string, RateBudget>();
  private readonly breakers: Breakers<Outcome>;
  private lastReachableAt = 0;
  private credentialsRejected = false;

  /** Reads the transport options (defaults above); throws a TypeError for an invalid one. */
  constructor(options: UpstreamClientOptions) {
    this.logger = options.logger;
    const setting = (name: keyof typeof DEFAULTS, min = 0): number =>
      positive(options[name], DEFAULTS[name], name, min);
    const connectTimeout = setting('connectTimeoutMs', 1);
    this.attemptTimeoutMs = setting('attemptTimeoutMs', 1);
    this.requestTimeoutMs = setting('requestTimeoutMs', 1);
    this.headersTimeoutMs = positive(
      options.headersTimeoutMs,
      this.attemptTimeoutMs,
      'headersTimeoutMs',
      1,
    );
    this.bodyTimeoutMs = positive(options.bodyTimeoutMs, this.attemptTimeoutMs, 'bodyTimeoutMs', 1);
    this.retries = Math.floor(setting('retries'));
    this.maxRetryWaitMs = positive(options.maxRetryWaitMs, this.requestTimeoutMs, 'maxRetryWaitMs');
    this.retryBaseDelayMs = setting('retryBaseDelayMs');
    this.maxResponseBytes = setting('maxResponseBytes', 1);
    this.budgetWaitMs = setting('rateLimitMaxWaitMs');
    this.chatBudget = new RateBudget({
      perMinute:
        options.rateLimitPerMin === undefined
          ? undefined
          : positive(options.rateLimitPerMin, 0, 'rateLimitPerMin', 1),
      maxWaitMs: this.budgetWaitMs,
    });
    this.chatOrigin = originOf(options.baseUrl);
    this.breakers = new Breakers<Outcome>(
      {
        failures: positive(options.breakerFailures, 5, 'breakerFailures', 1),
        cooldownMs: positive(options.breakerCooldownMs, 10_000, 'breakerCooldownMs', 1),
      },
      isOutage,
      this.logger,
    );
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
      this.ownsDispatcher = false;
    } else {
      // An Agent keeps one bounded keep-alive pool per origin (chat API and management API).
      this.dispatcher = new Agent({
        connections: Math.floor(setting('connections', 1)),
        keepAliveTimeout: setting('keepAliveTimeoutMs', 1),
        connect: { timeout: connectTimeout },
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyTimeoutMs,
      });
      this.ownsDispatcher = true;
    }
  }

  /** What recent answers say about the chat API at `origin` (see {@link UpstreamHealth}). */
  health(origin: string): UpstreamHealth {
    return {
      lastReachableAt: this.lastReachableAt,
      credentialsRejected: this.credentialsRejected,
      circuit: this.breakers.views().find((view) => view.host === origin) ?? null,
    };
  }

  /**
   * Sends `ex` until it gets an answer worth keeping and hands a 2xx answer to `read`. Reads are
   * retried (see the module comment); writes never are. Rejects with an UpstreamError, or with the
   * caller's abort reason when `ex.signal` aborts.
   */
  async exchange<T>(ex: Exchange, read: (answer: HttpAnswer) => T): Promise<T> {
    const { method, path, fail } = ex;
    const callerSignal = ex.signal;
    if (callerSignal?.aborted) throw callerSignal.reason;
    const controller = new AbortController();
    const deadline = Date.now() + this.requestTimeoutMs;
    // The deadline error is built only when it fires: an Error captures a stack trace.
    const timer = setTimeout(() => controller.abort(new DeadlineExceeded()), this.requestTimeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

    const isWrite = method !== 'GET';
    const logPath = ex.scrub(path);
    const budget = this.budgetFor(ex.origin);
    let sent = false;
    const timedOut = () =>
      fail(
        {
          kind: 'timeout',
          message: `CometChat ${method} ${path}: no answer within ${this.requestTimeoutMs} ms`,
          outcomeUnknown: isWrite && sent,
        },
        path,
      );
    try {
      for (let attempt = 0; ; attempt++) {
        const admission = await this.admit(budget, ex, controller.signal, deadline);
        const started = Date.now();
        let outcome: Outcome;
        try {
          outcome = await this.breakers.execute(ex.origin, () => {
            sent = true;
            return this.attempt(ex, controller.signal);
          });
        } catch (error) {
          if (isOpenCircuit(error)) {
            admission.refund();
            this.logger?.debug({ method, path: logPath, attempt }, 'cometchat circuit open');
            throw fail(
              {
                kind: 'unavailable',
                code: 'BREAKER_OPEN', // BREAKER_OPEN_CODE in client.ts: observers report breaker-open
                message: `CometChat ${method} ${path}: not sent, the circuit is open after repeated failures`,
              },
              path,
            );
          }
          admission.done();
          throw error;
        }
        if ('answer' in outcome) budget.observe(outcome.answer.status, outcome.answer.headers);
        admission.done();
        const durationMs = Date.now() - started;

        if ('transport' in outcome) {
          const transport = outcome.transport;
          if (transport.errorCode === DEADLINE) throw timedOut();
          this.logger?.warn(
            {
              method,
              path: logPath,
              attempt,
              durationMs,
              failure: transport.failure,
              errorCode: transport.errorCode,
            },
            transport.failure === 'timeout'
              ? 'cometchat request timed out'
              : 'cometchat request failed',
          );
          const retryable =
            !isWrite &&
            (transport.failure === 'connect' ||
              transport.failure === 'reset' ||
              transport.failure === 'timeout');
          if (retryable && attempt < this.retries) {
            const waitMs = this.backoff(attempt);
            if (Date.now() + waitMs < deadline) {
              this.logger?.debug(
                { method, path: logPath, attempt, waitMs, failure: transport.failure },
                'retrying cometchat request',
              );
              await sleep(waitMs, controller.signal);
              continue;
            }
          }
          throw fail(transportError(transport, isWrite, method, path), path);
        }

        const answer = outcome.answer;
        const ok = answer.status >= 200 && answer.status < 300;
        const error = ok ? undefined : httpError(answer, method, path, ex.scrub);
        this.note(ex, answer.status, error?.code);
        this.logAnswer(ex, logPath, attempt, durationMs, answer.status, error?.code);
        if (!error) return read(answer);
        const retryable = !isWrite && RETRY_STATUSES.has(answer.status);
        if (retryable && attempt < this.retries) {
          const waitMs =
            error.retryAfterSeconds !== undefined
              ? error.retryAfterSeconds * 1000
              : this.backoff(attempt);
          if (waitMs <= this.maxRetryWaitMs && Date.now() + waitMs < deadline) {
            this.logger?.debug(
              { method, path: logPath, attempt, waitMs, status: answer.status },
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
        (controller.signal.aborted && !isUpstreamError(error))
      ) {
        throw timedOut();
      }
      throw error;
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Closes pooled connections (only when the transport created its own dispatcher). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /**
   * The budget of a host. Rate limits belong to a host: the Management API normally lives on
   * another one (with its own limits, learned from its headers); where both share one (the
   * emulator), management calls count against the chat API's budget as they do upstream.
   */
  private budgetFor(origin: string): RateBudget {
    if (this.chatOrigin === undefined || origin === this.chatOrigin) return this.chatBudget;
    let budget = this.otherBudgets.get(origin);
    if (!budget) {
      budget = new RateBudget({ maxWaitMs: this.budgetWaitMs });
      this.otherBudgets.set(origin, budget);
    }
    return budget;
  }

  /** Room in the rate budget, or a `rate_limited` UpstreamError (nothing sent). */
  private async admit(
    budget: RateBudget,
    ex: Exchange,
    signal: AbortSignal,
    deadline: number,
  ): Promise<Admission> {
    try {
      return await budget.admit(signal, deadline);
    } catch (error) {
      if (!(error instanceof OverBudget)) throw error;
      this.logger?.debug(
        { method: ex.method, path: ex.scrub(ex.path), waitMs: error.retryAfterMs },
        'cometchat request refused by the rate budget',
      );
      throw ex.fail(
        {
          kind: 'rate_limited',
          code: 'GATEWAY_RATE_LIMITED',
          retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
          message: `CometChat ${ex.method} ${ex.path}: not sent, over the rate budget`,
        },
        ex.path,
      );
    }
  }

  /**
   * One attempt under its own timeout. Resolves with the answer or a transport failure (an
   * attempt timeout, or the call's deadline, as `timeout`); rejects only when the caller aborts.
   */
  private async attempt(ex: Exchange, callSignal: AbortSignal): Promise<Outcome> {
    const controller = new AbortController();
    const onCallAbort = () => controller.abort(callSignal.reason);
    if (callSignal.aborted) onCallAbort();
    else callSignal.addEventListener('abort', onCallAbort, { once: true });
    const timer = setTimeout(
      () => controller.abort(new AttemptTimeout()),
      Math.max(1, this.attemptTimeoutMs),
    );
    try {
      return { answer: await this.send(ex, controller.signal) };
    } catch (error) {
      if (ex.signal?.aborted) throw ex.signal.reason;
      if (controller.signal.aborted) {
        const byDeadline = controller.signal.reason instanceof DeadlineExceeded;
        return {
          transport: new TransportFailure('timeout', byDeadline ? DEADLINE : ATTEMPT_TIMEOUT, true),
        };
      }
      return { transport: error instanceof TransportFailure ? error : classify(error) };
    } finally {
      clearTimeout(timer);
      callSignal.removeEventListener('abort', onCallAbort);
    }
  }

  /** Keeps what an answer of the chat API says about reachability and credentials. */
  private note(ex: Exchange, status: number, code: string | undefined): void {
    if (ex.api !== 'chat') return;
    if (status < 500) this.lastReachableAt = Date.now();
    if (status >= 200 && status < 300) this.credentialsRejected = false;
    else if (rejectsCredentials(status, code)) this.credentialsRejected = true;
  }

  private logAnswer(
    ex: Exchange,
    path: string,
    attempt: number,
    durationMs: number,
    status: number,
    code: string | undefined,
  ): void {
    const fields = { method: ex.method, path, attempt, durationMs, status, code };
    if (rejectsCredentials(status, code)) {
      const log = this.logger?.error ?? this.logger?.warn;
      log?.call(
        this.logger,
        { ...fields, api: ex.api },
        ex.api !== 'management'
          ? 'CometChat refused the API key: check COMETCHAT_API_KEY and COMETCHAT_APP_ID'
          : 'CometChat refused the Management API credentials: check COMETCHAT_MGMT_KEY and COMETCHAT_MGMT_SECRET',
      );
    } else if (status >= 500) {
      this.logger?.warn(fields, 'cometchat answered with a server error');
    } else {
      this.logger?.debug(fields, 'cometchat request');
    }
  }

  /** Full jitter: a random wait up to the exponential step (capped). */
  private backoff(attempt: number): number {
    const step = Math.min(MAX_BACKOFF_MS, this.retryBaseDelayMs * 2 ** attempt);
    return Math.floor(Math.random() * step);
  }

  /** One HTTP request, its body read in full (up to the size cap). */
  private async send(ex: Exchange, signal: AbortSignal): Promise<HttpAnswer> {
    this.stats.requests += 1;
    ex.sent += 1;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: ex.origin,
        path: ex.target,
        method: ex.method,
        headers: ex.headers,
        body: ex.body ?? null,
        signal,
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyTimeoutMs,
      });
    } catch (error) {
      throw classify(error);
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxResponseBytes) {
      response.body.destroy();
      throw new TransportFailure('too_large', undefined, true);
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
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Error codes of the timeouts this transport imposes itself. */
const DEADLINE = 'DEADLINE';
const ATTEMPT_TIMEOUT = 'ATTEMPT_TIMEOUT';

/** 401, or CometChat's `AUTH_ERR_*` codes: the key, secret or app id is wrong or lacks access. */
function rejectsCredentials(status: number, code: string | undefined): boolean {
  return status === 401 || (code?.startsWith('AUTH_ERR_') ?? false);
}
