/**
 * `messageByMuid`: a client that sent a message with its own `muid` and got no confirmation
 * (`UPSTREAM_OUTCOME_UNKNOWN`) can check whether CometChat has it. CometChat's message lists have
 * no `muid` filter, so the lookup reads the conversation's latest messages (one upstream call) and
 * picks the newest one carrying that `muid`; older messages are not searched.
 */
import { z } from 'zod';
import { builder } from '../../builder.js';
import { badUserInput } from '../../errors.js';
import { groupConversationId, userConversationId } from '../../loaders/index.js';
import { keyArg } from '../arg-checks.js';
import { ConversationSelector, conversationOfGlobalId } from '../conversation-selector.js';
import { MessageRef } from '../refs.js';

/** How many of the conversation's latest messages one lookup reads: one upstream page. */
export const MUID_LOOKBACK = 100;

builder.queryField('messageByMuid', (t) =>
  t.field({
    type: MessageRef,
    nullable: true,
    description: `Looks a message up by the \`muid\` its sender gave it, in one conversation (named in \`by\`): the newest of the conversation's latest ${MUID_LOOKBACK} messages carrying that \`muid\`, as the viewing user sees them. Use it after \`messageSend\` answered \`UPSTREAM_OUTCOME_UNKNOWN\` to learn whether the message arrived. Null when none of those messages carries it (or the caller may not see the conversation); an error on this field when the conversation could not be read. Costs one upstream call.`,
    args: {
      muid: t.arg.string({
        required: true,
        description: 'The client-set message id given to `messageSend` as `muid`.',
        validate: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(200, 'is at most 200 characters'),
      }),
      by: t.arg({
        type: ConversationSelector,
        required: true,
        description: 'The conversation, named exactly one way.',
      }),
      uid: t.arg.string({
        description:
          'Read the conversation as this user (admin callers; needed with `withUser`). A user caller always reads as themselves.',
        validate: keyArg,
      }),
    },
    resolve: async (_root, args, context) => {
      const view = context.view(args.uid ?? undefined);
      const { by } = args;
      let conversationId: string;
      if (by.id != null) {
        const key = conversationOfGlobalId(String(by.id));
        if (
          key === null ||
          (key.ownerUid !== null && view.perspective !== null && key.ownerUid !== view.perspective)
        ) {
          throw badUserInput("`by.id` is not the global ID of the viewing user's conversation.");
        }
        conversationId = key.conversationId;
      } else if (by.withUser != null) {
        if (view.perspective === null) {
          throw badUserInput('`withUser` needs a viewing user: an admin caller passes `uid` too.');
        }
        conversationId = userConversationId(view.perspective, by.withUser.trim().toLowerCase());
      } else if (by.withGroup != null) {
        conversationId = groupConversationId(by.withGroup.trim().toLowerCase());
      } else {
        conversationId = by.conversationId?.trim() ?? '';
      }
      const muid = args.muid.trim();
      const page = await view.messages({ conversationId, limit: MUID_LOOKBACK, affix: 'prepend' });
      return page.items.filter((message) => message.muid === muid).at(-1) ?? null;
    },
  }),
);
