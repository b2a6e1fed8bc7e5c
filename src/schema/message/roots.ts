import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { badUserInput } from '../../errors.js';
import { groupConversationId, userConversationId } from '../../loaders/index.js';
import { conversationIdArg, keyArg } from '../arg-checks.js';
import { connectionComplexity, windowArgs, windowOf } from '../connections.js';
import { ConversationType } from '../conversation.js';
import { messageChildren, startRolesAhead } from '../look-ahead.js';
import { MessageRef } from '../refs.js';
import { MESSAGE_TYPE_NAMES, type MessageTypeName } from './common.js';
import { MessageConnection } from './interface.js';
import { messageConnection, messageFilterArgs, messageQueryFrom } from './list.js';

/** The CometChat id in a message's global ID, or the value itself when it is not one. */
function rawMessageId(value: string): string {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return trimmed;
  try {
    const { typename, id } = decodeGlobalID(trimmed);
    if (MESSAGE_TYPE_NAMES.includes(typename as MessageTypeName)) return id; // checked by includes
  } catch {
    // Not a global ID: look it up as given.
  }
  return trimmed;
}

builder.queryFields((t) => ({
  message: t.field({
    type: MessageRef,
    nullable: true,
    description:
      'Looks a message up by its CometChat id (`cometchatId`) or its global `id`. Null when no such message exists or the caller may not see it.',
    args: {
      id: t.arg.string({
        required: true,
        description: "The message's CometChat id, e.g. `42`, or its global ID.",
        validate: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(200, 'is at most 200 characters'),
      }),
    },
    resolve: (_root, args, context, info) => {
      const id = rawMessageId(args.id);
      const message = context.view().loaders.messages.load(id);
      // A reply has no replies of its own: a selection that also asks for `parent` may well be
      // on one, so its replies are left to their resolver, which reads them only for a parent.
      messageChildren.start(info, context, id, (selected) =>
        selected('parent') ? ['replies'] : [],
      );
      startRolesAhead(info, context);
      return message;
    },
  }),
  messages: t.field({
    type: MessageConnection,
    nullable: true,
    description:
      'Messages, oldest first: of one conversation (`conversationId`, `withUser` or `withGroup`), or of every conversation in reach (app-wide for an admin, or those of the user the list is read as), optionally filtered. Null when it could not be read (the error on this field says why).',
    args: {
      ...windowArgs('messages'),
      conversationId: t.arg.string({
        description:
          "Only this conversation, by CometChat's id (`<uid>_user_<uid>` or `group_<guid>`, the `conversationId` field of a conversation or message).",
        validate: conversationIdArg,
      }),
      withUser: t.arg.string({
        description:
          'Only the 1:1 conversation between the viewing user (a user caller, or `uid`) and this user.',
        validate: keyArg,
      }),
      withGroup: t.arg.string({
        description: 'Only the conversation of this group (guid).',
        validate: keyArg,
      }),
      uid: t.arg.string({
        description:
          'Read the list as this user (admin callers): only their conversations, from their reset points on, with `unread` relative to them. A user caller always reads as themselves.',
        validate: keyArg,
      }),
      conversationType: t.arg({
        type: ConversationType,
        description: 'Only 1:1 messages (USER) or only group messages (GROUP).',
      }),
      ...messageFilterArgs,
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context, info) => {
      const view = context.view(args.uid ?? undefined);
      const { perspective } = view;
      const selectors = [args.conversationId, args.withUser, args.withGroup].filter(
        (value) => value !== null && value !== undefined,
      );
      if (selectors.length > 1) {
        throw badUserInput('Pass at most one of `conversationId`, `withUser` and `withGroup`.');
      }
      let conversationId: string | null = args.conversationId?.trim() ?? null;
      if (args.withUser) {
        if (perspective === null) {
          throw badUserInput('`withUser` needs a viewing user: an admin caller passes `uid` too.');
        }
        conversationId = userConversationId(perspective, args.withUser.trim().toLowerCase());
      }
      if (args.withGroup) conversationId = groupConversationId(args.withGroup.trim().toLowerCase());
      const filters = messageQueryFrom(args, perspective);
      const query =
        filters === null
          ? null
          : {
              ...filters,
              ...(conversationId !== null ? { conversationId } : {}),
              ...(args.conversationType ? { receiverType: args.conversationType } : {}),
            };
      const connection = messageConnection(view, windowOf(args), query);
      if (query !== null) startRolesAhead(info, context);
      return connection;
    },
  }),
}));
