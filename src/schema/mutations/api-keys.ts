/**
 * API key mutations (create, update, delete), admin only and off unless
 * `GATEWAY_ALLOW_KEY_MANAGEMENT=true`: with the switch off each answers FORBIDDEN before any
 * check or call. A key is named by its `keyId` (from `apiKeys`), resolved with one
 * `GET /apikeys`; the key the gateway itself uses is refused with a PermissionDeniedError.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import { gatewayError } from '../../errors.js';
import { toolingReads } from '../../loaders/index.js';
import {
  type ApiKeyRecord,
  createApiKey,
  deleteApiKey,
  updateApiKey,
} from '../../upstream/api-keys.js';
import { ApiKey, ApiKeyScopeEnum, keyHintOf, keyIdOf } from '../api-keys.js';
import { NotFoundFailure, PermissionDeniedFailure, ValidationFailure } from '../errors.js';
import { choice, displayName, inputObject, kind } from '../input.js';
import { checkChanges, runMutation } from '../mutation-support.js';

/** The variable that allows the key mutations. */
export const KEY_MANAGEMENT_VARIABLE = 'GATEWAY_ALLOW_KEY_MANAGEMENT';

/** CometChat allows at most 25 keys per app: one page of 100 holds them all. */
const KEYS_PAGE = 100;

/** A key as `ApiKey.keyId` names it. */
const keyId = kind(
  'ID',
  z
    .string()
    .trim()
    .regex(/^key_[0-9a-f]{24}$/, 'is not a keyId (as `ApiKey.keyId` gives it)'),
  '`key_` and 24 lowercase hexadecimal digits.',
);

/** FORBIDDEN, naming the variable, unless key management is switched on. */
function assertKeyManagement(context: GatewayContext): void {
  if (context.allowKeyManagement === true) return;
  throw gatewayError(
    'FORBIDDEN',
    `API key management is switched off on this gateway: set ${KEY_MANAGEMENT_VARIABLE}=true to create, update or delete API keys.`,
  );
}

/** The key `keyId` names (one `GET /apikeys`); NotFoundError or, for the gateway's own key, PermissionDeniedError. */
async function resolveKey(context: GatewayContext, keyId: string): Promise<ApiKeyRecord> {
  const page = await runMutation(
    context,
    () =>
      toolingReads(context.upstream, context.view(null)).apiKeys({ page: 1, perPage: KEYS_PAGE }),
    { targetPath: ['keyId'] },
  );
  const key = page.items.find((item) => keyIdOf(item.apiKey) === keyId);
  if (!key) {
    throw new NotFoundFailure(`The app has no API key ${keyId}.`, ['input', 'keyId']);
  }
  if (context.upstream.usesApiKey(key.apiKey)) {
    throw new PermissionDeniedFailure(
      'This is the API key the gateway itself uses; it cannot be updated or deleted through the gateway.',
      ['input', 'keyId'],
    );
  }
  return key;
}

const ApiKeyCreate = inputObject('ApiKeyCreateInput', {
  description: 'A new API key.',
  fields: {
    name: displayName.required('Its friendly name.'),
    scope: choice(ApiKeyScopeEnum).required('What it may do.'),
  },
});

const ApiKeyUpdate = inputObject('ApiKeyUpdateInput', {
  description: 'Changes to an API key; omitted fields stay. At least one change is required.',
  fields: {
    keyId: keyId.required('The key to change (`ApiKey.keyId`).'),
    name: displayName.optional('A new friendly name.'),
    scope: choice(ApiKeyScopeEnum).optional('A new scope.'),
  },
  check: (input, ctx) =>
    checkChanges(input, 'keyId', ctx, {
      clash: (field) => `cannot set and clear ${field} in the same call`,
      nothing: 'nothing to change: set a new name or scope',
    }),
});

const ApiKeyDelete = inputObject('ApiKeyDeleteInput', {
  description: 'The API key to delete.',
  fields: { keyId: keyId.required('The key to delete (`ApiKey.keyId`).') },
});

interface CreatedKey {
  apiKey: ApiKeyRecord;
}

const ApiKeyCreatePayload = builder.objectRef<CreatedKey>('ApiKeyCreatePayload').implement({
  description:
    'The key that was created. Its value is shown here once: the gateway never shows it again.',
  fields: (t) => ({
    apiKey: t.field({
      type: ApiKey,
      description: 'The new key, without its value.',
      resolve: (payload) => payload.apiKey,
    }),
    keyValue: t.string({
      description:
        "The new key's full value, shown only in this answer: store it now (the graph shows `keyHint` afterwards).",
      resolve: (payload) => payload.apiKey.apiKey,
    }),
  }),
});

const ApiKeyUpdatePayload = builder
  .objectRef<{ apiKey: ApiKeyRecord }>('ApiKeyUpdatePayload')
  .implement({
    description: 'The key that was changed.',
    fields: (t) => ({
      apiKey: t.field({
        type: ApiKey,
        description: 'The key as it is now.',
        resolve: (payload) => payload.apiKey,
      }),
    }),
  });

const ApiKeyDeletePayload = builder
  .objectRef<{ keyId: string; keyHint: string }>('ApiKeyDeletePayload')
  .implement({
    description: 'The key that was deleted.',
    fields: (t) => ({
      keyId: t.exposeID('keyId', { description: "The deleted key's `keyId`." }),
      keyHint: t.exposeString('keyHint', { description: "The deleted key's last 4 characters." }),
    }),
  });

const SWITCH_NOTE = `Admin only, and only when the gateway runs with \`${KEY_MANAGEMENT_VARIABLE}=true\` (FORBIDDEN otherwise).`;

builder.mutationFields((t) => ({
  apiKeyCreate: t.field({
    type: ApiKeyCreatePayload,
    description: `Creates an API key (\`POST /apikeys\`); the answer holds its value, once. ${SWITCH_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure],
      union: { description: 'The new key, or why it was not created.' },
    },
    args: {
      input: t.arg({ type: ApiKeyCreate.ref, required: true, description: 'The key.' }),
    },
    resolve: async (_root, args, context) => {
      assertKeyManagement(context);
      const input = ApiKeyCreate.parse(args.input);
      const record = await runMutation(context, () =>
        createApiKey(context.upstream, input, context.view(null).options),
      );
      return { apiKey: record };
    },
  }),
  apiKeyUpdate: t.field({
    type: ApiKeyUpdatePayload,
    description: `Renames an API key or changes its scope (\`GET /apikeys\` to find it, then \`PUT /apikeys/{apiKey}\`). The gateway's own key is refused (PermissionDeniedError). ${SWITCH_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure, PermissionDeniedFailure],
      union: { description: 'The changed key, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: ApiKeyUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      assertKeyManagement(context);
      const { keyId, ...changes } = ApiKeyUpdate.parse(args.input);
      const key = await resolveKey(context, keyId);
      const record = await runMutation(
        context,
        () => updateApiKey(context.upstream, key.apiKey, changes, context.view(null).options),
        { targetPath: ['keyId'] },
      );
      return { apiKey: record };
    },
  }),
  apiKeyDelete: t.field({
    type: ApiKeyDeletePayload,
    description: `Deletes an API key (\`GET /apikeys\` to find it, then \`DELETE /apikeys/{apiKey}\`): tools holding it lose access. The gateway's own key is refused (PermissionDeniedError). ${SWITCH_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure, PermissionDeniedFailure],
      union: { description: 'The deleted key, or why it was not deleted.' },
    },
    args: {
      input: t.arg({ type: ApiKeyDelete.ref, required: true, description: 'The key.' }),
    },
    resolve: async (_root, args, context) => {
      assertKeyManagement(context);
      const { keyId } = ApiKeyDelete.parse(args.input);
      const key = await resolveKey(context, keyId);
      await runMutation(
        context,
        () => deleteApiKey(context.upstream, key.apiKey, context.view(null).options),
        { targetPath: ['keyId'] },
      );
      return { keyId, keyHint: keyHintOf(key.apiKey) };
    },
  }),
}));
