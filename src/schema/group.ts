import { builder } from '../builder.js';
import { memberKey } from '../loaders/index.js';
import type { MemberScope } from '../upstream/records.js';
import { keyArg } from './arg-checks.js';
import { GroupMemberScope } from './group-member.js';
import { groupChildren, startRolesAhead } from './look-ahead.js';
import { GroupRef, UserRef } from './refs.js';

export const GroupType = builder.enumType('GroupType', {
  description: 'Who may join a group and see it.',
  values: {
    PUBLIC: { value: 'public', description: 'Anyone may see the group and join it.' },
    PASSWORD: {
      value: 'password',
      description: 'Anyone may see the group; joining takes its password.',
    },
    PRIVATE: {
      value: 'private',
      description: 'Only members see the group; users join only when a member adds them.',
    },
  } as const,
});

interface Membership {
  scope: MemberScope;
  joinedAt: Date;
}

const GroupMembership = builder.objectRef<Membership>('GroupMembership').implement({
  description: "The caller's own membership of a group.",
  fields: (t) => ({
    scope: t.field({
      type: GroupMemberScope,
      description: "The caller's scope in the group.",
      resolve: (membership) => membership.scope,
    }),
    joinedAt: t.expose('joinedAt', {
      type: 'DateTime',
      description: 'When the caller joined (or was added to) the group.',
    }),
  }),
});

builder.node(GroupRef, {
  description:
    'A CometChat group: a set of members who share one conversation. Its ID and `guid` are stable.',
  id: { resolve: (group) => group.guid },
  loadMany: (guids, context) => guids.map((guid) => context.view().loaders.groups.load(guid)),
  fields: (t) => ({
    guid: t.exposeString('guid', {
      description: "The group's CometChat identifier (lowercase), unique within the app.",
    }),
    name: t.exposeString('name', { description: 'The display name.' }),
    type: t.field({
      type: GroupType,
      description: 'Who may see and join the group.',
      resolve: (group) => group.type,
    }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'A longer text about the group; null when none is set.',
    }),
    icon: t.exposeString('icon', {
      nullable: true,
      description: "URL of the group's picture; null when none is set.",
    }),
    owner: t.field({
      type: UserRef,
      nullable: true,
      description:
        'The user who owns the group. Null when the app itself owns it (no owner was given at creation) or the owner no longer exists.',
      resolve: (group, _args, context) =>
        group.owner === null ? null : context.view().loaders.users.load(group.owner),
    }),
    membersCount: t.exposeInt('membersCount', {
      description: 'How many members the group has.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSONObject',
      nullable: true,
      description: 'Free-form JSON the app stores with the group; null when none is set.',
    }),
    tags: t.exposeStringList('tags', {
      description: 'Labels the app attached to the group, in the order they were set.',
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the group was created.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the group last changed; null when it never has.',
    }),
    viewerMembership: t.field({
      type: GroupMembership,
      nullable: true,
      description:
        "The caller's membership of this group. Null when the caller is not a member, and always null for an admin caller, who acts for the app rather than as a user.",
      resolve: async (group, _args, context) => {
        const view = context.view();
        if (view.perspective === null) return null;
        if (group.hasJoined === false) return null;
        if (group.hasJoined === true && group.scope !== null && group.joinedAt !== null) {
          return { scope: group.scope, joinedAt: group.joinedAt };
        }
        // The record says nothing about the caller (listed on someone else's behalf, or embedded
        // in another answer): ask for the caller's own membership.
        const member = await view.loaders.members.load(memberKey(group.guid, view.perspective));
        return member === null ? null : { scope: member.scope, joinedAt: member.joinedAt };
      },
    }),
  }),
});

builder.queryFields((t) => ({
  group: t.field({
    type: GroupRef,
    nullable: true,
    description: 'Looks a group up by CometChat guid. Null when no such group exists.',
    args: {
      guid: t.arg.string({
        required: true,
        description: "The group's CometChat identifier.",
        validate: keyArg,
      }),
    },
    resolve: (_root, args, context, info) => {
      const guid = args.guid.trim().toLowerCase();
      const group = context.view().loaders.groups.load(guid);
      groupChildren.start(info, context, guid);
      startRolesAhead(info, context);
      return group;
    },
  }),
}));
