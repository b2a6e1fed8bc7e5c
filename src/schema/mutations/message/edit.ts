/** messageEdit: changes the text, caption, metadata, custom data or tags of a message. */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import { editMessage } from '../../../upstream/messages.js';
import { MUTATION_ERRORS } from '../../errors.js';
import { inputObject, json, key, tags, text } from '../../input.js';
import { runMutation } from '../../mutation-support.js';
import { MessageRef } from '../../refs.js';
import { ACTING_FIELD_DEPRECATION, actingView, actorIds } from '../acting.js';
import { objectPayload } from '../fields.js';
import { messageId, remember } from './common.js';
import { CONTENT_FIELD_MAP, checkSize, isBlank } from './content.js';

const MessageEditPayload = objectPayload('MessageEditPayload', 'The message after the edit.', {
  name: 'message',
  legacyName: 'editedMessage',
  type: MessageRef,
  description:
    'The edited message itself (not the "edited" notice CometChat also records), with `editedAt` and `editedBy` set.',
});

const MessageEdit = inputObject('MessageEditInput', {
  description:
    'Changes to a text, media or custom message; give at least one of `text`, `metadata`, `customData` and `tags`. Fields left out stay as they are.',
  fields: {
    messageId: messageId.required(
      'The message to edit: its CometChat id (`cometchatId`) or its global ID.',
    ),
    asUid: key.optional(
      'Admin callers: edit as this user, who must be the sender. Left out, the app edits it (`isEditedByApp`). A user caller always edits as themselves (only their own messages).',
      { deprecationReason: ACTING_FIELD_DEPRECATION },
    ),
    text: text.optional(
      'The new text (of a text message) or caption (of a media message); not blank.',
    ),
    metadata: json.optional(
      'The new metadata, replacing the old; counts towards the message size limit.',
    ),
    customData: json.optional('The new data of a custom message, replacing the old.'),
    tags: tags.optional('The new tags, replacing the old (an empty list removes them).'),
  },
  check: (value, ctx) => {
    if (value.text != null && isBlank(value.text)) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'must not be blank' });
    }
    if (
      value.text == null &&
      value.metadata == null &&
      value.customData == null &&
      value.tags == null
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give at least one change: `text`, `metadata`, `customData` or `tags`',
      });
    }
  },
});

builder.mutationFields((t) => ({
  messageEdit: t.field({
    type: MessageEditPayload,
    description:
      'Edits the text, caption, metadata, custom data or tags of a message, and returns the edited message. Action and call messages cannot be edited, nor deleted ones.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The edited message, or why it was not edited.' },
    },
    args: {
      input: t.arg({
        type: MessageEdit.ref,
        required: true,
        description: 'The message and the changes.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = MessageEdit.parse(input);
      const view = actingView(context, value.asUid, 'asUid', false);
      const { options } = view;
      const changes = {
        ...(value.text != null || value.metadata != null || value.customData != null
          ? {
              data: {
                ...(value.text != null ? { text: value.text } : {}),
                ...(value.metadata != null ? { metadata: value.metadata } : {}),
                ...(value.customData != null ? { customData: value.customData } : {}),
              },
            }
          : {}),
        ...(value.tags != null ? { tags: value.tags } : {}),
      };
      checkSize(changes, {
        text: value.text,
        metadata: value.metadata,
        customData: value.customData,
        tags: value.tags,
      });
      const edited = await runMutation(
        context,
        () => editMessage(context.upstream, value.messageId, changes, options),
        {
          ids: actorIds(view, 'asUid'),
          targetPath: ['messageId'],
          fieldMap: CONTENT_FIELD_MAP,
        },
      );
      remember(view, edited.message);
      return { message: edited.message };
    },
  }),
}));
