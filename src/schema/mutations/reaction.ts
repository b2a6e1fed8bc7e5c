/**
 * Reaction mutations: add or remove one emoji on a message, as a user (CometChat records
 * reactions per user only). Both return the message with its reaction summary as it now is.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import { addReaction, removeReaction } from '../../upstream/reactions.js';
import type { MessageRecord } from '../../upstream/records.js';
import { MUTATION_ERRORS } from '../errors.js';
import { inputObject, key, kind } from '../input.js';
import { runMutation } from '../mutation-support.js';
import { MessageRef } from '../refs.js';
import { actingView, actorIds } from './acting.js';
import { objectPayload } from './fields.js';
import { messageId } from './message/common.js';

/** Characters of a reaction, as CometChat accepts them. */
const MAX_REACTION_LENGTH = 45;

const emoji = kind(
  'String',
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .refine((value) => [...value].length <= MAX_REACTION_LENGTH, {
      message: `must be at most ${MAX_REACTION_LENGTH} characters`,
    }),
  `1 to ${MAX_REACTION_LENGTH} characters.`,
);

function reactionInput(name: string, description: string, verb: string) {
  return inputObject(name, {
    description,
    fields: {
      messageId: messageId.required(
        `The message to ${verb}: its CometChat id (\`cometchatId\`) or its global ID.`,
      ),
      emoji: emoji.required('The reaction, usually one emoji such as 👍.'),
      uid: key.optional(
        'Admin callers (required there): the user who reacts; CometChat keeps reactions per user. A user caller always reacts as themselves.',
      ),
    },
  });
}

type ReactionInput = ReturnType<typeof reactionInput>;

function payloadType(name: string, description: string) {
  return objectPayload(name, description, {
    name: 'message',
    legacyName: 'reactedMessage',
    type: MessageRef,
    description:
      'The message with its reactions as they are now (`reactions` gives the count per emoji).',
  });
}

async function react(
  context: GatewayContext,
  Input: ReactionInput,
  input: unknown,
  call: typeof addReaction,
): Promise<{ message: MessageRecord }> {
  const value = Input.parse(input);
  const view = actingView(context, value.uid, 'uid', true);
  const message = await runMutation(
    context,
    () => call(context.upstream, value.messageId, value.emoji, view.options),
    { ids: actorIds(view, 'uid'), targetPath: ['messageId'], fieldMap: { reaction: ['emoji'] } },
  );
  view.prime.message(message);
  return { message };
}

const MessageReactionAddPayload = payloadType(
  'MessageReactionAddPayload',
  'The message after the reaction was added.',
);
const MessageReactionRemovePayload = payloadType(
  'MessageReactionRemovePayload',
  'The message after the reaction was removed.',
);
const MessageReactionAdd = reactionInput(
  'MessageReactionAddInput',
  'A reaction to add: which message, which emoji, and who reacts. Adding a reaction the user already made changes nothing.',
  'react to',
);
const MessageReactionRemove = reactionInput(
  'MessageReactionRemoveInput',
  'A reaction to take back: which message, which emoji, and whose reaction. Removing a reaction the user did not make changes nothing.',
  'remove the reaction from',
);

builder.mutationFields((t) => ({
  messageReactionAdd: t.field({
    type: MessageReactionAddPayload,
    description:
      'Reacts to a message with an emoji, as a user. A message takes at most 25 distinct reactions.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The message with its reactions, or why the reaction was refused.' },
    },
    args: {
      input: t.arg({
        type: MessageReactionAdd.ref,
        required: true,
        description: 'The message, the emoji and the reacting user.',
      }),
    },
    resolve: (_root, { input }, context) => react(context, MessageReactionAdd, input, addReaction),
  }),
  messageReactionRemove: t.field({
    type: MessageReactionRemovePayload,
    description: "Takes back a user's reaction to a message.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The message with its reactions, or why nothing was removed.' },
    },
    args: {
      input: t.arg({
        type: MessageReactionRemove.ref,
        required: true,
        description: 'The message, the emoji and whose reaction it is.',
      }),
    },
    resolve: (_root, { input }, context) =>
      react(context, MessageReactionRemove, input, removeReaction),
  }),
}));
