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
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  QUERY_TOO_EXPENSIVE: 400,
};

/** The one way to raise a client-visible GraphQL error. */
export function gatewayError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  const status = HTTP_STATUS[code];
  return createGraphQLError(message, {
    extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
  });
}

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): Error {
  return gatewayError('BAD_USER_INPUT', message, extensions);
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
 * Maps an upstream failure that is not an expected outcome (outage, rate limit, bad answer) to a
 * GraphQL error. Never includes the upstream URL or any credential.
 */
export function upstreamFailure(error: UpstreamError): Error {
  if (error.outcomeUnknown) {
    return gatewayError(
      'UPSTREAM_OUTCOME_UNKNOWN',
      'CometChat did not confirm the outcome of this change; check the current state before retrying.',
    );
  }
  switch (error.kind) {
    case 'rate_limited':
      return gatewayError('RATE_LIMITED', 'CometChat rate limit reached; retry later.', {
        retryAfterSeconds: error.retryAfterSeconds ?? 60,
      });
    case 'timeout':
      return gatewayError('UPSTREAM_TIMEOUT', 'CometChat did not answer in time.');
    case 'unavailable':
      return gatewayError('UPSTREAM_UNAVAILABLE', 'CometChat is unavailable right now.');
    case 'unauthorized':
      return gatewayError(
        'UPSTREAM_UNAVAILABLE',
        'The gateway is not authorised by CometChat; check its credentials.',
        { upstreamCode: error.code },
      );
    default:
      return gatewayError('INTERNAL', 'CometChat gave an answer the gateway could not use.', {
        upstreamCode: error.code,
      });
  }
}

/** Rethrows anything as a client-safe error: upstream failures mapped, GraphQL errors kept. */
export function toClientError(error: unknown): Error {
  if (isUpstreamError(error)) return upstreamFailure(error);
  if (error instanceof Error) return error;
  return gatewayError('INTERNAL', 'Unexpected error.');
}
