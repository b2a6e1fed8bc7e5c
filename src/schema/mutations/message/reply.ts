/** messageReply: a reply in a message's thread, as a user (CometChat only lets users reply). */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import { sendThreadReply } from '../../../upstream/messages.js';
import type { MessageRecord } from '../../../upstream/records.js';
import { aliased } from '../../deprecation.js';
import { MUTATION_ERRORS } from '../../errors.js';
import { inputObject, key } from '../../input.js';
import { runMutation } from '../../mutation-support.js';
import type { Edge } from '../../pagination.js';
import { MessageRef } from '../../refs.js';
import { ACTING_FIELD_DEPRECATION, actingView, actorIds } from '../acting.js';
import { MessageEdgeRef, messageId, remember, replyEdge } from './common.js';
import {
  CONTENT_FIELD_MAP,
  checkContent,
  checkSize,
  contentFields,
  contentOf,
  sizeParts,
} from './content.js';

interface ReplyPayload {
  message: MessageRecord;
  edge: Edge<MessageRecord>;
  parentId: string;
}

const MessageReplyPayload = builder.objectRef<ReplyPayload>('MessageReplyPayload').implement({
  description: 'The reply that was posted, and its thread.',
  fields: (t) => ({
    ...aliased('message', 'reply', (options) =>
      t.field({
        ...options,
        type: MessageRef,
        description:
          'The reply as CometChat stored it, with the `muid` you gave (its `parent` is the message replied to).',
        resolve: (payload) => payload.message,
      }),
    ),
    ...aliased('messageEdge', 'replyEdge', (options) =>
      t.field({
        ...options,
        type: MessageEdgeRef,
        description: "The reply's edge in its parent's `replies` list: append it there.",
        resolve: (payload) => payload.edge,
      }),
    ),
    parent: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The message replied to, read after the reply (its `replyCount` includes it). Null when the caller can no longer see it.',
      resolve: (payload, _args, context) => context.view().loaders.messages.load(payload.parentId),
    }),
  }),
});

const MessageReply = inputObject('MessageReplyInput', {
  description:
    "A reply in a message's thread: the message replied to, who replies, and the content (text, media or custom, as for `messageSend`). The reply goes to the parent's conversation.",
  fields: {
    parentMessageId: messageId.required(
      'The message to reply to: its CometChat id (`cometchatId`) or its global ID. Threads do not nest: it must not be a reply itself.',
    ),
    senderUid: key.optional(
      'Admin callers (required there): reply as this user, who must take part in the conversation. A user caller always replies as themselves.',
      { deprecationReason: ACTING_FIELD_DEPRECATION },
    ),
    ...contentFields,
  },
  check: checkContent,
});

builder.mutationFields((t) => ({
  messageReply: t.field({
    type: MessageReplyPayload,
    description:
      "Posts a reply in a message's thread, as a user (CometChat only lets users reply). Sent exactly once, like `messageSend`.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The posted reply, or why it was not posted.' },
    },
    args: {
      input: t.arg({
        type: MessageReply.ref,
        required: true,
        description: 'The message replied to, the replying user and the content.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = MessageReply.parse(input);
      const view = actingView(context, value.senderUid, 'senderUid', true);
      const { options } = view;
      const content = contentOf(value);
      checkSize(content, sizeParts(content));
      const parentId = value.parentMessageId;
      const message = await runMutation(
        context,
        () => sendThreadReply(context.upstream, parentId, content, options),
        {
          ids: actorIds(view, 'senderUid'),
          targetPath: ['parentMessageId'],
          fieldMap: CONTENT_FIELD_MAP,
        },
      );
      remember(view, message);
      return { message, edge: replyEdge(parentId, message), parentId };
    },
  }),
}));
