/**
 * Subscriptions about messages: sent, edited, deleted, mentions, delivery and read receipts,
 * reactions and moderation outcomes. Filters narrow to one conversation, group, message or sender.
 */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import type { MessageRecord } from '../upstream/records.js';
import type {
  MessageChangeEvent,
  MessageEvent,
  ModerationEvent,
  ReactionEvent,
  RealtimeEvent,
  ReceiptEvent,
} from '../webhooks/payloads.js';
import type { ChannelScope } from '../webhooks/pubsub.js';
import { conversationIdArg, keyArg } from './arg-checks.js';
import { loadUserOrNull } from './message/common.js';
import type { ObjectFieldBuilder } from './mutations/fields.js';
import { MessageRef, ReactionRef, UserRef } from './refs.js';
import {
  type ArgBuilder,
  beginEvent,
  eventStream,
  eventType,
  idFilter,
  uidFilter,
} from './subscription.js';
import { reactedMessage } from './subscription-access.js';

interface WhereArgs {
  conversationId?: string | null | undefined;
  guid?: string | null | undefined;
}

/** The channel narrowing for conversation and group filters (the conversation is narrower). */
function narrowOf(args: WhereArgs): ChannelScope | undefined {
  const conversationId = idFilter(args.conversationId);
  if (conversationId) return { conversationId };
  const guid = idFilter(args.guid);
  return guid ? { guid } : undefined;
}

/** Whether a conversation matches the conversation and group filters. */
function inPlace(conversationId: string, args: WhereArgs): boolean {
  const wanted = idFilter(args.conversationId);
  const guid = idFilter(args.guid);
  if (wanted && conversationId !== wanted) return false;
  return !guid || conversationId === `group_${guid}`;
}

const whereArgs = (arg: ArgBuilder) => ({
  conversationId: arg.string({
    description:
      "Only events in this conversation: CometChat's id, `<uid>_user_<uid>` (both uids sorted) or `group_<guid>`.",
    validate: conversationIdArg,
  }),
  guid: arg.string({
    description: "Only events in this group's conversation (the group's guid).",
    validate: keyArg,
  }),
});

/** The message an event is about, as the caller may read it (loaded when the payload lacks it). */
function loadMessage(context: GatewayContext, id: string): Promise<MessageRecord | null> {
  return context.view().loaders.messages.load(id);
}

/** One type guard per trigger, made once (not per subscription). */
function perTrigger<T extends string, G>(make: (trigger: T) => G): (trigger: T) => G {
  const made = new Map<T, G>();
  return (trigger) => {
    let guard = made.get(trigger);
    if (guard === undefined) {
      guard = make(trigger);
      made.set(trigger, guard);
    }
    return guard;
  };
}

const isMessage = perTrigger(
  (trigger: MessageEvent['trigger']) =>
    (event: RealtimeEvent): event is MessageEvent =>
      event.kind === 'message' && event.trigger === trigger,
);

const isChange = perTrigger(
  (trigger: MessageChangeEvent['trigger']) =>
    (event: RealtimeEvent): event is MessageChangeEvent =>
      event.kind === 'message_change' && event.trigger === trigger,
);

const isReceipt = perTrigger(
  (trigger: ReceiptEvent['trigger']) =>
    (event: RealtimeEvent): event is ReceiptEvent =>
      event.kind === 'receipt' && event.trigger === trigger,
);

const isReaction = perTrigger(
  (trigger: ReactionEvent['trigger']) =>
    (event: RealtimeEvent): event is ReactionEvent =>
      event.kind === 'reaction' && event.trigger === trigger,
);

const isModeration = (event: RealtimeEvent): event is ModerationEvent =>
  event.kind === 'moderation';

// ---------------------------------------------------------------------------------------------

const MessageSentEvent = eventType<MessageEvent>(
  'MessageSentEvent',
  'A message was sent (CometChat trigger `message_sent`).',
  (t) => ({
    message: t.field({
      type: MessageRef,
      description: 'The new message, as CometChat delivered it.',
      resolve: (event) => event.message,
    }),
  }),
);

builder.subscriptionField('messageSent', (t) =>
  t.field({
    type: MessageSentEvent,
    description:
      'Each new message the caller may read: in their 1:1 conversations and the groups they are members of (an admin: every message). Thread replies included.',
    args: {
      ...whereArgs(t.arg),
      senderUid: t.arg.string({
        description: 'Only messages from this user (uid).',
        validate: keyArg,
      }),
    },
    subscribe: (_root, args, context) => {
      const sender = uidFilter(args.senderUid);
      return eventStream(context, {
        triggers: ['message_sent'],
        narrow: narrowOf(args),
        accepts: isMessage('message_sent'),
        matches: (event) =>
          inPlace(event.message.conversationId, args) &&
          (sender === null || event.message.sender.toLowerCase() === sender),
      });
    },
    resolve: (event, _args, context) => beginEvent(context, event),
  }),
);

function changeFields(verb: 'edited' | 'deleted') {
  return (t: ObjectFieldBuilder<MessageChangeEvent>) => ({
    message: t.field({
      type: MessageRef,
      nullable: true,
      description: `The message after it was ${verb}: from the payload when CometChat embeds it whole, otherwise read as the caller may see it. Null when it can no longer be read.`,
      resolve: (event, _args, context) => event.message ?? loadMessage(context, event.messageId),
    }),
    messageCometchatId: t.exposeString('messageId', {
      description: `CometChat's id of the ${verb} message (known even when \`message\` is null).`,
    }),
    conversationId: t.exposeString('conversationId', {
      description: "CometChat's id of the conversation the message is in.",
    }),
  });
}

const MessageEditedEvent = eventType<MessageChangeEvent>(
  'MessageEditedEvent',
  'A message was edited (CometChat trigger `message_edited`).',
  (t) => ({
    ...changeFields('edited')(t),
    editedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who edited it; null when the app itself did or that user no longer exists.',
      resolve: (event, _args, context) => loadUserOrNull(context, event.actor.uid),
    }),
  }),
);

const MessageDeletedEvent = eventType<MessageChangeEvent>(
  'MessageDeletedEvent',
  'A message was deleted (CometChat trigger `message_deleted`).',
  (t) => ({
    ...changeFields('deleted')(t),
    deletedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who deleted it; null when the app itself did or that user no longer exists.',
      resolve: (event, _args, context) => loadUserOrNull(context, event.actor.uid),
    }),
  }),
);

for (const [field, trigger, type, what] of [
  ['messageEdited', 'message_edited', MessageEditedEvent, 'edit'],
  ['messageDeleted', 'message_deleted', MessageDeletedEvent, 'deletion'],
] as const) {
  builder.subscriptionField(field, (t) =>
    t.field({
      type,
      description: `Each ${what} of a message the caller may read (an admin: every ${what}).`,
      args: whereArgs(t.arg),
      subscribe: (_root, args, context) =>
        eventStream(context, {
          triggers: [trigger],
          narrow: narrowOf(args),
          accepts: isChange(trigger),
          matches: (event) => inPlace(event.conversationId, args),
        }),
      resolve: (event, _args, context) => beginEvent(context, event),
    }),
  );
}

const UserMentionedEvent = eventType<MessageEvent>(
  'UserMentionedEvent',
  'A message mentioned users (`<@uid:...>`; CometChat trigger `user_mentioned`).',
  (t) => ({
    message: t.field({
      type: MessageRef,
      description: 'The message with the mentions.',
      resolve: (event) => event.message,
    }),
    mentionedUsers: t.field({
      type: [UserRef],
      nullable: true,
      description:
        'The users it mentions, in order of first mention; users that no longer exist are left out. Null when it could not be read (the error on this field says why).',
      resolve: async (event, _args, context) => {
        const users = await Promise.all(
          event.mentioned.map((user) => loadUserOrNull(context, user.uid)),
        );
        return users.filter((user) => user !== null);
      },
    }),
  }),
);

builder.subscriptionField('userMentioned', (t) =>
  t.field({
    type: UserMentionedEvent,
    description:
      'Each message with mentions the caller may read (an admin: all). Pass your own uid as `uid` for the messages that mention you.',
    args: {
      ...whereArgs(t.arg),
      uid: t.arg.string({
        description: 'Only messages mentioning this user (uid).',
        validate: keyArg,
      }),
    },
    subscribe: (_root, args, context) => {
      const uid = uidFilter(args.uid);
      return eventStream(context, {
        triggers: ['user_mentioned'],
        narrow: narrowOf(args),
        accepts: isMessage('user_mentioned'),
        matches: (event) =>
          inPlace(event.message.conversationId, args) &&
          (uid === null || event.mentioned.some((user) => user.uid.toLowerCase() === uid)),
      });
    },
    resolve: (event, _args, context) => beginEvent(context, event),
  }),
);

function receiptType(name: string, action: 'delivered to' | 'read by', trigger: string) {
  return eventType<ReceiptEvent>(
    name,
    `A message was ${action} a user's client (CometChat trigger \`${trigger}\`).`,
    (t) => ({
      message: t.field({
        type: MessageRef,
        nullable: true,
        description:
          'The message, read as the caller may see it; null when it can no longer be read.',
        resolve: (event, _args, context) => loadMessage(context, event.messageId),
      }),
      messageCometchatId: t.exposeString('messageId', {
        description: "CometChat's id of the message (known even when `message` is null).",
      }),
      conversationId: t.exposeString('conversationId', {
        description: "CometChat's id of the conversation the message is in.",
      }),
      user: t.field({
        type: UserRef,
        nullable: true,
        description: `The user it was ${action}; null when that user no longer exists.`,
        resolve: (event, _args, context) => loadUserOrNull(context, event.reader.uid),
      }),
    }),
  );
}

const MessageDeliveredEvent = receiptType(
  'MessageDeliveredEvent',
  'delivered to',
  'message_delivery_receipt',
);
const MessageReadEvent = receiptType('MessageReadEvent', 'read by', 'message_read_receipt');

for (const [field, trigger, type, what] of [
  ['messageDelivered', 'message_delivery_receipt', MessageDeliveredEvent, 'delivery'],
  ['messageRead', 'message_read_receipt', MessageReadEvent, 'read'],
] as const) {
  builder.subscriptionField(field, (t) =>
    t.field({
      type,
      description: `Each ${what} receipt in a conversation the caller may read (an admin: all).`,
      args: {
        ...whereArgs(t.arg),
        messageCometchatId: t.arg.string({
          description: "Only receipts of this message (CometChat's id).",
          validate: keyArg,
        }),
      },
      subscribe: (_root, args, context) => {
        const messageId = idFilter(args.messageCometchatId);
        return eventStream(context, {
          triggers: [trigger],
          narrow: messageId ? { messageId } : narrowOf(args),
          accepts: isReceipt(trigger),
          matches: (event) =>
            inPlace(event.conversationId, args) &&
            (messageId === null || event.messageId === messageId),
        });
      },
      resolve: (event, _args, context) => beginEvent(context, event),
    }),
  );
}

/** The reacted message as the caller may read it; an admin reuses the event's app-level copy. */
function reactionMessage(context: GatewayContext, event: ReactionEvent) {
  if (context.caller.kind === 'admin') return reactedMessage(context, event);
  return loadMessage(context, event.reaction.messageId);
}

function reactionType(name: string, verb: 'added' | 'removed', trigger: string) {
  return eventType<ReactionEvent>(
    name,
    `A reaction was ${verb} (CometChat trigger \`${trigger}\`).`,
    (t) => ({
      reaction: t.field({
        type: ReactionRef,
        description: `The reaction ${verb}: the emoji, who reacted and when.`,
        resolve: (event) => event.reaction,
      }),
      message: t.field({
        type: MessageRef,
        nullable: true,
        description:
          'The message reacted to, as the caller may read it; null when it can no longer be read.',
        resolve: (event, _args, context) => reactionMessage(context, event),
      }),
      messageCometchatId: t.string({
        description: "CometChat's id of the message reacted to.",
        resolve: (event) => event.reaction.messageId,
      }),
    }),
  );
}

const ReactionAddedEvent = reactionType('ReactionAddedEvent', 'added', 'message_reaction_added');
const ReactionRemovedEvent = reactionType(
  'ReactionRemovedEvent',
  'removed',
  'message_reaction_removed',
);

for (const [field, trigger, type, verb] of [
  ['reactionAdded', 'message_reaction_added', ReactionAddedEvent, 'added to'],
  ['reactionRemoved', 'message_reaction_removed', ReactionRemovedEvent, 'removed from'],
] as const) {
  builder.subscriptionField(field, (t) =>
    t.field({
      type,
      description: `Each reaction ${verb} a message the caller may read (an admin: all). A conversation or group filter reads the message once per event to know where it is.`,
      args: {
        ...whereArgs(t.arg),
        messageCometchatId: t.arg.string({
          description: "Only reactions to this message (CometChat's id).",
          validate: keyArg,
        }),
      },
      subscribe: (_root, args, context) => {
        const messageId = idFilter(args.messageCometchatId);
        const where = idFilter(args.conversationId) !== null || idFilter(args.guid) !== null;
        return eventStream(context, {
          triggers: [trigger],
          narrow: messageId ? { messageId } : undefined,
          accepts: isReaction(trigger),
          matches: async (event) => {
            if (messageId !== null && event.reaction.messageId !== messageId) return false;
            if (!where) return true;
            const message = await reactedMessage(context, event);
            return message !== null && inPlace(message.conversationId, args);
          },
        });
      },
      resolve: (event, _args, context) => beginEvent(context, event),
    }),
  );
}

const ModerationDecision = builder.enumType('ModerationDecision', {
  description: "CometChat's moderation outcome for a message.",
  values: {
    APPROVED: { value: 'approved', description: 'The message may be shown.' },
    BLOCKED: { value: 'blocked', description: 'The message was held back.' },
  } as const,
});

const MessageModeratedEvent = eventType<ModerationEvent>(
  'MessageModeratedEvent',
  'CometChat moderation decided about a message (triggers `moderation_engine_approved`, `moderation_engine_blocked`, `moderation_manual_approved`).',
  (t) => ({
    message: t.field({
      type: MessageRef,
      description: 'The moderated message, as CometChat delivered it.',
      resolve: (event) => event.message,
    }),
    decision: t.field({
      type: ModerationDecision,
      description: 'What was decided.',
      resolve: (event) => event.decision,
    }),
    isManual: t.boolean({
      description: 'Whether a moderator decided, rather than the moderation engine.',
      resolve: (event) => event.manual,
    }),
  }),
);

builder.subscriptionField('messageModerated', (t) =>
  t.field({
    type: MessageModeratedEvent,
    description: 'Each moderation decision about a message the caller may read (an admin: all).',
    args: whereArgs(t.arg),
    subscribe: (_root, args, context) =>
      eventStream(context, {
        triggers: [
          'moderation_engine_approved',
          'moderation_engine_blocked',
          'moderation_manual_approved',
        ],
        narrow: narrowOf(args),
        accepts: isModeration,
        matches: (event) => inPlace(event.message.conversationId, args),
      }),
    resolve: (event, _args, context) => beginEvent(context, event),
  }),
);
