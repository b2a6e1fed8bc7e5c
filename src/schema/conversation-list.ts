/**
 * Lists of conversations read from `GET /conversations`: one user's, or every user's across the
 * app (admin callers).
 */
import { builder } from '../builder.js';
import type { View } from '../loaders/index.js';
import type { ListConversationsQuery } from '../upstream/conversations.js';
import { keyArg, keyListArg, shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  distinctSorted,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { ConversationType } from './conversation.js';
import { startRolesAhead, userChildren } from './look-ahead.js';
import { plannedPages } from './pagination.js';
import { ConversationRef, UserRef } from './refs.js';

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
 * One window of `GET /conversations` read in `view`: that user's conversations, or every user's
 * across the app in the app view (each as its participant sees it, where that can be told).
 */
function conversationList(view: View, args: ConversationListArgs) {
  const list = conversationQuery(view, args);
  return pagedList(args, (page, perPage) => view.conversations(list.query(page, perPage)), {
    key: list.key,
  });
}

/** The upstream query of each page of a conversation list read in `view`, and its cursors' key. */
function conversationQuery(view: View, args: ConversationListArgs) {
  const query: ListConversationsQuery = {};
  const search = args.search?.trim();
  if (search) query.searchKey = search;
  if (args.type) query.conversationType = args.type;
  if (args.unread) query.unread = true;
  if (args.pinnedOnly) query.pinnedBy = ['me', 'system'];
  const tags = distinctSorted(args.tags?.map((tag) => tag.trim()));
  if (tags) query.tags = tags;
  return {
    key: `conversations:${JSON.stringify({ query, as: view.perspective })}`,
    // Without these CometChat leaves the conversation's and the partner's tags out.
    query: (page: number, perPage: number): ListConversationsQuery => ({
      ...query,
      page,
      perPage,
      withTags: true,
      withUserAndGroupTags: true,
    }),
  };
}

// `user(uid) { conversations(...) }`: the pages start with the user lookup, in that user's view,
// as `User.conversations` will read them. A caller who may not read in that view (an end user
// naming someone else) starts nothing: the field answers FORBIDDEN as it always did.
userChildren.on('conversations', (uid, args, context) => {
  if (!context.reads.mayView(uid)) return;
  const view = context.view(uid);
  const list = conversationQuery(view, args as ConversationListArgs);
  for (const { page, perPage } of plannedPages(args, { key: list.key })) {
    view.prefetch.conversations(list.query(page, perPage));
  }
});

builder.queryFields((t) => ({
  conversations: t.field({
    type: ConversationConnection,
    nullable: true,
    description:
      "Conversations, most recently active first: the caller's own for a user caller; for an admin those of `uid`, or without it every user's conversations across the app (one entry per participant). Null when it could not be read (the error on this field says why).",
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
    resolve: (_root, args, context, info) => {
      const connection = conversationList(context.view(args.uid ?? undefined), args);
      startRolesAhead(info, context);
      return connection;
    },
  }),
}));

builder.objectFields(UserRef, (t) => ({
  conversations: t.field({
    type: ConversationConnection,
    nullable: true,
    description:
      "This user's conversations as they see them, most recently active first. An admin may read anyone's; a user caller only their own. Null when it could not be read (the error on this field says why).",
    args: {
      ...forwardPageArgs('conversations', { statesDefault: false }),
      ...conversationListArgs,
    },
    complexity: connectionComplexity,
    // A user caller may read only their own: the view of anyone else is FORBIDDEN to them.
    resolve: (user, args, context) => conversationList(context.view(user.uid), args),
  }),
}));
