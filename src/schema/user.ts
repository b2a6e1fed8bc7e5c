import { z } from 'zod';
import { builder } from '../builder.js';
import { type GatewayContext, upstreamOptions } from '../context.js';
import { toClientError } from '../errors.js';
import { primeUser, withoutViewerFields } from '../loaders/prime.js';
import { hasFullProfile, markFullProfile } from '../loaders/users.js';
import type { Page, UserRecord } from '../upstream/records.js';
import { listBlockedUsers, listFriends } from '../upstream/relations.js';
import { type ListUsersQuery, listUsers } from '../upstream/users.js';
import {
  type Connection,
  type ConnectionArgs,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pagedConnection,
} from './pagination.js';
import { UserRef } from './refs.js';

/** The `first`/`after` pair of a forward-only connection field over `noun`. */
export function forwardPageArgs(noun: string) {
  return builder.args((t) => ({
    first: t.int({
      description: `How many ${noun} to return (0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).`,
      defaultValue: DEFAULT_PAGE_SIZE,
    }),
    after: t.string({
      description: `Return the ${noun} after this cursor (from a previous page of the same list).`,
    }),
  }));
}

/** Complexity of a connection field: every item may cost a further upstream call. */
export function connectionComplexity(args: { first?: number | null | undefined }): {
  field: number;
  multiplier: number;
} {
  return { field: 1, multiplier: args.first ?? DEFAULT_PAGE_SIZE };
}

/** Runs an upstream-backed resolver step, turning upstream failures into client errors. */
export async function clientErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toClientError(error);
  }
}

export const UserStatus = builder.enumType('UserStatus', {
  description: 'Whether a user is connected to CometChat right now.',
  values: {
    ONLINE: { value: 'available', description: 'Connected (CometChat calls this `available`).' },
    OFFLINE: { value: 'offline', description: 'Not connected.' },
  } as const,
});

export const UserSearchField = builder.enumType('UserSearchField', {
  description: 'A user field that `search` can match.',
  values: {
    UID: { value: 'uid', description: "The user's uid." },
    NAME: { value: 'name', description: "The user's display name." },
  } as const,
});

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

/** The `@private` part of metadata holds contact details only admins and the user may read. */
function visibleMetadata(
  user: UserRecord,
  context: GatewayContext,
): Record<string, unknown> | null {
  if (user.metadata === null) return null;
  const trusted =
    context.caller.kind === 'admin' ||
    (context.caller.kind === 'user' && context.caller.uid === user.uid);
  if (trusted || !('@private' in user.metadata)) return user.metadata;
  const { '@private': _hidden, ...rest } = user.metadata;
  return rest;
}

async function tagsOf(user: UserRecord, context: GatewayContext): Promise<string[]> {
  if (hasFullProfile(user)) return user.tags;
  const loaded = await clientErrors(context.loaders.users.load(user.uid));
  if (loaded && hasFullProfile(loaded)) return loaded.tags;
  // The request's users loader holds a partial record primed from an embedded entity.
  const full = await clientErrors(context.loaders.userProfiles.load(user.uid));
  return full?.tags ?? user.tags;
}

export const User = builder.node(UserRef, {
  description: 'A CometChat user: a person (or bot) who sends and receives messages.',
  id: { resolve: (user) => user.uid },
  loadMany: (uids, context) =>
    uids.map((uid) => clientErrors(context.loaders.users.load(uid.toLowerCase()))),
  fields: (t) => ({
    uid: t.exposeString('uid', {
      description: "The user's CometChat identifier (lowercase), unique within the app.",
    }),
    name: t.exposeString('name', { description: 'The display name.' }),
    avatar: t.exposeString('avatar', {
      nullable: true,
      description: "URL of the user's picture; null when none is set.",
    }),
    link: t.exposeString('link', {
      nullable: true,
      description: "URL of the user's profile page; null when none is set.",
    }),
    status: t.expose('status', {
      type: UserStatus,
      description: 'Whether the user is connected right now.',
    }),
    statusMessage: t.string({
      nullable: true,
      description: 'A short status text chosen by the user; null when none is set.',
      // Clearing a status message stores "" upstream (CometChat cannot unset it): both mean none.
      resolve: (user) => user.statusMessage || null,
    }),
    metadata: t.field({
      type: 'JSONObject',
      nullable: true,
      description:
        'Free-form JSON the app stores with the user; null when none is set. Its `@private` part (contact details) is shown only to admins and to the user themself.',
      resolve: (user, _args, context) => visibleMetadata(user, context),
    }),
    tags: t.stringList({
      description:
        'Labels the app attached to the user, in the order they were set. Free for users read through `user`, `users` or `node`; for users embedded in other objects (message senders, members, friends) CometChat leaves tags out, so reading them costs one upstream call per such user.',
      resolve: (user, _args, context) => tagsOf(user, context),
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      description: 'When the user was created.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the profile last changed; null when it never has.',
    }),
    lastActiveAt: t.expose('lastActiveAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the user was last connected; null when never.',
    }),
    deactivatedAt: t.expose('deactivatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the user was deactivated; null for an active user.',
    }),
    isDeactivated: t.boolean({
      description:
        'Whether the user is deactivated (hidden from lists and lookups unless asked for).',
      resolve: (user) => user.deactivatedAt !== null,
    }),
    blockedByViewer: t.boolean({
      nullable: true,
      description:
        'Whether the viewer (the user the caller acts as) has blocked this user. Null when there is no viewer (an admin caller), when this is the viewer, or when CometChat did not say.',
      resolve: (user) => user.blockedByMe,
    }),
    hasBlockedViewer: t.boolean({
      nullable: true,
      description:
        'Whether this user has blocked the viewer (the user the caller acts as). Null when there is no viewer (an admin caller), when this is the viewer, or when CometChat did not say.',
      resolve: (user) => user.hasBlockedMe,
    }),
  }),
});

function seenByPage(
  result: Page<UserRecord>,
  ownerUid: string,
  context: GatewayContext,
): Page<UserRecord> {
  return { ...result, items: result.items.map((item) => seenBy(item, ownerUid, context)) };
}

const searchSchema = z.string().max(100, 'is at most 100 characters');

export const UserConnection = builder.connectionObject(
  {
    name: 'UserConnection',
    type: UserRef,
    description: 'A page of users.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many users match the filters, across all pages.',
        resolve: (connection) => connection.totalCount ?? 0,
      }),
    }),
  },
  { name: 'UserEdge', description: 'A user in a page of users, with its cursor.' },
);

export const BlockedUserConnection = builder.connectionObject(
  {
    name: 'BlockedUserConnection',
    type: UserRef,
    description: 'A page of the users someone has blocked.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many users are blocked, across all pages.',
        resolve: (connection) => connection.totalCount ?? 0,
      }),
    }),
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
    description: "The user's friends (friendship is mutual), in CometChat order.",
    args: {
      ...forwardPageArgs('friends'),
      search: t.arg.string({
        description: 'Only friends whose uid or name starts with this text (case-insensitive).',
        validate: searchSchema,
      }),
    },
    complexity: connectionComplexity,
    resolve: (user, args, context) => {
      const search = args.search?.trim() || null;
      return clientErrors(
        pagedConnection(
          { first: args.first, after: args.after },
          async (page, perPage) =>
            seenByPage(
              await listFriends(
                context.upstream,
                user.uid,
                { page, perPage, ...(search ? { searchKey: search } : {}) },
                upstreamOptions(context),
              ),
              user.uid,
              context,
            ),
          { key: `friends:${user.uid}:${JSON.stringify({ search })}` },
        ),
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
      clientErrors(
        pagedConnection(
          { first: args.first, after: args.after },
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
      ),
  }),
}));

const uidSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'is at most 100 characters');
const idListSchema = (what: string) =>
  z
    .array(z.string().trim().min(1, 'must not be empty').max(100, 'is at most 100 characters'))
    .max(25, `at most 25 ${what}`);

export interface UserListFilters {
  search: string | null;
  searchIn: ('uid' | 'name')[] | null;
  status: 'available' | 'offline' | null;
  roles: string[] | null;
  tags: string[] | null;
  deactivated: 'exclude' | 'include' | 'only';
}

/**
 * A page of `GET /users` under `filters`, primed into the request's users loader. The list is
 * asked `withTags`, so its records hold the full profile.
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
  return clientErrors(
    (async () => {
      const connection = await pagedConnection(
        args,
        async (page, perPage) => {
          const result = await listUsers(
            context.upstream,
            { ...query, page, perPage },
            upstreamOptions(context),
          );
          for (const user of result.items) markFullProfile(user);
          return result;
        },
        { key: `users:${JSON.stringify(filters)}` },
      );
      // Deactivated users are not found by `GET /users/{uid}`; only active ones are primed.
      const renderedFor = context.caller.kind === 'user' ? context.caller.uid : null;
      for (const user of connection.nodes) {
        if (user.deactivatedAt === null) primeUser(context, user, renderedFor);
      }
      return connection;
    })(),
  );
}

function distinctLowercase(values: readonly string[] | null | undefined): string[] | null {
  if (!values || values.length === 0) return null;
  return [...new Set(values.map((value) => value.trim().toLowerCase()))].sort();
}

builder.queryFields((t) => ({
  user: t.field({
    type: User,
    nullable: true,
    description: 'Looks a user up by CometChat uid. Null when no such (active) user exists.',
    args: {
      uid: t.arg.string({
        required: true,
        description: "The user's CometChat identifier (case-insensitive).",
        validate: uidSchema,
      }),
    },
    resolve: (_root, args, context) =>
      clientErrors(context.loaders.users.load(args.uid.trim().toLowerCase())),
  }),
  users: t.field({
    type: UserConnection,
    description:
      'Users of the app, ordered by name then uid, optionally filtered. Deactivated users are left out unless `includeDeactivated` or `onlyDeactivated` is set.',
    args: {
      ...forwardPageArgs('users'),
      search: t.arg.string({
        description:
          'Only users whose uid or name starts with this text (case-insensitive; see `searchIn`).',
        validate: searchSchema,
      }),
      searchIn: t.arg({
        type: [UserSearchField],
        description: 'Which fields `search` matches; both uid and name when omitted.',
      }),
      status: t.arg({ type: UserStatus, description: 'Only users with this status.' }),
      role: t.arg.string({
        description: 'Only users with this role (its key, e.g. `default`).',
        validate: uidSchema,
      }),
      roles: t.arg.stringList({
        description: 'Only users with one of these roles (keys; at most 25). Combines with `role`.',
        validate: idListSchema('roles'),
      }),
      tags: t.arg.stringList({
        description: 'Only users carrying at least one of these tags (at most 25).',
        validate: idListSchema('tags'),
      }),
      includeDeactivated: t.arg.boolean({
        description: 'Also list deactivated users (default false).',
      }),
      onlyDeactivated: t.arg.boolean({
        description: 'List only deactivated users (default false; wins over `includeDeactivated`).',
      }),
    },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      const roles = distinctLowercase([...(args.role ? [args.role] : []), ...(args.roles ?? [])]);
      const tags = args.tags && args.tags.length > 0 ? [...new Set(args.tags)].sort() : null;
      const searchIn =
        args.searchIn && args.searchIn.length > 0 ? [...new Set(args.searchIn)] : null;
      return userListConnection(
        context,
        { first: args.first, after: args.after },
        {
          search: args.search?.trim() || null,
          searchIn: searchIn ? searchIn.sort() : null,
          status: args.status ?? null,
          roles,
          tags,
          deactivated: args.onlyDeactivated
            ? 'only'
            : args.includeDeactivated
              ? 'include'
              : 'exclude',
        },
      );
    },
  }),
}));
