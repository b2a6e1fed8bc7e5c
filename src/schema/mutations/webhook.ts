/**
 * Webhook configuration mutations, on CometChat's Management API. Admin only. A gateway without
 * management credentials answers FORBIDDEN before validating anything, exactly as the webhook
 * queries do: there is nothing in the input a caller could change to make the call possible.
 */
import '../mutation.js';
import { wrapErrorIfMatches } from '@pothos/plugin-errors';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import { gatewayError } from '../../errors.js';
import { errorKindFor } from '../../upstream/errors.js';
import type { BulkOutcome } from '../../upstream/records/common.js';
import type { WebhookRecord } from '../../upstream/records.js';
import {
  addTriggers,
  createWebhook,
  deleteWebhook,
  removeTriggers,
  updateWebhook,
  type WebhookInput,
} from '../../upstream/webhooks.js';
import { isWebhookTrigger, WEBHOOK_TRIGGER_IDS } from '../../webhooks/triggers.js';
import {
  ConflictFailure,
  MUTATION_ERRORS,
  NotFoundFailure,
  PermissionDeniedFailure,
  UserError,
  ValidationFailure,
} from '../errors.js';
import { LIMITS } from '../limits.js';
import { runMutation, validateInput } from '../mutation-support.js';
import { WebhookRef } from '../refs.js';
import { clientErrors } from '../user.js';

const NOT_CONFIGURED =
  'Webhook management is not configured on this gateway (set COMETCHAT_MGMT_KEY, COMETCHAT_MGMT_SECRET and COMETCHAT_MGMT_BASE_URL).';

const ACCESS_NOTE =
  'Admin only. Changes CometChat\'s Management API: a gateway started without management credentials answers FORBIDDEN ("Webhook management is not configured") before looking at the input.';

const PASSWORD_LIMIT = 100;

type Failure = ValidationFailure | NotFoundFailure | ConflictFailure | PermissionDeniedFailure;

function isFailure(error: unknown): error is Failure {
  return (
    error instanceof ValidationFailure ||
    error instanceof NotFoundFailure ||
    error instanceof ConflictFailure ||
    error instanceof PermissionDeniedFailure
  );
}

function assertManagement(context: GatewayContext): void {
  if (!context.upstream.hasManagement) throw gatewayError('FORBIDDEN', NOT_CONFIGURED);
}

// ------------------------------------------------------------------------------------------------
// Input rules (CometChat's webhook limits: id 50 alphanumeric, name 50, URL 255 over HTTPS,
// Basic-auth user name 50 and password 100, letters and digits only)

/** Plain HTTP reaches only this machine, so it is allowed for local receivers (the emulator). */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

const newWebhookIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.webhookId, `must be at most ${LIMITS.webhookId} characters`)
  .regex(/^[A-Za-z0-9]+$/, 'may contain only letters and digits');

/**
 * Existing webhooks are named as loosely as the `webhook` query allows, so one made elsewhere
 * (the dashboard) can still be changed.
 */
const targetWebhookIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.webhookId, `must be at most ${LIMITS.webhookId} characters`)
  .regex(/^\S+$/, 'must not contain spaces');

const webhookNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((value) => [...value].length <= LIMITS.webhookName, {
    message: `must be at most ${LIMITS.webhookName} characters`,
  });

const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(LIMITS.webhookUrl, `must be at most ${LIMITS.webhookUrl} characters`)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute https URL' });
      return;
    }
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({
        code: 'custom',
        message: 'must not carry credentials; set them in `basicAuth`',
      });
    } else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      ctx.addIssue({
        code: 'custom',
        message: 'must use https (plain http only for loopback hosts such as 127.0.0.1)',
      });
    } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute https URL' });
    }
  });

const credentialSchema = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[A-Za-z0-9]*$/, 'may contain only letters and digits');

const basicAuthSchema = z.object({
  username: credentialSchema(LIMITS.webhookUsername),
  password: credentialSchema(PASSWORD_LIMIT),
});

const triggerSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!isWebhookTrigger(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a trigger CometChat documents (e.g. message_sent, group_created)`,
      });
    }
  });

function triggerListSchema(min: number) {
  return z
    .array(triggerSchema)
    .min(min, 'must name at least one trigger')
    .max(
      WEBHOOK_TRIGGER_IDS.length,
      `at most ${WEBHOOK_TRIGGER_IDS.length} triggers (each documented trigger once)`,
    )
    .transform((ids) => [...new Set(ids)]);
}

const createSchema = z.object({
  webhookId: newWebhookIdSchema,
  name: webhookNameSchema,
  url: webhookUrlSchema,
  triggers: triggerListSchema(0).nullish(),
  basicAuth: basicAuthSchema.nullish(),
  enabled: z.boolean().nullish(),
  retryOnFailure: z.boolean().nullish(),
});

const updateSchema = z.object({
  webhookId: targetWebhookIdSchema,
  name: webhookNameSchema.nullish(),
  url: webhookUrlSchema.nullish(),
  basicAuth: basicAuthSchema.nullish(),
  enabled: z.boolean().nullish(),
  retryOnFailure: z.boolean().nullish(),
});

const deleteSchema = z.object({ webhookId: targetWebhookIdSchema });

const triggersSchema = z.object({
  webhookId: targetWebhookIdSchema,
  triggers: triggerListSchema(1),
});

/** Where CometChat's field names land in the input. */
const FIELD_MAP: Record<string, string[]> = {
  id: ['webhookId'],
  webhookURL: ['url'],
  useBasicAuth: ['basicAuth'],
  username: ['basicAuth', 'username'],
  password: ['basicAuth', 'password'],
  triggerIds: ['triggers'],
};

const TARGET = { fieldMap: FIELD_MAP, targetPath: ['webhookId'] };

// ------------------------------------------------------------------------------------------------
// Per-trigger outcomes

interface TriggerOutcome {
  trigger: string;
  ok: boolean;
  error: Failure | null;
}

/** A failed item of CometChat's per-trigger answer, typed by its code like a whole-call refusal. */
function itemFailure(message: string, code: string | null, index: number): Failure {
  const path = ['input', 'triggers', String(index)];
  switch (errorKindFor(undefined, code ?? undefined)) {
    case 'not_found':
      return new NotFoundFailure(message, path, code);
    case 'conflict':
      return new ConflictFailure(message, path, code);
    case 'forbidden':
      return new PermissionDeniedFailure(message, path, code);
    default:
      return new ValidationFailure(message, path, code, [{ path, message }]);
  }
}

/** Where a trigger first appears in the input as sent (duplicates were dropped before the call). */
function positionIn(sent: readonly string[], trigger: string): number {
  return Math.max(
    0,
    sent.findIndex((value) => value.trim() === trigger),
  );
}

function triggerOutcomes(
  triggers: string[],
  sent: readonly string[],
  outcome: BulkOutcome<never>,
): TriggerOutcome[] {
  return triggers.map((trigger) => {
    const item = outcome[trigger];
    if (item?.success) return { trigger, ok: true, error: null };
    const index = positionIn(sent, trigger);
    if (!item) {
      const message = `CometChat reported no outcome for the trigger ${trigger}; read the webhook's triggers before retrying.`;
      return {
        trigger,
        ok: false,
        error: new NotFoundFailure(message, ['input', 'triggers', String(index)], null),
      };
    }
    const message = item.message ?? `CometChat did not add the trigger ${trigger}.`;
    return { trigger, ok: false, error: itemFailure(message, item.code, index) };
  });
}

/**
 * Adds triggers in one upstream call. A refusal of the whole call (e.g. an unknown trigger) marks
 * every trigger failed with that reason; any other failure is returned as the GraphQL error to
 * raise where the outcomes are read.
 */
async function addTriggerStep(
  context: GatewayContext,
  webhookId: string,
  triggers: string[],
  sent: readonly string[],
): Promise<TriggerOutcome[] | Error> {
  try {
    const outcome = await runMutation(
      context,
      () => addTriggers(context.upstream, webhookId, triggers, { signal: context.signal }),
      { fieldMap: FIELD_MAP, targetPath: ['triggers'] },
    );
    return triggerOutcomes(triggers, sent, outcome);
  } catch (error) {
    if (isFailure(error)) return triggers.map((trigger) => ({ trigger, ok: false, error }));
    return error instanceof Error ? error : gatewayError('INTERNAL', 'Unexpected error.');
  }
}

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

/** CometChat's unknown-trigger refusal is about `triggers`, not about the webhook named. */
function triggerPathFor(error: unknown): unknown {
  if (error instanceof NotFoundFailure && error.code === 'ERR_TRIGGER_NOT_FOUND') {
    return new NotFoundFailure(error.message, ['input', 'triggers'], error.code);
  }
  return error;
}

/** The webhook as it is after a change that CometChat answered without it. */
async function reloadWebhook(context: GatewayContext, webhookId: string): Promise<WebhookRecord> {
  const record = await clientErrors(context.loaders.webhooks.load(webhookId));
  if (!record) {
    throw new NotFoundFailure(
      `The webhook ${webhookId} does not exist any more.`,
      ['input', 'webhookId'],
      null,
    );
  }
  return record;
}

function definedOnly(input: WebhookInput): WebhookInput {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

// ------------------------------------------------------------------------------------------------
// Types

/**
 * graphql-js turns any Error a resolver returns into a field error, so a failure shown as data
 * travels in the errors plugin's wrapper, which the `UserError` types unwrap when resolving.
 */
function asData(error: Failure): Failure {
  return wrapErrorIfMatches(error, MUTATION_ERRORS) as Failure; // a proxy standing in for `error`
}

const WebhookTriggerOutcome = builder.objectRef<TriggerOutcome>('WebhookTriggerOutcome').implement({
  description: 'What happened to one trigger of a request to add triggers to a webhook.',
  fields: (t) => ({
    trigger: t.exposeString('trigger', { description: 'The trigger id, e.g. `message_sent`.' }),
    ok: t.exposeBoolean('ok', {
      description: 'Whether CometChat confirmed that the webhook now has this trigger.',
    }),
    error: t.field({
      type: UserError,
      nullable: true,
      description: 'Why the trigger was not added; null when `ok` is true.',
      resolve: (result) => (result.error ? asData(result.error) : null),
    }),
  }),
});

const triggerOutcomesDescription =
  'One outcome per requested trigger, in request order (duplicates removed).';

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
    triggerOutcomes: t.field({
      type: [WebhookTriggerOutcome],
      nullable: true,
      description: `${triggerOutcomesDescription} The triggers are added with a second Management API call once the webhook exists. Empty when none were asked for. Null when that call failed as a whole (outage, timeout): the webhook exists, the error at this path says why, and \`webhook.triggers\` shows what it has.`,
      resolve: (result) => {
        if (result.triggers instanceof Error) throw result.triggers;
        return result.triggers;
      },
    }),
  }),
});

const WebhookUpdatePayload = builder
  .objectRef<{ webhook: WebhookRecord }>('WebhookUpdatePayload')
  .implement({
    description: 'A webhook was changed.',
    fields: (t) => ({
      webhook: t.field({
        type: WebhookRef,
        description: 'The webhook as it is now.',
        resolve: (result) => result.webhook,
      }),
    }),
  });

const WebhookDeletePayload = builder
  .objectRef<{ webhookId: string }>('WebhookDeletePayload')
  .implement({
    description: 'A webhook was deleted: CometChat delivers nothing more to it.',
    fields: (t) => ({
      webhookId: t.exposeString('webhookId', {
        description: "The deleted webhook's CometChat identifier.",
      }),
      deletedId: t.field({
        type: 'ID',
        description: 'The global ID the deleted webhook had, to drop it from client caches.',
        resolve: (result) => encodeGlobalID('Webhook', result.webhookId),
      }),
    }),
  });

interface TriggersAddResult {
  webhook: WebhookRecord;
  triggers: TriggerOutcome[];
}

const WebhookTriggersAddPayload = builder
  .objectRef<TriggersAddResult>('WebhookTriggersAddPayload')
  .implement({
    description: 'Triggers were added to a webhook (see each outcome).',
    fields: (t) => ({
      webhook: t.field({
        type: WebhookRef,
        description: 'The webhook as it is now, read again after the change.',
        resolve: (result) => result.webhook,
      }),
      triggerOutcomes: t.field({
        type: [WebhookTriggerOutcome],
        description: triggerOutcomesDescription,
        resolve: (result) => result.triggers,
      }),
    }),
  });

interface TriggersRemoveResult {
  webhook: WebhookRecord;
  removed: string[];
}

const WebhookTriggersRemovePayload = builder
  .objectRef<TriggersRemoveResult>('WebhookTriggersRemovePayload')
  .implement({
    description: 'Triggers were removed from a webhook.',
    fields: (t) => ({
      webhook: t.field({
        type: WebhookRef,
        description: 'The webhook as it is now, read again after the change.',
        resolve: (result) => result.webhook,
      }),
      removedTriggers: t.stringList({
        description:
          'The trigger ids removed, in request order (duplicates removed). Removing a trigger the webhook did not have is not an error.',
        resolve: (result) => result.removed,
      }),
    }),
  });

const WebhookBasicAuthInput = builder.inputType('WebhookBasicAuthInput', {
  description:
    'HTTP Basic credentials CometChat sends with every delivery. CometChat accepts letters and digits only.',
  fields: (t) => ({
    username: t.string({
      required: true,
      description: `The user name (1 to ${LIMITS.webhookUsername} letters and digits).`,
    }),
    password: t.string({
      required: true,
      description: `The password (1 to ${PASSWORD_LIMIT} letters and digits). Write-only: never returned.`,
    }),
  }),
});

const urlDescription = `Where CometChat POSTs deliveries: an https URL of at most ${LIMITS.webhookUrl} characters (plain http only for loopback hosts, for local receivers).`;
const triggerDescription =
  'Trigger ids as CometChat documents them (e.g. `message_sent`, `group_member_joined`); an unknown id is a ValidationError.';

const WebhookCreateInput = builder.inputType('WebhookCreateInput', {
  description: 'A new webhook.',
  fields: (t) => ({
    webhookId: t.string({
      required: true,
      description: `The new webhook's CometChat identifier: 1 to ${LIMITS.webhookId} letters and digits, unique within the app.`,
    }),
    name: t.string({
      required: true,
      description: `A display name, at most ${LIMITS.webhookName} characters.`,
    }),
    url: t.string({ required: true, description: urlDescription }),
    triggers: t.stringList({
      description: `Events to deliver from the start. ${triggerDescription} None when omitted (add them later with \`webhookTriggersAdd\`).`,
    }),
    basicAuth: t.field({
      type: WebhookBasicAuthInput,
      description: 'Credentials deliveries carry; without them deliveries are unauthenticated.',
    }),
    enabled: t.boolean({
      description: 'Whether CometChat delivers to it at all (default true).',
    }),
    retryOnFailure: t.boolean({
      description: 'Retry a failed delivery after 10 s and again after 30 s (default false).',
    }),
  }),
});

const WebhookUpdateInput = builder.inputType('WebhookUpdateInput', {
  description:
    'Changes to a webhook. Omitted (or null) fields stay as they are, except `basicAuth`.',
  fields: (t) => ({
    webhookId: t.string({
      required: true,
      description: "The webhook's CometChat identifier (its `webhookId`).",
    }),
    name: t.string({
      description: `A new display name, at most ${LIMITS.webhookName} characters.`,
    }),
    url: t.string({ description: urlDescription }),
    basicAuth: t.field({
      type: WebhookBasicAuthInput,
      description:
        'New credentials (turns Basic auth on). Explicit null turns Basic auth off; omitted leaves it unchanged.',
    }),
    enabled: t.boolean({ description: 'Whether CometChat delivers to it at all.' }),
    retryOnFailure: t.boolean({
      description: 'Retry a failed delivery after 10 s and again after 30 s.',
    }),
  }),
});

const WebhookDeleteInput = builder.inputType('WebhookDeleteInput', {
  description: 'The webhook to delete.',
  fields: (t) => ({
    webhookId: t.string({
      required: true,
      description: "The webhook's CometChat identifier (its `webhookId`).",
    }),
  }),
});

const WebhookTriggersAddInput = builder.inputType('WebhookTriggersAddInput', {
  description: 'Triggers to add to a webhook.',
  fields: (t) => ({
    webhookId: t.string({
      required: true,
      description: "The webhook's CometChat identifier (its `webhookId`).",
    }),
    triggers: t.stringList({
      required: true,
      description: `At least one trigger. ${triggerDescription} Adding one the webhook already has succeeds.`,
    }),
  }),
});

const WebhookTriggersRemoveInput = builder.inputType('WebhookTriggersRemoveInput', {
  description: 'Triggers to remove from a webhook.',
  fields: (t) => ({
    webhookId: t.string({
      required: true,
      description: "The webhook's CometChat identifier (its `webhookId`).",
    }),
    triggers: t.stringList({
      required: true,
      description: `At least one trigger. ${triggerDescription}`,
    }),
  }),
});

const TARGETED_ERRORS = [ValidationFailure, NotFoundFailure];

// ------------------------------------------------------------------------------------------------
// Mutations

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
      input: t.arg({ type: WebhookCreateInput, required: true, description: 'The new webhook.' }),
    },
    resolve: async (_root, args, context) => {
      assertManagement(context);
      const input = validateInput(createSchema, args.input);
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
            : await addTriggerStep(context, webhook.id, triggers, args.input.triggers ?? []),
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
      input: t.arg({ type: WebhookUpdateInput, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      assertManagement(context);
      const input = validateInput(updateSchema, args.input);
      const changes = definedOnly({
        name: input.name ?? undefined,
        url: input.url ?? undefined,
        enabled: input.enabled ?? undefined,
        retryOnFailure: input.retryOnFailure ?? undefined,
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
        type: WebhookDeleteInput,
        required: true,
        description: 'The webhook to delete.',
      }),
    },
    resolve: async (_root, args, context) => {
      assertManagement(context);
      const input = validateInput(deleteSchema, args.input);
      await runMutation(
        context,
        () => deleteWebhook(context.upstream, input.webhookId, { signal: context.signal }),
        TARGET,
      );
      return { webhookId: input.webhookId };
    },
  }),
  webhookTriggersAdd: t.field({
    type: WebhookTriggersAddPayload,
    description: `Adds triggers to a webhook, with one outcome per trigger. ${ACCESS_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: TARGETED_ERRORS,
      union: {
        description:
          'The webhook with per-trigger outcomes, or why nothing was added (ValidationError, NotFoundError).',
      },
    },
    args: {
      input: t.arg({
        type: WebhookTriggersAddInput,
        required: true,
        description: 'The webhook and the triggers to add.',
      }),
    },
    resolve: async (_root, args, context) => {
      assertManagement(context);
      const input = validateInput(triggersSchema, args.input);
      const outcome = await runMutation(
        context,
        () =>
          addTriggers(context.upstream, input.webhookId, input.triggers, {
            signal: context.signal,
          }),
        TARGET,
      ).catch((error: unknown) => {
        throw triggerPathFor(error);
      });
      const triggers = triggerOutcomes(input.triggers, args.input.triggers, outcome);
      return { webhook: await reloadWebhook(context, input.webhookId), triggers };
    },
  }),
  webhookTriggersRemove: t.field({
    type: WebhookTriggersRemovePayload,
    description: `Removes triggers from a webhook. ${ACCESS_NOTE}`,
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: TARGETED_ERRORS,
      union: {
        description:
          'The webhook without the removed triggers, or why nothing was removed (ValidationError, NotFoundError).',
      },
    },
    args: {
      input: t.arg({
        type: WebhookTriggersRemoveInput,
        required: true,
        description: 'The webhook and the triggers to remove.',
      }),
    },
    resolve: async (_root, args, context) => {
      assertManagement(context);
      const input = validateInput(triggersSchema, args.input);
      await runMutation(
        context,
        () =>
          removeTriggers(context.upstream, input.webhookId, input.triggers, {
            signal: context.signal,
          }),
        TARGET,
      ).catch((error: unknown) => {
        throw triggerPathFor(error);
      });
      return {
        webhook: await reloadWebhook(context, input.webhookId),
        removed: input.triggers,
      };
    },
  }),
}));
