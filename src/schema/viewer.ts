import { builder } from '../builder.js';
import type { Caller } from '../context.js';
import { User } from './user.js';

export const ViewerKind = builder.enumType('ViewerKind', {
  description: 'How the caller of a request authenticated.',
  values: {
    ADMIN: {
      value: 'admin',
      description: 'An admin token: acts for the whole app, as no particular user.',
    },
    USER: { value: 'user', description: 'An end-user token: acts as one CometChat user.' },
  } as const,
});

export const Viewer = builder.objectRef<Caller>('Viewer').implement({
  description: 'The caller of the current request.',
  fields: (t) => ({
    kind: t.field({
      type: ViewerKind,
      description: 'How the caller authenticated.',
      resolve: (caller) => caller.kind,
    }),
    user: t.field({
      type: User,
      nullable: true,
      description:
        'The CometChat user the caller acts as. Null for an admin token, which acts for the app.',
      resolve: (_caller, _args, context) => {
        const view = context.view();
        return view.perspective === null ? null : view.loaders.users.load(view.perspective);
      },
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    description: 'Who is asking: the caller this request authenticated as.',
    resolve: (_root, _args, context) => context.caller,
  }),
);
