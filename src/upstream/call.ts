/**
 * How resource modules call one endpoint: the method and path template spelled out at the call
 * site, the answer validated by a zod schema. Endpoints that CometChat documents as acting for a
 * user (onBehalfOf required) go through {@link callAsUser}, which refuses to send without one.
 */
import type { UpstreamClient } from './client.js';
import { UpstreamError } from './errors.js';
import type { CallOptions, HttpMethod, UpstreamRequest } from './options.js';

/** What validates an endpoint's answer: a zod schema, or anything with the same `parse`. */
export interface AnswerSchema<T> {
  parse(raw: unknown): T;
}

/** A request's parts besides method and path; callers spread their CallOptions in last. */
export type EndpointRequest = Omit<UpstreamRequest, 'method' | 'path'>;

/**
 * Fails fast, without an HTTP call, when an endpoint that CometChat documents as acting for a user
 * (onBehalfOf required) is called without one.
 */
export function requireOnBehalfOf(opts: CallOptions, method: HttpMethod, path: string): string {
  if (opts.onBehalfOf === undefined || opts.onBehalfOf === '') {
    throw new UpstreamError({
      kind: 'invalid',
      code: 'CLIENT_INVALID_ARGUMENT',
      method,
      path,
      message: `CometChat ${method} ${path}: onBehalfOf is required`,
    });
  }
  return opts.onBehalfOf;
}

/** `method path` with `req`; the answer is parsed by `answer` (see {@link UpstreamClient.request}). */
export function call<T>(
  client: UpstreamClient,
  method: HttpMethod,
  path: string,
  answer: AnswerSchema<T>,
  req: EndpointRequest = {},
): Promise<T> {
  return client.request({ method, path, ...req }, (raw) => answer.parse(raw));
}

/**
 * {@link call} for an endpoint that acts for a user: rejects with an `invalid` UpstreamError
 * (code CLIENT_INVALID_ARGUMENT) and sends nothing when `req` has no `onBehalfOf`.
 */
export async function callAsUser<T>(
  client: UpstreamClient,
  method: HttpMethod,
  path: string,
  answer: AnswerSchema<T>,
  req: EndpointRequest,
): Promise<T> {
  requireOnBehalfOf(req, method, path);
  return call(client, method, path, answer, req);
}
