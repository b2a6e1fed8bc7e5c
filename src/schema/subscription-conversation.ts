/**
 * `conversationUpdated`: one user's conversation list entry changed (a new, edited or deleted
 * message, or that user's client got or read messages, which changes their unread count), so a
 * conversation list can live-update beside an open conversation (`messageSent`).
 */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { badUserInput } from '../errors.js';
import type { MessageChangeEvent, MessageEvent, ReceiptEvent } from '../webhooks/payloads.js';
import { conversationIdArg, keyArg } from './arg-checks.js';
import { ConversationRef } from './refs.js';
import { beginEvent, eventStream, idFilter } from './subscription.js';

type Change = (MessageEvent & { trigger: 'message_sent' }) | MessageChangeEvent | ReceiptEvent;

interface ConversationChange {
  event: Change;
  ownerUid: string;
}

const ConversationUpdateReason = builder.enumType('ConversationUpdateReason', {
  description: 'What changed a conversation list entry.',
  values: {
    MESSAGE_SENT: { value: 'message_sent', description: 'A message was sent in it.' },
    MESSAGE_EDITED: { value: 'message_edited', description: 'A message in it was edited.' },
    MESSAGE_DELETED: { value: 'message_deleted', description: 'A message in it was deleted.' },
    MESSAGE_DELIVERED: {
      value: 'message_delivery_receipt',
      description: "Messages were delivered to the user's client.",
    },
    MESSAGE_READ: { value: 'message_read_receipt', description: 'The user read messages.' },
  } as const,
});

/**
 * Whose conversation list: a user caller's own (naming anyone else is FORBIDDEN), the user an
 * admin names; null when an admin names nobody.
 */
function ownerOf(context: GatewayContext, uid: string | null | undefined): string | null {
  return context.view(uid ?? undefined).perspective;
}

function conversationIdOf(event: Change): string {
  return event.kind === 'message' ? event.message.conversationId : event.conversationId;
}

const ConversationUpdatedEvent = builder
  .objectRef<ConversationChange>('ConversationUpdatedEvent')
  .implement({
    description:
      "A user's conversation list entry changed: its last message, its unread count or both.",
    fields: (t) => ({
      conversation: t.field({
        type: ConversationRef,
        nullable: true,
        description:
          'The conversation as that user sees it now (last message, unread count), read when the event arrives. Null when it can no longer be read.',
        resolve: async ({ event, ownerUid }, _args, context) => {
          const { loaders } = context.view(ownerUid);
          const record = await loaders.conversations.load(conversationIdOf(event));
          return record === null ? null : { record, ownerUid };
        },
      }),
      conversationId: t.string({
        description: "CometChat's id of the conversation.",
        resolve: ({ event }) => conversationIdOf(event),
      }),
      reason: t.field({
        type: ConversationUpdateReason,
        description: 'What changed it.',
        resolve: ({ event }) => event.trigger,
      }),
      occurredAt: t.field({
        type: 'DateTime',
        description:
          "When it happened, from the payload's own timestamp; when the gateway received CometChat's delivery if the payload has none.",
        resolve: ({ event }) => event.occurredAt,
      }),
    }),
  });

builder.subscriptionField('conversationUpdated', (t) =>
  t.field({
    type: ConversationUpdatedEvent,
    description:
      "Each change to one user's conversation list: a user caller's own; an admin names the user with `uid`.",
    args: {
      uid: t.arg.string({
        description:
          'Whose conversation list (admin callers, required there). A user caller leaves it out or passes their own uid.',
        validate: keyArg,
      }),
      conversationId: t.arg.string({
        description: "Only this conversation (CometChat's id).",
        validate: conversationIdArg,
      }),
    },
    subscribe: (_root, args, context) => {
      const ownerUid = ownerOf(context, args.uid);
      if (ownerUid === null) {
        throw badUserInput('An admin names whose conversation list to follow with `uid`.');
      }
      const conversationId = idFilter(args.conversationId);
      return eventStream(context, {
        triggers: [
          'message_sent',
          'message_edited',
          'message_deleted',
          'message_delivery_receipt',
          'message_read_receipt',
        ],
        narrow: conversationId ? { conversationId } : undefined,
        accepts: (event): event is Change =>
          (event.kind === 'message' && event.trigger === 'message_sent') ||
          event.kind === 'message_change' ||
          (event.kind === 'receipt' && event.reader.uid.toLowerCase() === ownerUid),
        matches: (event) => conversationId === null || conversationIdOf(event) === conversationId,
        asUid: ownerUid,
      });
    },
    resolve: (event, args, context) => ({
      event: beginEvent(context, event),
      ownerUid: ownerOf(context, args.uid) ?? '',
    }),
  }),
);
