/**
 * The only code that speaks HTTP to CometChat. A client holds the base URLs and credentials: the
 * `apikey` header (or the Management API's `key` + `secret`) and `onBehalfOf` when a call acts as
 * a user. It checks and builds each call here and leaves sending to its {@link Transport} (pool,
 * timeouts, deadline, caller AbortSignals, bounded retries for idempotent GETs).
 *
 * Every failure leaves as an {@link UpstreamError} that names the method and path, never the host,
 * the query string or a credential; CometChat's own error text is scrubbed of the credentials too,
 * because some of its messages quote the key that was used.
 */
import { type FailureInit, failuresOf, readSuccess, scrubText } from './answers.js';
import type { UpstreamError } from './errors.js';
import type { UpstreamClientOptions, UpstreamRequest } from './options.js';
import { Transport } from './transport.js';
import { buildQuery, fillPath, type Origin, parseBase } from './urls.js';

export { requireOnBehalfOf } from './call.js';
export type {
  CallOptions,
  HttpMethod,
  ManagementOptions,
  QueryValue,
  UpstreamClientOptions,
  UpstreamLogger,
  UpstreamRequest,
} from './options.js';
export { baseUrlFor } from './urls.js';

/**
 * A CometChat REST client. Resource modules (`users.ts`, `groups.ts`, ...) call
 * {@link UpstreamClient.request} with a zod-backed parser and return typed records.
 */
export class UpstreamClient {
  readonly hasManagement: boolean;
  /** Number of HTTP requests sent (each retry counts), for budgets and metrics. */
  readonly stats: { requests: number };

  private readonly chat: Origin;
  private readonly management:
    | (Origin & { appId: string; key: string; secret: string })
    | undefined;
  private readonly apiKey: string;
  private readonly secrets: string[];
  private readonly transport: Transport;
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

    return this.transport.exchange(
      {
        method: req.method,
        origin: target.origin,
        target: target.basePath + path + query,
        headers,
        body,
        signal: req.signal,
        path,
        scrub,
        fail,
      },
      (answer) => readSuccess(answer, parse, req.method, path, fail),
    );
  }

  /** Closes pooled connections (only when the client created its own dispatcher). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.transport.close();
  }
}

/** A request refused before any HTTP call. */
function invalid(message: string): FailureInit {
  return { kind: 'invalid', code: 'CLIENT_INVALID_ARGUMENT', message };
}
