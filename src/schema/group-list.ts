/**
 * Lists of groups read from `GET /groups`: the app's groups (optionally those one user joined,
 * filtered and sorted) and the groups a user has joined.
 */
import { z } from 'zod';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { badUserInput, gatewayError } from '../errors.js';
import { withoutMembership } from '../loaders/groups.js';
import { type ListGroupsQuery, listGroups } from '../upstream/groups.js';
import type { GroupRecord, GroupType as GroupTypeValue } from '../upstream/records.js';
import { keyArg, shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  distinctSorted,
  forwardPageArgs,
  pagedList,
  pageOrEmptyForMissingUser,
} from './connections.js';
import { GroupType } from './group.js';
import type { Connection, ConnectionArgs } from './pagination.js';
import { optionsFor } from './perspective.js';
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
 * Fetches one window of `GET /groups` with `query`, read as `actingUid` (null: app-level, as an
 * admin caller), priming the group loader. Records read on behalf of someone other than the caller
 * lose that user's membership fields so they never pass for the caller's.
 */
function groupConnection(
  context: GatewayContext,
  args: ConnectionArgs,
  query: ListGroupsQuery,
  actingUid: string | null,
): Promise<Connection<GroupRecord>> {
  const { caller } = context;
  const asCaller = actingUid === null || (caller.kind === 'user' && caller.uid === actingUid);
  const options = optionsFor(context, actingUid);
  return pagedList(
    args,
    async (page, perPage) => {
      const result = await pageOrEmptyForMissingUser(actingUid, page, perPage, () =>
        // Without `withTags` CometChat leaves tags out of the list.
        listGroups(context.upstream, { ...query, page, perPage, withTags: true }, options),
      );
      return asCaller ? result : { ...result, items: result.items.map(withoutMembership) };
    },
    {
      key: `groups:${JSON.stringify({ ...query, as: actingUid })}`,
      // A user caller's loader holds the caller's view only; an admin's holds membership-free records.
      prime:
        asCaller || caller.kind === 'admin'
          ? (group) => context.loaders.groups.prime(group.guid, group)
          : undefined,
    },
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
 * Whose groups `groups` lists, and whether only joined ones: a user caller reads as themselves; an
 * admin reads app-wide, or as `memberUid` (then only that user's joined groups).
 */
function groupsScope(
  context: GatewayContext,
  memberUid: string | null,
  joinedOnly: boolean | null | undefined,
): { actingUid: string | null; hasJoined: boolean } {
  const { caller } = context;
  if (caller.kind === 'user') {
    if (memberUid !== null && memberUid !== caller.uid) {
      throw gatewayError('FORBIDDEN', 'A user caller may list only their own joined groups.');
    }
    return { actingUid: caller.uid, hasJoined: joinedOnly === true || memberUid !== null };
  }
  if (memberUid !== null) {
    if (joinedOnly === false) {
      throw badUserInput(
        '`memberUid` lists the groups that user has joined; drop `joinedOnly: false`.',
      );
    }
    return { actingUid: memberUid, hasJoined: true };
  }
  if (joinedOnly === true) {
    throw badUserInput(
      '`joinedOnly` needs a user: an admin caller passes `memberUid` to pick whose groups.',
    );
  }
  return { actingUid: null, hasJoined: false };
}

builder.queryFields((t) => ({
  groups: t.field({
    type: GroupConnection,
    description:
      'Groups of the app, in CometChat order unless `orderBy` is given, optionally filtered. A user caller sees public and password groups plus the private groups they are in.',
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
      const { actingUid, hasJoined } = groupsScope(context, memberUid, args.joinedOnly);
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
      return groupConnection(context, args, query, actingUid);
    },
  }),
}));

builder.objectFields(UserRef, (t) => ({
  groups: t.field({
    type: GroupConnection,
    description:
      'The groups this user has joined, in CometChat order. For a user caller looking at someone else, only public and password groups are listed (a private group stays hidden from non-members).',
    args: forwardPageArgs('groups', TERSE),
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const { caller } = context;
      const hidePrivate = caller.kind === 'user' && caller.uid !== user.uid;
      const query: ListGroupsQuery = {
        hasJoined: true,
        ...(hidePrivate ? { types: ['password', 'public'] } : {}),
      };
      return groupConnection(context, args, query, user.uid);
    },
  }),
}));
