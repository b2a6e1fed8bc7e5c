import { z } from 'zod';
import { builder } from '../builder.js';
import { type GatewayContext, upstreamOptions } from '../context.js';
import { badUserInput, gatewayError, toClientError } from '../errors.js';
import { withoutMembership } from '../loaders/groups.js';
import { memberKey } from '../loaders/members.js';
import type { CallOptions } from '../upstream/client.js';
import { isUpstreamError } from '../upstream/errors.js';
import { type ListGroupsQuery, listGroups } from '../upstream/groups.js';
import { listBannedUsers, listMembers } from '../upstream/members.js';
import type {
  GroupRecord,
  GroupType as GroupTypeValue,
  MemberScope,
  Page,
  UserRecord,
} from '../upstream/records.js';
import { GroupMemberConnection, GroupMemberScope } from './group-member.js';
import {
  type Connection,
  type ConnectionArgs,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pagedConnection,
} from './pagination.js';
import { GroupRef, UserRef } from './refs.js';
import { UserStatus } from './user.js';

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

export const GroupBannedUserConnection = builder.connectionObject(
  {
    name: 'GroupBannedUserConnection',
    type: UserRef,
    description: 'A page of the users banned from a group.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many users are banned from the group, across all pages.',
        resolve: (connection) => connection.totalCount ?? 0,
      }),
    }),
  },
  {
    name: 'GroupBannedUserEdge',
    description: 'A banned user in a page of a group’s bans, with its cursor.',
  },
);

export const GroupConnection = builder.connectionObject(
  {
    name: 'GroupConnection',
    type: GroupRef,
    description: 'A page of groups.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many groups match the filters, across all pages.',
        resolve: (connection) => connection.totalCount ?? 0,
      }),
    }),
  },
  { name: 'GroupEdge', description: 'A group in a page of groups, with its cursor.' },
);

const connectionComplexity = (args: { first?: number | null | undefined }) => ({
  field: 1,
  multiplier: args.first ?? DEFAULT_PAGE_SIZE,
});

/** Runs a connection fetch, turning upstream failures into client errors on this field only. */
async function connectionOrError<T>(build: () => Promise<Connection<T>>): Promise<Connection<T>> {
  try {
    return await build();
  } catch (error) {
    throw toClientError(error);
  }
}

/** An empty upstream page: what a list acting as a user who does not exist amounts to. */
function emptyPage<T>(page: number, perPage: number): Page<T> {
  return {
    items: [],
    pagination: { total: 0, count: 0, perPage, currentPage: page, totalPages: 0 },
    cursor: null,
  };
}

builder.node(GroupRef, {
  description:
    'A CometChat group: a set of members who share one conversation. Its ID and `guid` are stable.',
  id: { resolve: (group) => group.guid },
  loadMany: (guids, context) => guids.map((guid) => context.loaders.groups.load(guid)),
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
        group.owner === null ? null : context.loaders.users.load(group.owner),
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
        const { caller } = context;
        if (caller.kind !== 'user') return null;
        if (group.hasJoined === false) return null;
        if (group.hasJoined === true && group.scope !== null && group.joinedAt !== null) {
          return { scope: group.scope, joinedAt: group.joinedAt };
        }
        // The record says nothing about the caller (listed on someone else's behalf, or embedded
        // in another answer): ask for the caller's own membership.
        const member = await context.loaders.members.load(memberKey(group.guid, caller.uid));
        return member === null ? null : { scope: member.scope, joinedAt: member.joinedAt };
      },
    }),
    members: t.field({
      type: GroupMemberConnection,
      description: 'The members of the group, in CometChat order, optionally filtered.',
      args: {
        first: t.arg.int({
          description: `How many members to return (0 to ${MAX_PAGE_SIZE}).`,
          defaultValue: DEFAULT_PAGE_SIZE,
        }),
        after: t.arg.string({
          description: 'Return the members after this cursor (from a previous page).',
        }),
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
      resolve: (group, args, context) =>
        connectionOrError(async () => {
          const scopes =
            args.scopes && args.scopes.length > 0 ? [...new Set(args.scopes)].sort() : null;
          const status = args.status ?? null;
          const connection = await pagedConnection(
            { first: args.first, after: args.after },
            (page, perPage) =>
              listMembers(
                context.upstream,
                group.guid,
                {
                  page,
                  perPage,
                  ...(scopes ? { scopes } : {}),
                  ...(status ? { status } : {}),
                },
                upstreamOptions(context),
              ).catch(forbiddenAsError('the members of this group')),
            { key: `members:${group.guid}:${JSON.stringify({ scopes, status })}` },
          );
          for (const member of connection.nodes) {
            context.loaders.users.prime(member.user.uid, member.user);
            context.loaders.members.prime(memberKey(member.guid, member.user.uid), member);
          }
          return connection;
        }),
    }),
    bannedUsers: t.field({
      type: GroupBannedUserConnection,
      description: 'The users banned from the group, in CometChat order.',
      args: {
        first: t.arg.int({
          description: `How many users to return (0 to ${MAX_PAGE_SIZE}).`,
          defaultValue: DEFAULT_PAGE_SIZE,
        }),
        after: t.arg.string({
          description: 'Return the users after this cursor (from a previous page).',
        }),
      },
      complexity: connectionComplexity,
      resolve: (group, args, context) =>
        connectionOrError(async () => {
          const connection = await pagedConnection(
            { first: args.first, after: args.after },
            async (page, perPage): Promise<Page<UserRecord>> => {
              const result = await listBannedUsers(
                context.upstream,
                group.guid,
                { page, perPage },
                upstreamOptions(context),
              ).catch(forbiddenAsError('the users banned from this group'));
              return { ...result, items: result.items.map((ban) => ban.user) };
            },
            { key: `bannedUsers:${group.guid}` },
          );
          for (const user of connection.nodes) context.loaders.users.prime(user.uid, user);
          return connection;
        }),
    }),
  }),
});

/** CometChat refuses a user caller some lists (e.g. the members of a private group they are not in). */
function forbiddenAsError(what: string) {
  return (error: unknown): never => {
    if (isUpstreamError(error) && error.kind === 'forbidden') {
      throw gatewayError('FORBIDDEN', `The caller may not see ${what}.`);
    }
    throw error;
  };
}

interface GroupListPlan {
  /** The upstream call options: the caller's, or on behalf of another user. */
  options: CallOptions;
  /** Whether the records describe the caller's own view (their membership included). */
  asCaller: boolean;
  /** The user the list acts as (for the cursor key), null for app-level calls. */
  actingUid: string | null;
}

/**
 * Fetches one window of `GET /groups` with `query`, priming the group loader. Records fetched on
 * another user's behalf lose that user's membership fields so they never pass for the caller's.
 */
async function groupConnection(
  context: GatewayContext,
  args: ConnectionArgs,
  query: ListGroupsQuery,
  plan: GroupListPlan,
): Promise<Connection<GroupRecord>> {
  const connection = await pagedConnection(
    args,
    async (page, perPage) => {
      try {
        const result = await listGroups(
          context.upstream,
          // Without `withTags` CometChat leaves tags out of the list.
          { ...query, page, perPage, withTags: true },
          plan.options,
        );
        return plan.asCaller ? result : { ...result, items: result.items.map(withoutMembership) };
      } catch (error) {
        // Acting as a user who does not exist: that user has no groups.
        if (plan.actingUid !== null && isUpstreamError(error) && error.kind === 'not_found') {
          return emptyPage<GroupRecord>(page, perPage);
        }
        throw error;
      }
    },
    { key: `groups:${JSON.stringify({ ...query, as: plan.actingUid })}` },
  );
  // A user caller's loader holds the caller's view only; an admin's holds membership-free records.
  if (plan.asCaller || context.caller.kind === 'admin') {
    for (const group of connection.nodes) context.loaders.groups.prime(group.guid, group);
  }
  return connection;
}

/** How a list of one user's joined groups is fetched for this caller. */
function joinedGroupsPlan(context: GatewayContext, uid: string): GroupListPlan {
  const { caller } = context;
  if (caller.kind === 'user' && caller.uid === uid) {
    return { options: upstreamOptions(context), asCaller: true, actingUid: uid };
  }
  return { options: { onBehalfOf: uid, signal: context.signal }, asCaller: false, actingUid: uid };
}

const idSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is at most 100 characters');

const GroupSearchField = builder.enumType('GroupSearchField', {
  description: 'A group field that `search` can look in.',
  values: {
    NAME: { value: 'name', description: "The group's name." },
    GUID: { value: 'guid', description: "The group's guid." },
  } as const,
});

const GroupOrderField = builder.enumType('GroupOrderField', {
  description: 'What groups can be sorted by.',
  values: {
    NAME: { value: 'name', description: 'The group name, alphabetically.' },
    GUID: { value: 'guid', description: 'The guid, alphabetically.' },
    CREATED_AT: { value: 'createdAt', description: 'When the group was created.' },
  } as const,
});

const GroupOrderDirection = builder.enumType('GroupOrderDirection', {
  description: 'Which way a group ordering runs.',
  values: {
    ASC: { value: 'asc', description: 'Smallest (or earliest, or A) first.' },
    DESC: { value: 'desc', description: 'Largest (or latest, or Z) first.' },
  } as const,
});

const GroupOrder = builder.inputType('GroupOrder', {
  description: 'How to sort a list of groups.',
  fields: (t) => ({
    field: t.field({
      type: GroupOrderField,
      required: true,
      description: 'The field to sort by; ties are broken by guid.',
    }),
    direction: t.field({
      type: GroupOrderDirection,
      defaultValue: 'asc',
      description: 'The direction; ascending unless given.',
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
        validate: idSchema,
      }),
    },
    resolve: (_root, args, context) => context.loaders.groups.load(args.guid.trim().toLowerCase()),
  }),
  groups: t.field({
    type: GroupConnection,
    description:
      'Groups of the app, in CometChat order unless `orderBy` is given, optionally filtered. A user caller sees public and password groups plus the private groups they are in.',
    args: {
      first: t.arg.int({
        description: `How many groups to return (0 to ${MAX_PAGE_SIZE}).`,
        defaultValue: DEFAULT_PAGE_SIZE,
      }),
      after: t.arg.string({
        description: 'Return the groups after this cursor (from a previous page).',
      }),
      search: t.arg.string({
        description: 'Only groups whose name or guid starts with this text (see `searchIn`).',
        validate: z.string().max(100, 'is at most 100 characters'),
      }),
      searchIn: t.arg({
        type: [GroupSearchField],
        description: 'Where `search` looks; both the name and the guid unless given.',
      }),
      types: t.arg({ type: [GroupType], description: 'Only groups of one of these types.' }),
      tags: t.arg.stringList({
        description: 'Only groups with at least one of these tags.',
        validate: z
          .array(z.string().min(1, 'must not be empty').max(100, 'is at most 100 characters'))
          .max(25, 'takes at most 25 tags'),
      }),
      joinedOnly: t.arg.boolean({
        description:
          'Only groups the caller has joined. A user caller only; an admin caller passes `memberUid` instead.',
      }),
      memberUid: t.arg.string({
        description:
          "Only groups this user has joined (admin callers; a user caller may name only themselves). The list is then read on that user's behalf.",
        validate: idSchema,
      }),
      orderBy: t.arg({ type: GroupOrder, description: 'How to sort; CometChat order if omitted.' }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      const { caller } = context;
      const memberUid = args.memberUid?.trim().toLowerCase() ?? null;
      let plan: GroupListPlan;
      let hasJoined = false;
      if (caller.kind === 'user') {
        if (memberUid !== null && memberUid !== caller.uid) {
          throw gatewayError('FORBIDDEN', 'A user caller may list only their own joined groups.');
        }
        plan = { options: upstreamOptions(context), asCaller: true, actingUid: caller.uid };
        hasJoined = args.joinedOnly === true || memberUid !== null;
      } else if (memberUid !== null) {
        if (args.joinedOnly === false) {
          throw badUserInput(
            '`memberUid` lists the groups that user has joined; drop `joinedOnly: false`.',
          );
        }
        plan = joinedGroupsPlan(context, memberUid);
        hasJoined = true;
      } else {
        if (args.joinedOnly === true) {
          throw badUserInput(
            '`joinedOnly` needs a user: an admin caller passes `memberUid` to pick whose groups.',
          );
        }
        plan = { options: upstreamOptions(context), asCaller: true, actingUid: null };
      }
      const query: ListGroupsQuery = {
        ...(args.search ? { searchKey: args.search } : {}),
        ...(args.searchIn && args.searchIn.length > 0
          ? { searchIn: [...new Set(args.searchIn)].sort() }
          : {}),
        ...(args.types && args.types.length > 0
          ? { types: [...new Set<GroupTypeValue>(args.types)].sort() }
          : {}),
        ...(args.tags && args.tags.length > 0 ? { tags: [...new Set(args.tags)].sort() } : {}),
        ...(hasJoined ? { hasJoined: true } : {}),
        ...(args.orderBy
          ? { sortBy: args.orderBy.field, sortOrder: args.orderBy.direction ?? 'asc' }
          : {}),
      };
      return connectionOrError(() =>
        groupConnection(context, { first: args.first, after: args.after }, query, plan),
      );
    },
  }),
}));

builder.objectFields(UserRef, (t) => ({
  groups: t.field({
    type: GroupConnection,
    description:
      'The groups this user has joined, in CometChat order. For a user caller looking at someone else, only public and password groups are listed (a private group stays hidden from non-members).',
    args: {
      first: t.arg.int({
        description: `How many groups to return (0 to ${MAX_PAGE_SIZE}).`,
        defaultValue: DEFAULT_PAGE_SIZE,
      }),
      after: t.arg.string({
        description: 'Return the groups after this cursor (from a previous page).',
      }),
    },
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const plan = joinedGroupsPlan(context, user.uid);
      const hidePrivate = context.caller.kind === 'user' && !plan.asCaller;
      const query: ListGroupsQuery = {
        hasJoined: true,
        ...(hidePrivate ? { types: ['password', 'public'] } : {}),
      };
      return connectionOrError(() =>
        groupConnection(context, { first: args.first, after: args.after }, query, plan),
      );
    },
  }),
}));
