/**
 * Network failures (no HTTP answer) sorted by what they mean for a retry and for a write: did the
 * request never leave (safe to retry), or may it have reached CometChat (a write's outcome is then
 * unknown)?
 */
import type { FailureInit } from './answers.js';
import type { HttpMethod } from './options.js';

/** Errors that happen before a request reaches the server: safe to retry, never an unknown write. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
/** The connection broke after the request may have been sent. */
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code; // reading an optional field of an object
    if (typeof code === 'string') return code;
    const nested = (current as { errors?: unknown }).errors; // AggregateError from happy eyeballs
    current =
      Array.isArray(nested) && nested.length > 0
        ? nested[0]
        : (current as { cause?: unknown }).cause; // same
  }
  return undefined;
}

/** Thrown inside an attempt to carry a transport failure out to the retry loop. */
export class TransportFailure extends Error {
  constructor(
    readonly failure: 'connect' | 'reset' | 'timeout' | 'aborted' | 'too_large' | 'other',
    readonly errorCode: string | undefined,
    /** The request may have reached the server. */
    readonly sent: boolean,
  ) {
    super(failure);
  }
}

/** The call's overall deadline passed (the abort reason of its controller). */
export class DeadlineExceeded extends Error {}

/** One attempt took longer than the attempt timeout (the abort reason of the attempt). */
export class AttemptTimeout extends Error {}

/** Sorts whatever undici threw by its error code (looking into causes and aggregate errors). */
export function classify(error: unknown): TransportFailure {
  if (error instanceof TransportFailure) return error;
  const code = errorCodeOf(error);
  if (code !== undefined && CONNECT_CODES.has(code))
    return new TransportFailure('connect', code, false);
  if (code !== undefined && RESET_CODES.has(code)) return new TransportFailure('reset', code, true);
  if (code !== undefined && TIMEOUT_CODES.has(code))
    return new TransportFailure('timeout', code, true);
  if (
    code === 'UND_ERR_ABORTED' ||
    code === 'UND_ERR_ABORT' ||
    (error instanceof Error && error.name === 'AbortError')
  ) {
    return new TransportFailure('aborted', code, true);
  }
  return new TransportFailure('other', code, true);
}

/** What a transport failure that is not retried says; a write that may have been sent is flagged. */
export function transportError(
  t: TransportFailure,
  isWrite: boolean,
  method: HttpMethod,
  path: string,
): FailureInit {
  const outcomeUnknown = isWrite && t.sent;
  const why = t.errorCode ? ` (${t.errorCode})` : '';
  switch (t.failure) {
    case 'timeout':
    case 'aborted':
      return {
        kind: 'timeout',
        outcomeUnknown,
        message: `CometChat ${method} ${path}: timed out${why}`,
      };
    case 'too_large':
      return {
        kind: 'bad_response',
        outcomeUnknown,
        message: `CometChat ${method} ${path}: the response body is too large`,
      };
    case 'connect':
      return {
        kind: 'unavailable',
        outcomeUnknown,
        message: `CometChat ${method} ${path}: could not connect${why}`,
      };
    case 'reset':
      return {
        kind: 'unavailable',
        outcomeUnknown,
        message: `CometChat ${method} ${path}: the connection broke${why}`,
      };
    default:
      return {
        kind: 'unavailable',
        outcomeUnknown,
        message: `CometChat ${method} ${path}: request failed${why}`,
      };
  }
}
