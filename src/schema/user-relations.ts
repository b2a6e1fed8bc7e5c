/**
 * A user's relations to other users: their friends and the users they blocked.
 */
import { builder } from '../builder.js';
import type { UserRecord } from '../upstream/records.js';
import { shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import type { Connection } from './pagination.js';
import { UserRef } from './refs.js';
import { readsAsAppOrSelf } from './user.js';
import { UserConnection } from './user-list.js';

/** When the list owner blocked the edge's user: carried on the edge, beside the node. */
function blockedAtOf(edge: object): Date | null {
  return 'blockedAt' in edge && edge.blockedAt instanceof Date ? edge.blockedAt : null;
}

const BlockedUserConnection = countedConnection(
  {
    name: 'BlockedUserConnection',
    type: UserRef,
    description: 'A page of the users someone has blocked.',
    totalCount: 'How many users are blocked, across all pages.',
  },
  {
    name: 'BlockedUserEdge',
    description: 'A blocked user in a page of blocked users, with its cursor.',
    fields: (t) => ({
      blockedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the list owner blocked this user; null when CometChat did not say.',
        resolve: (edge) => blockedAtOf(edge),
      }),
    }),
  },
);

builder.objectFields(UserRef, (t) => ({
  friends: t.field({
    type: UserConnection,
    nullable: true,
    description:
      "The user's friends (friendship is mutual), in CometChat order. Only an admin or the user themself may read it (others get FORBIDDEN). Null when it could not be read (the error on this field says why).",
    authScopes: (user, _args, context) => readsAsAppOrSelf(context, user.uid),
    args: {
      ...forwardPageArgs('friends'),
      search: t.arg.string({
        description: 'Only friends whose uid or name starts with this text (case-insensitive).',
        validate: shortTextArg,
      }),
    },
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const search = args.search?.trim() || null;
      const view = context.view();
      return pagedList(
        args,
        (page, perPage) =>
          view.friends(user.uid, { page, perPage, ...(search ? { searchKey: search } : {}) }),
        { key: `friends:${user.uid}:${JSON.stringify({ search })}` },
      );
    },
  }),
  blockedUsers: t.field({
    type: BlockedUserConnection,
    nullable: true,
    description:
      'The users this user has blocked. Only an admin or the user themself may read it (others get FORBIDDEN). Null when it could not be read (the error on this field says why).',
    authScopes: (user, _args, context) => readsAsAppOrSelf(context, user.uid),
    args: forwardPageArgs('blocked users'),
    complexity: connectionComplexity,
    resolve: async (user, args, context) => {
      const view = context.view();
      const blocked = await pagedList(
        args,
        (page, perPage) => view.blockedUsers(user.uid, { page, perPage }),
        { key: `blocked:${user.uid}` },
      );
      const edges = blocked.edges.map(({ cursor, node }) => ({
        cursor,
        node: node.user,
        blockedAt: node.blockedAt,
      }));
      const connection: Connection<UserRecord> = {
        ...blocked,
        edges,
        nodes: edges.map((edge) => edge.node),
      };
      return connection;
    },
  }),
}));
