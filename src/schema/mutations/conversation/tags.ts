/** conversationTagsUpdate: replaces the tags of a user's view of a conversation. */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import {
  updateGroupConversationTags,
  updateUserConversationTags,
} from '../../../upstream/conversations.js';
import { MUTATION_ERRORS } from '../../errors.js';
import { tags } from '../../input.js';
import { runMutation } from '../../mutation-support.js';
import { ConversationRef } from '../../refs.js';
import { objectPayload } from '../fields.js';
import { conversationInput, pathsOf, targetFields, targetOf } from './target.js';

const ConversationTagsUpdatePayload = objectPayload(
  'ConversationTagsUpdatePayload',
  'The conversation with its new tags.',
  {
    name: 'conversation',
    type: ConversationRef,
    description: 'The conversation as the user now sees it, with the new `tags`.',
  },
);

const ConversationTagsUpdateInput = conversationInput(
  'ConversationTagsUpdateInput',
  "New tags for a user's view of a conversation.",
  {
    ...targetFields,
    tags: tags.required('The tags, replacing the old ones (an empty list removes them).'),
  },
);

builder.mutationFields((t) => ({
  conversationTagsUpdate: t.field({
    type: ConversationTagsUpdatePayload,
    description: "Replaces the tags of a user's view of a 1:1 or group conversation.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation with its new tags, or why they were not set.' },
    },
    args: {
      input: t.arg({
        type: ConversationTagsUpdateInput.ref,
        required: true,
        description: 'Whose view, which conversation and the tags.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = ConversationTagsUpdateInput.parse(input);
      const target = targetOf(context, value);
      const { partner, options } = target;
      const record = await runMutation(
        context,
        () =>
          partner.type === 'user'
            ? updateUserConversationTags(context.upstream, partner.uid, value.tags, options)
            : updateGroupConversationTags(context.upstream, partner.guid, value.tags, options),
        { ...pathsOf(target), fieldMap: { tags: ['tags'] } },
      );
      target.view.prime.conversation(record);
      return { conversation: { record, ownerUid: target.owner } };
    },
  }),
}));
