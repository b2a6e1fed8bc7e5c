/**
 * The direct-REST baseline's client: what a hand-written integration would use, an undici Pool
 * with keep-alive to CometChat (here the emulator on loopback) and as many connections as the
 * gateway's own upstream client (32), plus tiny readers for the JSON it gets back.
 */
import { Pool } from 'undici';

/** Connections per origin, the same as the gateway's upstream client default. */
const REST_CONNECTIONS = 32;

export interface RestOptions {
  /** Act as this user (the `onBehalfOf` header). */
  onBehalfOf?: string;
  query?: Record<string, string | number>;
}

export class RestClient {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(
    baseUrl: string,
    private readonly apiKey: string,
  ) {
    const url = new URL(baseUrl);
    this.pool = new Pool(url.origin, { connections: REST_CONNECTIONS, pipelining: 1 });
    this.basePath = url.pathname.replace(/\/+$/, '');
  }

  /** GETs `path` (below /v3) and returns the `data` of CometChat's envelope; throws on a non-2xx. */
  async get(path: string, options: RestOptions = {}): Promise<unknown> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) search.set(key, String(value));
    const qs = search.size > 0 ? `?${search}` : '';
    const headers: Record<string, string> = { apikey: this.apiKey, accept: 'application/json' };
    if (options.onBehalfOf) headers.onBehalfOf = options.onBehalfOf;
    const response = await this.pool.request({
      method: 'GET',
      path: `${this.basePath}${path}${qs}`,
      headers,
    });
    const body: unknown = await response.body.json();
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw new Error(`GET ${path}${qs} answered ${response.statusCode}: ${JSON.stringify(body)}`);
    }
    return record(body, `GET ${path}`).data;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what}: expected an object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>; // checked just above: a non-null, non-array object
}

export function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value))
    throw new Error(`${what}: expected an array, got ${JSON.stringify(value)}`);
  return value;
}

export function text(value: unknown, what: string): string {
  if (typeof value !== 'string')
    throw new Error(`${what}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** `obj.a.b.c` with a readable error naming the missing step. */
export function path(value: unknown, keys: readonly string[], what: string): unknown {
  let current = value;
  for (const key of keys) current = record(current, `${what}.${keys.join('.')}`)[key];
  return current;
}
