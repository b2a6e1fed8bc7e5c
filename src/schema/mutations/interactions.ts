/**
 * `messageMarkInteracted`: the viewing user interacted with elements of an interactive message (a
 * form's submit button, a card's action). Interactions are per user, so only as oneself: a user
 * caller, or an admin with `X-Act-As`.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { markInteracted } from '../../upstream/interactions.js';
import { aliased } from '../deprecation.js';
import { MUTATION_ERRORS } from '../errors.js';
import { inputObject, kind } from '../input.js';
import { LIMITS } from '../limits.js';
import { rejectField, runMutation } from '../mutation-support.js';
import { MessageRef } from '../refs.js';
import { messageId } from './message/common.js';

/** CometChat documents no limit; the gateway takes at most this many element ids per call. */
const MAX_ELEMENTS = LIMITS.interactionElements;

/** Characters of an element id. */
const MAX_ELEMENT_ID = 100;

const elementId = kind(
  'String',
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_ELEMENT_ID, `must be at most ${MAX_ELEMENT_ID} characters`),
  `1 to ${MAX_ELEMENT_ID} characters.`,
);

const elementIds = kind(
  ['String'],
  z
    .array(elementId.schema)
    .min(1, 'must name at least one element')
    .max(MAX_ELEMENTS, `must name at most ${MAX_ELEMENTS} elements`),
  `1 to ${MAX_ELEMENTS} element ids of 1 to ${MAX_ELEMENT_ID} characters each.`,
);

interface Payload {
  messageId: string;
}

const MessageMarkInteractedPayload = builder
  .objectRef<Payload>('MessageMarkInteractedPayload')
  .implement({
    description: 'The interactive message the viewing user interacted with.',
    fields: (t) => ({
      ...aliased('message', 'interactedMessage', (options) =>
        t.field({
          ...options,
          type: MessageRef,
          nullable: true,
          description:
            'The message as the viewing user now sees it (`viewerInteractions`); read with one more upstream call when asked for. Null when it is gone.',
          resolve: (payload, _args, context) =>
            context.view().loaders.messages.load(payload.messageId),
        }),
      ),
    }),
  });

const MessageMarkInteracted = inputObject('MessageMarkInteractedInput', {
  description: 'Which elements of which interactive message the viewing user interacted with.',
  fields: {
    messageId: messageId.required(
      'The interactive message: its CometChat id (`cometchatId`) or its global ID.',
    ),
    elementIds: elementIds.required(
      "The `elementId`s interacted with, e.g. a form's submit button.",
    ),
  },
});

builder.mutationField('messageMarkInteracted', (t) =>
  t.field({
    type: MessageMarkInteractedPayload,
    description:
      'Records that the viewing user interacted with elements of an interactive message (a form or card). Only as oneself: a user caller, or an admin with `X-Act-As`. The sender may interact only when the message allows it (`allowSenderInteraction`).',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The message interacted with, or why nothing was recorded.' },
    },
    args: {
      input: t.arg({ type: MessageMarkInteracted.ref, required: true, description: 'What.' }),
    },
    resolve: async (_root, { input }, context) => {
      const value = MessageMarkInteracted.parse(input);
      if (context.caller.kind !== 'user') {
        rejectField(
          [],
          'interactions belong to a user: call as that user (an end-user token, or X-Act-As with the admin token)',
        );
      }
      const view = context.view();
      await runMutation(
        context,
        () => markInteracted(context.upstream, value.messageId, value.elementIds, view.options),
        { targetPath: ['messageId'], fieldMap: { interactions: ['elementIds'] } },
      );
      return { messageId: value.messageId };
    },
  }),
);
