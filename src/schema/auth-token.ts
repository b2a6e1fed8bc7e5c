import { builder } from '../builder.js';
import { orClientError } from './client-errors.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { AuthTokenRef, UserRef } from './refs.js';
import { User } from './user.js';

// Not a Node: its only key is the token itself, a credential that must not travel in a global ID.
export const AuthToken = AuthTokenRef.implement({
  description:
    "A token a user's chat client logs in to CometChat with, and the device it was last used from.",
  fields: (t) => ({
    token: t.exposeString('authToken', {
      description:
        'The token itself: a credential that logs in as the user. Admin only (others get FORBIDDEN).',
      authScopes: { admin: true },
    }),
    platform: t.exposeString('platform', {
      nullable: true,
      description: 'The platform the token was used from (e.g. `android`); null when unknown.',
    }),
    userAgent: t.exposeString('userAgent', {
      nullable: true,
      description: 'The user agent of the client that used the token; null when unknown.',
    }),
    appInfo: t.expose('appInfo', {
      type: 'JSONObject',
      nullable: true,
      description: 'Free-form details about the client app (e.g. its version); null when unknown.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the token was created.',
    }),
    user: t.field({
      type: User,
      nullable: true,
      description: 'The user the token logs in as. Null when the user no longer exists.',
      resolve: (token, _args, context) =>
        orClientError(context.view().loaders.users.load(token.uid)),
    }),
  }),
});

export const AuthTokenConnection = countedConnection(
  {
    name: 'AuthTokenConnection',
    type: AuthToken,
    description: "A page of a user's auth tokens.",
    totalCount: 'How many tokens the user has, across all pages.',
  },
  { name: 'AuthTokenEdge', description: 'An auth token in a page of tokens, with its cursor.' },
);

builder.objectFields(UserRef, (t) => ({
  authTokens: t.field({
    type: AuthTokenConnection,
    nullable: true,
    description:
      "The user's auth tokens, oldest first (CometChat keeps the latest 100). Admin only (others get FORBIDDEN). Null when it could not be read (the error on this field says why).",
    authScopes: { admin: true },
    args: forwardPageArgs('tokens'),
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const view = context.view();
      return pagedList(args, (page, perPage) => view.authTokens(user.uid, { page, perPage }), {
        key: `auth-tokens:${user.uid}`,
      });
    },
  }),
}));
