import { builder } from '../builder.js';
import { gatewayError } from '../errors.js';
import { memberKey } from '../loaders/index.js';
import { isUpstreamError } from '../upstream/errors.js';
import type { ListMembersQuery } from '../upstream/members.js';
import type { MemberScope } from '../upstream/records.js';
import {
  connectionComplexity,
  countedConnection,
  distinctSorted,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { groupChildren } from './look-ahead.js';
import { plannedPages } from './pagination.js';
import { GroupMemberRef, GroupRef, UserRef } from './refs.js';
import { UserStatus } from './user.js';

export const GroupMemberScope = builder.enumType('GroupMemberScope', {
  description: "A member's rank within a group, which decides what they may do there.",
  values: {
    ADMIN: {
      value: 'admin',
      description: 'May change scopes, add, kick and ban anyone, and update or delete the group.',
    },
    MODERATOR: {
      value: 'moderator',
      description:
        'May update the group, change the scope of moderators and participants, and kick or ban participants.',
    },
    PARTICIPANT: {
      value: 'participant',
      description: 'May read and send messages in the group.',
    },
  } as const,
});

builder.node(GroupMemberRef, {
  description:
    "A user's membership of a group: who, where, with which scope and since when. Its global ID stands for the pair (group, user).",
  id: { resolve: (member) => memberKey(member.guid, member.user.uid) },
  // CometChat has no single-member GET: the loader asks for the group on the member's behalf.
  loadMany: (keys, context) => keys.map((key) => context.view().loaders.members.load(key)),
  fields: (t) => ({
    user: t.field({
      type: UserRef,
      description: 'The member.',
      resolve: (member) => member.user,
    }),
    group: t.field({
      type: GroupRef,
      nullable: true,
      description: 'The group. Null when it no longer exists.',
      resolve: (member, _args, context) => context.view().loaders.groups.load(member.guid),
    }),
    scope: t.field({
      type: GroupMemberScope,
      description: "The member's scope in the group.",
      resolve: (member) => member.scope,
    }),
    joinedAt: t.expose('joinedAt', {
      type: 'DateTime',
      description: 'When the user joined (or was added to) the group.',
    }),
  }),
});

export const GroupMemberConnection = countedConnection(
  {
    name: 'GroupMemberConnection',
    type: GroupMemberRef,
    description: 'A page of the members of a group.',
    totalCount: 'How many members match the filters, across all pages.',
  },
  {
    name: 'GroupMemberEdge',
    description: 'A member in a page of group members, with its cursor.',
  },
);

const GroupBannedUserConnection = countedConnection(
  {
    name: 'GroupBannedUserConnection',
    type: UserRef,
    description: 'A page of the users banned from a group.',
    totalCount: 'How many users are banned from the group, across all pages.',
  },
  {
    name: 'GroupBannedUserEdge',
    description: 'A banned user in a page of a group’s bans, with its cursor.',
  },
);

/** CometChat refuses a user caller some lists (e.g. the members of a private group they are not in). */
function forbiddenAsError(what: string) {
  return (error: unknown): never => {
    if (isUpstreamError(error) && error.kind === 'forbidden') {
      throw gatewayError('FORBIDDEN', `The caller may not see ${what}.`);
    }
    throw error;
  };
}

/** Group lists whose argument wording shipped terser than the other lists'. */
const TERSE = { statesDefault: false, sameList: false } as const;

interface MemberListArgs {
  scopes?: readonly MemberScope[] | null | undefined;
  status?: 'available' | 'offline' | null | undefined;
}

/** The upstream query of each page of `Group.members` and the key of its cursors. */
function memberList(guid: string, args: MemberListArgs) {
  const scopes = distinctSorted(args.scopes);
  const status = args.status ?? null;
  return {
    key: `members:${guid}:${JSON.stringify({ scopes, status })}`,
    query: (page: number, perPage: number): ListMembersQuery => ({
      page,
      perPage,
      ...(scopes ? { scopes } : {}),
      ...(status ? { status } : {}),
    }),
  };
}

// `group(guid) { members(...) }`: the pages of the members list start with the group lookup, in
// the caller's view, as the resolver above will read them.
groupChildren.on('members', (guid, args, context) => {
  const list = memberList(guid, args as MemberListArgs);
  const view = context.view();
  for (const { page, perPage } of plannedPages(args, { key: list.key })) {
    view.prefetch.members(guid, list.query(page, perPage));
  }
});

builder.objectFields(GroupRef, (t) => ({
  members: t.field({
    type: GroupMemberConnection,
    nullable: true,
    description:
      'The members of the group, in CometChat order, optionally filtered. Null when it could not be read (the error on this field says why).',
    args: {
      ...forwardPageArgs('members', TERSE),
      scopes: t.arg({
        type: [GroupMemberScope],
        description: 'Only members with one of these scopes.',
      }),
      status: t.arg({
        type: UserStatus,
        description: 'Only members with this connection status.',
      }),
    },
    complexity: connectionComplexity,
    resolve: (group, args, context) => {
      const list = memberList(group.guid, args);
      const view = context.view();
      return pagedList(
        args,
        (page, perPage) =>
          view
            .members(group.guid, list.query(page, perPage))
            .catch(forbiddenAsError('the members of this group')),
        { key: list.key },
      );
    },
  }),
  bannedUsers: t.field({
    type: GroupBannedUserConnection,
    nullable: true,
    description:
      'The users banned from the group, in CometChat order. Null when it could not be read (the error on this field says why).',
    args: forwardPageArgs('users', TERSE),
    complexity: connectionComplexity,
    resolve: (group, args, context) => {
      const view = context.view();
      return pagedList(
        args,
        (page, perPage) =>
          view
            .bannedUsers(group.guid, { page, perPage })
            .catch(forbiddenAsError('the users banned from this group')),
        { key: `bannedUsers:${group.guid}` },
      );
    },
  }),
}));
