/**
 * The viewing user's notification preferences, conversation mutes and contact details:
 * `viewerNotificationPreferencesUpdate`, `conversationMute`, `conversationUnmute`,
 * `viewerNotificationContactDetailsUpdate`. Only as oneself (a user caller, or an admin with
 * `X-Act-As`): CometChat is told the user (`?uid=`, or onBehalfOf for contact details) from the
 * verified identity, never from the input.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import {
  deleteContactDetails,
  muteConversations,
  type NotificationPreferencesPatch,
  resetNotificationPreferences,
  unmuteConversations,
  updateContactDetails,
  updateNotificationPreferences,
} from '../../upstream/notifications.js';
import { ConversationSelector } from '../conversation-selector.js';
import { MUTATION_ERRORS } from '../errors.js';
import { choice, flag, type InputOf, inputObject, kind } from '../input.js';
import { rejectField, runMutation } from '../mutation-support.js';
import {
  EventNotificationSettingEnum,
  MEMBER_EVENTS,
  MessageNotificationSettingEnum,
  MutedConversation,
  type MutedConversationValue,
  NotificationContactDetails,
  NotificationPreferences,
  ReactionNotificationSettingEnum,
  WeekdayEnum,
} from '../notification-preferences.js';
import { ConversationRef, type ConversationValue } from '../refs.js';
import { conversationSchema, pathsOf, targetOf } from './conversation/target.js';

/** The viewing user's uid; an admin without `X-Act-As` is refused before any call. */
function ownUid(context: GatewayContext, what: string): string {
  if (context.caller.kind !== 'user') {
    rejectField(
      [],
      `${what} belong to a user: call as that user (an end-user token, or X-Act-As with the admin token)`,
    );
  }
  return context.caller.uid;
}

// ---------------------------------------------------------------------------------------------
// Preferences

/** A time of day as `hhmm`. */
const hhmm = kind(
  'Int',
  z
    .number()
    .int('must be a whole number')
    .min(0, 'must be from 0 to 2359')
    .max(2359, 'must be from 0 to 2359')
    .refine(
      (v) => v % 100 < 60,
      'must be a time as hhmm (the last two digits are minutes, below 60)',
    ),
  'A time as `hhmm`, from 0 to 2359 (the last two digits are minutes, below 60).',
);

/** The message preferences 1:1 and group conversations share. */
const messagePreferenceFields = {
  messages: choice(MessageNotificationSettingEnum).optional('New messages.'),
  replies: choice(MessageNotificationSettingEnum).optional('Replies in threads.'),
  quotedReplies: choice(MessageNotificationSettingEnum).optional(
    'Messages that quote another message.',
  ),
  reactions: choice(ReactionNotificationSettingEnum).optional('Reactions.'),
};

const OneOnOneNotificationPreferences = inputObject('OneOnOneNotificationPreferencesInput', {
  description: 'What should notify the user in 1:1 conversations; what is left out stays.',
  fields: {
    ...messagePreferenceFields,
  },
});

const GroupNotificationPreferences = inputObject('GroupNotificationPreferencesInput', {
  description: 'What should notify the user in group conversations; what is left out stays.',
  fields: {
    ...messagePreferenceFields,
    ...Object.fromEntries(
      MEMBER_EVENTS.map(([name, , description]) => [
        name,
        choice(EventNotificationSettingEnum).optional(description),
      ]),
    ),
  },
});

const NotificationScheduleDay = inputObject('NotificationScheduleDayInput', {
  description: 'One day of the notification schedule, in the notification time zone.',
  fields: {
    day: choice(WeekdayEnum).required('The day.'),
    from: hhmm.required('When notifications start.'),
    to: hhmm.required('When notifications stop.'),
    isSilencedAllDay: flag.required(
      'Whether the whole day is silenced (do-not-disturb for that day).',
    ),
  },
});

/** The days of a week, each at most once. */
const MAX_SCHEDULE_DAYS = 7;

const ViewerNotificationPreferencesUpdate = inputObject(
  'ViewerNotificationPreferencesUpdateInput',
  {
    description:
      "Changes to the viewing user's notification preferences: only what is given changes (at least one).",
    fields: {
      oneOnOne: OneOnOneNotificationPreferences.kind.optional('1:1 conversations.'),
      group: GroupNotificationPreferences.kind.optional('Group conversations.'),
      isDoNotDisturbOn: flag.optional('Do-not-disturb: true silences every notification.'),
      schedule: kind(
        [NotificationScheduleDay.ref],
        z
          .array(NotificationScheduleDay.schema)
          .max(MAX_SCHEDULE_DAYS, 'must hold each day at most once'),
        `At most ${MAX_SCHEDULE_DAYS} days, each day once.`,
      ).optional('Days of the schedule to set; other days stay.'),
      isPrivacyTemplateUsed: flag.optional(
        "Whether notifications use the app's privacy template (no message content).",
      ),
      isReset: flag.optional(
        "Put every preference back to the app's defaults (CometChat's reset). Given alone: one write per call, so a failure never leaves the preferences half-changed.",
      ),
    },
    check: (value, ctx) => {
      const days = (value.schedule ?? []).map((d) => d.day);
      days.forEach((day, index) => {
        if (days.indexOf(day) !== index) {
          ctx.addIssue({
            code: 'custom',
            path: ['schedule', index, 'day'],
            message: `${day} is given twice`,
          });
        }
      });
      const given = (entry: Record<string, unknown> | null | undefined): boolean =>
        entry != null && Object.values(entry).some((v) => v !== null && v !== undefined);
      const anything =
        given(value.oneOnOne) ||
        given(value.group) ||
        value.isDoNotDisturbOn != null ||
        (value.schedule != null && value.schedule.length > 0) ||
        value.isPrivacyTemplateUsed != null;
      if (value.isReset === true && anything)
        ctx.addIssue({
          code: 'custom',
          path: ['isReset'],
          message: 'resets every preference: give it alone, then change what you need',
        });
      else if (!anything && value.isReset !== true)
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: 'give at least one preference to change, or isReset: true',
        });
    },
  },
);

type PreferencesInput = InputOf<typeof ViewerNotificationPreferencesUpdate>;

/** The input in CometChat's body names, only what was given. */
function patchOf(value: PreferencesInput): NotificationPreferencesPatch {
  const patch: NotificationPreferencesPatch = {};
  const pick = <K extends string>(entries: [K, number | null | undefined][]) =>
    Object.fromEntries(entries.filter(([, v]) => v !== null && v !== undefined)) as Partial<
      Record<K, number>
    >;
  if (value.oneOnOne) {
    const o = value.oneOnOne;
    const one = pick([
      ['oneOnOneMessages', o.messages],
      ['oneOnOneReplies', o.replies],
      ['oneOnOneQuotedReplies', o.quotedReplies],
      ['oneOnOneReactions', o.reactions],
    ]);
    if (Object.keys(one).length > 0) patch.oneOnOnePreferences = one;
  }
  if (value.group) {
    const g = value.group as Record<string, number | boolean | null | undefined>;
    const group = pick([
      ['groupMessages', g.messages as number | null | undefined],
      ['groupReplies', g.replies as number | null | undefined],
      ['groupQuotedReplies', g.quotedReplies as number | null | undefined],
      ['groupReactions', g.reactions as number | null | undefined],
      ...MEMBER_EVENTS.map(
        ([name, key]) =>
          [key, g[name] as number | null | undefined] as [string, number | undefined],
      ),
    ]);
    if (Object.keys(group).length > 0) patch.groupPreferences = group;
  }
  if (value.isDoNotDisturbOn != null || (value.schedule && value.schedule.length > 0)) {
    patch.mutePreferences = {};
    if (value.isDoNotDisturbOn != null) patch.mutePreferences.dnd = value.isDoNotDisturbOn ? 2 : 1;
    if (value.schedule && value.schedule.length > 0) {
      patch.mutePreferences.schedule = Object.fromEntries(
        value.schedule.map((d) => [d.day, { from: d.from, to: d.to, dnd: d.isSilencedAllDay }]),
      );
    }
  }
  if (value.isPrivacyTemplateUsed != null) patch.usePrivacyTemplate = value.isPrivacyTemplateUsed;
  return patch;
}

/** CometChat's detail keys (`groupPreferences.groupMessages`) onto input paths. */
const PREFERENCE_FIELDS: Record<string, string[]> = {
  groupPreferences: ['group'],
  oneOnOnePreferences: ['oneOnOne'],
  mutePreferences: ['schedule'],
  'mutePreferences.dnd': ['isDoNotDisturbOn'],
  'mutePreferences.schedule': ['schedule'],
  usePrivacyTemplate: ['isPrivacyTemplateUsed'],
  'groupPreferences.groupMessages': ['group', 'messages'],
  'groupPreferences.groupReplies': ['group', 'replies'],
  'groupPreferences.groupQuotedReplies': ['group', 'quotedReplies'],
  'groupPreferences.groupReactions': ['group', 'reactions'],
  ...Object.fromEntries(
    MEMBER_EVENTS.map(([name, key]) => [`groupPreferences.${key}`, ['group', name]]),
  ),
  'oneOnOnePreferences.oneOnOneMessages': ['oneOnOne', 'messages'],
  'oneOnOnePreferences.oneOnOneReplies': ['oneOnOne', 'replies'],
  'oneOnOnePreferences.oneOnOneQuotedReplies': ['oneOnOne', 'quotedReplies'],
  'oneOnOnePreferences.oneOnOneReactions': ['oneOnOne', 'reactions'],
};

const ViewerNotificationPreferencesUpdatePayload = builder
  .objectRef<{
    notificationPreferences: import('../../upstream/notifications.js').NotificationPreferencesRecord;
  }>('ViewerNotificationPreferencesUpdatePayload')
  .implement({
    description: "The viewing user's notification preferences, as they now are.",
    fields: (t) => ({
      notificationPreferences: t.field({
        type: NotificationPreferences,
        description:
          'The preferences as CometChat now holds them (as `viewer.notificationPreferences`).',
        resolve: (payload) => payload.notificationPreferences,
      }),
    }),
  });

builder.mutationField('viewerNotificationPreferencesUpdate', (t) =>
  t.field({
    type: ViewerNotificationPreferencesUpdatePayload,
    nullable: true,
    description:
      "Changes the viewing user's notification preferences (what notifies them in 1:1 and group conversations, do-not-disturb, the weekly schedule), or resets them to the app's defaults (`isReset`). Only as oneself: a user caller, or an admin with `X-Act-As`.",
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The preferences as they now are, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: ViewerNotificationPreferencesUpdate.ref,
        required: true,
        description: 'What to change.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = ViewerNotificationPreferencesUpdate.parse(input);
      const uid = ownUid(context, 'notification preferences');
      const patch = patchOf(value);
      const notificationPreferences = await runMutation(
        context,
        () =>
          value.isReset === true
            ? resetNotificationPreferences(context.upstream, uid, context.view().options)
            : updateNotificationPreferences(context.upstream, uid, patch),
        { fieldMap: PREFERENCE_FIELDS },
      );
      return { notificationPreferences };
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// Mute and unmute

/** A mute must end after now and within this (CometChat documents no limit). */
const MAX_MUTE_YEARS = 100;

/**
 * The conversation, checked as the other conversation mutations check it (GraphQL has checked the
 * selector's shape): a refusal points where theirs do (`withUser`, `conversationId`, ...).
 */
const selector = conversationSchema({});
const conversation = kind(
  ConversationSelector,
  z.custom<Record<string, unknown>>(() => true),
);

function checkSelector(input: { conversation: unknown }, ctx: z.RefinementCtx): void {
  const result = selector.safeParse({ conversation: input.conversation });
  if (result.success) return;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
}

const ConversationMute = inputObject('ConversationMuteInput', {
  description: "A conversation to mute in the viewing user's notifications, and until when.",
  fields: {
    conversation: conversation.required('The conversation, named exactly one way.'),
    until: kind('DateTime', z.date({ error: 'must be a date-time' })).required(
      `When notifications resume: a time in the future (within ${MAX_MUTE_YEARS} years). Muting a muted conversation again moves it.`,
    ),
  },
  check: checkSelector,
  map: ({ conversation, until }) => ({ ...selector.parse({ conversation }), until }),
});

const ConversationUnmute = inputObject('ConversationUnmuteInput', {
  description:
    "A conversation to unmute in the viewing user's notifications. Unmuting one that is not muted changes nothing.",
  fields: {
    conversation: conversation.required('The conversation, named exactly one way.'),
  },
  check: checkSelector,
  map: ({ conversation }) => selector.parse({ conversation }),
});

const ConversationMutePayload = builder
  .objectRef<{ mutedConversation: MutedConversationValue }>('ConversationMutePayload')
  .implement({
    description: 'The conversation, now muted.',
    fields: (t) => ({
      mutedConversation: t.field({
        type: MutedConversation,
        description: 'The muted conversation and until when (as in `viewer.mutedConversations`).',
        resolve: (payload) => payload.mutedConversation,
      }),
    }),
  });

const ConversationUnmutePayload = builder
  .objectRef<{ conversationId: string; owner: string }>('ConversationUnmutePayload')
  .implement({
    description: 'The conversation, no longer muted.',
    fields: (t) => ({
      conversation: t.field({
        type: ConversationRef,
        nullable: true,
        description:
          'The conversation as the viewing user now sees it (`mutedUntil` is null), read with one more upstream call when asked for. Null when it has no messages they can see.',
        resolve: async (payload, _args, context): Promise<ConversationValue | null> => {
          const record = await context.view().loaders.conversations.load(payload.conversationId);
          return record === null ? null : { record, ownerUid: payload.owner };
        },
      }),
    }),
  });

function muteTarget(context: GatewayContext, value: InputOf<typeof ConversationUnmute>) {
  ownUid(context, 'conversation mutes');
  const target = targetOf(context, value);
  const conversation =
    target.partner.type === 'group'
      ? { id: target.partner.guid, type: 'group' as const }
      : { id: target.partner.uid, type: 'oneOnOne' as const };
  return { target, conversation };
}

builder.mutationField('conversationMute', (t) =>
  t.field({
    type: ConversationMutePayload,
    nullable: true,
    description:
      "Mutes a 1:1 or group conversation in the viewing user's notifications until a time: CometChat sends them no push, email or SMS notification for it until then. Only as oneself: a user caller, or an admin with `X-Act-As`.",
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The muted conversation, or why nothing changed.' },
    },
    args: {
      input: t.arg({ type: ConversationMute.ref, required: true, description: 'What to mute.' }),
    },
    resolve: async (_root, { input }, context) => {
      const value = ConversationMute.parse(input);
      const until = value.until.getTime();
      const now = Date.now();
      if (!(until > now)) rejectField(['until'], 'must be in the future');
      if (until > now + MAX_MUTE_YEARS * 365.25 * 24 * 3600 * 1000) {
        rejectField(['until'], `must be within ${MAX_MUTE_YEARS} years`);
      }
      const { target, conversation } = muteTarget(context, value);
      await runMutation(
        context,
        () => muteConversations(context.upstream, target.owner, [{ ...conversation, until }]),
        { ...pathsOf(target), fieldMap: { until: ['until'], conversations: [target.selector] } },
      );
      return {
        mutedConversation: { record: { ...conversation, until }, ownerUid: target.owner },
      };
    },
  }),
);

builder.mutationField('conversationUnmute', (t) =>
  t.field({
    type: ConversationUnmutePayload,
    nullable: true,
    description:
      "Unmutes a conversation in the viewing user's notifications, with the same rules as `conversationMute`.",
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: ConversationUnmute.ref,
        required: true,
        description: 'What to unmute.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = ConversationUnmute.parse(input);
      const { target, conversation } = muteTarget(context, value);
      await runMutation(
        context,
        () => unmuteConversations(context.upstream, target.owner, [conversation]),
        { ...pathsOf(target), fieldMap: { conversations: [target.selector] } },
      );
      return { conversationId: target.conversationId, owner: target.owner };
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// Contact details

/** E.164: a plus, the country code and the number, 7 to 15 digits in all. */
const PHONE = /^\+[1-9]\d{6,14}$/;

/** The longest email address taken. */
const MAX_EMAIL_LENGTH = 254;

const ViewerNotificationContactDetailsUpdate = inputObject(
  'ViewerNotificationContactDetailsUpdateInput',
  {
    description:
      "Where CometChat should send the viewing user's email and SMS notifications: what is left out stays.",
    fields: {
      email: kind(
        'String',
        z
          .string()
          .trim()
          .max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`)
          .email('must be an email address'),
        `At most ${MAX_EMAIL_LENGTH} characters.`,
      ).optional('The email address.'),
      phoneNumber: kind(
        'String',
        z
          .string()
          .trim()
          .regex(PHONE, 'must be a phone number with its country code, e.g. +14155550100'),
        'A "+", the country code and the number: 7 to 15 digits in all.',
      ).optional('The phone number with its country code (E.164), e.g. `+14155550100`.'),
      isRemoved: flag.optional(
        'Remove both the email address and the phone number (CometChat deletes the contact details); not with `email` or `phoneNumber`.',
      ),
    },
    check: (value, ctx) => {
      const given = value.email != null || value.phoneNumber != null;
      if (value.isRemoved === true && given) {
        ctx.addIssue({
          code: 'custom',
          path: ['isRemoved'],
          message: 'removes both details: give it without email or phoneNumber',
        });
      } else if (value.isRemoved !== true && !given) {
        ctx.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'give an email, a phone number or both (or isRemoved: true)',
        });
      }
    },
  },
);

const ViewerNotificationContactDetailsUpdatePayload = builder
  .objectRef<{
    notificationContactDetails: import('../../upstream/notifications.js').ContactDetailsRecord;
  }>('ViewerNotificationContactDetailsUpdatePayload')
  .implement({
    description: "The viewing user's contact details for notifications, as they now are.",
    fields: (t) => ({
      notificationContactDetails: t.field({
        type: NotificationContactDetails,
        description:
          'The details as CometChat now holds them (as `viewer.notificationContactDetails`).',
        resolve: (payload) => payload.notificationContactDetails,
      }),
    }),
  });

builder.mutationField('viewerNotificationContactDetailsUpdate', (t) =>
  t.field({
    type: ViewerNotificationContactDetailsUpdatePayload,
    nullable: true,
    description:
      "Sets (or, with `isRemoved`, removes) the email address and/or phone number CometChat sends the viewing user's email and SMS notifications to. Only as oneself: a user caller, or an admin with `X-Act-As`.",
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The contact details as they now are, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: ViewerNotificationContactDetailsUpdate.ref,
        required: true,
        description: 'The details to set.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = ViewerNotificationContactDetailsUpdate.parse(input);
      ownUid(context, 'notification contact details');
      if (value.isRemoved === true) {
        await runMutation(context, () =>
          deleteContactDetails(context.upstream, context.view().options),
        );
        return { notificationContactDetails: { email: null, phoneNumber: null } };
      }
      const notificationContactDetails = await runMutation(
        context,
        () =>
          updateContactDetails(
            context.upstream,
            { email: value.email ?? undefined, phoneNumber: value.phoneNumber ?? undefined },
            context.view().options,
          ),
        { fieldMap: { email: ['email'], phno: ['phoneNumber'] } },
      );
      return { notificationContactDetails };
    },
  }),
);
