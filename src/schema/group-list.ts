/**
 * Lists of groups read from `GET /groups`: the app's groups (optionally those one user joined,
 * filtered and sorted) and the groups a user has joined.
 */
import { z } from 'zod';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { badUserInput } from '../errors.js';
import type { View } from '../loaders/index.js';
import type { ListGroupsQuery } from '../upstream/groups.js';
import type { GroupRecord, GroupType as GroupTypeValue } from '../upstream/records.js';
import { keyArg, shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  distinctSorted,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { GroupType } from './group.js';
import type { Connection, ConnectionArgs } from './pagination.js';
import { GroupRef, UserRef } from './refs.js';

export const GroupConnection = countedConnection(
  {
    name: 'GroupConnection',
    type: GroupRef,
    description: 'A page of groups.',
    totalCount: 'How many groups match the filters, across all pages.',
  },
  { name: 'GroupEdge', description: 'A group in a page of groups, with its cursor.' },
);

/** Group lists whose argument wording shipped terser than the other lists'. */
const TERSE = { statesDefault: false, sameList: false } as const;

/**
 * One window of `GET /groups` with `query`, read in `view`. Records read in a view other than the
 * caller's come back without that user's membership, so it never passes for the caller's.
 */
function groupConnection(
  view: View,
  args: ConnectionArgs,
  query: ListGroupsQuery,
): Promise<Connection<GroupRecord>> {
  return pagedList(
    args,
    // Without `withTags` CometChat leaves tags out of the list.
    (page, perPage) => view.groups({ ...query, page, perPage, withTags: true }),
    { key: `groups:${JSON.stringify({ ...query, as: view.perspective })}` },
  );
}

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

/**
 * Whose groups `groups` lists, and whether only joined ones: a user caller reads as themselves
 * (naming anyone else in `memberUid` is FORBIDDEN); an admin reads app-wide, or as `memberUid`
 * (then only that user's joined groups).
 */
function groupsScope(
  context: GatewayContext,
  memberUid: string | null,
  joinedOnly: boolean | null | undefined,
): { view: View; hasJoined: boolean } {
  const own = context.view();
  if (own.perspective !== null) {
    const view = context.view(memberUid ?? own.perspective);
    return { view, hasJoined: joinedOnly === true || memberUid !== null };
  }
  if (memberUid !== null) {
    if (joinedOnly === false) {
      throw badUserInput(
        '`memberUid` lists the groups that user has joined; drop `joinedOnly: false`.',
      );
    }
    return { view: context.view(memberUid), hasJoined: true };
  }
  if (joinedOnly === true) {
    throw badUserInput(
      '`joinedOnly` needs a user: an admin caller passes `memberUid` to pick whose groups.',
    );
  }
  return { view: own, hasJoined: false };
}

builder.queryFields((t) => ({
  groups: t.field({
    type: GroupConnection,
    nullable: true,
    description:
      'Groups of the app, in CometChat order unless `orderBy` is given, optionally filtered. A user caller sees public and password groups plus the private groups they are in. Null when it could not be read (the error on this field says why).',
    args: {
      ...forwardPageArgs('groups', TERSE),
      search: t.arg.string({
        description: 'Only groups whose name or guid starts with this text (see `searchIn`).',
        validate: shortTextArg,
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
        validate: keyArg,
      }),
      orderBy: t.arg({ type: GroupOrder, description: 'How to sort; CometChat order if omitted.' }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      const memberUid = args.memberUid?.trim().toLowerCase() ?? null;
      const { view, hasJoined } = groupsScope(context, memberUid, args.joinedOnly);
      const searchIn = distinctSorted(args.searchIn);
      const types = distinctSorted<GroupTypeValue>(args.types);
      const tags = distinctSorted(args.tags);
      const query: ListGroupsQuery = {
        ...(args.search ? { searchKey: args.search } : {}),
        ...(searchIn ? { searchIn } : {}),
        ...(types ? { types } : {}),
        ...(tags ? { tags } : {}),
        ...(hasJoined ? { hasJoined: true } : {}),
        ...(args.orderBy
          ? { sortBy: args.orderBy.field, sortOrder: args.orderBy.direction ?? 'asc' }
          : {}),
      };
      return groupConnection(view, args, query);
    },
  }),
}));

builder.objectFields(UserRef, (t) => ({
  groups: t.field({
    type: GroupConnection,
    nullable: true,
    description:
      'The groups this user has joined, in CometChat order. Only an admin or the user themself may read it (others get FORBIDDEN): CometChat lists joined groups only to their member. Null when it could not be read (the error on this field says why).',
    args: forwardPageArgs('groups', TERSE),
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const view = context.view();
      // In a user's view someone else's list holds their public and password groups only.
      const others = view.perspective !== null && view.perspective !== user.uid;
      const query: ListGroupsQuery = {
        hasJoined: true,
        ...(others ? { types: ['password', 'public'] } : {}),
      };
      return pagedList(
        args,
        (page, perPage) =>
          view.groupsJoinedBy(user.uid, { ...query, page, perPage, withTags: true }),
        { key: `groups:${JSON.stringify({ ...query, as: user.uid })}` },
      );
    },
  }),
}));
