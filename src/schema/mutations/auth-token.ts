/**
 * Auth-token mutations: issue (reusing the latest token unless forced), record the device a token
 * is used from, revoke one, revoke all. Tokens are credentials, so every one is admin only.
 */
import '../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import {
  createAuthToken,
  deleteAuthToken,
  flushAuthTokens,
  updateAuthToken,
} from '../../upstream/auth-tokens.js';
import { authTokenKey } from '../auth-token.js';
import { NotFoundFailure, ValidationFailure } from '../errors.js';
import { flag, inputObject, key, kind, metadata } from '../input.js';
import { runMutation } from '../mutation-support.js';
import { AuthTokenRef, UserRef } from '../refs.js';
import { objectPayload } from './fields.js';

/** A token as CometChat issues it: `<uid>_<createdAt><hex>`, so alpha-dash only. */
const token = kind(
  'String',
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(255, 'must be at most 255 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'is not an auth token (letters, digits, "-" and "_" only)'),
  '1 to 255 letters, digits, "-" or "_".',
);

/** A trimmed text of 1 to `max` characters. */
function trimmedText(max: number) {
  return kind(
    'String',
    z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
    `1 to ${max.toLocaleString('en')} characters.`,
  );
}

/** A refusal about the token itself points at `token`; a missing user at `uid` (the target). */
const TOKEN_TARGET = {
  targetPath: ['uid'],
  codePaths: { ERR_AUTH_TOKEN_NOT_FOUND: ['token'], ERR_AUTHTOKEN_UNAVAILABLE: ['token'] },
};

// ---------------------------------------------------------------------------------------------
// Inputs

const AuthTokenCreate = inputObject('AuthTokenCreateInput', {
  description: 'Whom to issue an auth token for.',
  fields: {
    uid: key.required('The user (case-insensitive).'),
    force: flag.optional(
      "Always issue a new token (default false: CometChat hands back the user's latest token when there is one).",
    ),
  },
});

const AuthTokenUpdate = inputObject('AuthTokenUpdateInput', {
  description:
    'The device details of a token. Omitted fields stay as they are; at least one is required.',
  fields: {
    uid: key.required('The user the token belongs to.'),
    token: token.required('The token to describe.'),
    platform: trimmedText(100).optional('The platform it is used from, e.g. `android`.'),
    userAgent: trimmedText(1000).optional('The user agent of the client using it.'),
    appInfo: metadata.optional('Free-form details about the client app, e.g. its version.'),
  },
  check: (input, ctx) => {
    if (
      input.platform === undefined &&
      input.userAgent === undefined &&
      input.appInfo === undefined
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'nothing to change: set platform, userAgent or appInfo',
        path: [],
      });
    }
  },
});

const AuthTokenDelete = inputObject('AuthTokenDeleteInput', {
  description: 'The token to revoke.',
  fields: {
    uid: key.required('The user the token belongs to.'),
    token: token.required('The token to revoke.'),
  },
});

const AuthTokensFlush = inputObject('AuthTokensFlushInput', {
  description: 'Whose tokens to revoke.',
  fields: {
    uid: key.required('The user whose every token is revoked (case-insensitive).'),
  },
});

// ---------------------------------------------------------------------------------------------
// Payloads

const AuthTokenCreatePayload = objectPayload(
  'AuthTokenCreatePayload',
  'The token that was issued.',
  {
    name: 'authToken',
    type: AuthTokenRef,
    description: 'The issued token (a new one, or the latest existing one without `force`).',
  },
);

const AuthTokenUpdatePayload = objectPayload(
  'AuthTokenUpdatePayload',
  'The token whose device details changed.',
  { name: 'authToken', type: AuthTokenRef, description: 'The token as it is now.' },
);

/** Who lost tokens: the payload of a revocation. */
interface RevokedValue {
  uid: string;
  /** The revoked token (authTokenDelete only). */
  token?: string;
}

function revokedPayload(name: string, description: string, noun: string) {
  return builder.objectRef<RevokedValue>(name).implement({
    description,
    fields: (t) => ({
      uid: t.exposeString('uid', { description: `The user whose ${noun}.` }),
      user: t.field({
        type: UserRef,
        nullable: true,
        description:
          'The user as it is now (its `authTokens` show what is left); null only if it was deleted meanwhile. Costs one upstream call.',
        resolve: (value, _args, context) => context.view().loaders.users.load(value.uid),
      }),
    }),
  });
}

const AuthTokenDeletePayload = revokedPayload(
  'AuthTokenDeletePayload',
  'The token that was revoked.',
  'token was revoked',
);

builder.objectField(AuthTokenDeletePayload, 'deletedAuthTokenId', (t) =>
  t.id({
    description:
      'The global ID the revoked token had (`AuthToken.id`), for clients that drop it from their cache.',
    resolve: (value) => encodeGlobalID('AuthToken', authTokenKey(value.uid, value.token ?? '')),
  }),
);

const AuthTokensFlushPayload = revokedPayload(
  'AuthTokensFlushPayload',
  'The user whose tokens were all revoked.',
  'tokens were all revoked',
);

// ---------------------------------------------------------------------------------------------
// Mutations

builder.mutationFields((t) => ({
  authTokenCreate: t.field({
    type: AuthTokenCreatePayload,
    description:
      "Issues an auth token a user's chat client logs in with. Without `force`, CometChat returns the latest existing token when there is one. Admin only.",
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The issued token, or why none was issued.' },
    },
    args: {
      input: t.arg({ type: AuthTokenCreate.ref, required: true, description: 'Whom for.' }),
    },
    resolve: async (_root, args, context) => {
      const input = AuthTokenCreate.parse(args.input);
      const authToken = await runMutation(
        context,
        () =>
          createAuthToken(
            context.upstream,
            input.uid,
            { force: input.force },
            context.view().options,
          ),
        { targetPath: ['uid'] },
      );
      return { authToken };
    },
  }),
  authTokenUpdate: t.field({
    type: AuthTokenUpdatePayload,
    description:
      'Records the device a token is used from: platform, user agent, app details. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The described token, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: AuthTokenUpdate.ref, required: true, description: 'The details.' }),
    },
    resolve: async (_root, args, context) => {
      const { uid, token, ...details } = AuthTokenUpdate.parse(args.input);
      const authToken = await runMutation(
        context,
        () => updateAuthToken(context.upstream, uid, token, details, context.view().options),
        TOKEN_TARGET,
      );
      return { authToken };
    },
  }),
  authTokenDelete: t.field({
    type: AuthTokenDeletePayload,
    description: 'Revokes one auth token: clients using it are logged out. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The revoked token, or why it was not revoked.' },
    },
    args: {
      input: t.arg({ type: AuthTokenDelete.ref, required: true, description: 'The token.' }),
    },
    resolve: async (_root, args, context) => {
      const { uid, token } = AuthTokenDelete.parse(args.input);
      await runMutation(
        context,
        () => deleteAuthToken(context.upstream, uid, token, context.view().options),
        TOKEN_TARGET,
      );
      return { uid, token };
    },
  }),
  authTokensFlush: t.field({
    type: AuthTokensFlushPayload,
    description:
      "Revokes every auth token of a user: all the user's clients are logged out. Admin only.",
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The user whose tokens were revoked, or why they were not.' },
    },
    args: {
      input: t.arg({ type: AuthTokensFlush.ref, required: true, description: 'Whose tokens.' }),
    },
    resolve: async (_root, args, context) => {
      const { uid } = AuthTokensFlush.parse(args.input);
      await runMutation(
        context,
        () => flushAuthTokens(context.upstream, uid, context.view().options),
        { targetPath: ['uid'] },
      );
      return { uid };
    },
  }),
}));
