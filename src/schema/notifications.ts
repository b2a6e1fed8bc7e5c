/**
 * The viewing user's push tokens (`viewer.pushTokens`). CometChat names the user of these calls
 * by one of their auth tokens, so a read first lists one of the user's existing auth tokens
 * (`GET /users/{uid}/auth_tokens`, which creates none) and then lists every token of that user
 * (`all=true`); registering and removing get one with `POST /users/{uid}/auth_tokens` (which
 * reuses the latest, creating one only for a user who has none). A push token is a credential
 * of the device: it is shown masked (its last 4 characters), in full only in the answer to its
 * registration.
 */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { createAuthToken } from '../upstream/auth-tokens.js';
import {
  PUSH_PLATFORMS,
  type PushPlatform,
  type PushTokenRecord,
} from '../upstream/notifications.js';
import { Viewer } from './viewer.js';

/** A push token as the schema shows it; `revealed` only in the answer to its registration. */
export interface PushTokenValue {
  record: PushTokenRecord;
  revealed: boolean;
}

/** The last 4 characters of a token after `…` (the whole token is never shown by this). */
export function maskToken(token: string): string {
  return `…${token.slice(-4)}`;
}

export const PushPlatformEnum = builder.enumType('PushPlatform', {
  description:
    "The push service and client kind a device token is for (CometChat's `platform` values).",
  values: Object.fromEntries(
    PUSH_PLATFORMS.map((platform) => [
      platform.toUpperCase(),
      { value: platform, description: `CometChat's \`${platform}\`.` },
    ]),
  ) as Record<string, { value: PushPlatform; description: string }>,
});

function isoDate(value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// Not a Node: its only key is the token itself, a credential that must not travel in a global ID.
export const PushToken = builder.objectRef<PushTokenValue>('PushToken').implement({
  description: "A device registered for the viewing user's push notifications.",
  fields: (t) => ({
    maskedToken: t.string({
      description:
        'The token masked to its last 4 characters (`…abcd`): enough to tell devices apart and to confirm a removal.',
      resolve: ({ record }) => maskToken(record.pushToken),
    }),
    token: t.string({
      nullable: true,
      description:
        'The whole token: only in the answer to `pushTokenRegister` (the caller just sent it); null everywhere else.',
      resolve: ({ record, revealed }) => (revealed ? record.pushToken : null),
    }),
    platform: t.string({
      description:
        "CometChat's platform of the token (e.g. `fcm_android`, `apns_voip`), as CometChat reports it.",
      resolve: ({ record }) => record.platform,
    }),
    providerId: t.string({
      nullable: true,
      description:
        'The push provider (set in the CometChat dashboard) the token is sent through; null for the default.',
      resolve: ({ record }) => record.providerId,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the token was registered; null when CometChat does not say.',
      resolve: ({ record }) => isoDate(record.createdAt),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the token was last registered again; null when CometChat does not say.',
      resolve: ({ record }) => isoDate(record.updatedAt),
    }),
  }),
});

/** The viewing user, or a clear refusal for an admin without a user perspective. */
export function viewingUid(context: GatewayContext, what: string): string {
  const { caller } = context;
  if (caller.kind !== 'user') {
    throw badUserInput(
      `${what} belong to a user: call as that user (an end-user token, or X-Act-As with the admin token).`,
    );
  }
  return caller.uid;
}

/** The auth token CometChat's notification calls name the user by (reused, created if none). */
export async function authTokenOf(context: GatewayContext, uid: string): Promise<string> {
  const record = await createAuthToken(context.upstream, uid);
  return record.authToken;
}

builder.objectField(Viewer, 'pushTokens', (t) =>
  t.field({
    type: [PushToken],
    nullable: true,
    description:
      "The viewing user's registered push tokens (CometChat keeps at most 100 per user), masked. Two upstream calls: one of the user's existing auth tokens (reading creates none; a user without any has no tokens listed), then the tokens. An admin must act as a user (`X-Act-As`); without it the field answers BAD_USER_INPUT. Null when it could not be read (the error on this field says why).",
    resolve: async (_caller, _args, context) => {
      viewingUid(context, 'Push tokens');
      const records = await context.view().pushTokens();
      return records.map((record) => ({ record, revealed: false }));
    },
  }),
);

builder.objectField(Viewer, 'notificationTimezone', (t) =>
  t.string({
    nullable: true,
    description:
      "The viewing user's IANA time zone for notification schedules (quiet hours, email and SMS timing), e.g. `Asia/Kolkata`; null when none is set. One upstream call. An admin must act as a user (`X-Act-As`); without it the field answers BAD_USER_INPUT.",
    resolve: async (_caller, _args, context) => {
      viewingUid(context, 'Notification time zones');
      return context.view().notificationTimezone();
    },
  }),
);
