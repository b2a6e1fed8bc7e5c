/** The inputs of the webhook mutations, with the checks made before any call. */
import { renamedTo } from '../../deprecation.js';
import { flag, inputObject } from '../../input.js';
import { LIMITS } from '../../limits.js';
import {
  checkSwitchNames,
  credential,
  initialTriggers,
  newWebhookId,
  switchesUnderOldNames,
  targetWebhookId,
  triggerList,
  webhookName,
  webhookUrl,
} from './rules.js';

const WebhookBasicAuth = inputObject('WebhookBasicAuthInput', {
  description:
    'HTTP Basic credentials CometChat sends with every delivery. CometChat accepts letters and digits only.',
  fields: {
    username: credential(LIMITS.webhookUsername).required('The user name.'),
    password: credential(LIMITS.webhookPassword).required(
      'The password. Write-only: never returned.',
    ),
  },
});

/** The `webhookId` that names an existing webhook. */
const webhookIdField = () =>
  targetWebhookId.required("The webhook's CometChat identifier (its `webhookId`).");

const urlWords = 'Where CometChat POSTs deliveries.';
const triggerWords =
  'Trigger ids such as `message_sent` or `group_member_joined`; an unknown id is a ValidationError.';

/** The deprecated names of `isEnabled` and `hasRetryOnFailure`. */
const legacySwitchFields = {
  enabled: flag.optional('The old name of `isEnabled`; give one of them.', {
    deprecationReason: renamedTo('isEnabled'),
  }),
  retryOnFailure: flag.optional('The old name of `hasRetryOnFailure`; give one of them.', {
    deprecationReason: renamedTo('hasRetryOnFailure'),
  }),
};

export const WebhookCreate = inputObject('WebhookCreateInput', {
  description: 'A new webhook.',
  fields: {
    webhookId: newWebhookId.required(
      "The new webhook's CometChat identifier, unique within the app.",
    ),
    name: webhookName.required('A display name.'),
    url: webhookUrl.required(urlWords),
    triggers: initialTriggers.optional(
      `Events to deliver from the start. ${triggerWords} None when omitted (add them later with \`webhookTriggersAdd\`).`,
    ),
    basicAuth: WebhookBasicAuth.kind.optional(
      'Credentials deliveries carry; without them deliveries are unauthenticated.',
    ),
    isEnabled: flag.optional('Whether CometChat delivers to it at all (default true).'),
    hasRetryOnFailure: flag.optional(
      'Retry a failed delivery after 10 s and again after 30 s (default false).',
    ),
    ...legacySwitchFields,
  },
  check: checkSwitchNames,
  map: switchesUnderOldNames,
});

/**
 * The changes to a webhook. An explicit null `basicAuth` (Basic auth off) stays null once parsed,
 * unlike every other null field, which reads as not given.
 */
export const WebhookUpdate = inputObject('WebhookUpdateInput', {
  description:
    'Changes to a webhook. Omitted (or null) fields stay as they are, except `basicAuth`.',
  fields: {
    webhookId: webhookIdField(),
    name: webhookName.optional('A new display name.'),
    url: webhookUrl.optional(urlWords),
    basicAuth: WebhookBasicAuth.kind.nullable(
      'New credentials (turns Basic auth on). Explicit null turns Basic auth off; omitted leaves it unchanged.',
    ),
    isEnabled: flag.optional('Whether CometChat delivers to it at all.'),
    hasRetryOnFailure: flag.optional('Retry a failed delivery after 10 s and again after 30 s.'),
    ...legacySwitchFields,
  },
  check: checkSwitchNames,
  map: switchesUnderOldNames,
});

export const WebhookDelete = inputObject('WebhookDeleteInput', {
  description: 'The webhook to delete.',
  fields: { webhookId: webhookIdField() },
});

export const WebhookTriggersAdd = inputObject('WebhookTriggersAddInput', {
  description: 'Triggers to add to a webhook.',
  fields: {
    webhookId: webhookIdField(),
    triggers: triggerList.required(`${triggerWords} Adding one the webhook already has succeeds.`),
  },
});

export const WebhookTriggersRemove = inputObject('WebhookTriggersRemoveInput', {
  description: 'Triggers to remove from a webhook.',
  fields: {
    webhookId: webhookIdField(),
    triggers: triggerList.required(triggerWords),
  },
});
