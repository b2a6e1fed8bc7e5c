/** webhookCreate (then its triggers), webhookUpdate and webhookDelete. */
import '../../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../builder.js';
import type { WebhookRecord } from '../../../upstream/records.js';
import {
  createWebhook,
  deleteWebhook,
  updateWebhook,
  type WebhookInput,
} from '../../../upstream/webhooks.js';
import { aliased } from '../../deprecation.js';
import { ConflictFailure, ValidationFailure } from '../../errors.js';
import { runMutation } from '../../mutation-support.js';
import { WebhookRef } from '../../refs.js';
import { objectPayload } from '../fields.js';
import { ACCESS_NOTE, TARGET, TARGETED_ERRORS, webhookInput } from './common.js';
import { WebhookCreate, WebhookDelete, WebhookUpdate } from './inputs.js';
import {
  addTriggerStep,
  sentTriggers,
  type TriggerOutcome,
  triggerOutcomesDescription,
  WebhookTriggerOutcome,
} from './triggers.js';

/**
 * CometChat answers a taken webhook id with a 400 whose `id` detail says it "has already been
 * taken"; that is a collision with existing state, so it is a ConflictError, not a bad value.
 */
function duplicateIdAsConflict(error: unknown, webhookId: string): unknown {
  if (
    error instanceof ValidationFailure &&
    error.violations.some(
      (violation) =>
        violation.path[1] === 'webhookId' && /already (been )?taken/i.test(violation.message),
    )
  ) {
    return new ConflictFailure(
      `A webhook with the id ${webhookId} already exists.`,
      ['input', 'webhookId'],
      error.code,
    );
  }
  return error;
}

function definedOnly(input: WebhookInput): WebhookInput {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

interface CreateResult {
  webhook: WebhookRecord;
  triggers: TriggerOutcome[] | Error;
}

const WebhookCreatePayload = builder.objectRef<CreateResult>('WebhookCreatePayload').implement({
  description:
    'A webhook was created. No edge is returned: webhook lists are offset-paged and CometChat does not say where a new webhook lands, so refetch `webhooks` to show it in a list.',
  fields: (t) => ({
    webhook: t.field({
      type: WebhookRef,
      description: 'The new webhook. Its Basic-auth password is never readable.',
      resolve: (result) => result.webhook,
    }),
    ...aliased('outcomes', 'triggerOutcomes', (options) =>
      t.field({
        ...options,
        type: [WebhookTriggerOutcome],
        nullable: true,
        description: `${triggerOutcomesDescription} The triggers are added with a second Management API call once the webhook exists. Empty when none were asked for. Null when that call failed as a whole (outage, timeout): the webhook exists, the error at this path says why, and \`webhook.triggers\` shows what it has.`,
        resolve: (result) => {
          if (result.triggers instanceof Error) throw result.triggers;
          return result.triggers;
        },
      }),
    ),
  }),
});

const WebhookUpdatePayload = objectPayload('WebhookUpdatePayload', 'A webhook was changed.', {
  name: 'webhook',
  type: WebhookRef,
  description: 'The webhook as it is now.',
});

const WebhookDeletePayload = builder
  .objectRef<{ webhookId: string }>('WebhookDeletePayload')
  .implement({
    description: 'A webhook was deleted: CometChat delivers nothing more to it.',
    fields: (t) => ({
      webhookId: t.exposeString('webhookId', {
        description: "The deleted webhook's CometChat identifier.",
      }),
      ...aliased('deletedWebhookId', 'deletedId', (options) =>
        t.field({
          ...options,
          type: 'ID',
          description: 'The global ID the deleted webhook had, to drop it from client caches.',
          resolve: (result) => encodeGlobalID('Webhook', result.webhookId),
        }),
      ),
    }),
  });

builder.mutationFields((t) => ({
  webhookCreate: t.field({
    type: WebhookCreatePayload,
    description: `Creates a webhook, then adds its triggers (two Management API calls; each is sent once, never retried). ${ACCESS_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, ConflictFailure],
      union: {
        description:
          'The new webhook, or why it was not created (ValidationError for bad input, ConflictError for a taken id).',
      },
    },
    args: {
      input: t.arg({ type: WebhookCreate.ref, required: true, description: 'The new webhook.' }),
    },
    resolve: async (_root, args, context) => {
      const input = webhookInput(context, WebhookCreate, args.input);
      let webhook: WebhookRecord;
      try {
        webhook = await runMutation(
          context,
          () =>
            createWebhook(
              context.upstream,
              {
                id: input.webhookId,
                name: input.name,
                url: input.url,
                useBasicAuth: input.basicAuth != null,
                ...(input.basicAuth ? input.basicAuth : {}),
                enabled: input.enabled ?? true,
                retryOnFailure: input.retryOnFailure ?? false,
              },
              { signal: context.signal },
            ),
          TARGET,
        );
      } catch (error) {
        throw duplicateIdAsConflict(error, input.webhookId);
      }
      const triggers = input.triggers ?? [];
      return {
        webhook,
        triggers:
          triggers.length === 0
            ? []
            : await addTriggerStep(context, webhook.id, triggers, sentTriggers(args.input)),
      };
    },
  }),
  webhookUpdate: t.field({
    type: WebhookUpdatePayload,
    description: `Changes a webhook's name, URL, credentials, enabled state or retry policy (its triggers have their own mutations). ${ACCESS_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: TARGETED_ERRORS,
      union: {
        description:
          'The changed webhook, or why it was not changed (ValidationError, NotFoundError).',
      },
    },
    args: {
      input: t.arg({ type: WebhookUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const input = webhookInput(context, WebhookUpdate, args.input);
      const changes = definedOnly({
        name: input.name ?? undefined,
        url: input.url ?? undefined,
        enabled: input.enabled ?? undefined,
        retryOnFailure: input.retryOnFailure ?? undefined,
        // Explicit null turns Basic auth off (the field keeps null); omitted leaves it.
        ...(input.basicAuth === null ? { useBasicAuth: false } : {}),
        ...(input.basicAuth ? { useBasicAuth: true, ...input.basicAuth } : {}),
      });
      if (Object.keys(changes).length === 0) {
        const message = 'names nothing to change';
        throw new ValidationFailure(`input: ${message}`, ['input'], null, [
          { path: ['input'], message },
        ]);
      }
      const webhook = await runMutation(
        context,
        () => updateWebhook(context.upstream, input.webhookId, changes, { signal: context.signal }),
        TARGET,
      );
      return { webhook };
    },
  }),
  webhookDelete: t.field({
    type: WebhookDeletePayload,
    description: `Deletes a webhook and its triggers. ${ACCESS_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: TARGETED_ERRORS,
      union: {
        description:
          'The deleted webhook, or why it was not deleted (ValidationError, NotFoundError).',
      },
    },
    args: {
      input: t.arg({
        type: WebhookDelete.ref,
        required: true,
        description: 'The webhook to delete.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = webhookInput(context, WebhookDelete, args.input);
      await runMutation(
        context,
        () => deleteWebhook(context.upstream, input.webhookId, { signal: context.signal }),
        TARGET,
      );
      return { webhookId: input.webhookId };
    },
  }),
}));
