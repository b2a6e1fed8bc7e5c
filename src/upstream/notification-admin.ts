/**
 * The admin side of CometChat's notifications: the FCM, Twilio SMS and SendGrid email providers, the
 * custom (webhook) providers of push, SMS and e-mail, the app's notification settings (`/notifications/v1/settings`) and the delivery logs
 * (`/notifications/v1/logs`). Sources: docs/cometchat-tooling-endpoints.md (Notification providers).
 *
 * Credentials are write-only: the records below keep whether a credential is set, never its value,
 * so no answer parsed here can carry one further (CometChat's own GET answers include them).
 */
import { z } from 'zod';
import { call } from './call.js';
import type { CallOptions, UpstreamClient } from './client.js';
import type { QueryValue } from './options.js';
import {
  count,
  dataOf,
  jsonObject,
  optionalBoolean,
  optionalCount,
  optionalId,
  optionalObject,
  optionalString,
} from './records/common.js';
import type { EndpointRef } from './wire-extra.js';

/** Where the notification admin endpoints are documented (the pinned 2023 spec lacks them). */
const DOCUMENTED =
  'docs/cometchat-tooling-endpoints.md (Notification providers, settings and logs); FACTS.md 7.10';

/**
 * The endpoints this module calls, each with where it is documented: the contract tests accept a
 * request only if it is in the pinned spec or in a list like this one (`HAND_ADDED_ENDPOINTS`).
 */
export const NOTIFICATION_ADMIN_ENDPOINTS: readonly EndpointRef[] = [
  // FCM and APNs: list, add, update, delete and choose the default, alike.
  ...(['fcm', 'apns'] as const).flatMap((kind): EndpointRef[] => {
    const path = `/notifications/push/v1/providers/${kind}`;
    return [
      { method: 'GET', path, source: DOCUMENTED },
      { method: 'POST', path, source: DOCUMENTED },
      { method: 'PUT', path, source: DOCUMENTED },
      { method: 'DELETE', path: `${path}/{providerId}`, source: DOCUMENTED },
      { method: 'PUT', path: `${path}/default/{providerId}`, source: DOCUMENTED },
    ];
  }),
  { method: 'GET', path: '/notifications/push/v1/providers/custom', source: DOCUMENTED },
  { method: 'PUT', path: '/notifications/push/v1/providers/custom', source: DOCUMENTED },
  { method: 'GET', path: '/notifications/sms/v1/providers/custom', source: DOCUMENTED },
  { method: 'PUT', path: '/notifications/sms/v1/providers/custom', source: DOCUMENTED },
  { method: 'GET', path: '/notifications/email/v1/providers/custom', source: DOCUMENTED },
  { method: 'PUT', path: '/notifications/email/v1/providers/custom', source: DOCUMENTED },
  { method: 'GET', path: '/notifications/sms/v1/providers/twilio', source: DOCUMENTED },
  { method: 'PUT', path: '/notifications/sms/v1/providers/twilio', source: DOCUMENTED },
  { method: 'GET', path: '/notifications/email/v1/providers/sendgrid', source: DOCUMENTED },
  { method: 'PUT', path: '/notifications/email/v1/providers/sendgrid', source: DOCUMENTED },
  { method: 'GET', path: '/notifications/v1/settings', source: DOCUMENTED },
  { method: 'PATCH', path: '/notifications/v1/settings', source: DOCUMENTED },
  { method: 'DELETE', path: '/notifications/v1/settings', source: DOCUMENTED },
  { method: 'GET', path: '/notifications/v1/logs', source: DOCUMENTED },
];

const FCM = '/notifications/push/v1/providers/fcm';
const TWILIO = '/notifications/sms/v1/providers/twilio';
const SENDGRID = '/notifications/email/v1/providers/sendgrid';
const SETTINGS = '/notifications/v1/settings';
const LOGS = '/notifications/v1/logs';

/** Any answer to a write: CometChat documents `{data: {success: true}}`; the body is not kept. */
const anyAnswer = z.unknown().transform(() => true as const);

function isSet(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== null && value !== undefined;
}

/** The last 4 characters of an identifier, as `…abcd`; null when there is none. */
export function hintOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return `…${[...value.trim()].slice(-4).join('')}`;
}

// ---------------------------------------------------------------------------------------------
// FCM

/** Which platforms get the `notification` key in the FCM payload, for chat and call pushes. */
export interface FcmPayloadNotificationRecord {
  platform: 'ios' | 'android' | 'web';
  chat: boolean;
  call: boolean;
}

export interface FcmProviderRecord {
  providerId: string;
  serviceAccountFilename: string | null;
  projectId: string | null;
  clientEmail: string | null;
  /** Whether the answer carried a private key (its value is dropped here). */
  hasPrivateKey: boolean;
  isDefault: boolean | null;
  payloadNotifications: FcmPayloadNotificationRecord[];
}

const PLATFORMS = ['ios', 'android', 'web'] as const;

function payloadNotifications(raw: unknown): FcmPayloadNotificationRecord[] {
  if (raw === null || typeof raw !== 'object') return [];
  const byPlatform = raw as Record<string, unknown>;
  return PLATFORMS.flatMap((platform) => {
    const entry = byPlatform[platform];
    if (entry === null || typeof entry !== 'object') return [];
    const flags = entry as Record<string, unknown>;
    return [{ platform, chat: flags.chat === true, call: flags.call === true }];
  });
}

const fcmProviderSchema: z.ZodType<FcmProviderRecord, unknown> = z
  .object({
    providerId: z.string().min(1),
    serviceAccountFilename: optionalString,
    serviceAccountCreds: optionalObject,
    notificationInPayload: z.unknown().optional(),
    isDefault: optionalBoolean,
    default: optionalBoolean,
  })
  .transform((v) => {
    const creds = v.serviceAccountCreds ?? {};
    return {
      providerId: v.providerId,
      serviceAccountFilename: v.serviceAccountFilename,
      projectId: typeof creds.project_id === 'string' ? creds.project_id : null,
      clientEmail: typeof creds.client_email === 'string' ? creds.client_email : null,
      hasPrivateKey: isSet(creds.private_key),
      isDefault: v.isDefault ?? v.default ?? null,
      payloadNotifications: payloadNotifications(v.notificationInPayload),
    };
  });

/** A Firebase service account as CometChat takes it (`serviceAccountCreds`). */
export interface FcmServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  private_key_id: string;
}

export interface FcmProviderWrite {
  providerId: string;
  serviceAccountFilename?: string | undefined;
  serviceAccountCreds?: FcmServiceAccount | undefined;
  notificationInPayload?:
    | Partial<Record<'ios' | 'android' | 'web', { chat: boolean; call: boolean }>>
    | undefined;
}

/** `GET /notifications/push/v1/providers/fcm`: the app's FCM providers. */
export function listFcmProviders(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<FcmProviderRecord[]> {
  return call(client, 'GET', FCM, dataOf(z.array(fcmProviderSchema)), opts);
}

/** `POST /notifications/push/v1/providers/fcm`: adds a provider. */
export async function addFcmProvider(
  client: UpstreamClient,
  body: FcmProviderWrite,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'POST', FCM, anyAnswer, { body: { ...body }, ...opts });
}

/** `PUT /notifications/push/v1/providers/fcm`: changes the provider `body.providerId` names. */
export async function updateFcmProvider(
  client: UpstreamClient,
  body: FcmProviderWrite,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'PUT', FCM, anyAnswer, { body: { ...body }, ...opts });
}

/** `DELETE /notifications/push/v1/providers/fcm/{providerId}`. */
export async function deleteFcmProvider(
  client: UpstreamClient,
  providerId: string,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'DELETE', `${FCM}/{providerId}`, anyAnswer, {
    params: { providerId },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// APNs

const APNS = '/notifications/push/v1/providers/apns';

export interface ApnsProviderRecord {
  providerId: string;
  keyId: string | null;
  teamId: string | null;
  bundleId: string | null;
  p8KeyFilename: string | null;
  /** Whether the answer carried the `.p8` key (its value is dropped here). */
  hasP8Key: boolean;
  includeContentAvailable: boolean | null;
  includeMutableContent: boolean | null;
  productionMode: boolean | null;
  isDefault: boolean | null;
}

const apnsProviderSchema: z.ZodType<ApnsProviderRecord, unknown> = z
  .object({
    providerId: z.string().min(1),
    keyId: optionalString,
    teamId: optionalString,
    bundleId: optionalString,
    p8KeyFilename: optionalString,
    p8Key: z.unknown().optional(),
    includeContentAvailable: optionalBoolean,
    includeMutableContent: optionalBoolean,
    productionMode: optionalBoolean,
    isDefault: optionalBoolean,
    default: optionalBoolean,
  })
  .transform(({ p8Key, default: byDefault, isDefault, ...rest }) => ({
    ...rest,
    hasP8Key: isSet(p8Key),
    isDefault: isDefault ?? byDefault ?? null,
  }));

/** The list as a bare array, or under `pushProviders` (the documented example's shape). */
const apnsListSchema = dataOf(
  z.union([
    z.array(apnsProviderSchema),
    z.object({ pushProviders: z.array(apnsProviderSchema) }).transform((v) => v.pushProviders),
  ]),
);

/** CometChat's APNs body (`createApnsProvider`); an update names the provider by `providerId`. */
export interface ApnsProviderWrite {
  providerId: string;
  keyId?: string | undefined;
  teamId?: string | undefined;
  bundleId?: string | undefined;
  p8KeyFilename?: string | undefined;
  p8Key?: string | undefined;
  includeContentAvailable?: boolean | undefined;
  includeMutableContent?: boolean | undefined;
  productionMode?: boolean | undefined;
}

/** `GET /notifications/push/v1/providers/apns`: the app's APNs providers. */
export function listApnsProviders(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<ApnsProviderRecord[]> {
  return call(client, 'GET', APNS, apnsListSchema, opts);
}

/** `POST` (add) or `PUT` (change the provider `body.providerId` names) `.../providers/apns`. */
export async function writeApnsProvider(
  client: UpstreamClient,
  method: 'POST' | 'PUT',
  body: ApnsProviderWrite,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, method, APNS, anyAnswer, { body: { ...body }, ...opts });
}

/** `DELETE /notifications/push/v1/providers/apns/{providerId}`. */
export async function deleteApnsProvider(
  client: UpstreamClient,
  providerId: string,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'DELETE', `${APNS}/{providerId}`, anyAnswer, {
    params: { providerId },
    ...opts,
  });
}

/**
 * `PUT /notifications/push/v1/providers/{fcm|apns}/default/{providerId}`: makes the provider the
 * one CometChat pushes through by default (answers `{data: {success: true}}`).
 */
export async function setDefaultPushProvider(
  client: UpstreamClient,
  kind: 'fcm' | 'apns',
  providerId: string,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'PUT', `${kind === 'fcm' ? FCM : APNS}/default/{providerId}`, anyAnswer, {
    params: { providerId },
    ...opts,
  });
}

// ---------------------------------------------------------------------------------------------
// Custom providers (a webhook per channel)

/** The channels with a custom provider: `/notifications/{channel}/v1/providers/custom`. */
export type CustomProviderChannel = 'push' | 'sms' | 'email';

/** The flag that limits an SMS or e-mail webhook to users whose contact detail CometChat stores. */
const STORED_CONTACT_FLAG = {
  push: null,
  sms: 'useStoredPhNo',
  email: 'useStoredEmailID',
} as const;

export interface CustomProviderRecord {
  isEnabled: boolean | null;
  webhookUrl: string | null;
  useBasicAuth: boolean | null;
  basicAuthUsername: string | null;
  hasBasicAuthPassword: boolean;
  /** `useStoredPhNo` (SMS) or `useStoredEmailID` (e-mail); null for push or when not set. */
  useStoredContact: boolean | null;
}

/** The custom push provider (the record of every channel). */
export type CustomPushProviderRecord = CustomProviderRecord;

const customProviderSchema: z.ZodType<CustomProviderRecord, unknown> = dataOf(
  z
    .object({
      isEnabled: optionalBoolean,
      webhookURL: optionalString,
      useBasicAuth: optionalBoolean,
      basicAuthUsername: optionalString,
      basicAuthPassword: z.unknown().optional(),
      useStoredPhNo: optionalBoolean,
      useStoredEmailID: optionalBoolean,
    })
    .nullable()
    .transform((v) => ({
      isEnabled: v?.isEnabled ?? null,
      webhookUrl: v?.webhookURL || null,
      useBasicAuth: v?.useBasicAuth ?? null,
      basicAuthUsername: v?.basicAuthUsername || null,
      hasBasicAuthPassword: isSet(v?.basicAuthPassword),
      useStoredContact: v?.useStoredPhNo ?? v?.useStoredEmailID ?? null,
    })),
);

export interface CustomProviderWrite {
  isEnabled?: boolean | undefined;
  webhookURL?: string | undefined;
  useBasicAuth?: boolean | undefined;
  basicAuthUsername?: string | undefined;
  basicAuthPassword?: string | undefined;
  /** Sent as `useStoredPhNo` (SMS) or `useStoredEmailID` (e-mail); not for push. */
  useStoredContact?: boolean | undefined;
}

function customPath(channel: CustomProviderChannel): string {
  return `/notifications/${channel}/v1/providers/custom`;
}

/** `GET /notifications/{push|sms|email}/v1/providers/custom`. */
export function getCustomProvider(
  client: UpstreamClient,
  channel: CustomProviderChannel,
  opts: CallOptions = {},
): Promise<CustomProviderRecord> {
  return call(client, 'GET', customPath(channel), customProviderSchema, opts);
}

/** `PUT /notifications/{push|sms|email}/v1/providers/custom` (only the fields given). */
export async function updateCustomProvider(
  client: UpstreamClient,
  channel: CustomProviderChannel,
  { useStoredContact, ...body }: CustomProviderWrite,
  opts: CallOptions = {},
): Promise<void> {
  const flag = STORED_CONTACT_FLAG[channel];
  const sent =
    flag === null || useStoredContact === undefined ? body : { ...body, [flag]: useStoredContact };
  await call(client, 'PUT', customPath(channel), anyAnswer, { body: sent, ...opts });
}

// ---------------------------------------------------------------------------------------------
// Twilio (SMS)

export interface TwilioProviderRecord {
  accountSidHint: string | null;
  hasAuthToken: boolean;
  senderPhoneNumber: string | null;
  isEnabled: boolean | null;
}

const twilioSchema: z.ZodType<TwilioProviderRecord, unknown> = dataOf(
  z
    .object({
      twilioAccountSID: z.unknown().optional(),
      twilioAuthToken: z.unknown().optional(),
      twilioSenderPhoneNumber: optionalString,
      isEnabled: optionalBoolean,
    })
    .nullable()
    .transform((v) => ({
      accountSidHint: hintOf(v?.twilioAccountSID),
      hasAuthToken: isSet(v?.twilioAuthToken),
      senderPhoneNumber: v?.twilioSenderPhoneNumber || null,
      isEnabled: v?.isEnabled ?? null,
    })),
);

export interface TwilioProviderWrite {
  twilioAccountSID?: string | undefined;
  twilioAuthToken?: string | undefined;
  twilioSenderPhoneNumber?: string | undefined;
  isEnabled?: boolean | undefined;
}

/** `GET /notifications/sms/v1/providers/twilio`. */
export function getTwilioProvider(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<TwilioProviderRecord> {
  return call(client, 'GET', TWILIO, twilioSchema, opts);
}

/** `PUT /notifications/sms/v1/providers/twilio`. */
export async function updateTwilioProvider(
  client: UpstreamClient,
  body: TwilioProviderWrite,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'PUT', TWILIO, anyAnswer, { body: { ...body }, ...opts });
}

// ---------------------------------------------------------------------------------------------
// SendGrid (email)

export interface SendGridProviderRecord {
  hasApiKey: boolean;
  templateId: string | null;
  unsubscribeGroupId: string | null;
  senderEmail: string | null;
  senderName: string | null;
  allowEmailReplies: boolean | null;
  senderEmailForReplies: string | null;
  isEnabled: boolean | null;
}

const sendGridSchema: z.ZodType<SendGridProviderRecord, unknown> = dataOf(
  z
    .object({
      sendGridApiKey: z.unknown().optional(),
      sendGridTemplateID: optionalString,
      sendGridUnsubscribeGroupID: optionalId,
      senderEmail: optionalString,
      senderName: optionalString,
      allowEmailReplies: optionalBoolean,
      senderEmailForReplies: optionalString,
      isEnabled: optionalBoolean,
    })
    .nullable()
    .transform((v) => ({
      hasApiKey: isSet(v?.sendGridApiKey),
      templateId: v?.sendGridTemplateID || null,
      unsubscribeGroupId: v?.sendGridUnsubscribeGroupID ?? null,
      senderEmail: v?.senderEmail || null,
      senderName: v?.senderName || null,
      allowEmailReplies: v?.allowEmailReplies ?? null,
      senderEmailForReplies: v?.senderEmailForReplies || null,
      isEnabled: v?.isEnabled ?? null,
    })),
);

export interface SendGridProviderWrite {
  sendGridApiKey?: string | undefined;
  sendGridTemplateID?: string | undefined;
  sendGridUnsubscribeGroupID?: string | undefined;
  senderName?: string | undefined;
  senderEmail?: string | undefined;
  allowEmailReplies?: boolean | undefined;
  senderEmailForReplies?: string | undefined;
  isEnabled?: boolean | undefined;
}

/** `GET /notifications/email/v1/providers/sendgrid`. */
export function getSendGridProvider(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<SendGridProviderRecord> {
  return call(client, 'GET', SENDGRID, sendGridSchema, opts);
}

/** `PUT /notifications/email/v1/providers/sendgrid` (CometChat's answer echoes the key: dropped). */
export async function updateSendGridProvider(
  client: UpstreamClient,
  body: SendGridProviderWrite,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'PUT', SENDGRID, anyAnswer, { body: { ...body }, ...opts });
}

// ---------------------------------------------------------------------------------------------
// Settings

export type NotificationScope = 'oneOnOne' | 'group' | 'call';

/** One event's app-wide setting: CometChat's `<event>Setting` number and `<event>Override` flag. */
export interface NotificationEventSettingRecord {
  scope: NotificationScope;
  event: string;
  value: number | null;
  override: boolean | null;
}

export interface NotificationSettingsRecord {
  events: NotificationEventSettingRecord[];
  bypassPreferencesForMentions: boolean | null;
  /** The whole `data` object as CometChat answered it (settings hold no credentials). */
  document: Record<string, unknown>;
}

const SCOPES: readonly NotificationScope[] = ['oneOnOne', 'group', 'call'];

function eventSettings(preferences: Record<string, unknown>): NotificationEventSettingRecord[] {
  const events: NotificationEventSettingRecord[] = [];
  for (const scope of SCOPES) {
    const block = preferences[scope];
    if (block === null || typeof block !== 'object') continue;
    const fields = block as Record<string, unknown>;
    const names = new Set<string>();
    for (const key of Object.keys(fields)) {
      const match = /^(.+?)(Setting|Override)$/.exec(key);
      if (match?.[1]) names.add(match[1]);
    }
    for (const event of [...names].sort()) {
      const value = fields[`${event}Setting`];
      const override = fields[`${event}Override`];
      events.push({
        scope,
        event,
        value: typeof value === 'number' && Number.isFinite(value) ? value : null,
        override: typeof override === 'boolean' ? override : null,
      });
    }
  }
  return events;
}

const settingsSchema: z.ZodType<NotificationSettingsRecord, unknown> = dataOf(
  jsonObject.transform((document) => {
    const preferences =
      document.preferences !== null && typeof document.preferences === 'object'
        ? (document.preferences as Record<string, unknown>)
        : {};
    const bypass = preferences.bypassPreferencesForMentions;
    return {
      events: eventSettings(preferences),
      bypassPreferencesForMentions: typeof bypass === 'boolean' ? bypass : null,
      document,
    };
  }),
);

/** `GET /notifications/v1/settings`. */
export function getNotificationSettings(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<NotificationSettingsRecord> {
  return call(client, 'GET', SETTINGS, settingsSchema, opts);
}

/** `PATCH /notifications/v1/settings` `{preferences: {...}}`: only the keys sent change. */
export async function updateNotificationSettings(
  client: UpstreamClient,
  body: { preferences: Record<string, unknown> },
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'PATCH', SETTINGS, anyAnswer, { body: { ...body }, ...opts });
}

/** `DELETE /notifications/v1/settings`: the app's settings back to CometChat's defaults. */
export async function resetNotificationSettings(
  client: UpstreamClient,
  opts: CallOptions = {},
): Promise<void> {
  await call(client, 'DELETE', SETTINGS, anyAnswer, opts);
}

// ---------------------------------------------------------------------------------------------
// Delivery logs

export interface NotificationLogRecord {
  id: string;
  channel: string | null;
  provider: string | null;
  providerId: string | null;
  trigger: string | null;
  messageId: string | null;
  reactionId: string | null;
  sender: string | null;
  receiver: string | null;
  receiverType: string | null;
  member: string | null;
  reactionSender: string | null;
  reactionReceiver: string | null;
  tokenType: string | null;
  pushToken: string | null;
  notificationTriggered: boolean | null;
  reason: string | null;
  messageSentAt: Date | null;
  processingStartedAt: Date | null;
  processingEndedAt: Date | null;
  processingMs: number | null;
  payload: Record<string, unknown> | null;
}

const optionalMs = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .nullish()
  .transform((v) => (v === null || v === undefined ? null : new Date(Number(v))));

const logSchema: z.ZodType<NotificationLogRecord, unknown> = z
  .object({
    _id: z.union([z.string().min(1), z.number()]).transform(String),
    channel: optionalString,
    provider: optionalString,
    providerId: optionalString,
    trigger: optionalString,
    messageId: optionalId,
    reactionId: optionalId,
    sender: optionalString,
    receiver: optionalString,
    receiverType: optionalString,
    member: optionalString,
    reactionSender: optionalString,
    reactionReceiver: optionalString,
    tokenType: optionalString,
    pushToken: optionalString,
    notificationTriggered: optionalBoolean,
    reason: optionalString,
    messageSentAtMS: optionalMs,
    processingStartedAtMS: optionalMs,
    processingEndedAtMS: optionalMs,
    totalProcessingTimeInMS: optionalCount,
    payload: optionalObject,
  })
  .transform((v) => ({
    id: v._id,
    channel: v.channel,
    provider: v.provider,
    providerId: v.providerId,
    trigger: v.trigger,
    messageId: v.messageId,
    reactionId: v.reactionId,
    sender: v.sender,
    receiver: v.receiver,
    receiverType: v.receiverType,
    member: v.member,
    reactionSender: v.reactionSender,
    reactionReceiver: v.reactionReceiver,
    tokenType: v.tokenType,
    pushToken: v.pushToken,
    notificationTriggered: v.notificationTriggered,
    reason: v.reason,
    messageSentAt: v.messageSentAtMS,
    processingStartedAt: v.processingStartedAtMS,
    processingEndedAt: v.processingEndedAtMS,
    processingMs: v.totalProcessingTimeInMS,
    payload: v.payload,
  }));

export interface NotificationLogPage {
  items: NotificationLogRecord[];
  limit: number | null;
}

const logPageSchema: z.ZodType<NotificationLogPage, unknown> = z
  .object({
    data: z.array(logSchema),
    meta: z
      .object({ current: z.object({ limit: count }).nullish() })
      .passthrough()
      .nullish(),
  })
  .transform((v) => ({ items: v.data, limit: v.meta?.current?.limit ?? null }));

/** The documented filters of the log list, as CometChat spells them. */
export interface NotificationLogQuery {
  messageId?: string | undefined;
  reactionId?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  messageCategory?: string | undefined;
  messageType?: string | undefined;
  trigger?: string | undefined;
  sender?: string | undefined;
  reactionSender?: string | undefined;
  receiver?: string | undefined;
  receiverType?: string | undefined;
  reactionReceiver?: string | undefined;
  member?: string | undefined;
  channel?: string | undefined;
  provider?: string | undefined;
  notificationTriggered?: boolean | undefined;
  reason?: string | undefined;
  success?: boolean | undefined;
  affix?: 'append' | 'prepend' | undefined;
  logId?: string | undefined;
  limit?: number | undefined;
}

/** `GET /notifications/v1/logs` with its filters; pages with `affix` and `logId`. */
export function listNotificationLogs(
  client: UpstreamClient,
  query: NotificationLogQuery,
  opts: CallOptions = {},
): Promise<NotificationLogPage> {
  const q: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) q[key] = value;
  }
  return call(client, 'GET', LOGS, logPageSchema, { query: q, ...opts });
}
