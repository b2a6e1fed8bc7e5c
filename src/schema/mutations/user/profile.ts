/**
 * userCreate (optionally with an auth token), userUpdate (with unsetting) and userDelete (soft or
 * permanent). Admin only.
 */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import type { GatewayContext } from '../../../context.js';
import type { UserRecord } from '../../../upstream/records.js';
import { createUser, deleteUser, updateUser } from '../../../upstream/users.js';
import { aliased } from '../../deprecation.js';
import { ConflictFailure, NotFoundFailure, ValidationFailure } from '../../errors.js';
import { runMutation } from '../../mutation-support.js';
import { AuthTokenRef, UserRef } from '../../refs.js';
import { objectPayload } from '../fields.js';
import { UserCreate, UserDelete, UserUpdate } from './inputs.js';

/**
 * A user record CometChat returned from a write holds the full profile: it primes the caller's
 * view (emptied by the write) so later fields read it without another call.
 */
function freshUser(context: GatewayContext, user: UserRecord): UserRecord {
  const complete = { ...user, complete: true };
  context.view().prime.user(complete);
  return complete;
}

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

const UserUpdatePayload = objectPayload('UserUpdatePayload', 'The user that was changed.', {
  name: 'user',
  type: UserRef,
  description: 'The user as it is now.',
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
    ...aliased('isPermanent', 'permanent', (options) =>
      t.exposeBoolean('permanent', {
        ...options,
        description: "Whether the user's messages and conversations were deleted too.",
      }),
    ),
  }),
});

/** A missing role points at `role`; anything else about the user at `uid`. */
const USER_TARGET = { targetPath: ['uid'], codePaths: { ERR_ROLE_NOT_FOUND: ['role'] } };

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
      input: t.arg({ type: UserCreate.ref, required: true, description: 'The new user.' }),
    },
    resolve: async (_root, args, context) => {
      const input = UserCreate.parse(args.input);
      const user = await runMutation(
        context,
        () => createUser(context.upstream, input, context.view().options),
        USER_TARGET,
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
      input: t.arg({ type: UserUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const { uid, unset, ...changes } = UserUpdate.parse(args.input);
      const cleared = unset ?? [];
      // CometChat's `unset` knows avatar, link and metadata only; an empty text clears the status.
      const unsetUpstream = cleared.filter((field) => field !== 'statusMessage');
      const body = {
        ...changes,
        ...(cleared.includes('statusMessage') ? { statusMessage: '' } : {}),
        ...(unsetUpstream.length > 0 ? { unset: unsetUpstream } : {}),
      };
      const user = await runMutation(
        context,
        () => updateUser(context.upstream, uid, body, context.view().options),
        USER_TARGET,
      );
      return { user: freshUser(context, user) };
    },
  }),
  userDelete: t.field({
    type: UserDeletePayload,
    description:
      "Deletes a user (and what hangs off it: memberships, tokens, relations). With `isPermanent`, also the user's messages and conversations. Admin only.",
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted user, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: UserDelete.ref, required: true, description: 'The user to delete.' }),
    },
    resolve: async (_root, args, context) => {
      const input = UserDelete.parse(args.input);
      const permanent = input.isPermanent ?? input.permanent ?? false;
      await runMutation(
        context,
        () => deleteUser(context.upstream, input.uid, { permanent }, context.view().options),
        { targetPath: ['uid'] },
      );
      return { uid: input.uid, permanent };
    },
  }),
}));
