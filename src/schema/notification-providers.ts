/**
 * The admin side of notifications: the FCM, Twilio SMS and SendGrid email providers and the custom
 * (webhook) providers of push, SMS and e-mail (read and write), the app's notification settings and the delivery logs. Admin only.
 *
 * Credentials are write-only: the inputs take them, no output type has a field that could show
 * one (only whether it is set, or for a Twilio account SID its last 4 characters), and no check
 * message quotes an input value. See docs/cometchat-tooling-endpoints.md (Notification providers).
 */
import './mutation.js';
import type { ObjectRef } from '@pothos/core';
import { z } from 'zod';
import { ADMIN_NOTE, builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { badUserInput } from '../errors.js';
import { toolingReads } from '../loaders/index.js';
import {
  type ApnsProviderRecord,
  type ApnsProviderWrite,
  addFcmProvider,
  type CustomProviderChannel,
  type CustomProviderRecord,
  deleteApnsProvider,
  deleteFcmProvider,
  type FcmPayloadNotificationRecord,
  type FcmProviderRecord,
  type FcmProviderWrite,
  type FcmServiceAccount,
  hintOf,
  type NotificationEventSettingRecord,
  type NotificationLogRecord,
  type NotificationScope,
  type NotificationSettingsRecord,
  resetNotificationSettings,
  type SendGridProviderRecord,
  setDefaultPushProvider,
  type TwilioProviderRecord,
  updateCustomProvider,
  updateFcmProvider,
  updateNotificationSettings,
  updateSendGridProvider,
  updateTwilioProvider,
  writeApnsProvider,
} from '../upstream/notification-admin.js';
import { connectionComplexity, forwardPageArgs } from './connections.js';
import { costs, lookup, writes } from './cost-rules.js';
import { ConflictFailure, NotFoundFailure, ValidationFailure } from './errors.js';
import { choice, type InputOf, inputObject, kind, flag as onOff } from './input.js';
import { checkChanges, runMutation } from './mutation-support.js';
import { rereadPayload, type Types } from './mutations/fields.js';
import { cursorConnection } from './pagination.js';

const NULL_NOTE = 'Null when it could not be read (the error on this field says why).';

function options(context: GatewayContext) {
  return context.view(null).options;
}

/** The tooling reads, as the app. */
function tooling(context: GatewayContext) {
  return toolingReads(context.upstream, context.view(null));
}

// ---------------------------------------------------------------------------------------------
// Output types

const FcmPlatform = builder.enumType('FcmPlatform', {
  description: 'A platform of the FCM payload options.',
  values: {
    IOS: { value: 'ios', description: 'iOS apps using FCM.' },
    ANDROID: { value: 'android', description: 'Android apps.' },
    WEB: { value: 'web', description: 'Web apps.' },
  } as const,
});

const FcmPayloadNotification = builder
  .objectRef<FcmPayloadNotificationRecord>('FcmPayloadNotification')
  .implement({
    description:
      "Whether FCM pushes to one platform carry FCM's `notification` key (shown by the system), for chat and for call pushes.",
    fields: (t) => ({
      platform: t.field({
        type: FcmPlatform,
        description: 'The platform.',
        resolve: (v) => v.platform,
      }),
      isIncludedInChatPushes: t.exposeBoolean('chat', {
        description: 'Whether chat pushes carry the `notification` key.',
      }),
      isIncludedInCallPushes: t.exposeBoolean('call', {
        description: 'Whether call pushes carry the `notification` key.',
      }),
    }),
  });

export const FcmProvider = builder.objectRef<FcmProviderRecord>('FcmProvider').implement({
  description:
    'A Firebase Cloud Messaging provider of the app. The service account key is write-only: only whether it is set shows.',
  fields: (t) => ({
    providerId: t.exposeString('providerId', {
      description: "The provider's id (the `providerId` devices register push tokens with).",
    }),
    serviceAccountFilename: t.exposeString('serviceAccountFilename', {
      nullable: true,
      description: 'The name of the service account file it was set up with; null when not said.',
    }),
    projectId: t.exposeString('projectId', {
      nullable: true,
      description: 'The Firebase project of the service account; null when CometChat did not say.',
    }),
    clientEmail: t.exposeString('clientEmail', {
      nullable: true,
      description: "The service account's e-mail address; null when CometChat did not say.",
    }),
    hasServiceAccountKey: t.exposeBoolean('hasPrivateKey', {
      description:
        "Whether CometChat's answer carried the service account's private key (never shown).",
    }),
    isDefault: t.exposeBoolean('isDefault', {
      nullable: true,
      description: "Whether it is the app's default FCM provider; null when CometChat did not say.",
    }),
    payloadNotifications: t.field({
      type: [FcmPayloadNotification],
      description: 'Per platform, whether pushes carry the `notification` key.',
      resolve: (v) => v.payloadNotifications,
    }),
  }),
});

export const TwilioSmsProvider = builder
  .objectRef<TwilioProviderRecord>('TwilioSmsProvider')
  .implement({
    description:
      "The Twilio account CometChat sends SMS notifications through. The account SID and auth token are write-only: the SID's last 4 characters show.",
    fields: (t) => ({
      isConfigured: t.boolean({
        description: 'Whether both the account SID and the auth token are set.',
        resolve: (v) => v.accountSidHint !== null && v.hasAuthToken,
      }),
      accountSidHint: t.exposeString('accountSidHint', {
        nullable: true,
        description: "The account SID's last 4 characters (`…abcd`); null when none is set.",
      }),
      hasAuthToken: t.exposeBoolean('hasAuthToken', {
        description: 'Whether an auth token is set (never shown).',
      }),
      senderPhoneNumber: t.exposeString('senderPhoneNumber', {
        nullable: true,
        description: 'The number SMS are sent from; null when not set.',
      }),
      isEnabled: t.exposeBoolean('isEnabled', {
        nullable: true,
        description: 'Whether the provider is enabled; null when CometChat did not say.',
      }),
    }),
  });

export const SendGridEmailProvider = builder
  .objectRef<SendGridProviderRecord>('SendGridEmailProvider')
  .implement({
    description:
      'The SendGrid account CometChat sends e-mail notifications through. The API key is write-only.',
    fields: (t) => ({
      isConfigured: t.exposeBoolean('hasApiKey', {
        description: 'Whether an API key is set.',
      }),
      hasApiKey: t.exposeBoolean('hasApiKey', {
        description: 'Whether an API key is set (never shown).',
      }),
      templateId: t.exposeString('templateId', {
        nullable: true,
        description: 'The SendGrid template id; null when not set.',
      }),
      unsubscribeGroupId: t.exposeString('unsubscribeGroupId', {
        nullable: true,
        description: 'The SendGrid unsubscribe group id; null when not set.',
      }),
      senderEmail: t.exposeString('senderEmail', {
        nullable: true,
        description: 'The sender address; null when not set.',
      }),
      senderName: t.exposeString('senderName', {
        nullable: true,
        description: 'The sender name; null when not set.',
      }),
      isEmailReplyAllowed: t.exposeBoolean('allowEmailReplies', {
        nullable: true,
        description: 'Whether recipients may reply by e-mail; null when not set.',
      }),
      senderEmailForReplies: t.exposeString('senderEmailForReplies', {
        nullable: true,
        description: 'The address replies go to; null when not set.',
      }),
      isEnabled: t.exposeBoolean('isEnabled', {
        nullable: true,
        description: 'Whether the provider is enabled; null when CometChat did not say.',
      }),
    }),
  });

const NotificationProviders = builder.objectRef<object>('NotificationProviders').implement({
  description: `The app's notification providers, each read with its own upstream call when selected. ${ADMIN_NOTE}`,
  fields: (t) => ({
    fcmProviders: t.field({
      type: [FcmProvider],
      nullable: true,
      description: `The FCM providers (\`GET /notifications/push/v1/providers/fcm\`). ${NULL_NOTE}`,
      resolve: (_root, _args, context) => tooling(context).fcmProviders(),
    }),
    twilioSmsProvider: t.field({
      type: TwilioSmsProvider,
      nullable: true,
      description: `The Twilio SMS provider. ${NULL_NOTE}`,
      resolve: (_root, _args, context) => tooling(context).twilioProvider(),
    }),
    sendGridEmailProvider: t.field({
      type: SendGridEmailProvider,
      nullable: true,
      description: `The SendGrid e-mail provider. ${NULL_NOTE}`,
      resolve: (_root, _args, context) => tooling(context).sendGridProvider(),
    }),
  }),
});

const NotificationSettingScope = builder.enumType('NotificationSettingScope', {
  description: 'Which events a notification setting is about.',
  values: {
    ONE_ON_ONE: { value: 'oneOnOne', description: 'Events of 1:1 conversations.' },
    GROUP: { value: 'group', description: 'Events of group conversations.' },
    CALL: { value: 'call', description: 'Call events.' },
  } as const,
});

const NotificationEventSetting = builder
  .objectRef<NotificationEventSettingRecord>('NotificationEventSetting')
  .implement({
    description:
      "The app-wide notification setting of one event: CometChat's `<event>Setting` value and `<event>Override` flag.",
    fields: (t) => ({
      scope: t.field({
        type: NotificationSettingScope,
        description: 'Which events it is about.',
        resolve: (v) => v.scope,
      }),
      event: t.exposeString('event', {
        description:
          'The event, as CometChat names it (e.g. `messages`, `memberJoined`, `initiated`).',
      }),
      value: t.exposeInt('value', {
        nullable: true,
        description:
          "CometChat's setting value for the event, passed on as is (its examples use 1 and 2); null when not set.",
      }),
      isUserOverridable: t.exposeBoolean('override', {
        nullable: true,
        description:
          'Whether users may override the setting with their own preferences; null when CometChat has no such flag for the event.',
      }),
    }),
  });

const NotificationSettings = builder
  .objectRef<NotificationSettingsRecord>('NotificationSettings')
  .implement({
    description: "The app's notification settings (`/notifications/v1/settings`).",
    fields: (t) => ({
      events: t.field({
        type: [NotificationEventSetting],
        description: 'The per-event settings of 1:1, group and call events.',
        resolve: (v) => v.events,
      }),
      isMentionBypassingPreferences: t.exposeBoolean('bypassPreferencesForMentions', {
        nullable: true,
        description:
          'Whether mentions notify users despite their preferences (`bypassPreferencesForMentions`); null when not said.',
      }),
      document: t.expose('document', {
        type: 'JSONObject',
        description:
          'The whole settings document as CometChat answered it (mute schedule, e-mail, SMS and push options, templates and sounds included).',
      }),
    }),
  });

const NotificationLog = builder.objectRef<NotificationLogRecord>('NotificationLog').implement({
  description:
    "One delivery attempt of a notification, from CometChat's notification logs. The device push token shows masked.",
  fields: (t) => ({
    logId: t.exposeString('id', { description: "The log entry's id." }),
    channel: t.exposeString('channel', {
      nullable: true,
      description: '`push`, `email` or `sms` (an open set); null when not said.',
    }),
    provider: t.exposeString('provider', {
      nullable: true,
      description:
        '`fcm`, `apns`, `sendgrid`, `twilio` or `custom` (an open set); null when not said.',
    }),
    providerId: t.exposeString('providerId', {
      nullable: true,
      description: 'The id of the push provider used; null when not said.',
    }),
    trigger: t.exposeString('trigger', {
      nullable: true,
      description:
        'The event that caused it, e.g. `after_message` (an open set); null when not said.',
    }),
    messageId: t.exposeString('messageId', {
      nullable: true,
      description: "The message's CometChat id; null when not about a message.",
    }),
    reactionId: t.exposeString('reactionId', {
      nullable: true,
      description: 'The reaction id, for reaction notifications; null otherwise.',
    }),
    senderUid: t.exposeString('sender', {
      nullable: true,
      description: 'The uid of the message sender; null when not said.',
    }),
    receiverId: t.exposeString('receiver', {
      nullable: true,
      description: 'The uid or guid the message went to; null when not said.',
    }),
    receiverType: t.exposeString('receiverType', {
      nullable: true,
      description: '`user` or `group`; null when not said.',
    }),
    memberUid: t.exposeString('member', {
      nullable: true,
      description: 'For a group message, the member who was notified; null otherwise.',
    }),
    reactionSenderUid: t.exposeString('reactionSender', {
      nullable: true,
      description: 'Who reacted, for reaction notifications; null otherwise.',
    }),
    reactionReceiverUid: t.exposeString('reactionReceiver', {
      nullable: true,
      description: 'Who was notified of a reaction; null otherwise.',
    }),
    tokenType: t.exposeString('tokenType', {
      nullable: true,
      description: 'The kind of push token, e.g. `apns_ios_device`; null when not said.',
    }),
    pushTokenHint: t.string({
      nullable: true,
      description: "The device push token's last 4 characters (`…abcd`); null when none.",
      resolve: (v) => hintOf(v.pushToken),
    }),
    isNotificationTriggered: t.exposeBoolean('notificationTriggered', {
      nullable: true,
      description: 'Whether a notification was sent; null when not said.',
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'Why none was sent, e.g. `MUTE_PREFERENCE` (an open set); null when not said.',
    }),
    messageSentAt: t.expose('messageSentAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the message was sent; null when not said.',
    }),
    processingStartedAt: t.expose('processingStartedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When CometChat started processing it; null when not said.',
    }),
    processingEndedAt: t.expose('processingEndedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When CometChat finished processing it; null when not said.',
    }),
    processingMilliseconds: t.exposeInt('processingMs', {
      nullable: true,
      description: 'How long processing took, in milliseconds; null when not said.',
    }),
    payload: t.expose('payload', {
      type: 'JSONObject',
      nullable: true,
      description: 'The payload handed to the provider; null when not said.',
    }),
  }),
});

const NotificationLogConnection = builder.connectionObject(
  {
    name: 'NotificationLogConnection',
    type: NotificationLog,
    description: 'A page of notification delivery logs.',
  },
  { name: 'NotificationLogEdge', description: 'A log entry with its cursor.' },
);

const NotificationChannel = builder.enumType('NotificationChannel', {
  description: 'A notification channel.',
  values: {
    PUSH: { value: 'push', description: 'Push notifications.' },
    EMAIL: { value: 'email', description: 'E-mail notifications.' },
    SMS: { value: 'sms', description: 'SMS notifications.' },
  } as const,
});

const NotificationProviderKind = builder.enumType('NotificationProviderKind', {
  description: 'A kind of notification provider.',
  values: {
    FCM: { value: 'fcm', description: 'Firebase Cloud Messaging.' },
    APNS: { value: 'apns', description: 'Apple Push Notification service.' },
    SENDGRID: { value: 'sendgrid', description: 'SendGrid (e-mail).' },
    TWILIO: { value: 'twilio', description: 'Twilio (SMS).' },
    CUSTOM: { value: 'custom', description: 'A custom provider (a webhook).' },
  } as const,
});

const TRIGGERS = [
  'after_message',
  'message_deleted',
  'message_edited',
  'message_reaction_added',
  'initiated',
  'rejected',
  'cancelled',
  'unanswered',
  'after_group_joined',
  'after_group_left',
  'after_group_members_added',
  'after_group_members_kicked',
  'after_group_members_banned',
  'after_group_members_unbanned',
  'after_scope_changed',
] as const;

const NotificationTrigger = builder.enumType('NotificationTrigger', {
  description: 'The events CometChat documents as triggering notifications.',
  values: Object.fromEntries(
    TRIGGERS.map((value) => [
      value.toUpperCase(),
      { value, description: `CometChat's \`${value}\` trigger.` },
    ]),
  ) as Record<
    Uppercase<(typeof TRIGGERS)[number]>,
    { value: (typeof TRIGGERS)[number]; description: string }
  >,
});

const NotificationReceiverType = builder.enumType('NotificationReceiverType', {
  description: 'Whether a message went to a user or a group.',
  values: {
    USER: { value: 'user', description: 'A 1:1 message.' },
    GROUP: { value: 'group', description: 'A group message.' },
  } as const,
});

const NotificationLogFilter = builder.inputType('NotificationLogFilter', {
  description: "Filters of the notification logs (CometChat's documented filters); all must match.",
  fields: (t) => ({
    messageId: t.string({ description: 'Only logs of this message (its CometChat id).' }),
    reactionId: t.string({ description: 'Only logs of this reaction.' }),
    messageSentAfter: t.field({
      type: 'DateTime',
      description: 'Only messages sent after this time (`from`).',
    }),
    messageSentBefore: t.field({
      type: 'DateTime',
      description: 'Only messages sent before this time (`to`).',
    }),
    messageCategory: t.string({
      description: 'Only this message category (`message`, `interactive`).',
    }),
    messageType: t.string({ description: 'Only this message type (e.g. `text`).' }),
    trigger: t.field({ type: NotificationTrigger, description: 'Only this trigger.' }),
    senderUid: t.string({ description: 'Only messages from this user.' }),
    reactionSenderUid: t.string({ description: 'Only reactions by this user.' }),
    receiverId: t.string({ description: 'Only messages to this uid or guid.' }),
    receiverType: t.field({
      type: NotificationReceiverType,
      description: 'Only 1:1 or only group messages.',
    }),
    reactionReceiverUid: t.string({ description: 'Only reactions notified to this user.' }),
    memberUid: t.string({ description: 'Only this notified group member.' }),
    channel: t.field({ type: NotificationChannel, description: 'Only this channel.' }),
    provider: t.field({ type: NotificationProviderKind, description: 'Only this provider.' }),
    isNotificationTriggered: t.boolean({
      description: 'Only logs where a notification was (or was not) sent.',
    }),
    reason: t.string({ description: 'Only this reason (e.g. `MUTE_PREFERENCE`).' }),
    isSuccessful: t.boolean({
      description: "Only successful (or failed) deliveries (CometChat's `success`).",
    }),
  }),
});

const FILTER_TEXT_MAX = 250;

builder.queryFields((t) => ({
  notificationProviders: t.field({
    type: NotificationProviders,
    nullable: true,
    description: `The app's notification providers (FCM, custom push, Twilio SMS, SendGrid e-mail); credentials never show. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    resolve: () => ({}),
  }),
  notificationSettings: t.field({
    type: NotificationSettings,
    nullable: true,
    description: `The app's notification settings (\`GET /notifications/v1/settings\`). ${ADMIN_NOTE} ${NULL_NOTE}`,
    authScopes: { admin: true },
    resolve: (_root, _args, context) => tooling(context).notificationSettings(),
  }),
  notificationLogs: t.field({
    type: NotificationLogConnection,
    nullable: true,
    description: `Notification delivery logs (\`GET /notifications/v1/logs\`), in CometChat's order; one upstream call per page. ${ADMIN_NOTE} ${NULL_NOTE}`,
    authScopes: { admin: true },
    args: {
      ...forwardPageArgs('log entries'),
      filter: t.arg({
        type: NotificationLogFilter,
        description: 'Only the logs matching every filter given.',
      }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      const f = args.filter ?? {};
      const text = (name: string, value: string | null | undefined): string | undefined => {
        if (value === null || value === undefined) return undefined;
        const trimmed = value.trim();
        if (trimmed === '' || trimmed.length > FILTER_TEXT_MAX) {
          throw badUserInput(`\`filter.${name}\` must be 1 to ${FILTER_TEXT_MAX} characters.`);
        }
        return trimmed;
      };
      const from = f.messageSentAfter?.getTime();
      const to = f.messageSentBefore?.getTime();
      if (from !== undefined && to !== undefined && to < from) {
        throw badUserInput('`filter.messageSentBefore` must not be before `messageSentAfter`.');
      }
      const messageId = text('messageId', f.messageId);
      if (messageId !== undefined && !/^[1-9][0-9]{0,18}$/.test(messageId)) {
        throw badUserInput('`filter.messageId` is not a message id.');
      }
      const query = {
        messageId,
        reactionId: text('reactionId', f.reactionId),
        from,
        to,
        messageCategory: text('messageCategory', f.messageCategory),
        messageType: text('messageType', f.messageType),
        trigger: f.trigger ?? undefined,
        sender: text('senderUid', f.senderUid)?.toLowerCase(),
        reactionSender: text('reactionSenderUid', f.reactionSenderUid)?.toLowerCase(),
        receiver: text('receiverId', f.receiverId)?.toLowerCase(),
        receiverType: f.receiverType ?? undefined,
        reactionReceiver: text('reactionReceiverUid', f.reactionReceiverUid)?.toLowerCase(),
        member: text('memberUid', f.memberUid)?.toLowerCase(),
        channel: f.channel ?? undefined,
        provider: f.provider ?? undefined,
        notificationTriggered: f.isNotificationTriggered ?? undefined,
        reason: text('reason', f.reason),
        success: f.isSuccessful ?? undefined,
      };
      return cursorConnection(
        args,
        async (q) => {
          const page = await tooling(context).notificationLogs({
            ...query,
            ...(q.id !== null ? { affix: q.affix, logId: q.id } : {}),
            limit: q.limit,
          });
          return {
            items: page.items,
            limit: page.limit ?? q.limit,
            count: page.items.length,
            next: null,
            previous: null,
          };
        },
        { key: 'notificationLogs', idOf: (log) => log.id },
      );
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// Inputs (no message quotes a value: credentials pass through here)

const MAX_SERVICE_ACCOUNT_CHARS = 20_000;
const SECRET_MAX = 500;
const MAX_WEBHOOK_URL = 2048;
const MAX_EMAIL = 254;

const providerIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_.-]+$/, 'may hold only letters, digits, "_", "." and "-"');
/** A push provider's id. */
const providerId = kind('String', providerIdSchema, '1 to 100 letters, digits, "_", "." or "-".');

const secretSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(SECRET_MAX, `must be at most ${SECRET_MAX} characters`);
/** A credential: write-only, never in an answer or an error message. */
const secret = kind('String', secretSchema, `1 to ${SECRET_MAX} characters.`);

const plainText = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
/** A text of 1 to `max` characters. */
const shortText = (max: number) => kind('String', plainText(max), `1 to ${max} characters.`);

const httpsUrl = kind(
  'String',
  z
    .string()
    .trim()
    .max(MAX_WEBHOOK_URL, `must be at most ${MAX_WEBHOOK_URL} characters`)
    .refine(
      (value) => {
        try {
          return new URL(value).protocol === 'https:';
        } catch {
          return false;
        }
      },
      { message: 'must be an https URL (CometChat requires HTTPS webhooks)' },
    ),
  `An https URL of at most ${MAX_WEBHOOK_URL.toLocaleString('en')} characters.`,
);

const email = kind(
  'String',
  z
    .string()
    .trim()
    .max(MAX_EMAIL, `must be at most ${MAX_EMAIL} characters`)
    .email('is not an e-mail address'),
  `An e-mail address of at most ${MAX_EMAIL} characters.`,
);

const serviceAccount = kind(
  'String',
  z
    .string()
    .max(MAX_SERVICE_ACCOUNT_CHARS, `must be at most ${MAX_SERVICE_ACCOUNT_CHARS} characters`)
    .transform((text, ctx): FcmServiceAccount => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not JSON (the service account file content)' });
        return z.NEVER;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
      const account = parsed as Record<string, unknown>;
      const missing = ['project_id', 'client_email', 'private_key', 'private_key_id'].filter(
        (key) => typeof account[key] !== 'string' || (account[key] as string).trim() === '',
      );
      if (missing.length > 0) {
        ctx.addIssue({ code: 'custom', message: `lacks ${missing.join(', ')}` });
        return z.NEVER;
      }
      return {
        project_id: account.project_id as string,
        client_email: account.client_email as string,
        private_key: account.private_key as string,
        private_key_id: account.private_key_id as string,
      };
    }),
  `A JSON object with \`project_id\`, \`client_email\`, \`private_key\` and \`private_key_id\`, at most ${MAX_SERVICE_ACCOUNT_CHARS.toLocaleString('en')} characters.`,
);

const PayloadNotificationInput = inputObject('FcmPayloadNotificationInput', {
  description: "Whether FCM pushes to one platform carry FCM's `notification` key.",
  fields: {
    platform: choice(FcmPlatform).required('The platform.'),
    isIncludedInChatPushes: onOff.required('For chat pushes.'),
    isIncludedInCallPushes: onOff.required('For call pushes.'),
  },
});

const payloadNotifications = kind(
  [PayloadNotificationInput.ref],
  z
    .array(PayloadNotificationInput.schema)
    .max(3, 'at most one entry per platform')
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.platform)) {
          ctx.addIssue({
            code: 'custom',
            message: 'names a platform twice',
            path: [index, 'platform'],
          });
        }
        seen.add(item.platform);
      });
    }),
  'At most one entry per platform.',
);

const fcmFields = {
  serviceAccountFilename: shortText(255).optional("The file's name."),
  payloadNotifications: payloadNotifications.optional(
    'Per platform, whether pushes carry the `notification` key.',
  ),
};

const FcmProviderAdd = inputObject('FcmProviderAddInput', {
  description: 'A new FCM provider. The service account is write-only: no answer shows it.',
  fields: {
    providerId: providerId.required('Its id.'),
    serviceAccountJson: serviceAccount.required(
      "The Firebase service account JSON file's content.",
    ),
    ...fcmFields,
  },
});

const FcmProviderUpdate = inputObject('FcmProviderUpdateInput', {
  description: 'Changes to an FCM provider; omitted fields stay. At least one change is required.',
  fields: {
    providerId: providerId.required('The id of the provider to change.'),
    serviceAccountJson: serviceAccount.optional(
      'A new service account JSON file content (write-only).',
    ),
    ...fcmFields,
    serviceAccountFilename: shortText(255).optional("The new file's name."),
  },
  check: (input, ctx) => checkChanges(input, 'providerId', ctx),
});

const TwilioSmsProviderUpdate = inputObject('TwilioSmsProviderUpdateInput', {
  description:
    'Changes to the Twilio SMS provider; omitted fields stay. At least one change is required. The SID and token are write-only.',
  fields: {
    accountSid: secret.optional('The Twilio account SID (write-only).'),
    authToken: secret.optional('The Twilio auth token (write-only).'),
    senderPhoneNumber: kind(
      'String',
      z
        .string()
        .trim()
        .regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 number such as +14155550100'),
      'A "+", the country code and the number: 2 to 15 digits in all.',
    ).optional('The number to send from, E.164 (e.g. +14155550100).'),
    isEnabled: onOff.optional('Enable or disable the provider.'),
  },
  check: (input, ctx) => checkChanges(input, '', ctx),
});

const SendGridEmailProviderUpdate = inputObject('SendGridEmailProviderUpdateInput', {
  description:
    'Changes to the SendGrid e-mail provider; omitted fields stay. At least one change is required. The API key is write-only.',
  fields: {
    apiKey: secret.optional('The SendGrid API key (write-only).'),
    templateId: shortText(255).optional('The SendGrid template id.'),
    unsubscribeGroupId: shortText(100).optional('The SendGrid unsubscribe group id.'),
    senderName: shortText(255).optional('The sender name.'),
    senderEmail: email.optional('The sender address.'),
    isEmailReplyAllowed: onOff.optional('Whether recipients may reply by e-mail.'),
    senderEmailForReplies: email.optional('The address replies go to.'),
    isEnabled: onOff.optional('Enable or disable the provider.'),
  },
  check: (input, ctx) => checkChanges(input, '', ctx),
});

/** The events CometChat's settings document has per scope, and whether each has an override flag. */
const EVENTS: Record<NotificationScope, Record<string, boolean>> = {
  oneOnOne: {
    messages: true,
    replies: true,
    reactions: true,
    messageEdited: false,
    messageDeleted: false,
  },
  group: {
    messages: true,
    replies: true,
    reactions: true,
    messageEdited: false,
    messageDeleted: false,
    memberLeft: true,
    memberAdded: true,
    memberJoined: true,
    memberKicked: true,
    memberBanned: true,
    memberUnbanned: true,
    memberScopeChanged: true,
  },
  call: {
    initiated: true,
    ongoing: true,
    cancelled: true,
    rejected: true,
    unanswered: true,
    busy: true,
    ended: true,
  },
};
const MAX_SETTING_VALUE = 9;

const EventSettingInput = inputObject('NotificationEventSettingInput', {
  description:
    'A change to the setting of one event; at least one of `value` and `isUserOverridable`.',
  fields: {
    scope: choice(NotificationSettingScope).required('Which events.'),
    event: kind('String', z.string().trim()).required(
      'The event, as CometChat names it (e.g. `messages`, `memberJoined`, `initiated`).',
    ),
    value: kind(
      'Int',
      z
        .number()
        .int('must be a whole number')
        .min(0, 'must not be negative')
        .max(MAX_SETTING_VALUE, `must be at most ${MAX_SETTING_VALUE}`),
      `0 to ${MAX_SETTING_VALUE}.`,
    ).optional("CometChat's setting value (its examples use 1 and 2)."),
    isUserOverridable: onOff.optional('Whether users may override it.'),
  },
});

/** The most event changes one call takes. */
const MAX_EVENT_CHANGES = 50;

const NotificationSettingsUpdate = inputObject('NotificationSettingsUpdateInput', {
  description:
    'Changes to the notification settings; only what is given changes. At least one change, or `isReset` alone.',
  fields: {
    events: kind(
      [EventSettingInput.ref],
      z
        .array(EventSettingInput.schema)
        .max(MAX_EVENT_CHANGES, `at most ${MAX_EVENT_CHANGES} events per call`)
        .superRefine((items, ctx) => {
          const seen = new Set<string>();
          items.forEach((item, index) => {
            const events = EVENTS[item.scope];
            const hasOverride = events[item.event];
            if (hasOverride === undefined) {
              ctx.addIssue({
                code: 'custom',
                message: `is not a ${item.scope} event (${Object.keys(events).join(', ')})`,
                path: [index, 'event'],
              });
              return;
            }
            if (item.value === undefined && item.isUserOverridable === undefined) {
              ctx.addIssue({
                code: 'custom',
                message: 'changes nothing: give `value` or `isUserOverridable`',
                path: [index],
              });
            }
            if (item.isUserOverridable !== undefined && !hasOverride) {
              ctx.addIssue({
                code: 'custom',
                message: 'CometChat has no override flag for this event',
                path: [index, 'isUserOverridable'],
              });
            }
            const key = `${item.scope}.${item.event}`;
            if (seen.has(key)) {
              ctx.addIssue({
                code: 'custom',
                message: 'names this event twice',
                path: [index, 'event'],
              });
            }
            seen.add(key);
          });
        }),
      `At most ${MAX_EVENT_CHANGES} events, each named once.`,
    ).optional('Per-event changes.'),
    isMentionBypassingPreferences: onOff.optional(
      'Whether mentions notify users despite their preferences.',
    ),
    isReset: onOff.optional(
      "Put every setting back to CometChat's defaults (`DELETE /notifications/v1/settings`). Given alone: one write per call.",
    ),
  },
  check: ({ isReset, ...changes }, ctx) => {
    const changing = Object.values(changes).some((value) => value !== undefined);
    if (isReset === true && changing) {
      ctx.addIssue({
        code: 'custom',
        path: ['isReset'],
        message: 'resets every setting: give it alone, then change what you need',
      });
    } else if (isReset !== true) {
      checkChanges(changes, '', ctx);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Mutations

const FcmProviderPayloadFields = (name: string, description: string) =>
  builder.objectRef<{ providerId: string }>(name).implement({
    description,
    fields: (t) => ({
      fcmProvider: t.field({
        type: FcmProvider,
        nullable: true,
        description:
          'The provider as CometChat lists it now (one more upstream call); null when it is not listed.',
        resolve: async (v, _args, context) =>
          (await tooling(context).fcmProviders()).find((p) => p.providerId === v.providerId) ??
          null,
      }),
    }),
  });

const FcmProviderAddPayload = FcmProviderPayloadFields(
  'FcmProviderAddPayload',
  'The added provider.',
);
const FcmProviderUpdatePayload = FcmProviderPayloadFields(
  'FcmProviderUpdatePayload',
  'The changed provider.',
);
const REREAD = 'as CometChat holds it now (one more upstream call).';

const TwilioSmsProviderUpdatePayload = rereadPayload(
  'TwilioSmsProviderUpdatePayload',
  'The Twilio SMS provider after the change.',
  {
    name: 'twilioSmsProvider',
    type: TwilioSmsProvider,
    description: `The provider ${REREAD} ${NULL_NOTE}`,
    read: (context) => tooling(context).twilioProvider(),
  },
);

const SendGridEmailProviderUpdatePayload = rereadPayload(
  'SendGridEmailProviderUpdatePayload',
  'The SendGrid e-mail provider after the change.',
  {
    name: 'sendGridEmailProvider',
    type: SendGridEmailProvider,
    description: `The provider ${REREAD} ${NULL_NOTE}`,
    read: (context) => tooling(context).sendGridProvider(),
  },
);

const NotificationSettingsUpdatePayload = rereadPayload(
  'NotificationSettingsUpdatePayload',
  'The notification settings after the change.',
  {
    name: 'notificationSettings',
    type: NotificationSettings,
    description: `The settings as CometChat holds them now (one more upstream call). ${NULL_NOTE}`,
    read: (context) => tooling(context).notificationSettings(),
  },
);

function fcmBody(
  providerId: string,
  input: {
    serviceAccountJson?: FcmServiceAccount | undefined;
    serviceAccountFilename?: string | undefined;
    payloadNotifications?: InputOf<typeof PayloadNotificationInput>[] | undefined;
  },
): FcmProviderWrite {
  const body: FcmProviderWrite = { providerId };
  if (input.serviceAccountJson !== undefined) body.serviceAccountCreds = input.serviceAccountJson;
  if (input.serviceAccountFilename !== undefined) {
    body.serviceAccountFilename = input.serviceAccountFilename;
  }
  if (input.payloadNotifications !== undefined) {
    body.notificationInPayload = Object.fromEntries(
      input.payloadNotifications.map((p) => [
        p.platform,
        { chat: p.isIncludedInChatPushes, call: p.isIncludedInCallPushes },
      ]),
    );
  }
  return body;
}

const FCM_FIELDS = {
  serviceAccountCreds: ['serviceAccountJson'],
  providerId: ['providerId'],
  serviceAccountFilename: ['serviceAccountFilename'],
  notificationInPayload: ['payloadNotifications'],
};

builder.mutationFields((t) => ({
  fcmProviderAdd: t.field({
    type: FcmProviderAddPayload,
    nullable: true,
    description: `Adds an FCM provider (\`POST /notifications/push/v1/providers/fcm\`). A taken id is a ConflictError. ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: [ValidationFailure, ConflictFailure],
      union: { description: 'The added provider, or why it was not added.' },
    },
    args: {
      input: t.arg({ type: FcmProviderAdd.ref, required: true, description: 'The provider.' }),
    },
    resolve: async (_root, args, context) => {
      const input = FcmProviderAdd.parse(args.input);
      await runMutation(
        context,
        () => addFcmProvider(context.upstream, fcmBody(input.providerId, input), options(context)),
        { targetPath: ['providerId'], fieldMap: FCM_FIELDS },
      );
      return { providerId: input.providerId };
    },
  }),
  fcmProviderUpdate: t.field({
    type: FcmProviderUpdatePayload,
    nullable: true,
    description: `Changes an FCM provider (\`PUT /notifications/push/v1/providers/fcm\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed provider, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: FcmProviderUpdate.ref, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const input = FcmProviderUpdate.parse(args.input);
      await runMutation(
        context,
        () =>
          updateFcmProvider(context.upstream, fcmBody(input.providerId, input), options(context)),
        { targetPath: ['providerId'], fieldMap: FCM_FIELDS },
      );
      return { providerId: input.providerId };
    },
  }),
  twilioSmsProviderUpdate: t.field({
    type: TwilioSmsProviderUpdatePayload,
    nullable: true,
    description: `Sets up or changes the Twilio SMS provider (\`PUT /notifications/sms/v1/providers/twilio\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: [ValidationFailure],
      union: { description: 'The provider, or why it was not changed.' },
    },
    args: {
      input: t.arg({
        type: TwilioSmsProviderUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = TwilioSmsProviderUpdate.parse(args.input);
      await runMutation(
        context,
        () =>
          updateTwilioProvider(
            context.upstream,
            {
              twilioAccountSID: input.accountSid,
              twilioAuthToken: input.authToken,
              twilioSenderPhoneNumber: input.senderPhoneNumber,
              isEnabled: input.isEnabled,
            },
            options(context),
          ),
        {
          fieldMap: {
            twilioAccountSID: ['accountSid'],
            twilioAuthToken: ['authToken'],
            twilioSenderPhoneNumber: ['senderPhoneNumber'],
            isEnabled: ['isEnabled'],
          },
        },
      );
      return {};
    },
  }),
  sendGridEmailProviderUpdate: t.field({
    type: SendGridEmailProviderUpdatePayload,
    nullable: true,
    description: `Sets up or changes the SendGrid e-mail provider (\`PUT /notifications/email/v1/providers/sendgrid\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: [ValidationFailure],
      union: { description: 'The provider, or why it was not changed.' },
    },
    args: {
      input: t.arg({
        type: SendGridEmailProviderUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = SendGridEmailProviderUpdate.parse(args.input);
      await runMutation(
        context,
        () =>
          updateSendGridProvider(
            context.upstream,
            {
              sendGridApiKey: input.apiKey,
              sendGridTemplateID: input.templateId,
              sendGridUnsubscribeGroupID: input.unsubscribeGroupId,
              senderName: input.senderName,
              senderEmail: input.senderEmail,
              allowEmailReplies: input.isEmailReplyAllowed,
              senderEmailForReplies: input.senderEmailForReplies,
              isEnabled: input.isEnabled,
            },
            options(context),
          ),
        {
          fieldMap: {
            sendGridApiKey: ['apiKey'],
            sendGridTemplateID: ['templateId'],
            sendGridUnsubscribeGroupID: ['unsubscribeGroupId'],
            allowEmailReplies: ['isEmailReplyAllowed'],
          },
        },
      );
      return {};
    },
  }),
  notificationSettingsUpdate: t.field({
    type: NotificationSettingsUpdatePayload,
    nullable: true,
    description: `Changes the app's notification settings (\`PATCH /notifications/v1/settings\`); only what is given changes. With \`isReset\`, puts them back to CometChat's defaults instead (\`DELETE /notifications/v1/settings\`). ${ADMIN_NOTE}`,
    authScopes: { admin: true },
    errors: {
      types: [ValidationFailure],
      union: { description: 'The settings, or why they were not changed.' },
    },
    args: {
      input: t.arg({
        type: NotificationSettingsUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = NotificationSettingsUpdate.parse(args.input);
      if (input.isReset === true) {
        await runMutation(context, () =>
          resetNotificationSettings(context.upstream, options(context)),
        );
        return {};
      }
      const preferences: Record<string, Record<string, unknown> | boolean> = {};
      for (const item of input.events ?? []) {
        const existing = preferences[item.scope];
        const block: Record<string, unknown> = typeof existing === 'object' ? existing : {};
        preferences[item.scope] = block;
        if (item.value !== undefined) block[`${item.event}Setting`] = item.value;
        if (item.isUserOverridable !== undefined) {
          block[`${item.event}Override`] = item.isUserOverridable;
        }
      }
      if (input.isMentionBypassingPreferences !== undefined) {
        preferences.bypassPreferencesForMentions = input.isMentionBypassingPreferences;
      }
      await runMutation(
        context,
        () => updateNotificationSettings(context.upstream, { preferences }, options(context)),
        { fieldMap: { preferences: ['events'] } },
      );
      return {};
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// Custom (webhook) providers of push, SMS and e-mail: one type, input, payload and mutation each

interface CustomChannel {
  channel: CustomProviderChannel;
  /** `Custom…Provider`, the type's name; its field and mutation are named after it. */
  type: string;
  field: string;
  /** `custom push provider`, as descriptions name it. */
  label: string;
  what: string;
  path: string;
  /** The SMS and e-mail flag: only users whose contact detail CometChat stores are notified. */
  storedContact: { field: string; wire: string; detail: string } | null;
}

const CUSTOM_CHANNELS: readonly CustomChannel[] = [
  {
    channel: 'push',
    type: 'CustomPushProvider',
    field: 'customPushProvider',
    label: 'custom push provider',
    what: 'push payload',
    path: '/notifications/push/v1/providers/custom',
    storedContact: null,
  },
  {
    channel: 'sms',
    type: 'CustomSmsProvider',
    field: 'customSmsProvider',
    label: 'custom SMS provider',
    what: 'SMS notification payload (instead of Twilio)',
    path: '/notifications/sms/v1/providers/custom',
    storedContact: {
      field: 'isStoredPhoneNumberRequired',
      wire: 'useStoredPhNo',
      detail: 'phone number',
    },
  },
  {
    channel: 'email',
    type: 'CustomEmailProvider',
    field: 'customEmailProvider',
    label: 'custom e-mail provider',
    what: 'e-mail notification payload (instead of SendGrid)',
    path: '/notifications/email/v1/providers/custom',
    storedContact: {
      field: 'isStoredEmailRequired',
      wire: 'useStoredEmailID',
      detail: 'e-mail address',
    },
  },
];

const customFields = {
  isEnabled: onOff.optional('Enable or disable the provider.'),
  webhookUrl: httpsUrl.optional('The https webhook URL.'),
  isBasicAuthUsed: onOff.optional('Whether to send basic-auth credentials.'),
  basicAuthUsername: shortText(255).optional('The basic-auth user name.'),
  basicAuthPassword: secret.optional('The basic-auth password (write-only).'),
};

for (const spec of CUSTOM_CHANNELS) {
  const flag = spec.storedContact;
  const type = builder.objectRef<CustomProviderRecord>(spec.type).implement({
    description: `The ${spec.label}: a webhook CometChat posts each ${spec.what} to. The basic-auth password is write-only.`,
    fields: (t) => ({
      isConfigured: t.boolean({
        description: 'Whether a webhook URL is set.',
        resolve: (v) => v.webhookUrl !== null,
      }),
      isEnabled: t.exposeBoolean('isEnabled', {
        nullable: true,
        description: 'Whether the provider is enabled; null when not set.',
      }),
      webhookUrl: t.exposeString('webhookUrl', {
        nullable: true,
        description: 'The webhook URL; null when not set.',
      }),
      isBasicAuthUsed: t.exposeBoolean('useBasicAuth', {
        nullable: true,
        description:
          'Whether CometChat sends basic-auth credentials to the webhook; null when not set.',
      }),
      basicAuthUsername: t.exposeString('basicAuthUsername', {
        nullable: true,
        description: 'The basic-auth user name; null when not set.',
      }),
      hasBasicAuthPassword: t.exposeBoolean('hasBasicAuthPassword', {
        description: 'Whether a basic-auth password is set (never shown).',
      }),
      ...(flag === null
        ? {}
        : {
            [flag.field]: t.exposeBoolean('useStoredContact', {
              nullable: true,
              description: `Whether the webhook is called only for users whose ${flag.detail} CometChat stores (\`${flag.wire}\`); null when not set.`,
            }),
          }),
    }),
  });

  builder.objectField(NotificationProviders, spec.field, (t) =>
    t.field({
      type,
      nullable: true,
      description: `The ${spec.label} (a webhook). ${NULL_NOTE}`,
      resolve: (_root, _args, context) => tooling(context).customProvider(spec.channel),
    }),
  );

  const input = inputObject(`${spec.type}UpdateInput`, {
    description: `Changes to the ${spec.label}; omitted fields stay. At least one change is required. The password is write-only.`,
    fields: {
      ...customFields,
      ...(flag === null
        ? {}
        : {
            [flag.field]: onOff.optional(
              `Call the webhook only for users whose ${flag.detail} CometChat stores (\`${flag.wire}\`).`,
            ),
          }),
    },
    check: (value, ctx) => checkChanges(value, '', ctx),
  });

  const payload = rereadPayload(
    `${spec.type}UpdatePayload`,
    `The ${spec.label} after the change.`,
    {
      name: spec.field,
      type,
      description: `The provider ${REREAD} ${NULL_NOTE}`,
      read: (context) => tooling(context).customProvider(spec.channel),
    },
  );

  builder.mutationField(`${spec.field}Update`, (t) =>
    t.field({
      type: payload,
      nullable: true,
      description: `Sets up or changes the ${spec.label} (\`PUT ${spec.path}\`). ${ADMIN_NOTE}`,
      authScopes: { admin: true },
      errors: {
        types: [ValidationFailure],
        union: { description: 'The provider, or why it was not changed.' },
      },
      args: {
        input: t.arg({ type: input.ref, required: true, description: 'The changes.' }),
      },
      resolve: async (_root, args, context) => {
        const value = input.parse(args.input);
        await runMutation(
          context,
          () =>
            updateCustomProvider(
              context.upstream,
              spec.channel,
              {
                isEnabled: value.isEnabled,
                webhookURL: value.webhookUrl,
                useBasicAuth: value.isBasicAuthUsed,
                basicAuthUsername: value.basicAuthUsername,
                basicAuthPassword: value.basicAuthPassword,
                useStoredContact:
                  flag === null
                    ? undefined
                    : ((value as Record<string, unknown>)[flag.field] as boolean | undefined), // the flag's schema is optional(z.boolean())
              },
              options(context),
            ),
          {
            fieldMap: {
              isEnabled: ['isEnabled'],
              webhookURL: ['webhookUrl'],
              useBasicAuth: ['isBasicAuthUsed'],
              basicAuthUsername: ['basicAuthUsername'],
              basicAuthPassword: ['basicAuthPassword'],
              ...(flag === null ? {} : { [flag.wire]: [flag.field] }),
            },
          },
        );
        return {};
      },
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// APNs providers (the `.p8` key is write-only)

const ApnsProvider = builder.objectRef<ApnsProviderRecord>('ApnsProvider').implement({
  description:
    'An APNs provider: the `.p8` Auth Key (with its Key ID and Team ID) CometChat pushes to one iOS app (Bundle ID) with. The key is write-only.',
  fields: (t) => ({
    providerId: t.exposeString('providerId', { description: "The provider's id." }),
    keyId: t.exposeString('keyId', { nullable: true, description: "The Auth Key's id." }),
    teamId: t.exposeString('teamId', { nullable: true, description: 'The Apple team id.' }),
    bundleId: t.exposeString('bundleId', { nullable: true, description: "The app's bundle id." }),
    p8KeyFilename: t.exposeString('p8KeyFilename', {
      nullable: true,
      description: 'The name of the `.p8` file; null when not set.',
    }),
    hasP8Key: t.exposeBoolean('hasP8Key', {
      description: 'Whether CometChat reports a key (never shown).',
    }),
    isContentAvailableIncluded: t.exposeBoolean('includeContentAvailable', {
      nullable: true,
      description: 'Whether pushes carry `content-available`; null when CometChat did not say.',
    }),
    isMutableContentIncluded: t.exposeBoolean('includeMutableContent', {
      nullable: true,
      description: 'Whether pushes carry `mutable-content`; null when CometChat did not say.',
    }),
    isProductionMode: t.exposeBoolean('productionMode', {
      nullable: true,
      description:
        "Whether pushes go to APNs' production environment (else the sandbox); null when CometChat did not say.",
    }),
    isDefault: t.exposeBoolean('isDefault', {
      nullable: true,
      description: 'Whether it is the default APNs provider; null when CometChat did not say.',
    }),
  }),
});

builder.objectField(NotificationProviders, 'apnsProviders', (t) =>
  t.field({
    type: [ApnsProvider],
    nullable: true,
    description: `The APNs providers (\`GET /notifications/push/v1/providers/apns\`). ${NULL_NOTE}`,
    resolve: (_root, _args, context) => tooling(context).apnsProviders(),
  }),
);

const P8_KEY = /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/;
const p8Key = kind(
  'String',
  secretSchema.refine(
    (value) => P8_KEY.test(value),
    'must be the content of a .p8 file (a PEM private key)',
  ),
  `A PEM private key ("-----BEGIN PRIVATE KEY-----" ... "-----END PRIVATE KEY-----"), 1 to ${SECRET_MAX} characters.`,
);

const apnsOptions = {
  p8KeyFilename: shortText(255).optional('The name of the `.p8` file.'),
  isContentAvailableIncluded: onOff.optional('Send `content-available`.'),
  isMutableContentIncluded: onOff.optional('Send `mutable-content`.'),
  isProductionMode: onOff.optional("Push to APNs' production environment (else the sandbox)."),
};
const P8_KEY_WORDS = 'The content of the `.p8` file (write-only; never shown again).';

const ApnsProviderAdd = inputObject('ApnsProviderAddInput', {
  description: 'A new APNs provider. The `.p8` key is write-only.',
  fields: {
    providerId: providerId.required('Its id.'),
    keyId: shortText(100).required("The Auth Key's id."),
    teamId: shortText(100).required('The Apple team id.'),
    bundleId: shortText(255).required("The iOS app's bundle id."),
    p8Key: p8Key.required(P8_KEY_WORDS),
    ...apnsOptions,
  },
});

const ApnsProviderUpdate = inputObject('ApnsProviderUpdateInput', {
  description:
    'Changes to an APNs provider; omitted fields stay. At least one change. The key is write-only.',
  fields: {
    providerId: providerId.required("The provider's id."),
    keyId: shortText(100).optional("The Auth Key's id."),
    teamId: shortText(100).optional('The Apple team id.'),
    bundleId: shortText(255).optional("The iOS app's bundle id."),
    p8Key: p8Key.optional(P8_KEY_WORDS),
    ...apnsOptions,
  },
  check: (input, ctx) => checkChanges(input, 'providerId', ctx),
});

function apnsBody(
  providerId: string,
  input: Omit<InputOf<typeof ApnsProviderUpdate>, 'providerId'>,
): ApnsProviderWrite {
  const body: ApnsProviderWrite = { providerId };
  const set = <K extends keyof ApnsProviderWrite>(key: K, value: ApnsProviderWrite[K]) => {
    if (value !== undefined) body[key] = value;
  };
  set('keyId', input.keyId);
  set('teamId', input.teamId);
  set('bundleId', input.bundleId);
  set('p8Key', input.p8Key);
  set('p8KeyFilename', input.p8KeyFilename);
  set('includeContentAvailable', input.isContentAvailableIncluded);
  set('includeMutableContent', input.isMutableContentIncluded);
  set('productionMode', input.isProductionMode);
  return body;
}

const APNS_FIELDS = {
  providerId: ['providerId'],
  includeContentAvailable: ['isContentAvailableIncluded'],
  includeMutableContent: ['isMutableContentIncluded'],
  productionMode: ['isProductionMode'],
};

function apnsPayload(name: string, description: string) {
  return builder.objectRef<{ providerId: string }>(name).implement({
    description,
    fields: (t) => ({
      providerId: t.exposeString('providerId', { description: "The provider's id." }),
      apnsProvider: t.field({
        type: ApnsProvider,
        nullable: true,
        description:
          'The provider as CometChat lists it now (one more upstream call); null when it is not listed.',
        resolve: async (v, _args, context) =>
          (await tooling(context).apnsProviders()).find((p) => p.providerId === v.providerId) ??
          null,
      }),
    }),
  });
}

for (const [field, method, adding] of [
  ['apnsProviderAdd', 'POST', true],
  ['apnsProviderUpdate', 'PUT', false],
] as const) {
  const type = `${field.charAt(0).toUpperCase()}${field.slice(1)}`;
  const input = adding ? ApnsProviderAdd : ApnsProviderUpdate;
  const payload = apnsPayload(
    `${type}Payload`,
    adding ? 'The added provider.' : 'The changed provider.',
  );
  builder.mutationField(field, (t) =>
    t.field({
      type: payload,
      nullable: true,
      description: adding
        ? `Adds an APNs provider (\`POST /notifications/push/v1/providers/apns\`). A taken id is a ConflictError. ${ADMIN_NOTE}`
        : `Changes an APNs provider (\`PUT /notifications/push/v1/providers/apns\`); only the fields given are sent. ${ADMIN_NOTE}`,
      authScopes: { admin: true },
      errors: {
        types: adding ? [ValidationFailure, ConflictFailure] : [ValidationFailure, NotFoundFailure],
        union: { description: 'The provider, or why it was not written.' },
      },
      args: { input: t.arg({ type: input.ref, required: true, description: 'The provider.' }) },
      resolve: async (_root, args, context) => {
        const { providerId, ...rest } = input.parse(args.input);
        await runMutation(
          context,
          () =>
            writeApnsProvider(
              context.upstream,
              method,
              apnsBody(providerId, rest),
              options(context),
            ),
          { targetPath: ['providerId'], fieldMap: APNS_FIELDS },
        );
        return { providerId };
      },
    }),
  );
}

/** `…ProviderDelete` for FCM and APNs: `DELETE /notifications/push/v1/providers/{kind}/{providerId}`. */
function providerDelete(
  kind: 'FCM' | 'APNs',
  path: string,
  remove: (context: GatewayContext, providerId: string) => Promise<void>,
  consequence: string,
) {
  const name = kind === 'FCM' ? 'FcmProvider' : 'ApnsProvider';
  const input = inputObject(`${name}DeleteInput`, {
    description: `The ${kind} provider to delete.`,
    fields: { providerId: providerId.required('The id of the provider to delete.') },
  });
  const payload = builder.objectRef<{ providerId: string }>(`${name}DeletePayload`).implement({
    description: 'The deleted provider.',
    fields: (t) => ({
      providerId: t.exposeString('providerId', { description: 'The id of the deleted provider.' }),
    }),
  });
  builder.mutationField(`${name.charAt(0).toLowerCase()}${name.slice(1)}Delete`, (t) =>
    t.field({
      type: payload,
      nullable: true,
      description: `Deletes an ${kind} provider (\`DELETE ${path}\`)${consequence}. ${ADMIN_NOTE}`,
      authScopes: { admin: true },
      errors: {
        types: [ValidationFailure, NotFoundFailure],
        union: { description: 'The deleted provider, or why it was not deleted.' },
      },
      args: { input: t.arg({ type: input.ref, required: true, description: 'The provider.' }) },
      resolve: async (_root, args, context) => {
        const { providerId } = input.parse(args.input);
        await runMutation(context, () => remove(context, providerId), {
          targetPath: ['providerId'],
        });
        return { providerId };
      },
    }),
  );
}

providerDelete(
  'FCM',
  '/notifications/push/v1/providers/fcm/{providerId}',
  (context, providerId) => deleteFcmProvider(context.upstream, providerId, options(context)),
  '; devices registered with it get no more pushes',
);
providerDelete(
  'APNs',
  '/notifications/push/v1/providers/apns/{providerId}',
  (context, providerId) => deleteApnsProvider(context.upstream, providerId, options(context)),
  '',
);

/**
 * `…ProviderSetDefault` for FCM and APNs: `PUT /notifications/push/v1/providers/{kind}/default/
 * {providerId}`, the provider that push service delivers through. Its cost is declared here.
 */
function providerSetDefault(
  kind: 'FCM' | 'APNs',
  provider: ObjectRef<Types, { providerId: string }>,
  list: (context: GatewayContext) => Promise<{ providerId: string }[]>,
) {
  const service = kind === 'FCM' ? 'fcm' : 'apns';
  const name = kind === 'FCM' ? 'FcmProvider' : 'ApnsProvider';
  const input = inputObject(`${name}SetDefaultInput`, {
    description: `The ${kind} provider to make the default.`,
    fields: { providerId: providerId.required('The id of the provider that becomes the default.') },
  });
  const payload = builder.objectRef<{ providerId: string }>(`${name}SetDefaultPayload`).implement({
    description: 'The provider that is now the default.',
    fields: (t) => ({
      providerId: t.exposeString('providerId', { description: "The provider's id." }),
      [`${service}Provider`]: t.field({
        type: provider,
        nullable: true,
        description:
          'The provider as CometChat lists it now, `isDefault` true (one more upstream call); null when it is not listed.',
        extensions: costs(lookup()),
        resolve: async (v, _args, context) =>
          (await list(context)).find((p) => p.providerId === v.providerId) ?? null,
      }),
    }),
  });
  builder.mutationField(`${service}ProviderSetDefault`, (t) =>
    t.field({
      type: payload,
      nullable: true,
      description: `Makes an ${kind} provider the one CometChat delivers ${kind} pushes through (\`PUT /notifications/push/v1/providers/${service}/default/{providerId}\`). An unknown id is a NotFoundError. ${ADMIN_NOTE}`,
      authScopes: { admin: true },
      extensions: costs(writes(1)),
      errors: {
        types: [ValidationFailure, NotFoundFailure],
        union: { description: 'The new default provider, or why it was not changed.' },
      },
      args: { input: t.arg({ type: input.ref, required: true, description: 'The provider.' }) },
      resolve: async (_root, args, context) => {
        const { providerId } = input.parse(args.input);
        await runMutation(
          context,
          () => setDefaultPushProvider(context.upstream, service, providerId, options(context)),
          { targetPath: ['providerId'] },
        );
        return { providerId };
      },
    }),
  );
}

providerSetDefault('FCM', FcmProvider, (context) => tooling(context).fcmProviders());
providerSetDefault('APNs', ApnsProvider, (context) => tooling(context).apnsProviders());
