/**
 * What every mutation shares: input checks before the network (a failure is a `ValidationError`
 * pointing into `input`), CometChat's expected refusals turned into typed errors, and fresh
 * loaders afterwards so the same request never reads stale data.
 */
import type { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { toClientError } from '../errors.js';
import { isUpstreamError, type UpstreamError } from '../upstream/errors.js';
import {
  ConflictFailure,
  type FieldViolation,
  NotFoundFailure,
  PermissionDeniedFailure,
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

export interface MutationOptions {
  /** Where CometChat's field names land in the input, when they differ. */
  fieldMap?: Record<string, string[]>;
  /** Path of the input field that names the target, for not-found and permission errors. */
  targetPath?: string[];
}

/** Converts an expected CometChat refusal into its typed error; anything else becomes a GraphQL error. */
export function mutationFailure(error: unknown, options: MutationOptions = {}): Error {
  if (!isUpstreamError(error) || error.outcomeUnknown) return toClientError(error);
  const path = ['input', ...(options.targetPath ?? [])];
  const code = error.code ?? null;
  switch (error.kind) {
    case 'not_found':
      return new NotFoundFailure(error.message, path, code);
    case 'conflict':
      return new ConflictFailure(error.message, path, code);
    case 'forbidden':
      return new PermissionDeniedFailure(error.message, path, code);
    case 'invalid': {
      const violations = violationsFrom(error, options.fieldMap ?? {});
      const first = violations[0];
      return new ValidationFailure(error.message, first ? first.path : path, code, violations);
    }
    default:
      return toClientError(error);
  }
}

/**
 * Runs a mutation body: the upstream call happens exactly once (never retried), expected refusals
 * become typed errors, and the request's loaders are emptied afterwards (success or not), so later
 * fields of the same request read the new state.
 */
export async function runMutation<T>(
  context: GatewayContext,
  body: () => Promise<T>,
  options: MutationOptions = {},
): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ValidationFailure || error instanceof NotFoundFailure) throw error;
    if (error instanceof ConflictFailure || error instanceof PermissionDeniedFailure) throw error;
    throw mutationFailure(error, options);
  } finally {
    clearLoaders(context);
  }
}

function clearLoaders(context: GatewayContext): void {
  for (const loader of Object.values(context.loaders)) {
    if (loader && typeof loader === 'object' && 'clearAll' in loader) loader.clearAll();
  }
}
