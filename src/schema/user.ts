import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import type { UserRecord } from '../upstream/records.js';
import { keyArg } from './arg-checks.js';
import { aliased } from './deprecation.js';
import { startRolesAhead, userChildren } from './look-ahead.js';
import { UserRef } from './refs.js';

/** The mutations import the upstream-failure wrapper from here, under this name. */

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
 * Whether the caller reads as the app (an admin) or as `uid` themself: who may see what is only
 * theirs (private metadata, friends, blocked users).
 */
export function readsAsAppOrSelf(context: GatewayContext, uid: string): boolean {
  const { perspective } = context.view();
  return perspective === null || perspective === uid;
}

/** The `@private` part of metadata holds contact details only admins and the user may read. */
function visibleMetadata(
  user: UserRecord,
  context: GatewayContext,
): Record<string, unknown> | null {
  if (user.metadata === null) return null;
  if (readsAsAppOrSelf(context, user.uid) || !('@private' in user.metadata)) return user.metadata;
  const { '@private': _hidden, ...rest } = user.metadata;
  return rest;
}

async function tagsOf(user: UserRecord, context: GatewayContext): Promise<string[]> {
  if (user.complete) return user.tags;
  const { loaders } = context.view();
  const loaded = await loaders.users.load(user.uid);
  if (loaded?.complete) return loaded.tags;
  // The view's users loader holds a partial record primed from an embedded entity.
  const full = await loaders.profiles.load(user.uid);
  return full?.tags ?? user.tags;
}

/**
 * A viewer field of `user` (`blockedByMe`, `hasBlockedMe`): as the record has it, or, for a record
 * CometChat rendered for nobody (a message's sender, say), as the viewer's own lookup of that user
 * has it. Null when there is no viewer (an admin caller) or the user is the viewer.
 */
async function viewerField(
  user: UserRecord,
  context: GatewayContext,
  field: 'blockedByMe' | 'hasBlockedMe',
): Promise<boolean | null> {
  if (user[field] !== null) return user[field];
  const view = context.view();
  if (view.perspective === null || view.perspective === user.uid) return null;
  const loaded = await view.loaders.users.load(user.uid);
  return loaded === null ? null : loaded[field];
}

export const User = builder.node(UserRef, {
  description: 'A CometChat user: a person (or bot) who sends and receives messages.',
  id: { resolve: (user) => user.uid },
  loadMany: (uids, context) =>
    uids.map((uid) => context.view().loaders.users.load(uid.toLowerCase())),
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
    statusMessage: t.exposeString('statusMessage', {
      nullable: true,
      description: 'A short status text chosen by the user; null when none is set.',
    }),
    metadata: t.field({
      type: 'JSONObject',
      nullable: true,
      description:
        'Free-form JSON the app stores with the user; null when none is set. Its `@private` part (contact details) is shown only to admins and to the user themself.',
      resolve: (user, _args, context) => visibleMetadata(user, context),
    }),
    tags: t.stringList({
      nullable: true,
      description:
        'Labels the app attached to the user, in the order they were set. Free for users read through `user`, `users` or `node`; for users embedded in other objects (message senders, members, friends) CometChat leaves tags out, so reading them costs one upstream call per such user. Null when it could not be read (the error on this field says why).',
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
    ...aliased('isBlockedByViewer', 'blockedByViewer', (options) =>
      t.boolean({
        ...options,
        nullable: true,
        description:
          'Whether the viewer (the user the caller acts as) has blocked this user. Null when there is no viewer (an admin caller), when this is the viewer, or when CometChat did not say.',
        resolve: (user, _args, context) => viewerField(user, context, 'blockedByMe'),
      }),
    ),
    hasBlockedViewer: t.boolean({
      nullable: true,
      description:
        'Whether this user has blocked the viewer (the user the caller acts as). Null when there is no viewer (an admin caller), when this is the viewer, or when CometChat did not say.',
      resolve: (user, _args, context) => viewerField(user, context, 'hasBlockedMe'),
    }),
  }),
});

builder.queryFields((t) => ({
  user: t.field({
    type: User,
    nullable: true,
    description: 'Looks a user up by CometChat uid. Null when no such (active) user exists.',
    args: {
      uid: t.arg.string({
        required: true,
        description: "The user's CometChat identifier (case-insensitive).",
        validate: keyArg,
      }),
    },
    resolve: (_root, args, context, info) => {
      const uid = args.uid.trim().toLowerCase();
      const user = context.view().loaders.users.load(uid);
      userChildren.start(info, context, uid);
      startRolesAhead(info, context);
      return user;
    },
  }),
}));
