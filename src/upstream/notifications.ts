/**
 * CometChat's per-user push tokens (`/notifications/push/v1/tokens`). CometChat names the user by
 * one of their auth tokens (in the body, or the query of the list), not by onBehalfOf; the push
 * token and the auth token are credentials, so both are redacted from errors and logs.
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';

/** The push platforms the gateway registers: CometChat's documented `fcm_*` values and APNs. */
export const PUSH_PLATFORMS = [
  'fcm_android',
  'fcm_ios',
  'fcm_web',
  'fcm_flutter_android',
  'fcm_flutter_ios',
  'fcm_react_native_android',
  'fcm_react_native_ios',
  'fcm_ionic_cordova_android',
  'fcm_ionic_cordova_ios',
  'apns_device',
  'apns_voip',
] as const;

export type PushPlatform = (typeof PUSH_PLATFORMS)[number];

/** One registered push token as CometChat lists it (timestamps are ISO strings). */
export interface PushTokenRecord {
  pushToken: string;
  platform: string;
  uid: string;
  providerId: string | null;
  pushTokenType: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

const pushTokenSchema: z.ZodType<PushTokenRecord, unknown> = z
  .object({
    pushToken: z.string().min(1),
    platform: z.string().min(1),
    uid: z.string().min(1),
    providerId: optionalText,
    pushTokenType: optionalText,
    createdAt: optionalText,
    updatedAt: optionalText,
  })
  .transform((v) => ({
    pushToken: v.pushToken,
    platform: v.platform,
    uid: v.uid,
    providerId: v.providerId,
    pushTokenType: v.pushTokenType,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  }));

const tokenListAnswer = z
  .object({ data: z.object({ pushTokens: z.array(pushTokenSchema) }) })
  .transform((v) => v.data.pushTokens);

const successAnswer = z
  .object({ data: z.object({ success: z.boolean() }) })
  .transform((v) => v.data.success);

/** The body field that carries the token for a platform (`fcmToken`, `deviceToken`, `voipToken`). */
export function tokenFieldOf(platform: PushPlatform): 'fcmToken' | 'deviceToken' | 'voipToken' {
  if (platform === 'apns_device') return 'deviceToken';
  if (platform === 'apns_voip') return 'voipToken';
  return 'fcmToken';
}

export interface RegisterPushTokenInput {
  platform: PushPlatform;
  pushToken: string;
  providerId?: string | undefined;
  timezone?: string | undefined;
}

/**
 * `POST /notifications/push/v1/tokens` `{platform, fcmToken|deviceToken|voipToken, providerId,
 * timezone, authToken}`: registers the device's token for the auth token's user. Answers
 * `{data: {success: true}}`.
 */
export function registerPushToken(
  client: UpstreamClient,
  authToken: string,
  input: RegisterPushTokenInput,
  opts: CallOptions = {},
): Promise<boolean> {
  const body: Record<string, string> = {
    platform: input.platform,
    [tokenFieldOf(input.platform)]: input.pushToken,
    authToken,
  };
  if (input.providerId !== undefined) body.providerId = input.providerId;
  if (input.timezone !== undefined) body.timezone = input.timezone;
  return call(client, 'POST', '/notifications/push/v1/tokens', successAnswer, {
    body,
    redact: [authToken, input.pushToken],
    ...opts,
  });
}

/** `GET /notifications/push/v1/tokens?authToken=`: the push tokens of the auth token's user. */
export function listPushTokens(
  client: UpstreamClient,
  authToken: string,
  opts: CallOptions = {},
): Promise<PushTokenRecord[]> {
  return call(client, 'GET', '/notifications/push/v1/tokens', tokenListAnswer, {
    query: { authToken },
    redact: [authToken],
    ...opts,
  });
}

/**
 * `DELETE /notifications/push/v1/tokens/{pushToken}` `{authToken}`: removes one of the auth
 * token's user's push tokens. Answers with the tokens that were removed.
 */
export function deletePushToken(
  client: UpstreamClient,
  authToken: string,
  pushToken: string,
  opts: CallOptions = {},
): Promise<PushTokenRecord[]> {
  return call(client, 'DELETE', '/notifications/push/v1/tokens/{pushToken}', tokenListAnswer, {
    params: { pushToken },
    body: { authToken },
    redact: [authToken, pushToken],
    ...opts,
  });
}

const timezoneAnswer = z
  .object({ data: z.object({ timezone: z.string().nullish() }) })
  .transform((v) => v.data.timezone ?? null);

/**
 * `GET /notifications/v1/preferences/timezone?uid=`: the user's time zone for notification
 * schedules (`{data: {timezone}}`); null when none is set.
 */
export function getNotificationTimezone(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<string | null> {
  return call(client, 'GET', '/notifications/v1/preferences/timezone', timezoneAnswer, {
    query: { uid },
    ...opts,
  });
}

/** `PATCH /notifications/v1/preferences/timezone?uid=` `{timezone}`: sets the user's time zone. */
export function updateNotificationTimezone(
  client: UpstreamClient,
  uid: string,
  timezone: string,
  opts: CallOptions = {},
): Promise<string | null> {
  return call(client, 'PATCH', '/notifications/v1/preferences/timezone', timezoneAnswer, {
    query: { uid },
    body: { timezone },
    ...opts,
  });
}
