/**
 * What every mutation shares: input checks before the network (a failure is a `ValidationError`
 * pointing into `input`), CometChat's expected refusals turned into typed errors, and fresh
 * loaders afterwards so the same request never reads stale data.
 */
import type { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { isUpstreamError, type UpstreamError } from '../upstream/errors.js';
import {
  type FieldViolation,
  failureOfKind,
  isMutationFailure,
  ValidationFailure,
} from './errors.js';

/**
 * Parses `input` with `schema`; on failure throws a ValidationFailure listing every issue with its
 * path under `input`. Returns the parsed (normalised) value.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const violations: FieldViolation[] = result.error.issues.map((issue) => ({
    path: ['input', ...issue.path.map(String)],
    message: issue.message,
  }));
  const first = violations[0] ?? { path: ['input'], message: 'Invalid input.' };
  throw new ValidationFailure(
    `${first.path.slice(1).join('.') || 'input'}: ${first.message}`,
    first.path,
    null,
    violations,
  );
}

/** Throws a ValidationFailure for one field, for checks a schema cannot express. */
export function rejectField(path: string[], message: string): never {
  throw new ValidationFailure(`${path.join('.')}: ${message}`, ['input', ...path], null, [
    { path: ['input', ...path], message },
  ]);
}

interface UpdateWording {
  clash: (field: string) => string;
  nothing: string;
}

const UPDATE_WORDING: UpdateWording = {
  clash: (field) => `cannot set and clear ${field} in the same call`,
  nothing: 'nothing to change: set at least one field or list fields in `unset`',
};

/**
 * The rules every `…Update` input with `unset` shares: a field cannot be set and cleared in one
 * call, and the call must change something (a field besides `key`, or an `unset` entry).
 */
export function checkChanges<F extends string>(
  input: Partial<Record<F, unknown>> & { unset?: readonly F[] | undefined },
  key: string,
  ctx: z.RefinementCtx,
  wording: UpdateWording = UPDATE_WORDING,
): void {
  const unset = input.unset ?? [];
  unset.forEach((field, index) => {
    if (input[field] !== undefined) {
      ctx.addIssue({ code: 'custom', message: wording.clash(field), path: ['unset', index] });
    }
  });
  const changed = Object.entries(input).some(
    ([field, value]) => field !== key && field !== 'unset' && value !== undefined,
  );
  if (unset.length === 0 && !changed) {
    ctx.addIssue({ code: 'custom', message: wording.nothing, path: [] });
  }
}

/** Maps CometChat's per-field `details` keys onto input paths (`uid` -> `["input","uid"]`). */
function violationsFrom(
  error: UpstreamError,
  fieldMap: Record<string, string[]>,
): FieldViolation[] {
  return Object.entries(error.details ?? {}).flatMap(([field, messages]) =>
    messages.map((message) => ({
      path: ['input', ...(fieldMap[field] ?? [field])],
      message,
    })),
  );
}

/** An input field that names an id, so a refusal that quotes the id can point at that field. */
export interface IdField {
  id: string;
  path: string[];
}

export interface MutationOptions {
  /** Where CometChat's field names land in the input, when they differ. */
  fieldMap?: Record<string, string[]>;
  /** Path of the input field that names the target, for not-found and permission errors. */
  targetPath?: string[];
  /** Ids CometChat's refusal may quote, with the input fields that gave them (first match wins). */
  ids?: readonly IdField[];
  /** Where a refusal with one of these CometChat codes points, whatever it quotes. */
  codePaths?: Record<string, string[]>;
}

/** The first id of `ids` CometChat's own words quote, if any. */
function quotedField(error: UpstreamError, ids: readonly IdField[]): string[] | undefined {
  if (ids.length === 0) return undefined;
  // Only CometChat's own words count: the request path in front may hold other ids.
  const prefix = `CometChat ${error.method} ${error.path}: `;
  const own = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  // Ids are alpha-dash, so a quoted one is a whole word between other characters.
  const words = new Set(own.toLowerCase().split(/[^a-z0-9_-]+/));
  return ids.find(({ id }) => words.has(id.toLowerCase()))?.path;
}

/** The input field a refusal is about: by its code, then by the id it quotes, then the target. */
function targetOf(error: UpstreamError, options: MutationOptions): string[] {
  const byCode = error.code ? options.codePaths?.[error.code] : undefined;
  return byCode ?? quotedField(error, options.ids ?? []) ?? options.targetPath ?? [];
}

/**
 * Converts an expected CometChat refusal into its typed error. Anything else (an outage, a rate
 * limit, an unknown outcome, a bug) is returned as it is: thrown from the mutation field, it is
 * mapped and logged by Yoga's error masker like any other field's failure.
 */
export function mutationFailure(error: unknown, options: MutationOptions = {}): unknown {
  if (!isUpstreamError(error) || error.outcomeUnknown) return error;
  const path = ['input', ...targetOf(error, options)];
  const code = error.code ?? null;
  switch (error.kind) {
    case 'not_found':
    case 'conflict':
    case 'forbidden':
      return failureOfKind(error.kind, error.message, path, code);
    case 'invalid': {
      const violations = violationsFrom(error, options.fieldMap ?? {});
      const first = violations[0];
      return new ValidationFailure(error.message, first ? first.path : path, code, violations);
    }
    default:
      return error;
  }
}

/**
 * Runs a mutation body: the upstream call happens exactly once (never retried), expected refusals
 * become typed errors pointing at the input field they are about, and the request's views are
 * emptied afterwards (success or not), so later fields of the same request read the new state.
 */
export async function runMutation<T>(
  context: GatewayContext,
  body: () => Promise<T>,
  options: MutationOptions = {},
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (isMutationFailure(error)) throw error;
    throw mutationFailure(error, options);
  } finally {
    context.reads.clear();
  }
}
