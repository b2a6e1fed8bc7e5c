/**
 * CometChat's API keys for internal tools: a page list and a lookup, admin only. A key's value is
 * a credential: the graph shows its last 4 characters (`keyHint`) and an opaque `keyId` to name it
 * in the key mutations, never the value (a created key's value appears once, in its create
 * answer). The key the gateway itself uses is marked, and the mutations refuse to touch it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ADMIN_NOTE, builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { toolingReads } from '../loaders/index.js';
import type { ApiKeyRecord } from '../upstream/api-keys.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';

/** How many trailing characters of a key value the graph shows. */
export const KEY_HINT_LENGTH = 4;

/** `…` and the last {@link KEY_HINT_LENGTH} characters; just `…` for a key too short to hint. */
export function keyHintOf(value: string): string {
  return value.length >= 3 * KEY_HINT_LENGTH ? `…${value.slice(-KEY_HINT_LENGTH)}` : '…';
}

/** An opaque, stable handle of a key value (a truncated SHA-256): names a key without showing it. */
export function keyIdOf(value: string): string {
  return `key_${createHash('sha256').update(value).digest('hex').slice(0, 24)}`;
}

export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', {
  description: "What a CometChat API key may do (CometChat's `scope`).",
  values: {
    FULL_ACCESS: {
      value: 'fullAccess',
      description: 'The REST API key: every REST API operation.',
    },
    AUTH_ONLY: {
      value: 'authOnly',
      description: 'The Auth key: creating users and auth tokens only.',
    },
  } as const,
});

export const ApiKey = builder.objectRef<ApiKeyRecord>('ApiKey').implement({
  description:
    'A CometChat API key of the app, without its value: `keyHint` shows its last 4 characters and `keyId` names it in `apiKeyUpdate` and `apiKeyDelete`.',
  fields: (t) => ({
    keyId: t.id({
      description:
        'An opaque, stable handle of the key (derived from its value, which it does not reveal). Pass it to `apiKeyUpdate` or `apiKeyDelete`.',
      resolve: (key) => keyIdOf(key.apiKey),
    }),
    keyHint: t.string({
      description: 'The last 4 characters of the key\'s value after "…", e.g. `…a1b2`.',
      resolve: (key) => keyHintOf(key.apiKey),
    }),
    name: t.exposeString('name', {
      nullable: true,
      description: 'Its friendly name; null when CometChat gives none.',
    }),
    scope: t.field({
      type: ApiKeyScopeEnum,
      nullable: true,
      description:
        'What it may do; null for a scope CometChat names that the gateway does not know.',
      resolve: (key) => (key.scope === 'fullAccess' || key.scope === 'authOnly' ? key.scope : null),
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was created; null when CometChat did not say.',
    }),
    isGatewayKey: t.boolean({
      description:
        'Whether this is the key the gateway itself calls CometChat with (`COMETCHAT_API_KEY`); the gateway never updates or deletes it.',
      resolve: (key, _args, context) => context.upstream.usesApiKey(key.apiKey),
    }),
  }),
});

export const ApiKeyConnection = countedConnection(
  {
    name: 'ApiKeyConnection',
    type: ApiKey,
    description: "A page of the app's API keys.",
    totalCount: 'How many keys match (CometChat allows at most 25 per app).',
  },
  { name: 'ApiKeyEdge', description: 'An API key in a page, with its cursor.' },
);

const searchSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is at most 100 characters');
const keyArgSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'is not an API key (1 to 200 printable characters, no spaces)');

function reads(context: GatewayContext) {
  return toolingReads(context.upstream, context.view(null));
}

builder.queryFields((t) => ({
  apiKeys: t.field({
    type: ApiKeyConnection,
    nullable: true,
    description: `The app's API keys (\`GET /apikeys\`), optionally of one scope or with a part of the name, without their values. ${ADMIN_NOTE} Null when it could not be read (the error on this field says why).`,
    authScopes: { admin: true },
    args: {
      ...forwardPageArgs('API keys'),
      scope: t.arg({ type: ApiKeyScopeEnum, description: 'Only keys of this scope.' }),
      search: t.arg.string({
        description: 'Only keys whose name contains this (1 to 100 characters).',
        validate: searchSchema,
      }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      const scope = args.scope ?? undefined;
      const searchKey = args.search?.trim() || undefined;
      return pagedList(
        args,
        (page, perPage) => reads(context).apiKeys({ page, perPage, scope, searchKey }),
        { key: `apiKeys:${scope ?? ''}:${searchKey ?? ''}` },
      );
    },
  }),
  apiKey: t.field({
    type: ApiKey,
    nullable: true,
    description: `Looks an API key up by its value (\`GET /apikeys/{apiKey}\`), e.g. to see which key a tool holds; the answer never repeats the value. Null when the app has no such key. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    args: {
      key: t.arg.string({
        required: true,
        description: "The key's value.",
        validate: keyArgSchema,
      }),
    },
    resolve: (_root, args, context) => reads(context).apiKey(args.key),
  }),
}));
