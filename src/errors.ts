/**
 * The gateway's GraphQL errors. Every error a client can see carries `extensions.code` from the
 * closed list below; anything else is masked by Yoga as an unexpected error.
 */
import type { GraphQLError } from 'graphql/index.js';
import { createGraphQLError } from 'graphql-yoga';
import { isUpstreamError, type UpstreamError } from './upstream/errors.js';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'QUERY_TOO_EXPENSIVE',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_OUTCOME_UNKNOWN',
  'PAYLOAD_TOO_LARGE',
  'PERSISTED_QUERY_REQUIRED',
  'PERSISTED_QUERY_NOT_FOUND',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  PERSISTED_QUERY_REQUIRED: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  QUERY_TOO_EXPENSIVE: 400,
};

/**
 * The one way to raise a client-visible GraphQL error. `httpStatus` overrides the code's usual HTTP
 * status (null: none, for an error that concerns one field only); `cause` is kept for the log and
 * never shown.
 */
export function gatewayError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  httpStatus: number | null = HTTP_STATUS[code] ?? null,
  cause?: Error,
): GraphQLError {
  return createGraphQLError(message, {
    extensions: { code, ...extensions, ...(httpStatus ? { http: { status: httpStatus } } : {}) },
    ...(cause ? { originalError: cause } : {}),
  });
}

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): Error {
  return gatewayError('BAD_USER_INPUT', message, extensions);
}

/** Codes the gateway's client gives its own refusals; they are not CometChat's. */
const OWN_CODES = new Set([
  'CLIENT_INVALID_ARGUMENT',
  'MGMT_NOT_CONFIGURED',
  'BREAKER_OPEN',
  'GATEWAY_RATE_LIMITED',
]);

/** A CometChat refusal that concerns the gateway's own app or key, not the caller's request. */
function refusesTheApp(code: string | undefined): boolean {
  return code !== undefined && /^(AUTH_ERR_|ERR_PLAN_|ERR_SUBSCRIPTION_|ERR_APP_)/.test(code);
}

/**
 * An operation whose worst case needs more CometChat calls than the caller's budget allows,
 * refused before execution. It names neither the budget nor the estimate.
 */
export function queryTooExpensive(): GraphQLError {
  return gatewayError(
    'QUERY_TOO_EXPENSIVE',
    'This operation could need too many calls to CometChat. Ask for fewer items (smaller `first`/`last`), fewer nested lists or fewer aliases, or split it into several requests.',
  );
}

/** A request that used up its budget of CometChat calls while running; the rest are not sent. */
export function upstreamCallBudgetSpent(): Error {
  return gatewayError(
    'QUERY_TOO_EXPENSIVE',
    'This request reached its limit of calls to CometChat; the fields that needed more are left out. Ask for fewer items or fewer nested lists.',
  );
}

/**
 * Maps an upstream failure that is not an expected outcome of a mutation (an outage, a rate limit,
 * an unusable answer, a refused read) to a GraphQL error. Messages are safe to show an end user:
 * they never name CometChat's method, path or URL, nor any credential (the log has those);
 * CometChat's own error code is kept in `extensions.upstreamCode`.
 */
export function upstreamFailure(error: UpstreamError): Error {
  const upstreamCode =
    error.code !== undefined && !OWN_CODES.has(error.code) ? { upstreamCode: error.code } : {};
  const raise = (
    code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
    httpStatus?: number | null,
  ) => gatewayError(code, message, { ...upstreamCode, ...extensions }, httpStatus, error);
  if (error.outcomeUnknown) {
    return raise(
      'UPSTREAM_OUTCOME_UNKNOWN',
      'CometChat did not confirm the outcome of this change; check the current state before retrying.',
    );
  }
  switch (error.kind) {
    case 'rate_limited':
      return raise(
        'RATE_LIMITED',
        error.code === 'GATEWAY_RATE_LIMITED'
          ? 'Too many requests to CometChat right now; the gateway did not send this one. Retry later.'
          : 'CometChat rate limit reached; retry later.',
        { retryAfterSeconds: error.retryAfterSeconds ?? 60 },
      );
    case 'timeout':
      return raise('UPSTREAM_TIMEOUT', 'CometChat did not answer in time.');
    case 'unavailable':
      return raise('UPSTREAM_UNAVAILABLE', 'CometChat is unavailable right now.');
    case 'bad_response':
      return raise('UPSTREAM_UNAVAILABLE', 'CometChat gave an answer the gateway could not read.');
    case 'unauthorized':
      return raise(
        'UPSTREAM_UNAVAILABLE',
        'The gateway is not authorised by CometChat; check its credentials.',
      );
    case 'forbidden':
      if (refusesTheApp(error.code)) {
        return raise(
          'UPSTREAM_UNAVAILABLE',
          "CometChat does not allow the gateway's app to do this; check its key and plan.",
        );
      }
      return raise('FORBIDDEN', 'CometChat does not allow this for the acting user.', {}, null);
    case 'invalid':
      return raise(
        'BAD_USER_INPUT',
        error.code === 'CLIENT_INVALID_ARGUMENT'
          ? 'An argument of this request is not a valid CometChat identifier or value (e.g. a uid with spaces); nothing was sent to CometChat.'
          : 'CometChat refused an argument of this request as invalid.',
      );
    case 'not_found':
      return raise('BAD_USER_INPUT', 'Something this request refers to does not exist.');
    case 'conflict':
      return raise('BAD_USER_INPUT', 'This conflicts with the current state in CometChat.');
    default:
      return raise('INTERNAL', 'Unexpected error.');
  }
}

/**
 * Anything as a client-safe error: upstream failures mapped, GraphQL errors kept. Only for refusals
 * made outside GraphQL execution (authentication in `onRequest`), where Yoga's error masker does
 * not run; resolvers let upstream failures through to the masker.
 */
export function toClientError(error: unknown): Error {
  if (isUpstreamError(error)) return upstreamFailure(error);
  if (error instanceof Error) return error;
  return gatewayError('INTERNAL', 'Unexpected error.');
}
