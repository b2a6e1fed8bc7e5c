/**
 * Pin and save mutations. A pin marks a message for its whole conversation: a user caller pins
 * as themselves (in groups CometChat lets only admins and moderators pin), an admin caller pins
 * as the app. A save is private: always the viewing user's own, so an admin must act as a user
 * (`X-Act-As`). Each returns the message as it now is. A conversation pin is private too: it
 * orders the viewing user's own conversation list.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import type { CallOptions } from '../../upstream/client.js';
import {
  flagMessage,
  pinConversation,
  pinMessage,
  saveMessage,
  subscribeThread,
  unpinConversation,
  unpinMessage,
  unsaveMessage,
  unsubscribeThread,
} from '../../upstream/pins.js';
import type { MessageRecord } from '../../upstream/records.js';
import { aliased } from '../deprecation.js';
import { MUTATION_ERRORS } from '../errors.js';
import { inputObject, kind } from '../input.js';
import { rejectField, runMutation } from '../mutation-support.js';
import { ConversationRef, type ConversationValue, MessageRef } from '../refs.js';
import { conversationInput, pathsOf, selectorFields, targetOf } from './conversation/target.js';
import { objectPayload } from './fields.js';
import { messageId } from './message/common.js';

/** An input naming one message, `verb` saying what the mutation does to it. */
function messageInput(name: string, description: string, verb: string) {
  return inputObject(name, {
    description,
    fields: {
      messageId: messageId.required(
        `The message to ${verb}: its CometChat id (\`cometchatId\`) or its global ID.`,
      ),
    },
  });
}

type MessageInput = ReturnType<typeof messageInput>;

type Mark = 'pin' | 'save';
type MarkCall = (
  client: GatewayContext['upstream'],
  messageId: string,
  opts: CallOptions,
) => Promise<MessageRecord>;

/** Who the mark is made as: the user caller (or `X-Act-As`); for pins an admin acts as the app. */
function markOptions(context: GatewayContext, mark: Mark): CallOptions {
  const { caller } = context;
  if (caller.kind === 'user') return context.view().options;
  if (mark === 'save') {
    rejectField(
      [],
      'CometChat makes this change as a user (saves, flags and thread subscriptions are per user): call as that user (an end-user token, or X-Act-As with the admin token)',
    );
  }
  return context.view().options;
}

async function mark(
  context: GatewayContext,
  Input: MessageInput,
  input: unknown,
  kind: Mark,
  call: MarkCall,
): Promise<MessageRecord> {
  const { messageId } = Input.parse(input);
  const options = markOptions(context, kind);
  const message = await runMutation(context, () => call(context.upstream, messageId, options), {
    targetPath: ['messageId'],
  });
  context.view(options.onBehalfOf ?? null).prime.message(message);
  return message;
}

interface MarkMutation {
  field: string;
  kind: Mark;
  call: MarkCall;
  payload: string;
  /** The old name of the payload's `message` field, kept as a deprecated alias. */
  legacyField: string;
  payloadDescription: string;
  input: string;
  inputDescription: string;
  verb: string;
  description: string;
}

const MUTATIONS: MarkMutation[] = [
  {
    field: 'messagePin',
    kind: 'pin',
    call: pinMessage,
    payload: 'MessagePinPayload',
    legacyField: 'pinnedMessage',
    payloadDescription: 'The message, now pinned (`isPinned`, `pinnedAt`, `pinnedBy`).',
    input: 'MessagePinInput',
    inputDescription:
      'The message to pin. Pinning a pinned message pins it again (a new `pinnedAt`).',
    verb: 'pin',
    description:
      'Pins a message in its conversation, for everyone in it. A user caller pins as themselves (in a group only admins and moderators may); an admin caller pins as the app. A conversation holds at most 100 pinned messages.',
  },
  {
    field: 'messageUnpin',
    kind: 'pin',
    call: unpinMessage,
    payload: 'MessageUnpinPayload',
    legacyField: 'unpinnedMessage',
    payloadDescription: 'The message, no longer pinned.',
    input: 'MessageUnpinInput',
    inputDescription:
      'The message to unpin. Unpinning a message that is not pinned changes nothing.',
    verb: 'unpin',
    description: 'Unpins a message in its conversation, with the same rules as `messagePin`.',
  },
  {
    field: 'messageSave',
    kind: 'save',
    call: saveMessage,
    payload: 'MessageSavePayload',
    legacyField: 'savedMessage',
    payloadDescription: 'The message, now saved by the viewing user (`isSaved`, `savedAt`).',
    input: 'MessageSaveInput',
    inputDescription: 'The message to save. Saving a saved message keeps its first `savedAt`.',
    verb: 'save',
    description:
      "Saves a message to the viewing user's private saved messages (`viewer.savedMessages`). Only as oneself: a user caller, or an admin with `X-Act-As`.",
  },
  {
    field: 'messageUnsave',
    kind: 'save',
    call: unsaveMessage,
    payload: 'MessageUnsavePayload',
    legacyField: 'unsavedMessage',
    payloadDescription: 'The message, no longer saved by the viewing user.',
    input: 'MessageUnsaveInput',
    inputDescription:
      'The message to unsave. Unsaving a message that is not saved changes nothing.',
    verb: 'unsave',
    description:
      "Removes a message from the viewing user's saved messages, with the same rules as `messageSave`.",
  },
];

for (const spec of MUTATIONS) {
  const Payload = objectPayload(spec.payload, spec.payloadDescription, {
    name: 'message',
    legacyName: spec.legacyField,
    type: MessageRef,
    description: 'The message as it is now.',
  });
  const Input = messageInput(spec.input, spec.inputDescription, spec.verb);
  builder.mutationField(spec.field, (t) =>
    t.field({
      type: Payload,
      description: spec.description,
      nullable: true,
      errors: {
        types: MUTATION_ERRORS,
        union: { description: 'The message as it now is, or why nothing changed.' },
      },
      args: {
        input: t.arg({
          type: Input.ref,
          required: true,
          description: `The message to ${spec.verb}.`,
        }),
      },
      resolve: async (_root, { input }, context) => ({
        message: await mark(context, Input, input, spec.kind, spec.call),
      }),
    }),
  );
}

/** The conversation a pin names, without the deprecated `uid`: a pin is always the caller's own. */
function pinTargetInput(name: string, description: string) {
  return conversationInput(name, description, selectorFields);
}

type PinTargetInput = ReturnType<typeof pinTargetInput>;

async function pinConversationAs(
  context: GatewayContext,
  Input: PinTargetInput,
  input: unknown,
  call: typeof pinConversation,
): Promise<{ conversation: ConversationValue }> {
  const value = Input.parse(input);
  if (context.caller.kind !== 'user') {
    rejectField(
      [],
      'conversation pins belong to a user: call as that user (an end-user token, or X-Act-As with the admin token)',
    );
  }
  const target = targetOf(context, value);
  const record = await runMutation(
    context,
    () => call(context.upstream, target.partner, target.options),
    pathsOf(target),
  );
  target.view.prime.conversation(record);
  return { conversation: { record, ownerUid: target.owner } };
}

for (const spec of [
  {
    field: 'conversationPin',
    call: pinConversation,
    payload: 'ConversationPinPayload',
    input: 'ConversationPinInput',
    inputDescription: 'The conversation to pin in your list. Pinning it again changes nothing.',
    description:
      "Pins a 1:1 or group conversation at the top of the viewing user's conversation list (private to them). Only as oneself: a user caller, or an admin with `X-Act-As`. A user pins at most 5 conversations.",
    outcome: 'The conversation, now pinned (`isPinned`, `pinnedAt`).',
  },
  {
    field: 'conversationUnpin',
    call: unpinConversation,
    payload: 'ConversationUnpinPayload',
    input: 'ConversationUnpinInput',
    inputDescription:
      'The conversation to unpin from your list. Unpinning one that is not pinned changes nothing.',
    description:
      "Unpins a conversation in the viewing user's list, with the same rules as `conversationPin`.",
    outcome: 'The conversation, no longer pinned.',
  },
]) {
  const Payload = objectPayload(spec.payload, spec.outcome, {
    name: 'conversation',
    type: ConversationRef,
    description: 'The conversation as the viewing user now sees it.',
  });
  const Input = pinTargetInput(spec.input, spec.inputDescription);
  builder.mutationField(spec.field, (t) =>
    t.field({
      type: Payload,
      description: spec.description,
      nullable: true,
      errors: {
        types: MUTATION_ERRORS,
        union: { description: 'The conversation as it now is, or why nothing changed.' },
      },
      args: {
        input: t.arg({ type: Input.ref, required: true, description: 'Which conversation.' }),
      },
      resolve: (_root, { input }, context) => pinConversationAs(context, Input, input, spec.call),
    }),
  );
}

/** The payload of a thread subscription change: the parent message, read afterwards when asked for. */
interface ThreadFollowPayload {
  messageId: string;
}

async function followThread(
  context: GatewayContext,
  Input: MessageInput,
  input: unknown,
  call: typeof subscribeThread,
): Promise<ThreadFollowPayload> {
  const { messageId } = Input.parse(input);
  const options = markOptions(context, 'save');
  await runMutation(context, () => call(context.upstream, messageId, options), {
    targetPath: ['messageId'],
  });
  return { messageId };
}

for (const spec of [
  {
    field: 'messageThreadSubscribe',
    call: subscribeThread,
    payload: 'MessageThreadSubscribePayload',
    input: 'MessageThreadSubscribeInput',
    inputDescription:
      'The thread to follow, named by its parent message. Following a followed thread changes nothing; a thread without replies may be followed.',
    description:
      'Follows the thread of a message: the viewing user is notified of its replies. Only as oneself: a user caller, or an admin with `X-Act-As`. CometChat also subscribes users who start a thread or reply in it.',
  },
  {
    field: 'messageThreadUnsubscribe',
    call: unsubscribeThread,
    payload: 'MessageThreadUnsubscribePayload',
    input: 'MessageThreadUnsubscribeInput',
    inputDescription: 'The thread to stop following (mute), named by its parent message.',
    description:
      'Stops following the thread of a message (mutes it), with the same rules as `messageThreadSubscribe`.',
  },
]) {
  const Payload = builder.objectRef<ThreadFollowPayload>(spec.payload).implement({
    description: 'The thread whose subscription changed.',
    fields: (t) => ({
      ...aliased('message', 'parentMessage', (options) =>
        t.field({
          ...options,
          type: MessageRef,
          nullable: true,
          description:
            'The parent message as the viewing user now sees it (`isThreadSubscribed`); read with one more upstream call when asked for. Null when it is gone.',
          resolve: (payload, _args, context) =>
            context.view().loaders.messages.load(payload.messageId),
        }),
      ),
    }),
  });
  const Input = messageInput(spec.input, spec.inputDescription, 'name the thread of');
  builder.mutationField(spec.field, (t) =>
    t.field({
      type: Payload,
      description: spec.description,
      nullable: true,
      errors: {
        types: MUTATION_ERRORS,
        union: { description: 'The thread whose subscription changed, or why nothing changed.' },
      },
      args: {
        input: t.arg({ type: Input.ref, required: true, description: 'The parent message.' }),
      },
      resolve: (_root, { input }, context) => followThread(context, Input, input, spec.call),
    }),
  );
}

/** A gateway limit on the remark (CometChat documents none). */
const MAX_REMARK_LENGTH = 1000;

/** Characters of a moderation reason's id. */
const MAX_REASON_ID = 100;

const reasonId = kind(
  'String',
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_REASON_ID, `must be at most ${MAX_REASON_ID} characters`),
  `1 to ${MAX_REASON_ID} characters.`,
);

const remark = kind(
  'String',
  z.string().trim().max(MAX_REMARK_LENGTH, `must be at most ${MAX_REMARK_LENGTH} characters`),
  `At most ${MAX_REMARK_LENGTH.toLocaleString('en')} characters.`,
);

const MessageFlagPayload = builder.objectRef<ThreadFollowPayload>('MessageFlagPayload').implement({
  description: 'The message that was reported for moderation.',
  fields: (t) => ({
    ...aliased('message', 'flaggedMessage', (options) =>
      t.field({
        ...options,
        type: MessageRef,
        nullable: true,
        description:
          'The reported message; read with one more upstream call when asked for. Null when it is gone.',
        resolve: (payload, _args, context) =>
          context.view().loaders.messages.load(payload.messageId),
      }),
    ),
  }),
});

const MessageFlag = inputObject('MessageFlagInput', {
  description: 'A report of a message for moderation: which message, why, and a note.',
  fields: {
    messageId: messageId.required(
      'The message to report: its CometChat id (`cometchatId`) or its global ID.',
    ),
    reasonId: reasonId.required(
      "Why: the id of one of the app's moderation reasons (set in the CometChat dashboard, e.g. `spam`).",
    ),
    remark: remark.optional('A note for the moderators.'),
  },
});

builder.mutationField('messageFlag', (t) =>
  t.field({
    type: MessageFlagPayload,
    description:
      "Reports a message for moderation as the viewing user, with one of the app's moderation reasons; it then shows in CometChat's flagged messages. Only as oneself: a user caller, or an admin with `X-Act-As`.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The reported message, or why the report was refused.' },
    },
    args: {
      input: t.arg({ type: MessageFlag.ref, required: true, description: 'The report.' }),
    },
    resolve: async (_root, { input }, context) => {
      const value = MessageFlag.parse(input);
      const options = markOptions(context, 'save');
      await runMutation(
        context,
        () =>
          flagMessage(
            context.upstream,
            value.messageId,
            { reasonId: value.reasonId, remark: value.remark ?? undefined },
            options,
          ),
        { targetPath: ['messageId'], fieldMap: { reasonId: ['reasonId'], remark: ['remark'] } },
      );
      return { messageId: value.messageId };
    },
  }),
);
