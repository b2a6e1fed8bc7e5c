/** messageDelete: deletes a message, softly (the default) or for good. */
import '../../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../builder.js';
import { deleteMessage } from '../../../upstream/messages.js';
import type { MessageRecord } from '../../../upstream/records.js';
import { aliased, renamedTo, sameUnderBothNames } from '../../deprecation.js';
import { MUTATION_ERRORS } from '../../errors.js';
import { flag, inputObject, key } from '../../input.js';
import { type MessageTypeName, messageTypeName } from '../../message/common.js';
import { runMutation } from '../../mutation-support.js';
import { MessageRef } from '../../refs.js';
import { ACTING_FIELD_DEPRECATION, actingView, actorIds } from '../acting.js';
import { messageId, remember } from './common.js';

interface DeletePayload {
  cometchatId: string;
  typeName: MessageTypeName | null;
  permanent: boolean;
  message: MessageRecord | null;
}

const MessageDeletePayload = builder.objectRef<DeletePayload>('MessageDeletePayload').implement({
  description: 'Which message was deleted, and how.',
  fields: (t) => ({
    cometchatId: t.exposeString('cometchatId', {
      description: "CometChat's id of the deleted message.",
    }),
    deletedMessageId: t.id({
      nullable: true,
      description:
        "The deleted message's global ID, to drop it from client caches. Null only when CometChat's answer did not show what kind of message it was.",
      resolve: (payload) =>
        payload.typeName === null ? null : encodeGlobalID(payload.typeName, payload.cometchatId),
    }),
    isPermanent: t.exposeBoolean('permanent', {
      description:
        'Whether it was deleted for good. A soft-deleted message stays listed (with `deletedAt`) unless a list hides deleted messages.',
    }),
    ...aliased('message', 'deletedMessage', (options) =>
      t.field({
        ...options,
        type: MessageRef,
        nullable: true,
        description:
          'The soft-deleted message as it is now (`deletedAt` and `deletedBy` set); null after a permanent delete.',
        resolve: (payload) => payload.message,
      }),
    ),
  }),
});

const MessageDelete = inputObject('MessageDeleteInput', {
  description: 'A message to delete, softly (the default) or for good.',
  fields: {
    messageId: messageId.required(
      'The message to delete: its CometChat id (`cometchatId`) or its global ID.',
    ),
    isPermanent: flag.optional(
      'True deletes the message for good; false or left out marks it deleted and keeps it.',
    ),
    permanent: flag.optional('The old name of `isPermanent`; give one of them.', {
      deprecationReason: renamedTo('isPermanent'),
    }),
    asUid: key.optional(
      "Admin callers: delete as this user, who must be the sender (or a group's admin or moderator). Left out, the app deletes it. A user caller always deletes as themselves.",
      { deprecationReason: ACTING_FIELD_DEPRECATION },
    ),
  },
  check: (value, ctx) => {
    if (!sameUnderBothNames('isPermanent', 'permanent')(value)) {
      ctx.addIssue({
        code: 'custom',
        path: ['isPermanent'],
        message: 'give `isPermanent` only (`permanent` is its deprecated name)',
      });
    }
  },
});

builder.mutationFields((t) => ({
  messageDelete: t.field({
    type: MessageDeletePayload,
    description:
      'Deletes a message: softly by default (it stays, marked deleted), or for good with `isPermanent`. Action messages cannot be deleted.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The deleted message, or why it was not deleted.' },
    },
    args: {
      input: t.arg({
        type: MessageDelete.ref,
        required: true,
        description: 'The message and how to delete it.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = MessageDelete.parse(input);
      const view = actingView(context, value.asUid, 'asUid', false);
      const { options } = view;
      const permanent = value.isPermanent ?? value.permanent ?? false;
      // CometChat's answer to a permanent delete names the message without its kind, which the
      // global ID needs; one read beforehand tells it (a failed read only leaves that ID out).
      const before = permanent
        ? await context
            .view()
            .loaders.messages.load(value.messageId)
            .catch(() => null)
        : null;
      const deleted = await runMutation(
        context,
        () => deleteMessage(context.upstream, value.messageId, { permanent }, options),
        {
          ids: actorIds(view, 'asUid'),
          targetPath: ['messageId'],
        },
      );
      const known = deleted.message;
      let message: MessageRecord | null = null;
      if (!permanent) {
        message =
          known && known.deletedAt !== null
            ? known
            : await context.view().loaders.messages.load(value.messageId);
        if (message) remember(view, message);
      }
      const typed = message ?? known ?? before;
      return {
        cometchatId: value.messageId,
        typeName: typed ? messageTypeName(typed) : null,
        permanent,
        message,
      };
    },
  }),
}));
