/**
 * The emulator's knobs and its control surface under `/__emulator/` (a path the real API does not
 * use): reset, request and delivery logs, injected faults, latency and the rate limit.
 */
import { badRequest, EmuError, type EmuResponse, ok } from './http.js';
import { isSeedName, SEED_NAMES, type SeedName } from './seed.js';

export type FaultMode = 'respond' | 'reset' | 'hang' | 'reset-after' | 'truncate';

/** What `POST /__emulator/faults` accepts. */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Exact request path, or a prefix ending in `*`; with or without the `/v3` prefix. */
  path: string;
  /** Answer with this status (default 500 when `body` is given without it). */
  status?: number;
  /** Answer with this JSON body (default: CometChat's error body for the status). */
  body?: unknown;
  /** Answer with this text as the body, verbatim (e.g. malformed JSON); instead of `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Wait this long first; with neither `status` nor `body` the request then proceeds normally. */
  delayMs?: number;
  /** How many matching requests the fault applies to (default 1). */
  times?: number;
  /**
   * `respond` (default) answers; `reset` destroys the socket; `hang` never answers;
   * `reset-after` handles the request as usual (a write takes effect) and then destroys the
   * socket without answering; `truncate` sends the status, the headers and half of the body
   * (the fault's answer, or the usual one) and then destroys the socket.
   */
  mode?: FaultMode;
}

export interface Fault {
  id: number;
  method?: string;
  path: string;
  status?: number;
  body?: unknown;
  rawBody?: string;
  headers: Record<string, string>;
  delayMs: number;
  remaining: number;
  mode: FaultMode;
}

const MODES: readonly FaultMode[] = ['respond', 'reset', 'hang', 'reset-after', 'truncate'];
const MAX_DELAY_MS = 600_000;

function intIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Parses a fault; every problem is reported in `details` of one `ERR_BAD_REQUEST`. */
export function parseFault(body: Record<string, unknown>, id: number): Fault {
  const details: Record<string, string[]> = {};
  const fault: Fault = { id, path: '', headers: {}, delayMs: 0, remaining: 1, mode: 'respond' };
  if (typeof body.path !== 'string' || !body.path.startsWith('/')) {
    details.path = [
      'The path must be a string starting with "/" (a trailing "*" matches a prefix).',
    ];
  } else fault.path = body.path;
  if (body.method !== undefined) {
    if (typeof body.method !== 'string' || !/^[A-Za-z]+$/.test(body.method)) {
      details.method = ['The method must be an HTTP method name.'];
    } else fault.method = body.method.toUpperCase();
  }
  if (body.status !== undefined) {
    if (!intIn(body.status, 100, 599)) details.status = ['The status must be between 100 and 599.'];
    else fault.status = body.status;
  }
  if (body.body !== undefined) fault.body = body.body;
  if (body.rawBody !== undefined) {
    if (typeof body.rawBody !== 'string') details.rawBody = ['The rawBody must be a string.'];
    else if (body.body !== undefined) details.rawBody = ['Give either body or rawBody, not both.'];
    else fault.rawBody = body.rawBody;
  }
  if (body.headers !== undefined) {
    const headers = body.headers;
    if (
      typeof headers !== 'object' ||
      headers === null ||
      Array.isArray(headers) ||
      Object.values(headers).some((v) => typeof v !== 'string')
    ) {
      details.headers = ['The headers must be an object of strings.'];
    } else fault.headers = headers as Record<string, string>; // values checked above
  }
  if (body.delayMs !== undefined) {
    if (!intIn(body.delayMs, 0, MAX_DELAY_MS)) {
      details.delayMs = [`The delayMs must be an integer between 0 and ${MAX_DELAY_MS}.`];
    } else fault.delayMs = body.delayMs;
  }
  if (body.times !== undefined) {
    if (!intIn(body.times, 1, Number.MAX_SAFE_INTEGER)) {
      details.times = ['The times must be a positive integer.'];
    } else fault.remaining = body.times;
  }
  if (body.mode !== undefined) {
    const mode = MODES.find((m) => m === body.mode);
    if (mode === undefined) details.mode = [`The mode must be one of ${MODES.join(', ')}.`];
    else fault.mode = mode;
  }
  if (Object.keys(details).length > 0) throw badRequest(details);
  return fault;
}

function pathMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** Active faults in the order they were added; the first match is used and counted down. */
export class FaultList {
  private faults: Fault[] = [];
  private nextId = 1;

  add(body: Record<string, unknown>): Fault {
    const fault = parseFault(body, this.nextId);
    this.nextId += 1;
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault for this request, if any, consuming one of its `times`. */
  take(method: string, path: string): Fault | undefined {
    const bare = path.startsWith('/v3/') ? path.slice(3) : undefined;
    const index = this.faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (pathMatches(f.path, path) || (bare !== undefined && pathMatches(f.path, bare))),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }
}

const DEFAULT_FAULT_CODES: Record<number, string> = {
  400: 'ERR_BAD_REQUEST',
  401: 'AUTH_ERR_APIKEY_NOT_FOUND',
  403: 'AUTH_ERR_NO_ACCESS',
  404: 'ERR_API_NOT_FOUND',
  429: 'ERR_TOO_MANY_REQUESTS',
};

/** The answer of a `respond` fault; `undefined` when the fault only delays the request. */
export function faultResponse(fault: Fault): EmuResponse | undefined {
  if (fault.status === undefined && fault.body === undefined && fault.rawBody === undefined) {
    return undefined;
  }
  const status = fault.status ?? 500;
  const headers = { ...fault.headers };
  if (status === 429 && !Object.keys(headers).some((h) => h.toLowerCase() === 'retry-after')) {
    headers['retry-after'] = '1';
  }
  if (fault.rawBody !== undefined) return { status, body: null, raw: fault.rawBody, headers };
  if (fault.body !== undefined) return { status, body: fault.body, headers };
  if (status < 400) return { status, body: { data: {} }, headers };
  const code = DEFAULT_FAULT_CODES[status] ?? 'ERR_MISSION_FAILED';
  return {
    status,
    body: new EmuError(status, code, 'An injected fault answered this request.').toBody(),
    headers,
  };
}

/** A fixed one-minute window that starts with the first request after the previous one ended. */
export class RateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;

  constructor(
    private readonly clock: () => number,
    private limit: number | undefined,
  ) {}

  get perMinute(): number | undefined {
    return this.limit;
  }

  setLimit(limit: number | undefined): void {
    this.limit = limit;
    this.restart();
  }

  restart(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.count = 0;
  }

  /** Counts the request; returns the X-RateLimit-* headers and whether it is allowed. */
  check(): { allowed: boolean; headers: Record<string, string> } {
    if (this.limit === undefined) return { allowed: true, headers: {} };
    const now = this.clock();
    if (now >= this.windowStart + 60) {
      this.windowStart = now;
      this.count = 0;
    }
    const allowed = this.count < this.limit;
    if (allowed) this.count += 1;
    const reset = this.windowStart + 60;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - this.count)),
      'x-ratelimit-reset': String(reset),
    };
    if (!allowed) headers['retry-after'] = String(Math.max(1, Math.ceil(reset - now)));
    return { allowed, headers };
  }
}

export function tooManyRequests(): EmuError {
  return new EmuError(
    429,
    'ERR_TOO_MANY_REQUESTS',
    'Too many requests. The rate limit for this app has been exceeded; retry after the time given in Retry-After.',
  );
}

export interface Knobs {
  latencyMs: number;
  /** `null` on the wire means unlimited. */
  rateLimitPerMin: number | undefined;
  /** Requests per window on each data import endpoint (CometChat: 60); `null`: unlimited. */
  importRateLimit: number | undefined;
  /** The import endpoints' window in milliseconds (CometChat: 60000). */
  importWindowMs: number;
}

/** What the control surface needs from the running emulator. */
export interface ControlTarget {
  reset(seed?: SeedName): void;
  requests(): unknown[];
  clearRequests(): void;
  deliveries(): unknown[];
  clearDeliveries(): void;
  faults: FaultList;
  knobs(): Knobs;
  updateKnobs(patch: Partial<Knobs>): Knobs;
}

function renderKnobs(knobs: Knobs): Record<string, unknown> {
  return {
    latencyMs: knobs.latencyMs,
    rateLimitPerMin: knobs.rateLimitPerMin ?? null,
    importRateLimit: knobs.importRateLimit ?? null,
    importWindowMs: knobs.importWindowMs,
  };
}

/**
 * Parses `{latencyMs?, rateLimitPerMin?, importRateLimit?, importWindowMs?}`; `null` for either
 * rate limit removes it.
 */
export function parseKnobs(body: Record<string, unknown>): Partial<Knobs> {
  const details: Record<string, string[]> = {};
  const patch: Partial<Knobs> = {};
  if (body.latencyMs !== undefined) {
    if (!intIn(body.latencyMs, 0, MAX_DELAY_MS)) {
      details.latencyMs = [`The latencyMs must be an integer between 0 and ${MAX_DELAY_MS}.`];
    } else patch.latencyMs = body.latencyMs;
  }
  if (body.rateLimitPerMin !== undefined) {
    if (body.rateLimitPerMin === null) patch.rateLimitPerMin = undefined;
    else if (!intIn(body.rateLimitPerMin, 1, Number.MAX_SAFE_INTEGER)) {
      details.rateLimitPerMin = ['The rateLimitPerMin must be a positive integer or null.'];
    } else patch.rateLimitPerMin = body.rateLimitPerMin;
  }
  if (body.importRateLimit !== undefined) {
    if (body.importRateLimit === null) patch.importRateLimit = undefined;
    else if (!intIn(body.importRateLimit, 1, Number.MAX_SAFE_INTEGER)) {
      details.importRateLimit = ['The importRateLimit must be a positive integer or null.'];
    } else patch.importRateLimit = body.importRateLimit;
  }
  if (body.importWindowMs !== undefined) {
    if (!intIn(body.importWindowMs, 1, MAX_DELAY_MS)) {
      details.importWindowMs = [
        `The importWindowMs must be an integer between 1 and ${MAX_DELAY_MS}.`,
      ];
    } else patch.importWindowMs = body.importWindowMs;
  }
  if (Object.keys(details).length > 0) throw badRequest(details);
  return patch;
}

function controlNotFound(): EmuError {
  return new EmuError(404, 'ERR_API_NOT_FOUND', 'The requested control endpoint does not exist.');
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest({ body: ['The request body must be a JSON object.'] });
  }
  return body as Record<string, unknown>; // checked above
}

/** Answers one control request; `path` is the part after `/__emulator`. */
export function handleControl(
  method: string,
  path: string,
  body: unknown,
  target: ControlTarget,
): EmuResponse {
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'POST /reset': {
      const seed = objectBody(body).seed;
      if (seed !== undefined && !isSeedName(seed)) {
        throw badRequest({ seed: [`The seed must be one of ${SEED_NAMES.join(', ')}.`] });
      }
      target.reset(seed);
      return ok({ success: true, message: 'The emulator has been reset.' });
    }
    case 'GET /requests':
      return ok(target.requests());
    case 'DELETE /requests':
      target.clearRequests();
      return ok({ success: true, message: 'The request log has been cleared.' });
    case 'GET /deliveries':
      return ok(target.deliveries());
    case 'DELETE /deliveries':
      target.clearDeliveries();
      return ok({ success: true, message: 'The delivery log has been cleared.' });
    case 'POST /faults':
      return ok(target.faults.add(objectBody(body)));
    case 'GET /faults':
      return ok(target.faults.list());
    case 'DELETE /faults':
      target.faults.clear();
      return ok({ success: true, message: 'All faults have been removed.' });
    case 'GET /settings':
      return ok(renderKnobs(target.knobs()));
    case 'PUT /settings':
      return ok(renderKnobs(target.updateKnobs(parseKnobs(objectBody(body)))));
    default:
      throw controlNotFound();
  }
}
