import { builder } from '../builder.js';
import { keyArg } from './arg-checks.js';
import {
  connectionComplexity,
  countedConnection,
  forwardPageArgs,
  pagedList,
} from './connections.js';
import { RoleRef, UserRef } from './refs.js';
import {
  UserConnection,
  userFilterArgs,
  userListConnection,
  userSearchFilters,
} from './user-list.js';

export const RoleAudience = builder.enumType('RoleAudience', {
  description: 'Whom a role setting reaches.',
  values: {
    ALL: { value: 'all', description: 'Every user of the app.' },
    FRIENDS_ONLY: { value: 'friendsOnly', description: "Only the user's friends." },
  } as const,
});

type Audience = 'all' | 'friendsOnly';

function audience(settings: Record<string, unknown>, key: string): Audience | null {
  const value = settings[key];
  return value === 'all' || value === 'friendsOnly' ? value : null;
}

const RoleSettings = builder.objectRef<Record<string, unknown>>('RoleSettings').implement({
  description: 'What users with a role may do beyond the defaults.',
  fields: (t) => ({
    listUsers: t.field({
      type: RoleAudience,
      nullable: true,
      description: 'Which users they see when listing users; null when CometChat did not say.',
      resolve: (settings) => audience(settings, 'listUsers'),
    }),
    sendMessagesTo: t.field({
      type: RoleAudience,
      nullable: true,
      description: 'Whom they may send 1:1 messages to; null when CometChat did not say.',
      resolve: (settings) => audience(settings, 'sendMessagesTo'),
    }),
    raw: t.field({
      type: 'JSONObject',
      description:
        'The settings exactly as CometChat holds them, including any not modelled above.',
      resolve: (settings) => settings,
    }),
  }),
});

export const Role = builder.node(RoleRef, {
  description:
    'A role: a named class of users with its own settings (e.g. who they may message). Every app has the `default` role, and at most 25 roles.',
  id: { resolve: (role) => role.role },
  loadMany: (keys, context) =>
    keys.map((key) => context.view().loaders.roles.load(key.toLowerCase())),
  fields: (t) => ({
    role: t.exposeString('role', {
      description: "The role's CometChat key (lowercase), e.g. `default`; users refer to it.",
    }),
    name: t.exposeString('name', { description: 'The display name.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the role is for; null when none is set.',
    }),
    metadata: t.expose('metadata', {
      type: 'JSONObject',
      nullable: true,
      description: 'Free-form JSON the app stores with the role; null when none is set.',
    }),
    settings: t.field({
      type: RoleSettings,
      nullable: true,
      description: 'What users with this role may do; null when the role has no settings.',
      resolve: (role) => role.settings,
    }),
    createdAt: t.expose('createdAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the role was created; null when CometChat did not say.',
    }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the role last changed; null when it never has.',
    }),
    users: t.field({
      type: UserConnection,
      nullable: true,
      description:
        'The active users with this role, ordered by name then uid. Null when it could not be read (the error on this field says why).',
      args: { ...forwardPageArgs('users'), ...userFilterArgs },
      complexity: connectionComplexity,
      resolve: (role, args, context) =>
        userListConnection(context, args, {
          ...userSearchFilters(args),
          roles: [role.role],
          tags: null,
          deactivated: 'exclude',
        }),
    }),
  }),
});

export const RoleConnection = countedConnection(
  {
    name: 'RoleConnection',
    type: Role,
    description: 'A page of roles.',
    totalCount: 'How many roles the app has.',
  },
  { name: 'RoleEdge', description: 'A role in a page of roles, with its cursor.' },
);

builder.objectFields(UserRef, (t) => ({
  role: t.field({
    type: Role,
    nullable: true,
    description:
      "The user's role. Null when the role no longer exists. All roles of a request load with one upstream call.",
    resolve: (user, _args, context) => context.view().loaders.roles.load(user.role),
  }),
}));

builder.queryFields((t) => ({
  role: t.field({
    type: Role,
    nullable: true,
    description:
      'Looks a role up by its key. Null when no such role exists. Admin callers only (an end user reads a role through `User.role`).',
    authScopes: { admin: true },
    args: {
      role: t.arg.string({
        required: true,
        description: "The role's key, e.g. `default` (case-insensitive).",
        validate: keyArg,
      }),
    },
    resolve: (_root, args, context) =>
      context.view().loaders.roles.load(args.role.trim().toLowerCase()),
  }),
  roles: t.field({
    type: RoleConnection,
    nullable: true,
    description:
      'The roles of the app, in CometChat order. Admin callers only. Null when it could not be read (the error on this field says why).',
    authScopes: { admin: true },
    args: forwardPageArgs('roles'),
    complexity: connectionComplexity,
    resolve: (_root, args, context) => {
      const view = context.view();
      return pagedList(args, (page, perPage) => view.roles({ page, perPage }), { key: 'roles' });
    },
  }),
}));
