/**
 * The viewing user's notification preferences, muted conversations and contact details, read as
 * that user (an admin acts as one with `X-Act-As`). Preferences and mutes name the user with
 * `?uid=`, contact details with onBehalfOf. A conversation's `mutedUntil` comes from its
 * participant's muted list, read once per request and participant (one call for a user caller's
 * whole page of conversations).
 */
import { builder } from '../builder.js';
import {
  type ConversationPartnerKey,
  groupConversationId,
  userConversationId,
} from '../loaders/index.js';
import type {
  ContactDetailsRecord,
  MutedConversationRecord,
  NotificationPreferencesRecord,
  ScheduleDayRecord,
} from '../upstream/notifications.js';
import { WEEKDAYS, type Weekday } from '../upstream/notifications.js';
import { connectionComplexity, countedConnection, forwardPageArgs } from './connections.js';
import { ConversationType } from './conversation.js';
import { viewingUid } from './notifications.js';
import { arrayConnection, validateConnectionArgs } from './pagination.js';
import { ConversationPartnerRef, ConversationRef } from './refs.js';
import { Viewer } from './viewer.js';

export const MessageNotificationSettingEnum = builder.enumType('MessageNotificationSetting', {
  description: "When messages or replies notify the user (CometChat's settings 1 to 3).",
  values: {
    NONE: { value: 1, description: "Never (CometChat's 1: don't notify)." },
    ALL: { value: 2, description: "For every message (CometChat's 2)." },
    MENTIONS: { value: 3, description: "Only when the user is mentioned (CometChat's 3)." },
  } as const,
});

export const ReactionNotificationSettingEnum = builder.enumType('ReactionNotificationSetting', {
  description: "When reactions notify the user (CometChat's settings 1 to 3).",
  values: {
    NONE: { value: 1, description: "Never (CometChat's 1: don't notify)." },
    OWN_MESSAGES: {
      value: 2,
      description: "For reactions to the user's own messages (CometChat's 2).",
    },
    ALL_MESSAGES: { value: 3, description: "For reactions to any message (CometChat's 3)." },
  } as const,
});

export const EventNotificationSettingEnum = builder.enumType('EventNotificationSetting', {
  description: "Whether a group event notifies the user (CometChat's settings 1 and 2).",
  values: {
    NONE: { value: 1, description: "Never (CometChat's 1: don't notify)." },
    NOTIFY: { value: 2, description: "Every time (CometChat's 2)." },
  } as const,
});

export const WeekdayEnum = builder.enumType('Weekday', {
  description: 'A day of the week.',
  values: Object.fromEntries(
    WEEKDAYS.map((day) => [
      day.toUpperCase(),
      { value: day, description: `${day[0]?.toUpperCase()}${day.slice(1)}.` },
    ]),
  ) as Record<string, { value: Weekday; description: string }>,
});

/** A setting as the enum holds it; a value CometChat added since is null rather than an error. */
function level(value: number | null): 1 | 2 | 3 | null {
  return value === 1 || value === 2 || value === 3 ? value : null;
}

/** 1 = don't notify, 2 = notify, as the enum holds it. */
function eventLevel(value: number | null): 1 | 2 | null {
  return value === 1 || value === 2 ? value : null;
}

/** 1 = off, 2 = on. */
function flag(value: number | null): boolean | null {
  return value === 1 ? false : value === 2 ? true : null;
}

const OneOnOneNotificationPreferences = builder
  .objectRef<NotificationPreferencesRecord['oneOnOne']>('OneOnOneNotificationPreferences')
  .implement({
    description:
      'What notifies the user in 1:1 conversations. Each is null when CometChat does not say.',
    fields: (t) => ({
      messages: t.field({
        type: MessageNotificationSettingEnum,
        nullable: true,
        description: 'New messages.',
        resolve: (p) => level(p.oneOnOneMessages),
      }),
      replies: t.field({
        type: MessageNotificationSettingEnum,
        nullable: true,
        description: 'Replies in threads.',
        resolve: (p) => level(p.oneOnOneReplies),
      }),
      quotedReplies: t.field({
        type: MessageNotificationSettingEnum,
        nullable: true,
        description: 'Messages that quote another message.',
        resolve: (p) => level(p.oneOnOneQuotedReplies),
      }),
      reactions: t.field({
        type: ReactionNotificationSettingEnum,
        nullable: true,
        description: 'Reactions.',
        resolve: (p) => level(p.oneOnOneReactions),
      }),
    }),
  });

const MEMBER_EVENTS = [
  ['memberLeft', 'groupMemberLeft', 'A member left.'],
  ['memberAdded', 'groupMemberAdded', 'A member was added.'],
  ['memberJoined', 'groupMemberJoined', 'A member joined.'],
  ['memberKicked', 'groupMemberKicked', 'A member was kicked.'],
  ['memberBanned', 'groupMemberBanned', 'A member was banned.'],
  ['memberUnbanned', 'groupMemberUnbanned', 'A member was unbanned.'],
  ['memberScopeChanged', 'groupMemberScopeChanged', "A member's scope changed."],
] as const;

export { MEMBER_EVENTS };

const GroupNotificationPreferences = builder
  .objectRef<NotificationPreferencesRecord['group']>('GroupNotificationPreferences')
  .implement({
    description:
      'What notifies the user in group conversations. Each is null when CometChat does not say.',
    fields: (t) => ({
      messages: t.field({
        type: MessageNotificationSettingEnum,
        nullable: true,
        description: 'New messages.',
        resolve: (p) => level(p.groupMessages),
      }),
      replies: t.field({
        type: MessageNotificationSettingEnum,
        nullable: true,
        description: 'Replies in threads.',
        resolve: (p) => level(p.groupReplies),
      }),
      quotedReplies: t.field({
        type: MessageNotificationSettingEnum,
        nullable: true,
        description: 'Messages that quote another message.',
        resolve: (p) => level(p.groupQuotedReplies),
      }),
      reactions: t.field({
        type: ReactionNotificationSettingEnum,
        nullable: true,
        description: 'Reactions.',
        resolve: (p) => level(p.groupReactions),
      }),
      ...Object.fromEntries(
        MEMBER_EVENTS.map(([name, key, description]) => [
          name,
          t.field({
            type: EventNotificationSettingEnum,
            nullable: true,
            description,
            resolve: (p) => eventLevel(p[key]),
          }),
        ]),
      ),
    }),
  });

const NotificationScheduleDay = builder
  .objectRef<ScheduleDayRecord>('NotificationScheduleDay')
  .implement({
    description:
      "One day of the user's notification schedule, in their notification time zone (`viewer.notificationTimezone`).",
    fields: (t) => ({
      day: t.field({ type: WeekdayEnum, description: 'The day.', resolve: (d) => d.day }),
      from: t.int({
        description: 'When notifications start that day, as `hhmm` (0 to 2359; 930 is 09:30).',
        resolve: (d) => d.from,
      }),
      to: t.int({
        description: 'When notifications stop that day, as `hhmm` (0 to 2359).',
        resolve: (d) => d.to,
      }),
      isSilencedAllDay: t.boolean({
        description: 'Whether the whole day is silenced (do-not-disturb for that day).',
        resolve: (d) => d.dnd,
      }),
    }),
  });

export const NotificationPreferences = builder
  .objectRef<NotificationPreferencesRecord>('NotificationPreferences')
  .implement({
    description:
      "The user's own notification preferences (push, email and SMS), within what the app's notification settings allow.",
    fields: (t) => ({
      oneOnOne: t.field({
        type: OneOnOneNotificationPreferences,
        description: 'What notifies the user in 1:1 conversations.',
        resolve: (p) => p.oneOnOne,
      }),
      group: t.field({
        type: GroupNotificationPreferences,
        description: 'What notifies the user in group conversations.',
        resolve: (p) => p.group,
      }),
      isDoNotDisturbOn: t.boolean({
        nullable: true,
        description:
          'Whether do-not-disturb is on (no notifications at all); null when CometChat does not say.',
        resolve: (p) => flag(p.dnd),
      }),
      schedule: t.field({
        type: [NotificationScheduleDay],
        description: 'When notifications arrive, day by day (the days CometChat reports).',
        resolve: (p) => p.schedule,
      }),
      isPrivacyTemplateUsed: t.boolean({
        nullable: true,
        description:
          "Whether notifications use the app's privacy template (no message content); null when CometChat does not say.",
        resolve: (p) => p.usePrivacyTemplate,
      }),
    }),
  });

/** A muted conversation with the id it has in the viewing user's terms. */
export interface MutedConversationValue {
  record: MutedConversationRecord;
  ownerUid: string;
}

function partnerOf(record: MutedConversationRecord): ConversationPartnerKey {
  return record.type === 'group'
    ? { type: 'group', guid: record.id }
    : { type: 'user', uid: record.id };
}

function conversationIdOf({ record, ownerUid }: MutedConversationValue): string {
  return record.type === 'group'
    ? groupConversationId(record.id)
    : userConversationId(ownerUid, record.id);
}

export function untilDate(until: number | null): Date | null {
  return until === null ? null : new Date(until);
}

export const MutedConversation = builder
  .objectRef<MutedConversationValue>('MutedConversation')
  .implement({
    description:
      'A conversation the viewing user muted: CometChat sends them no push, email or SMS notification for it until `mutedUntil`.',
    fields: (t) => ({
      conversationId: t.string({
        description:
          "CometChat's id of the conversation: `<uid>_user_<uid>` for 1:1, `group_<guid>` for a group.",
        resolve: conversationIdOf,
      }),
      type: t.field({
        type: ConversationType,
        description: 'Whether it is a 1:1 or a group conversation.',
        resolve: (value) => (value.record.type === 'group' ? 'group' : 'user'),
      }),
      mutedUntil: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When notifications resume; null when CometChat does not say.',
        resolve: (value) => untilDate(value.record.until),
      }),
      with: t.field({
        type: ConversationPartnerRef,
        nullable: true,
        description:
          'The other user of a 1:1 conversation, or the group (one more upstream call). Null when it no longer exists.',
        resolve: (value, _args, context) => {
          const partner = partnerOf(value.record);
          const { loaders } = context.view();
          if (partner.type === 'group') return loaders.groups.load(partner.guid);
          return loaders.users.load(partner.uid);
        },
      }),
      conversation: t.field({
        type: ConversationRef,
        nullable: true,
        description:
          'The conversation as the viewing user sees it (one more upstream call). Null when it has no messages they can see.',
        resolve: async (value, _args, context) => {
          const record = await context.view().loaders.conversations.load(conversationIdOf(value));
          return record === null ? null : { record, ownerUid: value.ownerUid };
        },
      }),
    }),
  });

const MutedConversationConnection = countedConnection(
  {
    name: 'MutedConversationConnection',
    type: MutedConversation,
    description: 'A page of the conversations the viewing user muted.',
    totalCount: 'How many conversations are muted now, across all pages.',
  },
  { name: 'MutedConversationEdge', description: 'A muted conversation, with its cursor.' },
);

export const NotificationContactDetails = builder
  .objectRef<ContactDetailsRecord>('NotificationContactDetails')
  .implement({
    description:
      "Where CometChat sends the user's email and SMS notifications (when the app has them on).",
    fields: (t) => ({
      email: t.string({
        nullable: true,
        description: 'The email address; null when none is stored.',
        resolve: (c) => c.email,
      }),
      phoneNumber: t.string({
        nullable: true,
        description:
          "The phone number with its country code (CometChat's `phno`, e.g. `+14155550100`); null when none is stored.",
        resolve: (c) => c.phoneNumber,
      }),
    }),
  });

const OWN_ONLY =
  'An admin must act as a user (`X-Act-As`); without it the field answers BAD_USER_INPUT.';

builder.objectFields(Viewer, (t) => ({
  notificationPreferences: t.field({
    type: NotificationPreferences,
    nullable: true,
    description: `The viewing user's notification preferences. One upstream call. ${OWN_ONLY} Null when it could not be read (the error on this field says why).`,
    resolve: async (_caller, _args, context) => {
      viewingUid(context, 'Notification preferences');
      return context.view().notificationPreferences();
    },
  }),
  mutedConversations: t.field({
    type: MutedConversationConnection,
    nullable: true,
    description: `The conversations the viewing user muted, until when. One upstream call (shared with every \`Conversation.mutedUntil\` of the request). ${OWN_ONLY} Null when it could not be read.`,
    args: forwardPageArgs('muted conversations'),
    complexity: connectionComplexity,
    resolve: async (_caller, args, context) => {
      const uid = viewingUid(context, 'Muted conversations');
      validateConnectionArgs(args, { backwards: false });
      const records = await context.view().mutedConversations();
      const values = records.map((record) => ({ record, ownerUid: uid }));
      return arrayConnection(values, args, { key: `muted:${uid}` });
    },
  }),
  notificationContactDetails: t.field({
    type: NotificationContactDetails,
    nullable: true,
    description: `The email address and phone number CometChat sends the viewing user's email and SMS notifications to. One upstream call. ${OWN_ONLY} Null when it could not be read.`,
    resolve: async (_caller, _args, context) => {
      viewingUid(context, 'Contact details');
      return context.view().contactDetails();
    },
  }),
}));

builder.objectFields(ConversationRef, (t) => ({
  mutedUntil: t.field({
    type: 'DateTime',
    nullable: true,
    description:
      "Until when its participant muted the conversation's notifications; null when it is not muted. Read from that participant's muted list: one upstream call per participant and request, so a user's page of conversations costs one call in all. Null for a group conversation listed app-wide (no participant).",
    resolve: async (value, _args, context) => {
      const owner = value.ownerUid;
      if (owner === null) return null;
      const muted = await context.view(owner).mutedConversations();
      const partner = value.record.conversationId.startsWith('group_')
        ? { type: 'group' as const, id: value.record.conversationId.slice('group_'.length) }
        : null;
      const found = muted.find((m) =>
        partner
          ? m.type === 'group' && m.id.toLowerCase() === partner.id
          : m.type === 'oneOnOne' &&
            userConversationId(owner, m.id.toLowerCase()) === value.record.conversationId,
      );
      return found ? untilDate(found.until) : null;
    },
  }),
}));
