/**
 * The gateway's one logger (pino). Lines written while an HTTP request is served carry its request
 * id (see request-scope.ts). Secrets are kept out of log lines twice over: known secret
 * fields are redacted by path, and every line is scrubbed of the configured secret values
 * (API key, management secret, webhook password, admin tokens) before it is written, so a secret
 * that sneaks into a message or an error string still never reaches the output.
 */

import type { YogaLogger } from 'graphql-yoga';
import { pino } from 'pino';
import type { LogLevel } from './config.js';
import { currentScope } from './request-scope.js';

export type Logger = pino.Logger;

/** Something log lines can be written to (stdout by default; tests capture lines). */
export interface LogDestination {
  write(line: string): void;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Exact values that must never appear in a log line. */
  secrets?: readonly string[];
  destination?: LogDestination;
  name?: string;
}

const SECRET_KEYS = [
  'apikey',
  'apiKey',
  'authorization',
  'Authorization',
  'secret',
  'password',
  'key',
  'token',
  'authToken',
];

const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  'req.headers.authorization',
  'req.headers.apikey',
  'headers.authorization',
  'headers.apikey',
];

const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Returns a function that replaces every occurrence of any of `secrets` with a marker. */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  // Very short values would blank out ordinary words; they are not secrets worth the name.
  const values = [...new Set(secrets.filter((secret) => secret.length >= 6))].sort(
    (a, b) => b.length - a.length,
  );
  if (values.length === 0) return (text) => text;
  const pattern = new RegExp(values.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

// Loggers (children included) whose bindings already name the request.
const boundToRequest = new WeakMap<object, boolean>();

function requestBound(instance: pino.Logger): boolean {
  let bound = boundToRequest.get(instance);
  if (bound === undefined) {
    bound = 'requestId' in instance.bindings();
    boundToRequest.set(instance, bound);
  }
  return bound;
}

/**
 * Adds the request id (and trace id) of the HTTP request being served to a line from a logger
 * that does not carry them already, so no line of a request goes without its id.
 */
function requestFields(_merge: object, _level: number, instance: pino.Logger): object {
  const scope = currentScope();
  if (!scope || requestBound(instance)) return {};
  return scope.traceId
    ? { requestId: scope.requestId, traceId: scope.traceId }
    : { requestId: scope.requestId };
}

export function createLogger(options: LoggerOptions): Logger {
  const scrub = secretScrubber(options.secrets ?? []);
  const target: LogDestination = options.destination ?? pino.destination({ dest: 1, sync: true });
  const destination: LogDestination = { write: (line) => target.write(scrub(line)) };
  return pino(
    {
      level: options.level,
      name: options.name ?? 'gateway',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      base: null,
      mixin: requestFields,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A logger that writes nothing (tests that do not look at logs). */
export function silentLogger(): Logger {
  return createLogger({ level: 'silent', destination: { write: () => undefined } });
}

/** An abort of a request by its own client (it disconnected or cancelled), possibly wrapped. */
function isClientAbort(value: unknown): boolean {
  if (!(value instanceof Error)) return false;
  if (value.name === 'AbortError') return true;
  const original = (value as { originalError?: unknown }).originalError; // GraphQLError's cause
  return original instanceof Error && original.name === 'AbortError';
}

function toLogCall(
  base: Logger,
  pick: () => Logger,
  level: 'debug' | 'info' | 'warn' | 'error',
  skip: (first: unknown) => boolean,
) {
  return (...args: unknown[]): void => {
    const [first, ...rest] = args;
    if (skip(first)) return;
    // A client that went away is not a failure of the gateway: one debug line, no stack trace.
    if (isClientAbort(first)) {
      if (base.isLevelEnabled('debug')) pick().debug('request abandoned by its client');
      return;
    }
    if (!base.isLevelEnabled(level)) return;
    const logger = pick();
    if (first instanceof Error) {
      logger[level]({ err: first, extra: rest.length > 0 ? rest : undefined }, first.message);
    } else if (typeof first === 'string') {
      logger[level](rest.length > 0 ? { extra: rest } : {}, first);
    } else {
      logger[level]({ extra: args });
    }
  };
}

/**
 * Adapts pino to Yoga's `logging` option, which logs with `(...args)`. With `current`, a line
 * goes to the logger of the request being served (its id on the line) when there is one; `skip`
 * leaves out lines about errors logged elsewhere already (the error masker's upstream failures).
 */
export function yogaLogger(
  logger: Logger,
  current?: () => Logger | undefined,
  skip: (first: unknown) => boolean = () => false,
): YogaLogger {
  const child = logger.child({ component: 'yoga' });
  const pick = (): Logger => current?.()?.child({ component: 'yoga' }) ?? child;
  return {
    debug: toLogCall(child, pick, 'debug', skip),
    info: toLogCall(child, pick, 'info', skip),
    warn: toLogCall(child, pick, 'warn', skip),
    error: toLogCall(child, pick, 'error', skip),
  };
}
