import { createHash } from 'node:crypto';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { gatewayError } from '../errors.js';
import type { AuthTokenRecord } from '../upstream/records.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { AuthTokenRef, UserRef } from './refs.js';
import { User } from './user.js';

/**
 * A token's fingerprint: the first 32 hex digits of its SHA-256. The token is a credential and
 * must not travel in a global ID; its fingerprint names it without revealing it.
 */
function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

/** A token's key in its global ID: (uid, fingerprint); CometChat lowercases uids. */
export function authTokenKey(uid: string, token: string): string {
  return JSON.stringify([uid.toLowerCase(), fingerprint(token)]);
}

function parseAuthTokenKey(key: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(key);
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      /^[0-9a-f]{32}$/.test(String(value[1])) &&
      value[0] !== '' &&
      value[0].length <= 100
    ) {
      return value as [string, string]; // checked element by element above
    }
  } catch {
    // Not a key this API issued: no such token.
  }
  return null;
}

/** CometChat keeps a user's latest 100 tokens: one page holds them all. */
const TOKENS_PER_USER = 100;

/** The token a key names, or null when the user or the token is gone. Admin only. */
async function authTokenNode(
  context: GatewayContext,
  key: string,
): Promise<AuthTokenRecord | null> {
  if (context.caller.kind !== 'admin') {
    throw gatewayError('FORBIDDEN', 'The caller is not allowed to read or change this.');
  }
  const parsed = parseAuthTokenKey(key);
  if (parsed === null) return null;
  const [uid, wanted] = parsed;
  const user = await context.view().loaders.users.load(uid);
  if (user === null) return null;
  const page = await context.view().authTokens(user.uid, { page: 1, perPage: TOKENS_PER_USER });
  return page.items.find((token) => fingerprint(token.authToken) === wanted) ?? null;
}

export const AuthToken = builder.node(AuthTokenRef, {
  description:
    "A token a user's chat client logs in to CometChat with, and the device it was last used from. Its global ID stands for the pair (user, token) without containing the token. Admin only: `node` refuses its ID to other callers with FORBIDDEN.",
  id: { resolve: (token) => authTokenKey(token.uid, token.authToken) },
  loadMany: (keys, context) => keys.map((key) => authTokenNode(context, key)),
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
      resolve: (token, _args, context) => context.view().loaders.users.load(token.uid),
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
