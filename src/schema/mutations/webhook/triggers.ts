/**
 * A webhook's triggers: adding them (one outcome per trigger, also after webhookCreate) and
 * removing them.
 */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import type { GatewayContext } from '../../../context.js';
import { gatewayError } from '../../../errors.js';
import type { BulkOutcome, WebhookRecord } from '../../../upstream/records.js';
import { addTriggers, removeTriggers } from '../../../upstream/webhooks.js';
import { aliased } from '../../deprecation.js';
import { type ItemFailure, isMutationFailure } from '../../errors.js';
import { runMutation } from '../../mutation-support.js';
import { WebhookRef } from '../../refs.js';
import { itemFailure, itemPath, outcomeFields } from '../outcomes.js';
import {
  ACCESS_NOTE,
  FIELD_MAP,
  reloadWebhook,
  TARGET,
  TARGETED_ERRORS,
  webhookInput,
} from './common.js';
import { WebhookTriggersAdd, WebhookTriggersRemove } from './inputs.js';

export interface TriggerOutcome {
  trigger: string;
  error: ItemFailure | null;
}

export const WebhookTriggerOutcome = builder
  .objectRef<TriggerOutcome>('WebhookTriggerOutcome')
  .implement({
    description: 'What happened to one trigger of a request to add triggers to a webhook.',
    fields: (t) => ({
      trigger: t.exposeString('trigger', { description: 'The trigger id, e.g. `message_sent`.' }),
      ...outcomeFields(t, {
        ok: 'Whether CometChat confirmed that the webhook now has this trigger.',
        error: 'Why the trigger was not added; null when `ok` is true.',
      }),
    }),
  });

export const triggerOutcomesDescription =
  'One outcome per requested trigger, in request order (duplicates removed).';

/** One outcome per trigger from CometChat's per-trigger answer; `sent` is the input as given. */
function triggerOutcomes(
  triggers: string[],
  sent: readonly string[],
  answer: BulkOutcome<never>,
): TriggerOutcome[] {
  return triggers.map((trigger) => {
    const item = answer[trigger];
    if (item?.success) return { trigger, error: null };
    const path = itemPath('triggers', sent, (value) => value.trim() === trigger);
    const error = itemFailure(item, path, {
      missing: {
        kind: 'not_found',
        message: `CometChat reported no outcome for the trigger ${trigger}; read the webhook's triggers before retrying.`,
      },
      refused: `CometChat did not add the trigger ${trigger}.`,
      otherwise: 'invalid',
    });
    return { trigger, error };
  });
}

/**
 * Adds triggers in one upstream call. A refusal of the whole call (e.g. an unknown trigger) marks
 * every trigger failed with that reason; any other failure is returned as the GraphQL error to
 * raise where the outcomes are read.
 */
/** The trigger ids as the caller sent them (GraphQL has checked the list's type), for item paths. */
export function sentTriggers(input: Record<string, unknown>): readonly string[] {
  return Array.isArray(input.triggers) ? input.triggers : [];
}

export async function addTriggerStep(
  context: GatewayContext,
  webhookId: string,
  triggers: string[],
  sent: readonly string[],
): Promise<TriggerOutcome[] | Error> {
  try {
    const answer = await runMutation(
      context,
      () => addTriggers(context.upstream, webhookId, triggers, { signal: context.signal }),
      { fieldMap: FIELD_MAP, targetPath: ['triggers'] },
    );
    return triggerOutcomes(triggers, sent, answer);
  } catch (error) {
    if (isMutationFailure(error)) return triggers.map((trigger) => ({ trigger, error }));
    return error instanceof Error ? error : gatewayError('INTERNAL', 'Unexpected error.');
  }
}

/** CometChat's unknown-trigger refusal is about `triggers`, not about the webhook named. */
const TRIGGERS_TARGET = { ...TARGET, codePaths: { ERR_TRIGGER_NOT_FOUND: ['triggers'] } };

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
      ...aliased('outcomes', 'triggerOutcomes', (options) =>
        t.field({
          ...options,
          type: [WebhookTriggerOutcome],
          description: triggerOutcomesDescription,
          resolve: (result) => result.triggers,
        }),
      ),
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

builder.mutationFields((t) => ({
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
        type: WebhookTriggersAdd.ref,
        required: true,
        description: 'The webhook and the triggers to add.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = webhookInput(context, WebhookTriggersAdd, args.input);
      const answer = await runMutation(
        context,
        () =>
          addTriggers(context.upstream, input.webhookId, input.triggers, {
            signal: context.signal,
          }),
        TRIGGERS_TARGET,
      );
      const triggers = triggerOutcomes(input.triggers, sentTriggers(args.input), answer);
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
        type: WebhookTriggersRemove.ref,
        required: true,
        description: 'The webhook and the triggers to remove.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = webhookInput(context, WebhookTriggersRemove, args.input);
      await runMutation(
        context,
        () =>
          removeTriggers(context.upstream, input.webhookId, input.triggers, {
            signal: context.signal,
          }),
        TRIGGERS_TARGET,
      );
      return {
        webhook: await reloadWebhook(context, input.webhookId),
        removed: input.triggers,
      };
    },
  }),
}));
