import { builder } from '../../builder.js';
import { badUserInput } from '../../errors.js';
import type { View } from '../../loaders/index.js';
import { groupConversationId, userConversationId } from '../../loaders/index.js';
import type { MessageRecord } from '../../upstream/records.js';
import { keyArg } from '../arg-checks.js';
import { connectionComplexity, emptyConnection, windowArgs, windowOf } from '../connections.js';
import { validateConnectionArgs } from '../pagination.js';
import { GroupRef, UserRef } from '../refs.js';
import { MessageConnection } from './interface.js';
import { messageConnection, messageFilterArgs, messageQueryFrom } from './list.js';

builder.objectFields(UserRef, (t) => ({
  messages: t.field({
    type: MessageConnection,
    nullable: true,
    description:
      'The 1:1 conversation with this user, oldest first. For a user caller: between the caller and this user, as the caller sees it (empty on their own user). For an admin caller: between this user and `withUser`, as this user sees it (their reset point and read marks apply). Null when it could not be read (the error on this field says why).',
    args: {
      ...windowArgs('messages'),
      withUser: t.arg.string({
        description:
          'Admin callers (required there): the other user of the conversation. A user caller leaves it out: the other user is the caller.',
        validate: keyArg,
      }),
      ...messageFilterArgs,
    },
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const window = windowOf(args);
      validateConnectionArgs(window, { backwards: true });
      const own = context.view();
      let view: View;
      let perspective: string;
      let other: string;
      if (own.perspective !== null) {
        if (args.withUser) {
          throw badUserInput(
            '`withUser` is for admin callers; a user caller sees their own conversation.',
          );
        }
        if (user.uid === own.perspective) return emptyConnection<MessageRecord>();
        view = own;
        perspective = own.perspective;
        other = user.uid;
      } else {
        if (!args.withUser) {
          throw badUserInput(
            '`withUser` is required for an admin caller: name the other user of the conversation.',
          );
        }
        view = context.view(user.uid);
        perspective = user.uid;
        other = args.withUser.trim().toLowerCase();
        if (other === user.uid) return emptyConnection<MessageRecord>();
      }
      const filters = messageQueryFrom(args, perspective);
      return messageConnection(
        view,
        window,
        filters === null
          ? null
          : { ...filters, conversationId: userConversationId(perspective, other) },
      );
    },
  }),
}));

builder.objectFields(GroupRef, (t) => ({
  messages: t.field({
    type: MessageConnection,
    nullable: true,
    description:
      "The group's conversation, oldest first: all of it for an admin caller; for a user caller as they see it (from their reset point on, empty when they are not a member). Null when it could not be read (the error on this field says why).",
    args: { ...windowArgs('messages'), ...messageFilterArgs },
    complexity: connectionComplexity,
    resolve: (group, args, context) => {
      const view = context.view();
      const filters = messageQueryFrom(args, view.perspective);
      return messageConnection(
        view,
        windowOf(args),
        filters === null ? null : { ...filters, conversationId: groupConversationId(group.guid) },
      );
    },
  }),
}));
