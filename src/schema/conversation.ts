import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { badUserInput } from '../errors.js';
import {
  type ConversationPartnerKey,
  conversationKey,
  conversationPartner,
  groupConversationId,
  parseConversationKey,
  userConversationId,
} from '../loaders/index.js';
import { conversationIdArg, keyArg } from './arg-checks.js';
import { connectionComplexity, windowArgs, windowOf } from './connections.js';
import { ConversationSelector, conversationOfGlobalId } from './conversation-selector.js';
import { replacedBy } from './deprecation.js';
import { APP_SYSTEM_UID, loadUserOrNull } from './message/common.js';
import { MessageConnection } from './message/interface.js';
import { messageConnection, messageFilterArgs, messageQueryFrom } from './message/list.js';
import {
  ConversationPartnerRef,
  ConversationRef,
  type ConversationValue,
  GroupRef,
  MessageRef,
  UserRef,
} from './refs.js';

export const ConversationType = builder.enumType('ConversationType', {
  description: 'Whether a conversation is between two users or in a group.',
  values: {
    USER: { value: 'user', description: 'A 1:1 conversation between two users.' },
    GROUP: { value: 'group', description: "A group's conversation." },
  } as const,
});

/**
 * A conversation by its global-ID key, in its owner's view. Null when the key names nobody's view,
 * or a view the caller may not read (a user caller reads only their own): to them it is missing.
 */
function loadConversationValue(
  context: GatewayContext,
  key: string,
): Promise<ConversationValue | null> | null {
  const parsed = parseConversationKey(key);
  if (parsed === null || parsed.ownerUid === null) return null;
  if (!context.reads.mayView(parsed.ownerUid)) return null;
  return lookup(context, parsed.ownerUid, parsed.conversationId);
}

/** One user's view of a conversation by its CometChat id; null when that user takes no part. */
function lookup(
  context: GatewayContext,
  ownerUid: string,
  conversationId: string,
): Promise<ConversationValue | null> | null {
  if (conversationPartner(conversationId, ownerUid) === null) return null;
  const { loaders } = context.view(ownerUid);
  return loaders.conversations
    .load(conversationId)
    .then((record) => (record === null ? null : { record, ownerUid }));
}

builder.node(ConversationRef, {
  description:
    'A conversation as one participant sees it: CometChat keeps unread counts, tags and reset points per participant. Its ID names both the conversation and that participant. A group conversation listed app-wide (admin, without `uid`) has no known participant, and `node` cannot refetch it by that ID.',
  id: {
    resolve: (value) => conversationKey(value.ownerUid, value.record.conversationId),
  },
  loadMany: (keys, context) => keys.map((key) => loadConversationValue(context, key)),
  fields: (t) => ({
    conversationId: t.string({
      description:
        "CometChat's id of the conversation: `<uid>_user_<uid>` (both uids sorted) for 1:1, `group_<guid>` for a group.",
      resolve: (value) => value.record.conversationId,
    }),
    type: t.field({
      type: ConversationType,
      description: 'Whether it is a 1:1 or a group conversation.',
      resolve: (value) => value.record.conversationType,
    }),
    with: t.field({
      type: ConversationPartnerRef,
      nullable: true,
      description:
        'The other side: the other user of a 1:1 conversation, or the group. Null when it no longer exists.',
      resolve: (value, _args, context) => {
        const { record, ownerUid } = value;
        const partner: ConversationPartnerKey | null =
          record.conversationWith?.kind === 'user'
            ? { type: 'user', uid: record.conversationWith.uid }
            : conversationPartner(record.conversationId, ownerUid);
        if (partner === null) return null;
        const { loaders } = context.view();
        if (partner.type === 'group') return loaders.groups.load(partner.guid);
        return loaders.users.load(partner.uid);
      },
    }),
    viewedBy: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The participant whose view this is (unread count, tags and reset point are theirs). Null for a group conversation listed app-wide, and when that user no longer exists.',
      resolve: (value, _args, context) => loadUserOrNull(context, value.ownerUid),
    }),
    lastMessage: t.field({
      type: MessageRef,
      nullable: true,
      description:
        'The latest message (thread replies and edit or delete notices aside). Null when it was deleted or there is none.',
      resolve: (value) => value.record.lastMessage,
    }),
    unreadMessageCount: t.int({
      description: 'How many messages the participant has not read yet.',
      resolve: (value) => value.record.unreadMessageCount,
    }),
    tags: t.stringList({
      description:
        'Labels the participant attached to the conversation, in the order they were set.',
      resolve: (value) => value.record.tags,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the conversation started for the participant; null when unknown.',
      resolve: (value) => value.record.createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the conversation last changed (usually its last message); null when unknown.',
      resolve: (value) => value.record.updatedAt,
    }),
    messages: t.field({
      type: MessageConnection,
      nullable: true,
      description:
        'The messages of the conversation, oldest first, as the participant sees them (from their reset point on). A group conversation listed app-wide shows all of them. Null when it could not be read (the error on this field says why).',
      args: { ...windowArgs('messages'), ...messageFilterArgs },
      complexity: connectionComplexity,
      resolve: (value, args, context) => {
        const view = context.view(value.ownerUid);
        const filters = messageQueryFrom(args, view.perspective);
        return messageConnection(
          view,
          windowOf(args),
          filters === null ? null : { ...filters, conversationId: value.record.conversationId },
        );
      },
    }),
  }),
});

/** The `uid` of a lookup that is always some user's view of a conversation. */
const viewOwnerArgs = builder.args((t) => ({
  uid: t.string({
    description:
      'Whose view (admin callers, required there). A user caller leaves it out or passes their own uid.',
    validate: keyArg,
  }),
}));

builder.queryFields((t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description:
      'Looks one conversation up as a user sees it, named in `by` (its global ID, its CometChat id, or its partner). A user caller sees their own; an admin names the user with `uid` (or `X-Act-As`). Null when that user takes no part in it or it has no messages they can see.',
    args: {
      by: t.arg({
        type: ConversationSelector,
        description: 'The conversation, named exactly one way.',
      }),
      conversationId: t.arg.string({
        deprecationReason: replacedBy('Use `by: { conversationId }`.'),
        description: "CometChat's id of the conversation (`<uid>_user_<uid>` or `group_<guid>`).",
        validate: conversationIdArg,
      }),
      withUser: t.arg.string({
        deprecationReason: replacedBy('Use `by: { withUser }`.'),
        description: 'The 1:1 conversation with this user (uid).',
        validate: keyArg,
      }),
      withGroup: t.arg.string({
        deprecationReason: replacedBy('Use `by: { withGroup }`.'),
        description: 'The conversation of this group (guid).',
        validate: keyArg,
      }),
      ...viewOwnerArgs,
    },
    resolve: (_root, args, context) => {
      const flat = [args.conversationId, args.withUser, args.withGroup].filter(
        (value) => value !== null && value !== undefined,
      );
      if (args.by != null && flat.length > 0) {
        throw badUserInput(
          'Name the conversation in `by` only: `conversationId`, `withUser` and `withGroup` are its deprecated form.',
        );
      }
      if (args.by == null && flat.length !== 1) {
        throw badUserInput('Name the conversation in `by`.');
      }
      const named = args.by ?? args;
      const owner = context.view(args.uid ?? undefined).perspective;
      if (owner === null) {
        throw badUserInput(
          "A conversation is always some user's view of it: an admin caller passes `uid`.",
        );
      }
      let conversationId: string;
      if (args.by?.id != null) {
        const key = conversationOfGlobalId(String(args.by.id));
        if (key === null || (key.ownerUid !== null && key.ownerUid !== owner)) {
          throw badUserInput(
            `\`by.id\` is not a Conversation ID of ${owner}'s view (use \`by: { conversationId }\` to name the conversation alone).`,
          );
        }
        conversationId = key.conversationId;
      } else if (named.withUser) {
        conversationId = userConversationId(owner, named.withUser.trim().toLowerCase());
      } else if (named.withGroup) {
        conversationId = groupConversationId(named.withGroup.trim().toLowerCase());
      } else {
        conversationId = (named.conversationId ?? '').trim();
      }
      return lookup(context, owner, conversationId);
    },
  }),
}));

builder.objectFields(GroupRef, (t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description:
      "The group's conversation as a member sees it: the caller for a user caller, `uid` for an admin (required there). Null when that user is not a member or sees no messages.",
    args: viewOwnerArgs,
    resolve: (group, args, context) => {
      const owner = context.view(args.uid ?? undefined).perspective;
      if (owner === null) {
        throw badUserInput("An admin caller passes `uid`: whose view of the group's conversation.");
      }
      return lookup(context, owner, groupConversationId(group.guid));
    },
  }),
}));

builder.interfaceFields(MessageRef, (t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description:
      "The conversation the message belongs to, as the caller sees it (a user caller) or as the message's sender sees it (an admin caller). Null when that user no longer sees the conversation, or the app itself sent the message to a group.",
    resolve: (message, _args, context) => {
      let owner = context.view().perspective;
      if (owner === null) {
        // An admin caller: the sender's view (or, for the app's own 1:1 message, the receiver's).
        if (message.sender !== APP_SYSTEM_UID) owner = message.sender;
        else owner = message.receiverType === 'user' ? message.receiver : null;
      }
      return owner === null ? null : lookup(context, owner, message.conversationId);
    },
  }),
}));
