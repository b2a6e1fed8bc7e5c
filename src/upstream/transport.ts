/**
 * Sending one call: a pooled undici dispatcher (keep-alive, bounded connections, connect/headers/
 * body timeouts, a cap on the body size), an overall deadline per call, the caller's AbortSignal,
 * and bounded retries for idempotent GETs on 429/503 and connection failures, honouring
 * `Retry-After`. Writes are sent once. Every failure leaves as an UpstreamError (or, when the caller
 * aborts, as the caller's abort reason).
 */
import { Agent, type Dispatcher } from 'undici';
import { type Fail, type HttpAnswer, httpError } from './answers.js';
import { UpstreamError } from './errors.js';
import type { HttpMethod, UpstreamClientOptions, UpstreamLogger } from './options.js';
import {
  classify,
  DeadlineExceeded,
  TransportFailure,
  transportError,
} from './transport-failures.js';

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

/** The HTTP side of an UpstreamClient: its pool, timeouts and retry policy. */
export class Transport {
  /** Number of HTTP requests sent (each retry counts). */
  readonly stats: { requests: number } = { requests: 0 };

  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly logger: UpstreamLogger | undefined;
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryWaitMs: number;
  private readonly retryBaseDelayMs: number;
  private readonly maxResponseBytes: number;

  /** Reads the transport options (defaults above); throws a TypeError for an invalid one. */
  constructor(options: UpstreamClientOptions) {
    this.logger = options.logger;
    const setting = (name: keyof typeof DEFAULTS, min = 0): number =>
      positive(options[name], DEFAULTS[name], name, min);
    const connectTimeout = setting('connectTimeoutMs', 1);
    this.headersTimeoutMs = setting('headersTimeoutMs', 1);
    this.bodyTimeoutMs = setting('bodyTimeoutMs', 1);
    this.requestTimeoutMs = setting('requestTimeoutMs', 1);
    this.retries = Math.floor(setting('retries'));
    this.maxRetryWaitMs = setting('maxRetryWaitMs');
    this.retryBaseDelayMs = setting('retryBaseDelayMs');
    this.maxResponseBytes = setting('maxResponseBytes', 1);
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

  /**
   * Sends `ex` until it gets an answer worth keeping and hands a 2xx answer to `read`. GETs are
   * retried on 429/503/connection errors within the call's deadline; writes never are. Rejects
   * with an UpstreamError, or with the caller's abort reason when `ex.signal` aborts.
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
    try {
      for (let attempt = 0; ; attempt++) {
        const started = Date.now();
        let outcome: { answer: HttpAnswer } | { transport: TransportFailure };
        try {
          outcome = { answer: await this.send(ex, controller.signal) };
        } catch (error) {
          if (callerSignal?.aborted) throw callerSignal.reason;
          if (controller.signal.aborted) throw controller.signal.reason;
          outcome = { transport: error instanceof TransportFailure ? error : classify(error) };
        }
        const durationMs = Date.now() - started;

        if ('transport' in outcome) {
          const transport = outcome.transport;
          this.logger?.debug(
            {
              method,
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

        this.logger?.debug(
          { method, path: logPath, attempt, durationMs, status: answer.status },
          'cometchat request',
        );
        if (answer.status >= 200 && answer.status < 300) return read(answer);
        const error = httpError(answer, method, path, ex.scrub);
        const retryable = !isWrite && (answer.status === 429 || answer.status === 503);
        if (retryable && attempt < this.retries) {
          const waitMs =
            error.retryAfterSeconds !== undefined
              ? error.retryAfterSeconds * 1000
              : this.backoff(attempt);
          if (waitMs <= this.maxRetryWaitMs && Date.now() + waitMs < deadline) {
            this.logger?.warn(
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
        (controller.signal.aborted && !(error instanceof UpstreamError))
      ) {
        throw fail(
          {
            kind: 'timeout',
            message: `CometChat ${method} ${path}: no answer within ${this.requestTimeoutMs} ms`,
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

  /** Closes pooled connections (only when the transport created its own dispatcher). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private backoff(attempt: number): number {
    return this.retryBaseDelayMs * 2 ** attempt;
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
