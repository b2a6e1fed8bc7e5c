/**
 * What CometChat answered, turned into a result or an {@link UpstreamError}: success bodies go
 * through the caller's parser, error bodies through the mapping table in `errors.ts`. Every text is
 * scrubbed of the credentials first, because some CometChat messages quote the key that was used.
 */
import { z } from 'zod';
import {
  errorKindFor,
  normaliseDetails,
  retryAfterSecondsFrom,
  UpstreamError,
  type UpstreamErrorInit,
} from './errors.js';
import type { HttpMethod } from './options.js';

/** One HTTP answer, body read in full. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** What one failure says; the call's method and scrubbed path are added by a {@link Fail}. */
export type FailureInit = Omit<UpstreamErrorInit, 'method' | 'path'>;

/** Builds one call's errors; `path` defaults to the call's path template. */
export type Fail = (init: FailureInit, path?: string) => UpstreamError;

/** The {@link Fail} of one call: method attached, message and path scrubbed. */
export function failuresOf(
  method: HttpMethod,
  templatePath: string,
  scrub: (text: string) => string,
): Fail {
  return (init, path = templatePath) =>
    new UpstreamError({ ...init, message: scrub(init.message), method, path: scrub(path) });
}

/** `text` with every secret, plain or URL-encoded, replaced by `[redacted]`. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      if (form !== '') out = out.split(form).join('[redacted]');
    }
  }
  return out;
}

/**
 * A 2xx answer read with `parse`. A body that is not JSON, or that `parse` refuses, is a
 * `bad_response` naming the first problem (for a write: with its outcome unknown, since CometChat
 * accepted it but its result cannot be read); an UpstreamError thrown by `parse` passes through.
 */
export function readSuccess<T>(
  answer: HttpAnswer,
  parse: (raw: unknown) => T,
  method: HttpMethod,
  path: string,
  fail: Fail,
): T {
  return readParsed(readJson(answer, method, path, fail), answer.status, parse, method, path, fail);
}

/** The JSON of a 2xx answer (undefined for an empty body), or a `bad_response`. */
export function readJson(
  answer: HttpAnswer,
  method: HttpMethod,
  path: string,
  fail: Fail,
): unknown {
  try {
    return answer.text === '' ? undefined : JSON.parse(answer.text);
  } catch {
    throw fail(
      {
        kind: 'bad_response',
        status: answer.status,
        outcomeUnknown: method !== 'GET',
        message: `CometChat ${method} ${path}: the response body is not JSON`,
      },
      path,
    );
  }
}

/** The JSON of a 2xx answer read with `parse` (see {@link readSuccess}); `raw` is not changed. */
export function readParsed<T>(
  raw: unknown,
  status: number,
  parse: (raw: unknown) => T,
  method: HttpMethod,
  path: string,
  fail: Fail,
): T {
  try {
    return parse(raw);
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    const reason =
      error instanceof z.ZodError
        ? describeIssue(error)
        : error instanceof Error
          ? error.message
          : 'the response could not be read';
    throw fail(
      {
        kind: 'bad_response',
        status,
        outcomeUnknown: method !== 'GET',
        message: `CometChat ${method} ${path}: unexpected response, ${reason}`,
      },
      path,
    );
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid body';
  const path = issue.path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
  return `${path === '' ? '(root)' : path}: ${issue.message}`;
}

const errorBodySchema = z.object({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    devMessage: z.string().optional(),
    details: z.unknown().optional(),
  }),
});

/**
 * The UpstreamError for a non-2xx answer: kind from CometChat's `error.code` and the status,
 * per-field details, and the wait a 429 asks for. Bodies that are not CometChat errors leave the
 * status alone to decide. A 502 or 504 comes from a proxy in front of CometChat that may have
 * passed the request on, so a write answered that way has an unknown outcome.
 */
export function httpError(
  answer: HttpAnswer,
  method: HttpMethod,
  path: string,
  scrub: (text: string) => string,
): UpstreamError {
  let parsed: z.infer<typeof errorBodySchema> | undefined;
  try {
    const result = errorBodySchema.safeParse(JSON.parse(answer.text));
    if (result.success) parsed = result.data;
  } catch {
    // Not JSON (a proxy's HTML page, an empty 503): the status alone decides.
  }
  const code = parsed?.error.code;
  const text = parsed?.error.message ?? parsed?.error.devMessage ?? `HTTP ${answer.status}`;
  const details = normaliseDetails(parsed?.error.details);
  let scrubbed: Record<string, string[]> | undefined;
  if (details) {
    // A field message may quote a credential just like the top-level message can.
    scrubbed = {};
    for (const [field, messages] of Object.entries(details))
      scrubbed[scrub(field)] = messages.map(scrub);
  }
  return new UpstreamError({
    kind: errorKindFor(answer.status, code),
    method,
    path: scrub(path),
    status: answer.status,
    code,
    details: scrubbed,
    retryAfterSeconds: retryAfterSecondsFrom(answer.headers, parsed?.error.details),
    outcomeUnknown: method !== 'GET' && (answer.status === 502 || answer.status === 504),
    message: scrub(
      `CometChat ${method} ${path}: ${answer.status}${code ? ` ${code}` : ''}, ${text}`,
    ),
  });
}
