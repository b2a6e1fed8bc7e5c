/**
 * messageSend: a text, media or custom message to one receiver, or one copy each to several.
 * Everything CometChat would refuse for its shape is refused here first, so a bad input never
 * costs an upstream call.
 */
import '../../mutation.js';
import { builder } from '../../../builder.js';
import { sendMessage } from '../../../upstream/messages.js';
import { aliased } from '../../deprecation.js';
import { ITEM_ERRORS } from '../../errors.js';
import { inputObject, key, listOf } from '../../input.js';
import { runMutation } from '../../mutation-support.js';
import { MessageRef } from '../../refs.js';
import { ACTING_FIELD_DEPRECATION, actingView, actorIds } from '../acting.js';
import { conversationEdge, MessageEdgeRef, remember } from './common.js';
import {
  CONTENT_FIELD_MAP,
  checkContent,
  checkSize,
  contentFields,
  contentOf,
  sizeParts,
} from './content.js';
import {
  MessageSendOutcome,
  receiversOf,
  type SendPayload,
  sendToMany,
  sentOutcome,
} from './receivers.js';
import { sendOnceByMuid } from './resend.js';

/** Most receivers one send may name; CometChat sets none, this bounds one call's fan-out. */
const MAX_RECEIVERS = 25;

const MessageSendPayload = builder.objectRef<SendPayload>('MessageSendPayload').implement({
  description: 'The message that was sent, ready to show and to insert into a message list.',
  fields: (t) => ({
    ...aliased('message', 'sentMessage', (options) =>
      t.field({
        ...options,
        type: MessageRef,
        description:
          'The message as CometChat stored it, with its id, `sentAt` and the `muid` you gave. With several receivers: the copy of the first receiver that got it (all copies are in `outcomes`).',
        resolve: (payload) => payload.message,
      }),
    ),
    messageEdge: t.field({
      type: MessageEdgeRef,
      description:
        "The message's edge in its conversation's message lists: its cursor is a position in the conversation, so it pages on in every list over that conversation (`messages(conversationId:)`/`messages(withUser:)`, `User.messages`, `Group.messages`, `Conversation.messages`), with any filters. Append it there.",
      resolve: (payload) => payload.edge,
    }),
    outcomes: t.field({
      type: [MessageSendOutcome],
      description:
        'One outcome per receiver, users first then groups, in input order (duplicates removed). With a single receiver, that one succeeded.',
      resolve: (payload) => payload.outcomes,
    }),
  }),
});

const MessageSend = inputObject('MessageSendInput', {
  description: `A message to send: to whom (\`receiverUids\` and/or \`receiverGuids\`, 1 to ${MAX_RECEIVERS} in total), as whom (\`senderUid\`), and its content. The content makes the kind: \`text\` alone a text message; \`mediaType\` + \`attachments\` (+ optional \`text\` as caption) a media message; \`customType\` + \`customData\` a custom message.`,
  fields: {
    receiverUids: listOf(key).optional(
      `Users to send the message to (1:1), by uid. With more than one receiver in total, each gets its own copy and \`outcomes\` says how each went. At most ${MAX_RECEIVERS} receivers in total.`,
    ),
    receiverGuids: listOf(key).optional(
      'Groups to send the message to, by guid (the sender must be a member).',
    ),
    senderUid: key.optional(
      'Admin callers: send as this user. Left out, the app itself sends it (CometChat shows no user as sender). A user caller always sends as themselves and may leave it out.',
      { deprecationReason: ACTING_FIELD_DEPRECATION },
    ),
    ...contentFields,
  },
  check: (value, ctx) => {
    const total = (value.receiverUids?.length ?? 0) + (value.receiverGuids?.length ?? 0);
    if (total === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['receiverUids'],
        message:
          'name at least one receiver: a user in `receiverUids` or a group in `receiverGuids`',
      });
    }
    if (total > MAX_RECEIVERS) {
      ctx.addIssue({
        code: 'custom',
        path: [(value.receiverUids?.length ?? 0) > 0 ? 'receiverUids' : 'receiverGuids'],
        message: `at most ${MAX_RECEIVERS} receivers in total per send`,
      });
    }
    checkContent(value, ctx);
  },
});

builder.mutationFields((t) => ({
  messageSend: t.field({
    type: MessageSendPayload,
    description:
      "Sends a text, media or custom message to a user or a group, or to several at once (one copy each, with an outcome per receiver). Sent exactly once: never retried, so a lost answer is `UPSTREAM_OUTCOME_UNKNOWN`. Sending again with the same `muid` (same sender and receiver) is safe after that: the gateway first looks for a message with that `muid` among the conversation's latest 100 and returns it instead of sending again (one receiver only, sent by a user or to a group). If no receiver got it, the result is the first receiver's error.",
    nullable: true,
    errors: {
      types: ITEM_ERRORS,
      union: { description: 'The sent message, or why nothing was sent.' },
    },
    args: {
      input: t.arg({
        type: MessageSend.ref,
        required: true,
        description: 'The receivers, the sender and the content.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = MessageSend.parse(input);
      const view = actingView(context, value.senderUid, 'senderUid', false);
      const { options } = view;
      const content = contentOf(value);
      const receivers = receiversOf(value.receiverUids ?? [], value.receiverGuids ?? []);
      const actor = actorIds(view, 'senderUid');
      const only = receivers[0];
      if (receivers.length !== 1 || !only) {
        return sendToMany(context, receivers, content, view, actor);
      }
      const body = { ...content, receiver: only.id, receiverType: only.type };
      checkSize(body, sizeParts(content));
      const message = await runMutation(
        context,
        () =>
          sendOnceByMuid(context, only, content.muid, options, () =>
            sendMessage(context.upstream, body, options),
          ),
        {
          ids: [{ id: only.id, path: only.path }, ...actor],
          targetPath: only.path,
          fieldMap: CONTENT_FIELD_MAP,
        },
      );
      remember(view, message);
      const edge = conversationEdge(message);
      return { message, edge, outcomes: [sentOutcome(only, message, edge)] };
    },
  }),
}));
