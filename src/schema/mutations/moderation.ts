/**
 * Moderation mutations: the flag reasons (create, update, delete) and a moderator's reviews of a
 * flagged or a blocked message. Admin only; one upstream call each.
 */
import '../mutation.js';
import { z } from 'zod';
import { builder } from '../../builder.js';
import {
  createModerationReason,
  deleteModerationReason,
  type ModerationReasonRecord,
  reviewBlockedMessage,
  reviewFlaggedMessage,
  updateModerationReason,
} from '../../upstream/moderation.js';
import type { MessageRecord } from '../../upstream/records.js';
import { aliased } from '../deprecation.js';
import { ConflictFailure, NotFoundFailure, ValidationFailure } from '../errors.js';
import { choice, displayName, inputObject, key, kind, longText } from '../input.js';
import { ModerationDecision, ModerationReason } from '../moderation.js';
import { checkChanges, runMutation } from '../mutation-support.js';
import { MessageRef } from '../refs.js';
import { objectPayload } from './fields.js';

/** A message's CometChat id (`Message.cometchatId`). */
const messageId = kind(
  'String',
  z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{0,18}$/, 'is not a message id'),
  'A positive whole number of at most 19 digits.',
);

const ModerationReasonCreate = inputObject('ModerationReasonCreateInput', {
  description: 'A new reason users may flag messages with.',
  fields: {
    reasonId: key.required('Its identifier.'),
    name: displayName.required('The display name.'),
    description: longText.optional('What it covers.'),
  },
});

const ModerationReasonUpdate = inputObject('ModerationReasonUpdateInput', {
  description: 'Changes to a flag reason; omitted fields stay. At least one change is required.',
  fields: {
    reasonId: key.required('The id of the reason to change.'),
    name: displayName.optional('A new display name.'),
    description: longText.optional('A new description.'),
  },
  check: (input, ctx) => checkChanges(input, 'reasonId', ctx),
});

const ModerationReasonDelete = inputObject('ModerationReasonDeleteInput', {
  description: 'The flag reason to delete.',
  fields: {
    reasonId: key.required('The id of the reason to delete.'),
  },
});

function reviewInput(name: string, description: string) {
  return inputObject(name, {
    description,
    fields: {
      messageId: messageId.required("The message's CometChat id (`Message.cometchatId`)."),
      decision: choice(ModerationDecision).required('Approve the message, or block it.'),
    },
  });
}

const FlaggedMessageReview = reviewInput(
  'FlaggedMessageReviewInput',
  'A decision on a message in the moderation queue.',
);
const ModeratedMessageReview = reviewInput(
  'ModeratedMessageReviewInput',
  'A decision on a message the moderation rules blocked: approve it, or keep it blocked.',
);

const ModerationReasonCreatePayload = objectPayload(
  'ModerationReasonCreatePayload',
  'The reason that was created.',
  { name: 'reason', type: ModerationReason, description: 'The new reason.' },
);
const ModerationReasonUpdatePayload = objectPayload(
  'ModerationReasonUpdatePayload',
  'The reason that was changed.',
  { name: 'reason', type: ModerationReason, description: 'The reason as it is now.' },
);
const ModerationReasonDeletePayload = builder
  .objectRef<{ reasonId: string }>('ModerationReasonDeletePayload')
  .implement({
    description: 'The reason that was deleted.',
    fields: (t) => ({
      reasonId: t.exposeString('reasonId', { description: 'The id of the deleted reason.' }),
    }),
  });

interface ReviewValue {
  messageId: string;
  decision: 'approve' | 'block';
}

function reviewPayload(name: string, description: string) {
  return builder.objectRef<ReviewValue>(name).implement({
    description,
    fields: (t) => ({
      messageId: t.exposeString('messageId', { description: "The message's CometChat id." }),
      decision: t.field({
        type: ModerationDecision,
        description: 'The decision taken.',
        resolve: (value) => value.decision,
      }),
      ...aliased('message', 'reviewedMessage', (options) =>
        t.field({
          ...options,
          type: MessageRef,
          nullable: true,
          description: 'The message as the app reads it now; null when it is gone.',
          resolve: (value, _args, context): Promise<MessageRecord | null> =>
            context.view(null).loaders.messages.load(value.messageId),
        }),
      ),
    }),
  });
}

const FlaggedMessageReviewPayload = reviewPayload(
  'FlaggedMessageReviewPayload',
  'The reviewed message, now out of the queue and in the reviewed list.',
);
const ModeratedMessageReviewPayload = reviewPayload(
  'ModeratedMessageReviewPayload',
  'The reviewed message, now in the reviewed list.',
);

function reason(record: ModerationReasonRecord) {
  return { reason: record };
}

builder.mutationFields((t) => ({
  moderationReasonCreate: t.field({
    type: ModerationReasonCreatePayload,
    description:
      'Creates a reason users may flag messages with (`POST /moderation/reasons`). Admin only. A taken id is a ValidationError from CometChat on `reasonId`.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, ConflictFailure],
      union: { description: 'The new reason, or why it was not created.' },
    },
    args: {
      input: t.arg({
        type: ModerationReasonCreate.ref,
        required: true,
        description: 'The reason.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = ModerationReasonCreate.parse(args.input);
      const record = await runMutation(
        context,
        () =>
          createModerationReason(
            context.upstream,
            {
              id: input.reasonId,
              name: input.name,
              ...(input.description !== undefined ? { description: input.description } : {}),
            },
            context.view(null).options,
          ),
        { targetPath: ['reasonId'], fieldMap: { id: ['reasonId'] } },
      );
      return reason(record);
    },
  }),
  moderationReasonUpdate: t.field({
    type: ModerationReasonUpdatePayload,
    description: 'Changes a flag reason (`PUT /moderation/reasons/{id}`). Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The changed reason, or why nothing changed.' },
    },
    args: {
      input: t.arg({
        type: ModerationReasonUpdate.ref,
        required: true,
        description: 'The changes.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { reasonId, ...changes } = ModerationReasonUpdate.parse(args.input);
      const record = await runMutation(
        context,
        () =>
          updateModerationReason(context.upstream, reasonId, changes, context.view(null).options),
        { targetPath: ['reasonId'] },
      );
      return reason(record);
    },
  }),
  moderationReasonDelete: t.field({
    type: ModerationReasonDeletePayload,
    description:
      'Deletes a flag reason (`DELETE /moderation/reasons/{id}`); users can no longer flag with it. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The deleted reason, or why it was not deleted.' },
    },
    args: {
      input: t.arg({
        type: ModerationReasonDelete.ref,
        required: true,
        description: 'The reason.',
      }),
    },
    resolve: async (_root, args, context) => {
      const { reasonId } = ModerationReasonDelete.parse(args.input);
      await runMutation(
        context,
        () => deleteModerationReason(context.upstream, reasonId, context.view(null).options),
        { targetPath: ['reasonId'] },
      );
      return { reasonId };
    },
  }),
  flaggedMessageReview: t.field({
    type: FlaggedMessageReviewPayload,
    description:
      'Reviews a message in the moderation queue (`PATCH /moderation/flagged-messages/{id}`): APPROVE keeps it visible, BLOCK hides it; either way it leaves the queue for the reviewed list. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The review, or why it was not recorded.' },
    },
    args: {
      input: t.arg({ type: FlaggedMessageReview.ref, required: true, description: 'The review.' }),
    },
    resolve: async (_root, args, context) => {
      const input = FlaggedMessageReview.parse(args.input);
      await runMutation(
        context,
        () =>
          reviewFlaggedMessage(
            context.upstream,
            input.messageId,
            input.decision === 'approve' ? 'approved' : 'disapproved',
            context.view(null).options,
          ),
        { targetPath: ['messageId'] },
      );
      return input;
    },
  }),
  moderatedMessageReview: t.field({
    type: ModeratedMessageReviewPayload,
    description:
      'Reviews a message the moderation rules blocked (`PATCH /moderation/blocked-messages/{id}`): APPROVE releases it, BLOCK keeps it blocked; either way it moves to the reviewed list. Admin only.',
    authScopes: { admin: true },
    nullable: true,
    errors: {
      types: [ValidationFailure, NotFoundFailure],
      union: { description: 'The review, or why it was not recorded.' },
    },
    args: {
      input: t.arg({
        type: ModeratedMessageReview.ref,
        required: true,
        description: 'The review.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = ModeratedMessageReview.parse(args.input);
      await runMutation(
        context,
        () =>
          reviewBlockedMessage(
            context.upstream,
            input.messageId,
            input.decision === 'approve' ? 'approved' : 'rejected',
            context.view(null).options,
          ),
        { targetPath: ['messageId'] },
      );
      return input;
    },
  }),
}));
