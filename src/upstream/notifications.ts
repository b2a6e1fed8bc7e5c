/**
 * CometChat's per-user push tokens (`/notifications/push/v1/tokens`). CometChat names the user by
 * one of their auth tokens (in the body, or the query of the list), not by onBehalfOf; the push
 * token and the auth token are credentials, so both are redacted from errors and logs.
 */
import { z } from 'zod';
import { call, callAsUser } from './call.js';
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

/**
 * `GET /notifications/push/v1/tokens?authToken=&all=true`: every push token of the auth token's
 * user (without `all`, CometChat lists only those registered with that auth token).
 */
export function listPushTokens(
  client: UpstreamClient,
  authToken: string,
  opts: CallOptions = {},
): Promise<PushTokenRecord[]> {
  return call(client, 'GET', '/notifications/push/v1/tokens', tokenListAnswer, {
    query: { authToken, all: true },
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

// ---------------------------------------------------------------------------------------------
// Notification preferences (`/notifications/v1/preferences?uid=`)

/** The group events a user's preferences cover, in CometChat's `groupPreferences` names. */
export const GROUP_PREFERENCE_KEYS = [
  'groupMessages',
  'groupReplies',
  'groupQuotedReplies',
  'groupReactions',
  'groupMemberLeft',
  'groupMemberAdded',
  'groupMemberJoined',
  'groupMemberKicked',
  'groupMemberBanned',
  'groupMemberUnbanned',
  'groupMemberScopeChanged',
] as const;

/** The 1:1 events a user's preferences cover, in CometChat's `oneOnOnePreferences` names. */
export const ONE_ON_ONE_PREFERENCE_KEYS = [
  'oneOnOneMessages',
  'oneOnOneReplies',
  'oneOnOneQuotedReplies',
  'oneOnOneReactions',
] as const;

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export type GroupPreferenceKey = (typeof GROUP_PREFERENCE_KEYS)[number];
export type OneOnOnePreferenceKey = (typeof ONE_ON_ONE_PREFERENCE_KEYS)[number];
export type Weekday = (typeof WEEKDAYS)[number];

/** One day of a user's notification schedule: `from`/`to` as `hhmm` (0 to 2359), `dnd` all day. */
export interface ScheduleDayRecord {
  day: Weekday;
  from: number;
  to: number;
  dnd: boolean;
}

/**
 * A user's notification preferences. Settings are CometChat's integers (1 = don't notify, 2 =
 * notify / all, 3 = mentions only or, for reactions, reactions on all messages); null where
 * CometChat's answer does not say.
 */
export interface NotificationPreferencesRecord {
  group: Record<GroupPreferenceKey, number | null>;
  oneOnOne: Record<OneOnOnePreferenceKey, number | null>;
  /** `mutePreferences.dnd`: 1 = do-not-disturb off, 2 = on. */
  dnd: number | null;
  schedule: ScheduleDayRecord[];
  usePrivacyTemplate: boolean | null;
}

/** The partial update `PATCH /notifications/v1/preferences` takes (CometChat's body names). */
export interface NotificationPreferencesPatch {
  groupPreferences?: Partial<Record<GroupPreferenceKey, number>>;
  oneOnOnePreferences?: Partial<Record<OneOnOnePreferenceKey, number>>;
  mutePreferences?: {
    dnd?: number;
    schedule?: Partial<Record<Weekday, { from: number; to: number; dnd: boolean }>>;
  };
  usePrivacyTemplate?: boolean;
}

const looseObject = z.record(z.string(), z.unknown());

function intOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function scheduleOf(value: unknown): ScheduleDayRecord[] {
  const days = objectOrEmpty(value);
  const schedule: ScheduleDayRecord[] = [];
  for (const day of WEEKDAYS) {
    const entry = objectOrEmpty(days[day]);
    const from = intOrNull(entry.from);
    const to = intOrNull(entry.to);
    if (from === null || to === null) continue;
    schedule.push({ day, from, to, dnd: entry.dnd === true });
  }
  return schedule;
}

/** `Messages` -> `messagesSetting` in the app-settings spelling the docs' GET example uses. */
const SETTING_NAMES: Record<string, string> = {
  Messages: 'messagesSetting',
  Replies: 'repliesSetting',
  QuotedReplies: 'quotedRepliesSetting',
  Reactions: 'reactionsSetting',
  MemberLeft: 'memberLeftSetting',
  MemberAdded: 'memberAddedSetting',
  MemberJoined: 'memberJoinedSetting',
  MemberKicked: 'memberKickedSetting',
  MemberBanned: 'memberBannedSetting',
  MemberUnbanned: 'memberUnbannedSetting',
  MemberScopeChanged: 'memberScopeChangedSetting',
};

/**
 * Reads either spelling of a user's preferences: the user shape (`groupPreferences`,
 * `oneOnOnePreferences`, `mutePreferences {dnd, schedule}`, `usePrivacyTemplate`) that the PATCH
 * body and the reset answer use, or the settings shape (`preferences {group, oneOnOne, mute}` with
 * `…Setting` names) that the docs' GET example shows.
 */
export function preferencesOf(raw: Record<string, unknown>): NotificationPreferencesRecord {
  const settings = objectOrEmpty(raw.preferences);
  const userShape = !('preferences' in raw);
  const groupSource = objectOrEmpty(userShape ? raw.groupPreferences : settings.group);
  const oneSource = objectOrEmpty(userShape ? raw.oneOnOnePreferences : settings.oneOnOne);
  const read = (source: Record<string, unknown>, key: string, prefix: string): number | null =>
    userShape
      ? intOrNull(source[key])
      : intOrNull(source[SETTING_NAMES[key.slice(prefix.length)] ?? '']);
  const group = Object.fromEntries(
    GROUP_PREFERENCE_KEYS.map((key) => [key, read(groupSource, key, 'group')]),
  ) as Record<GroupPreferenceKey, number | null>;
  const oneOnOne = Object.fromEntries(
    ONE_ON_ONE_PREFERENCE_KEYS.map((key) => [key, read(oneSource, key, 'oneOnOne')]),
  ) as Record<OneOnOnePreferenceKey, number | null>;
  const mute = objectOrEmpty(userShape ? raw.mutePreferences : settings.mute);
  return {
    group,
    oneOnOne,
    dnd: intOrNull(userShape ? mute.dnd : mute.dndPreferenceSetting),
    schedule: scheduleOf(userShape ? mute.schedule : mute.schedulePreferenceSetting),
    usePrivacyTemplate: typeof raw.usePrivacyTemplate === 'boolean' ? raw.usePrivacyTemplate : null,
  };
}

const preferencesAnswer = z.object({ data: looseObject }).transform((v) => preferencesOf(v.data));

/** `GET /notifications/v1/preferences?uid=`: the user's notification preferences. */
export function getNotificationPreferences(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<NotificationPreferencesRecord> {
  return call(client, 'GET', '/notifications/v1/preferences', preferencesAnswer, {
    query: { uid },
    ...opts,
  });
}

/**
 * `PATCH /notifications/v1/preferences?uid=` with the parts to change; answers with the user's
 * preferences as they now are.
 */
export function updateNotificationPreferences(
  client: UpstreamClient,
  uid: string,
  patch: NotificationPreferencesPatch,
  opts: CallOptions = {},
): Promise<NotificationPreferencesRecord> {
  return call(client, 'PATCH', '/notifications/v1/preferences', preferencesAnswer, {
    query: { uid },
    body: { ...patch },
    ...opts,
  });
}

/**
 * `DELETE /notifications/v1/preferences?uid=`: puts the user's preferences back to the app's
 * defaults; answers with them.
 */
export function resetNotificationPreferences(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<NotificationPreferencesRecord> {
  return call(client, 'DELETE', '/notifications/v1/preferences', preferencesAnswer, {
    query: { uid },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Muted conversations (`/notifications/v1/preferences/mute?uid=`)

/** A conversation the user muted: `id` is the other user's uid or the group's guid. */
export interface MutedConversationRecord {
  id: string;
  type: 'oneOnOne' | 'group';
  /** Until when, in milliseconds since the epoch; null when CometChat does not say. */
  until: number | null;
}

const mutedConversationSchema: z.ZodType<MutedConversationRecord, unknown> = z
  .object({
    id: z.string().min(1),
    type: z.enum(['oneOnOne', 'group']),
    until: z.union([z.number(), z.string()]).nullish(),
  })
  .transform((v) => {
    const until = v.until === null || v.until === undefined ? Number.NaN : Number(v.until);
    return { id: v.id, type: v.type, until: Number.isFinite(until) ? until : null };
  });

const mutedListAnswer = z
  .object({
    data: z.object({ mutedConversations: z.array(mutedConversationSchema).nullish() }),
  })
  .transform((v) => v.data.mutedConversations ?? []);

/** `GET /notifications/v1/preferences/mute?uid=`: the conversations the user muted. */
export function listMutedConversations(
  client: UpstreamClient,
  uid: string,
  opts: CallOptions = {},
): Promise<MutedConversationRecord[]> {
  return call(client, 'GET', '/notifications/v1/preferences/mute', mutedListAnswer, {
    query: { uid },
    ...opts,
  });
}

/** `PUT /notifications/v1/preferences/mute?uid=` `{conversations: [{id, type, until}]}`. */
export function muteConversations(
  client: UpstreamClient,
  uid: string,
  conversations: { id: string; type: 'oneOnOne' | 'group'; until: number }[],
  opts: CallOptions = {},
): Promise<boolean> {
  return call(client, 'PUT', '/notifications/v1/preferences/mute', successAnswer, {
    query: { uid },
    body: { conversations },
    ...opts,
  });
}

/** `DELETE /notifications/v1/preferences/mute?uid=` `{conversations: [{id, type}]}`. */
export function unmuteConversations(
  client: UpstreamClient,
  uid: string,
  conversations: { id: string; type: 'oneOnOne' | 'group' }[],
  opts: CallOptions = {},
): Promise<boolean> {
  return call(client, 'DELETE', '/notifications/v1/preferences/mute', successAnswer, {
    query: { uid },
    body: { conversations },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Contact details (`/notifications/v1/contact-details`, onBehalfOf required)

/** The email address and phone number CometChat sends email and SMS notifications to. */
export interface ContactDetailsRecord {
  email: string | null;
  /** CometChat's `phno`: with the country code, e.g. `+919591128691`. */
  phoneNumber: string | null;
}

const contactDetailsAnswer = z
  .object({
    data: z.object({
      email: z.string().nullish(),
      phno: z.string().nullish(),
    }),
  })
  .transform((v) => ({
    email: v.data.email ? v.data.email : null,
    phoneNumber: v.data.phno ? v.data.phno : null,
  }));

/** `GET /notifications/v1/contact-details` as the user (`onBehalfOf`). */
export function getContactDetails(
  client: UpstreamClient,
  opts: CallOptions,
): Promise<ContactDetailsRecord> {
  return callAsUser(client, 'GET', '/notifications/v1/contact-details', contactDetailsAnswer, {
    ...opts,
  });
}

/**
 * `PATCH /notifications/v1/contact-details` `{email?, phno?}` as the user; answers with the
 * details as they now are. Both values are personal data, so they are redacted from errors.
 */
export function updateContactDetails(
  client: UpstreamClient,
  details: { email?: string | undefined; phoneNumber?: string | undefined },
  opts: CallOptions,
): Promise<ContactDetailsRecord> {
  const body: Record<string, string> = {};
  if (details.email !== undefined) body.email = details.email;
  if (details.phoneNumber !== undefined) body.phno = details.phoneNumber;
  return callAsUser(client, 'PATCH', '/notifications/v1/contact-details', contactDetailsAnswer, {
    body,
    redact: Object.values(body),
    ...opts,
  });
}

/** `DELETE /notifications/v1/contact-details` as the user: removes both. */
export function deleteContactDetails(client: UpstreamClient, opts: CallOptions): Promise<boolean> {
  return callAsUser(client, 'DELETE', '/notifications/v1/contact-details', successAnswer, {
    ...opts,
  });
}
