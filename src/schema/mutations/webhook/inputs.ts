/** The GraphQL inputs of the webhook mutations. */
import { builder } from '../../../builder.js';
import { renamedTo } from '../../deprecation.js';
import { LIMITS } from '../../limits.js';
import type { InputFieldBuilder } from '../fields.js';

/** The `webhookId` that names an existing webhook. */
const webhookIdField = (t: InputFieldBuilder) =>
  t.string({
    required: true,
    description: "The webhook's CometChat identifier (its `webhookId`).",
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
      description: `The password (1 to ${LIMITS.webhookPassword} letters and digits). Write-only: never returned.`,
    }),
  }),
});

const urlDescription = `Where CometChat POSTs deliveries: an https URL of at most ${LIMITS.webhookUrl} characters (plain http only for loopback hosts, for local receivers).`;
const triggerDescription =
  'Trigger ids as CometChat documents them (e.g. `message_sent`, `group_member_joined`); an unknown id is a ValidationError.';

export const WebhookCreateInput = builder.inputType('WebhookCreateInput', {
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
    isEnabled: t.boolean({
      description: 'Whether CometChat delivers to it at all (default true).',
    }),
    hasRetryOnFailure: t.boolean({
      description: 'Retry a failed delivery after 10 s and again after 30 s (default false).',
    }),
    enabled: t.boolean({
      deprecationReason: renamedTo('isEnabled'),
      description: 'The old name of `isEnabled`; give one of them.',
    }),
    retryOnFailure: t.boolean({
      deprecationReason: renamedTo('hasRetryOnFailure'),
      description: 'The old name of `hasRetryOnFailure`; give one of them.',
    }),
  }),
});

export const WebhookUpdateInput = builder.inputType('WebhookUpdateInput', {
  description:
    'Changes to a webhook. Omitted (or null) fields stay as they are, except `basicAuth`.',
  fields: (t) => ({
    webhookId: webhookIdField(t),
    name: t.string({
      description: `A new display name, at most ${LIMITS.webhookName} characters.`,
    }),
    url: t.string({ description: urlDescription }),
    basicAuth: t.field({
      type: WebhookBasicAuthInput,
      description:
        'New credentials (turns Basic auth on). Explicit null turns Basic auth off; omitted leaves it unchanged.',
    }),
    isEnabled: t.boolean({ description: 'Whether CometChat delivers to it at all.' }),
    hasRetryOnFailure: t.boolean({
      description: 'Retry a failed delivery after 10 s and again after 30 s.',
    }),
    enabled: t.boolean({
      deprecationReason: renamedTo('isEnabled'),
      description: 'The old name of `isEnabled`; give one of them.',
    }),
    retryOnFailure: t.boolean({
      deprecationReason: renamedTo('hasRetryOnFailure'),
      description: 'The old name of `hasRetryOnFailure`; give one of them.',
    }),
  }),
});

export const WebhookDeleteInput = builder.inputType('WebhookDeleteInput', {
  description: 'The webhook to delete.',
  fields: (t) => ({
    webhookId: webhookIdField(t),
  }),
});

export const WebhookTriggersAddInput = builder.inputType('WebhookTriggersAddInput', {
  description: 'Triggers to add to a webhook.',
  fields: (t) => ({
    webhookId: webhookIdField(t),
    triggers: t.stringList({
      required: true,
      description: `At least one trigger. ${triggerDescription} Adding one the webhook already has succeeds.`,
    }),
  }),
});

export const WebhookTriggersRemoveInput = builder.inputType('WebhookTriggersRemoveInput', {
  description: 'Triggers to remove from a webhook.',
  fields: (t) => ({
    webhookId: webhookIdField(t),
    triggers: t.stringList({
      required: true,
      description: `At least one trigger. ${triggerDescription}`,
    }),
  }),
});
