/**
 * Lists of conversations read from `GET /conversations`: one user's, or every user's across the
 * app (admin callers).
 */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { gatewayError } from '../errors.js';
import { otherUserOf } from '../loaders/conversations.js';
import { primeConversation } from '../loaders/prime.js';
import { type ListConversationsQuery, listConversations } from '../upstream/conversations.js';
import type { ConversationRecord, Page } from '../upstream/records.js';
import { keyArg, keyListArg, shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  distinctSorted,
  forwardPageArgs,
  pagedList,
  pageOrEmptyForMissingUser,
} from './connections.js';
import { ConversationType } from './conversation.js';
import { optionsFor, perspectiveOf } from './perspective.js';
import { ConversationRef, type ConversationValue, UserRef } from './refs.js';

const ConversationConnection = countedConnection(
  {
    name: 'ConversationConnection',
    type: ConversationRef,
    description: 'A page of conversations: pinned ones first, then the most recently active first.',
    totalCount: 'How many conversations match the filters, across all pages.',
  },
  {
    name: 'ConversationEdge',
    description: 'A conversation in a page of conversations, with its cursor.',
  },
);

const conversationListArgs = builder.args((t) => ({
  search: t.string({
    description: 'Only conversations whose partner (user or group) has a name containing this.',
    validate: shortTextArg,
  }),
  type: t.field({ type: ConversationType, description: 'Only 1:1 or only group conversations.' }),
  unread: t.boolean({ description: 'When true, only conversations with unread messages.' }),
  tags: t.stringList({
    description: 'Only conversations the participant tagged with at least one of these tags.',
    validate: keyListArg('takes at most 25 tags'),
  }),
  pinnedOnly: t.boolean({
    description:
      'When true, only pinned conversations (pinned by the participant, or app-wide). Pinned conversations always come first.',
  }),
}));

interface ConversationListArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  type?: 'user' | 'group' | null | undefined;
  unread?: boolean | null | undefined;
  tags?: readonly string[] | null | undefined;
  pinnedOnly?: boolean | null | undefined;
}

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
  if (args.pinnedOnly) query.pinnedBy = ['me', 'system'];
  const tags = distinctSorted(args.tags?.map((tag) => tag.trim()));
  if (tags) query.tags = tags;
  const options = optionsFor(context, perspective);
  return pagedList(
    args,
    async (page, perPage): Promise<Page<ConversationValue>> => {
      const result = await pageOrEmptyForMissingUser(perspective, page, perPage, () =>
        listConversations(
          context.upstream,
          // Without these CometChat leaves the conversation's and the partner's tags out.
          { ...query, page, perPage, withTags: true, withUserAndGroupTags: true },
          options,
        ),
      );
      const items = result.items.map((record) => ({
        record,
        ownerUid: perspective ?? inferredOwner(record),
      }));
      return { ...result, items };
    },
    {
      key: `conversations:${JSON.stringify({ query, as: perspective })}`,
      prime: (value) =>
        primeConversation(context, value.record, value.ownerUid, { partnerTags: true }),
    },
  );
}

builder.queryFields((t) => ({
  conversations: t.field({
    type: ConversationConnection,
    description:
      "Conversations, most recently active first: the caller's own for a user caller; for an admin those of `uid`, or without it every user's conversations across the app (one entry per participant).",
    args: {
      ...forwardPageArgs('conversations', { statesDefault: false }),
      ...conversationListArgs,
      uid: t.arg.string({
        description:
          "Admin callers: list this user's conversations. A user caller leaves it out or passes their own uid.",
        validate: keyArg,
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
    args: {
      ...forwardPageArgs('conversations', { statesDefault: false }),
      ...conversationListArgs,
    },
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      if (context.caller.kind === 'user' && context.caller.uid !== user.uid) {
        throw gatewayError('FORBIDDEN', 'A user caller may list only their own conversations.');
      }
      return conversationList(context, args, user.uid);
    },
  }),
}));
