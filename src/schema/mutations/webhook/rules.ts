/**
 * The checks webhook inputs get before any call: CometChat's webhook limits (id 50 alphanumeric,
 * name 50, URL 255 over HTTPS, Basic-auth user name 50 and password 100, letters and digits only)
 * and the documented trigger ids.
 */
import { z } from 'zod';
import { isWebhookTrigger, WEBHOOK_TRIGGER_IDS } from '../../../webhooks/triggers.js';
import { sameUnderBothNames } from '../../deprecation.js';
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

const basicAuthSchema = z.object({
  username: credentialSchema(LIMITS.webhookUsername),
  password: credentialSchema(LIMITS.webhookPassword),
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

/** `isEnabled`/`hasRetryOnFailure` and their deprecated names `enabled`/`retryOnFailure`. */
const switchShape = {
  isEnabled: z.boolean().nullish(),
  hasRetryOnFailure: z.boolean().nullish(),
  enabled: z.boolean().nullish(),
  retryOnFailure: z.boolean().nullish(),
};

type Switches = { [Key in keyof typeof switchShape]?: boolean | null | undefined };

/** Refuses a switch given under both names with different values. */
function checkSwitchNames(value: Switches, ctx: z.RefinementCtx): void {
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
function switchesUnderOldNames<T extends Switches>(value: T) {
  const { isEnabled, hasRetryOnFailure, ...rest } = value;
  return {
    ...rest,
    enabled: isEnabled ?? value.enabled,
    retryOnFailure: hasRetryOnFailure ?? value.retryOnFailure,
  };
}

export const webhookCreateSchema = z
  .object({
    webhookId: newWebhookIdSchema,
    name: webhookNameSchema,
    url: webhookUrlSchema,
    triggers: triggerListSchema(0).nullish(),
    basicAuth: basicAuthSchema.nullish(),
    ...switchShape,
  })
  .superRefine(checkSwitchNames)
  .transform(switchesUnderOldNames);

export const webhookUpdateSchema = z
  .object({
    webhookId: targetWebhookIdSchema,
    name: webhookNameSchema.nullish(),
    url: webhookUrlSchema.nullish(),
    basicAuth: basicAuthSchema.nullish(),
    ...switchShape,
  })
  .superRefine(checkSwitchNames)
  .transform(switchesUnderOldNames);

export const webhookDeleteSchema = z.object({ webhookId: targetWebhookIdSchema });

export const webhookTriggersSchema = z.object({
  webhookId: targetWebhookIdSchema,
  triggers: triggerListSchema(1),
});
