/**
 * Lists of users read from `GET /users`: the app's users and a role's users, with the filters
 * CometChat offers there.
 */
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import type { UserRecord } from '../upstream/records.js';
import type { ListUsersQuery } from '../upstream/users.js';
import { keyArg, keyListArg, shortTextArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  distinctSorted,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { startRolesAhead } from './look-ahead.js';
import type { Connection, ConnectionArgs } from './pagination.js';
import { UserRef } from './refs.js';
import { UserSearchField, UserStatus } from './user.js';

export const UserConnection = countedConnection(
  {
    name: 'UserConnection',
    type: UserRef,
    description: 'A page of users.',
    totalCount: 'How many users match the filters, across all pages.',
  },
  { name: 'UserEdge', description: 'A user in a page of users, with its cursor.' },
);

/** The filters every list of users offers: a text search and the connection status. */
export const userFilterArgs = builder.args((t) => ({
  search: t.string({
    description:
      'Only users whose uid or name starts with this text (case-insensitive; see `searchIn`).',
    validate: shortTextArg,
  }),
  searchIn: t.field({
    type: [UserSearchField],
    description: 'Which fields `search` matches; both uid and name when omitted.',
  }),
  status: t.field({ type: UserStatus, description: 'Only users with this status.' }),
}));

export interface UserListFilters {
  search: string | null;
  searchIn: ('uid' | 'name')[] | null;
  status: 'available' | 'offline' | null;
  roles: string[] | null;
  tags: string[] | null;
  deactivated: 'exclude' | 'include' | 'only';
}

/** The part of `UserListFilters` that `userFilterArgs` sets. */
export function userSearchFilters(args: {
  search?: string | null | undefined;
  searchIn?: readonly ('uid' | 'name')[] | null | undefined;
  status?: 'available' | 'offline' | null | undefined;
}): Pick<UserListFilters, 'search' | 'searchIn' | 'status'> {
  return {
    search: args.search?.trim() || null,
    searchIn: distinctSorted(args.searchIn),
    status: args.status ?? null,
  };
}

/**
 * A page of `GET /users` under `filters`, read in the caller's view (which primes its users
 * loader from it). The list is asked `withTags`, so its records hold the full profile.
 */
export function userListConnection(
  context: GatewayContext,
  args: ConnectionArgs,
  filters: UserListFilters,
): Promise<Connection<UserRecord>> {
  const query: ListUsersQuery = {
    withTags: true,
    ...(filters.search ? { searchKey: filters.search } : {}),
    ...(filters.searchIn ? { searchIn: filters.searchIn } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.roles ? { roles: filters.roles } : {}),
    ...(filters.tags ? { tags: filters.tags } : {}),
    ...(filters.deactivated === 'only' ? { onlyDeactivated: true } : {}),
    ...(filters.deactivated === 'include' ? { withDeactivated: true } : {}),
  };
  const view = context.view();
  return pagedList(args, (page, perPage) => view.users({ ...query, page, perPage }), {
    key: `users:${JSON.stringify(filters)}`,
  });
}

builder.queryFields((t) => ({
  users: t.field({
    type: UserConnection,
    nullable: true,
    description:
      'Users of the app, ordered by name then uid, optionally filtered. Deactivated users are left out unless `includeDeactivated` or `onlyDeactivated` is set. Null when it could not be read (the error on this field says why).',
    args: {
      ...forwardPageArgs('users'),
      ...userFilterArgs,
      role: t.arg.string({
        description: 'Only users with this role (its key, e.g. `default`).',
        validate: keyArg,
      }),
      roles: t.arg.stringList({
        description: 'Only users with one of these roles (keys; at most 25). Combines with `role`.',
        validate: keyListArg('at most 25 roles'),
      }),
      tags: t.arg.stringList({
        description: 'Only users carrying at least one of these tags (at most 25).',
        validate: keyListArg('at most 25 tags'),
      }),
      includeDeactivated: t.arg.boolean({
        description: 'Also list deactivated users (default false).',
      }),
      onlyDeactivated: t.arg.boolean({
        description: 'List only deactivated users (default false; wins over `includeDeactivated`).',
      }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context, info) => {
      const connection = userListConnection(context, args, {
        ...userSearchFilters(args),
        roles: distinctSorted(
          [...(args.role ? [args.role] : []), ...(args.roles ?? [])].map((role) =>
            role.trim().toLowerCase(),
          ),
        ),
        tags: distinctSorted(args.tags),
        deactivated: args.onlyDeactivated
          ? 'only'
          : args.includeDeactivated
            ? 'include'
            : 'exclude',
      });
      // `users { role }`: the roles are read alongside the list, not after it.
      startRolesAhead(info, context);
      return connection;
    },
  }),
}));
