/**
 * Real HTTP calls to an emulator, as any other CometChat client would make them (chat API,
 * Management API, control surface), and small accessors for the JSON that comes back.
 */
import type { Emulator } from '../../src/emulator/server.js';

export type Json = Record<string, unknown>;

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body; undefined for an empty or non-JSON body. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (sent as is, e.g. malformed JSON). */
  raw?: string;
  onBehalfOf?: string;
  /** Replaces the default `apikey` header when given (use `{}` for none). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the chat API (`path` without `/v3`) with the emulator's API key. */
export function chat(emu: Emulator, method: string, path: string, options: CallOptions = {}) {
  return call(emu, method, `/v3${path}`, options);
}

/** Calls the Management API (`path` after `/apps/{appId}`) with the emulator's `key` + `secret`. */
export function mgmt(emu: Emulator, method: string, path: string, options: CallOptions = {}) {
  return call(emu, method, `/apps/${emu.appId}${path}`, {
    ...options,
    headers: options.headers ?? { key: emu.mgmtKey, secret: emu.mgmtSecret },
  });
}

/** Calls the control surface (`/__emulator...`). */
export function control(emu: Emulator, method: string, path: string, options: CallOptions = {}) {
  return call(emu, method, `/__emulator${path}`, options);
}

export async function call(
  emu: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.headers ?? { apikey: emu.apiKey }) };
  if (options.onBehalfOf !== undefined) headers.onBehalfOf = options.onBehalfOf;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows `path` into a JSON value; undefined when any step is missing. */
export function pick(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isJson(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

/** The keys of a JSON object (none for anything else). */
export function keys(value: unknown): string[] {
  return isJson(value) ? Object.keys(value) : [];
}

/** `body.data` as an object (throws if it is not one). */
export function dataOf(body: unknown): Json {
  const data = pick(body, 'data');
  if (!isJson(data)) throw new Error(`expected data to be an object: ${JSON.stringify(body)}`);
  return data;
}

/** `body.data` as a list of objects (throws if it is not one). */
export function listOf(body: unknown): Json[] {
  const data = pick(body, 'data');
  if (!Array.isArray(data) || !data.every(isJson)) {
    throw new Error(`expected data to be a list of objects: ${JSON.stringify(body)}`);
  }
  return data;
}

/** The `uid` of every item of a list response. */
export function uidsOf(body: unknown): string[] {
  return listOf(body).map((item) => String(item.uid));
}

/** CometChat's error code in an error body. */
export function errorCode(body: unknown): unknown {
  return pick(body, 'error', 'code');
}
