/** conversationReset: deletes a conversation from one user's view. */
import '../../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../builder.js';
import { conversationKey } from '../../../loaders/index.js';
import { resetGroupConversation, resetUserConversation } from '../../../upstream/conversations.js';
import { MUTATION_ERRORS } from '../../errors.js';
import { flag } from '../../input.js';
import { loadUserOrNull } from '../../message/common.js';
import { rejectField, runMutation } from '../../mutation-support.js';
import { UserRef } from '../../refs.js';
import { conversationInput, pathsOf, targetFields, targetOf } from './target.js';

interface ResetPayload {
  owner: string;
  conversationId: string;
}

const ConversationResetPayload = builder
  .objectRef<ResetPayload>('ConversationResetPayload')
  .implement({
    description: 'Which conversation was reset, for whom.',
    fields: (t) => ({
      conversationId: t.exposeString('conversationId', {
        description: "CometChat's id of the conversation that was reset.",
      }),
      deletedConversationId: t.id({
        description:
          "The global ID of the user's view that was reset (as `Conversation.id`), to drop it from client caches. The conversation comes back for the user with the next message.",
        resolve: (payload) =>
          encodeGlobalID('Conversation', conversationKey(payload.owner, payload.conversationId)),
      }),
      viewedBy: t.field({
        type: UserRef,
        nullable: true,
        description: 'The user whose view was reset; null when that user no longer exists.',
        resolve: (payload, _args, context) => loadUserOrNull(context, payload.owner),
      }),
    }),
  });

const ConversationResetInput = conversationInput(
  'ConversationResetInput',
  "A conversation to reset (delete) for a user: it leaves the user's list and its messages so far are hidden from them.",
  {
    ...targetFields,
    deleteMessagesPermanently: flag.withDefault(
      false,
      '1:1 conversations only: also delete its messages for good, for both users. False (the default) only hides them from this user.',
    ),
  },
);

builder.mutationFields((t) => ({
  conversationReset: t.field({
    type: ConversationResetPayload,
    description:
      "Resets (deletes) a 1:1 or group conversation for a user: it leaves their conversation list and the messages so far are hidden from them; the other participants keep theirs. With `deleteMessagesPermanently` a 1:1 conversation's messages are deleted for good.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'Which conversation was reset, or why it was not.' },
    },
    args: {
      input: t.arg({
        type: ConversationResetInput.ref,
        required: true,
        description: 'Whose view and which conversation.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = ConversationResetInput.parse(input);
      const target = targetOf(context, value);
      const { partner, options } = target;
      const permanently = value.deleteMessagesPermanently;
      if (permanently && partner.type === 'group') {
        rejectField(
          ['deleteMessagesPermanently'],
          "applies to 1:1 conversations only; a group's messages are deleted one by one (`messageDelete`)",
        );
      }
      await runMutation(
        context,
        () =>
          partner.type === 'user'
            ? resetUserConversation(
                context.upstream,
                partner.uid,
                { deleteMessagesPermanently: permanently },
                options,
              )
            : resetGroupConversation(context.upstream, partner.guid, options),
        pathsOf(target),
      );
      return { owner: target.owner, conversationId: target.conversationId };
    },
  }),
}));
