/**
 * A user's relations to other users: their friends and the users they blocked.
 */
import { builder } from '../builder.js';
import { type GatewayContext, upstreamOptions } from '../context.js';
import { primeUser, withoutViewerFields } from '../loaders/prime.js';
import type { UserRecord } from '../upstream/records.js';
import { listBlockedUsers, listFriends } from '../upstream/relations.js';
import { shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { UserRef } from './refs.js';
import { UserConnection } from './user-list.js';

/**
 * Relation lists (friends, blocked users) answer with users as seen by the list's owner: their
 * viewer-relative fields describe the owner, not necessarily the caller. Each record primes the
 * users loader where it fits and is served without those fields unless the caller is that owner.
 */
function seenBy(record: UserRecord, ownerUid: string, context: GatewayContext): UserRecord {
  primeUser(context, record, ownerUid);
  if (context.caller.kind === 'user' && context.caller.uid === ownerUid) return record;
  return withoutViewerFields(record);
}

/** When the owner of a blocked-users list blocked each user in it, kept beside the node. */
const blockedSince = new WeakMap<UserRecord, Date | null>();

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
        resolve: (edge) => blockedSince.get(edge.node) ?? null,
      }),
    }),
  },
);

builder.objectFields(UserRef, (t) => ({
  friends: t.field({
    type: UserConnection,
    description:
      "The user's friends (friendship is mutual), in CometChat order. Only an admin or the user themself may read it (others get FORBIDDEN).",
    authScopes: (user, _args, context) =>
      context.caller.kind === 'admin' ||
      (context.caller.kind === 'user' && context.caller.uid === user.uid),
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
      return pagedList(
        args,
        async (page, perPage) => {
          const result = await listFriends(
            context.upstream,
            user.uid,
            { page, perPage, ...(search ? { searchKey: search } : {}) },
            upstreamOptions(context),
          );
          return { ...result, items: result.items.map((item) => seenBy(item, user.uid, context)) };
        },
        { key: `friends:${user.uid}:${JSON.stringify({ search })}` },
      );
    },
  }),
  blockedUsers: t.field({
    type: BlockedUserConnection,
    description:
      'The users this user has blocked. Only an admin or the user themself may read it (others get FORBIDDEN).',
    authScopes: (user, _args, context) =>
      context.caller.kind === 'admin' ||
      (context.caller.kind === 'user' && context.caller.uid === user.uid),
    args: forwardPageArgs('blocked users'),
    complexity: connectionComplexity,
    resolve: (user, args, context) =>
      pagedList(
        args,
        async (page, perPage) => {
          const result = await listBlockedUsers(
            context.upstream,
            user.uid,
            { page, perPage },
            upstreamOptions(context),
          );
          return {
            ...result,
            items: result.items.map((blocked) => {
              const copy = seenBy(blocked, user.uid, context);
              blockedSince.set(copy, blocked.blockedByMeAt);
              return copy;
            }),
          };
        },
        { key: `blocked:${user.uid}` },
      ),
  }),
}));
