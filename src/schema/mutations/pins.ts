/**
 * Pin and save mutations. A pin marks a message for its whole conversation: a user caller pins
 * as themselves (in groups CometChat lets only admins and moderators pin), an admin caller pins
 * as the app. A save is private: always the viewing user's own, so an admin must act as a user
 * (`X-Act-As`). Each returns the message as it now is.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { type GatewayContext, upstreamOptions } from '../../context.js';
import { primeMessage } from '../../loaders/prime.js';
import type { CallOptions } from '../../upstream/client.js';
import { pinMessage, saveMessage, unpinMessage, unsaveMessage } from '../../upstream/pins.js';
import type { MessageRecord } from '../../upstream/records.js';
import { MUTATION_ERRORS } from '../errors.js';
import { rejectField, runMutation, validateInput } from '../mutation-support.js';
import { MessageRef } from '../refs.js';
import { objectPayload } from './fields.js';
import { messageIdSchema } from './message/common.js';

const markSchema = z.object({ messageId: messageIdSchema });

type Mark = 'pin' | 'save';
type MarkCall = (
  client: GatewayContext['upstream'],
  messageId: string,
  opts: CallOptions,
) => Promise<MessageRecord>;

/** Who the mark is made as: the user caller (or `X-Act-As`); for pins an admin acts as the app. */
function markOptions(context: GatewayContext, mark: Mark): CallOptions {
  const { caller } = context;
  if (caller.kind === 'user') return { onBehalfOf: caller.uid, signal: context.signal };
  if (mark === 'save') {
    rejectField(
      [],
      'saved messages belong to a user: call as that user (an end-user token, or X-Act-As with the admin token)',
    );
  }
  return upstreamOptions(context);
}

async function mark(
  context: GatewayContext,
  input: unknown,
  kind: Mark,
  call: MarkCall,
): Promise<MessageRecord> {
  const { messageId } = validateInput(markSchema, input);
  const options = markOptions(context, kind);
  const message = await runMutation(context, () => call(context.upstream, messageId, options), {
    targetPath: ['messageId'],
  });
  primeMessage(context, message, options.onBehalfOf ?? null);
  return message;
}

function inputType(name: string, description: string, verb: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      messageId: t.string({
        required: true,
        description: `The message to ${verb}: its CometChat id (\`cometchatId\`) or its global ID.`,
      }),
    }),
  });
}

interface MarkMutation {
  field: string;
  kind: Mark;
  call: MarkCall;
  payload: string;
  payloadField: string;
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
    payloadField: 'pinnedMessage',
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
    payloadField: 'unpinnedMessage',
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
    payloadField: 'savedMessage',
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
    payloadField: 'unsavedMessage',
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
    name: spec.payloadField,
    type: MessageRef,
    description: 'The message as it is now.',
  });
  const Input = inputType(spec.input, spec.inputDescription, spec.verb);
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
        input: t.arg({ type: Input, required: true, description: `The message to ${spec.verb}.` }),
      },
      resolve: async (_root, { input }, context) => ({
        [spec.payloadField]: await mark(context, input, spec.kind, spec.call),
      }),
    }),
  );
}
