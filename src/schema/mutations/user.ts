/**
 * User mutations: create (optionally with an auth token), update (with unsetting), delete (soft or
 * permanent), and bulk deactivate / reactivate with one outcome per uid. Also the pieces the other
 * user-centred mutation files share: the per-uid outcome type, the uid batch schema and a runner
 * that points CometChat's refusals at the input field they concern.
 */
import '../mutation.js';
import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { type GatewayContext, upstreamOptions } from '../../context.js';
import { primeUser } from '../../loaders/prime.js';
import { errorKindFor } from '../../upstream/errors.js';
import type { UserRecord } from '../../upstream/records.js';
import {
  createUser,
  deactivateUsers,
  deleteUser,
  reactivateUsers,
  updateUser,
} from '../../upstream/users.js';
import {
  ConflictFailure,
  NotFoundFailure,
  PermissionDeniedFailure,
  UserError,
  ValidationFailure,
} from '../errors.js';
import {
  descriptionSchema,
  idSchema,
  metadataSchema,
  nameSchema,
  tagsSchema,
  urlSchema,
} from '../limits.js';
import { type MutationOptions, runMutation, validateInput } from '../mutation-support.js';
import { AuthTokenRef, UserRef } from '../refs.js';
import { clientErrors } from '../user.js';

// ---------------------------------------------------------------------------------------------
// Shared by the user, auth-token, role and relation mutations

/** Any expected refusal, as returned in a result union or a per-uid outcome. */
export type MutationFailure =
  | ValidationFailure
  | NotFoundFailure
  | ConflictFailure
  | PermissionDeniedFailure;

/** The most uids one bulk mutation takes: CometChat documents no cap, one request should stay small. */
export const MAX_UIDS_PER_CALL = 100;

/** GraphQL sends absent optional input fields as null or leaves them out; both read as "not given". */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);
}

/** A batch of uids, each checked and lowercased; duplicates are collapsed later by {@link distinctUids}. */
export function uidBatchSchema(max: number = MAX_UIDS_PER_CALL) {
  return z
    .array(idSchema)
    .min(1, 'must name at least one user')
    .max(max, `at most ${max} users per call`);
}

/** The distinct uids of a batch, each with the index of its first occurrence (for error paths). */
export function distinctUids(uids: readonly string[]): { uid: string; index: number }[] {
  const seen = new Map<string, number>();
  uids.forEach((uid, index) => {
    if (!seen.has(uid)) seen.set(uid, index);
  });
  return [...seen].map(([uid, index]) => ({ uid, index }));
}

/** One uid's outcome of a bulk change. */
export interface UserOutcomeValue {
  uid: string;
  error: MutationFailure | null;
  /** Whether `user` is worth a lookup (false when the user is known to be missing or hidden). */
  loadUser: boolean;
}

/**
 * The typed error for one failed item of a bulk answer. CometChat's code decides the type as it
 * does for whole calls; an item failure that is neither a bad value, a missing object nor a
 * permission problem (e.g. a friend limit) collides with the current state, so it is a conflict.
 */
export function itemFailure(
  code: string | null,
  message: string | null,
  path: string[],
): MutationFailure {
  const text = message ?? 'CometChat refused this item.';
  switch (errorKindFor(undefined, code ?? undefined)) {
    case 'not_found':
      return new NotFoundFailure(text, path, code);
    case 'forbidden':
      return new PermissionDeniedFailure(text, path, code);
    case 'invalid':
      return new ValidationFailure(text, path, code, [{ path, message: text }]);
    default:
      return new ConflictFailure(text, path, code);
  }
}

const FAILURE_TYPES = [
  ValidationFailure,
  NotFoundFailure,
  ConflictFailure,
  PermissionDeniedFailure,
];

/** A failure as a field value of type UserError (see the `error` field of UserBulkOutcome). */
function asErrorValue(error: MutationFailure): MutationFailure {
  return wrapErrorIfMatches(error, FAILURE_TYPES) as MutationFailure; // the same object behind a proxy
}

/** The failure for an item CometChat's bulk answer left out: nothing says whether it changed. */
export function missingOutcome(uid: string, path: string[]): MutationFailure {
  return new NotFoundFailure(
    `CometChat reported no outcome for ${uid}; read the current state before retrying.`,
    path,
    null,
  );
}

export const UserBulkOutcome = builder.objectRef<UserOutcomeValue>('UserBulkOutcome').implement({
  description:
    'What happened to one user of a bulk change. Each distinct uid of the input gets exactly one outcome, in input order.',
  fields: (t) => ({
    uid: t.exposeString('uid', {
      description: 'The uid this outcome is about, lowercased as CometChat stores it.',
    }),
    ok: t.boolean({
      description: 'Whether the change was made (or already held) for this user.',
      resolve: (outcome) => outcome.error === null,
    }),
    error: t.field({
      type: UserError,
      nullable: true,
      description:
        "Why the change was not made for this user, with `path` pointing at the uid's position in `input.uids`; null when `ok`.",
      // graphql-js throws any Error a resolver returns; the errors plugin's proxy hides that it
      // is one while keeping its type, as it does for the result unions.
      resolve: (outcome) => (outcome.error === null ? null : asErrorValue(outcome.error)),
    }),
    user: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user as it is now; null when it does not exist or is deactivated. Costs one upstream call per outcome (batched).',
      resolve: (outcome, _args, context) =>
        outcome.loadUser ? clientErrors(context.loaders.users.load(outcome.uid)) : null,
    }),
  }),
});

/** Where a CometChat error code points in the input, when not at `targetPath`. */
export type CodePaths = Record<string, string[]>;

function relocate(error: unknown, codePaths: CodePaths): unknown {
  if (
    !(
      error instanceof NotFoundFailure ||
      error instanceof ConflictFailure ||
      error instanceof PermissionDeniedFailure
    ) ||
    error.code === null
  ) {
    return error;
  }
  const target = codePaths[error.code];
  if (target === undefined) return error;
  const path = ['input', ...target];
  if (error instanceof NotFoundFailure) return new NotFoundFailure(error.message, path, error.code);
  if (error instanceof ConflictFailure) return new ConflictFailure(error.message, path, error.code);
  return new PermissionDeniedFailure(error.message, path, error.code);
}

/**
 * {@link runMutation} for mutations that name more than one object: a refusal whose CometChat code
 * is in `codePaths` (e.g. ERR_ROLE_NOT_FOUND) points at that input field instead of the target.
 */
export async function runLocated<T>(
  context: GatewayContext,
  body: () => Promise<T>,
  options: MutationOptions & { codePaths?: CodePaths } = {},
): Promise<T> {
  try {
    return await runMutation(context, body, options);
  } catch (error) {
    throw relocate(error, options.codePaths ?? {});
  }
}

/** User callers may only act as themselves; admins act for the app and may name anyone. */
export function assertActsAs(context: GatewayContext, uid: string, path: string[]): void {
  if (context.caller.kind === 'user' && context.caller.uid.toLowerCase() !== uid) {
    throw new PermissionDeniedFailure(
      `A user may only change their own ${path.join('.')}; ${uid} is someone else.`,
      ['input', ...path],
      null,
    );
  }
}

/**
 * A user record CometChat returned from a write holds the full profile: it primes the request's
 * loader (emptied by the write) so later fields read it without another call.
 */
function freshUser(context: GatewayContext, user: UserRecord): UserRecord {
  primeUser(context, user, context.caller.kind === 'user' ? context.caller.uid : null, {
    fullProfile: true,
  });
  return user;
}

// ---------------------------------------------------------------------------------------------
// Inputs

const statusMessageSchema = descriptionSchema;

const UserUnsetField = builder.enumType('UserUnsetField', {
  description: 'A user field that `userUpdate` can clear.',
  values: {
    AVATAR: { value: 'avatar', description: 'The picture URL (`avatar` becomes null).' },
    LINK: { value: 'link', description: 'The profile page URL (`link` becomes null).' },
    METADATA: { value: 'metadata', description: 'The free-form JSON (`metadata` becomes null).' },
    STATUS_MESSAGE: {
      value: 'statusMessage',
      description:
        'The status text. CometChat cannot unset it, so it is stored as the empty string and `statusMessage` then reads null.',
    },
  } as const,
});

const UserCreateInput = builder.inputType('UserCreateInput', {
  description: 'A new user.',
  fields: (t) => ({
    uid: t.string({
      required: true,
      description:
        'The new user\'s identifier: 1 to 100 letters, digits, "-" or "_"; CometChat stores it lowercased.',
    }),
    name: t.string({ required: true, description: 'The display name (1 to 100 characters).' }),
    avatar: t.string({
      description: 'URL of the picture (http or https, at most 3000 characters).',
    }),
    link: t.string({
      description: 'URL of the profile page (http or https, at most 3000 characters).',
    }),
    role: t.string({
      description: 'The key of an existing role; the `default` role when omitted.',
    }),
    statusMessage: t.string({ description: 'A short status text (at most 255 characters).' }),
    metadata: t.field({
      type: 'JSONObject',
      description:
        'Free-form JSON kept with the user (at most 5 KB as JSON). Put contact details under `@private`.',
    }),
    tags: t.stringList({ description: 'Labels (at most 25, each 1 to 100 characters).' }),
    withAuthToken: t.boolean({
      description:
        'Also issue an auth token for the new user, returned in `authToken` (default false).',
    }),
  }),
});

const userCreateSchema = z.object({
  uid: idSchema,
  name: nameSchema,
  avatar: optional(urlSchema),
  link: optional(urlSchema),
  role: optional(idSchema),
  statusMessage: optional(statusMessageSchema),
  metadata: optional(metadataSchema),
  tags: optional(tagsSchema),
  withAuthToken: optional(z.boolean()),
});

const UserUpdateInput = builder.inputType('UserUpdateInput', {
  description:
    'Changes to a user. Omitted fields stay as they are; `unset` clears fields. At least one change is required.',
  fields: (t) => ({
    uid: t.string({ required: true, description: 'The user to change (case-insensitive).' }),
    name: t.string({ description: 'A new display name (1 to 100 characters).' }),
    avatar: t.string({
      description: 'A new picture URL (http or https, at most 3000 characters).',
    }),
    link: t.string({
      description: 'A new profile page URL (http or https, at most 3000 characters).',
    }),
    role: t.string({ description: 'The key of an existing role to give the user.' }),
    statusMessage: t.string({ description: 'A new status text (at most 255 characters).' }),
    metadata: t.field({
      type: 'JSONObject',
      description: 'New free-form JSON, replacing the old (at most 5 KB as JSON).',
    }),
    tags: t.stringList({
      description: 'New labels, replacing the old (at most 25, each 1 to 100 characters).',
    }),
    unset: t.field({
      type: [UserUnsetField],
      description: 'Fields to clear. A field cannot be set and cleared in the same call.',
    }),
  }),
});

const UNSET_FIELDS = ['avatar', 'link', 'metadata', 'statusMessage'] as const;

const userUpdateSchema = z
  .object({
    uid: idSchema,
    name: optional(nameSchema),
    avatar: optional(urlSchema),
    link: optional(urlSchema),
    role: optional(idSchema),
    statusMessage: optional(statusMessageSchema),
    metadata: optional(metadataSchema),
    tags: optional(tagsSchema),
    unset: optional(z.array(z.enum(UNSET_FIELDS))),
  })
  .superRefine((input, ctx) => {
    const unset = input.unset ?? [];
    unset.forEach((field, index) => {
      if (input[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `cannot set and clear ${field} in the same call`,
          path: ['unset', index],
        });
      }
    });
    const { uid: _uid, unset: _unset, ...changes } = input;
    if (unset.length === 0 && Object.values(changes).every((value) => value === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'nothing to change: set at least one field or list fields in `unset`',
        path: [],
      });
    }
  });

const UserDeleteInput = builder.inputType('UserDeleteInput', {
  description: 'The user to delete.',
  fields: (t) => ({
    uid: t.string({ required: true, description: 'The user to delete (case-insensitive).' }),
    permanent: t.boolean({
      description:
        "Also delete the user's messages and conversations, irreversibly (default false: only the user goes).",
    }),
  }),
});

const userDeleteSchema = z.object({ uid: idSchema, permanent: optional(z.boolean()) });

const UsersDeactivateInput = builder.inputType('UsersDeactivateInput', {
  description: 'The users to deactivate.',
  fields: (t) => ({
    uids: t.stringList({
      required: true,
      description: `The users to deactivate (1 to ${MAX_UIDS_PER_CALL} uids, case-insensitive; duplicates count once).`,
    }),
  }),
});

const UsersReactivateInput = builder.inputType('UsersReactivateInput', {
  description: 'The users to reactivate.',
  fields: (t) => ({
    uids: t.stringList({
      required: true,
      description: `The deactivated users to reactivate (1 to ${MAX_UIDS_PER_CALL} uids, case-insensitive; duplicates count once).`,
    }),
  }),
});

const uidsSchema = z.object({ uids: uidBatchSchema() });

// ---------------------------------------------------------------------------------------------
// Payloads

interface UserCreateValue {
  user: UserRecord;
  authToken: string | null;
}

const UserCreatePayload = builder.objectRef<UserCreateValue>('UserCreatePayload').implement({
  description: 'The user that was created.',
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      description: 'The new user.',
      resolve: (value) => value.user,
    }),
    authToken: t.field({
      type: AuthTokenRef,
      nullable: true,
      description:
        "The auth token issued with the user (its `createdAt` is the user's); null unless `withAuthToken` was set.",
      resolve: (value) =>
        value.authToken === null
          ? null
          : {
              uid: value.user.uid,
              authToken: value.authToken,
              createdAt: value.user.createdAt,
              platform: null,
              userAgent: null,
              appInfo: null,
            },
    }),
  }),
});

const UserUpdatePayload = builder.objectRef<UserRecord>('UserUpdatePayload').implement({
  description: 'The user that was changed.',
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      description: 'The user as it is now.',
      resolve: (user) => user,
    }),
  }),
});

interface UserDeleteValue {
  uid: string;
  permanent: boolean;
}

const UserDeletePayload = builder.objectRef<UserDeleteValue>('UserDeletePayload').implement({
  description: 'The user that was deleted.',
  fields: (t) => ({
    deletedUserId: t.globalID({
      description: 'The global ID the deleted user had, to drop it from client caches.',
      resolve: (value) => ({ type: 'User', id: value.uid }),
    }),
    uid: t.exposeString('uid', { description: 'The uid of the deleted user.' }),
    permanent: t.exposeBoolean('permanent', {
      description: "Whether the user's messages and conversations were deleted too.",
    }),
  }),
});

const UsersDeactivatePayload = builder
  .objectRef<UserOutcomeValue[]>('UsersDeactivatePayload')
  .implement({
    description: 'What happened to each user of a bulk deactivation.',
    fields: (t) => ({
      outcomes: t.field({
        type: [UserBulkOutcome],
        description:
          'One outcome per distinct uid, in input order. A user that was already deactivated counts as deactivated; an unknown uid fails with NotFoundError. Deactivated users are hidden from lookups, so `user` is null here.',
        resolve: (outcomes) => outcomes,
      }),
    }),
  });

const UsersReactivatePayload = builder
  .objectRef<UserOutcomeValue[]>('UsersReactivatePayload')
  .implement({
    description: 'What happened to each user of a bulk reactivation.',
    fields: (t) => ({
      outcomes: t.field({
        type: [UserBulkOutcome],
        description:
          'One outcome per distinct uid, in input order. A user that was already active counts as reactivated; an unknown uid fails with NotFoundError.',
        resolve: (outcomes) => outcomes,
      }),
    }),
  });

/** Outcomes of a bulk call that answers with the list of uids it applied to. */
function listedOutcomes(
  requested: { uid: string; index: number }[],
  applied: readonly string[],
  loadUser: boolean,
): UserOutcomeValue[] {
  const done = new Set(applied.map((uid) => uid.toLowerCase()));
  return requested.map(({ uid, index }) =>
    done.has(uid)
      ? { uid, error: null, loadUser }
      : {
          uid,
          error: new NotFoundFailure(
            `No user with uid ${uid} exists.`,
            ['input', 'uids', String(index)],
            null,
          ),
          loadUser: false,
        },
  );
}

// ---------------------------------------------------------------------------------------------
// Mutations

const ROLE_PATHS: CodePaths = { ERR_ROLE_NOT_FOUND: ['role'] };

builder.mutationFields((t) => ({
  userCreate: t.field({
    type: UserCreatePayload,
    description:
      'Creates a user, optionally with a role, metadata, tags and an auth token. Admin only. ConflictError when the uid is taken; NotFoundError when the role does not exist.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, ConflictFailure, NotFoundFailure],
      union: { description: 'The created user, or why it was not created.' },
    },
    args: {
      input: t.arg({ type: UserCreateInput, required: true, description: 'The new user.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(userCreateSchema, args.input);
      const user = await runLocated(
        context,
        () => createUser(context.upstream, input, upstreamOptions(context)),
        { targetPath: ['uid'], codePaths: ROLE_PATHS },
      );
      return { user: freshUser(context, user), authToken: user.authToken };
    },
  }),
  userUpdate: t.field({
    type: UserUpdatePayload,
    description:
      'Changes a user: any of name, avatar, link, role, status text, metadata and tags, and clears fields listed in `unset`. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed user, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: UserUpdateInput, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const { uid, unset, ...changes } = validateInput(userUpdateSchema, args.input);
      const cleared = unset ?? [];
      // CometChat's `unset` knows avatar, link and metadata only; an empty text clears the status.
      const unsetUpstream = cleared.filter((field) => field !== 'statusMessage');
      const body = {
        ...changes,
        ...(cleared.includes('statusMessage') ? { statusMessage: '' } : {}),
        ...(unsetUpstream.length > 0 ? { unset: unsetUpstream } : {}),
      };
      const user = await runLocated(
        context,
        () => updateUser(context.upstream, uid, body, upstreamOptions(context)),
        { targetPath: ['uid'], codePaths: ROLE_PATHS },
      );
      return freshUser(context, user);
    },
  }),
  userDelete: t.field({
    type: UserDeletePayload,
    description:
      "Deletes a user (and what hangs off it: memberships, tokens, relations). With `permanent`, also the user's messages and conversations. Admin only.",
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted user, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: UserDeleteInput, required: true, description: 'The user to delete.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(userDeleteSchema, args.input);
      const permanent = input.permanent ?? false;
      await runMutation(
        context,
        () => deleteUser(context.upstream, input.uid, { permanent }, upstreamOptions(context)),
        { targetPath: ['uid'] },
      );
      return { uid: input.uid, permanent };
    },
  }),
  usersDeactivate: t.field({
    type: UsersDeactivatePayload,
    description:
      'Deactivates users: they can no longer log in and are hidden from lists and lookups until reactivated. One outcome per uid. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({
        type: UsersDeactivateInput,
        required: true,
        description: 'The users to deactivate.',
      }),
    },
    resolve: async (_root, args, context) => {
      const requested = distinctUids(validateInput(uidsSchema, args.input).uids);
      const applied = await runMutation(context, () =>
        deactivateUsers(
          context.upstream,
          requested.map(({ uid }) => uid),
          upstreamOptions(context),
        ),
      );
      return listedOutcomes(requested, applied, false);
    },
  }),
  usersReactivate: t.field({
    type: UsersReactivatePayload,
    description: 'Reactivates deactivated users. One outcome per uid. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The per-user outcomes, or why nothing was tried.' },
    },
    args: {
      input: t.arg({
        type: UsersReactivateInput,
        required: true,
        description: 'The users to reactivate.',
      }),
    },
    resolve: async (_root, args, context) => {
      const requested = distinctUids(validateInput(uidsSchema, args.input).uids);
      const applied = await runMutation(context, () =>
        reactivateUsers(
          context.upstream,
          requested.map(({ uid }) => uid),
          upstreamOptions(context),
        ),
      );
      return listedOutcomes(requested, applied, true);
    },
  }),
}));
