import { builder } from '../builder.js';
import { memberKey } from '../loaders/members.js';
import { GroupMemberRef, GroupRef, UserRef } from './refs.js';

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
  loadMany: (keys, context) => keys.map((key) => context.loaders.members.load(key)),
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
      resolve: (member, _args, context) => context.loaders.groups.load(member.guid),
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

export const GroupMemberConnection = builder.connectionObject(
  {
    name: 'GroupMemberConnection',
    type: GroupMemberRef,
    description: 'A page of the members of a group.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many members match the filters, across all pages.',
        resolve: (connection) => connection.totalCount ?? 0,
      }),
    }),
  },
  {
    name: 'GroupMemberEdge',
    description: 'A member in a page of group members, with its cursor.',
  },
);
