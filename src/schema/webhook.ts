import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { gatewayError } from '../errors.js';
import { shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { aliased } from './deprecation.js';
import { WebhookRef } from './refs.js';

const NOT_CONFIGURED =
  'Webhook management is not configured on this gateway (set COMETCHAT_MGMT_KEY, COMETCHAT_MGMT_SECRET and COMETCHAT_MGMT_BASE_URL).';

/** Said on every webhook entry point, so a client learns what the error means. */
const ACCESS_NOTE =
  'Admin only. Served from CometChat\'s Management API: a gateway started without management credentials answers FORBIDDEN ("Webhook management is not configured").';

/** Throws FORBIDDEN, before any upstream call, when this gateway holds no management credentials. */
export function assertManagement(context: GatewayContext): void {
  if (!context.upstream.hasManagement) throw gatewayError('FORBIDDEN', NOT_CONFIGURED);
}

function assertAdmin(context: GatewayContext): void {
  if (context.caller.kind !== 'admin') {
    throw gatewayError('FORBIDDEN', 'The caller is not allowed to read or change this.');
  }
}

/** A webhook's CometChat id, from itself or from its global ID (`Webhook.id`). */
const webhookIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'is at most 200 characters')
  .transform(cometchatWebhookId)
  .pipe(z.string().min(1, 'must not be empty').max(50, 'is at most 50 characters'));

function cometchatWebhookId(given: string): string {
  try {
    const { typename, id } = decodeGlobalID(given);
    if (typename === 'Webhook') return id;
  } catch {
    // Not a global ID: the CometChat id as given.
  }
  return given;
}

export const Webhook = builder.node(WebhookRef, {
  description: `A webhook: a URL CometChat POSTs chosen events to (its configuration, not its deliveries). ${ACCESS_NOTE}`,
  authScopes: { admin: true },
  id: { resolve: (webhook) => webhook.id },
  loadMany: (ids, context) => {
    assertAdmin(context);
    assertManagement(context);
    return ids.map((id) => context.view(null).loaders.webhooks.load(id));
  },
  fields: (t) => ({
    webhookId: t.exposeString('id', {
      description: "The webhook's CometChat identifier, unique within the app.",
    }),
    name: t.exposeString('name', { description: 'The display name.' }),
    url: t.exposeString('url', { description: 'The URL deliveries are POSTed to.' }),
    triggers: t.stringList({
      nullable: true,
      description:
        'The ids of the events delivered to this webhook (e.g. `message_sent`), in the order they were added. An open set: CometChat adds triggers over time. Costs one Management API call per webhook (run in parallel, at most 8 at a time, for a page of webhooks). Null when it could not be read (the error on this field says why).',
      resolve: async (webhook, _args, context) =>
        (await context.view(null).loaders.webhookTriggers.load(webhook.id)) ?? [],
    }),
    ...aliased('hasBasicAuth', 'useBasicAuth', (options) =>
      t.exposeBoolean('useBasicAuth', {
        ...options,
        description: 'Whether deliveries carry HTTP Basic credentials.',
      }),
    ),
    basicAuthUsername: t.exposeString('username', {
      nullable: true,
      description:
        'The HTTP Basic user name deliveries carry; null when none is set. The password is never readable.',
    }),
    ...aliased('isEnabled', 'enabled', (options) =>
      t.exposeBoolean('enabled', {
        ...options,
        description: 'Whether CometChat delivers to this webhook at all.',
      }),
    ),
    ...aliased('hasRetryOnFailure', 'retryOnFailure', (options) =>
      t.exposeBoolean('retryOnFailure', {
        ...options,
        description: 'Whether a failed delivery is retried (after 10 s, then after 30 s).',
      }),
    ),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the webhook was created; null when CometChat did not say.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the webhook last changed; null when it never has.',
    }),
  }),
});

export const WebhookConnection = countedConnection(
  {
    name: 'WebhookConnection',
    type: Webhook,
    description: 'A page of webhooks.',
    totalCount: 'How many webhooks match, across all pages.',
  },
  { name: 'WebhookEdge', description: 'A webhook in a page of webhooks, with its cursor.' },
);

builder.queryFields((t) => ({
  webhook: t.field({
    type: Webhook,
    nullable: true,
    description: `Looks a webhook up by its global ID (\`Webhook.id\`) or its CometChat id (\`webhookId\`). Null when no such webhook exists. ${ACCESS_NOTE}`,
    authScopes: { admin: true },
    args: {
      id: t.arg.string({
        required: true,
        description:
          "The webhook's global ID (`Webhook.id`, as `node` takes it) or, for compatibility, its CometChat identifier (`webhookId`).",
        validate: webhookIdSchema,
      }),
    },
    resolve: (_root, args, context) => {
      assertManagement(context);
      return context.view(null).loaders.webhooks.load(webhookIdSchema.parse(args.id));
    },
  }),
  webhooks: t.field({
    type: WebhookConnection,
    nullable: true,
    description: `The webhooks of the app, in CometChat order. ${ACCESS_NOTE} Null when it could not be read (the error on this field says why).`,
    authScopes: { admin: true },
    args: {
      ...forwardPageArgs('webhooks'),
      search: t.arg.string({
        description: 'Only webhooks whose name contains this text (case-insensitive).',
        validate: shortTextArg,
      }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      assertManagement(context);
      const search = args.search?.trim() || null;
      const view = context.view(null);
      return pagedList(
        args,
        (page, perPage) =>
          view.webhooks({ page, perPage, ...(search ? { searchKey: search } : {}) }),
        { key: `webhooks:${JSON.stringify({ search })}` },
      );
    },
  }),
}));
