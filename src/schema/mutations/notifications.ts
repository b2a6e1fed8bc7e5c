/**
 * The viewing user's push tokens: `pushTokenRegister` and `pushTokenRemove`. Only as oneself (a
 * user caller, or an admin with `X-Act-As`): CometChat names the user by one of their auth tokens,
 * which the gateway gets first (`POST /users/{uid}/auth_tokens` reuses the latest), so a user can
 * neither register nor remove another user's tokens.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import {
  deletePushToken,
  registerPushToken,
  updateNotificationTimezone,
} from '../../upstream/notifications.js';
import { MUTATION_ERRORS } from '../errors.js';
import { choice, inputObject, kind } from '../input.js';
import { LIMITS } from '../limits.js';
import { rejectField, runMutation } from '../mutation-support.js';
import { authTokenOf, PushPlatformEnum, PushToken, type PushTokenValue } from '../notifications.js';

/** CometChat's documented maximum length of a push token. */
export const MAX_PUSH_TOKEN_LENGTH = LIMITS.pushTokenLength;

const tokenSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_PUSH_TOKEN_LENGTH, `must be at most ${MAX_PUSH_TOKEN_LENGTH} characters`)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** The longest provider id or time zone name taken. */
const MAX_SHORT_TEXT = 100;

const shortText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_SHORT_TEXT, `must be at most ${MAX_SHORT_TEXT} characters`);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A device token from FCM or APNs. */
const pushToken = kind(
  'String',
  tokenSchema,
  `1 to ${MAX_PUSH_TOKEN_LENGTH.toLocaleString('en')} printable ASCII characters, no spaces.`,
);
const providerId = kind('String', shortText, `1 to ${MAX_SHORT_TEXT} characters.`);
/** An IANA time zone name. */
const timeZone = kind(
  'String',
  shortText.refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
  `A time zone name of the IANA database, 1 to ${MAX_SHORT_TEXT} characters.`,
);

/** The viewing user's uid; an admin without `X-Act-As` is refused before any call. */
function ownUid(context: GatewayContext): string {
  if (context.caller.kind !== 'user') {
    rejectField(
      [],
      'push tokens belong to a user: call as that user (an end-user token, or X-Act-As with the admin token)',
    );
  }
  return context.caller.uid;
}

const PushTokenRegister = inputObject('PushTokenRegisterInput', {
  description:
    "A device token to register for the viewing user's push notifications. Registering a registered token again updates it.",
  fields: {
    platform: choice(PushPlatformEnum).required(
      'The push service and client kind the token is for.',
    ),
    token: pushToken.required('The device token from FCM or APNs.'),
    providerId: providerId.optional(
      'The push provider set in the CometChat dashboard to send through; the default one when absent.',
    ),
    timezone: timeZone.optional("The device's time zone (e.g. `Asia/Kolkata`), for quiet hours."),
  },
});

const PushTokenRegisterPayload = builder
  .objectRef<{ pushToken: PushTokenValue }>('PushTokenRegisterPayload')
  .implement({
    description: 'The push token, now registered for the viewing user.',
    fields: (t) => ({
      pushToken: t.field({
        type: PushToken,
        description:
          'The registered token; `token` holds it in full here only (every list shows it masked).',
        resolve: (payload) => payload.pushToken,
      }),
    }),
  });

builder.mutationField('pushTokenRegister', (t) =>
  t.field({
    type: PushTokenRegisterPayload,
    nullable: true,
    description:
      "Registers a device's push token for the viewing user (FCM or APNs). Only as oneself: a user caller, or an admin with `X-Act-As`. CometChat keeps at most 100 tokens per user.",
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The registered push token, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: PushTokenRegister.ref,
        required: true,
        description: 'The token to register.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = PushTokenRegister.parse(input);
      const uid = ownUid(context);
      await runMutation(
        context,
        async () => {
          const authToken = await authTokenOf(context, uid);
          return registerPushToken(context.upstream, authToken, {
            platform: value.platform,
            pushToken: value.token,
            providerId: value.providerId ?? undefined,
            timezone: value.timezone ?? undefined,
          });
        },
        {
          fieldMap: {
            platform: ['platform'],
            fcmToken: ['token'],
            deviceToken: ['token'],
            voipToken: ['token'],
            providerId: ['providerId'],
            timezone: ['timezone'],
          },
        },
      );
      return {
        pushToken: {
          revealed: true,
          record: {
            pushToken: value.token,
            platform: value.platform,
            uid,
            providerId: value.providerId ?? null,
            pushTokenType: null,
            createdAt: null,
            updatedAt: null,
          },
        },
      };
    },
  }),
);

const PushTokenRemove = inputObject('PushTokenRemoveInput', {
  description: "One of the viewing user's registered push tokens to remove.",
  fields: {
    token: pushToken.required('The device token, in full, as it was registered.'),
  },
});

const PushTokenRemovePayload = builder
  .objectRef<{ pushToken: PushTokenValue }>('PushTokenRemovePayload')
  .implement({
    description: 'The push token, no longer registered.',
    fields: (t) => ({
      pushToken: t.field({
        type: PushToken,
        description: 'The removed token as CometChat last knew it (masked).',
        resolve: (payload) => payload.pushToken,
      }),
    }),
  });

builder.mutationField('pushTokenRemove', (t) =>
  t.field({
    type: PushTokenRemovePayload,
    nullable: true,
    description:
      "Removes one of the viewing user's push tokens (e.g. at sign-out): the device gets no more pushes. Only as oneself; a token that is not the viewing user's is NOT_FOUND.",
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The removed push token, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: PushTokenRemove.ref,
        required: true,
        description: 'The token to remove.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = PushTokenRemove.parse(input);
      const uid = ownUid(context);
      const removed = await runMutation(
        context,
        async () => {
          const authToken = await authTokenOf(context, uid);
          return deletePushToken(context.upstream, authToken, value.token);
        },
        { targetPath: ['token'] },
      );
      const record = removed.find((row) => row.pushToken === value.token) ?? removed[0];
      return {
        pushToken: {
          revealed: false,
          record: record ?? {
            pushToken: value.token,
            platform: 'unknown',
            uid,
            providerId: null,
            pushTokenType: null,
            createdAt: null,
            updatedAt: null,
          },
        },
      };
    },
  }),
);

const ViewerNotificationTimezoneUpdate = inputObject('ViewerNotificationTimezoneUpdateInput', {
  description: "The viewing user's time zone for notification schedules.",
  fields: {
    timezone: timeZone.required('The time zone, e.g. `Asia/Kolkata` or `Europe/Paris`.'),
  },
});

const ViewerNotificationTimezoneUpdatePayload = builder
  .objectRef<{ notificationTimezone: string }>('ViewerNotificationTimezoneUpdatePayload')
  .implement({
    description: "The viewing user's notification time zone, now set.",
    fields: (t) => ({
      notificationTimezone: t.exposeString('notificationTimezone', {
        description: 'The time zone as CometChat now holds it (as `viewer.notificationTimezone`).',
      }),
    }),
  });

builder.mutationField('viewerNotificationTimezoneUpdate', (t) =>
  t.field({
    type: ViewerNotificationTimezoneUpdatePayload,
    nullable: true,
    description:
      "Sets the viewing user's time zone for notification schedules (quiet hours, email and SMS timing). Only as oneself: a user caller, or an admin with `X-Act-As`.",
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The time zone now set, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: ViewerNotificationTimezoneUpdate.ref,
        required: true,
        description: 'The time zone.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = ViewerNotificationTimezoneUpdate.parse(input);
      const uid = ownUid(context);
      const timezone = await runMutation(
        context,
        () => updateNotificationTimezone(context.upstream, uid, value.timezone),
        { fieldMap: { timezone: ['timezone'] } },
      );
      return { notificationTimezone: timezone ?? value.timezone };
    },
  }),
);
