/** Marking a conversation read, delivered or unread for a user, up to (or from) a message. */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import type { GatewayContext } from '../../../context.js';
import {
  markGroupConversationDelivered,
  markGroupConversationRead,
  markGroupConversationUnread,
  markUserConversationDelivered,
  markUserConversationRead,
  markUserConversationUnread,
} from '../../../upstream/conversations.js';
import { MUTATION_ERRORS } from '../../errors.js';
import { runMutation } from '../../mutation-support.js';
import { ConversationRef, type ConversationValue } from '../../refs.js';
import { objectPayload } from '../fields.js';
import { messageId } from '../message/common.js';
import { conversationInput, pathsOf, targetFields, targetOf, viewOf } from './target.js';

type Mark = 'read' | 'delivered' | 'unread';

const MARK_CALLS = {
  user: {
    read: markUserConversationRead,
    delivered: markUserConversationDelivered,
    unread: markUserConversationUnread,
  },
  group: {
    read: markGroupConversationRead,
    delivered: markGroupConversationDelivered,
    unread: markGroupConversationUnread,
  },
} as const;

/** The payload of a mark: the conversation as the user now sees it, described by `field`. */
function markPayload(name: string, description: string, field: string) {
  return objectPayload(name, description, {
    name: 'conversation',
    type: ConversationRef,
    description: field,
  });
}

const ConversationMarkReadPayload = markPayload(
  'ConversationMarkReadPayload',
  'The conversation after marking it read.',
  'The conversation as the user now sees it (`unreadMessageCount` counts only messages after the one marked).',
);
const ConversationMarkDeliveredPayload = markPayload(
  'ConversationMarkDeliveredPayload',
  'The conversation after marking it delivered.',
  'The conversation as the user now sees it.',
);
const ConversationMarkUnreadPayload = markPayload(
  'ConversationMarkUnreadPayload',
  'The conversation after marking it unread.',
  'The conversation as the user now sees it (`unreadMessageCount` includes the message marked and every later one).',
);

function markInput(name: string, description: string, messageDescription: string) {
  return conversationInput(name, description, {
    ...targetFields,
    messageId: messageId.required(messageDescription),
  });
}

type MarkInput = ReturnType<typeof markInput>;

const ConversationMarkReadInput = markInput(
  'ConversationMarkReadInput',
  'A conversation to mark read for a user, up to a message.',
  'The last message read: it and every earlier message count as read. Its CometChat id (`cometchatId`) or its global ID.',
);
const ConversationMarkDeliveredInput = markInput(
  'ConversationMarkDeliveredInput',
  'A conversation to mark delivered for a user, up to a message.',
  'The last message delivered: it and every earlier message count as delivered. Its CometChat id (`cometchatId`) or its global ID.',
);
const ConversationMarkUnreadInput = markInput(
  'ConversationMarkUnreadInput',
  'A conversation to mark unread for a user, from a message on.',
  'The first unread message: it and every later message count as unread again. Its CometChat id (`cometchatId`) or its global ID.',
);

async function mark(
  context: GatewayContext,
  Input: MarkInput,
  input: unknown,
  action: Mark,
): Promise<{ conversation: ConversationValue }> {
  const value = Input.parse(input);
  const target = targetOf(context, value);
  const { partner, options } = target;
  const messageId = value.messageId;
  await runMutation(
    context,
    () =>
      partner.type === 'user'
        ? MARK_CALLS.user[action](context.upstream, partner.uid, messageId, options)
        : MARK_CALLS.group[action](context.upstream, partner.guid, messageId, options),
    {
      ...pathsOf(target, [{ id: messageId, path: ['messageId'] }]),
      fieldMap: { messageId: ['messageId'] },
    },
  );
  return { conversation: await viewOf(target) };
}

builder.mutationFields((t) => ({
  conversationMarkRead: t.field({
    type: ConversationMarkReadPayload,
    description:
      'Marks a 1:1 or group conversation read for a user, up to and including a message (CometChat sends read receipts).',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation as it now is, or why nothing was marked.' },
    },
    args: {
      input: t.arg({
        type: ConversationMarkReadInput.ref,
        required: true,
        description: 'Whose view, which conversation and up to which message.',
      }),
    },
    resolve: (_root, { input }, context) => mark(context, ConversationMarkReadInput, input, 'read'),
  }),
  conversationMarkDelivered: t.field({
    type: ConversationMarkDeliveredPayload,
    description:
      'Marks a 1:1 or group conversation delivered for a user, up to and including a message (CometChat sends delivery receipts).',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation as it now is, or why nothing was marked.' },
    },
    args: {
      input: t.arg({
        type: ConversationMarkDeliveredInput.ref,
        required: true,
        description: 'Whose view, which conversation and up to which message.',
      }),
    },
    resolve: (_root, { input }, context) =>
      mark(context, ConversationMarkDeliveredInput, input, 'delivered'),
  }),
  conversationMarkUnread: t.field({
    type: ConversationMarkUnreadPayload,
    description:
      'Marks a 1:1 or group conversation unread for a user from a message on, so it shows as unread again. CometChat allows a user 5 of these a minute.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation as it now is, or why nothing was marked.' },
    },
    args: {
      input: t.arg({
        type: ConversationMarkUnreadInput.ref,
        required: true,
        description: 'Whose view, which conversation and from which message.',
      }),
    },
    resolve: (_root, { input }, context) =>
      mark(context, ConversationMarkUnreadInput, input, 'unread'),
  }),
}));
