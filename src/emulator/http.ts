/**
 * The emulator's small HTTP toolkit: a path router, CometChat's envelopes and error bodies, and
 * the input checks every resource shares (ids, paging, tags, metadata).
 */
import { LIMITS } from '../cometchat/limits.js';
import type { Store } from './store.js';

export interface EmulatorSettings {
  appId: string;
  region: string;
  apiKey: string;
  mgmtKey: string;
  mgmtSecret: string;
}

/** Everything a route handler may touch. */
export interface EmulatorContext {
  store: Store;
  settings: EmulatorSettings;
  /** Queue a webhook trigger for delivery to every enabled webhook subscribed to it. */
  emit(trigger: string, data: Record<string, unknown>): void;
}

export interface EmuRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The `onBehalfOf` header, lowercased like every uid. */
  onBehalfOf: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

export interface EmuResponse {
  status: number;
  body: unknown;
  /** Sent verbatim instead of `body` as JSON (injected faults only). */
  raw?: string;
  headers?: Record<string, string>;
}

export type RouteHandler = (
  req: EmuRequest,
  ctx: EmulatorContext,
) => EmuResponse | Promise<EmuResponse>;

/** A failure answered with CometChat's error body `{error:{message,devMessage,source,code,details?}}`. */
export class EmuError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
  }

  toBody(): unknown {
    return {
      error: {
        message: this.message,
        devMessage: this.message,
        source: 'chat-api',
        code: this.code,
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export function badRequest(details: Record<string, string[]>): EmuError {
  return new EmuError(
    400,
    'ERR_BAD_REQUEST',
    'Failed to validate the data sent with the request.',
    details,
  );
}

export function uidNotFound(uid: string): EmuError {
  return new EmuError(
    404,
    'ERR_UID_NOT_FOUND',
    `The UID ${uid} does not exist, please make sure you have created a user with UID ${uid}.`,
  );
}

export function guidNotFound(guid: string): EmuError {
  return new EmuError(
    404,
    'ERR_GUID_NOT_FOUND',
    `The GUID ${guid} does not exist, please make sure you have created a group with GUID ${guid}.`,
  );
}

export function messageNotFound(id: string | number): EmuError {
  return new EmuError(404, 'ERR_MESSAGE_ID_NOT_FOUND', `The message with id ${id} does not exist.`);
}

export function ok(data: unknown): EmuResponse {
  return { status: 200, body: { data } };
}

/** `{data:{success:true, message}}`; `capital` spells the key `Message` as some read endpoints do. */
export function ack(message: string, capital = false): EmuResponse {
  return {
    status: 200,
    body: { data: { success: true, [capital ? 'Message' : 'message']: message } },
  };
}

export interface PageParams {
  page: number;
  perPage: number;
}

/** `page` (default 1) and `perPage` (default 100, max 1000) as CometChat validates them. */
export function readPage(query: URLSearchParams): PageParams {
  const details: Record<string, string[]> = {};
  const page = readInt(query, 'page', 1, 1, Number.MAX_SAFE_INTEGER, details);
  const perPage = readInt(query, 'perPage', 100, 1, 1000, details);
  if (Object.keys(details).length > 0) throw badRequest(details);
  return { page, perPage };
}

function readInt(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  details: Record<string, string[]>,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    details[name] = [`The ${name} must be an integer between ${min} and ${max}.`];
    return fallback;
  }
  return value;
}

/** A page of `items` in CometChat's page-list envelope with `meta.pagination` and `meta.cursor`. */
export function pageList<T>(
  all: readonly T[],
  params: PageParams,
  render: (item: T) => unknown,
  cursor?: Record<string, unknown>,
): EmuResponse {
  const start = (params.page - 1) * params.perPage;
  const slice = all.slice(start, start + params.perPage);
  const totalPages = Math.max(1, Math.ceil(all.length / params.perPage));
  return {
    status: 200,
    body: {
      data: slice.map(render),
      meta: {
        pagination: {
          total: all.length,
          count: slice.length,
          per_page: params.perPage,
          current_page: params.page,
          total_pages: totalPages,
        },
        ...(cursor ? { cursor } : {}),
      },
    },
  };
}

const ID_PATTERN = new RegExp(`^[a-zA-Z0-9_-]{1,${LIMITS.id}}$`);

/** Checks a uid/guid/role id (alpha-dash, 1..100) and lowercases it, as CometChat does. */
export function normaliseId(
  value: unknown,
  field: string,
  details: Record<string, string[]>,
): string {
  if (typeof value !== 'string' || value === '') {
    details[field] = [`The ${field} field is required.`];
    return '';
  }
  if (!ID_PATTERN.test(value)) {
    details[field] = [
      `The ${field} may only contain letters, numbers, dashes and underscores, up to ${LIMITS.id} characters.`,
    ];
    return '';
  }
  return value.toLowerCase();
}

/** CometChat's documented limits: the table the gateway checks its input against too. */
export { LIMITS };

export function checkString(
  value: unknown,
  field: string,
  max: number,
  details: Record<string, string[]>,
  required = false,
): string | undefined {
  if (value === undefined || value === null) {
    if (required) details[field] = [`The ${field} field is required.`];
    return undefined;
  }
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    details[field] = [`The ${field} must be a string.`];
    return undefined;
  }
  if ([...value].length > max) {
    details[field] = [`The ${field} may not be greater than ${max} characters.`];
    return undefined;
  }
  return value;
}

export function checkUrl(
  value: unknown,
  field: string,
  details: Record<string, string[]>,
): string | undefined {
  const text = checkString(value, field, LIMITS.url, details);
  if (text === undefined) return undefined;
  try {
    new URL(text);
  } catch {
    details[field] = [`The ${field} format is invalid.`];
    return undefined;
  }
  return text;
}

export function checkTags(
  value: unknown,
  field: string,
  details: Record<string, string[]>,
): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) {
    details[field] = [`The ${field} must be an array of strings.`];
    return undefined;
  }
  if (value.length > LIMITS.tags) {
    details[field] = [`The ${field} may not have more than ${LIMITS.tags} items.`];
    return undefined;
  }
  if (value.some((t: string) => [...t].length > LIMITS.tagLength)) {
    details[field] = [
      `Each of the ${field} may not be greater than ${LIMITS.tagLength} characters.`,
    ];
    return undefined;
  }
  return value as string[]; // checked element-wise above
}

export function checkMetadata(
  value: unknown,
  field: string,
  details: Record<string, string[]>,
): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    details[field] = [`The ${field} must be an object.`];
    return undefined;
  }
  if (Buffer.byteLength(JSON.stringify(value)) > LIMITS.metadataBytes) {
    details[field] = [`The ${field} may not be greater than ${LIMITS.metadataBytes} bytes.`];
    return undefined;
  }
  return value as Record<string, unknown>; // a plain JSON object, checked above
}

export function checkBoolean(
  value: unknown,
  field: string,
  details: Record<string, string[]>,
): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    details[field] = [`The ${field} field must be true or false.`];
    return undefined;
  }
  return value;
}

/** Throws `ERR_BAD_REQUEST` with every collected detail, if any. */
export function assertValid(details: Record<string, string[]>): void {
  if (Object.keys(details).length > 0) throw badRequest(details);
}

/** The request body as an object (an absent body is `{}`); anything else is a bad request. */
export function bodyObject(req: EmuRequest): Record<string, unknown> {
  if (req.body === undefined || req.body === null) return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw badRequest({ body: ['The request body must be a JSON object.'] });
  }
  return req.body as Record<string, unknown>; // checked above
}

/** The `limit` of the AI agent lists: 1 to 100, 10 when absent (CometChat's documented default). */
export function readLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw badRequest({ limit: ['The limit must be an integer between 1 and 100.'] });
  }
  return n;
}

/** Boolean query flags the way CometChat reads them (`true`/`1`). */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  return raw === 'true' || raw === '1';
}

/** Comma-separated or repeated `name[]` query values. */
export function queryList(query: URLSearchParams, name: string): string[] {
  const values = [...query.getAll(name), ...query.getAll(`${name}[]`)];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/** Matches `/users/:uid`-style patterns; a known path with the wrong method is ERR_API_NOT_FOUND too. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler): void {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
  }

  match(
    method: string,
    path: string,
  ): { handler: RouteHandler; params: Record<string, string> } | undefined {
    const parts = path.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length; i++) {
        const segment = route.segments[i] as string; // same length checked above
        const part = parts[i] as string;
        if (segment.startsWith(':')) {
          try {
            params[segment.slice(1)] = decodeURIComponent(part);
          } catch {
            matched = false;
            break;
          }
        } else if (segment !== part) {
          matched = false;
          break;
        }
      }
      if (matched) return { handler: route.handler, params };
    }
    return undefined;
  }
}
