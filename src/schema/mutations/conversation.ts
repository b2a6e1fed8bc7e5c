/**
 * Conversation mutations: mark read, mark delivered and mark unread up to a message, replace the
 * tags, and reset (delete) a conversation. CometChat keeps all of this per participant, so every
 * mutation names whose view it changes (`uid`; a user caller changes their own) and acts as that
 * user.
 */
import '../mutation.js';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { GatewayContext } from '../../context.js';
import {
  type ConversationPartnerKey,
  conversationKey,
  conversationPartner,
  groupConversationId,
  userConversationId,
} from '../../loaders/conversations.js';
import { primeConversation } from '../../loaders/prime.js';
import type { CallOptions } from '../../upstream/client.js';
import {
  markGroupConversationDelivered,
  markGroupConversationRead,
  markGroupConversationUnread,
  markUserConversationDelivered,
  markUserConversationRead,
  markUserConversationUnread,
  resetGroupConversation,
  resetUserConversation,
  updateGroupConversationTags,
  updateUserConversationTags,
} from '../../upstream/conversations.js';
import { MUTATION_ERRORS, NotFoundFailure } from '../errors.js';
import { idSchema, tagsSchema } from '../limits.js';
import { loadUserOrNull, orClientError } from '../message/common.js';
import { rejectField, validateInput } from '../mutation-support.js';
import { ConversationRef, type ConversationValue, UserRef } from '../refs.js';
import {
  actingAs,
  type IdField,
  type InputFieldBuilder,
  messageIdSchema,
  type WriteOptions,
  writeOnce,
} from './message.js';

// ---------------------------------------------------------------------------------------------
// Which conversation, as whose view

const targetShape = {
  uid: idSchema.nullish(),
  conversationId: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(250, 'must be at most 250 characters')
    .transform((value) => value.toLowerCase())
    .nullish(),
  withUser: idSchema.nullish(),
  withGroup: idSchema.nullish(),
};

type Selector = 'conversationId' | 'withUser' | 'withGroup';

/** Exactly one of `conversationId`, `withUser` and `withGroup`. */
function checkTarget(
  value: { conversationId?: unknown; withUser?: unknown; withGroup?: unknown },
  ctx: z.RefinementCtx,
): void {
  const given = (['conversationId', 'withUser', 'withGroup'] as const).filter(
    (field) => value[field] !== null && value[field] !== undefined,
  );
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: given.length === 0 ? ['conversationId'] : [given[1] ?? 'withUser'],
      message:
        'name the conversation with exactly one of `conversationId`, `withUser` and `withGroup`',
    });
  }
}

interface Target {
  owner: string;
  conversationId: string;
  partner: ConversationPartnerKey;
  /** The input field that named the conversation. */
  selector: Selector;
  options: CallOptions;
}

/** Whose view (`uid`, or the user caller) and which conversation; checked before any call. */
function targetOf(
  context: GatewayContext,
  value: {
    uid?: string | null | undefined;
    conversationId?: string | null | undefined;
    withUser?: string | null | undefined;
    withGroup?: string | null | undefined;
  },
): Target {
  const options = actingAs(context, value.uid, 'uid', true);
  const owner = options.onBehalfOf ?? '';
  if (value.withUser) {
    if (value.withUser === owner) {
      rejectField(
        ['withUser'],
        'names the viewing user: a user has no conversation with themselves',
      );
    }
    return {
      owner,
      conversationId: userConversationId(owner, value.withUser),
      partner: { type: 'user', uid: value.withUser },
      selector: 'withUser',
      options,
    };
  }
  if (value.withGroup) {
    return {
      owner,
      conversationId: groupConversationId(value.withGroup),
      partner: { type: 'group', guid: value.withGroup },
      selector: 'withGroup',
      options,
    };
  }
  const conversationId = value.conversationId ?? '';
  const partner = conversationPartner(conversationId, owner);
  if (partner === null || (partner.type === 'user' && partner.uid === owner)) {
    rejectField(
      ['conversationId'],
      `is not a conversation ${owner} takes part in (expected \`<uid>_user_<uid>\` with ${owner} as one of the uids, or \`group_<guid>\`)`,
    );
  }
  return { owner, conversationId, partner, selector: 'conversationId', options };
}

/**
 * Where a refusal points: at the field whose id it quotes (the message, the partner, the viewing
 * user); a conversation the user cannot see at the field that named the conversation.
 */
function pathsOf(target: Target, extra: IdField[] = []): WriteOptions {
  const partner = target.partner.type === 'user' ? target.partner.uid : target.partner.guid;
  return {
    ids: [...extra, { id: partner, path: [target.selector] }, { id: target.owner, path: ['uid'] }],
    fallback: [target.selector],
    byCode: {
      ERR_CONVERSATION_NOT_ACCESSIBLE: [target.selector],
      ERR_CONVERSATION_NOT_FOUND: [target.selector],
    },
  };
}

/** The conversation as the owner sees it now (after the change), through the request's loader. */
async function viewOf(context: GatewayContext, target: Target): Promise<ConversationValue> {
  const record = await orClientError(
    context.loaders.conversations.load(conversationKey(target.owner, target.conversationId)),
  );
  if (record === null) {
    throw new NotFoundFailure(
      `The conversation ${target.conversationId} is not visible to ${target.owner}.`,
      ['input', target.selector],
    );
  }
  return { record, ownerUid: target.owner };
}

const targetFieldDescriptions = {
  uid: 'Whose view of the conversation to change: required for admin callers (CometChat acts as that user). A user caller changes their own view and may leave it out.',
  conversationId:
    "The conversation by CometChat's id (`<uid>_user_<uid>` or `group_<guid>`). Give exactly one of `conversationId`, `withUser` and `withGroup`.",
  withUser: 'The 1:1 conversation with this user (uid).',
  withGroup: "The group's conversation (guid).",
};

function targetFields(t: InputFieldBuilder) {
  return {
    uid: t.string({ description: targetFieldDescriptions.uid }),
    conversationId: t.string({ description: targetFieldDescriptions.conversationId }),
    withUser: t.string({ description: targetFieldDescriptions.withUser }),
    withGroup: t.string({ description: targetFieldDescriptions.withGroup }),
  };
}

// ---------------------------------------------------------------------------------------------
// Payloads

interface ConversationPayload {
  conversation: ConversationValue;
}

function conversationPayload(name: string, description: string, field: string) {
  return builder.objectRef<ConversationPayload>(name).implement({
    description,
    fields: (t) => ({
      conversation: t.field({
        type: ConversationRef,
        description: field,
        resolve: (payload) => payload.conversation,
      }),
    }),
  });
}

const ConversationMarkReadPayload = conversationPayload(
  'ConversationMarkReadPayload',
  'The conversation after marking it read.',
  'The conversation as the user now sees it (`unreadMessageCount` counts only messages after the one marked).',
);
const ConversationMarkDeliveredPayload = conversationPayload(
  'ConversationMarkDeliveredPayload',
  'The conversation after marking it delivered.',
  'The conversation as the user now sees it.',
);
const ConversationMarkUnreadPayload = conversationPayload(
  'ConversationMarkUnreadPayload',
  'The conversation after marking it unread.',
  'The conversation as the user now sees it (`unreadMessageCount` includes the message marked and every later one).',
);
const ConversationTagsUpdatePayload = conversationPayload(
  'ConversationTagsUpdatePayload',
  'The conversation with its new tags.',
  'The conversation as the user now sees it, with the new `tags`.',
);

interface ResetPayload {
  owner: string;
  conversationId: string;
}

const ConversationResetPayload = builder
  .objectRef<ResetPayload>('ConversationResetPayload')
  .implement({
    description: 'Which conversation was reset, for whom.',
    fields: (t) => ({
      conversationId: t.exposeString('conversationId', {
        description: "CometChat's id of the conversation that was reset.",
      }),
      deletedConversationId: t.id({
        description:
          "The global ID of the user's view that was reset (as `Conversation.id`), to drop it from client caches. The conversation comes back for the user with the next message.",
        resolve: (payload) =>
          encodeGlobalID('Conversation', conversationKey(payload.owner, payload.conversationId)),
      }),
      viewedBy: t.field({
        type: UserRef,
        nullable: true,
        description: 'The user whose view was reset; null when that user no longer exists.',
        resolve: (payload, _args, context) => loadUserOrNull(context, payload.owner),
      }),
    }),
  });

// ---------------------------------------------------------------------------------------------
// Inputs

function markInput(name: string, description: string, messageDescription: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      ...targetFields(t),
      messageId: t.string({ required: true, description: messageDescription }),
    }),
  });
}

const ConversationMarkReadInput = markInput(
  'ConversationMarkReadInput',
  'A conversation to mark read for a user, up to a message. Give exactly one of `conversationId`, `withUser` and `withGroup`.',
  'The last message read: it and every earlier message count as read. Its CometChat id (`cometchatId`) or its global ID.',
);
const ConversationMarkDeliveredInput = markInput(
  'ConversationMarkDeliveredInput',
  'A conversation to mark delivered for a user, up to a message. Give exactly one of `conversationId`, `withUser` and `withGroup`.',
  'The last message delivered: it and every earlier message count as delivered. Its CometChat id (`cometchatId`) or its global ID.',
);

const ConversationMarkUnreadInput = markInput(
  'ConversationMarkUnreadInput',
  'A conversation to mark unread for a user, from a message on. Give exactly one of `conversationId`, `withUser` and `withGroup`.',
  'The first unread message: it and every later message count as unread again. Its CometChat id (`cometchatId`) or its global ID.',
);

const ConversationTagsUpdateInput = builder.inputType('ConversationTagsUpdateInput', {
  description:
    "New tags for a user's view of a conversation. Give exactly one of `conversationId`, `withUser` and `withGroup`.",
  fields: (t) => ({
    ...targetFields(t),
    tags: t.stringList({
      required: true,
      description:
        'The tags, replacing the old ones (an empty list removes them): at most 25, each 1 to 100 characters.',
    }),
  }),
});

const ConversationResetInput = builder.inputType('ConversationResetInput', {
  description:
    "A conversation to reset (delete) for a user: it leaves the user's list and its messages so far are hidden from them. Give exactly one of `conversationId`, `withUser` and `withGroup`.",
  fields: (t) => ({
    ...targetFields(t),
    deleteMessagesPermanently: t.boolean({
      defaultValue: false,
      description:
        '1:1 conversations only: also delete its messages for good, for both users. False (the default) only hides them from this user.',
    }),
  }),
});

const markSchema = z
  .object({ ...targetShape, messageId: messageIdSchema })
  .superRefine((value, ctx) => checkTarget(value, ctx));

const tagsUpdateSchema = z
  .object({ ...targetShape, tags: tagsSchema })
  .superRefine((value, ctx) => checkTarget(value, ctx));

const resetSchema = z
  .object({ ...targetShape, deleteMessagesPermanently: z.boolean().nullish() })
  .superRefine((value, ctx) => checkTarget(value, ctx));

// ---------------------------------------------------------------------------------------------
// Mutations

const MESSAGE_ID_FIELD = { messageId: ['messageId'] };

async function mark(
  context: GatewayContext,
  input: unknown,
  action: 'read' | 'delivered' | 'unread',
): Promise<ConversationPayload> {
  const value = validateInput(markSchema, input);
  const target = targetOf(context, value);
  const { partner, options } = target;
  const messageId = value.messageId;
  await writeOnce(
    context,
    () => {
      if (partner.type === 'user') {
        const call = {
          read: markUserConversationRead,
          delivered: markUserConversationDelivered,
          unread: markUserConversationUnread,
        }[action];
        return call(context.upstream, partner.uid, messageId, options);
      }
      const call = {
        read: markGroupConversationRead,
        delivered: markGroupConversationDelivered,
        unread: markGroupConversationUnread,
      }[action];
      return call(context.upstream, partner.guid, messageId, options);
    },
    { ...pathsOf(target, [{ id: messageId, path: ['messageId'] }]), fieldMap: MESSAGE_ID_FIELD },
  );
  return { conversation: await viewOf(context, target) };
}

builder.mutationFields((t) => ({
  conversationMarkRead: t.field({
    type: ConversationMarkReadPayload,
    description:
      'Marks a 1:1 or group conversation read for a user, up to and including a message (CometChat sends read receipts).',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation as it now is, or why nothing was marked.' },
    },
    args: {
      input: t.arg({
        type: ConversationMarkReadInput,
        required: true,
        description: 'Whose view, which conversation and up to which message.',
      }),
    },
    resolve: (_root, { input }, context) => mark(context, input, 'read'),
  }),
  conversationMarkDelivered: t.field({
    type: ConversationMarkDeliveredPayload,
    description:
      'Marks a 1:1 or group conversation delivered for a user, up to and including a message (CometChat sends delivery receipts).',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation as it now is, or why nothing was marked.' },
    },
    args: {
      input: t.arg({
        type: ConversationMarkDeliveredInput,
        required: true,
        description: 'Whose view, which conversation and up to which message.',
      }),
    },
    resolve: (_root, { input }, context) => mark(context, input, 'delivered'),
  }),
  conversationMarkUnread: t.field({
    type: ConversationMarkUnreadPayload,
    description:
      'Marks a 1:1 or group conversation unread for a user from a message on, so it shows as unread again. CometChat allows a user 5 of these a minute.',
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'The conversation as it now is, or why nothing was marked.' },
    },
    args: {
      input: t.arg({
        type: ConversationMarkUnreadInput,
        required: true,
        description: 'Whose view, which conversation and from which message.',
      }),
    },
    resolve: (_root, { input }, context) => mark(context, input, 'unread'),
  }),
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
        type: ConversationTagsUpdateInput,
        required: true,
        description: 'Whose view, which conversation and the tags.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = validateInput(tagsUpdateSchema, input);
      const target = targetOf(context, value);
      const { partner, options } = target;
      const record = await writeOnce(
        context,
        () =>
          partner.type === 'user'
            ? updateUserConversationTags(context.upstream, partner.uid, value.tags, options)
            : updateGroupConversationTags(context.upstream, partner.guid, value.tags, options),
        { ...pathsOf(target), fieldMap: { tags: ['tags'] } },
      );
      primeConversation(context, record, target.owner);
      return { conversation: { record, ownerUid: target.owner } };
    },
  }),
  conversationReset: t.field({
    type: ConversationResetPayload,
    description:
      "Resets (deletes) a 1:1 or group conversation for a user: it leaves their conversation list and the messages so far are hidden from them; the other participants keep theirs. With `deleteMessagesPermanently` a 1:1 conversation's messages are deleted for good.",
    nullable: true,
    errors: {
      types: MUTATION_ERRORS,
      union: { description: 'Which conversation was reset, or why it was not.' },
    },
    args: {
      input: t.arg({
        type: ConversationResetInput,
        required: true,
        description: 'Whose view and which conversation.',
      }),
    },
    resolve: async (_root, { input }, context) => {
      const value = validateInput(resetSchema, input);
      const target = targetOf(context, value);
      const { partner, options } = target;
      const permanently = value.deleteMessagesPermanently ?? false;
      if (permanently && partner.type === 'group') {
        rejectField(
          ['deleteMessagesPermanently'],
          "applies to 1:1 conversations only; a group's messages are deleted one by one (`messageDelete`)",
        );
      }
      await writeOnce(
        context,
        () =>
          partner.type === 'user'
            ? resetUserConversation(
                context.upstream,
                partner.uid,
                { deleteMessagesPermanently: permanently },
                options,
              )
            : resetGroupConversation(context.upstream, partner.guid, options),
        pathsOf(target),
      );
      return { owner: target.owner, conversationId: target.conversationId };
    },
  }),
}));
