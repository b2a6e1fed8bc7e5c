import { z } from 'zod';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { badUserInput, gatewayError } from '../errors.js';
import {
  type ConversationPartnerKey,
  conversationKey,
  conversationPartner,
  groupConversationId,
  otherUserOf,
  parseConversationKey,
  userConversationId,
} from '../loaders/conversations.js';
import { primeConversation } from '../loaders/prime.js';
import type { ListConversationsQuery } from '../upstream/conversations.js';
import { listConversations } from '../upstream/conversations.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { ConversationRecord, Page } from '../upstream/records.js';
import {
  APP_SYSTEM_UID,
  loadUserOrNull,
  optionsFor,
  orClientError,
  perspectiveOf,
} from './message/common.js';
import { MessageConnection } from './message/interface.js';
import {
  connectionComplexity,
  messageConnection,
  messageFilterArgs,
  messageQueryFrom,
  windowArgs,
  windowOf,
} from './message/list.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pagedConnection } from './pagination.js';
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
 * Who a conversation listed app-wide belongs to. CometChat's app-wide list gives each user's
 * view without naming the user; for a 1:1 conversation it is the participant that is not the
 * partner. A group conversation's owner cannot be told, so it stays null.
 */
function inferredOwner(record: ConversationRecord): string | null {
  const partner = record.conversationWith;
  if (record.conversationType !== 'user' || partner?.kind !== 'user') return null;
  return otherUserOf(record.conversationId, partner.uid);
}

async function loadConversationValue(
  context: GatewayContext,
  key: string,
): Promise<ConversationValue | null> {
  const parsed = parseConversationKey(key);
  if (parsed === null || parsed.ownerUid === null) return null;
  const record = await orClientError(context.loaders.conversations.load(key));
  return record === null ? null : { record, ownerUid: parsed.ownerUid };
}

/** One user's view of a conversation by its CometChat id; null when that user takes no part. */
function lookup(
  context: GatewayContext,
  ownerUid: string,
  conversationId: string,
): Promise<ConversationValue | null> | null {
  if (conversationPartner(conversationId, ownerUid) === null) return null;
  return loadConversationValue(context, conversationKey(ownerUid, conversationId));
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
        if (partner.type === 'group')
          return orClientError(context.loaders.groups.load(partner.guid));
        return orClientError(context.loaders.users.load(partner.uid));
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
      description:
        'The messages of the conversation, oldest first, as the participant sees them (from their reset point on). A group conversation listed app-wide shows all of them.',
      args: { ...windowArgs('messages'), ...messageFilterArgs },
      complexity: connectionComplexity,
      resolve: (value, args, context) => {
        const filters = messageQueryFrom(args, value.ownerUid);
        return messageConnection(
          context,
          windowOf(args),
          filters === null ? null : { ...filters, conversationId: value.record.conversationId },
          value.ownerUid,
        );
      },
    }),
  }),
});

const ConversationConnection = builder.connectionObject(
  {
    name: 'ConversationConnection',
    type: ConversationRef,
    description: 'A page of conversations, most recently active first.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many conversations match the filters, across all pages.',
        resolve: (connection) => connection.totalCount ?? 0,
      }),
    }),
  },
  {
    name: 'ConversationEdge',
    description: 'A conversation in a page of conversations, with its cursor.',
  },
);

const idSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is at most 100 characters');

const conversationListArgs = builder.args((t) => ({
  first: t.int({
    description: `How many conversations to return (0 to ${MAX_PAGE_SIZE}).`,
    defaultValue: DEFAULT_PAGE_SIZE,
  }),
  after: t.string({
    description:
      'Return the conversations after this cursor (from a previous page of the same list).',
  }),
  search: t.string({
    description: 'Only conversations whose partner (user or group) has a name containing this.',
    validate: z.string().max(100, 'is at most 100 characters'),
  }),
  type: t.field({ type: ConversationType, description: 'Only 1:1 or only group conversations.' }),
  unread: t.boolean({ description: 'When true, only conversations with unread messages.' }),
  tags: t.stringList({
    description: 'Only conversations the participant tagged with at least one of these tags.',
    validate: z
      .array(z.string().trim().min(1, 'must not be empty').max(100, 'is at most 100 characters'))
      .max(25, 'takes at most 25 tags'),
  }),
}));

interface ConversationListArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  type?: 'user' | 'group' | null | undefined;
  unread?: boolean | null | undefined;
  tags?: readonly string[] | null | undefined;
}

function emptyPage<T>(page: number, perPage: number): Page<T> {
  return {
    items: [],
    pagination: { total: 0, count: 0, perPage, currentPage: page, totalPages: 0 },
    cursor: null,
  };
}

/**
 * One window of `GET /conversations`: `perspective`'s conversations, or app-wide when null.
 * Primes the loaders from each conversation's partner and last message.
 */
function conversationList(
  context: GatewayContext,
  args: ConversationListArgs,
  perspective: string | null,
) {
  const query: ListConversationsQuery = {};
  const search = args.search?.trim();
  if (search) query.searchKey = search;
  if (args.type) query.conversationType = args.type;
  if (args.unread) query.unread = true;
  if (args.tags && args.tags.length > 0) {
    query.tags = [...new Set(args.tags.map((tag) => tag.trim()))].sort();
  }
  const options = optionsFor(context, perspective);
  return orClientError(async () => {
    const connection = await pagedConnection(
      { first: args.first, after: args.after },
      async (page, perPage): Promise<Page<ConversationValue>> => {
        let result: Page<ConversationRecord>;
        try {
          result = await listConversations(
            context.upstream,
            // Without these CometChat leaves the conversation's and the partner's tags out.
            { ...query, page, perPage, withTags: true, withUserAndGroupTags: true },
            options,
          );
        } catch (error) {
          // Listing as a user who does not exist: that user has no conversations.
          if (perspective !== null && isUpstreamError(error) && error.kind === 'not_found') {
            return emptyPage(page, perPage);
          }
          throw error;
        }
        const items = result.items.map((record) => ({
          record,
          ownerUid: perspective ?? inferredOwner(record),
        }));
        return { ...result, items };
      },
      { key: `conversations:${JSON.stringify({ query, as: perspective })}` },
    );
    for (const value of connection.nodes) {
      primeConversation(context, value.record, value.ownerUid, { partnerTags: true });
    }
    return connection;
  });
}

builder.queryFields((t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description:
      'Looks one conversation up as a user sees it: by `conversationId`, or by its partner (`withUser` or `withGroup`). A user caller sees their own; an admin names the user with `uid`. Null when that user takes no part in it or it has no messages they can see.',
    args: {
      conversationId: t.arg.string({
        description: "CometChat's id of the conversation (`<uid>_user_<uid>` or `group_<guid>`).",
        validate: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(250, 'is at most 250 characters'),
      }),
      withUser: t.arg.string({
        description: 'The 1:1 conversation with this user (uid).',
        validate: idSchema,
      }),
      withGroup: t.arg.string({
        description: 'The conversation of this group (guid).',
        validate: idSchema,
      }),
      uid: t.arg.string({
        description:
          'Whose view (admin callers, required there). A user caller leaves it out or passes their own uid.',
        validate: idSchema,
      }),
    },
    resolve: (_root, args, context) => {
      const selectors = [args.conversationId, args.withUser, args.withGroup].filter(
        (value) => value !== null && value !== undefined,
      );
      if (selectors.length !== 1) {
        throw badUserInput('Pass exactly one of `conversationId`, `withUser` and `withGroup`.');
      }
      const owner = perspectiveOf(context, args.uid);
      if (owner === null) {
        throw badUserInput(
          "A conversation is always some user's view of it: an admin caller passes `uid`.",
        );
      }
      const conversationId = args.withUser
        ? userConversationId(owner, args.withUser.trim().toLowerCase())
        : args.withGroup
          ? groupConversationId(args.withGroup.trim().toLowerCase())
          : (args.conversationId ?? '').trim();
      return lookup(context, owner, conversationId);
    },
  }),
  conversations: t.field({
    type: ConversationConnection,
    description:
      "Conversations, most recently active first: the caller's own for a user caller; for an admin those of `uid`, or without it every user's conversations across the app (one entry per participant).",
    args: {
      ...conversationListArgs,
      uid: t.arg.string({
        description:
          "Admin callers: list this user's conversations. A user caller leaves it out or passes their own uid.",
        validate: idSchema,
      }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) =>
      conversationList(context, args, perspectiveOf(context, args.uid)),
  }),
}));

builder.objectFields(UserRef, (t) => ({
  conversations: t.field({
    type: ConversationConnection,
    description:
      "This user's conversations as they see them, most recently active first. An admin may read anyone's; a user caller only their own.",
    args: conversationListArgs,
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      if (context.caller.kind === 'user' && context.caller.uid !== user.uid) {
        throw gatewayError('FORBIDDEN', 'A user caller may list only their own conversations.');
      }
      return conversationList(context, args, user.uid);
    },
  }),
}));

builder.objectFields(GroupRef, (t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description:
      "The group's conversation as a member sees it: the caller for a user caller, `uid` for an admin (required there). Null when that user is not a member or sees no messages.",
    args: {
      uid: t.arg.string({
        description:
          'Whose view (admin callers, required there). A user caller leaves it out or passes their own uid.',
        validate: idSchema,
      }),
    },
    resolve: (group, args, context) => {
      const owner = perspectiveOf(context, args.uid);
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
      const { caller } = context;
      let owner: string | null;
      if (caller.kind === 'user') owner = caller.uid;
      else if (message.sender !== APP_SYSTEM_UID) owner = message.sender;
      else owner = message.receiverType === 'user' ? message.receiver : null;
      return owner === null ? null : lookup(context, owner, message.conversationId);
    },
  }),
}));
