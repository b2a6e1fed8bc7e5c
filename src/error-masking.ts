/**
 * Yoga's `maskError`: what a client sees of an error, and how loudly it is logged. Client-visible
 * errors keep their code; an upstream failure is mapped here (resolvers let them through: this is
 * the one place that maps them for queries, mutations and subscription events alike);
 * anything else becomes `INTERNAL` and is logged as a bug. Upstream failures are logged with
 * CometChat's method, path, status and code (never shown to the client): outages at warn, refusals
 * of the request at debug. A request its client abandoned is logged at debug, without a stack.
 */
import { GraphQLError } from 'graphql/index.js';
import { createGraphQLError } from 'graphql-yoga';
import { gatewayError, upstreamFailure } from './errors.js';
import type { Logger } from './logger.js';
import { isUpstreamError, type UpstreamError } from './upstream/errors.js';

type Path = readonly (string | number)[] | undefined;

/** Kinds that are about the request, not about CometChat's health. */
const REQUEST_KINDS = new Set(['invalid', 'not_found', 'conflict', 'forbidden', 'rate_limited']);

function logUpstream(logger: Logger, error: UpstreamError, path: Path): void {
  const fields = {
    path,
    upstream: {
      kind: error.kind,
      method: error.method,
      path: error.path,
      status: error.status,
      code: error.code,
      outcomeUnknown: error.outcomeUnknown || undefined,
      message: error.message,
    },
  };
  if (REQUEST_KINDS.has(error.kind)) logger.debug(fields, 'upstream refused a field');
  else logger.warn(fields, 'upstream failure');
}

/** An abort by the request's own client (it disconnected or cancelled), not a failure of ours. */
function isClientAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * The errors this masker logged as upstream failures, at their own level. Yoga logs every error
 * its masker replaced at error level; its logger leaves these out (`yogaLogger`'s `skip`), so an
 * outage is one warn line and a refusal one debug line, as when resolvers mapped them themselves.
 */
const loggedUpstream = new WeakSet<object>();

/** Whether `error` is one the masker already logged as an upstream failure. */
export function loggedAsUpstreamFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && loggedUpstream.has(error);
}

/** `loggerOf` gives the logger of the current request (its lines carry the request id). */
export function createErrorMasker(loggerOf: () => Logger): (error: unknown) => Error {
  return (error) => {
    const logger = loggerOf();
    const located = error instanceof GraphQLError ? error : undefined;
    const original = located ? located.originalError : error;
    let safe: Error;
    if (isUpstreamError(original)) {
      safe = upstreamFailure(original);
      logUpstream(logger, original, located?.path);
      if (typeof error === 'object' && error !== null) loggedUpstream.add(error);
    } else if (located && (original == null || original instanceof GraphQLError)) {
      const cause = original?.originalError;
      if (isUpstreamError(cause)) logUpstream(logger, cause, located.path);
      return located;
    } else if (isClientAbort(original)) {
      logger.debug({ path: located?.path }, 'request abandoned by its client');
      safe = gatewayError(
        'UPSTREAM_UNAVAILABLE',
        'The request was cancelled before CometChat answered.',
      );
    } else {
      safe = gatewayError('INTERNAL', 'Unexpected error.');
      logger.error({ err: original, path: located?.path }, 'unexpected error');
    }
    return createGraphQLError(safe.message, {
      ...(located?.nodes ? { nodes: located.nodes } : {}),
      ...(located?.path ? { path: located.path } : {}),
      extensions: safe instanceof GraphQLError ? safe.extensions : { code: 'INTERNAL' },
    });
  };
}
