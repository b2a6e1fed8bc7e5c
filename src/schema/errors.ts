/**
 * Expected mutation outcomes as data: every error type implements `UserError { message path }`,
 * where `path` points into the mutation's `input`. Outages, rate limits and bugs stay GraphQL
 * errors (src/errors.ts).
 */
import { builder } from '../builder.js';

/** One rejected input field: where it is and why. */
export interface FieldViolation {
  path: string[];
  message: string;
}

abstract class UserFailure extends Error {
  constructor(
    message: string,
    /** Path into the mutation arguments, starting with `input`. */
    readonly path: string[] = ['input'],
    /** CometChat's error code when the upstream decided, null when the gateway did. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** The input breaks a documented limit, checked by the gateway or reported by CometChat. */
export class ValidationFailure extends UserFailure {
  constructor(
    message: string,
    path: string[],
    code: string | null,
    readonly violations: FieldViolation[],
  ) {
    super(message, path, code);
  }
}

/** An object the mutation names (or needs) does not exist. */
export class NotFoundFailure extends UserFailure {}

/** The change collides with the current state: already exists, already a member, ... */
export class ConflictFailure extends UserFailure {}

/** The acting user may not make this change (e.g. group scope clearance). */
export class PermissionDeniedFailure extends UserFailure {}

export const UserError = builder.interfaceRef<UserFailure>('UserError').implement({
  description:
    'An expected reason a mutation did not happen. Always select `... on UserError { message path }`: new error types may be added to result unions.',
  fields: (t) => ({
    message: t.exposeString('message', {
      description: 'What went wrong, in words fit to show a developer.',
    }),
    path: t.exposeStringList('path', {
      description:
        'Where in the mutation arguments the problem is, e.g. `["input", "uid"]`; `["input"]` when it concerns the whole input.',
    }),
    code: t.exposeString('code', {
      nullable: true,
      description:
        "CometChat's error code when CometChat refused the change (e.g. `ERR_UID_NOT_FOUND`); null when the gateway refused it before calling CometChat.",
    }),
  }),
});

export const FieldViolationType = builder.objectRef<FieldViolation>('FieldViolation').implement({
  description: 'One input field that was rejected, and why.',
  fields: (t) => ({
    path: t.exposeStringList('path', {
      description: 'Where the field is in the mutation arguments, starting with `input`.',
    }),
    message: t.exposeString('message', { description: 'Why the value was rejected.' }),
  }),
});

builder.objectType(ValidationFailure, {
  name: 'ValidationError',
  description:
    'The input breaks a documented limit (length, charset, count, format, required field). Nothing was changed.',
  interfaces: [UserError],
  isTypeOf: (value) => value instanceof ValidationFailure,
  fields: (t) => ({
    violations: t.field({
      type: [FieldViolationType],
      description: 'Every rejected field; the first one is also in `path` and `message`.',
      resolve: (error) => error.violations,
    }),
  }),
});

builder.objectType(NotFoundFailure, {
  name: 'NotFoundError',
  description: 'An object the mutation names, or needs, does not exist. Nothing was changed.',
  interfaces: [UserError],
  isTypeOf: (value) => value instanceof NotFoundFailure,
  fields: () => ({}),
});

builder.objectType(ConflictFailure, {
  name: 'ConflictError',
  description:
    'The change collides with the current state (already exists, already a member, already banned, already friends, ...). Nothing was changed.',
  interfaces: [UserError],
  isTypeOf: (value) => value instanceof ConflictFailure,
  fields: () => ({}),
});

builder.objectType(PermissionDeniedFailure, {
  name: 'PermissionDeniedError',
  description:
    'The acting user is not allowed to make this change (for example a group participant kicking a member). Nothing was changed.',
  interfaces: [UserError],
  isTypeOf: (value) => value instanceof PermissionDeniedFailure,
  fields: () => ({}),
});

/**
 * One item of a bulk change that CometChat did not apply for a reason the other error types do not
 * describe (an internal failure on its side, or a code the gateway does not know).
 */
export class NotAppliedFailure extends UserFailure {}

builder.objectType(NotAppliedFailure, {
  name: 'NotAppliedError',
  description:
    'CometChat did not apply this item of a bulk change for a reason of its own (an internal failure, or a code the gateway does not classify); `code` and `message` carry what it said. Retrying this item alone may succeed.',
  interfaces: [UserError],
  isTypeOf: (value) => value instanceof NotAppliedFailure,
  fields: () => ({}),
});

/** The error types every mutation may return, for `errors: { types: MUTATION_ERRORS }`. */
export const MUTATION_ERRORS = [
  ValidationFailure,
  NotFoundFailure,
  ConflictFailure,
  PermissionDeniedFailure,
];

/** The error types one item of a bulk change may end in: the shared ones, or not applied. */
export const ITEM_ERRORS = [...MUTATION_ERRORS, NotAppliedFailure];

/** Any expected refusal of a whole mutation, as its result union returns it. */
export type MutationFailure =
  | ValidationFailure
  | NotFoundFailure
  | ConflictFailure
  | PermissionDeniedFailure;

/** Any expected refusal of one item of a bulk change. */
export type ItemFailure = MutationFailure | NotAppliedFailure;

/** Which refusal a failure is, by the name of its kind of upstream error (plus `not_applied`). */
export type FailureKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'not_applied';

export function isMutationFailure(error: unknown): error is MutationFailure {
  return (
    error instanceof ValidationFailure ||
    error instanceof NotFoundFailure ||
    error instanceof ConflictFailure ||
    error instanceof PermissionDeniedFailure
  );
}

/** The failure of `kind`; an invalid value is its own one violation. */
export function failureOfKind(
  kind: FailureKind,
  message: string,
  path: string[],
  code: string | null,
): ItemFailure {
  switch (kind) {
    case 'not_found':
      return new NotFoundFailure(message, path, code);
    case 'conflict':
      return new ConflictFailure(message, path, code);
    case 'forbidden':
      return new PermissionDeniedFailure(message, path, code);
    case 'invalid':
      return new ValidationFailure(message, path, code, [{ path, message }]);
    case 'not_applied':
      return new NotAppliedFailure(message, path, code);
  }
}
