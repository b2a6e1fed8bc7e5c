/**
 * `User.groupMemberships`: the groups a user has joined, as their memberships (`GroupMember`:
 * the group, the scope and the join date). One `GET /groups?hasJoined=true` per page, made on
 * that user's behalf; only the user themself or an admin may read it.
 */
import { builder } from '../builder.js';
import type { GroupMemberRecord } from '../upstream/records.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { GroupMemberRef, UserRef } from './refs.js';

const UserGroupMembershipConnection = countedConnection(
  {
    name: 'UserGroupMembershipConnection',
    type: GroupMemberRef,
    description: "A page of a user's group memberships.",
    totalCount: 'How many groups the user has joined, across all pages.',
  },
  {
    name: 'UserGroupMembershipEdge',
    description: "A membership in a page of a user's memberships, with its cursor.",
  },
);

builder.objectFields(UserRef, (t) => ({
  groupMemberships: t.field({
    type: UserGroupMembershipConnection,
    nullable: true,
    description:
      "The groups this user has joined, as memberships (the group, the user's scope, the join date), in CometChat order. Only an admin or the user themself may read it (others get FORBIDDEN). One upstream call per page; `group` on each comes with it. Null when it could not be read (the error on this field says why).",
    args: forwardPageArgs('memberships'),
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const view = context.view();
      return pagedList(
        args,
        async (page, perPage) => {
          const joined = await view.membershipsOf(user.uid, { page, perPage });
          return {
            ...joined,
            items: joined.items.map(({ member }): GroupMemberRecord => ({ ...member, user })),
          };
        },
        { key: `memberships:${user.uid}` },
      );
    },
  }),
}));
