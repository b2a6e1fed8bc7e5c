/**
 * The kinds of webhook input values, with the checks they get before any call: CometChat's webhook
 * limits (id, name, URL over HTTPS, Basic-auth user name and password, letters and digits only)
 * and the documented trigger ids; each kind documents its limit.
 */
import { z } from 'zod';
import { isWebhookTrigger, WEBHOOK_TRIGGER_IDS } from '../../../webhooks/triggers.js';
import { sameUnderBothNames } from '../../deprecation.js';
import { kind } from '../../input.js';
import { LIMITS } from '../../limits.js';

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

/** The `webhookId` of a new webhook. */
export const newWebhookId = kind(
  'String',
  newWebhookIdSchema,
  `1 to ${LIMITS.webhookId} letters and digits.`,
);

/** The `webhookId` that names an existing webhook. */
export const targetWebhookId = kind(
  'String',
  targetWebhookIdSchema,
  `1 to ${LIMITS.webhookId} characters, without spaces.`,
);

export const webhookName = kind(
  'String',
  webhookNameSchema,
  `1 to ${LIMITS.webhookName} characters.`,
);

export const webhookUrl = kind(
  'String',
  webhookUrlSchema,
  `An https URL of at most ${LIMITS.webhookUrl} characters, without credentials (plain http only for loopback hosts, for local receivers).`,
);

/** A Basic-auth user name or password. */
export function credential(max: number) {
  return kind('String', credentialSchema(max), `1 to ${max} letters and digits.`);
}

const TRIGGER_RULE = 'each one CometChat documents; repeats count once';

/** Triggers to deliver from a webhook's creation: none or more. */
export const initialTriggers = kind(
  ['String'],
  triggerListSchema(0),
  `At most ${WEBHOOK_TRIGGER_IDS.length} triggers, ${TRIGGER_RULE}.`,
);

/** Triggers to add or remove: at least one. */
export const triggerList = kind(
  ['String'],
  triggerListSchema(1),
  `1 to ${WEBHOOK_TRIGGER_IDS.length} triggers, ${TRIGGER_RULE}.`,
);

type Switches = {
  isEnabled?: boolean | undefined;
  hasRetryOnFailure?: boolean | undefined;
  enabled?: boolean | undefined;
  retryOnFailure?: boolean | undefined;
};

/** Refuses a switch given under both names with different values. */
export function checkSwitchNames(value: Switches, ctx: z.RefinementCtx): void {
  for (const [name, legacy] of [
    ['isEnabled', 'enabled'],
    ['hasRetryOnFailure', 'retryOnFailure'],
  ] as const) {
    if (!sameUnderBothNames(name, legacy)(value)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `give \`${name}\` only (\`${legacy}\` is its deprecated name)`,
      });
    }
  }
}

/** The switches under the names the upstream call uses, whichever name the caller gave. */
export function switchesUnderOldNames<T extends Switches>(value: T) {
  const { isEnabled, hasRetryOnFailure, ...rest } = value;
  return {
    ...rest,
    enabled: isEnabled ?? value.enabled,
    retryOnFailure: hasRetryOnFailure ?? value.retryOnFailure,
  };
}
